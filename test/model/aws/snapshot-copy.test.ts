/**
 * EBS snapshot copies to another Region (issue 15): the schedule and the copy's duration in
 * ticks, the recovery point as the last *completed* copy, a source Region outage that stops
 * the schedule and the copy under way, the runbook's restore from the newest completed copy,
 * and Region-bound snapshots (a restore only where a copy completed). Step sequences by label.
 */
import { describe, expect, it } from 'vitest';
import { az } from '../../../model/aws/az/index.js';
import { controlPlane } from '../../../model/aws/control-plane/index.js';
import { ebs, type EbsState } from '../../../model/aws/ebs/index.js';
import { ec2 } from '../../../model/aws/ec2/index.js';
import { region } from '../../../model/aws/region/index.js';
import {
  copyRecoveryPointSeconds, restoreComplete, restoredWrites, snapshotCopy, type SnapshotCopyOptions, type SnapshotCopyState,
} from '../../../model/aws/snapshot-copy/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose } from '../../../model/compose/compose.js';
import type { Action, Model } from '../../../model/core/model.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { backupRecoveryPointWithin } from '../../../properties/dr-strategies.js';
import { checkContract } from '../support.js';

const enabled = (m: Model<World, Action>, s: World) => m.actions(s).map((a) => m.format!(a));
function runLabels(m: Model<World, Action>, labels: readonly string[], start: World = m.init()[0]): World {
  let s = start;
  for (const l of labels) {
    const a = m.actions(s).find((x) => m.format!(x) === l);
    if (a === undefined) throw new Error(`${l} is not enabled; enabled: ${enabled(m, s).join(' ')}`);
    s = m.next(s, a);
  }
  return s;
}
const ticks = (n: number) => Array<string>(n).fill('Tick');
const copy = (w: World) => w.backup as SnapshotCopyState;

/**
 * A volume in `west` written twice, snapshotted every 4 ticks (one-minute ticks) and copied to
 * `copiesIn` in 2 ticks; the runbook restores in `east` in 3 ticks. Each Region has its control plane.
 */
function model(props: { copiesIn?: 'east' | 'west'; ebsOps?: readonly ('WriteData' | 'CreateSnapshot')[]; rpo?: number; east?: { maxOutages: number }; extra?: Partial<SnapshotCopyOptions> } = {}) {
  const copiesIn = props.copiesIn ?? 'east';
  return compose([
    region({ name: 'west', recoverable: false }),
    region({ name: 'east', maxOutages: props.east?.maxOutages ?? 0, recoverable: false }),
    controlPlane({ name: 'westCp', faults: [], uses: { region: 'west' } }),
    controlPlane({ name: 'eastCp', faults: [], uses: { region: 'east' } }),
    az({ name: 'westZones', azs: 1, maxDown: 0, uses: { region: 'west' } }),
    ec2({ name: 'web', slots: 1, azs: 1, initial: [0], faults: [], autoRecovery: false, uses: { region: 'west', controlPlane: 'westCp' } }),
    ebs({
      name: 'data', slots: 1, azs: 1, initial: [0], rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }], spareVolumes: 0, maxWrites: 2,
      ops: props.ebsOps ?? ['WriteData'], faults: [], uses: { region: 'west', controlPlane: 'westCp', ec2: 'web' },
    }),
    snapshotCopy({
      name: 'backup', source: 'data', writes: 2, sourceRegion: 'west', targetRegion: copiesIn, restoreRegion: 'east',
      copyEverySeconds: 240, copySeconds: 120, restoreSeconds: 180, runbook: ['restore'], ...props.extra,
      uses: { controlPlane: copiesIn === 'east' ? 'eastCp' : 'westCp' },
    }),
  ], {
    tickSeconds: 60,
    maxFaults: 1,
    recovery: ['backup.RestoreFromSnapshotCopy'],
    properties: props.rpo === undefined ? [] : [backupRecoveryPointWithin(props.rpo)],
  }) as unknown as Model<World, Action>;
}

