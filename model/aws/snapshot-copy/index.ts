/**
 * EBS snapshot copies to another Region on a schedule, and the restore a disaster-recovery
 * runbook makes from them (aws-semantics §4, INV-EBS-2: the recovery point is the last
 * *completed* copy; issue 15, "backup and restore").
 *
 * A Data Lifecycle Manager policy with a cross-Region copy rule, or an AWS Backup plan with a
 * copy action [SC3][SC4], snapshots a volume on a schedule and copies each snapshot to another
 * Region; CopySnapshot copies "a point-in-time snapshot" and the copy lands in "the regional
 * endpoint that you send the HTTP request to" [SC1][SC2]. Snapshots, like volumes, are
 * Region-bound: only a copy that completed in a Region can be restored there (CreateVolume from
 * it). One instance is one such schedule: `snapshotCopy({ name: 'backupEast', source: 'data',
 * sourceRegion: 'west', targetRegion: 'east', copyEverySeconds: 3_600, copySeconds: 1_800,
 * runbook: ['restore'], uses: { controlPlane: 'eastCp' } })`.
 *
 * - The schedule: every `copyEverySeconds` (AWS Backup and DLM run at most hourly) the
 *   `SnapshotCopyStart` call snapshots the source volume (it holds what the volume holds at
 *   that instant) and starts the copy; the copy completes `copySeconds` later, at a `Tick`. With
 *   a time-based copy (CopySnapshot's CompletionDurationMinutes, 15 minutes to 48 hours) AWS
 *   completes the copy within that duration [SC5]: the model takes the whole of it (the worst
 *   recovery point); a best-effort copy has no published bound. Copies do not overlap here
 *   (`copySeconds` at most the interval). The design starts with a baseline copy (no write).
 * - The source's Region down (`sourceRegion`): no snapshot is taken, and the copy under way
 *   never completes (it reads the source Region's snapshot); so too with the target Region down.
 * - The recovery point: `ages[i]` counts, for each acknowledged write of the source, the ticks
 *   it has waited while no completed copy outside the source's Region holds it (stopping when
 *   that Region fails). It reaches at most `copyEverySeconds + copySeconds` less one tick (a
 *   write just after a snapshot waits for the next one and its copy); past that the schedule
 *   has stalled, or the copies stay in the source's Region (`targetRegion` = `sourceRegion`:
 *   a backup copied only within the Region that fails) and the recovery point has no bound.
 * - `RestoreFromSnapshotCopy` (the runbook's, with `runbook: ['restore']`; list it in compose's
 *   `recovery`): once the source's Region is down, a restore in `restoreRegion` (default the
 *   target) from the newest completed copy there; the application serves from it
 *   `restoreSeconds` later (CreateVolume, and the stack around it: the backup-and-restore RTO
 *   of hours [DR1]). A `restoreRegion` other than `targetRegion` holds no copy: the restore is
 *   refused (never enabled), as a restore from another Region's snapshot is.
 *
 * Planes: `SnapshotCopyStart` (CreateSnapshot, CopySnapshot: EC2 API calls) and
 * `RestoreFromSnapshotCopy` (CreateVolume) are control; list the control plane of the Region
 * the calls go to in `uses.controlPlane` (CopySnapshot is sent to the destination Region).
 * The schedule is exact here: the call is a control step, taken when due (prompt control;
 * with `--no-prompt-control` it may wait, and a write outlives any bound). Not modelled: the
 * schedule's start window (DLM snapshots "within a one-hour window following the specified
 * time" [SC6], AWS Backup within the plan's start window: add it to `copyEverySeconds`), the
 * source Region's control plane for the snapshot (only the copy's is gated), copies that fail
 * or are late (a best-effort copy), retention, the volume's zone (only its Region), crash
 * consistency (INV-EBS-3), lazy loading after the restore (INV-EBS-5).
 *
 * Sources: [SC1] https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html
 * · [SC2] https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html
 * · [SC3] https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html
 * · [SC4] https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html
 * · [SC5] https://docs.aws.amazon.com/ebs/latest/userguide/time-based-copies.html
 * · [SC6] https://docs.aws.amazon.com/dlm/latest/APIReference/API_CreateRule.html
 * · [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { SNAPSHOT_COPY_CONTROLS, SNAPSHOT_COPY_OPS, type SnapshotCopyAction, type SnapshotCopySubscribed } from './actions.js';
import { snapshotCopyActions, snapshotCopyTicking } from './enabled.js';
import {
  SNAPSHOT_COPY_DEFAULT_TICK_SECONDS, SNAPSHOT_COPY_PARAMETERS, initialSnapshotCopy, resolveSnapshotCopyOptions, type SnapshotCopyOptions,
} from './options.js';
import { restoreComplete, targetRegionUp } from './reads.js';
import { reduceSnapshotCopy } from './reduce.js';
import { SNAPSHOT_COPY, snapshotCopySchema, type SnapshotCopyState } from './state.js';

export {
  SNAPSHOT_COPY_CONTROLS, SNAPSHOT_COPY_OPS, SNAPSHOT_COPY_RECOVERY, restoreFromSnapshotCopy, snapshotCopyStart,
  type RestoreFromSnapshotCopy, type SnapshotCopyAction, type SnapshotCopyStart, type SnapshotCopySubscribed,
} from './actions.js';
export { copyRecoveryPointSeconds, restoreComplete, restoredWrites, snapshotCopySlice } from './reads.js';
export { SNAPSHOT_COPY, snapshotCopySchema, type SnapshotCopyState } from './state.js';
export type { SnapshotCopyOptions, SnapshotCopyRunbookStep } from './options.js';

/** Each action's plane (see the module comment). */
const SNAPSHOT_COPY_PLANES: Readonly<Record<SnapshotCopyAction['type'], Plane>> = {
  SnapshotCopyStart: 'control', RestoreFromSnapshotCopy: 'control',
};

