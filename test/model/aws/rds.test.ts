import { describe, expect, it } from 'vitest';
import {
  dbFailoverComplete, dbInstanceFailure, dbInstanceRecover, dbReplicaApply, dbStandbyReplace, dbWrite, noAckedWriteLost,
  promoteReadReplica, rds, recoveryPointBounded, restoreFromSnapshot, restoreToPointInTime, type RdsOptions, type RdsState,
} from '../../../model/aws/rds/index.js';
import { azOutage, azRecover } from '../../../model/aws/az/index.js';
import type { World } from '../../../model/compose/component.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { always } from '../../../model/core/property.js';
import { TICK, checkContract, isEnabled, run, solo, zones } from '../support.js';

const slice = (w: World): RdsState => w.rds as RdsState;
/** 30-second ticks: failover 60-120 s = 2-4 ticks, log shipping every 300 s = 10 ticks, recovery 600 s = 20 ticks. */
const db = (o: RdsOptions = {}) => rds({ tickSeconds: 30, ...o });
const model = (o: RdsOptions = {}) => solo(db(o), zones(2));
const ticks = (n: number) => Array.from({ length: n }, () => TICK);

const NoAckedWriteLost = always<World>('NoAckedWriteLost', (w) => noAckedWriteLost(slice(w)));
const RecoveryPointBounded = always<World>('RecoveryPointBounded', (w) => recoveryPointBounded(slice(w)));
const verdicts = (o: RdsOptions) => {
  const r = exploreExhaustive(solo(db(o), { ...zones(2), properties: [NoAckedWriteLost, RecoveryPointBounded] }));
  expect(r.stats.complete).toBe(true);
  return r.properties;
};

describe('rds: transitions', () => {
  it('Single-AZ: a write is acknowledged once on the primary', () => {
    const s = slice(run(model(), [dbWrite(0)]));
    expect(s.writes).toEqual(['acked', 'unsent']);
    expect(s.primary).toEqual({ state: 'up', az: 0, applied: 1 });
    expect(s.standby.state).toBe('none');
  });

  it('Multi-AZ: a write is acknowledged only with the synchronous standby holding it too', () => {
    const s = slice(run(model({ deployment: 'multiAz' }), [dbWrite(0)]));
    expect(s.primary.applied).toBe(1);
    expect(s.standby).toEqual({ state: 'up', az: 1, applied: 1 });
  });

  it('Multi-AZ failover takes 60-120 s, then the endpoint points at the promoted standby', () => {
    const m = model({ deployment: 'multiAz' });
    const failing = run(m, [dbWrite(0), dbInstanceFailure()]);
    expect(slice(failing)).toMatchObject({ phase: 'failingOver', timer: 4, primary: { state: 'failed', az: 0 } });
    expect(isEnabled(m, failing, dbWrite(1))).toBe(false);
    expect(isEnabled(m, run(m, ticks(1), failing), dbFailoverComplete())).toBe(false);
    const early = run(m, ticks(2), failing);
    expect(isEnabled(m, early, dbFailoverComplete())).toBe(true);
    const s = slice(run(m, [dbFailoverComplete()], early));
    expect(s).toMatchObject({ phase: 'available', primary: { state: 'up', az: 1, applied: 1 }, standby: { state: 'failed', az: 0 } });
    expect(noAckedWriteLost(s)).toBe(true);
  });

  it('a failover still running at 120 s completes before time passes further', () => {
    const m = model({ deployment: 'multiAz' });
    const s = slice(run(m, [dbInstanceFailure(), ...ticks(5)]));
    expect(s).toMatchObject({ phase: 'available', primary: { az: 1 } });
  });

  it('after a failover RDS replaces the standby in the old zone and resynchronises it', () => {
    const m = model({ deployment: 'multiAz' });
    const s = run(m, [dbWrite(0), dbInstanceFailure(), ...ticks(2), dbFailoverComplete(), dbWrite(1), dbStandbyReplace()]);
    expect(slice(s).standby).toEqual({ state: 'up', az: 0, applied: 2 });
  });

  it('Single-AZ instance failure: down until RDS recovers it on the same storage (nothing lost)', () => {
    const m = model();
    const down = run(m, [dbWrite(0), dbInstanceFailure()]);
    expect(slice(down)).toMatchObject({ phase: 'down', timer: 20 });
    expect(isEnabled(m, down, dbInstanceRecover())).toBe(false);
    const back = run(m, [...ticks(20), dbInstanceRecover()], down);
    expect(slice(back)).toMatchObject({ phase: 'available', primary: { state: 'up', applied: 1 } });
  });

  it('the replica applies pending writes asynchronously', () => {
    const m = model({ readReplica: true });
    const s = run(m, [dbWrite(0), dbWrite(1)]);
    expect(slice(s).replica.applied).toBe(0);
    expect(slice(run(m, [dbReplicaApply(), dbReplicaApply()], s)).replica.applied).toBe(2);
  });

  it('logs reach the backup every 5 minutes', () => {
    const m = model();
    const s = run(m, [dbWrite(0), ...ticks(9)]);
    expect(slice(s)).toMatchObject({ shipped: 0, shipTimer: 1 });
    expect(slice(run(m, [TICK], s))).toMatchObject({ shipped: 1, shipTimer: 10 });
  });
});

