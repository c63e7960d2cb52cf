/**
 * The ebs component's options, their validation, and the resolved configuration its reducer
 * and enabling code read: every default applied, the derived counts and ticks, and the
 * action objects built once (the enabling code pushes these, never new ones).
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import {
  EBS_FAULTS, EBS_OPS, attachVolume, createSnapshot, deleteVolume, detachVolume, enableVolumeIo, restoreVolume, scheduledSnapshot,
  volumeFailure, volumeIoDisabled, writeData,
  type AttachVolume, type CreateSnapshot, type DeleteVolume, type DetachVolume, type EbsFaultType, type EbsOpType, type EnableVolumeIo,
  type RestoreVolume, type ScheduledSnapshot, type VolumeFailure, type VolumeIoDisabled, type WriteData,
} from './actions.js';
import { ebsState, volume, type EbsState, type Volume, type VolumeKind } from './state.js';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise. */
export const EBS_DEFAULT_TICK_SECONDS = 60;

/** A standalone data volume present at the start. */
export interface EbsVolumeSpec {
  readonly az: number;
  /** Attached to this initial instance (which must be in `az`); default unattached. */
  readonly attachedTo?: number;
  /** Default false (a volume attached after launch). */
  readonly deleteOnTermination?: boolean;
}

/** The keys of a volume spec (`tsc` checks them against `EbsVolumeSpec`). */
const VOLUME_SPEC_NAMES = Object.keys({ az: true, attachedTo: true, deleteOnTermination: true } satisfies Record<keyof EbsVolumeSpec, true>);

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

