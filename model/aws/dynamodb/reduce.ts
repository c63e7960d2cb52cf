/**
 * The dynamodb reducer: one function per action type; each returns the new slice, or `s`
 * itself when nothing changed.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { DdbCopyCatchUp, DdbReplicate, DynamoDbAction, GetItem, UpdateItem } from './actions.js';
import type { DynamoDbConfig } from './options.js';
import { ddbRegion, ddbReplica, dynamodbState, type DdbReplica, type DynamoDbState } from './state.js';

/** The slice after `a` (`world` is the world before it, unused: dynamodb reads only its own slice). */
export function reduceDynamoDb(c: DynamoDbConfig, s: DynamoDbState, a: DynamoDbAction, world: World): DynamoDbState {
  switch (a.type) {
    case 'UpdateItem':
      return updateItem(s, a);
    case 'GetItem':
      return getItem(c, s, a);
    case 'DdbCopyCatchUp':
      return ddbCopyCatchUp(s, a);
    case 'DdbReplicate':
      return ddbReplicate(s, a);
    case 'DdbRegionOutage':
      return withRegionUp(s, a.region, false, s.outages + 1);
    case 'DdbRegionRecover':
      return withRegionUp(s, a.region, true, s.outages);
    default:
      return assertNever(a);
  }
}

function withReplica(s: DynamoDbState, r: number, i: number, x: DdbReplica, issued: number, lost: readonly number[]): DynamoDbState {
  const regions = s.regions.slice();
  const its = regions[r].items.slice();
  its[i] = x;
  regions[r] = ddbRegion(regions[r].up, its);
  return dynamodbState(regions, issued, lost, s.staleRead, s.outages);
}
function withRegionUp(s: DynamoDbState, r: number, up: boolean, outages: number): DynamoDbState {
  const regions = s.regions.slice();
  regions[r] = ddbRegion(up, regions[r].items);
  return dynamodbState(regions, s.issued, s.lost, s.staleRead, outages);
}

function updateItem(s: DynamoDbState, a: UpdateItem): DynamoDbState {
  const x = s.regions[a.region].items[a.item];
  const id = s.issued + 1;
  // The lagging zone copy keeps the oldest value it has not caught up from.
  const prev = x.lagging ? x.prev : x.value;
  return withReplica(s, a.region, a.item, ddbReplica(x.value | (1 << (id - 1)), id, prev, true), id, s.lost);
}
function getItem(c: DynamoDbConfig, s: DynamoDbState, a: GetItem): DynamoDbState {
  const x = s.regions[a.region].items[a.item];
  const stale = c.eventual && x.lagging && x.prev !== x.value;
  return stale && !s.staleRead ? dynamodbState(s.regions, s.issued, s.lost, true, s.outages) : s;
}
function ddbCopyCatchUp(s: DynamoDbState, a: DdbCopyCatchUp): DynamoDbState {
  const x = s.regions[a.region].items[a.item];
  return withReplica(s, a.region, a.item, ddbReplica(x.value, x.writer, x.value, false), s.issued, s.lost);
}
function ddbReplicate(s: DynamoDbState, a: DdbReplicate): DynamoDbState {
  const to = 1 - a.from;
  const src = s.regions[a.from].items[a.item];
  const dst = s.regions[to].items[a.item];
  // Last writer wins: what only the overwritten replica had is gone.
  const overwritten = dst.value & ~src.value;
  let lost = s.lost;
  if (overwritten !== 0) {
    const next = lost.slice();
    next[a.item] |= overwritten;
    lost = next;
  }
  const prev = dst.lagging ? dst.prev : dst.value;
  return withReplica(s, to, a.item, ddbReplica(src.value, src.writer, prev, true), s.issued, lost);
}
