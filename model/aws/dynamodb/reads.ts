/**
 * Reads of the dynamodb slice for properties and scenarios. Re-exported by `index.ts`
 * (import from there).
 */
import type { World } from '../../compose/component.js';
import { DYNAMODB, type DynamoDbState } from './state.js';

/** The dynamodb slice of `world`. */
export function dynamodbSlice(world: World): DynamoDbState {
  return world[DYNAMODB] as DynamoDbState;
}
/** The counter's value in `region` (increments included). */
export function itemCount(s: DynamoDbState, region: number, item: number): number {
  let v = s.regions[region].items[item].value;
  let n = 0;
  for (; v !== 0; v &= v - 1) n++;
  return n;
}
/** NoLostUpdate (INV-DDB-2): no acknowledged increment was overwritten by a concurrent write. */
export function noLostUpdate(s: DynamoDbState): boolean {
  for (const l of s.lost) if (l !== 0) return false;
  return true;
}
/** ReadYourWrites (INV-DDB-1): no read returned less than its Region had acknowledged. */
export function noStaleRead(s: DynamoDbState): boolean {
  return !s.staleRead;
}
/** Every acknowledged, not lost, increment is readable in some available Region (INV-DDB-3). */
export function ackedWritesAvailable(s: DynamoDbState): boolean {
  for (let i = 0; i < s.lost.length; i++) {
    let all = 0;
    let available = 0;
    for (const r of s.regions) {
      all |= r.items[i].value;
      if (r.up) available |= r.items[i].value;
    }
    if ((all & ~available) !== 0) return false;
  }
  return true;
}
