import { describe, expect, it } from 'vitest';
import { asg } from '../../../model/aws/asg/index.js';
import { az, azOutage, azRecover } from '../../../model/aws/az/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose, tick } from '../../../model/compose/compose.js';
import {
  ec2, instanceAz, instanceRunning, instanceStopped, instanceTerminated, isFree, launchInstance, stopInstance, terminateInstance,
  type Ec2Options,
} from '../../../model/aws/ec2/index.js';
import {
  EBS, EBS_FAULTS, EBS_OPS, attachVolume, createSnapshot, dataServed, dataSurvivesReplacement, deleteVolume, detachVolume, ebs,
  ebsWithinBounds, enableVolumeIo, noAckedWriteLost, recoveryPointBounded, restoreVolume, scheduledSnapshot, snapshotCompleted,
  volumeFailure, volumeInstance, volumeIoDisabled, volumeOf, volumeUsable, writeData, writesAtRisk, type EbsOptions, type EbsState,
} from '../../../model/aws/ebs/index.js';
import { checkContract, enabledLabels, isEnabled, run, settle } from '../support.js';

const T = tick();
const slice = (s: World) => s[EBS] as EbsState;
const vol = (s: World, v: number) => slice(s).volumes[v];
/** Instances 0 (zone 0) and 1 (zone 1) with root volumes 1 and 2; data volume 0 in zone 0 attached to 0. */
function disks(o: EbsOptions = {}, e: Ec2Options = {}) {
  return compose([
    az(),
    ec2({ slots: 3, initial: [0, 1], autoRecovery: false, faults: ['AppCrash'], ...e }),
    ebs({ initial: [0, 1], volumes: [{ az: 0, attachedTo: 0 }], ...o }),
  ]);
}
/** A single instance (slot 0, zone 0) in an Auto Scaling group of 1 that replaces it when it stops. */
function group(o: EbsOptions = {}) {
  return compose([
    az(),
    ec2({ slots: 3, initial: [0], autoScaling: true, autoRecovery: false, ops: ['StopInstance'], faults: [] }),
    asg({ min: 1, gracePeriodSeconds: 0 }),
    ebs({ initial: [0], autoScaling: true, ...o }),
  ]);
}

describe('ebs volumes and attachment', () => {
  it('standalone volumes come first, then each initial instance gets an attached root volume in its zone', () => {
    const s = disks({ volumes: [{ az: 0, attachedTo: 0 }, { az: 1 }] }).init()[0];
    expect(slice(s).volumes.map((x) => [x.state, x.kind, x.az, volumeInstance(s, slice(s).volumes.indexOf(x)), x.dot])).toEqual([
      ['attached', 'data', 0, 0, false],
      ['available', 'data', 1, -1, false],
      ['attached', 'root', 0, 0, true],
      ['attached', 'root', 1, 1, true],
      ['none', 'root', 0, -1, false],
      ['none', 'root', 0, -1, false],
    ]);
    const m = disks({}, { ops: ['LaunchInstance'] });
    const launched = run(m, [launchInstance(2, 1)]);
    expect(volumeOf(launched, 2, 'root')).toBe(3);
    expect(vol(launched, 3)).toMatchObject({ state: 'attached', az: 1, instance: 2, dot: true });
  });

  it('INV-EBS-1: a volume attaches only to an instance in its own zone (running or stopped)', () => {
    const m = disks({ volumes: [{ az: 1 }], ops: ['AttachVolume'] }, { ops: ['StopInstance'] });
    const s = m.init()[0];
    expect(isEnabled(m, s, attachVolume(0, 0))).toBe(false);
    expect(isEnabled(m, s, attachVolume(0, 1))).toBe(true);
    const stopped = run(m, [stopInstance(1)]);
    expect(isEnabled(m, stopped, attachVolume(0, 1))).toBe(false); // stopping
    const attached = run(m, [instanceStopped(1), attachVolume(0, 1)], stopped);
    expect(vol(attached, 0)).toMatchObject({ state: 'attached', instance: 1, dot: false });
    expect(isEnabled(m, run(m, [azOutage(1)]), attachVolume(0, 1))).toBe(false);
  });

  it('a volume attached after launch survives termination detached (DeleteOnTermination false); the root volume is deleted', () => {
    const m = disks({}, { ops: ['TerminateInstance'] });
    const s = run(m, [writeData(0), terminateInstance(0), instanceTerminated(0)]);
    expect(vol(s, 0)).toMatchObject({ state: 'available', version: 1, dot: false });
    expect(vol(s, 1).state).toBe('none');
    expect(noAckedWriteLost(s)).toBe(true);
    expect(dataSurvivesReplacement(s)).toBe(true);
    expect(dataServed(s)).toBe(false);
  });

  it('detach and delete: deleting the only copy of acknowledged writes loses them', () => {
    const m = disks({ ops: ['WriteData', 'DetachVolume', 'DeleteVolume'] });
    const s = run(m, [writeData(0), detachVolume(0)]);
    expect(vol(s, 0)).toMatchObject({ state: 'available', version: 1 });
    expect(isEnabled(m, s, detachVolume(1))).toBe(false); // a root volume stays
    expect(noAckedWriteLost(run(m, [deleteVolume(0)], s))).toBe(false);
  });
});

