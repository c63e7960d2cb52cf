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
 * its volumes unusable (read through `azUp`; no write, attach, detach or snapshot there).
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
 */
import { azUp } from '../az/index.js';
import { ticksFor, type Component, type ParameterInfo, type World } from '../../compose/component.js';
import { EC2, isHealthy, type Ec2State } from '../ec2/index.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';
import {
  EBS_CONTROLS, EBS_FAULTS, EBS_OPS, SNAPSHOT_COMPLETED, attachVolume, createSnapshot, deleteVolume, detachVolume, enableVolumeIo,
  restoreVolume, scheduledSnapshot, volumeFailure, volumeIoDisabled, writeData,
  type EbsAction, type EbsFaultType, type EbsOpType, type EbsSubscribed,
} from './actions.js';
import { EBS, bestVolume } from './reads.js';

export {
  EBS_CONTROLS, EBS_FAULTS, EBS_OPS, SNAPSHOT_COMPLETED, attachVolume, createSnapshot, deleteVolume, detachVolume, enableVolumeIo,
  restoreVolume, scheduledSnapshot, snapshotCompleted, volumeFailure, volumeIoDisabled, writeData,
  type AttachVolume, type CreateSnapshot, type DeleteVolume, type DetachVolume, type EbsAction, type EbsFaultType, type EbsOpType,
  type EbsSubscribed, type EnableVolumeIo, type RestoreVolume, type ScheduledSnapshot, type SnapshotCompleted, type VolumeFailure,
  type VolumeIoDisabled, type WriteData,
} from './actions.js';
export {
  EBS, ackedWrites, dataServed, dataSurvivesReplacement, ebsSlice, ebsWithinBounds, noAckedWriteLost, recoveryPointBounded,
  volumeInstance, volumeOf, volumeUsable, writesAtRisk,
} from './reads.js';

/** `failed`: lost, still attached until its instance terminates. */
export const VOLUME_STATES = ['none', 'available', 'attached', 'failed'] as const;
export type VolumeState = (typeof VOLUME_STATES)[number];
/** `root`: a root volume without the application's data; `root-data`: a root volume holding it; `data`: a data volume. */
export const VOLUME_KINDS = ['root', 'root-data', 'data'] as const;
export type VolumeKind = (typeof VOLUME_KINDS)[number];

export function volumeSchema(azs: number, slots: number, maxWrites: number) {
  return t.record('Volume', {
    state: t.enumOf(VOLUME_STATES),
    kind: t.enumOf(VOLUME_KINDS),
    az: t.int(0, azs - 1),
    instance: t.int(0, slots - 1),
    dot: t.bool(),
    io: t.bool(),
    version: t.int(0, maxWrites),
  });
}
export type Volume = Infer<ReturnType<typeof volumeSchema>>;
export function ebsSchema(count: number, azs: number, slots: number, maxWrites: number, rpoTicks: number, policyTicks: number) {
  return t.record('EbsState', {
    volumes: t.array(volumeSchema(azs, slots, maxWrites), count),
    acked: t.int(0, maxWrites),
    lost: t.bool(),
    snapshot: t.int(-1, maxWrites),
    pending: t.int(-1, maxWrites),
    pendingLeft: t.int(-1, rpoTicks),
    rpoLeft: t.int(-1, rpoTicks),
    policyTimer: t.int(0, policyTicks),
    overflow: t.bool(),
  });
}
/**
 * The ebs slice: `snapshot`/`pending` are the writes in the best completed / the pending
 * snapshot (-1: none); `pendingLeft` is the RPO margin a fresh pending snapshot would give;
 * `overflow`: a launch found no free volume slot (the pool is too small for the scenario).
 */
export type EbsState = Infer<ReturnType<typeof ebsSchema>>;

// ---- The component -------------------------------------------------------------------

/** A standalone data volume present at the start. */
export interface EbsVolumeSpec {
  readonly az: number;
  /** Attached to this initial instance (which must be in `az`); default unattached. */
  readonly attachedTo?: number;
  /** Default false (a volume attached after launch). */
  readonly deleteOnTermination?: boolean;
}

