import { describe, expect, it } from 'vitest';
import { asg, asgMarkUnhealthy, asgTerminate, type AsgOptions } from '../../../model/aws/asg/index.js';
import { az, azOutage, azRecover, azUp } from '../../../model/aws/az/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose, tick } from '../../../model/compose/compose.js';
import {
  appCrash, asgLaunch, ec2, instanceRunning, instanceState, instanceTerminated, isFree, isHealthy, rebootInstance, terminateInstance, type Ec2Options,
} from '../../../model/aws/ec2/index.js';
import {
  ELB, deregisterTarget, elb, elbHealthy, failingOpen, lbHealthy, lbNodeFailure, lbNodeReplaced, nodeUp, onlyHealthyTargets,
  onlyHealthyTargetsAfterDetection, registerTarget, routedMask, routedTargets, routesTo, servesHealthyTarget, targetDrained,
  targetHealthCheck, targetShare, targetState, type ElbOptions, type ElbState,
} from '../../../model/aws/elb/index.js';
import { checkContract, enabledLabels, isEnabled, run, settle, times } from '../support.js';

const T = tick();
const target = (s: World, i: number) => (s[ELB] as ElbState).targets[i];
/** Zones 0 and 1, instances 0 (zone 0) and 1 (zone 1) running and registered; 60 s ticks, 30 s checks (1 tick). */
function lb(o: ElbOptions = {}, e: Ec2Options = {}) {
  return compose([
    az(),
    ec2({ slots: 3, initial: [0, 1], autoRecovery: false, ops: ['RebootInstance', 'TerminateInstance'], ...e }),
    elb({ registered: [0, 1], ...o }),
  ]);
}
/** Three instances: 0 in zone 0, 1 and 2 in zone 1, all registered. */
const uneven = (o: ElbOptions = {}) => lb({ registered: [0, 1, 2], ...o }, { initial: [0, 1, 1] });
/** Two failed checks a tick apart: the default unhealthy threshold. */
const detect = (i: number) => [targetHealthCheck(i), T, targetHealthCheck(i)];