describe('rds: AZ outage', () => {
  it('Multi-AZ: the primary zone fails, the standby takes over; the standby comes back with the zone', () => {
    const m = model({ deployment: 'multiAz' });
    const s = run(m, [dbWrite(0), azOutage(0)]);
    expect(slice(s)).toMatchObject({ phase: 'failingOver', primary: { state: 'failed' } });
    const over = run(m, [...ticks(4), dbFailoverComplete()], s);
    expect(slice(over)).toMatchObject({ phase: 'available', primary: { state: 'up', az: 1, applied: 1 }, standby: { state: 'failed', az: 0 } });
    expect(isEnabled(m, over, dbStandbyReplace())).toBe(false);
    expect(isEnabled(m, run(m, [azRecover(0)], over), dbStandbyReplace())).toBe(true);
  });

  it('Multi-AZ: with the standby zone down, writes are acknowledged by the primary alone and no failover is possible', () => {
    const m = model({ deployment: 'multiAz' });
    const s = run(m, [azOutage(1), dbWrite(0), dbInstanceFailure()]);
    expect(slice(s)).toMatchObject({ phase: 'down', standby: { state: 'failed', applied: 0 }, primary: { state: 'failed', applied: 1 } });
  });

  it('INV-RDS-1: Single-AZ is down until the zone returns, then recovers with its data', () => {
    const m = model();
    const s = run(m, [dbWrite(0), azOutage(0)]);
    expect(slice(s)).toMatchObject({ phase: 'down', timer: 0 });
    expect(isEnabled(m, s, dbInstanceRecover())).toBe(false);
    const back = run(m, [azRecover(0), dbInstanceRecover()], s);
    expect(slice(back)).toMatchObject({ phase: 'available', primary: { state: 'up', applied: 1 } });
    expect(noAckedWriteLost(slice(back))).toBe(true);
  });

  it('without azFaults rds does not subscribe to AzOutage (it composes without an az component)', () => {
    expect(db({ azFaults: false }).subscribes).not.toContain('AzOutage');
    expect(db().subscribes).toContain('AzOutage');
  });
});

