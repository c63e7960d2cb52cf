/**
 * The verdict table of the disaster-recovery scenarios (issue 15), written here and not read
 * from the scenarios' declarations: each scenario's every property with the verdict it must
 * get, its state count, and for each failing verdict the longest counterexample allowed; every
 * counterexample must replay. The RPO and RTO figures are checked against hand-computed ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../engine/check.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { exhaustiveOnce } from './checked-once.js';
import { replay } from '../../engine/trace.js';
import type { Verdict } from '../../model/core/property.js';
import type { Scenario } from '../../engine/scenario.js';
import { drScenarios } from '../../scenarios/dr/index.js';
import { drModel } from '../../scenarios/dr/pilot-light.js';

interface Row {
  readonly verdicts: Readonly<Record<string, Verdict>>;
  /** Distinct states of the exhaustive run (it explores everything: no property stops it early). */
  readonly states: number;
  readonly maxLength?: Readonly<Record<string, number>>;
}

const TABLE: Readonly<Record<string, Row>> = {
  'dr:pilot-light': {
    verdicts: { RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'holds', ReachedRegionOutage: 'reached', ReachedRegionFailover: 'reached' },
    // 282 before the replica's apply could wait under prompt control (it applied every write before time passed).
    states: 1_240,
  },
  'dr:ttl-too-long': {
    verdicts: { RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'fails', ReachedRegionOutage: 'reached', ReachedRegionFailover: 'reached' },
    states: 391_828, // 69,905 before (see dr:pilot-light)
    // The outage, the promotion, then the 5 ticks of the bound and one more: clients still on the dead Region.
    maxLength: { RecoveryTimeWithin: 8 },
  },
  'dr:record-edit-in-failed-region': {
    verdicts: { RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'fails', ReachedRegionOutage: 'reached', ReachedRegionFailover: 'unreached' },
    states: 1_580, // 340 before
    maxLength: { RecoveryTimeWithin: 8 },
  },
  'dr:record-edit-in-standby-region': {
    verdicts: { RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'holds', ReachedRegionOutage: 'reached', ReachedRegionFailover: 'reached' },
    states: 1_277, // 293 before
  },
  // The other strategies (scenarios/dr/backup-restore.ts, warm-standby.ts, active-active.ts): their figures in dr-strategies.test.ts.
  'dr:backup-restore': {
    verdicts: { RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'holds', ReachedRegionOutage: 'reached', ReachedRegionFailover: 'reached' },
    states: 1_486,
  },
  'dr:backup-in-failed-region': {
    verdicts: { RecoveryPointWithin: 'fails', RecoveryTimeWithin: 'fails', ReachedRegionOutage: 'reached', ReachedRegionFailover: 'unreached' },
    states: 1_183,
    // A write, the hourly snapshot 4 ticks later and 2 ticks of its copy (kept in west): older than any schedule explains.
    // The outage, then ticks: nothing in east to restore.
    maxLength: { RecoveryPointWithin: 8, RecoveryTimeWithin: 5 },
  },
  'dr:warm-standby': {
    verdicts: { RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'holds', FullCapacityWithin: 'holds', ReachedRegionOutage: 'reached', ReachedRegionFailover: 'reached' },
    states: 2_000, // 440 before (the same replica)
  },
  'dr:active-active': {
    verdicts: { ReplicationLagWithin: 'holds', RecoveryPointZero: 'fails', RecoveryTimeWithin: 'holds', ReachedRegionOutage: 'reached', ReachedRegionFailover: 'reached' },
    states: 200,
    // A write in west, and west fails before it replicates.
    maxLength: { RecoveryPointZero: 2 },
  },
};

const runs = new Map<string, CheckResult>();
beforeAll(() => {
  for (const s of drScenarios) runs.set(s.name, exhaustiveOnce(s)); // every DR scenario is exhaustive only (checked below)
});

