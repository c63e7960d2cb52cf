/**
 * DynamoDB global tables linked to Region instances (issue 15, `replicaRegions`): a replica in
 * a down Region takes no write, does not replicate and is not replicated to, so a Region
 * outage takes its unreplicated writes along (INV-DDB-3); without the option nothing changes.
 * Step sequences by label, and the two global-table properties of properties/dr-strategies.ts.
 */
import { describe, expect, it } from 'vitest';
import { dynamodb, type DynamoDbOptions, type DynamoDbState } from '../../../model/aws/dynamodb/index.js';
import { region } from '../../../model/aws/region/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose } from '../../../model/compose/compose.js';
import type { Action, Model } from '../../../model/core/model.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { recoveryPointZero, replicationLagWithin } from '../../../properties/dr-strategies.js';

const enabled = (m: Model<World, Action>, s: World) => m.actions(s).map((a) => m.format!(a));
function runLabels(m: Model<World, Action>, labels: readonly string[], start: World = m.init()[0]): World {
  let s = start;
  for (const l of labels) {
    const a = m.actions(s).find((x) => m.format!(x) === l);
    if (a === undefined) throw new Error(`${l} is not enabled; enabled: ${enabled(m, s).join(' ')}`);
    s = m.next(s, a);
  }
  return s;
}
const table = (w: World) => w.table as DynamoDbState;

/** A global table in `west` and `east` (linked or not), one item, two writes; `west` fails for good. */
function model(linked: boolean, extra: Partial<DynamoDbOptions> = {}) {
  return compose([
    region({ name: 'west', recoverable: false }),
    region({ name: 'east', maxOutages: 0 }),
    dynamodb({ name: 'table', regions: 2, writes: 2, consistentReads: true, maxRegionOutages: 0, ...(linked ? { replicaRegions: ['west', 'east'] } : {}), ...extra }),
  ], {
    tickSeconds: 60, // no timers here; the clock gives ReplicationLagWithin its seconds
    maxFaults: 1,
    properties: [recoveryPointZero('table', ['west', 'east']), replicationLagWithin(0, 'table', ['west', 'east'])],
  }) as unknown as Model<World, Action>;
}

describe('dynamodb replicaRegions: replicas follow their Regions', () => {
  it('a write in west replicates to east while both Regions are up', () => {
    const m = model(true);
    const s = runLabels(m, ['table.UpdateItem(0, 0)', 'table.DdbReplicate(0, 0)']);
    expect(table(s).regions[1].items[0].value).toBe(0b1);
  });

  it('west down: no write, read, catch-up or replication there; east keeps taking writes; the unreplicated write is gone', () => {
    const m = model(true);
    const down = runLabels(m, ['table.UpdateItem(0, 0)', 'west.RegionOutage']);
    const labels = enabled(m, down);
    expect(labels.filter((l) => /\(0, 0\)/.test(l))).toEqual([]); // UpdateItem, GetItem, DdbCopyCatchUp, DdbReplicate of west
    expect(labels).toEqual(expect.arrayContaining(['table.UpdateItem(1, 0)', 'table.GetItem(1, 0)']));
    expect(table(down).regions[0].items[0].value).toBe(0b1); // still there, in a Region that is down
    expect(m.properties[0].kind === 'always' && m.properties[0].pred(down)).toBe(false); // RecoveryPointZero
    // Nor is east's newer write replicated into the down Region.
    const eastWrite = runLabels(m, ['table.UpdateItem(1, 0)'], down);
    expect(enabled(m, eastWrite)).not.toContain('table.DdbReplicate(1, 0)');
  });

  it('without replicaRegions the table ignores the Region: writes and replication go on in a down west', () => {
    const m = model(false);
    const down = runLabels(m, ['table.UpdateItem(0, 0)', 'west.RegionOutage']);
    expect(enabled(m, down)).toEqual(expect.arrayContaining(['table.UpdateItem(0, 0)', 'table.DdbReplicate(0, 0)']));
  });

  it('exhaustively: a failover can lose the newest write (RecoveryPointZero fails) but replication lags under a tick (ReplicationLagWithin(0) holds)', () => {
    const r = exploreExhaustive(model(true), { promptControl: true });
    expect(r.stats.complete).toBe(true);
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual({ RecoveryPointZero: 'fails', ReplicationLagWithin: 'holds' });
    expect(r.properties[0].counterexample!.labels).toEqual(['table.UpdateItem(0, 0)', 'west.RegionOutage']);
  });

  it('replicaRegions must name one Region instance per replica', () => {
    expect(() => dynamodb({ regions: 2, replicaRegions: ['west'] })).toThrow('dynamodb: replicaRegions must name one region instance per replica (2), got ["west"]');
    expect(() => dynamodb({ regions: 1, replicaRegions: ['us-west-2'] })).toThrow('dynamodb: replicaRegions must name one region instance per replica (1), got ["us-west-2"]');
  });
});