describe('elb health checks', () => {
  it('does nothing in its steady state: registered healthy targets get requests, no check, no tick', () => {
    const m = lb();
    const s = m.init()[0];
    expect(routedTargets(s)).toEqual([0, 1]);
    expect(enabledLabels(m, s).filter((l) => /Target|Tick/.test(l))).toEqual([]);
    expect(onlyHealthyTargets(s)).toBe(true);
  });

  it('INV-ELB-2: a dead target keeps receiving requests until the unhealthy threshold is reached, then none', () => {
    const m = lb();
    const crashed = run(m, [appCrash(0)]);
    expect(routesTo(crashed, 0)).toBe(true);
    expect(onlyHealthyTargets(crashed)).toBe(false);
    expect(onlyHealthyTargetsAfterDetection(crashed)).toBe(true);
    const once = run(m, [targetHealthCheck(0)], crashed);
    expect(target(once, 0)).toEqual({ state: 'healthy', run: 1, timer: 1 });
    expect(routesTo(once, 0)).toBe(true);
    expect(isEnabled(m, once, targetHealthCheck(0))).toBe(false); // the next check is an interval away
    const detected = run(m, [T, targetHealthCheck(0)], once);
    expect(target(detected, 0)).toEqual({ state: 'unhealthy', run: 0, timer: 1 });
    expect(routedTargets(detected)).toEqual([1]);
    expect(onlyHealthyTargets(detected)).toBe(true);
    expect(lbHealthy(detected, 0)).toBe(false);
    // once the view agrees with the target, checking changes nothing: no check, no tick after the interval
    const idle = run(m, [T], detected);
    expect(enabledLabels(m, idle).filter((l) => /Target|Tick/.test(l))).toEqual([]);
  });

  it('checks are an interval apart: 30 s checks on 10 s ticks wait three ticks', () => {
    const m = lb({ tickSeconds: 10 }, { tickSeconds: 10 });
    const once = run(m, [appCrash(0), targetHealthCheck(0)]);
    expect(target(once, 0).timer).toBe(3);
    const twoTicks = run(m, times(2, T), once);
    expect(isEnabled(m, twoTicks, targetHealthCheck(0))).toBe(false);
    expect(target(run(m, [T, targetHealthCheck(0)], twoTicks), 0).state).toBe('unhealthy');
  });

  it('an unhealthy target needs the healthy threshold of consecutive passes; a failure restarts the run', () => {
    const m = lb();
    const rebooted = run(m, [appCrash(0), ...detect(0), T, rebootInstance(0)]);
    const pass = [targetHealthCheck(0), T];
    const four = run(m, [...pass, ...pass, ...pass, ...pass], rebooted);
    expect(target(four, 0)).toMatchObject({ state: 'unhealthy', run: 4 });
    expect(routesTo(four, 0)).toBe(false);
    expect(target(run(m, [targetHealthCheck(0)], four), 0)).toMatchObject({ state: 'healthy', run: 0 });
    const broken = run(m, [...pass, ...pass, appCrash(0), targetHealthCheck(0)], rebooted);
    expect(target(broken, 0)).toMatchObject({ state: 'unhealthy', run: 0 });
  });

  it('INV-ELB-1: when every target is unhealthy the load balancer fails open and routes to all of them', () => {
    const m = lb();
    const s = run(m, [appCrash(0), appCrash(1), ...detect(0), targetHealthCheck(1), T, targetHealthCheck(1)]);
    expect([targetState(s, 0), targetState(s, 1)]).toEqual(['unhealthy', 'unhealthy']);
    expect(routedTargets(s)).toEqual([0, 1]);
    expect(failingOpen(s)).toBe(true);
    expect(onlyHealthyTargetsAfterDetection(s)).toBe(false);
    expect(servesHealthyTarget(s)).toBe(false);
  });

  it('INV-ELB-4: a deep check on a shared dependency (a database in zone 0) fails every target at once: fail-open', () => {
    const m = lb({ probe: (w, i) => isHealthy(w, i) && azUp(w, 0) });
    const s = run(m, [azOutage(0), ...detect(0), targetHealthCheck(1), T, targetHealthCheck(1)]);
    expect([targetState(s, 0), targetState(s, 1)]).toEqual(['unhealthy', 'unhealthy']);
    expect(routedTargets(s)).toEqual([0, 1]); // node 1 fails open, to the dead zone too
    expect(failingOpen(s)).toBe(true);
    expect(onlyHealthyTargets(s)).toBe(false);
    expect(servesHealthyTarget(s)).toBe(true); // instance 1 itself is fine
  });
});

describe('elb registration and draining', () => {
  it('a newly registered target gets no requests until it passes one check', () => {
    const m = lb({ ops: ['RegisterTarget'] }, { initial: [0, 1, 1] });
    const s = run(m, [registerTarget(2)]);
    expect(target(s, 2)).toEqual({ state: 'initial', run: 0, timer: 0 });
    expect(routesTo(s, 2)).toBe(false);
    expect(routesTo(run(m, [targetHealthCheck(2)], s), 2)).toBe(true);
    const failing = run(m, [appCrash(2), registerTarget(2), ...detect(2)]);
    expect(targetState(failing, 2)).toBe('unhealthy');
    expect(isEnabled(m, m.init()[0], registerTarget(0))).toBe(false); // already registered
  });

  it('INV-ELB-5: a deregistered target drains for the deregistration delay, without new requests', () => {
    const m = lb({ ops: ['DeregisterTarget'] });
    const s = run(m, [deregisterTarget(0)]);
    expect(target(s, 0)).toEqual({ state: 'draining', run: 0, timer: 5 });
    expect(routedTargets(s)).toEqual([1]);
    expect(isEnabled(m, run(m, times(4, T), s), targetDrained(0))).toBe(false);
    const drained = run(m, [...times(5, T), targetDrained(0)], s);
    expect(target(drained, 0)).toEqual({ state: 'unused', run: 0, timer: 0 });
    const instant = lb({ ops: ['DeregisterTarget'], deregistrationDelaySeconds: 0 });
    expect(targetState(run(instant, [deregisterTarget(0)]), 0)).toBe('unused');
  });

  it('a terminated instance is forgotten', () => {
    const m = lb();
    const s = run(m, [terminateInstance(0)]);
    expect(isEnabled(m, s, targetHealthCheck(0))).toBe(true); // still registered while shutting down
    expect(target(run(m, [instanceTerminated(0)], s), 0)).toEqual({ state: 'unused', run: 0, timer: 0 });
  });
});