describe('rds: gotchas', () => {
  it('INV-RDS-1, -6: PITR restores to a new endpoint in another zone and loses what came after the latest restorable time', () => {
    const m = model({ runbook: ['restore'] });
    const s = run(m, [dbWrite(0), ...ticks(10), dbWrite(1), azOutage(0), restoreToPointInTime()]);
    expect(slice(s)).toMatchObject({ endpoint: 'restored', restored: { state: 'up', az: 1, applied: 1 }, writes: ['acked', 'lost'], loss: 'withinGranularity' });
    expect(noAckedWriteLost(slice(s))).toBe(false);
    expect(recoveryPointBounded(slice(s))).toBe(true);
  });

  it('INV-RDS-5: retention 0 means no PITR; the last manual snapshot loses everything since', () => {
    const m = model({ backupRetentionDays: 0, runbook: ['restore'] });
    const down = run(m, [dbWrite(0), azOutage(0)]);
    expect(isEnabled(m, down, restoreToPointInTime())).toBe(false);
    const s = slice(run(m, [restoreFromSnapshot()], down));
    expect(s).toMatchObject({ endpoint: 'restored', writes: ['lost', 'unsent'], loss: 'beyondGranularity' });
    expect(recoveryPointBounded(s)).toBe(false);
  });

  it('INV-RDS-2: a promoted read replica lacks the writes still in lag', () => {
    const m = model({ readReplica: true, runbook: ['promoteReadReplica'] });
    const s = slice(run(m, [dbWrite(0), dbReplicaApply(), dbWrite(1), dbInstanceFailure(), promoteReadReplica()]));
    expect(s).toMatchObject({ endpoint: 'replica', phase: 'available', replica: { applied: 1 }, writes: ['acked', 'lost'] });
    expect(noAckedWriteLost(s)).toBe(false);
  });

  it('writes after a restore go to the new endpoint', () => {
    const m = model({ runbook: ['restore'] });
    const s = slice(run(m, [dbWrite(0), azOutage(0), restoreToPointInTime(), dbWrite(1)]));
    expect(s.writes).toEqual(['lost', 'acked']);
    expect(s.restored.applied).toBe(1);
  });

  it('without a runbook the operators do nothing: no promotion, no restore', () => {
    const m = model({ readReplica: true });
    const down = run(m, [dbWrite(0), azOutage(0)]);
    expect(isEnabled(m, down, promoteReadReplica())).toBe(false);
    expect(isEnabled(m, down, restoreToPointInTime())).toBe(false);
  });

  it('verdicts: Multi-AZ keeps every acknowledged write under an instance failure and an AZ outage', () => {
    const [lost] = verdicts({ deployment: 'multiAz', writes: 2, maxInstanceFailures: 1, logShipSeconds: 90 });
    expect(lost.verdict).toBe('holds');
  });

  it('verdicts: read-replica promotion loses writes', () => {
    const [lost] = verdicts({ readReplica: true, runbook: ['promoteReadReplica'], logShipSeconds: 90 });
    expect(lost.verdict).toBe('fails');
    expect(lost.counterexample!.labels).toEqual(['DbWrite(0)', 'DbInstanceFailure', 'PromoteReadReplica']);
  });

  it('verdicts: Single-AZ PITR loses writes within the granularity; without backups beyond it', () => {
    const [lost, bounded] = verdicts({ runbook: ['restore'], logShipSeconds: 90 });
    expect(lost.verdict).toBe('fails');
    expect(bounded.verdict).toBe('holds');
    const [lost0, bounded0] = verdicts({ runbook: ['restore'], backupRetentionDays: 0 });
    expect(lost0.verdict).toBe('fails');
    expect(bounded0.verdict).toBe('fails');
  });
});

describe('rds: property tests over random enabled-action sequences', () => {
  const configs: [string, RdsOptions][] = [
    ['single-AZ with every runbook step', { readReplica: true, runbook: ['promoteReadReplica', 'restore'], maxInstanceFailures: 2 }],
    ['Multi-AZ', { deployment: 'multiAz', maxInstanceFailures: 2, writes: 3 }],
    ['Multi-AZ with replica, no zones', { deployment: 'multiAz', readReplica: true, azFaults: false, runbook: ['promoteReadReplica'] }],
    ['no backups', { backupRetentionDays: 0, runbook: ['restore'] }],
  ];
  const rank = { unsent: 0, acked: 1, lost: 2 } as const;
  const lossRank = { none: 0, withinGranularity: 1, beyondGranularity: 2 } as const;
  for (const [name, o] of configs) {
    it(`${name}: pure, deterministic, schema-valid, and keeps the slice's invariants`, () => {
      const c = db(o);
      const m = o.azFaults === false ? solo(c) : solo(c, zones(2, 2));
      checkContract(m, c, (prev, next) => {
        const a = slice(prev);
        const b = slice(next);
        b.writes.forEach((w, i) => expect(rank[w]).toBeGreaterThanOrEqual(rank[a.writes[i]]));
        expect(lossRank[b.loss]).toBeGreaterThanOrEqual(lossRank[a.loss]);
        expect(b.failures).toBeGreaterThanOrEqual(a.failures);
        // The endpoint's node holds exactly the acknowledged, not lost, writes.
        const node = b.endpoint === 'primary' ? b.primary : b.endpoint === 'replica' ? b.replica : b.restored;
        expect(node.applied).toBe(b.writes.filter((w) => w === 'acked').length);
        expect(b.shipped).toBeLessThanOrEqual(node.applied);
        if (b.endpoint === 'primary') {
          if (b.standby.state === 'up') expect(b.standby.applied).toBe(b.primary.applied); // synchronous
          expect(b.replica.applied).toBeLessThanOrEqual(b.primary.applied); // asynchronous
        }
        if (b.phase === 'failingOver') expect(b.standby.state).toBe('up');
      });
    });
  }
});
