import { describe, expect, it } from 'vitest';
import { az, azOutage, azRecover } from '../../../model/aws/az/index.js';
import {
  ASG, asg, asgLaunch, asgMarkUnhealthy, asgTerminate, resumeProcesses, startInstanceRefresh, suspendProcesses, type AsgOptions, type AsgState,
} from '../../../model/aws/asg/index.js';
import { capacity, insufficientCapacity, type CapacityOptions } from '../../../model/aws/capacity/index.js';
import { compose, tick } from '../../../model/compose/compose.js';
import type { World } from '../../../model/compose/component.js';
import {
  appCrash, ec2, guestFailure, healthyCount, hostFailure, instanceAz, instanceRunning, instanceStopped, instanceTerminated, isHealthy, isLaunched,
  rebootInstance, stopInstance, type Ec2Options,
} from '../../../model/aws/ec2/index.js';
import { enabledLabels, isEnabled, run, settle } from '../support.js';

/** 2 zones, instances 0 (zone 0) and 1 (zone 1) running, a group of 2 over slots 0..2; 60 s ticks. */
function group(options: AsgOptions = {}, ec2Options: Ec2Options = {}, capacityOptions: CapacityOptions = {}) {
  return compose([
    az(),
    capacity(capacityOptions),
    ec2({ slots: 3, initial: [0, 1], autoScaling: true, autoRecovery: false, ...ec2Options }),
    asg({ min: 2, ...options }),
  ]);
}
const groupActions = (m: ReturnType<typeof group>, s: World) => enabledLabels(m, s).filter((l) => l.startsWith('Asg'));

