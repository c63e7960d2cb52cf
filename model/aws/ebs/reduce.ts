/**
 * The ebs reducer: one function per action type it subscribes to. Each returns the new slice,
 * or `s` itself when nothing changed.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { AsgLaunch, InstanceTerminated, LaunchInstance } from '../ec2/index.js';
import type {
  AttachVolume, DetachVolume, EbsSubscribed, EnableVolumeIo, RestoreVolume, VolumeFailure, VolumeIoDisabled, WriteData,
} from './actions.js';
import { withLaunchVolumes, type EbsConfig } from './options.js';
import { atRisk, bestVolume } from './reads.js';
import { ebsState, volume, type EbsState, type Volume } from './state.js';

/** The slice after `a` (`world` is the world before it, unused: ebs reads only its own slice). */
export function reduceEbs(c: EbsConfig, s: EbsState, a: EbsSubscribed, world: World): EbsState {
  switch (a.type) {
    case 'AttachVolume':
      return attachVolume(s, a);
    case 'DetachVolume':
      return detachVolume(s, a);
    case 'WriteData':
      return writeData(s, a);
    case 'CreateSnapshot':
      return snapshotStarted(c, s, a.volume, s.policyTimer);
    case 'ScheduledSnapshot':
      return snapshotStarted(c, s, a.volume, c.policyTicks);
    case 'SnapshotCompleted':
      return snapshotCompleted(c, s);
    case 'DeleteVolume':
      return put(s, a.volume, c.none);
    case 'EnableVolumeIo':
    case 'VolumeIoDisabled':
      return setVolumeIo(s, a);
    case 'RestoreVolume':
      return restoreVolume(c, s, a);
    case 'VolumeFailure':
      return volumeFailure(c, s, a);
    case 'LaunchInstance':
    case 'AsgLaunch':
      return instanceLaunched(c, s, a);
    case 'InstanceTerminated':
      return instanceTerminated(c, s, a);
    case 'Tick':
      return tick(s);
    default:
      return assertNever(a);
  }
}

/** `s` with new volumes: `lost` is set if an acknowledged write no longer exists anywhere. */
function withVolumes(s: EbsState, volumes: readonly Volume[], lost: boolean, overflow: boolean): EbsState {
  const gone = lost || Math.max(bestVolume(volumes), s.snapshot) < s.acked;
  return ebsState(volumes, s.acked, gone, s.snapshot, s.pending, s.pendingLeft, s.rpoLeft, s.policyTimer, overflow);
}
function put(s: EbsState, v: number, x: Volume): EbsState {
  const volumes = s.volumes.slice();
  volumes[v] = x;
  return withVolumes(s, volumes, s.lost, s.overflow);
}
/** A snapshot of volume `v` starts; a stale copy (missing acknowledged writes) cannot improve the RPO. */
function snapshotStarted(c: EbsConfig, s: EbsState, v: number, policyTimer: number): EbsState {
  const version = s.volumes[v].version;
  return ebsState(s.volumes, s.acked, s.lost, s.snapshot, version, version >= s.acked ? c.rpoTicks : -1, s.rpoLeft, policyTimer, s.overflow);
}

function attachVolume(s: EbsState, a: AttachVolume): EbsState {
  const x = s.volumes[a.volume];
  return put(s, a.volume, volume('attached', x.kind, x.az, a.instance, false, x.io, x.version));
}
function detachVolume(s: EbsState, a: DetachVolume): EbsState {
  const x = s.volumes[a.volume];
  return put(s, a.volume, volume('available', x.kind, x.az, 0, false, x.io, x.version));
}
function writeData(s: EbsState, a: WriteData): EbsState {
  // Written on top of a copy that misses acknowledged writes: the dataset diverged, those are lost.
  const x = s.volumes[a.volume];
  const volumes = s.volumes.slice();
  volumes[a.volume] = volume(x.state, x.kind, x.az, x.instance, x.dot, x.io, s.acked + 1);
  return ebsState(volumes, s.acked + 1, s.lost || x.version < s.acked, s.snapshot, s.pending, s.pendingLeft, s.rpoLeft, s.policyTimer, s.overflow);
}
function snapshotCompleted(c: EbsConfig, s: EbsState): EbsState {
  // The best snapshot is kept (retention keeps older ones): a stale copy's snapshot does not replace it.
  const snapshot = Math.max(s.snapshot, s.pending);
  const rpoLeft = snapshot >= s.acked ? c.rpoTicks : Math.max(s.rpoLeft, s.pendingLeft);
  return ebsState(s.volumes, s.acked, s.lost, snapshot, -1, c.rpoTicks, rpoLeft, s.policyTimer, s.overflow);
}
function setVolumeIo(s: EbsState, a: EnableVolumeIo | VolumeIoDisabled): EbsState {
  const x = s.volumes[a.volume];
  return put(s, a.volume, volume(x.state, x.kind, x.az, x.instance, x.dot, a.type === 'EnableVolumeIo', x.version));
}
function restoreVolume(c: EbsConfig, s: EbsState, a: RestoreVolume): EbsState {
  let free = 0;
  while (free < c.count && s.volumes[free].state !== 'none') free++;
  if (free === c.count) return s; // not enabled without a free slot
  return put(s, free, volume('available', 'data', a.az, 0, false, true, Math.max(0, s.snapshot)));
}
function volumeFailure(c: EbsConfig, s: EbsState, a: VolumeFailure): EbsState {
  const x = s.volumes[a.volume];
  return put(s, a.volume, x.state === 'attached' ? volume('failed', x.kind, x.az, x.instance, false, true, 0) : c.none);
}
/** A launch (plain or by an ASG) creates the template's volumes, attached. */
function instanceLaunched(c: EbsConfig, s: EbsState, a: LaunchInstance | AsgLaunch): EbsState {
  if (c.perInstance === 0 || a.instance >= c.slots) return s;
  const volumes = s.volumes.slice();
  const fits = withLaunchVolumes(c, volumes, a.instance, a.az);
  return withVolumes(s, volumes, s.lost, s.overflow || !fits);
}
function instanceTerminated(c: EbsConfig, s: EbsState, a: InstanceTerminated): EbsState {
  // Failed volumes and those marked DeleteOnTermination are gone; the others stay, detached.
  let next: Volume[] | undefined;
  const vs = s.volumes;
  for (let v = 0; v < c.count; v++) {
    const x = vs[v];
    if ((x.state === 'attached' || x.state === 'failed') && x.instance === a.instance) {
      next ??= vs.slice();
      next[v] = x.state === 'failed' || x.dot ? c.none : volume('available', x.kind, x.az, 0, false, x.io, x.version);
    }
  }
  return next === undefined ? s : withVolumes(s, next, s.lost, s.overflow);
}
function tick(s: EbsState): EbsState {
  const policyTimer = s.policyTimer > 0 ? s.policyTimer - 1 : 0;
  const rpoLeft = atRisk(s) && s.rpoLeft >= 0 ? s.rpoLeft - 1 : s.rpoLeft;
  const pendingLeft = s.pending >= 0 && s.pendingLeft >= 0 ? s.pendingLeft - 1 : s.pendingLeft;
  if (policyTimer === s.policyTimer && rpoLeft === s.rpoLeft && pendingLeft === s.pendingLeft) return s;
  return ebsState(s.volumes, s.acked, s.lost, s.snapshot, s.pending, pendingLeft, rpoLeft, policyTimer, s.overflow);
}
