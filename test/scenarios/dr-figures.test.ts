/**
 * Issue 15: "the report prints the worst RPO and RTO found, with the counterexample that
 * reaches it". The worst figures of the DR scenarios, as `faultline check` computes them
 * (checkScenario: prompt control on, the CLI's default for a composition), against figures
 * computed by hand from the parameters in scenarios/dr/pilot-light.ts: one-minute ticks;
 * Route 53 probes the primary every 30 s, so once a tick (ticksFor(30, 60) = 1), and marks it
 * unhealthy at the 3rd failed probe; clients' cached answer lasts the TTL (60 s = 1 tick, or
 * 3,600 s = 60 ticks) and is renewed, at its expiry, with the answer of that moment; the
 * replica's lag bound is 300 s (5 ticks); the promotion and the record edit take no time.
 *
 * RTO with the health check (route53's `tick`: probes first, then the cache's expiry). The
 * outage is seen at the first tick; the 3rd failed probe is at tick 3. The worst case is the
 * cache expiring at tick 2, one probe too early: clients get the primary again, for a whole
 * TTL. Worst = (3 - 1) + TTL ticks: TTL 1 tick: 3 ticks = 180 s (the README's "3 failed probes
 * + TTL", the TTL expiring at the third probe's tick); TTL 60 ticks: 62 ticks = 3,720 s (the
 * README's "up to an hour" is 2 minutes short). No tolerance is needed: the model's time is
 * whole ticks.
 * RTO with the record edit on the standby's control plane: the endpoint is seen down at tick
 * 1, the edit follows at once, and the answer (TTL 1 tick) is renewed at tick 2: 120 s.
 * RPO: a write waits at most the lag bound, lagSeconds / tickSeconds = 300 / 60 = 5 ticks; at
 * 5 ticks its apply is due (no further tick before it), so the oldest write a promotion can
 * lose is one acknowledged, left unapplied for 5 ticks, then the outage: 5 x 60 = 300 s, in
 * dr:pilot-light, its three variants and dr:warm-standby alike (the same replica). The apply
 * declares `mayDefer` (model/aws/rds-replica), so under prompt control time may pass while it
 * waits: `faultline check`'s default finds the 300 s, as `--no-prompt-control` does. (Before
 * that, an apply was due at once under prompt control, no write aged, and the worst RPO
 * found was 0 s: RecoveryPointWithin(0) held, falsely.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkScenario, type CheckResult, type PropertyOutcome } from '../../engine/check.js';
import { exhaustiveOnce } from './checked-once.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import type { Scenario } from '../../engine/scenario.js';
import { replay } from '../../engine/trace.js';
import { bundledRef } from '../../cli/model-source.js';
import { defineScenario } from '../../engine/scenario.js';
import { drModel, drPilotLight, drRecordEditInFailedRegion, drRecordEditInStandbyRegion, drTtlTooLong } from '../../scenarios/dr/pilot-light.js';
import { drWarmStandby, drWarmStandbyModel } from '../../scenarios/dr/warm-standby.js';
import { formatSummary } from '../../report/terminal-summary.js';

const TICK = 60;
const THRESHOLD = 3;
const LAG_TICKS = 300 / TICK;
/** The health-checked failover's worst RTO in ticks (see the module comment). */
const healthCheckTicks = (ttlSeconds: number) => THRESHOLD - 1 + Math.ceil(ttlSeconds / TICK);

const runs = new Map<string, CheckResult>();
beforeAll(() => {
  for (const s of [drPilotLight, drTtlTooLong, drRecordEditInFailedRegion, drRecordEditInStandbyRegion, drWarmStandby]) runs.set(s.name, exhaustiveOnce(s));
});
const prop = (scenario: string, name: string): PropertyOutcome => runs.get(scenario)!.properties.find((p) => p.name === name)!;
const rto = (scenario: string) => prop(scenario, 'RecoveryTimeWithin').worst!;
const ticksAfter = (labels: readonly string[], from: number) => labels.slice(from).filter((l) => l === 'Tick').length;