/**
 * The EBS snapshot copy component.
 *
 * @example
 * const backup = snapshotCopy({ name: 'backupEast', source: 'data', sourceRegion: 'west', targetRegion: 'east', copyEverySeconds: 3_600, copySeconds: 1_800, runbook: ['restore'] });
 */
export function snapshotCopy<const N extends string>(options: SnapshotCopyOptions & InstanceOptions<N> & { readonly name: N }): Component<SnapshotCopyState, SnapshotCopySubscribed, N>;
export function snapshotCopy(options?: SnapshotCopyOptions & InstanceOptions<'snapshotCopy'>): Component<SnapshotCopyState, SnapshotCopySubscribed, 'snapshotCopy'>;
export function snapshotCopy(options: SnapshotCopyOptions & InstanceOptions = {}): Component<SnapshotCopyState, SnapshotCopySubscribed, string> {
  return instance(snapshotCopyComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `snapshotCopy` makes it the instance its options name. */
function snapshotCopyComponent(options: SnapshotCopyOptions): Component<SnapshotCopyState, SnapshotCopySubscribed, 'snapshotCopy'> {
  const c = resolveSnapshotCopyOptions(options);
  const initial = initialSnapshotCopy(c);
  return {
    name: SNAPSHOT_COPY,
    schema: snapshotCopySchema(c.writes, c.intervalTicks, c.copyTicks, c.restoreTicks, c.maxAge, c.tickSeconds),
    parameters: SNAPSHOT_COPY_PARAMETERS,
    catalog: { op: SNAPSHOT_COPY_OPS, fault: [], control: SNAPSHOT_COPY_CONTROLS, plane: SNAPSHOT_COPY_PLANES },
    subscribes: [...SNAPSHOT_COPY_OPS, ...SNAPSHOT_COPY_CONTROLS, 'Tick'],
    tickSeconds: options.tickSeconds ?? SNAPSHOT_COPY_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => snapshotCopy({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => snapshotCopyActions(c, world, out as SnapshotCopyAction[]),
    reduce: (s, a, world) => reduceSnapshotCopy(c, s, a, world),
    ticking: (s, world) => snapshotCopyTicking(c, s, world),
    // A dependent application can use the restored volume once the restore is done, while the restore Region is up.
    available: (s, world) => restoreComplete(s) && targetRegionUp(c, world),
  };
}