describe('the DR scenarios and the table', () => {
  it('list every scenario in order, each with a row, a Reached… check, and a length bound for each failing verdict', () => {
    expect(drScenarios.map((s) => s.name)).toEqual(Object.keys(TABLE));
    expect(drScenarios.every((s) => s.modes.length === 1 && s.modes[0] === 'exhaustive')).toBe(true);
    for (const [name, row] of Object.entries(TABLE)) {
      expect(Object.entries(row.verdicts).some(([p, v]) => p.startsWith('Reached') && v === 'reached'), name).toBe(true);
      for (const [p, v] of Object.entries(row.verdicts)) if (v === 'fails') expect(row.maxLength?.[p], `${name} ${p}`).toBeGreaterThan(0);
    }
  });
});

describe.each(drScenarios.map((s) => [s.name, s] as const))('%s', (name: string, scenario: Scenario) => {
  const row = TABLE[name];

  it('gets every verdict of the table, as declared, with its state count', () => {
    const r = runs.get(name)!;
    expect(r.stats.complete).toBe(true);
    expect(r.stats.distinctStates).toBe(row.states);
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual(row.verdicts);
    for (const p of r.properties) expect(p.met, `${p.name}: expected ${p.expected}, got ${p.verdict}`).toBe(true);
  });

  it('has short counterexamples that replay', () => {
    const model = scenario.build();
    const r = runs.get(name)!;
    for (const p of r.properties) {
      if (p.verdict !== 'fails') continue;
      const cx = p.counterexample!;
      expect(cx.length, p.name).toBeLessThanOrEqual(row.maxLength![p.name]);
      const property = model.properties.find((q) => q.name === p.name)!;
      expect(replay(model, property, cx.actions.map((action) => ({ action })), { initIndex: cx.initIndex, recoveryFrom: cx.recoveryFrom }).violated, p.name).toBe(true);
    }
  });
});

describe('the counterexamples, step by step', () => {
  const labels = (name: string, property: string) => runs.get(name)!.properties.find((p) => p.name === property)!.counterexample!.labels;

  it('dr:ttl-too-long: the Region fails, the replica is promoted at once, and clients keep the cached answer past 300 s', () => {
    expect(labels('dr:ttl-too-long', 'RecoveryTimeWithin')).toEqual(['west.RegionOutage', 'dbEast.PromoteCrossRegionReplica', ...Array<string>(6).fill('Tick')]);
  });

  it('dr:record-edit-in-failed-region: the record edit never becomes possible; only time passes', () => {
    expect(labels('dr:record-edit-in-failed-region', 'RecoveryTimeWithin')).toEqual(['west.RegionOutage', 'dbEast.PromoteCrossRegionReplica', ...Array<string>(6).fill('Tick')]);
  });
});

describe('RPO and RTO figures, against the hand-computed ones (1-minute ticks)', () => {
  /** The design's RPO and RTO verdicts at the given targets: the same under prompt control (faultline check's default) and without. */
  const verdictsAt = (failover: Parameters<typeof drModel>[0], rpoSeconds: number, rtoSeconds: number) => {
    const [prompt, free] = [true, false].map((promptControl) => {
      const r = exploreExhaustive(drModel(failover, { rpoSeconds, rtoSeconds }), { promptControl });
      return Object.fromEntries(r.properties.filter((p) => p.name.startsWith('Recovery')).map((p) => [p.name, p.verdict]));
    });
    expect(prompt).toEqual(free);
    return prompt;
  };

  it('pilot light: RTO is 180 s (three failed 30 s probes, one a tick; the 60 s TTL ends at the same tick); RPO the 300 s lag bound', () => {
    const pilot = { by: 'healthCheck', ttlSeconds: 60 } as const;
    expect(verdictsAt(pilot, 300, 180)).toEqual({ RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'holds' });
    expect(verdictsAt(pilot, 240, 120)).toEqual({ RecoveryPointWithin: 'fails', RecoveryTimeWithin: 'fails' });
  });

  it('record edit on the surviving Region’s control plane: RTO is 120 s, the tick at which the endpoint is seen down (the edit takes no time) and the 60 s TTL', () => {
    const edit = { by: 'recordEdit', via: 'east' } as const;
    expect(verdictsAt(edit, 300, 120)).toEqual({ RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'holds' });
    expect(verdictsAt(edit, 300, 60)).toEqual({ RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'fails' });
  });
});