describe('worst RTO against the hand-computed figures', () => {
  it('dr:pilot-light: 3 ticks of 60 s = 180 s; the witness: the outage, the promotion, 3 ticks', () => {
    expect(healthCheckTicks(60) * TICK).toBe(180);
    const w = rto('dr:pilot-light');
    expect(w).toMatchObject({ label: 'RTO', unit: 's', value: healthCheckTicks(60) * TICK, complete: true });
    expect(w.trace.labels).toEqual(['west.RegionOutage', 'dbEast.PromoteCrossRegionReplica', 'Tick', 'Tick', 'Tick']);
    expect(w.trace.recoveryFrom).toBe(1);
    // It replays, and recovers within the design's 300 s.
    const model = drPilotLight.build();
    const p = model.properties.find((q) => q.name === 'RecoveryTimeWithin')!;
    expect(replay(model, p, w.trace.actions.map((action) => ({ action })), { recoveryFrom: w.trace.recoveryFrom, promptControl: true }).violated).toBe(false);
  });

  it('dr:ttl-too-long: (3 - 1) + 60 ticks = 3,720 s; the witness waits 58 ticks (the cache 2 ticks from expiry), then the outage and 62 ticks', () => {
    expect(healthCheckTicks(3_600) * TICK).toBe(3_720);
    const w = rto('dr:ttl-too-long');
    expect(w).toMatchObject({ value: 3_720, unit: 's', complete: true });
    expect(w.trace.labels.slice(0, w.trace.recoveryFrom)).toEqual([...Array<string>(58).fill('Tick'), 'west.RegionOutage']);
    expect(ticksAfter(w.trace.labels, w.trace.recoveryFrom!)).toBe(healthCheckTicks(3_600));
    // The property's own counterexample stops at the 300 s bound; the witness goes on to the recovery.
    expect(prop('dr:ttl-too-long', 'RecoveryTimeWithin').counterexample!.length).toBe(8);
  });

  it('dr:record-edit-in-standby-region: the outage seen at tick 1, the edit, the answer renewed at tick 2: 120 s', () => {
    const w = rto('dr:record-edit-in-standby-region');
    expect(w).toMatchObject({ value: 2 * TICK, complete: true });
    expect(w.trace.labels).toEqual(['west.RegionOutage', 'dbEast.PromoteCrossRegionReplica', 'Tick', 'ChangeRecord(1)', 'Tick']);
  });

  it('dr:record-edit-in-failed-region: never; the witness goes round a cycle of ticks (the 5-tick log-shipping timer) with clients on the dead Region', () => {
    const w = rto('dr:record-edit-in-failed-region');
    expect(w.value).toBe(Infinity);
    // The counterexample stops where the 300 s bound is passed; the witness is the same path, on until it cycles.
    const cx = prop('dr:record-edit-in-failed-region', 'RecoveryTimeWithin').counterexample!;
    expect(w.trace.labels.slice(0, cx.length)).toEqual(cx.labels);
    expect(w.trace.labels.slice(2).every((l) => l === 'Tick')).toBe(true);
    expect(w.trace.recoveryFrom).toBe(1);
    expect(w.trace.length - w.trace.loopIndex!).toBe(5);
    const model = drRecordEditInFailedRegion.build();
    const p = model.properties.find((q) => q.name === 'RecoveryTimeWithin')!;
    const steps = w.trace.actions.map((action) => ({ action }));
    expect(replay(model, p, steps, { recoveryFrom: 1, loopIndex: w.trace.loopIndex, promptControl: true }).violated).toBe(true);
  });
});

