/**
 * Elastic Block Store (aws-semantics §4): zonal volumes, regional snapshots, and the one
 * logical dataset an application writes, tracked as small counters.
 *
 * Volumes live in a fixed pool of slots: the standalone volumes first (`volumes`, in order),
 * then the launch volumes of ec2's initial instances, then free slots. A launch
 * (`LaunchInstance`, or `AsgLaunch` with `autoScaling`) creates the template's volumes in the
 * lowest free slots, attached, in the instance's zone: a root volume (`rootVolume`;
 * DeleteOnTermination `rootDeleteOnTermination`, default true) and `launchDataVolumes` data
 * volumes (DeleteOnTermination default true, as in an ASG block-device mapping [A10]). A volume
 * attached later (`AttachVolume`) has DeleteOnTermination false [E1], and attaches only to a
 * running or stopped instance in its own zone: a cross-zone attach is not enabled (INV-EBS-1).
 * `InstanceTerminated(i)` (every termination path ends there) deletes `i`'s volumes marked
 * DeleteOnTermination and detaches the others (INV-EBS-4, INV-ASG-4). A zone outage makes
 * its volumes unusable (read through `azUp`; no write, attach, detach or snapshot there), and so
 * does a gray failure of its EBS (az's `AzEbsStuck`, read through `azEbsOk`: I/O hangs, attach,
 * detach, restore and snapshot do not complete, INV-EBS-7) while its instances keep running.
 * A termination still deletes or detaches its volumes in a stuck zone (not modelled: a
 * termination held up by its stuck volumes).
 *
 * Data: `acked` counts the writes acknowledged to clients (`WriteData(v)`, up to
 * `maxWrites`); a volume's `version` is the number of writes it holds, a snapshot's the number
 * it captured. `lost` (sticky) is set when some acknowledged write no longer exists anywhere
 * (every volume or snapshot holding it was deleted or failed), or when a write lands on a copy
 * that misses earlier acknowledged writes (a replacement writing to an empty or older volume:
 * the dataset diverged). Snapshots are point in time (`CreateSnapshot(v)` captures `v.version`),
 * complete later (`SnapshotCompleted`), one pending at a time, and are regional:
 * `RestoreVolume(az)` creates a volume from the best completed snapshot in any zone. A
 * scheduled policy (`snapshotEverySeconds`) takes `ScheduledSnapshot(v)` of the freshest data
 * volume. Recovery point: `rpoLeft` counts down the ticks left before the oldest write not in
 * a completed snapshot is older than `rpoSeconds` (-1: older; conservative after a snapshot
 * completes, it assumes the writes it missed are as old as the snapshot).
 *
 * Faults (data-holding volumes only): `VolumeFailure(v)` loses the volume and its data;
 * `VolumeIoDisabled(v)` stops its I/O until an operator's `EnableVolumeIo(v)` (INV-EBS-8).
 * Not modelled: Multi-Attach, volume types and durability figures, lazy loading and FSR
 * (INV-EBS-5), crash consistency (INV-EBS-3), a root volume failure impairing its instance.
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): `AttachVolume`, `DetachVolume`, `CreateSnapshot`,
 * `DeleteVolume`, `EnableVolumeIo`, `RestoreVolume` (CreateVolume from a snapshot) and
 * `ScheduledSnapshot` (Data Lifecycle Manager calls CreateSnapshot for the account) are EBS API
 * calls: control. `WriteData` ("reading and writing to an EBS volume" is data plane [CP1]; a
 * volume stays usable without the control plane [Z4]), `SnapshotCompleted` (a snapshot already
 * started) and the faults are data.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { EBS_CONTROLS, EBS_FAULTS, EBS_OPS, type EbsAction, type EbsSubscribed } from './actions.js';
import { ebsActions, ebsTicking } from './enabled.js';
import { EBS_PARAMETERS, initialEbs, resolveEbsOptions, type EbsOptions, EBS_DEFAULT_TICK_SECONDS } from './options.js';
import { packedEbs } from './packed.js';
import { reduceEbs } from './reduce.js';
import { EBS, ebsSchema, type EbsState } from './state.js';

export {
  EBS_CONTROLS, EBS_FAULTS, EBS_OPS, SNAPSHOT_COMPLETED, attachVolume, createSnapshot, deleteVolume, detachVolume, enableVolumeIo,
  restoreVolume, scheduledSnapshot, snapshotCompleted, volumeFailure, volumeIoDisabled, writeData,
  type AttachVolume, type CreateSnapshot, type DeleteVolume, type DetachVolume, type EbsAction, type EbsFaultType, type EbsOpType,
  type EbsSubscribed, type EnableVolumeIo, type RestoreVolume, type ScheduledSnapshot, type SnapshotCompleted, type VolumeFailure,
  type VolumeIoDisabled, type WriteData,
} from './actions.js';
export {
  ackedWrites, dataServed, dataSurvivesReplacement, ebsSlice, ebsWithinBounds, noAckedWriteLost, recoveryPointBounded,
  volumeInstance, volumeOf, volumeUsable, writesAtRisk,
} from './reads.js';
export {
  EBS, VOLUME_KINDS, VOLUME_STATES, ebsSchema, volumeSchema, type EbsState, type Volume, type VolumeKind, type VolumeState,
} from './state.js';
export type { EbsOptions, EbsVolumeSpec } from './options.js';

/** Each action's plane (see the module comment). */
const EBS_PLANES: Readonly<Record<EbsAction['type'], Plane>> = {
  AttachVolume: 'control', DetachVolume: 'control', WriteData: 'data', CreateSnapshot: 'control', DeleteVolume: 'control', EnableVolumeIo: 'control',
  RestoreVolume: 'control', VolumeFailure: 'data', VolumeIoDisabled: 'data', ScheduledSnapshot: 'control', SnapshotCompleted: 'data',
};