/** Parameters of the ebs component (times in seconds). */
export interface EbsOptions {
  /** ec2's instance slots; default 3. */
  readonly slots?: number;
  /** Zones; default 2. */
  readonly azs?: number;
  /** Seconds per `Tick`; default 60. */
  readonly tickSeconds?: number;
  /** Zones of ec2's initial instances (they get their launch volumes); default none. */
  readonly initial?: readonly number[];
  /** Launches create an EBS root volume (ec2 `rootDevice: 'ebs'`); default true. */
  readonly rootVolume?: boolean;
  /** Default true [E1]. */
  readonly rootDeleteOnTermination?: boolean;
  /** The application keeps its data on the root volume; default false. */
  readonly dataOnRoot?: boolean;
  /** Data volumes in the launch template / ASG block-device mapping; default 0. */
  readonly launchDataVolumes?: number;
  /** Default true (ASG mapping default [A10]; docs disagree for plain launches: a parameter). */
  readonly launchDataDeleteOnTermination?: boolean;
  /** Standalone data volumes at the start (slots 0..); default none. */
  readonly volumes?: readonly EbsVolumeSpec[];
  /** Pool slots beyond the launch volumes of every instance slot (restores, orphans); default 1. */
  readonly spareVolumes?: number;
  /** Bound on acknowledged writes; default 2. */
  readonly maxWrites?: number;
  /** Recovery point objective for `recoveryPointBounded`; default 0. */
  readonly rpoSeconds?: number;
  /** Snapshot policy period (Data Lifecycle Manager); default 0: no policy. */
  readonly snapshotEverySeconds?: number;
  /** Operator / client actions enabled; default `WriteData`. */
  readonly ops?: readonly EbsOpType[];
  /** Faults enabled; default `VolumeFailure`. */
  readonly faults?: readonly EbsFaultType[];
  /** React to an Auto Scaling group's `AsgLaunch` (requires asg); default false. */
  readonly autoScaling?: boolean;
}

/** The single factory of volume records. */
function volume(state: VolumeState, kind: VolumeKind, az: number, instance: number, dot: boolean, io: boolean, version: number): Volume {
  return { state, kind, az, instance, dot, io, version };
}
/** The single factory of ebs slices. */
function ebsState(
  volumes: readonly Volume[], acked: number, lost: boolean, snapshot: number, pending: number,
  pendingLeft: number, rpoLeft: number, policyTimer: number, overflow: boolean,
): EbsState {
  return { volumes, acked, lost, snapshot, pending, pendingLeft, rpoLeft, policyTimer, overflow };
}

/**
 * The EBS component.
 *
 * @example
 * const disks = ebs({ initial: [0], volumes: [{ az: 0, attachedTo: 0 }], ops: ['WriteData', 'CreateSnapshot', 'RestoreVolume', 'AttachVolume'] });
 */
