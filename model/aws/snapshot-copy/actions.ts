/**
 * The snapshotCopy component's actions: their types, the unions it originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';

/**
 * The backup schedule (a Data Lifecycle Manager policy with a cross-Region copy rule, or an
 * AWS Backup plan with a copy action) snapshots the source volume and starts copying the
 * snapshot to the target Region (CreateSnapshot, then CopySnapshot): an AWS API call.
 */
export interface SnapshotCopyStart { readonly type: 'SnapshotCopyStart'; readonly kind: 'control' }
/**
 * The runbook restores the newest completed copy in the restore Region (CreateVolume from the
 * copied snapshot, then whatever the design's restore takes: `restoreSeconds`): an AWS API call
 * in that Region.
 */
export interface RestoreFromSnapshotCopy { readonly type: 'RestoreFromSnapshotCopy'; readonly kind: 'op' }

/** Every action snapshotCopy originates. */
export type SnapshotCopyAction = SnapshotCopyStart | RestoreFromSnapshotCopy;
/** Every action snapshotCopy reduces. */
export type SnapshotCopySubscribed = SnapshotCopyAction | Tick;

export const SNAPSHOT_COPY_OPS = ['RestoreFromSnapshotCopy'] as const;
export const SNAPSHOT_COPY_CONTROLS = ['SnapshotCopyStart'] as const;
/** The recovery ops (list them in compose's `recovery`: the restore is how the design recovers). */
export const SNAPSHOT_COPY_RECOVERY = ['RestoreFromSnapshotCopy'] as const;

export const snapshotCopyStart = (): SnapshotCopyStart => ({ type: 'SnapshotCopyStart', kind: 'control' });
export const restoreFromSnapshotCopy = (): RestoreFromSnapshotCopy => ({ type: 'RestoreFromSnapshotCopy', kind: 'op' });