describe('elb nodes and zones', () => {
  it('INV-ELB-3: cross-zone off splits each node over its own zone; on, over all targets', () => {
    const off = uneven({ crossZone: false }).init()[0];
    expect([0, 1, 2].map((i) => targetShare(off, i))).toEqual([0.5, 0.25, 0.25]);
    const on = uneven().init()[0];
    for (const i of [0, 1, 2]) expect(targetShare(on, i)).toBeCloseTo(1 / 3);
    expect(uneven({ type: 'NLB' }).init()[0][ELB]).toMatchObject({ crossZone: false });
  });

  it('an AZ outage stops its node; with cross-zone on, the other node keeps sending to the dead zone until detection', () => {
    const m = uneven();
    const out = run(m, [azOutage(0)]);
    expect(nodeUp(out, 0)).toBe(false);
    expect(routedTargets(out)).toEqual([0, 1, 2]);
    expect(onlyHealthyTargets(out)).toBe(false);
    expect(routedTargets(run(m, detect(0), out))).toEqual([1, 2]);
    const isolated = uneven({ crossZone: false });
    const s = run(isolated, [azOutage(0)]);
    expect(routedTargets(s)).toEqual([1, 2]);
    expect(onlyHealthyTargets(s)).toBe(true);
    expect(targetShare(s, 1)).toBe(0.5);
  });

  it('cross-zone off: a node without healthy targets leaves DNS while another has some (no fail-open)', () => {
    const m = uneven({ crossZone: false });
    const s = run(m, [appCrash(0), ...detect(0)]);
    expect(routedTargets(s)).toEqual([1, 2]);
    expect(failingOpen(s)).toBe(false);
    expect([targetShare(s, 1), targetShare(s, 2)]).toEqual([0.5, 0.5]);
    const rest = run(m, [appCrash(1), appCrash(2), targetHealthCheck(1), targetHealthCheck(2), T, targetHealthCheck(1), targetHealthCheck(2)]);
    expect(routedTargets(rest)).toEqual([0]);
    expect(targetShare(rest, 0)).toBe(1);
  });

  it('a failed LB node gets no traffic until AWS replaces it; not in a zone that is down', () => {
    const m = uneven({ crossZone: false });
    const s = run(m, [lbNodeFailure(0)]);
    expect(routedTargets(s)).toEqual([1, 2]);
    expect(isEnabled(m, s, lbNodeReplaced(0))).toBe(true);
    expect(routedTargets(run(m, [lbNodeReplaced(0)], s))).toEqual([0, 1, 2]);
    const down = run(m, [lbNodeFailure(0), azOutage(0)]);
    expect(isEnabled(m, down, lbNodeReplaced(0))).toBe(false);
    expect(isEnabled(m, run(m, [azOutage(0)]), lbNodeFailure(0))).toBe(false);
    expect(isEnabled(m, run(m, [azRecover(0)], down), lbNodeReplaced(0))).toBe(true);
  });
});

describe('elb attached to an Auto Scaling group', () => {
  const grouped = (o: AsgOptions = {}, e: Ec2Options = {}) =>
    compose([
      az(),
      ec2({ slots: 3, initial: [0, 1], autoScaling: true, autoRecovery: false, ...e }),
      asg({ min: 2, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 0, ...o }),
      elb({ registered: [0, 1], attachedToAsg: true, deregistrationDelaySeconds: 0 }),
    ]);

  it('the ASG acts on the LB view: a crashed application is replaced only after detection', () => {
    const m = grouped();
    const crashed = run(m, [appCrash(0)]);
    expect(isEnabled(m, crashed, asgMarkUnhealthy(0))).toBe(false);
    const detected = run(m, [...detect(0)], crashed);
    expect(elbHealthy(detected, 0)).toBe(false);
    const gone = run(m, [asgMarkUnhealthy(0), asgTerminate(0)], detected);
    expect(targetState(gone, 0)).toBe('unused'); // deregistered (no delay)
    const relaunched = run(m, [instanceTerminated(0), asgLaunch(0, 0)], gone);
    // launched, not registered: no check, no request, not reported unhealthy
    expect(target(relaunched, 0)).toEqual({ state: 'launching', run: 0, timer: 0 });
    expect(isEnabled(m, relaunched, targetHealthCheck(0))).toBe(false);
    expect(elbHealthy(relaunched, 0)).toBe(true);
    const inService = run(m, [T, instanceRunning(0)], relaunched);
    expect(target(inService, 0)).toEqual({ state: 'initial', run: 0, timer: 0 });
    expect(elbHealthy(inService, 0)).toBe(true); // initial is not reported unhealthy
    expect(target(run(m, [targetHealthCheck(0)], inService), 0).state).toBe('healthy'); // one pass [L1]
  });

  it('grace 0 with ELB checks and a 3-minute boot: the replacement, registered once running, is not replaced again', () => {
    const slowBoot = { bootSeconds: 180 };
    for (const m of [grouped({}, slowBoot), grouped({ gracePeriodSeconds: 600 }, slowBoot)]) {
      const { state, steps } = settle(m, run(m, [appCrash(0), ...detect(0)]), 200);
      expect(steps.filter((s) => s.startsWith('AsgMarkUnhealthy'))).toEqual(['AsgMarkUnhealthy(0)']);
      expect(steps.filter((s) => s.startsWith('AsgLaunch'))).toHaveLength(1);
      expect(routedTargets(state).length).toBe(2);
      expect(onlyHealthyTargets(state)).toBe(true);
    }
  });
});

