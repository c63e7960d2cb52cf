import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { checkScenario } from '../../engine/check.js';
import { replay } from '../../engine/trace.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { controlPlane, lockOut, lockedOut, type ControlPlaneState } from '../../model/aws/control-plane/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import type { World } from '../../model/compose/component.js';
import { compose } from '../../model/compose/compose.js';
import type { Action, Model } from '../../model/core/model.js';
import { always, recovers, sometimes, type Property } from '../../model/core/property.js';
import * as invariants from '../../properties/index.js';
import { atLeastNHealthy, nPlusOneRestored, reachedAzOutage } from '../../properties/fleet.js';
import { ignoringLockOut, reachedControlPlaneImpaired, reachedWhileLockedOut, staticallyStable } from '../../properties/static-stability.js';
import { fleetScenarios } from '../../scenarios/fleet/index.js';
import { staticStabilityAsgModel } from '../../scenarios/fleet/static-stability-asg.js';

const plane = (lockedOutNow: boolean): ControlPlaneState => ({ impaired: lockedOutNow, lockedOut: lockedOutNow, calls: 0 });
/** A world with two instances, `healthy` of them healthy, and the control plane locked out or not. */
const fleet = (healthy: number, locked: boolean): World => ({
  az: { up: [true, true] },
  ec2: {
    instances: [0, 1].map((i) => ({ state: 'running', az: i, systemOk: true, instanceOk: true, appUp: i < healthy, storeData: true, timer: 0 })),
    faultsUsed: 0,
  },
  controlPlane: plane(locked),
});

describe('staticallyStable: the property', () => {
  it('restricts an always property to the states after LockOut, named after it, needing controlPlane({ lockOut: true })', () => {
    const p = staticallyStable(atLeastNHealthy(2));
    expect([p.kind, p.name]).toEqual(['always', 'StaticallyStableAtLeastNHealthy']);
    expect(p.needs).toEqual(['ec2', 'controlPlane', 'controlPlane.lockOut']);
    expect([fleet(2, false), fleet(1, false), fleet(2, true), fleet(1, true)].map((w) => p.pred(w))).toEqual([true, true, true, false]);
    expect(p.description).toMatch(/impaired for good from a settled state/);
  });

  it('keeps a recovers property a recovers property with its bound and hold', () => {
    const inner = nPlusOneRestored(1, 7);
    const p = staticallyStable(inner);
    expect([p.kind, p.name, p.within, p.hold]).toEqual(['recovers', 'StaticallyStableNPlusOneRestored', 7, inner.hold]);
    expect([fleet(1, false), fleet(1, true), fleet(2, true)].map((w) => p.pred(w))).toEqual([true, false, true]);
  });

  it('takes a bare predicate, named StaticallyStable', () => {
    const p = staticallyStable((w: World) => (w.ec2 as { faultsUsed: number }).faultsUsed === 0);
    expect([p.kind, p.name, p.needs]).toEqual(['always', 'StaticallyStable', ['controlPlane', 'controlPlane.lockOut']]);
  });

  it('refuses a sometimes property, in one line', () => {
    expect(() => staticallyStable(reachedAzOutage() as unknown as Parameters<typeof staticallyStable>[0])).toThrow(
      'staticallyStable: ReachedAzOutage is a sometimes property; it takes an always or recovers property, or a predicate',
    );
  });

  it('is exported from the invariant library and listed in its catalog', () => {
    expect(invariants.staticallyStable).toBe(staticallyStable);
    expect(invariants.ignoringLockOut).toBe(ignoringLockOut);
  });
});

describe('staticallyStable on a composition', () => {
  const parts = () => [az({ azs: 2, maxDown: 1, recoverable: false }), ec2({ slots: 3, initial: [0, 1], autoScaling: true, faults: [] }), asg({ min: 2, gracePeriodSeconds: 0 })] as const;

  it('without a controlPlane: a one-line error from compose', () => {
    expect(() => compose(parts(), { properties: [staticallyStable(atLeastNHealthy(1))] })).toThrow(
      'compose: property StaticallyStableAtLeastNHealthy reads the controlPlane component, which this composition lacks (components: az, ec2, asg)',
    );
  });

  it('with a controlPlane without lockOut (it would hold vacuously): a one-line error from compose', () => {
    expect(() => compose([...parts(), controlPlane()], { properties: [staticallyStable(atLeastNHealthy(1))] })).toThrow(
      'compose: property StaticallyStableAtLeastNHealthy needs controlPlane.lockOut, which no component of this composition provides (components: az, ec2, asg, controlPlane)',
    );
    expect(() => compose([...parts(), controlPlane({ lockOut: true })], { properties: [staticallyStable(atLeastNHealthy(1))] })).not.toThrow();
  });
});

