import { describe, expect, it } from 'vitest';
import { az, azOutage, azRecover } from '../../../model/aws/az/index.js';
import { capacity } from '../../../model/aws/capacity/index.js';
import { compose, tick } from '../../../model/compose/compose.js';
import {
  EC2, appCrash, autoRecover, ec2, guestFailure, hostFailure, inAz, instanceAz, instanceRunning, instanceState, instanceStopped,
  instanceStoreIntact, instanceTerminated, isFree, isHealthy, isImpaired, isLaunched, isReachable, isRunning, launchInstance,
  osShutdown, rebootInstance, scheduledRetirement, startInstance, statusChecksOk, stopInstance, terminateInstance,
  type Ec2Options, type Ec2State,
} from '../../../model/aws/ec2/index.js';
import { enabledLabels, isEnabled, run } from '../support.js';

const ALL_OPS = ['LaunchInstance', 'StartInstance', 'StopInstance', 'RebootInstance', 'TerminateInstance', 'OsShutdown'] as const;
/** az + capacity + ec2 with every op enabled (60 s ticks, boot 60 s, auto-recovery 120 s). */
function model(options: Ec2Options = {}) {
  return compose([az(), capacity(), ec2({ slots: 2, ops: ALL_OPS, ...options })]);
}
const slot = (s: Parameters<typeof isRunning>[0], i: number) => (s[EC2] as Ec2State).instances[i];

