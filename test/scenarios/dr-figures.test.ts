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
 * RPO: writes wait at most the lag bound, 5 ticks = 300 s, in the worst case lost with a
 * promotion. But `CrossRegionReplicaApply` is a control action with no deferral (`mayDefer`),
 * so under prompt control time never passes while a write waits to be applied: no write ever
 * ages, and the worst RPO `faultline check` finds is 0 s. Without prompt control
 * (`--no-prompt-control`, exploreExhaustive's default and the one dr-verdicts.test.ts uses for
 * its RPO verdicts) it is the 300 s of the lag bound.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkScenario, type CheckResult, type PropertyOutcome } from '../../engine/check.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import type { Scenario } from '../../engine/scenario.js';
import { replay } from '../../engine/trace.js';
import { bundledRef } from '../../cli/model-source.js';
import { drPilotLight, drRecordEditInFailedRegion, drRecordEditInStandbyRegion, drTtlTooLong } from '../../scenarios/dr/pilot-light.js';
import { formatSummary } from '../../report/terminal-summary.js';

const TICK = 60;
const THRESHOLD = 3;
const LAG_TICKS = 300 / TICK;
/** The health-checked failover's worst RTO in ticks (see the module comment). */
const healthCheckTicks = (ttlSeconds: number) => THRESHOLD - 1 + Math.ceil(ttlSeconds / TICK);

const runs = new Map<string, CheckResult>();
beforeAll(() => {
  for (const s of [drPilotLight, drTtlTooLong, drRecordEditInFailedRegion, drRecordEditInStandbyRegion]) runs.set(s.name, checkScenario(s)[0]);
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
  it('under prompt control (faultline check\'s default) no write ages: 0 s in every scenario', () => {
    for (const [name, r] of runs) {
      expect(r.properties.find((p) => p.name === 'RecoveryPointWithin')!.worst, name).toMatchObject({ label: 'RPO', unit: 's', value: 0, complete: true });
    }
  });

  it('without prompt control: the 300 s lag bound, a write 5 ticks old lost with the promotion', () => {
    const [r] = checkScenario(drPilotLight, { exhaustive: { promptControl: false } });
    const w = r.properties.find((p) => p.name === 'RecoveryPointWithin')!.worst!;
    expect(w).toMatchObject({ value: LAG_TICKS * TICK, complete: true });
    expect(w.trace.labels).toEqual(['db.DbWrite(0)', ...Array<string>(LAG_TICKS).fill('Tick'), 'west.RegionOutage', 'dbEast.PromoteCrossRegionReplica']);
    // The RTO does not depend on the rule: still 180 s.
    expect(r.properties.find((p) => p.name === 'RecoveryTimeWithin')!.worst!.value).toBe(180);
  });
});

describe('the report prints them', () => {
  it('on the property rows of faultline check\'s default output', () => {
    const text = formatSummary([...runs.values()], { color: false });
    const row = (scenario: string, name: string) => text.split('\n').find((l) => l.includes(`${scenario} `) && l.includes(` ${name} `))!;
    expect(row('dr:pilot-light', 'RecoveryTimeWithin')).toMatch(/ holds {2,}worst RTO 180 s$/);
    expect(row('dr:pilot-light', 'RecoveryPointWithin')).toMatch(/ holds {2,}worst RPO 0 s$/);
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