/** The action objects the enabling code pushes: per volume, per (volume, instance) pair at `v * slots + i`, per zone. */
export interface EbsActionTables {
  readonly detach: readonly DetachVolume[];
  readonly write: readonly WriteData[];
  readonly snap: readonly CreateSnapshot[];
  readonly del: readonly DeleteVolume[];
  readonly io: readonly EnableVolumeIo[];
  readonly fail: readonly VolumeFailure[];
  readonly ioOff: readonly VolumeIoDisabled[];
  readonly scheduled: readonly ScheduledSnapshot[];
  readonly attach: readonly AttachVolume[];
  readonly restore: readonly RestoreVolume[];
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface EbsConfig {
  readonly slots: number;
  readonly azs: number;
  /** Zones of ec2's initial instances. */
  readonly initial: readonly number[];
  /** Standalone data volumes at the start. */
  readonly volumes: readonly EbsVolumeSpec[];
  readonly rootVolume: boolean;
  /** DeleteOnTermination of launched root volumes. */
  readonly rootDot: boolean;
  readonly rootKind: VolumeKind;
  /** DeleteOnTermination of launched data volumes. */
  readonly launchDataDot: boolean;
  /** Volumes a launch creates. */
  readonly perInstance: number;
  /** Volume pool slots. */
  readonly count: number;
  readonly maxWrites: number;
  readonly rpoTicks: number;
  readonly policyTicks: number;
  readonly autoScaling: boolean;
  readonly opAttach: boolean;
  readonly opDetach: boolean;
  readonly opWrite: boolean;
  readonly opSnap: boolean;
  readonly opDelete: boolean;
  readonly opIo: boolean;
  readonly opRestore: boolean;
  readonly fFail: boolean;
  readonly fIo: boolean;
  /** The one empty pool slot (shared by every slice). */
  readonly none: Volume;
  readonly A: EbsActionTables;
}

function bad(m: string): never {
  throw new Error(`ebs: ${m}`);
}

/** Applies the defaults and validates `options` (throws `ebs: ...` on the first problem). */
export function resolveEbsOptions(options: EbsOptions): EbsConfig {
  checkOptions('ebs', options, EBS_OPTION_NAMES);
  const slots = options.slots ?? 3;
  const azs = options.azs ?? 2;
  const tickSeconds = options.tickSeconds ?? EBS_DEFAULT_TICK_SECONDS;
  const initialAzs = options.initial ?? [];
  const rootVolume = options.rootVolume ?? true;
  const launchData = options.launchDataVolumes ?? 0;
  const specs = options.volumes ?? [];
  const spare = options.spareVolumes ?? 1;
  const maxWrites = options.maxWrites ?? 2;
  const ops: readonly string[] = options.ops ?? ['WriteData'];
  const faults: readonly string[] = options.faults ?? ['VolumeFailure'];
  const perInstance = (rootVolume ? 1 : 0) + launchData;
  const count = specs.length + slots * perInstance + spare;
  intIn('ebs', 'slots', slots, 1, 32);
  intIn('ebs', 'azs', azs, 1, 16);
  specs.forEach((s, v) => checkOptions(`ebs: volumes[${v}]`, s, VOLUME_SPEC_NAMES));
  if (initialAzs.length > slots) bad(`${initialAzs.length} initial instances do not fit in ${slots} slots`);
  for (const z of [...initialAzs, ...specs.map((s) => s.az)]) if (!Number.isInteger(z) || z < 0 || z >= azs) bad(`zone ${z} is outside 0..${azs - 1}`);
  for (const s of specs) {
    if (s.attachedTo !== undefined && initialAzs[s.attachedTo] !== s.az) bad(`a volume in zone ${s.az} cannot attach to initial instance ${s.attachedTo} (not an initial instance in that zone)`);
  }
  if (!Number.isInteger(launchData) || launchData < 0 || !Number.isInteger(spare) || spare < 0) bad('launchDataVolumes and spareVolumes must be non-negative integers');
  if (count < 1 || count > 64) bad(`the volume pool must have 1..64 slots, got ${count}`);
  intIn('ebs', 'maxWrites', maxWrites, 1, 15);
  namesIn('ebs', 'ops', 'op', ops, EBS_OPS);
  namesIn('ebs', 'faults', 'fault', faults, EBS_FAULTS);
  // After the checks above, as before the split: a bad tickSeconds is reported by ticksFor.
  const rpoTicks = ticksFor(options.rpoSeconds ?? 0, tickSeconds);
  const policyTicks = ticksFor(options.snapshotEverySeconds ?? 0, tickSeconds);

  const table = <A>(make: (v: number) => A): A[] => Array.from({ length: count }, (_, v) => make(v));
  return {
    slots,
    azs,
    initial: initialAzs,
    volumes: specs,
    rootVolume,
    rootDot: options.rootDeleteOnTermination ?? true,
    rootKind: options.dataOnRoot ? 'root-data' : 'root',
    launchDataDot: options.launchDataDeleteOnTermination ?? true,
    perInstance,
    count,
    maxWrites,
    rpoTicks,
    policyTicks,
    autoScaling: options.autoScaling ?? false,
    opAttach: ops.includes('AttachVolume'),
    opDetach: ops.includes('DetachVolume'),
    opWrite: ops.includes('WriteData'),
    opSnap: ops.includes('CreateSnapshot'),
    opDelete: ops.includes('DeleteVolume'),
    opIo: ops.includes('EnableVolumeIo'),
    opRestore: ops.includes('RestoreVolume'),
    fFail: faults.includes('VolumeFailure'),
    fIo: faults.includes('VolumeIoDisabled'),
    none: volume('none', 'root', 0, 0, false, true, 0),
    A: {
      detach: table(detachVolume), write: table(writeData), snap: table(createSnapshot), del: table(deleteVolume),
      io: table(enableVolumeIo), fail: table(volumeFailure), ioOff: table(volumeIoDisabled), scheduled: table(scheduledSnapshot),
      attach: Array.from({ length: count * slots }, (_, k) => attachVolume(Math.floor(k / slots), k % slots)),
      restore: Array.from({ length: azs }, (_, z) => restoreVolume(z)),
    },
  };
}

/** Adds the launch volumes of instance `i` in zone `az` to `volumes` (a copy); false when the pool is full. */
export function withLaunchVolumes(c: EbsConfig, volumes: Volume[], i: number, az: number): boolean {
  for (let k = 0; k < c.perInstance; k++) {
    let free = 0;
    while (free < c.count && volumes[free].state !== 'none') free++;
    if (free === c.count) return false;
    volumes[free] = k === 0 && c.rootVolume ? volume('attached', c.rootKind, az, i, c.rootDot, true, 0) : volume('attached', 'data', az, i, c.launchDataDot, true, 0);
  }
  return true;
}

/** The slice at the start: the standalone volumes, then the launch volumes of the initial instances. */
export function initialEbs(c: EbsConfig): EbsState {
  const volumes: Volume[] = [];
  for (let v = 0; v < c.count; v++) volumes.push(c.none);
  c.volumes.forEach((s, v) => {
    volumes[v] = s.attachedTo === undefined
      ? volume('available', 'data', s.az, 0, false, true, 0)
      : volume('attached', 'data', s.az, s.attachedTo, s.deleteOnTermination ?? false, true, 0);
  });
  c.initial.forEach((z, i) => withLaunchVolumes(c, volumes, i, z));
  return ebsState(volumes, 0, false, -1, -1, c.rpoTicks, c.rpoTicks, c.policyTicks, false);
}

/** Every option for the catalog, with its default (`tsc` checks the list against `EbsOptions`). */
export const EBS_PARAMETERS = parameterList<EbsOptions>({
  slots: { default: 3, unit: 'count', range: [1, 32], description: 'ec2 instance slots' },
  azs: { default: 2, unit: 'count', range: [1, 16], description: 'zones (must match the az component)' },
  tickSeconds: { default: 60, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
  initial: { default: [], unit: 'zones', range: [0, 15], description: "zones of ec2's initial instances (with their launch volumes)" },
  rootVolume: { default: true, unit: 'bool', range: ['true', 'false'], description: "launches create an EBS root volume (ec2 rootDevice 'ebs')" },
  rootDeleteOnTermination: { default: true, unit: 'bool', range: ['true', 'false'], description: 'DeleteOnTermination of launched root volumes' },
  dataOnRoot: { default: false, unit: 'bool', range: ['true', 'false'], description: 'the application writes to the root volume' },
  launchDataVolumes: { default: 0, unit: 'count', range: [0, 8], description: 'data volumes in the launch mapping' },
  launchDataDeleteOnTermination: { default: true, unit: 'bool', range: ['true', 'false'], description: 'DeleteOnTermination of launched data volumes' },
  volumes: { default: [], unit: 'list', range: [], description: 'data volumes at the start: { az, attachedTo?, deleteOnTermination? }' },
  spareVolumes: { default: 1, unit: 'count', range: [0, 16], description: 'pool slots for restores and orphans' },
  maxWrites: { default: 2, unit: 'count', range: [1, 15], description: 'bound on acknowledged writes' },
  rpoSeconds: { default: 0, unit: 's', range: [0, 604_800], description: 'recovery point objective (recoveryPointBounded)' },
  snapshotEverySeconds: { default: 0, unit: 's', range: [0, 604_800], description: 'snapshot policy period (0: none)' },
  ops: { default: ['WriteData'], unit: 'list', range: EBS_OPS, description: 'operator / client actions enabled' },
  faults: { default: ['VolumeFailure'], unit: 'list', range: EBS_FAULTS, description: 'faults enabled' },
  autoScaling: { default: false, unit: 'bool', range: ['true', 'false'], description: 'reduce AsgLaunch (needs asg)' },
});
const EBS_OPTION_NAMES = optionNames(EBS_PARAMETERS);