describe('ec2 lifecycle', () => {
  it('launches from the AMI: pending for the boot time, then running and healthy', () => {
    const m = model({ bootSeconds: 120 });
    const s0 = m.init()[0];
    expect(enabledLabels(m, s0)).toContain('LaunchInstance(0, 1)');
    const pending = run(m, [launchInstance(0, 1)]);
    expect(slot(pending, 0)).toMatchObject({ state: 'pending', az: 1, timer: 2, storeData: true });
    expect(isLaunched(pending, 0)).toBe(true);
    expect(isEnabled(m, pending, instanceRunning(0))).toBe(false);
    const booted = run(m, [tick(), tick()], pending);
    expect(enabledLabels(m, booted)).not.toContain('Tick'); // no timer left
    const running = run(m, [instanceRunning(0)], booted);
    expect(isRunning(running, 0)).toBe(true);
    expect(isHealthy(running, 0)).toBe(true);
    expect(instanceAz(running, 0)).toBe(1);
    expect(inAz(running, 0, 1)).toBe(true);
    expect(inAz(running, 0, 0)).toBe(false);
    // the next manual launch takes the next free slot
    expect(enabledLabels(m, running)).toContain('LaunchInstance(1, 0)');
  });

  it('stop/start keeps the EBS root (the instance starts again) but loses the instance store (INV-EC2-1)', () => {
    const m = model({ initial: [0] });
    const stopping = run(m, [stopInstance(0)]);
    expect(slot(stopping, 0)).toMatchObject({ state: 'stopping', storeData: false });
    const stopped = run(m, [instanceStopped(0)], stopping);
    expect(instanceState(stopped, 0)).toBe('stopped');
    expect(isHealthy(stopped, 0)).toBe(false);
    const back = run(m, [startInstance(0), tick(), instanceRunning(0)], stopped);
    expect(isHealthy(back, 0)).toBe(true);
    expect(instanceStoreIntact(back, 0)).toBe(false);
  });

  it('INV-EC2-2: an instance-store-backed instance cannot stop or start, and retirement terminates it', () => {
    const m = model({ initial: [0], rootDevice: 'instance-store' });
    const s0 = m.init()[0];
    expect(isEnabled(m, s0, stopInstance(0))).toBe(false);
    const retired = run(m, [scheduledRetirement(0)]);
    expect(instanceState(retired, 0)).toBe('shutting-down');
    const gone = run(m, [instanceTerminated(0)], retired);
    expect(instanceState(gone, 0)).toBe('terminated');
    expect(isFree(gone, 0)).toBe(true);
    // an EBS-backed one is stopped instead, and can start again
    const ebs = model({ initial: [0] });
    const stopped = run(ebs, [scheduledRetirement(0), instanceStopped(0)]);
    expect(instanceState(stopped, 0)).toBe('stopped');
    expect(isEnabled(ebs, stopped, startInstance(0))).toBe(true);
  });

  it('INV-EC2-1: instance-store data is lost on host failure and stays lost through auto-recovery', () => {
    const m = model({ initial: [0, 1] });
    const failed = run(m, [hostFailure(0)]);
    expect(isReachable(failed, 0)).toBe(false);
    expect(isImpaired(failed, 0)).toBe(true);
    expect(instanceStoreIntact(failed, 0)).toBe(false);
    expect(instanceStoreIntact(failed, 1)).toBe(true);
    // INV-EC2-7: recovery waits for a sustained failure (120 s = 2 ticks)
    expect(isEnabled(m, run(m, [tick()], failed), autoRecover(0))).toBe(false);
    const recovered = run(m, [tick(), tick(), autoRecover(0)], failed);
    expect(isHealthy(recovered, 0)).toBe(true);
    expect(instanceStoreIntact(recovered, 0)).toBe(false);
  });

  it('instance-store data lost after host failure and replacement: no auto-recovery, a fresh instance replaces it', () => {
    const m = model({ initial: [0], rootDevice: 'instance-store' });
    const failed = run(m, [hostFailure(0)]);
    expect(enabledLabels(m, failed)).not.toContain('Tick'); // no recovery timer: it is never recovered
    expect(isEnabled(m, failed, autoRecover(0))).toBe(false);
    const replaced = run(m, [terminateInstance(0), instanceTerminated(0), launchInstance(0, 1), tick(), instanceRunning(0)], failed);
    expect(slot(replaced, 0)).toMatchObject({ state: 'running', az: 1, systemOk: true });
  });

  it('auto-recovery can be turned off', () => {
    const m = model({ initial: [0], autoRecovery: false });
    const failed = run(m, [hostFailure(0)]);
    expect(enabledLabels(m, failed).filter((l) => l === 'Tick' || l.startsWith('AutoRecover'))).toEqual([]);
  });

  it('status checks: a guest failure impairs the instance until a reboot, which does not fix a host', () => {
    const m = model({ initial: [0] });
    const guest = run(m, [guestFailure(0)]);
    expect(isReachable(guest, 0)).toBe(true);
    expect(statusChecksOk(guest, 0)).toBe(false);
    expect(isImpaired(guest, 0)).toBe(true);
    expect(isHealthy(run(m, [rebootInstance(0)], guest), 0)).toBe(true);
    const both = run(m, [hostFailure(0), rebootInstance(0)], guest);
    expect(isImpaired(both, 0)).toBe(true);
    expect(slot(both, 0)).toMatchObject({ systemOk: false, instanceOk: true });
  });

  it('the application dies on a running OS: status checks pass, the health check fails, a reboot restarts it', () => {
    const m = model({ initial: [0] });
    const crashed = run(m, [appCrash(0)]);
    expect(statusChecksOk(crashed, 0)).toBe(true);
    expect(isImpaired(crashed, 0)).toBe(false);
    expect(isHealthy(crashed, 0)).toBe(false);
    expect(isEnabled(m, m.init()[0], rebootInstance(0))).toBe(false); // nothing to fix
    expect(isHealthy(run(m, [rebootInstance(0)], crashed), 0)).toBe(true);
  });

  it('INV-EC2-6: an in-guest shutdown stops, or terminates with shutdownBehavior terminate or an instance-store root', () => {
    expect(instanceState(run(model({ initial: [0] }), [osShutdown(0)]), 0)).toBe('stopping');
    expect(instanceState(run(model({ initial: [0], shutdownBehavior: 'terminate' }), [osShutdown(0)]), 0)).toBe('shutting-down');
    expect(instanceState(run(model({ initial: [0], rootDevice: 'instance-store' }), [osShutdown(0)]), 0)).toBe('shutting-down');
  });

  it('terminates from pending, running and stopped; terminated is final and frees the slot', () => {
    const m = model({ initial: [0] });
    const fromPending = run(m, [launchInstance(1, 0), terminateInstance(1), instanceTerminated(1)]);
    expect(instanceState(fromPending, 1)).toBe('terminated');
    const fromStopped = run(m, [stopInstance(0), instanceStopped(0), terminateInstance(0)]);
    expect(instanceState(fromStopped, 0)).toBe('shutting-down');
    expect(enabledLabels(m, fromStopped)).toContain('InstanceTerminated(0)');
    const gone = run(m, [instanceTerminated(0)], fromStopped);
    // nothing is left to do with instance 0; its slot takes the next launch
    expect(enabledLabels(m, gone)).toEqual([
      'AzOutage(0)', 'AzOutage(1)', 'InsufficientCapacity(0)', 'InsufficientCapacity(1)', 'LaunchInstance(0, 0)', 'LaunchInstance(0, 1)',
    ]);
  });

  it('an AZ outage makes its instances unreachable and loses their instance store; recovery brings them back', () => {
    const m = model({ initial: [0, 1] });
    const down = run(m, [azOutage(0)]);
    expect(isRunning(down, 0)).toBe(true); // the state may still read running
    expect(isReachable(down, 0)).toBe(false);
    expect(isImpaired(down, 0)).toBe(true);
    expect(isHealthy(down, 0)).toBe(false);
    expect(instanceStoreIntact(down, 0)).toBe(false);
    expect(isHealthy(down, 1)).toBe(true);
    expect(instanceStoreIntact(down, 1)).toBe(true);
    const back = run(m, [azRecover(0)], down);
    expect(isHealthy(back, 0)).toBe(true);
    expect(instanceStoreIntact(back, 0)).toBe(false);
  });

  it('auto-recovery does not act while the zone is down', () => {
    const m = model({ initial: [0] });
    const s = run(m, [hostFailure(0), tick(), tick(), azOutage(0)]);
    expect(isEnabled(m, s, autoRecover(0))).toBe(false);
    expect(isEnabled(m, run(m, [azRecover(0)], s), autoRecover(0))).toBe(true);
  });

  it('offers no op unless enabled, and respects its own fault budget', () => {
    const m = compose([az({ maxDown: 0 }), ec2({ slots: 1, initial: [0], faultBudget: 1 })]);
    const s0 = m.init()[0];
    expect(enabledLabels(m, s0)).toEqual(['HostFailure(0)', 'GuestFailure(0)', 'AppCrash(0)', 'ScheduledRetirement(0)']);
    const s1 = run(m, [appCrash(0)]);
    expect((s1[EC2] as Ec2State).faultsUsed).toBe(1);
    expect(enabledLabels(m, s1)).toEqual([]);
  });

  it('rejects bad parameters', () => {
    expect(() => ec2({ slots: 1, initial: [0, 1] })).toThrow(/initial/);
    expect(() => ec2({ azs: 2, initial: [2] })).toThrow(/zone 2/);
    expect(() => ec2({ ops: ['Fly' as 'StopInstance'] })).toThrow(/unknown op/);
  });
});
