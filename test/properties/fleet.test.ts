import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { asg } from '../../model/aws/asg/index.js';
import { az, azOutage } from '../../model/aws/az/index.js';
import { capacity, insufficientCapacity } from '../../model/aws/capacity/index.js';
import type { World } from '../../model/compose/component.js';
import { compose, tick } from '../../model/compose/compose.js';
import { createSnapshot, detachVolume, ebs, restoreVolume, scheduledSnapshot, snapshotCompleted, writeData, attachVolume } from '../../model/aws/ebs/index.js';
import {
  appCrash, ec2, guestFailure, hostFailure, instanceRunning, instanceTerminated, launchInstance, terminateInstance, type Ec2Options,
} from '../../model/aws/ec2/index.js';
import { EIP_RECOVERY, eip, remapAddress } from '../../model/aws/eip/index.js';
import { elb, targetHealthCheck } from '../../model/aws/elb/index.js';
import type { Property } from '../../model/core/property.js';
import {
  atLeastNHealthy, dataSurvivesReplacementOnInstanceStore, dataSurvivesReplacementOnVolumes, eipReachesHealthyAgain, nPlusOneRestored,
  noAckedWriteLostOnVolumes, onlyHealthyTargets, onlyHealthyTargetsAfterDetection, reachedAppCrash, reachedAzOutage, reachedCapacityShortage,
  reachedInstanceExpiry, reachedInstanceFailure, reachedReplacement, reachedSnapshotRestored, reachedVolumeKept, reachedVolumeReattached,
  recoveryPointBoundedOnVolumes,
} from '../../properties/fleet.js';
import { run } from '../model/support.js';
import { disks } from './worlds.js';

const T = tick();
const holds = (p: Property<World>, s: World) => p.pred(s);
/** Whether `p` comes out as `verdict` when exploring `m` (with `p` as its only property). */
function verdict(m: ReturnType<typeof compose>, p: Property<World>) {
  return exploreExhaustive(Object.create(m, { properties: { value: [p] } })).properties[0].verdict;
}

/** Instances 0 (zone 0) and 1 (zone 1), running; 60 s ticks. */
function pair(o: Ec2Options = {}) {
  return compose([az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoRecovery: false, ops: ['LaunchInstance', 'TerminateInstance'], ...o })]);
}
/** The pair behind an ALB (checks every tick, 2 failures to unhealthy). */
function balanced() {
  return compose([az(), ec2({ slots: 3, initial: [0, 1], autoRecovery: false }), elb({ registered: [0, 1], faults: [] })]);
}

/** `disks` under a snapshot policy of `everySeconds` and a one-hour RPO, with one zone outage and the restore runbook. */
function hourly(everySeconds: number) {
  return compose(
    [
      az({ recoverable: false }),
      ec2({ slots: 3, initial: [0, 0, 1], tickSeconds: 3_600, autoRecovery: false, faults: [] }),
      ebs({
        slots: 3, initial: [0, 0, 1], tickSeconds: 3_600, rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }], maxWrites: 2, faults: [],
        rpoSeconds: 3_600, snapshotEverySeconds: everySeconds, ops: ['WriteData', 'DetachVolume', 'AttachVolume', 'RestoreVolume'],
      }),
    ],
    { maxFaults: 1 },
  );
}

describe('AtLeastNHealthy and NPlusOneRestored', () => {
  it('counts instances that pass an application health check: running, checks ok, app up, zone up', () => {
    const m = pair();
    const one = atLeastNHealthy(1);
    const two = atLeastNHealthy(2);
    expect([holds(one, m.init()[0]), holds(two, m.init()[0])]).toEqual([true, true]);
    for (const fault of [hostFailure(0), guestFailure(0), appCrash(0), azOutage(0), terminateInstance(0)]) {
      const s = run(m, [fault]);
      expect([holds(one, s), holds(two, s)]).toEqual([true, false]);
    }
    const booting = run(m, [terminateInstance(0), instanceTerminated(0), launchInstance(0, 0)]);
    expect(holds(two, booting)).toBe(false);
    expect(holds(two, run(m, [T, instanceRunning(0)], booting))).toBe(true);
    expect(one.kind).toBe('always');
  });

  it('NPlusOneRestored holds when the group restores N+1 within the bound, and fails one step short', () => {
    const m = compose(
      [az({ maxDown: 0 }), ec2({ slots: 3, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }), asg({ min: 2, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] })],
      { maxFaults: 1 },
    );
    const restored = nPlusOneRestored(1, 7);
    expect(restored).toMatchObject({ kind: 'recovers', name: 'NPlusOneRestored', within: 7 });
    expect(holds(restored, run(m, [hostFailure(0)]))).toBe(false);
    // impaired wait, mark, terminate, terminated, launch, boot, running
    expect(verdict(m, restored)).toBe('holds');
    expect(verdict(m, nPlusOneRestored(1, 6))).toBe('fails');
    // EC2 health checks never see a dead application: nothing restores it
    const crashes = compose([az({ maxDown: 0 }), ec2({ slots: 3, initial: [0, 1], autoScaling: true, faults: ['AppCrash'] }), asg({ min: 2 })], { maxFaults: 1 });
    expect(verdict(crashes, nPlusOneRestored(1, 20))).toBe('fails');
  });
});