/**
 * The definition, computed independently of `LockOut` and of the property: every state the
 * composition without LockOut reaches, the settled ones among them (no control action but
 * Tick), and from each of them, with the control plane impaired for good, every state reached.
 * `pred` must hold in all of those.
 */
function byDefinition(withLockOut: Model<World, Action>, withoutLockOut: Model<World, Action>, pred: (w: World) => boolean): boolean {
  const key = (w: World) => JSON.stringify(w);
  const reach = (model: Model<World, Action>, from: readonly World[]): World[] => {
    const seen = new Map<string, World>();
    const queue = [...from];
    for (const s of from) seen.set(key(s), s);
    while (queue.length > 0) {
      const s = queue.shift()!;
      for (const a of model.actions(s)) {
        const t = model.next(s, a);
        if (!seen.has(key(t))) {
          seen.set(key(t), t);
          queue.push(t);
        }
      }
    }
    return [...seen.values()];
  };
  const settled = reach(withoutLockOut, withoutLockOut.init()).filter((s) => withoutLockOut.actions(s).every((a) => a.kind !== 'control' || a.type === 'Tick'));
  expect(settled.length).toBeGreaterThan(0);
  // Impaired for good: the same world with the control plane's slice locked out.
  const locked = settled.map((s) => ({ ...s, controlPlane: { impaired: true, lockedOut: true, calls: 0 } }));
  const after = reach(withLockOut, locked);
  expect(after.every((s) => lockedOut(s))).toBe(true);
  return after.every(pred);
}

describe('staticallyStable: the exhaustive verdict is the definition', () => {
  const cases: readonly [string, 'launch-on-demand' | 'pre-provisioned', Property<World>, 'holds' | 'fails'][] = [
    ['launch-on-demand, N = 2 healthy', 'launch-on-demand', atLeastNHealthy(2), 'fails'],
    ['launch-on-demand, N - 1 = 1 healthy', 'launch-on-demand', atLeastNHealthy(1), 'holds'],
    ['pre-provisioned, N = 2 healthy', 'pre-provisioned', atLeastNHealthy(2), 'holds'],
    ['pre-provisioned, N + 1 = 3 healthy', 'pre-provisioned', atLeastNHealthy(3), 'fails'],
  ];
  for (const [label, provisioning, inner, verdict] of cases) {
    it(label, () => {
      const base = staticStabilityAsgModel(provisioning);
      // The same composition, with and without LockOut: the scenario's model is built with it.
      const withLockOut = Object.create(base, { properties: { value: [staticallyStable(inner as never)] } }) as Model<World, Action>;
      const report = exploreExhaustive(withLockOut, { full: true });
      expect(report.stats.complete).toBe(true);
      expect(report.properties[0].verdict).toBe(verdict);
      const withoutLockOut: Model<World, Action> = {
        ...withLockOut,
        init: withLockOut.init,
        actions: (s) => withLockOut.actions(s).filter((a) => a.type !== 'LockOut'),
        next: withLockOut.next,
      };
      expect(byDefinition(withLockOut, withoutLockOut, inner.pred.bind(inner))).toBe(verdict === 'holds');
      const cx = report.properties[0].counterexample;
      if (verdict === 'fails') {
        // The path reaches a settled state, locks out once, and ends in the violation.
        expect(cx!.labels.filter((l) => l === 'LockOut')).toHaveLength(1);
        expect(replay(withLockOut, withLockOut.properties[0], cx!.actions.map((action) => ({ action })), {}).violated).toBe(true);
      } else expect(cx).toBeUndefined();
    });
  }
});

