/**
 * Issue 12: an Auto Scaling group attached to a load balancer registers an instance when it
 * enters InService (ec2's `InstanceRunning`), not at `AsgLaunch`. Registered while still
 * booting, a replacement failed its health checks, and a group with ELB health checks and no
 * grace period killed its healthy replacements in a loop.
 */
import { describe, expect, it } from 'vitest';
import { asg, asgMarkUnhealthy, asgTerminate, ASG, type AsgState } from '../../../model/aws/asg/index.js';
import { az } from '../../../model/aws/az/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose, tick } from '../../../model/compose/compose.js';
import { appCrash, asgLaunch, ec2, instanceRunning, instanceTerminated, isHealthy, launchInstance, terminateInstance } from '../../../model/aws/ec2/index.js';
import { elb, elbHealthy, targetHealthCheck, targetState } from '../../../model/aws/elb/index.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { noHealthyInstanceReplaced } from '../../../properties/fleet.js';
import { asgElbGraceZeroModel } from '../../../scenarios/fleet/asg-elb-grace-zero.js';
import { isEnabled, run, runSteps, settle } from '../support.js';

const T = tick();

/** The group's members it has marked unhealthy while they are really healthy. */
function healthyMarked(s: World): number[] {
  const ms = (s[ASG] as AsgState).members;
  return ms.flatMap((m, k) => (m.unhealthy && isHealthy(s, k) ? [k] : []));
}

describe('an attached group registers its instance when it enters InService', () => {
  // asg-elb-grace-zero: ELB checks, grace 0, a 3-tick boot, the ALB's 2 failed checks a tick apart.
  const m = asgElbGraceZeroModel();
  const crashed = [appCrash(0), targetHealthCheck(0), T, targetHealthCheck(0), asgMarkUnhealthy(0), asgTerminate(0)];

  it('the old loop (AsgLaunch, failed checks while booting, InstanceRunning, AsgMarkUnhealthy) is no longer a path', () => {
    const launched = run(m, [...crashed, asgLaunch(2, 0)]);
    expect(targetState(launched, 2)).toBe('launching');
    expect(isEnabled(m, launched, targetHealthCheck(2))).toBe(false);
    const oldLoop = [targetHealthCheck(2), T, targetHealthCheck(2), T, T, instanceRunning(2), asgMarkUnhealthy(2)];
    expect(() => runSteps(m, oldLoop, launched)).toThrow(/step TargetHealthCheck\(2\) is not enabled/);

    // What happens instead: boot, register at InService, one passing check, and the group keeps it.
    const booted = run(m, [T, T, T], launched);
    expect(targetState(booted, 2)).toBe('launching');
    const inService = run(m, [instanceRunning(2)], booted);
    expect(targetState(inService, 2)).toBe('initial');
    expect(elbHealthy(inService, 2)).toBe(true);
    expect(isEnabled(m, inService, asgMarkUnhealthy(2))).toBe(false);
    const checked = run(m, [targetHealthCheck(2)], inService);
    expect(targetState(checked, 2)).toBe('healthy');
    const { state, steps } = settle(m, checked, 100, (s) => expect(healthyMarked(s)).toEqual([]));
    expect(steps.filter((s) => s.startsWith('AsgMarkUnhealthy') || s.startsWith('AsgLaunch'))).toEqual([]);
    expect(isHealthy(state, 1) && isHealthy(state, 2)).toBe(true);
  });

  it('no reachable state has the group marking a healthy instance (NoHealthyInstanceReplaced holds)', () => {
    const r = exploreExhaustive({ ...m, properties: [noHealthyInstanceReplaced()] });
    expect(r.stats.complete).toBe(true);
    expect(r.properties[0].verdict).toBe('holds');
  });

  it('an instance terminated while booting is forgotten, never registered', () => {
    const grouped = compose([
      az({ maxDown: 0 }),
      ec2({ slots: 3, initial: [0, 1], autoScaling: true, ops: ['TerminateInstance'], faults: [] }),
      asg({ min: 2, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 0 }),
      elb({ registered: [0, 1], attachedToAsg: true, deregistrationDelaySeconds: 0, faults: [] }),
    ]);
    const relaunched = run(grouped, [terminateInstance(0), instanceTerminated(0), asgLaunch(0, 0)]);
    expect(targetState(relaunched, 0)).toBe('launching');
    const stopping = run(grouped, [terminateInstance(0)], relaunched);
    expect(targetState(stopping, 0)).toBe('launching'); // not registered, so nothing to deregister
    expect(targetState(run(grouped, [instanceTerminated(0)], stopping), 0)).toBe('unused');
  });

  it('NoHealthyInstanceReplaced reads member k as ec2 slot firstSlot + k', () => {
    const offset = compose([
      az({ maxDown: 0 }),
      ec2({ slots: 3, initial: [0, 0, 1], autoScaling: true, autoRecovery: false, faults: ['AppCrash'] }),
      asg({ min: 2, firstSlot: 1, slots: 2, healthCheckType: 'ELB', elbHealthy: (_w, i) => i !== 1, gracePeriodSeconds: 0 }),
    ]);
    // slot 0 (outside the group) crashed; the group marks its healthy member in slot 1
    const s = run(offset, [appCrash(0), asgMarkUnhealthy(1)]);
    expect(noHealthyInstanceReplaced(1).pred(s)).toBe(false);
    expect(noHealthyInstanceReplaced(0).pred(s)).toBe(true); // the wrong mapping looks at the crashed slot 0
  });

  it("only the group's launches: an operator's instance in a slot outside the group is not registered at InstanceRunning", () => {
    const mixed = compose([
      az({ maxDown: 0 }),
      ec2({ slots: 3, initial: [0, 1], autoScaling: true, ops: ['LaunchInstance'], manualFirstSlot: 2, faults: [] }),
      asg({ min: 2, slots: 2, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 0 }),
      elb({ registered: [0, 1], attachedToAsg: true, deregistrationDelaySeconds: 0, faults: [] }),
    ]);
    const manual = run(mixed, [launchInstance(2, 1), T, instanceRunning(2)]);
    expect(targetState(manual, 2)).toBe('unused');
    expect(targetState(manual, 0)).toBe('healthy');
  });
});