describe('asg health checks', () => {
  it('does nothing in its steady state', () => {
    const m = group();
    expect(groupActions(m, m.init()[0])).toEqual([]);
    expect(enabledLabels(m, m.init()[0])).not.toContain('Tick');
  });

  it('INV-ASG-1: with EC2 health checks an instance whose application died is never replaced', () => {
    const m = group();
    const { state, steps } = settle(m, run(m, [appCrash(0)]));
    expect(steps).toEqual([]);
    expect(isHealthy(state, 0)).toBe(false);
    expect(healthyCount(state)).toBe(1);
  });

  it('with ELB health checks the same instance is marked, terminated, and replaced (terminate first)', () => {
    const m = group({ healthCheckType: 'ELB' });
    const { state, steps } = settle(m, run(m, [appCrash(0)]));
    expect(steps.slice(0, 6)).toEqual(['AsgMarkUnhealthy(0)', 'AsgTerminate(0)', 'InstanceTerminated(0)', 'AsgLaunch(0, 0)', 'Tick', 'InstanceRunning(0)']);
    expect(healthyCount(state)).toBe(2);
    expect(instanceAz(state, 0)).toBe(0);
  });

  it('launch-first replaces an unhealthy instance only once its replacement serves', () => {
    const m = group({ healthCheckType: 'ELB', maintenancePolicy: 'launch-first' });
    const marked = run(m, [appCrash(0), asgMarkUnhealthy(0)]);
    expect(groupActions(m, marked)).toEqual(['AsgLaunch(2, 0)']);
    const launched = run(m, [asgLaunch(2, 0), tick(), instanceRunning(2)], marked);
    expect(groupActions(m, launched)).toEqual([]); // grace: 300 s = 5 ticks
    const served = run(m, [tick(), tick(), tick(), tick(), tick()], launched);
    expect(groupActions(m, served)).toEqual(['AsgTerminate(0)']);
  });

  it('suspended processes (a fault): the instance is marked Unhealthy but not replaced until they resume', () => {
    const m = group({ healthCheckType: 'ELB', suspendFaults: true });
    expect(enabledLabels(m, m.init()[0])).toContain('SuspendProcesses');
    const suspended = settle(m, run(m, [suspendProcesses(), appCrash(0)]));
    expect(suspended.steps).toEqual(['AsgMarkUnhealthy(0)']);
    expect(healthyCount(suspended.state)).toBe(1);
    expect(enabledLabels(m, suspended.state)).toContain('ResumeProcesses');
    const resumed = settle(m, run(m, [resumeProcesses()], suspended.state));
    expect(resumed.steps.slice(0, 2)).toEqual(['AsgTerminate(0)', 'InstanceTerminated(0)']);
    expect(healthyCount(resumed.state)).toBe(2);
  });

  it('reads ELB health through the elbHealthy hook', () => {
    const m = group({ healthCheckType: 'ELB', elbHealthy: (_w, i) => i !== 1 });
    expect(groupActions(m, m.init()[0])).toEqual(['AsgMarkUnhealthy(1)']);
  });

  it('INV-ASG-3: the grace period delays replacing a new instance that failed', () => {
    const m = compose([az(), capacity(), ec2({ slots: 3, initial: [0], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB' })]);
    const s0 = m.init()[0];
    expect(groupActions(m, s0)).toEqual(['AsgLaunch(1, 1)']);
    let s = run(m, [asgLaunch(1, 1), tick(), instanceRunning(1), appCrash(1)], s0);
    for (let k = 0; k < 5; k++) {
      expect(isEnabled(m, s, asgMarkUnhealthy(1))).toBe(false);
      s = run(m, [tick()], s);
    }
    expect(groupActions(m, s)).toEqual(['AsgMarkUnhealthy(1)']);
  });

  it('a member that is not running is unhealthy at once', () => {
    const m = group({}, { ops: ['StopInstance'] });
    const stopping = run(m, [stopInstance(1)]);
    expect(groupActions(m, stopping)).toEqual(['AsgMarkUnhealthy(1)']);
    expect(isEnabled(m, run(m, [instanceStopped(1)], stopping), asgMarkUnhealthy(1))).toBe(true);
  });

  it('INV-EC2-7: an impaired instance is marked after the wait, anywhere in [lo, hi]', () => {
    const m = group({ impairedWaitSeconds: [120, 240] });
    let s = run(m, [hostFailure(0)]);
    expect(groupActions(m, s)).toEqual([]);
    s = run(m, [tick()], s);
    expect(groupActions(m, s)).toEqual([]);
    for (let k = 2; k <= 4; k++) {
      s = run(m, [tick()], s);
      expect(groupActions(m, s)).toEqual(['AsgMarkUnhealthy(0)']);
    }
    expect(enabledLabels(m, s)).not.toContain('Tick'); // hi reached: time runs on no further for it
    expect(((s[ASG] as AsgState).members[0]).impaired).toBe(4);
  });

  it('unhealthy is sticky: the instance is replaced even if it recovers', () => {
    const m = group({ impairedWaitSeconds: [60, 60] }, { faults: ['GuestFailure'], ops: ['RebootInstance'] });
    const s = run(m, [guestFailure(0), tick(), asgMarkUnhealthy(0), rebootInstance(0)]);
    expect(isHealthy(s, 0)).toBe(true);
    expect(groupActions(m, s)).toEqual(['AsgTerminate(0)']);
  });
});

describe('asg placement and capacity', () => {
  const afterLoss = (m: ReturnType<typeof group>, before: readonly Parameters<typeof run>[1][number][]) =>
    settle(m, run(m, [...before, hostFailure(0), tick(), asgMarkUnhealthy(0), asgTerminate(0), instanceTerminated(0)]));

  it('launches into the zone with the fewest members', () => {
    const m = group();
    const { state, steps } = afterLoss(m, []);
    expect(steps[0]).toBe('AsgLaunch(0, 0)');
    expect(instanceAz(state, 0)).toBe(0);
  });

  it('balanced-best-effort goes to another zone when the preferred one has no capacity', () => {
    const m = group();
    const { state, steps } = afterLoss(m, [insufficientCapacity(0)]);
    expect(steps[0]).toBe('AsgLaunch(0, 1)');
    expect(healthyCount(state)).toBe(2);
  });

  it('INV-ASG-7: balanced-only keeps failing in the short zone and stays below desired', () => {
    const m = group({ azStrategy: 'balanced-only' });
    const { state, steps } = afterLoss(m, [insufficientCapacity(0)]);
    expect(steps).toEqual([]);
    expect(healthyCount(state)).toBe(1);
  });

  it('INV-ASG-8: with no capacity anywhere the replacement never comes; a reservation guarantees it', () => {
    const noCapacity = group({}, {}, { maxShort: 2 });
    expect(healthyCount(afterLoss(noCapacity, [insufficientCapacity(0), insufficientCapacity(1)]).state)).toBe(1);
    const reserved = group({}, {}, { maxShort: 2, reserved: [1, 1] });
    const { state, steps } = afterLoss(reserved, [insufficientCapacity(0), insufficientCapacity(1)]);
    expect(steps[0]).toBe('AsgLaunch(0, 0)');
    expect(healthyCount(state)).toBe(2);
  });

  it('AZ outage: best effort replaces into the other zone, then rebalances when the zone returns (INV-ASG-6)', () => {
    const m = group();
    const out = settle(m, run(m, [azOutage(0)]));
    expect(out.steps.slice(0, 5)).toEqual(['Tick', 'AsgMarkUnhealthy(0)', 'AsgTerminate(0)', 'InstanceTerminated(0)', 'AsgLaunch(0, 1)']);
    expect(healthyCount(out.state)).toBe(2);
    expect([instanceAz(out.state, 0), instanceAz(out.state, 1)]).toEqual([1, 1]);
    const back = settle(m, run(m, [azRecover(0)], out.state));
    // launch first into the empty zone, then terminate a healthy instance in the full one
    expect(back.steps[0]).toBe('AsgLaunch(2, 0)');
    expect(back.steps).toContain('AsgTerminate(0)');
    expect(healthyCount(back.state)).toBe(2);
    const zones = [0, 1, 2].filter((i) => isLaunched(back.state, i)).map((i) => instanceAz(back.state, i)).sort();
    expect(zones).toEqual([0, 1]);
  });

  it('AZ outage with balanced-only: the group stays one short', () => {
    const m = group({ azStrategy: 'balanced-only' });
    const { state } = settle(m, run(m, [azOutage(0)]));
    expect(healthyCount(state)).toBe(1);
  });
});

describe('asg rotation', () => {
  /** Runs an instance refresh's control loop; returns the fewest healthy instances seen. */
  function refresh(policy: 'launch-first' | 'terminate-first'): { fewest: number; end: World } {
    const m = group({ instanceRefresh: true, maintenancePolicy: policy });
    let fewest = Infinity;
    const { state } = settle(m, run(m, [startInstanceRefresh()]), 200, (s) => {
      fewest = Math.min(fewest, healthyCount(s));
    });
    return { fewest, end: state };
  }

  it('launch-first keeps 2 in service during an instance refresh', () => {
    const { fewest, end } = refresh('launch-first');
    expect(fewest).toBe(2);
    expect(healthyCount(end)).toBe(2);
    expect((end[ASG] as AsgState).members.every((m) => !m.replace)).toBe(true);
  });

  it('terminate-first drops below 2 during an instance refresh', () => {
    const { fewest, end } = refresh('terminate-first');
    expect(fewest).toBe(1);
    expect(healthyCount(end)).toBe(2);
  });

  it('max instance lifetime: instances expire and are replaced', () => {
    const m = group({ tickSeconds: 86_400, maxInstanceLifetimeSeconds: 86_400 }, { tickSeconds: 86_400 });
    const s0 = m.init()[0];
    expect(enabledLabels(m, s0)).toContain('Tick');
    const expired = run(m, [tick()]);
    expect((expired[ASG] as AsgState).members.slice(0, 2).map((x) => x.replace)).toEqual([true, true]);
    // Both are due: either may go first (the model never picks by slot order).
    expect(groupActions(m, expired)).toEqual(['AsgTerminate(0)', 'AsgTerminate(1)']);
    const { steps } = settle(m, expired, 12);
    expect(steps.slice(0, 3)).toEqual(['AsgTerminate(0)', 'InstanceTerminated(0)', 'AsgLaunch(0, 0)']);
  });

  it('only one refresh runs at a time', () => {
    const m = group({ instanceRefresh: true });
    expect(enabledLabels(m, m.init()[0])).toContain('StartInstanceRefresh');
    expect(enabledLabels(m, run(m, [startInstanceRefresh()]))).not.toContain('StartInstanceRefresh');
  });
});

describe('asg configuration', () => {
  it('rejects bad parameters', () => {
    expect(() => asg({ min: 3, desired: 2 })).toThrow(/min <= desired <= max/);
    expect(() => asg({ maxInstanceLifetimeSeconds: 3_600 })).toThrow(/86400/);
    expect(() => asg({ impairedWaitSeconds: [300, 60] })).toThrow(/impairedWaitSeconds/);
  });

  it('needs ec2 to reduce its launches', () => {
    expect(() => compose([az(), ec2(), asg()])).toThrow(/AsgLaunch but no component subscribes/);
  });
});
