/**
 * S3 Cross-Region Replication (issue 15): asynchronous replication of new object versions to a
 * bucket in another Region, bounded at 15 minutes with Replication Time Control and unbounded
 * without; ages that stop at the source Region's failure. Step sequences by label.
 */
import { describe, expect, it } from 'vitest';
import { region } from '../../../model/aws/region/index.js';
import { s3 } from '../../../model/aws/s3/index.js';
import { objectRecoveryPointSeconds, s3Replica, type S3ReplicaState } from '../../../model/aws/s3-replica/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose } from '../../../model/compose/compose.js';
import type { Action, Model } from '../../../model/core/model.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { objectRecoveryPointWithin } from '../../../properties/dr.js';

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
const ticks = (n: number) => Array<string>(n).fill('Tick');
const replica = (w: World) => w.bucketEast as S3ReplicaState;

/** A versioned bucket in `west` replicated to `east` (one key, two writes), in one-minute ticks. */
function model(rtc: boolean, rpo?: number) {
  return compose([
    region({ name: 'west', recoverable: false }),
    region({ name: 'east', maxOutages: 0 }),
    s3({ name: 'bucket', versioning: 'enabled', maxAccidents: 0, uses: { region: 'west' } }),
    s3Replica({ name: 'bucketEast', source: 'bucket', sourceRegion: 'west', replicationTimeControl: rtc, tickSeconds: 60, uses: { region: 'east' } }),
  ], { maxFaults: 1, properties: rpo === undefined ? [] : [objectRecoveryPointWithin(rpo)] }) as unknown as Model<World, Action>;
}

describe('s3Replica: Cross-Region Replication', () => {
  it('replicates a new write whenever replication flows', () => {
    const m = model(true);
    const put = runLabels(m, ['bucket.PutObject(0)']);
    expect(enabled(m, put)).toContain('bucketEast.S3ReplicateObject(0)');
    expect(replica(runLabels(m, ['bucketEast.S3ReplicateObject(0)'], put))).toMatchObject({ replicated: [1], ages: [[0, 0]] });
  });

  it('with Replication Time Control: at the latest 15 minutes after the write', () => {
    const m = model(true);
    const old = runLabels(m, ['bucket.PutObject(0)', ...ticks(15)]);
    expect(replica(old)).toMatchObject({ replicated: [0], ages: [[15, 0]] });
    expect(objectRecoveryPointSeconds(replica(old))).toBe(900);
    expect(replica(runLabels(m, ['Tick'], old))).toMatchObject({ replicated: [1], ages: [[0, 0]] });
  });

  it('without it: no bound (past 15 minutes the recovery point is unbounded)', () => {
    const m = model(false);
    const s = runLabels(m, ['bucket.PutObject(0)', ...ticks(17)]);
    expect(replica(s)).toMatchObject({ replicated: [0], ages: [[16, 0]] });
    expect(objectRecoveryPointSeconds(replica(s))).toBe(Infinity);
  });

  it("the source Region's outage stops writes, replication and the ages: the loss is measured at the failure", () => {
    const m = model(true);
    const down = runLabels(m, ['bucket.PutObject(0)', 'Tick', 'Tick', 'Tick', 'west.RegionOutage']);
    // No write, no replication, and no timer left running: time has nothing to move.
    expect(enabled(m, down)).toEqual([]);
    expect(replica(down)).toMatchObject({ replicated: [0], ages: [[3, 0]] });
    expect(objectRecoveryPointSeconds(replica(down))).toBe(180);
  });

  it('ObjectRecoveryPointWithin: 900 s holds with RTC and fails a tick below, at 15 ticks; it fails at any bound without RTC', () => {
    const verdict = (m: Model<World, Action>) => exploreExhaustive(m).properties[0];
    expect(verdict(model(true, 900)).verdict).toBe('holds');
    const below = verdict(model(true, 840));
    const m = model(true);
    expect(below.verdict).toBe('fails');
    expect(below.counterexample!.actions.map((a) => m.format!(a))).toEqual(['bucket.PutObject(0)', ...ticks(15)]);
    expect(verdict(model(false, 86_400)).verdict).toBe('fails');
  });

  it('under prompt control (faultline check\'s default) too: replication may wait while time passes, so the same verdicts', () => {
    const verdict = (m: Model<World, Action>) => exploreExhaustive(m, { promptControl: true }).properties[0];
    expect(model(true).mayDefer).toBeDefined();
    expect(verdict(model(true, 900)).verdict).toBe('holds');
    const below = verdict(model(true, 840));
    expect(below.verdict).toBe('fails');
    expect(below.counterexample!.actions.map((a) => model(true).format!(a))).toEqual(['bucket.PutObject(0)', ...ticks(15)]);
    expect(verdict(model(false, 86_400)).verdict).toBe('fails');
  });

  it('refuses a misspelt option and a source that does not match, in one line', () => {
    expect(() => s3Replica({ replicationTimeControll: true } as never)).toThrow(/^s3Replica: unknown option replicationTimeControll.*replicationTimeControl/);
    const m = compose([s3({ name: 'bucket', keys: 2 }), s3Replica({ source: 'bucket' })]) as unknown as Model<World, Action>;
    expect(() => m.actions(m.init()[0])).toThrow('s3Replica: keys is 1, but its source bucket has 2; give both the same keys');
  });
});