describe('ebs and instance replacement', () => {
  it('INV-EBS-4 / INV-ASG-4: a root volume with DeleteOnTermination true is gone after the ASG replaces its instance', () => {
    const m = group({ dataOnRoot: true });
    const written = run(m, [writeData(0)]);
    expect(vol(written, 0)).toMatchObject({ kind: 'root-data', version: 1, dot: true });
    const { state, steps } = settle(m, run(m, [stopInstance(0)], written));
    expect(steps).toContain('AsgLaunch(0, 0)');
    expect(volumeOf(state, 0, 'root-data')).toBe(0);
    expect(vol(state, 0)).toMatchObject({ state: 'attached', version: 0 }); // the replacement's fresh root
    expect(noAckedWriteLost(state)).toBe(false);
    expect(dataSurvivesReplacement(state)).toBe(false);
  });

  it('with DeleteOnTermination false the old root survives, but the replacement writing to its fresh root diverges', () => {
    const m = group({ dataOnRoot: true, rootDeleteOnTermination: false });
    const { state } = settle(m, run(m, [writeData(0), stopInstance(0)]));
    expect(vol(state, 0)).toMatchObject({ state: 'available', version: 1 });
    expect(dataSurvivesReplacement(state)).toBe(true);
    const fresh = volumeOf(state, 0, 'root-data');
    expect(fresh).toBe(1);
    expect(noAckedWriteLost(run(m, [writeData(fresh)], state))).toBe(false);
  });

  it('a data volume declared in the ASG mapping is deleted with its instance too', () => {
    const m = group({ launchDataVolumes: 1 });
    const s = run(m, [writeData(1)]);
    expect(vol(s, 1)).toMatchObject({ kind: 'data', dot: true, version: 1 });
    expect(noAckedWriteLost(settle(m, run(m, [stopInstance(0)], s)).state)).toBe(false);
  });

  it('INV-EBS-1 in an AZ outage: the volume cannot follow the replacement; a restore loses the writes since the snapshot', () => {
    const ops = ['WriteData', 'CreateSnapshot', 'RestoreVolume', 'AttachVolume'] as const;
    const m = disks({ ops: [...ops], maxWrites: 3 }, { ops: ['LaunchInstance'] });
    const before = run(m, [writeData(0), createSnapshot(0), snapshotCompleted(), writeData(0), azOutage(0)]);
    expect(slice(before)).toMatchObject({ acked: 2, snapshot: 1 });
    expect(writesAtRisk(before)).toBe(1);
    expect(volumeUsable(before, 0)).toBe(false);
    expect(isEnabled(m, before, writeData(0))).toBe(false);
    const replacement = run(m, [launchInstance(2, 1), T, instanceRunning(2)], before);
    expect(isEnabled(m, replacement, attachVolume(0, 2))).toBe(false);
    expect(isEnabled(m, replacement, restoreVolume(0))).toBe(false); // not into the down zone
    const restored = run(m, [restoreVolume(1)], replacement);
    const copy = slice(restored).volumes.findIndex((x, v) => x.state === 'available' && v !== 0);
    expect(vol(restored, copy)).toMatchObject({ az: 1, version: 1, kind: 'data' });
    expect(noAckedWriteLost(restored)).toBe(true); // the original still exists in zone 0
    const diverged = run(m, [attachVolume(copy, 2), writeData(copy)], restored);
    expect(noAckedWriteLost(diverged)).toBe(false);
    expect(dataServed(run(m, [azRecover(0)], before))).toBe(true);
  });
});