describe('snapshotCopy: the schedule and the copy', () => {
  it('starts with a baseline copy; the snapshot is due one interval in, and its copy completes two ticks after it starts', () => {
    const m = model();
    expect(copy(m.init()[0])).toMatchObject({ timer: 4, inFlight: -1, copied: 0, ages: [0, 0], restore: -1 });
    const three = runLabels(m, ['data.WriteData(0)', ...ticks(3)]);
    expect(enabled(m, three)).not.toContain('backup.SnapshotCopyStart');
    const due = runLabels(m, ['Tick'], three);
    expect(enabled(m, due)).toContain('backup.SnapshotCopyStart');
    // Point in time: the snapshot holds the one write on the volume; a later write is not in it.
    const started = runLabels(m, ['backup.SnapshotCopyStart', 'data.WriteData(0)'], due);
    expect(copy(started)).toMatchObject({ timer: 4, inFlight: 1, copyLeft: 2, copied: 0, ages: [4, 0] });
    expect(copy(runLabels(m, ['Tick'], started))).toMatchObject({ inFlight: 1, copyLeft: 1, copied: 0, ages: [5, 1] });
    // Completed in east: the first write is safe (its age back to 0), the second waits for the next snapshot.
    const done = runLabels(m, ['Tick', 'Tick'], started);
    expect(copy(done)).toMatchObject({ timer: 2, inFlight: -1, copied: 1, ages: [0, 2] });
    expect(copyRecoveryPointSeconds(copy(done))).toBe(120);
  });

  it('the worst recovery point is interval + copy less one tick (5 ticks, 300 s): a write just after a snapshot, lost just before the next copy completes', () => {
    const m = model();
    const worst = runLabels(m, ['data.WriteData(0)', ...ticks(4), 'backup.SnapshotCopyStart', 'Tick']);
    expect(copy(worst).ages).toEqual([5, 0]);
    expect(copyRecoveryPointSeconds(copy(worst))).toBe(300);
    expect(copyRecoveryPointSeconds(copy(runLabels(m, ['Tick'], worst)))).toBe(0);
    // Exhaustively, over every write time and outage: 300 s holds, 240 s does not.
    expect(exploreExhaustive(model({ rpo: 300 }), { promptControl: true }).properties[0].verdict).toBe('holds');
    expect(exploreExhaustive(model({ rpo: 240 }), { promptControl: true }).properties[0].verdict).toBe('fails');
  });

  it('a schedule that stalls (the copy call never made) leaves the recovery point unbounded', () => {
    const m = model();
    // Without prompt control the due call may wait while time passes: the write outlives interval + copy.
    const late = runLabels(m, ['data.WriteData(0)', ...ticks(6)]);
    expect(copy(late).ages).toEqual([6, 0]);
    expect(copyRecoveryPointSeconds(copy(late))).toBe(Infinity);
  });
});

describe('snapshotCopy: a Region outage of the source', () => {
  it('stops the schedule, abandons the copy under way and freezes the ages at the failure', () => {
    const m = model();
    const inFlight = runLabels(m, ['data.WriteData(0)', ...ticks(4), 'backup.SnapshotCopyStart', 'Tick']);
    expect(copy(inFlight)).toMatchObject({ inFlight: 1, copyLeft: 1, copied: 0 });
    const down = runLabels(m, ['west.RegionOutage', 'Tick'], inFlight);
    // The copy read the failed Region's snapshot: it never completes; no new snapshot is due.
    expect(copy(down)).toMatchObject({ timer: 3, inFlight: -1, copied: 0, ages: [5, 0] });
    expect(enabled(m, down)).toEqual(['backup.RestoreFromSnapshotCopy']);
    // Time passes during the restore: the schedule and the ages stay as the failure left them.
    const later = runLabels(m, ['backup.RestoreFromSnapshotCopy', ...ticks(3)], down);
    expect(copy(later)).toMatchObject({ timer: 3, inFlight: -1, copied: 0, ages: [5, 0], restore: 0, restoreLeft: 0 });
    expect(copyRecoveryPointSeconds(copy(later))).toBe(300);
  });

  it('a copy under way does not complete while its target Region is down either', () => {
    const m = model({ east: { maxOutages: 1 } });
    const s = runLabels(m, ['data.WriteData(0)', ...ticks(4), 'backup.SnapshotCopyStart', 'east.RegionOutage', 'Tick', 'Tick']);
    expect(copy(s)).toMatchObject({ inFlight: -1, copied: 0 });
    expect(copy(s).ages[0]).toBe(6);
  });
});

describe('snapshotCopy: the runbook restores the newest completed copy in its Region', () => {
  it('waits for the source Region to fail, then restores in 3 ticks from the last completed copy (not the one under way)', () => {
    const m = model();
    expect(enabled(m, m.init()[0])).not.toContain('backup.RestoreFromSnapshotCopy');
    // Copy 1 (one write) completes at tick 6; copy 2 (two writes) starts at tick 8 and is under way at the outage.
    const s = runLabels(m, ['data.WriteData(0)', ...ticks(4), 'backup.SnapshotCopyStart', 'data.WriteData(0)', ...ticks(4), 'backup.SnapshotCopyStart', 'Tick', 'west.RegionOutage']);
    expect(copy(s)).toMatchObject({ copied: 1, inFlight: 2 });
    const restoring = runLabels(m, ['backup.RestoreFromSnapshotCopy'], s);
    expect(copy(restoring)).toMatchObject({ restore: 1, restoreLeft: 3 });
    expect(restoreComplete(copy(restoring))).toBe(false);
    expect(enabled(m, restoring)).not.toContain('backup.RestoreFromSnapshotCopy'); // once
    const restored = runLabels(m, ticks(3), restoring);
    expect(restoreComplete(copy(restored))).toBe(true);
    expect(restoredWrites(copy(restored))).toBe(1);
    expect((restored.data as EbsState).acked).toBe(2); // the second write is lost with west
  });
});

