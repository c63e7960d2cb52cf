/**
 * The RDS cross-Region read replica (issue 15): asynchronous replication with a lag bound in
 * ticks, ages that stop at the source's failure, promotion by the runbook on the standby
 * Region's control plane, and the recovery point it reaches. Step sequences by label.
 */
import { describe, expect, it } from 'vitest';
import { controlPlane } from '../../../model/aws/control-plane/index.js';
import { rds } from '../../../model/aws/rds/index.js';
import { rdsReplica, recoveryPointSeconds, type RdsReplicaState } from '../../../model/aws/rds-replica/index.js';
import { region } from '../../../model/aws/region/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose } from '../../../model/compose/compose.js';
import type { Action, Model } from '../../../model/core/model.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { deferredTick } from '../../../engine/recovery.js';
import { recoveryPointWithin } from '../../../properties/dr.js';

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
const replica = (w: World) => w.dbEast as RdsReplicaState;

/** Two Regions, a source in `west`, its replica in `east` with a 5-minute lag bound in 1-minute ticks. */
function model(props: { lagSeconds?: number; rpo?: number } = {}) {
  return compose([
    region({ name: 'west', recoverable: false }),
    region({ name: 'east', maxOutages: 0 }),
    controlPlane({ name: 'westCp', faults: [], uses: { region: 'west' } }),
    controlPlane({ name: 'eastCp', faults: [], uses: { region: 'east' } }),
    rds({ name: 'db', tickSeconds: 60, azFaults: false, maxInstanceFailures: 0, writes: 2, uses: { region: 'west', controlPlane: 'westCp' } }),
    rdsReplica({
      name: 'dbEast', tickSeconds: 60, source: 'db', sourceRegion: 'west', writes: 2, lagSeconds: props.lagSeconds ?? 300, runbook: ['promote'],
      uses: { region: 'east', controlPlane: 'eastCp' },
    }),
  ], { maxFaults: 1, recovery: ['dbEast.PromoteCrossRegionReplica'], properties: props.rpo === undefined ? [] : [recoveryPointWithin(props.rpo)] }) as unknown as Model<World, Action>;
}

describe('rdsReplica: asynchronous replication with a lag bound', () => {
  it('applies a write whenever replication flows, and at the latest lagSeconds after it was acknowledged', () => {
    const m = model();
    const acked = runLabels(m, ['db.DbWrite(0)']);
    expect(enabled(m, acked)).toContain('dbEast.CrossRegionReplicaApply');
    expect(replica(runLabels(m, ['dbEast.CrossRegionReplicaApply'], acked))).toMatchObject({ applied: 1, ages: [0, 0] });
    // Five one-minute ticks: the write is 300 s old, still unapplied (the lag is nondeterministic within the bound).
    const old = runLabels(m, ticks(5), acked);
    expect(replica(old)).toMatchObject({ applied: 0, ages: [5, 0] });
    // The sixth tick applies it first (it has waited the whole bound), then time passes.
    expect(replica(runLabels(m, ['Tick'], old))).toMatchObject({ applied: 1, ages: [0, 0] });
  });

  it('promotion waits for the source to stop taking writes, and needs the standby Region up', () => {
    const m = model();
    expect(enabled(m, m.init()[0])).not.toContain('dbEast.PromoteCrossRegionReplica');
    expect(enabled(m, runLabels(m, ['west.RegionOutage']))).toContain('dbEast.PromoteCrossRegionReplica');
  });
});