describe('ebs snapshots and recovery point', () => {
  it('a snapshot is point in time: writes while it is pending are not in it', () => {
    const m = disks({ ops: ['WriteData', 'CreateSnapshot', 'RestoreVolume'], maxWrites: 3 });
    const pending = run(m, [writeData(0), createSnapshot(0), writeData(0)]);
    expect(slice(pending)).toMatchObject({ acked: 2, pending: 1, snapshot: -1 });
    expect(isEnabled(m, pending, createSnapshot(0))).toBe(false); // one at a time
    const done = run(m, [snapshotCompleted()], pending);
    expect(slice(done)).toMatchObject({ snapshot: 1, pending: -1 });
    expect(writesAtRisk(done)).toBe(1);
    const restored = run(m, [restoreVolume(0)], done);
    expect(vol(restored, 3)).toMatchObject({ state: 'available', az: 0, version: 1 });
  });

  it('a volume failure loses the writes no snapshot holds', () => {
    const m = disks({ ops: ['WriteData', 'CreateSnapshot'] });
    const failed = run(m, [writeData(0), volumeFailure(0)]);
    expect(vol(failed, 0)).toMatchObject({ state: 'failed', instance: 0 });
    expect(noAckedWriteLost(failed)).toBe(false);
    const covered = run(m, [writeData(0), createSnapshot(0), snapshotCompleted(), volumeFailure(0)]);
    expect(noAckedWriteLost(covered)).toBe(true);
    expect(dataSurvivesReplacement(covered)).toBe(false); // only a snapshot holds it now
    expect(isEnabled(m, covered, volumeFailure(1))).toBe(false); // root volumes hold no data here
  });

  it('a failed volume is gone once its instance terminates: never available (or attachable) again', () => {
    const m = disks({ ops: ['WriteData', 'AttachVolume'] }, { ops: ['TerminateInstance'] });
    const failed = run(m, [writeData(0), volumeFailure(0)]);
    expect(vol(failed, 0)).toMatchObject({ state: 'failed', dot: false }); // a data volume: kept on termination if healthy
    const gone = run(m, [terminateInstance(0), instanceTerminated(0)], failed);
    expect(vol(gone, 0)).toEqual({ state: 'none', kind: 'root', az: 0, instance: 0, dot: false, io: true, version: 0 });
    expect(slice(gone).volumes.filter((x) => x.state === 'available')).toEqual([]);
    expect(enabledLabels(m, gone).filter((l) => l.startsWith('AttachVolume'))).toEqual([]);
    expect(noAckedWriteLost(gone)).toBe(false);
  });

  it('INV-EBS-2: RecoveryPointBounded fails once a write is older than the RPO without a completed snapshot', () => {
    const m = disks({ ops: ['WriteData', 'CreateSnapshot'], rpoSeconds: 120 });
    const written = run(m, [writeData(0), T, T]);
    expect(slice(written).rpoLeft).toBe(0);
    expect(recoveryPointBounded(written)).toBe(true);
    const late = run(m, [T], written);
    expect(recoveryPointBounded(late)).toBe(false);
    expect(enabledLabels(m, late)).not.toContain('Tick');
    expect(recoveryPointBounded(run(m, [createSnapshot(0), snapshotCompleted()], late))).toBe(true);
    // a snapshot that misses a later write bounds its age by the snapshot's own age
    const partial = run(m, [writeData(0), T, createSnapshot(0), T, writeData(0), snapshotCompleted()]);
    expect(slice(partial)).toMatchObject({ snapshot: 1, acked: 2, rpoLeft: 1 });
  });

  it('a snapshot policy snapshots the freshest data volume every period', () => {
    const m = disks({ rpoSeconds: 180, snapshotEverySeconds: 120 });
    const s = run(m, [writeData(0), T]);
    expect(isEnabled(m, s, scheduledSnapshot(0))).toBe(false);
    const due = run(m, [T], s);
    expect(enabledLabels(m, due)).toContain('ScheduledSnapshot(0)');
    const done = run(m, [scheduledSnapshot(0), snapshotCompleted()], due);
    expect(slice(done)).toMatchObject({ snapshot: 1, policyTimer: 2, rpoLeft: 3 });
    expect(recoveryPointBounded(done)).toBe(true);
  });
});