describe('ignoringLockOut: the verdicts a composition has without LockOut', () => {
  const build = (lockOutOn: boolean, properties: readonly Property<World>[]) => compose([
    az({ azs: 2, maxDown: 1, recoverable: false }), ec2({ slots: 4, initial: [0, 0, 1], autoScaling: true, autoRecovery: false, faults: [] }),
    asg({ min: 3, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }), controlPlane({ faults: [], lockOut: lockOutOn }),
  ], { maxFaults: 1, properties });

  it('always, recovers and sometimes keep their verdict, counterexample length and name', () => {
    const props: Property<World>[] = [
      atLeastNHealthy(2), atLeastNHealthy(1), nPlusOneRestored(2, 12), nPlusOneRestored(2, 11),
      sometimes('AllDown', (w: World) => (w.ec2 as { instances: { state: string }[] }).instances.every((x) => x.state !== 'running')),
      always('AtMostOneZoneDown', (w: World) => (w.az as { up: boolean[] }).up.some((u) => u)),
    ];
    const without = exploreExhaustive(build(false, props), { full: true });
    const wrapped = exploreExhaustive(build(true, props.map((p) => ignoringLockOut(p))), { full: true });
    // Without wrapping, LockOut changes a verdict: the group cannot restore N+1 once locked out.
    const unwrapped = exploreExhaustive(build(true, props), { full: true });
    expect(wrapped.properties.map((p) => [p.name, p.verdict, p.counterexample?.length])).toEqual(without.properties.map((p) => [p.name, p.verdict, p.counterexample?.length]));
    expect(without.properties.map((p) => p.verdict)).toEqual(['fails', 'holds', 'holds', 'fails', 'unreached', 'holds']);
    expect(unwrapped.properties[2].verdict).toBe('fails');
  });
});

describe('the Reached… checks of static stability', () => {
  it('ReachedControlPlaneImpaired and ReachedAzOutageWhileLockedOut name what they need', () => {
    expect([reachedControlPlaneImpaired().name, reachedControlPlaneImpaired().needs]).toEqual(['ReachedControlPlaneImpaired', ['controlPlane']]);
    const r = reachedWhileLockedOut(reachedAzOutage());
    expect([r.kind, r.name, r.needs]).toEqual(['sometimes', 'ReachedAzOutageWhileLockedOut', ['az', 'controlPlane', 'controlPlane.lockOut']]);
    const down = { ...fleet(2, true), az: { up: [false, true] } };
    expect([r.pred(down), r.pred({ ...down, controlPlane: plane(false) }), r.pred(fleet(2, true))]).toEqual([true, false, false]);
  });

  it('LockOut is a fault-kind action outside the budget', () => {
    expect(lockOut()).toEqual({ type: 'LockOut', kind: 'fault' });
  });
});

/** The static-stability scenarios throttled to one API call per tick: what changes, and what does not. */
describe('static-stability scenarios, throttled (callsPerTick 1)', () => {
  const THROTTLED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    // The group's terminations and launches wait a tick each: N+1 is back later than the unthrottled bound.
    'static-stability:launch-on-demand': { NPlusOneRestored: 'fails' },
    'static-stability:pre-provisioned': { NPlusOneRestored: 'fails' },
    'static-stability:eip-remap': {},
    'static-stability:lb-standby': {},
    'static-stability:dns-record-edit': {},
    'static-stability:dns-failover-records': {},
  };
  for (const [name, changed] of Object.entries(THROTTLED)) {
    it(`${name}: the static-stability verdicts do not depend on throttling${Object.keys(changed).length ? '; the recovery bound does' : ''}`, () => {
      const scenario = fleetScenarios.find((s) => s.name === name)!;
      const [free] = checkScenario(scenario, { modes: ['exhaustive'] });
      const [throttled] = checkScenario(scenario, { modes: ['exhaustive'], params: { callsPerTick: '1' } });
      expect(throttled.stats.complete).toBe(true);
      for (const p of throttled.properties) {
        const before = free.properties.find((q) => q.name === p.name)!;
        expect(p.verdict, p.name).toBe(changed[p.name] ?? before.verdict);
      }
    });
  }

  it('launch-on-demand: one call per tick restores N+1 in 15 steps (14 fail), with at most one call between two ticks', () => {
    const model = staticStabilityAsgModel('launch-on-demand', 1);
    const restored = model.properties.find((p) => p.name === 'NPlusOneRestored')!;
    const at = (within: number) => {
      const q = ignoringLockOut(recovers('NPlusOneRestored', restored.pred.bind(restored), { within }));
      return exploreExhaustive(Object.create(model, { properties: { value: [q] } }), { full: true }).properties[0];
    };
    expect(at(15).verdict).toBe('holds');
    const cx = at(14).counterexample!;
    expect(cx.length).toBeGreaterThan(0);
    const API = new Set(['AsgLaunch', 'AsgTerminate']);
    let calls = 0;
    for (const a of cx.actions) {
      if (a.type === 'Tick') calls = 0;
      else if (API.has(a.type)) expect(++calls, cx.labels.join(', ')).toBe(1);
    }
    expect(cx.labels.filter((l) => l.startsWith('AsgTerminate') || l.startsWith('AsgLaunch')).length).toBeGreaterThan(1);
  });
});