describe('OnlyHealthyTargets and OnlyHealthyTargetsAfterDetection', () => {
  it('OnlyHealthyTargets fails while the ALB still routes to a dead instance, and holds once it is detected', () => {
    const m = balanced();
    const p = onlyHealthyTargets();
    expect(holds(p, m.init()[0])).toBe(true);
    const crashed = run(m, [appCrash(0)]);
    expect(holds(p, crashed)).toBe(false);
    expect(holds(p, run(m, [targetHealthCheck(0)], crashed))).toBe(false);
    expect(holds(p, run(m, [targetHealthCheck(0), T, targetHealthCheck(0)], crashed))).toBe(true);
  });

  it('OnlyHealthyTargetsAfterDetection bounds the detection window and fails on fail-open', () => {
    const one = compose([az({ maxDown: 0 }), ec2({ slots: 3, initial: [0, 1], autoRecovery: false, faults: ['AppCrash'] }), elb({ registered: [0, 1], faults: [] })], { maxFaults: 1 });
    expect(onlyHealthyTargetsAfterDetection(3)).toMatchObject({ kind: 'recovers', name: 'OnlyHealthyTargetsAfterDetection', within: 3 });
    expect(verdict(one, onlyHealthyTargetsAfterDetection(3))).toBe('holds'); // check, tick, check
    expect(verdict(one, onlyHealthyTargetsAfterDetection(2))).toBe('fails');
    // both applications die: every target unhealthy, the ALB fails open to them for good
    const both = compose([az({ maxDown: 0 }), ec2({ slots: 3, initial: [0, 1], autoRecovery: false, faults: ['AppCrash'] }), elb({ registered: [0, 1], faults: [] })], { maxFaults: 2 });
    expect(verdict(both, onlyHealthyTargetsAfterDetection(20))).toBe('fails');
  });
});

describe('DataSurvivesReplacement', () => {
  it('on the instance store: holds while the instance keeps its store; terminating or losing the host erases it', () => {
    const m = pair({ rootDevice: 'instance-store', faults: ['HostFailure', 'GuestFailure'] });
    const p = dataSurvivesReplacementOnInstanceStore(0);
    expect(holds(p, m.init()[0])).toBe(true);
    expect(holds(p, run(m, [guestFailure(0)]))).toBe(true); // the guest failing keeps the store
    expect(holds(p, run(m, [hostFailure(0)]))).toBe(false);
    expect(holds(p, run(m, [terminateInstance(0)]))).toBe(false);
    // the replacement in another slot has its own, empty store: the data stays gone
    expect(holds(p, run(m, [terminateInstance(0), launchInstance(2, 0), T, instanceRunning(2)]))).toBe(false);
    expect(holds(p, run(m, [terminateInstance(1)]))).toBe(true);
  });

  it('on EBS: holds while some volume has every acknowledged write; fails when the root volume with the data is deleted', () => {
    const kept = disks();
    const p = dataSurvivesReplacementOnVolumes();
    const s = run(kept, [writeData(0), terminateInstance(0), instanceTerminated(0)]);
    expect(holds(p, s)).toBe(true);
    expect(holds(p, run(kept, [attachVolume(0, 1)], s))).toBe(true);
    const onRoot = compose([az(), ec2({ slots: 2, initial: [0], ops: ['TerminateInstance'] }), ebs({ slots: 2, initial: [0], dataOnRoot: true })]);
    const written = run(onRoot, [writeData(0)]);
    expect(holds(p, written)).toBe(true);
    expect(holds(p, run(onRoot, [terminateInstance(0), instanceTerminated(0)], written))).toBe(false);
  });
});

