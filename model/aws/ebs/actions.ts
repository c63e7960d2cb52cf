/**
 * The ebs component's actions: their types, the unions ebs originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';
import type { AsgLaunch, InstanceTerminated, LaunchInstance } from '../ec2/index.js';

interface OnVolume<T extends string, K extends 'op' | 'fault' | 'control'> {
  readonly type: T;
  readonly kind: K;
  readonly volume: number;
}
/** Attach an available volume to an instance in its zone (DeleteOnTermination false). */
export interface AttachVolume extends OnVolume<'AttachVolume', 'op'> {
  readonly instance: number;
}
export type DetachVolume = OnVolume<'DetachVolume', 'op'>;
/** The application writes (and acknowledges) one write to the volume. */
export type WriteData = OnVolume<'WriteData', 'op'>;
/** Start a point-in-time snapshot of the volume. */
export type CreateSnapshot = OnVolume<'CreateSnapshot', 'op'>;
export type DeleteVolume = OnVolume<'DeleteVolume', 'op'>;
export type EnableVolumeIo = OnVolume<'EnableVolumeIo', 'op'>;
/** Create a volume in zone `az` from the best completed snapshot. */
export interface RestoreVolume {
  readonly type: 'RestoreVolume';
  readonly kind: 'op';
  readonly az: number;
}
export type VolumeFailure = OnVolume<'VolumeFailure', 'fault'>;
export type VolumeIoDisabled = OnVolume<'VolumeIoDisabled', 'fault'>;
/** The snapshot policy snapshots the volume. */
export type ScheduledSnapshot = OnVolume<'ScheduledSnapshot', 'control'>;
export interface SnapshotCompleted {
  readonly type: 'SnapshotCompleted';
  readonly kind: 'control';
}
export type EbsAction =
  | AttachVolume | DetachVolume | WriteData | CreateSnapshot | DeleteVolume | EnableVolumeIo | RestoreVolume
  | VolumeFailure | VolumeIoDisabled | ScheduledSnapshot | SnapshotCompleted;
export type EbsSubscribed = EbsAction | LaunchInstance | AsgLaunch | InstanceTerminated | Tick;

export const EBS_OPS = ['AttachVolume', 'DetachVolume', 'WriteData', 'CreateSnapshot', 'DeleteVolume', 'EnableVolumeIo', 'RestoreVolume'] as const;
export const EBS_FAULTS = ['VolumeFailure', 'VolumeIoDisabled'] as const;
export const EBS_CONTROLS = ['ScheduledSnapshot', 'SnapshotCompleted'] as const;
export type EbsOpType = (typeof EBS_OPS)[number];
export type EbsFaultType = (typeof EBS_FAULTS)[number];

function onVolume<T extends string, K extends 'op' | 'fault' | 'control'>(type: T, kind: K, volume: number): OnVolume<T, K> {
  return { type, kind, volume };
}
export const attachVolume = (volume: number, instance: number): AttachVolume => ({ type: 'AttachVolume', kind: 'op', volume, instance });
export const detachVolume = (volume: number): DetachVolume => onVolume('DetachVolume', 'op', volume);
export const writeData = (volume: number): WriteData => onVolume('WriteData', 'op', volume);
export const createSnapshot = (volume: number): CreateSnapshot => onVolume('CreateSnapshot', 'op', volume);
export const deleteVolume = (volume: number): DeleteVolume => onVolume('DeleteVolume', 'op', volume);
export const enableVolumeIo = (volume: number): EnableVolumeIo => onVolume('EnableVolumeIo', 'op', volume);
export const restoreVolume = (az: number): RestoreVolume => ({ type: 'RestoreVolume', kind: 'op', az });
export const volumeFailure = (volume: number): VolumeFailure => onVolume('VolumeFailure', 'fault', volume);
export const volumeIoDisabled = (volume: number): VolumeIoDisabled => onVolume('VolumeIoDisabled', 'fault', volume);
export const scheduledSnapshot = (volume: number): ScheduledSnapshot => onVolume('ScheduledSnapshot', 'control', volume);
export const SNAPSHOT_COMPLETED: SnapshotCompleted = Object.freeze({ type: 'SnapshotCompleted', kind: 'control' });
export const snapshotCompleted = (): SnapshotCompleted => SNAPSHOT_COMPLETED;