describe('elb random walks', () => {
  it('keep next pure and deterministic, states in schema, targets consistent with ec2', () => {
    const components = [
      az(),
      ec2({ slots: 3, initial: [0, 1], autoScaling: true, ops: ['TerminateInstance', 'RebootInstance'] }),
      asg({ min: 2, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 60 }),
      elb({ registered: [0, 1], attachedToAsg: true, ops: ['RegisterTarget', 'DeregisterTarget'], deregistrationDelaySeconds: 120, crossZone: false }),
    ];
    const m = compose(components, { maxFaults: 3 });
    const taken = checkContract(m, components, (prev, s, a) => {
      let share = 0;
      for (let i = 0; i < 3; i++) {
        const x = target(s, i);
        if (isFree(s, i)) expect(x.state).toBe('unused');
        if (x.state === 'unused') expect(x).toEqual({ state: 'unused', run: 0, timer: 0 });
        // launched by the group and not running yet (booting, or terminated while booting)
        if (x.state === 'launching') expect(['pending', 'shutting-down']).toContain(instanceState(s, i));
        if (x.state === 'draining') expect(x.timer).toBeLessThanOrEqual(2);
        else expect(x.timer).toBeLessThanOrEqual(1);
        if (routesTo(s, i)) expect(['healthy', 'unhealthy']).toContain(x.state);
        if (routesTo(s, i) && x.state === 'unhealthy') expect(failingOpen(s)).toBe(true);
        share += targetShare(s, i);
        if (a.type === 'TargetHealthCheck' && (a as unknown as { instance: number }).instance !== i) expect(x).toBe(target(prev, i));
      }
      if (!onlyHealthyTargetsAfterDetection(s)) expect(failingOpen(s)).toBe(true);
      expect(routedMask(s) === 0 ? share : Math.round(share * 1e9) / 1e9).toBe(routedMask(s) === 0 ? 0 : 1);
    });
    for (const type of ['TargetHealthCheck', 'TargetDrained', 'DeregisterTarget', 'LbNodeFailure', 'LbNodeReplaced', 'AsgLaunch', 'AsgTerminate', 'InstanceTerminated', 'AzOutage']) {
      expect(taken).toContain(type);
    }
  });

  it('without an ASG: operators register, deregister and terminate', () => {
    const components = [
      az(),
      ec2({ slots: 2, initial: [0, 1], ops: ['TerminateInstance', 'LaunchInstance'], faults: ['AppCrash'] }),
      elb({ slots: 2, registered: [0], ops: ['RegisterTarget', 'DeregisterTarget'], deregistrationDelaySeconds: 60 }),
    ];
    const m = compose(components, { maxFaults: 2 });
    const taken = checkContract(m, components, (_prev, s) => {
      for (let i = 0; i < 2; i++) if (isFree(s, i)) expect(targetState(s, i)).toBe('unused');
      if (!onlyHealthyTargetsAfterDetection(s)) expect(failingOpen(s)).toBe(true);
    });
    for (const type of ['RegisterTarget', 'DeregisterTarget', 'TargetDrained', 'TargetHealthCheck', 'InstanceTerminated', 'LaunchInstance']) expect(taken).toContain(type);
  });
});