describe('NoAckedWriteLost and RecoveryPointBounded on EBS', () => {
  it('NoAckedWriteLost fails once a write lands on a copy restored from a stale snapshot, not before', () => {
    const m = disks();
    const p = noAckedWriteLostOnVolumes();
    const restored = run(m, [createSnapshot(0), snapshotCompleted(), writeData(0), restoreVolume(0), attachVolume(1, 1)]);
    expect(holds(p, restored)).toBe(true);
    expect(holds(p, run(m, [writeData(1)], restored))).toBe(false);
    // the same move with the volume itself keeps every write
    expect(holds(p, run(m, [writeData(0), detachVolume(0), attachVolume(0, 1), writeData(0)]))).toBe(true);
  });

  it('RecoveryPointBounded holds under an hourly policy with a one-hour RPO, even when the policy runs late', () => {
    const m = disks({ rpoSeconds: 3_600, snapshotEverySeconds: 3_600, ops: ['WriteData'] });
    const p = recoveryPointBoundedOnVolumes({ snapshotPolicy: true });
    const late = run(m, [writeData(0), T, T]); // the policy's snapshot is due and not taken: excused
    expect(holds(p, late)).toBe(true);
    expect(holds(p, run(m, [scheduledSnapshot(0), T, snapshotCompleted()], late))).toBe(true);
    expect(verdict(hourly(3_600), p)).toBe('holds'); // every interleaving, a zone outage included
  });

  it('RecoveryPointBounded fails without a snapshot policy, or with a period longer than the RPO; an outage stops the clock', () => {
    const none = disks({ rpoSeconds: 3_600, ops: ['WriteData'] });
    const p = recoveryPointBoundedOnVolumes({ snapshotPolicy: false });
    const aged = run(none, [writeData(0), T, T]);
    expect(holds(p, aged)).toBe(false);
    expect(holds(p, run(none, [writeData(0), azOutage(1), T, T]))).toBe(true); // a zone is down: what a restore loses is already fixed
    expect(verdict(hourly(10_800), recoveryPointBoundedOnVolumes({ snapshotPolicy: true }))).toBe('fails');
  });
});

describe('EipReachesHealthy', () => {
  it('is restored by the failover script within the bound, and never without it', () => {
    const build = (recovery: readonly string[]) =>
      compose([az({ maxDown: 0 }), ec2({ slots: 2, initial: [0, 1], autoRecovery: false, faults: ['HostFailure'] }), eip({ slots: 2, associated: [0], ops: ['RemapAddress'] })], {
        maxFaults: 1,
        recovery,
      });
    const p = eipReachesHealthyAgain(1);
    const m = build(EIP_RECOVERY);
    const failed = run(m, [hostFailure(0)]);
    expect(holds(p, failed)).toBe(false);
    expect(holds(p, run(m, [remapAddress(0, 1)], failed))).toBe(true);
    expect(verdict(m, p)).toBe('holds');
    expect(verdict(m, eipReachesHealthyAgain(0))).toBe('fails');
    expect(verdict(build([]), eipReachesHealthyAgain(5))).toBe('fails');
  });
});

describe('Reached… properties', () => {
  it('each is false at the start and true once its event happened', () => {
    const m = compose([
      az(),
      capacity(),
      ec2({ slots: 3, initial: [0, 1], autoScaling: true, autoRecovery: false }),
      asg({ min: 2, tickSeconds: 86_400, maxInstanceLifetimeSeconds: 86_400 }),
    ]);
    const s0 = m.init()[0];
    const cases: [Property<World>, World][] = [
      [reachedInstanceFailure(), run(m, [hostFailure(0)])],
      [reachedInstanceFailure(), run(m, [guestFailure(1)])],
      [reachedAzOutage(), run(m, [azOutage(1)])],
      [reachedAppCrash(), run(m, [appCrash(0)])],
      [reachedCapacityShortage(), run(m, [insufficientCapacity(0)])],
      [reachedInstanceExpiry(), run(m, [T])],
      [reachedReplacement(), controlLoopUntil(m, run(m, [hostFailure(0)]), 'AsgLaunch')],
    ];
    for (const [p, s] of cases) {
      expect(p.kind, p.name).toBe('sometimes');
      expect([holds(p, s0), holds(p, s)], p.name).toEqual([false, true]);
    }
    expect(holds(reachedAppCrash(), run(m, [hostFailure(0)]))).toBe(false); // a host failure is not an application crash
  });

  it('the volume events: kept after termination, reattached elsewhere, restored from a snapshot', () => {
    const m = disks();
    const s0 = m.init()[0];
    const kept = run(m, [writeData(0), terminateInstance(0), instanceTerminated(0)]);
    expect([holds(reachedVolumeKept(), s0), holds(reachedVolumeKept(), kept)]).toEqual([false, true]);
    const moved = run(m, [detachVolume(0), attachVolume(0, 1)]);
    expect([holds(reachedVolumeReattached(0, 0), s0), holds(reachedVolumeReattached(0, 0), moved)]).toEqual([false, true]);
    const restored = run(m, [createSnapshot(0), snapshotCompleted(), restoreVolume(1), attachVolume(1, 2)]);
    expect([holds(reachedSnapshotRestored(0), s0), holds(reachedSnapshotRestored(0), restored)]).toEqual([false, true]);
  });
});

/** Follows the control loop (the first enabled control action, else Tick) from `s` through the first action of `type`. */
function controlLoopUntil(m: ReturnType<typeof compose>, s: World, type: string): World {
  for (let k = 0; k < 20; k++) {
    const all = m.actions(s);
    const a = all.find((x) => x.kind === 'control' && x.type !== 'Tick') ?? all.find((x) => x.type === 'Tick');
    if (a === undefined) break;
    s = m.next(s, a);
    if (a.type === type) return s;
  }
  throw new Error(`${type} never came`);
}