describe('ebs faults and bounds', () => {
  it('INV-EBS-8: a volume with I/O disabled takes no writes until an operator enables it', () => {
    const m = disks({ ops: ['WriteData', 'EnableVolumeIo'], faults: ['VolumeIoDisabled'] });
    const s = run(m, [volumeIoDisabled(0)]);
    expect(volumeUsable(s, 0)).toBe(false);
    expect(dataServed(s)).toBe(false);
    expect(isEnabled(m, s, writeData(0))).toBe(false);
    expect(isEnabled(m, run(m, [enableVolumeIo(0)], s), writeData(0))).toBe(true);
  });

  it('restores keep free slots for the launch volumes of every free instance slot', () => {
    const m = disks({ initial: [0], ops: ['WriteData', 'CreateSnapshot', 'RestoreVolume'] }, { initial: [0] });
    const s = run(m, [createSnapshot(0), snapshotCompleted()]);
    expect(enabledLabels(m, s).filter((l) => l.startsWith('Restore'))).toEqual(['RestoreVolume(0)', 'RestoreVolume(1)']);
    expect(enabledLabels(m, run(m, [restoreVolume(1)], s)).filter((l) => l.startsWith('Restore'))).toEqual([]);
  });

  it('orphaned root volumes (DeleteOnTermination false) can fill the pool: the launch is flagged', () => {
    const m = disks({ initial: [0], rootDeleteOnTermination: false, spareVolumes: 0, volumes: [] }, { initial: [0], ops: ['LaunchInstance', 'TerminateInstance'] });
    const s = run(m, [terminateInstance(0), instanceTerminated(0), launchInstance(0, 0), launchInstance(1, 0)]);
    expect(ebsWithinBounds(s)).toBe(true);
    expect(ebsWithinBounds(run(m, [launchInstance(2, 0)], s))).toBe(false);
  });
});

describe('ebs random walks', () => {
  const configs: [string, EbsOptions][] = [
    ['launch volumes deleted on termination', {}],
    ['launch data volumes kept on termination (orphans)', { launchDataDeleteOnTermination: false, spareVolumes: 2 }],
  ];
  for (const [name, extra] of configs) {
    it(`keep next pure and deterministic, states in schema, attachments in zone, data accounting consistent: ${name}`, () => {
      const components = [
        az(),
        ec2({ slots: 3, initial: [0, 1], autoScaling: true, ops: ['StopInstance', 'StartInstance', 'TerminateInstance'], faults: ['AppCrash', 'HostFailure'] }),
        asg({ min: 2, gracePeriodSeconds: 0 }),
        ebs({
          initial: [0, 1], autoScaling: true, launchDataVolumes: 1, volumes: [{ az: 0 }], ops: [...EBS_OPS], faults: [...EBS_FAULTS],
          rpoSeconds: 60, snapshotEverySeconds: 120, maxWrites: 3, ...extra,
        }),
      ];
      const m = compose(components, { maxFaults: 3 });
      const taken = checkContract(m, components, (prev, s) => {
        const e = slice(s);
        const roots = [0, 0, 0];
        let best = Math.max(0, e.snapshot);
        e.volumes.forEach((x, v) => {
          if (x.state === 'none') expect(x).toEqual({ state: 'none', kind: 'root', az: 0, instance: 0, dot: false, io: true, version: 0 });
          const i = volumeInstance(s, v);
          if (i >= 0) {
            expect(isFree(s, i)).toBe(false);
            expect(x.az).toBe(instanceAz(s, i)); // INV-EBS-1
            if (x.kind !== 'data') roots[i]++;
          } else expect([x.instance, x.dot]).toEqual([0, false]);
          expect(x.version).toBeLessThanOrEqual(e.acked);
          if (x.state === 'available' || x.state === 'attached') best = Math.max(best, x.version);
        });
        for (const n of roots) expect(n).toBeLessThanOrEqual(1);
        expect(Math.max(e.snapshot, e.pending)).toBeLessThanOrEqual(e.acked);
        if (slice(prev).lost) expect(e.lost).toBe(true);
        if (!e.lost) expect(best).toBeGreaterThanOrEqual(e.acked);
        if (e.snapshot >= e.acked) expect(e.rpoLeft).toBe(1);
        if (e.pending < 0) expect(e.pendingLeft).toBe(1);
      }, { numRuns: 300 });
      for (const type of [...EBS_OPS, ...EBS_FAULTS, 'ScheduledSnapshot', 'SnapshotCompleted', 'AsgLaunch', 'InstanceTerminated', 'AzOutage']) {
        expect(taken).toContain(type);
      }
    });
  }
});
