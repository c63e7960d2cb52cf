import { describe, expect, it } from 'vitest';
import { az, azOutage } from '../../../model/aws/az/index.js';
import {
  CAPACITY, capacity, capacityAdmits, capacityRestored, insufficientCapacity, isShort, spareHostFor, type CapacityState,
} from '../../../model/aws/capacity/index.js';
import { compose, tick } from '../../../model/compose/compose.js';
import {
  autoRecover, ec2, hostFailure, instanceStopped, launchAdmitted, launchInstance, occupiedInAz, startInstance, stopInstance,
} from '../../../model/aws/ec2/index.js';
import { enabledLabels, isEnabled, run } from '../support.js';

describe('capacity', () => {
  it('offers a shortage per zone, at most maxShort at once, and its repair', () => {
    const m = compose([capacity({ azs: 2 })]);
    const s0 = m.init()[0];
    expect(enabledLabels(m, s0)).toEqual(['InsufficientCapacity(0)', 'InsufficientCapacity(1)']);
    const s1 = run(m, [insufficientCapacity(1)]);
    expect((s1[CAPACITY] as CapacityState).short).toEqual([false, true]);
    expect(isShort(s1, 1)).toBe(true);
    expect(enabledLabels(m, s1)).toEqual(['CapacityRestored(1)']);
    expect((run(m, [capacityRestored(1)], s1)[CAPACITY] as CapacityState).short).toEqual([false, false]);
    const fixed = compose([capacity({ restorable: false, maxShort: 2 })]);
    expect(enabledLabels(fixed, run(fixed, [insufficientCapacity(0)]))).toEqual(['InsufficientCapacity(1)']);
  });

  it('admits launches by limit, shortage and reservation', () => {
    const m = compose([capacity({ azs: 2, limitPerAz: [2, 2], reserved: [1, 0] })]);
    const s = m.init()[0];
    expect(capacityAdmits(s, 0, 1)).toBe(true);
    expect(capacityAdmits(s, 0, 2)).toBe(false); // at the limit
    const short = run(m, [insufficientCapacity(0)]);
    expect(capacityAdmits(short, 0, 0)).toBe(true); // the reservation still guarantees one
    expect(capacityAdmits(short, 0, 1)).toBe(false);
    expect(capacityAdmits(short, 1, 0)).toBe(true); // zone 1 is not short
    expect(spareHostFor(short, 0, 1)).toBe(true); // the reserved instance can move host
    expect(spareHostFor(short, 0, 2)).toBe(false);
    expect(capacityAdmits({}, 0, 99)).toBe(true); // no capacity component: unlimited
  });

  it('INV-EC2-5: a launch into a short zone fails, while a reservation guarantees it', () => {
    const parts = (reserved: number) => [az(), capacity({ reserved: [reserved, 0] }), ec2({ slots: 2, ops: ['LaunchInstance'], faults: [] })];
    const plain = compose(parts(0));
    const short = run(plain, [insufficientCapacity(0)]);
    expect(launchAdmitted(short, 0)).toBe(false);
    expect(isEnabled(plain, short, launchInstance(0, 0))).toBe(false);
    expect(isEnabled(plain, short, launchInstance(0, 1))).toBe(true);
    const reserved = compose(parts(1));
    const s = run(reserved, [insufficientCapacity(0), launchInstance(0, 0)]);
    expect(occupiedInAz(s, 0)).toBe(1);
    // the one reservation is in use: a second launch there fails
    expect(isEnabled(reserved, s, launchInstance(1, 0))).toBe(false);
  });

  it('limitPerAz counts instances holding a host; stopping one frees its place', () => {
    const m = compose([az(), capacity({ limitPerAz: 1 }), ec2({ slots: 2, initial: [0], ops: ['LaunchInstance', 'StopInstance', 'StartInstance'], faults: [] })]);
    const s0 = m.init()[0];
    expect(isEnabled(m, s0, launchInstance(1, 0))).toBe(false);
    expect(isEnabled(m, s0, launchInstance(1, 1))).toBe(true);
    const stopped = run(m, [stopInstance(0), instanceStopped(0)]);
    expect(occupiedInAz(stopped, 0)).toBe(0);
    expect(isEnabled(m, stopped, launchInstance(1, 0))).toBe(true);
    // whoever takes the place first wins: the stopped instance can no longer start
    const taken = run(m, [launchInstance(1, 0)], stopped);
    expect(isEnabled(m, taken, startInstance(0))).toBe(false);
  });

  it('a shortage blocks starting a stopped instance and auto-recovery, and a zone outage blocks launches', () => {
    const m = compose([az(), capacity(), ec2({ slots: 1, initial: [0], ops: ['StopInstance', 'StartInstance', 'LaunchInstance'], autoRecoverySeconds: 60 })]);
    const stopped = run(m, [stopInstance(0), instanceStopped(0), insufficientCapacity(0)]);
    expect(isEnabled(m, stopped, startInstance(0))).toBe(false);
    expect(isEnabled(m, run(m, [capacityRestored(0)], stopped), startInstance(0))).toBe(true);
    const failed = run(m, [hostFailure(0), tick(), insufficientCapacity(0)]);
    expect(isEnabled(m, failed, autoRecover(0))).toBe(false);
    expect(isEnabled(m, run(m, [capacityRestored(0)], failed), autoRecover(0))).toBe(true);
    const down = run(m, [azOutage(0)]);
    expect(launchAdmitted(down, 0)).toBe(false);
  });

  it('rejects bad parameters', () => {
    expect(() => capacity({ azs: 2, reserved: [1] })).toThrow(/reserved/);
    expect(() => capacity({ limitPerAz: -1 })).toThrow(/limitPerAz/);
    expect(() => capacity({ maxShort: 3 })).toThrow(/maxShort/);
  });
});