describe('snapshotCopy: snapshots are Region-bound', () => {
  it("the source Region's own completed snapshot is no recovery point for the standby: the restore uses only what was copied there", () => {
    const m = model({ ebsOps: ['WriteData', 'CreateSnapshot'] });
    const s = runLabels(m, ['data.WriteData(0)', 'data.CreateSnapshot(0)', 'data.SnapshotCompleted', 'west.RegionOutage', 'backup.RestoreFromSnapshotCopy', ...ticks(3)]);
    expect((s.data as EbsState).snapshot).toBe(1); // a completed snapshot of the write, in west
    expect(restoredWrites(copy(s))).toBe(0); // the standby restores the baseline copy: the write is lost
  });

  it('copies kept in the failed Region: the runbook in the standby Region has nothing to restore, and no write is ever safe', () => {
    const m = model({ copiesIn: 'west' });
    const copied = runLabels(m, ['data.WriteData(0)', ...ticks(4), 'backup.SnapshotCopyStart', 'Tick', 'Tick']);
    // The copy completed, but in west: the write's age keeps counting (nothing outside west holds it).
    expect(copy(copied)).toMatchObject({ copied: 1, ages: [6, 0] });
    expect(copyRecoveryPointSeconds(copy(copied))).toBe(Infinity);
    const down = runLabels(m, ['west.RegionOutage'], copied);
    // Nothing to do in east, and no time to wait for: the design is stuck.
    expect(enabled(m, down)).toEqual([]);
    // With the copies in east, the same state offers the restore.
    const east = model();
    expect(enabled(east, runLabels(east, ['data.WriteData(0)', ...ticks(4), 'backup.SnapshotCopyStart', 'Tick', 'Tick', 'west.RegionOutage']))).toEqual(['backup.RestoreFromSnapshotCopy']);
  });

  it('a restore Region other than where the copies land is refused even with copies there and the source up or down', () => {
    const m = model({ extra: { targetRegion: 'east', restoreRegion: 'west' } });
    const down = runLabels(m, ['data.WriteData(0)', ...ticks(4), 'backup.SnapshotCopyStart', 'Tick', 'Tick', 'west.RegionOutage']);
    expect(copy(down).copied).toBe(1);
    expect(enabled(m, down)).not.toContain('backup.RestoreFromSnapshotCopy');
  });
});

describe('snapshotCopy: options and contract', () => {
  it('refuses a copy longer than the interval, a restore runbook without a source Region, and a source that is no ebs', () => {
    expect(() => snapshotCopy({ copyEverySeconds: 3_600, copySeconds: 7_200 })).toThrow(/^snapshotCopy: a copy \(7200 s\) must complete within the schedule's interval \(3600 s\)/);
    expect(() => snapshotCopy({ runbook: ['restore'] })).toThrow('snapshotCopy: the restore runbook waits for the source Region to fail; give sourceRegion');
    expect(() => snapshotCopy({ targetRegion: 'us-east-1' })).toThrow('snapshotCopy: targetRegion must be a region instance name, got "us-east-1"');
    expect(() => snapshotCopy({ copyEverySecond: 60 } as never)).toThrow(/^snapshotCopy: unknown option copyEverySecond.*copyEverySeconds/);
    const noEbs = compose([region({ name: 'west' }), snapshotCopy({ source: 'db', sourceRegion: 'west', copyEverySeconds: 60, copySeconds: 60 })]) as unknown as Model<World, Action>;
    expect(() => noEbs.actions(runLabels(noEbs, ['Tick']))).toThrow('snapshotCopy: source "db" is not an ebs instance of this composition');
  });

  it('every reached slice fits its schema and round-trips its codec on random walks', () => {
    // A short schedule, so that random walks reach copies before an outage.
    const short = { copyEverySeconds: 120, copySeconds: 60, restoreSeconds: 120 };
    const m = model({ east: { maxOutages: 1 }, extra: short });
    const c = snapshotCopy({
      name: 'backup', source: 'data', writes: 2, sourceRegion: 'west', targetRegion: 'east', restoreRegion: 'east', runbook: ['restore'], tickSeconds: 60, ...short,
    });
    const taken = checkContract(m, c, () => undefined, { maxSteps: 40, numRuns: 300 });
    expect([...taken]).toEqual(expect.arrayContaining(['backup.SnapshotCopyStart', 'backup.RestoreFromSnapshotCopy', 'Tick']));
  });
});