describe('worst RPO', () => {
  /** The RPO witness: a write, 5 ticks unapplied, the outage, the promotion that loses it. */
  const witness = ['db.DbWrite(0)', ...Array<string>(LAG_TICKS).fill('Tick'), 'west.RegionOutage', 'dbEast.PromoteCrossRegionReplica'];

  it('under prompt control (faultline check\'s default): the 300 s lag bound in every scenario with the replica, warm standby included', () => {
    expect(LAG_TICKS * TICK).toBe(300);
    expect([...runs.keys()]).toContain('dr:warm-standby');
    for (const [name, r] of runs) {
      const w = r.properties.find((p) => p.name === 'RecoveryPointWithin')!.worst!;
      expect(w, name).toMatchObject({ label: 'RPO', unit: 's', value: LAG_TICKS * TICK, complete: true });
      expect(w.trace.labels, name).toEqual(witness);
    }
    // It replays under prompt control: every step was enabled, no tick taken while a due control action waited.
    const model = drPilotLight.build();
    const w = runs.get('dr:pilot-light')!.properties.find((p) => p.name === 'RecoveryPointWithin')!.worst!;
    const p = model.properties.find((q) => q.name === 'RecoveryPointWithin')!;
    expect(replay(model, p, w.trace.actions.map((action) => ({ action })), { promptControl: true }).steps).toHaveLength(witness.length);
  });

  it('one tick below the bound fails under faultline check\'s default, with that witness; the bound holds (pilot light and warm standby)', () => {
    const at = (name: string, model: () => ReturnType<typeof drModel> | ReturnType<typeof drWarmStandbyModel>) =>
      checkScenario(defineScenario({ name, description: name, model, modes: ['exhaustive'], expect: { RecoveryPointWithin: 'fails' } }))[0]
        .properties.find((p) => p.name === 'RecoveryPointWithin')!;
    const below = (LAG_TICKS - 1) * TICK;
    for (const p of [at('pilot-240', () => drModel({ by: 'healthCheck', ttlSeconds: 60 }, { rpoSeconds: below })), at('warm-240', () => drWarmStandbyModel({ rpoSeconds: below }))]) {
      expect(p.verdict).toBe('fails');
      expect(p.counterexample!.labels).toEqual(witness);
    }
    expect(runs.get('dr:pilot-light')!.properties.find((p) => p.name === 'RecoveryPointWithin')!.verdict).toBe('holds');
    expect(runs.get('dr:warm-standby')!.properties.find((p) => p.name === 'RecoveryPointWithin')!.verdict).toBe('holds');
  });

  it('without prompt control: the same 300 s, the same witness', () => {
    const [r] = checkScenario(drPilotLight, { exhaustive: { promptControl: false } });
    const w = r.properties.find((p) => p.name === 'RecoveryPointWithin')!.worst!;
    expect(w).toMatchObject({ value: LAG_TICKS * TICK, complete: true });
    expect(w.trace.labels).toEqual(witness);
    // The RTO does not depend on the rule: still 180 s.
    expect(r.properties.find((p) => p.name === 'RecoveryTimeWithin')!.worst!.value).toBe(180);
  });
});

describe('the report prints them', () => {
  it('on the property rows of faultline check\'s default output', () => {
    const text = formatSummary([...runs.values()], { color: false });
    const row = (scenario: string, name: string) => text.split('\n').find((l) => l.includes(`${scenario} `) && l.includes(` ${name} `))!;
    expect(row('dr:pilot-light', 'RecoveryTimeWithin')).toMatch(/ holds {2,}worst RTO 180 s$/);
    expect(row('dr:pilot-light', 'RecoveryPointWithin')).toMatch(/ holds {2,}worst RPO 300 s$/);
    expect(row('dr:warm-standby', 'RecoveryPointWithin')).toMatch(/ holds {2,}worst RPO 300 s$/);
    expect(row('dr:ttl-too-long', 'RecoveryTimeWithin')).toMatch(/ fails {2,}8 steps, worst RTO 3,720 s$/);
    expect(row('dr:record-edit-in-failed-region', 'RecoveryTimeWithin')).toMatch(/ fails {2,}8 steps, worst RTO never$/);
    expect(row('dr:record-edit-in-standby-region', 'RecoveryTimeWithin')).toMatch(/ holds {2,}worst RTO 120 s$/);
    expect(row('dr:pilot-light', 'ReachedRegionOutage')).toMatch(/ reached$/);
  });
});

describe('--workers finds the same figures', () => {
  it.each([drPilotLight, drRecordEditInStandbyRegion] as Scenario[])('$name: values and witness lengths as the serial run', async (s) => {
    const par = await exploreParallel(bundledRef(s.name), { workers: 2, promptControl: true });
    const serial = runs.get(s.name)!;
    const figures = (ps: readonly { name: string; worst?: { value: number; trace: { length: number } } }[]) =>
      ps.filter((p) => p.worst).map((p) => [p.name, p.worst!.value, p.worst!.trace.length]);
    expect(figures(par.properties)).toEqual(figures(serial.properties));
    expect(figures(par.properties)).toHaveLength(2);
  });
});