describe('rdsReplica: what a Region failover loses (the recovery point)', () => {
  it('a promotion loses the writes in the lag; the oldest one is as old as the lag bound at most', () => {
    const m = model();
    const s = runLabels(m, ['db.DbWrite(0)', ...ticks(5), 'west.RegionOutage', 'dbEast.PromoteCrossRegionReplica']);
    expect(replica(s)).toMatchObject({ promoted: true, applied: 0, lost: 1, lossAge: 5 });
    expect(recoveryPointSeconds(replica(s))).toBe(300);
  });

  it("ages stop at the source's failure: the recovery point is measured to the outage, not to the promotion", () => {
    const m = model();
    const s = runLabels(m, ['db.DbWrite(0)', 'Tick', 'Tick', 'west.RegionOutage', 'Tick', 'Tick', 'Tick', 'dbEast.PromoteCrossRegionReplica']);
    expect(replica(s)).toMatchObject({ lost: 1, lossAge: 2 });
    expect(recoveryPointSeconds(replica(s))).toBe(120);
  });

  it('a replica that caught up loses nothing', () => {
    const m = model();
    const s = runLabels(m, ['db.DbWrite(0)', 'dbEast.CrossRegionReplicaApply', 'west.RegionOutage', 'dbEast.PromoteCrossRegionReplica']);
    expect(replica(s)).toMatchObject({ promoted: true, applied: 1, lost: 0, lossAge: 0 });
  });

  it('RecoveryPointWithin holds at the lag bound and fails one tick below it, with the shortest path to a loss that old', () => {
    expect(exploreExhaustive(model({ rpo: 300 })).properties.find((p) => p.name === 'RecoveryPointWithin')!.verdict).toBe('holds');
    const r = exploreExhaustive(model({ rpo: 240 }));
    const p = r.properties.find((q) => q.name === 'RecoveryPointWithin')!;
    expect(p.verdict).toBe('fails');
    expect(p.counterexample!.actions.map((a) => m2.format!(a))).toEqual(['db.DbWrite(0)', ...ticks(5), 'west.RegionOutage', 'dbEast.PromoteCrossRegionReplica']);
  });
  const m2 = model();
});

describe('rdsReplica under prompt control (faultline check\'s default for a composition)', () => {
  /** Under prompt control, whether time may pass in `s` (no due control action keeps `Tick` back). */
  const tickAllowed = (m: Model<World, Action>, s: World) => {
    const acts = m.actions(s);
    return acts.some((a) => a.type === 'Tick') && deferredTick(m, acts, s) < 0;
  };

  it('the apply may wait while time passes, up to the lag bound; then it is due before the next tick', () => {
    const m = model();
    expect(m.mayDefer).toBeDefined();
    const acked = runLabels(m, ['db.DbWrite(0)']);
    expect(enabled(m, acked)).toEqual(expect.arrayContaining(['dbEast.CrossRegionReplicaApply', 'Tick']));
    expect(tickAllowed(m, acked)).toBe(true);
    expect(tickAllowed(m, runLabels(m, ticks(4), acked))).toBe(true);
    // 5 ticks = 300 s: the bound; the apply is due, time waits for it.
    const due = runLabels(m, ticks(5), acked);
    expect(replica(due)).toMatchObject({ applied: 0, ages: [5, 0] });
    expect(tickAllowed(m, due)).toBe(false);
  });

  it('RecoveryPointWithin holds at the lag bound and fails one tick below it, as without prompt control', () => {
    const verdict = (rpo: number) => exploreExhaustive(model({ rpo }), { promptControl: true }).properties.find((p) => p.name === 'RecoveryPointWithin')!;
    expect(verdict(300).verdict).toBe('holds');
    const below = verdict(240);
    expect(below.verdict).toBe('fails');
    expect(below.counterexample!.actions.map((a) => m2.format!(a))).toEqual(['db.DbWrite(0)', ...ticks(5), 'west.RegionOutage', 'dbEast.PromoteCrossRegionReplica']);
  });
  const m2 = model();
});

describe('rdsReplica: options and wiring, in one line', () => {
  it('refuses a misspelt option, a bad lag and a bad source', () => {
    expect(() => rdsReplica({ lagSecond: 60 } as never)).toThrow(/^rdsReplica: unknown option lagSecond.*lagSeconds/);
    expect(() => rdsReplica({ lagSeconds: 0 })).toThrow('rdsReplica: lagSeconds must be an integer in 1..86400, got 0');
    expect(() => rdsReplica({ source: 'my db' })).toThrow('rdsReplica: source must be an rds instance name, got "my db"');
  });

  it('names a source that is not an rds, or writes that differ from its source', () => {
    const noSource = compose([rds({ name: 'db', azFaults: false }), rdsReplica({ source: 'dbb' })]) as unknown as Model<World, Action>;
    expect(() => noSource.actions(noSource.init()[0])).toThrow('rdsReplica: source "dbb" is not an rds instance of this composition');
    const mismatch = compose([rds({ name: 'db', azFaults: false, writes: 3 }), rdsReplica({ source: 'db', writes: 2 })]) as unknown as Model<World, Action>;
    expect(() => mismatch.actions(mismatch.init()[0])).toThrow('rdsReplica: writes is 2, but its source db has 3; give both the same writes');
  });
});
