/**
 * What dynamodb enables in a world (its `actions`, in a fixed order: per Region, per item
 * the update, read, catch-up and replication, then the Region's outage or recovery).
 */
import type { World } from '../../compose/component.js';
import { AZ, type AzState } from '../az/index.js';
import { rootOf } from '../../compose/instances.js';
import { regionUpByName } from '../region/index.js';
import type { DynamoDbAction } from './actions.js';
import type { DynamoDbConfig } from './options.js';
import { DYNAMODB, type DynamoDbState } from './state.js';

/** Zones of the home Region: the table survives one zone down (true without an az component). */
function homeZonesOk(world: World): boolean {
  const zones = world[AZ] as AzState | undefined;
  if (zones === undefined) return true;
  let down = 0;
  for (const up of zones.up) if (!up) down++;
  return down <= 1;
}
/** Replica `r`'s Region instance is up (`replicaRegions`; always without them). */
function replicaRegionUp(c: DynamoDbConfig, r: number, world: World): boolean {
  return c.replicaRegions === undefined || regionUpByName(rootOf(world), c.replicaRegions[r]);
}
/** DynamoDB in Region `r` answers: the Region is up (and, for the home Region, its zones are). */
function available(c: DynamoDbConfig, s: DynamoDbState, r: number, world: World): boolean {
  return s.regions[r].up && replicaRegionUp(c, r, world) && (r !== 0 || homeZonesOk(world));
}

/** Pushes every action dynamodb enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function dynamodbActions(c: DynamoDbConfig, world: World, out: DynamoDbAction[]): void {
  const s = world[DYNAMODB] as DynamoDbState;
  const R = c.regions;
  const items = c.items;
  const A = c.A;
  for (let r = 0; r < R; r++) {
    const region = s.regions[r];
    const open = available(c, s, r, world);
    // With replicaRegions, a replica in a down Region neither catches up nor replicates (nor is replicated to).
    const here = region.up && replicaRegionUp(c, r, world);
    const there = R === 2 && s.regions[1 - r].up && replicaRegionUp(c, 1 - r, world);
    for (let i = 0; i < items; i++) {
      const k = r * items + i;
      const x = region.items[i];
      if (open && s.issued < c.writes) out.push(A.update[k]);
      if (open) out.push(A.get[k]);
      if (here && x.lagging) out.push(A.catchUp[k]);
      if (here && there && x.writer > s.regions[1 - r].items[i].writer) out.push(A.replicate[k]);
    }
    if (region.up) {
      if (s.outages < c.maxOutages) out.push(A.outage[r]);
    } else {
      out.push(A.recover[r]);
    }
  }
}