/**
 * The EBS component.
 *
 * @example
 * const disks = ebs({ initial: [0], volumes: [{ az: 0, attachedTo: 0 }], ops: ['WriteData', 'CreateSnapshot', 'RestoreVolume', 'AttachVolume'] });
 */
export function ebs<const N extends string>(options: EbsOptions & InstanceOptions<N> & { readonly name: N }): Component<EbsState, EbsSubscribed, N>;
export function ebs(options?: EbsOptions & InstanceOptions<'ebs'>): Component<EbsState, EbsSubscribed, 'ebs'>;
export function ebs(options: EbsOptions & InstanceOptions = {}): Component<EbsState, EbsSubscribed, string> {
  return instance(ebsComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `ebs` makes it the instance its options name. */
function ebsComponent(options: EbsOptions): Component<EbsState, EbsSubscribed, 'ebs'> {
  const c = resolveEbsOptions(options);
  const initial = initialEbs(c);
  const subscribes: string[] = [...EBS_OPS, ...EBS_FAULTS, ...EBS_CONTROLS, 'LaunchInstance', 'InstanceTerminated', 'Tick'];
  if (c.autoScaling) subscribes.push('AsgLaunch');

  return {
    name: EBS,
    schema: ebsSchema(c.count, c.azs, c.slots, c.maxWrites, c.rpoTicks, c.policyTicks),
    parameters: EBS_PARAMETERS,
    catalog: { op: EBS_OPS, fault: EBS_FAULTS, control: EBS_CONTROLS, plane: EBS_PLANES },
    subscribes,
    tickSeconds: options.tickSeconds ?? EBS_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => ebs({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => ebsActions(c, world, out as EbsAction[]),
    reduce: (s, a, world) => reduceEbs(c, s, a, world),
    ticking: (s, world) => ebsTicking(c, s, world),
    packed: (layout) => packedEbs(c, layout),
  };
}