export function ebs(options: EbsOptions = {}): Component<EbsState, EbsSubscribed> {
  const slots = options.slots ?? 3;
  const azs = options.azs ?? 2;
  const tickSeconds = options.tickSeconds ?? 60;
  const initialAzs = options.initial ?? [];
  const rootVolume = options.rootVolume ?? true;
  const rootDot = options.rootDeleteOnTermination ?? true;
  const rootKind: VolumeKind = options.dataOnRoot ? 'root-data' : 'root';
  const launchData = options.launchDataVolumes ?? 0;
  const launchDataDot = options.launchDataDeleteOnTermination ?? true;
  const specs = options.volumes ?? [];
  const spare = options.spareVolumes ?? 1;
  const maxWrites = options.maxWrites ?? 2;
  const ops: readonly string[] = options.ops ?? ['WriteData'];
  const faults: readonly string[] = options.faults ?? ['VolumeFailure'];
  const autoScaling = options.autoScaling ?? false;
  const perInstance = (rootVolume ? 1 : 0) + launchData;
  const count = specs.length + slots * perInstance + spare;
  const bad = (m: string): never => { throw new Error(`ebs: ${m}`); };
  if (!Number.isInteger(slots) || slots < 1 || slots > 32) bad(`slots must be an integer in 1..32, got ${slots}`);
  if (!Number.isInteger(azs) || azs < 1 || azs > 16) bad(`azs must be an integer in 1..16, got ${azs}`);
  if (initialAzs.length > slots) bad(`${initialAzs.length} initial instances do not fit in ${slots} slots`);
  for (const z of [...initialAzs, ...specs.map((s) => s.az)]) if (!Number.isInteger(z) || z < 0 || z >= azs) bad(`zone ${z} is outside 0..${azs - 1}`);
  for (const s of specs) {
    if (s.attachedTo !== undefined && initialAzs[s.attachedTo] !== s.az) bad(`a volume in zone ${s.az} cannot attach to initial instance ${s.attachedTo} (not an initial instance in that zone)`);
  }
  if (!Number.isInteger(launchData) || launchData < 0 || !Number.isInteger(spare) || spare < 0) bad('launchDataVolumes and spareVolumes must be non-negative integers');
  if (count < 1 || count > 64) bad(`the volume pool must have 1..64 slots, got ${count}`);
  if (!Number.isInteger(maxWrites) || maxWrites < 1 || maxWrites > 15) bad(`maxWrites must be an integer in 1..15, got ${maxWrites}`);
  for (const o of ops) if (!(EBS_OPS as readonly string[]).includes(o)) bad(`unknown op ${o}`);
  for (const f of faults) if (!(EBS_FAULTS as readonly string[]).includes(f)) bad(`unknown fault ${f}`);

  const rpoTicks = ticksFor(options.rpoSeconds ?? 0, tickSeconds);
  const policyTicks = ticksFor(options.snapshotEverySeconds ?? 0, tickSeconds);
  const op = (name: EbsOpType) => ops.includes(name);
  const [opAttach, opDetach, opWrite, opSnap, opDelete, opIo, opRestore] = EBS_OPS.map(op);
  const fFail = faults.includes('VolumeFailure');
  const fIo = faults.includes('VolumeIoDisabled');

  const NONE = volume('none', 'root', 0, 0, false, true, 0);
  const table = <A>(make: (v: number) => A): A[] => Array.from({ length: count }, (_, v) => make(v));
  const A = {
    detach: table(detachVolume), write: table(writeData), snap: table(createSnapshot), del: table(deleteVolume),
    io: table(enableVolumeIo), fail: table(volumeFailure), ioOff: table(volumeIoDisabled), scheduled: table(scheduledSnapshot),
    attach: Array.from({ length: count * slots }, (_, k) => attachVolume(Math.floor(k / slots), k % slots)),
    restore: Array.from({ length: azs }, (_, z) => restoreVolume(z)),
  };

  /** Adds the launch volumes of instance `i` in zone `az` to `volumes` (a copy); false when the pool is full. */
  function withLaunchVolumes(volumes: Volume[], i: number, az: number): boolean {
    for (let k = 0; k < perInstance; k++) {
      let free = 0;
      while (free < count && volumes[free].state !== 'none') free++;
      if (free === count) return false;
      volumes[free] = k === 0 && rootVolume ? volume('attached', rootKind, az, i, rootDot, true, 0) : volume('attached', 'data', az, i, launchDataDot, true, 0);
    }
    return true;
  }

  const initialVolumes: Volume[] = [];
  for (let v = 0; v < count; v++) initialVolumes.push(NONE);
  specs.forEach((s, v) => {
    initialVolumes[v] = s.attachedTo === undefined
      ? volume('available', 'data', s.az, 0, false, true, 0)
      : volume('attached', 'data', s.az, s.attachedTo, s.deleteOnTermination ?? false, true, 0);
  });
  initialAzs.forEach((z, i) => withLaunchVolumes(initialVolumes, i, z));
  const initial = ebsState(initialVolumes, 0, false, -1, -1, rpoTicks, rpoTicks, policyTicks, false);

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
  function snapshotStarted(s: EbsState, v: number, policyTimer: number): EbsState {
    const version = s.volumes[v].version;
    return ebsState(s.volumes, s.acked, s.lost, s.snapshot, version, version >= s.acked ? rpoTicks : -1, s.rpoLeft, policyTimer, s.overflow);
  }
  /** Some acknowledged write is missing from the best completed snapshot. */
  function atRisk(s: EbsState): boolean {
    return s.acked > 0 && s.acked > s.snapshot;
  }

  function reduce(s: EbsState, a: EbsSubscribed): EbsState {
    switch (a.type) {
      case 'AttachVolume': {
        const x = s.volumes[a.volume];
        return put(s, a.volume, volume('attached', x.kind, x.az, a.instance, false, x.io, x.version));
      }
      case 'DetachVolume': {
        const x = s.volumes[a.volume];
        return put(s, a.volume, volume('available', x.kind, x.az, 0, false, x.io, x.version));
      }
      case 'WriteData': {
        // Written on top of a copy that misses acknowledged writes: the dataset diverged, those are lost.
        const x = s.volumes[a.volume];
        const volumes = s.volumes.slice();
        volumes[a.volume] = volume(x.state, x.kind, x.az, x.instance, x.dot, x.io, s.acked + 1);
        return ebsState(volumes, s.acked + 1, s.lost || x.version < s.acked, s.snapshot, s.pending, s.pendingLeft, s.rpoLeft, s.policyTimer, s.overflow);
      }
      case 'CreateSnapshot':
        return snapshotStarted(s, a.volume, s.policyTimer);
      case 'ScheduledSnapshot':
        return snapshotStarted(s, a.volume, policyTicks);
      case 'SnapshotCompleted': {
        // The best snapshot is kept (retention keeps older ones): a stale copy's snapshot does not replace it.
        const snapshot = Math.max(s.snapshot, s.pending);
        const rpoLeft = snapshot >= s.acked ? rpoTicks : Math.max(s.rpoLeft, s.pendingLeft);
        return ebsState(s.volumes, s.acked, s.lost, snapshot, -1, rpoTicks, rpoLeft, s.policyTimer, s.overflow);
      }
      case 'DeleteVolume':
        return put(s, a.volume, NONE);
      case 'EnableVolumeIo':
      case 'VolumeIoDisabled': {
        const x = s.volumes[a.volume];
        return put(s, a.volume, volume(x.state, x.kind, x.az, x.instance, x.dot, a.type === 'EnableVolumeIo', x.version));
      }
      case 'RestoreVolume': {
        let free = 0;
        while (free < count && s.volumes[free].state !== 'none') free++;
        if (free === count) return s; // not enabled without a free slot
        return put(s, free, volume('available', 'data', a.az, 0, false, true, Math.max(0, s.snapshot)));
      }
      case 'VolumeFailure': {
        const x = s.volumes[a.volume];
        return put(s, a.volume, x.state === 'attached' ? volume('failed', x.kind, x.az, x.instance, false, true, 0) : NONE);
      }
      case 'LaunchInstance':
      case 'AsgLaunch': {
        if (perInstance === 0 || a.instance >= slots) return s;
        const volumes = s.volumes.slice();
        const fits = withLaunchVolumes(volumes, a.instance, a.az);
        return withVolumes(s, volumes, s.lost, s.overflow || !fits);
      }
      case 'InstanceTerminated': {
        // Failed volumes and those marked DeleteOnTermination are gone; the others stay, detached.
        let next: Volume[] | undefined;
        const vs = s.volumes;
        for (let v = 0; v < count; v++) {
          const x = vs[v];
          if ((x.state === 'attached' || x.state === 'failed') && x.instance === a.instance) {
            next ??= vs.slice();
            next[v] = x.state === 'failed' || x.dot ? NONE : volume('available', x.kind, x.az, 0, false, x.io, x.version);
          }
        }
        return next === undefined ? s : withVolumes(s, next, s.lost, s.overflow);
      }
      case 'Tick': {
        const policyTimer = s.policyTimer > 0 ? s.policyTimer - 1 : 0;
        const rpoLeft = atRisk(s) && s.rpoLeft >= 0 ? s.rpoLeft - 1 : s.rpoLeft;
        const pendingLeft = s.pending >= 0 && s.pendingLeft >= 0 ? s.pendingLeft - 1 : s.pendingLeft;
        if (policyTimer === s.policyTimer && rpoLeft === s.rpoLeft && pendingLeft === s.pendingLeft) return s;
        return ebsState(s.volumes, s.acked, s.lost, s.snapshot, s.pending, pendingLeft, rpoLeft, policyTimer, s.overflow);
      }
      default:
        return assertNever(a);
    }
  }

  function actions(world: World, out: EbsAction[]): void {
    const s = world[EBS] as EbsState;
    const ins = (world[EC2] as Ec2State).instances;
    const n = Math.min(slots, ins.length);
    const vs = s.volumes;
    let free = 0;
    for (let v = 0; v < count; v++) {
      const x = vs[v];
      if (x.state === 'none') {
        free++;
        continue;
      }
      if (x.state === 'failed') continue;
      const up = azUp(world, x.az);
      const data = x.kind !== 'root';
      if (x.state === 'available') {
        if (opAttach && up) {
          for (let i = 0; i < n; i++) {
            const y = ins[i];
            if (y.az === x.az && (y.state === 'running' || y.state === 'stopped')) out.push(A.attach[v * slots + i]);
          }
        }
        if (opDelete) out.push(A.del[v]);
      } else {
        if (opDetach && up && x.kind === 'data') out.push(A.detach[v]);
        if (opWrite && data && up && x.io && s.acked < maxWrites && isHealthy(world, x.instance)) out.push(A.write[v]);
      }
      if (!data) continue;
      if (opSnap && up && s.pending < 0) out.push(A.snap[v]);
      if (opIo && up && !x.io) out.push(A.io[v]);
      if (fFail) out.push(A.fail[v]);
      if (fIo && up && x.io) out.push(A.ioOff[v]);
    }
    if (opRestore && s.snapshot >= 0) {
      // Keep enough free slots for the launch volumes of every free instance slot.
      let needed = 0;
      for (let i = 0; i < n; i++) if (ins[i].state === 'none' || ins[i].state === 'terminated') needed += perInstance;
      if (free > needed) for (let z = 0; z < azs; z++) if (azUp(world, z)) out.push(A.restore[z]);
    }
    if (s.pending >= 0) out.push(SNAPSHOT_COMPLETED);
    else if (policyTicks > 0 && s.policyTimer === 0) {
      let best = -1;
      for (let v = 0; v < count; v++) {
        const x = vs[v];
        if ((x.state === 'available' || x.state === 'attached') && x.kind !== 'root' && azUp(world, x.az) && (best < 0 || x.version > vs[best].version)) best = v;
      }
      if (best >= 0) out.push(A.scheduled[best]);
    }
  }

  function ticking(s: EbsState): boolean {
    return s.policyTimer > 0 || (atRisk(s) && s.rpoLeft >= 0) || (s.pending >= 0 && s.pendingLeft >= 0);
  }

  const subscribes: string[] = [...EBS_OPS, ...EBS_FAULTS, ...EBS_CONTROLS, 'LaunchInstance', 'InstanceTerminated', 'Tick'];
  if (autoScaling) subscribes.push('AsgLaunch');

  const parameters: ParameterInfo[] = [
    { name: 'slots', default: 3, unit: 'count', range: [1, 32], description: 'ec2 instance slots' },
    { name: 'azs', default: 2, unit: 'count', range: [1, 16] },
    { name: 'tickSeconds', default: 60, unit: 's', range: [1, 86_400] },
    { name: 'rootVolume', default: true, unit: 'bool', range: ['true', 'false'], description: 'launches create an EBS root volume' },
    { name: 'rootDeleteOnTermination', default: true, unit: 'bool', range: ['true', 'false'] },
    { name: 'dataOnRoot', default: false, unit: 'bool', range: ['true', 'false'], description: 'the application writes to the root volume' },
    { name: 'launchDataVolumes', default: 0, unit: 'count', range: [0, 8], description: 'data volumes in the launch mapping' },
    { name: 'launchDataDeleteOnTermination', default: true, unit: 'bool', range: ['true', 'false'], description: 'ASG mapping default true' },
    { name: 'spareVolumes', default: 1, unit: 'count', range: [0, 16], description: 'pool slots for restores and orphans' },
    { name: 'maxWrites', default: 2, unit: 'count', range: [1, 15], description: 'bound on acknowledged writes' },
    { name: 'rpoSeconds', default: 0, unit: 's', range: [0, 604_800], description: 'recovery point objective' },
    { name: 'snapshotEverySeconds', default: 0, unit: 's', range: [0, 604_800], description: 'snapshot policy period (0: none)' },
    { name: 'autoScaling', default: false, unit: 'bool', range: ['true', 'false'], description: 'reduce AsgLaunch' },
  ];

  return {
    name: EBS,
    schema: ebsSchema(count, azs, slots, maxWrites, rpoTicks, policyTicks),
    parameters,
    catalog: { op: EBS_OPS, fault: EBS_FAULTS, control: EBS_CONTROLS },
    subscribes,
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
    ticking,
  };
}
