/**
 * The ec2 component's options, their validation, and the resolved configuration its reducer
 * and enabling code read: every default applied, the derived ticks and flags, and the records
 * and action objects built once (the hot path only picks them, never builds new ones).
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import {
  EC2_FAULTS, EC2_OPS, appCrash, autoRecover, guestFailure, hostFailure, instanceRunning, instanceStopped, instanceTerminated,
  launchInstance, osShutdown, rebootInstance, scheduledRetirement, startInstance, stopInstance, terminateInstance,
  type AppCrash, type AutoRecover, type Ec2FaultType, type Ec2OpType, type GuestFailure, type HostFailure, type InstanceRunning,
  type InstanceStopped, type InstanceTerminated, type LaunchInstance, type OsShutdown, type RebootInstance, type ScheduledRetirement,
  type StartInstance, type StopInstance, type TerminateInstance,
} from './actions.js';
import { ec2State, instance, type Ec2State, type Instance, type InstanceState, type RootDevice } from './state.js';

export type { RootDevice } from './state.js';

/** What an in-guest shutdown does to an EBS-backed instance (instance-store ones always terminate). */
export type ShutdownBehavior = 'stop' | 'terminate';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise. */
export const EC2_DEFAULT_TICK_SECONDS = 60;

/** Parameters of the ec2 component (times in seconds). */
export interface Ec2Options {
  /** Instance slots; default 3. */
  readonly slots?: number;
  /** Zones (must match the az component); default 2. */
  readonly azs?: number;
  /** Seconds per `Tick`; default 60 (the status-check period). */
  readonly tickSeconds?: number;
  /** Zones of the instances running at the start, in slots 0, 1...; default none. */
  readonly initial?: readonly number[];
  /** The launch template's root device; default `ebs`. */
  readonly rootDevice?: RootDevice;
  /** In-guest shutdown of an EBS-backed instance; default `stop`. */
  readonly shutdownBehavior?: ShutdownBehavior;
  /** Simplified automatic recovery (on by default on supported, EBS-backed instances); default true. */
  readonly autoRecovery?: boolean;
  /** pending -> running; not published by AWS; default 60. */
  readonly bootSeconds?: number;
  /** Sustained system-check failure before auto-recovery acts (INV-EC2-7); not published; default 120. */
  readonly autoRecoverySeconds?: number;
  /** Operator actions enabled; default none. */
  readonly ops?: readonly Ec2OpType[];
  /** Fault actions enabled; default all four. */
  readonly faults?: readonly Ec2FaultType[];
  /** At most this many ec2 faults in a run; default unlimited (compose's `maxFaults` still applies). */
  readonly faultBudget?: number;
  /** `LaunchInstance` uses the lowest free slot from here on (keep it clear of an ASG's slots); default 0. */
  readonly manualFirstSlot?: number;
  /** Reduce an Auto Scaling group's `AsgLaunch`/`AsgTerminate` (requires asg in the composition); default false. */
  readonly autoScaling?: boolean;
}

/** The action objects the enabling code pushes, one per slot (`launch`: one per (slot, zone) at `i * azs + z`). */
export interface Ec2ActionTables {
  readonly launch: readonly LaunchInstance[];
  readonly start: readonly StartInstance[];
  readonly stop: readonly StopInstance[];
  readonly reboot: readonly RebootInstance[];
  readonly terminate: readonly TerminateInstance[];
  readonly shutdown: readonly OsShutdown[];
  readonly host: readonly HostFailure[];
  readonly guest: readonly GuestFailure[];
  readonly app: readonly AppCrash[];
  readonly retire: readonly ScheduledRetirement[];
  readonly running: readonly InstanceRunning[];
  readonly stopped: readonly InstanceStopped[];
  readonly terminated: readonly InstanceTerminated[];
  readonly recover: readonly AutoRecover[];
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface Ec2Config {
  readonly slots: number;
  readonly rootDevice: RootDevice;
  readonly azs: number;
  /** Zones of the initial instances. */
  readonly initial: readonly number[];
  readonly manualFirstSlot: number;
  readonly autoScaling: boolean;
  /** Automatic recovery is on (and the root device is EBS: instance-store instances are not recovered). */
  readonly recovers: boolean;
  readonly bootTicks: number;
  readonly recoveryTicks: number;
  /** The largest timer value (the schema's bound; 0: ec2 never ticks). */
  readonly maxTimer: number;
  /** The fault budget (0 without one) and whether there is one. */
  readonly budget: number;
  readonly counting: boolean;
  readonly opLaunch: boolean;
  /** Start and stop only exist for EBS-backed instances. */
  readonly opStart: boolean;
  readonly opStop: boolean;
  readonly opReboot: boolean;
  readonly opTerminate: boolean;
  readonly opShutdown: boolean;
  readonly fHost: boolean;
  readonly fGuest: boolean;
  readonly fApp: boolean;
  readonly fRetire: boolean;
  /** Where an in-guest shutdown and a retirement lead: stopping (EBS root, stop behaviour) or shutting-down. */
  readonly shutdownState: InstanceState;
  readonly retireState: InstanceState;
  /** The one never-used slot and the one terminated slot (shared by every slice). */
  readonly free: Instance;
  readonly terminated: Instance;
  /** Per zone: a launched instance (store intact), a started one (store empty), a stopped one. */
  readonly launched: readonly Instance[];
  readonly started: readonly Instance[];
  readonly stoppedIn: readonly Instance[];
  readonly A: Ec2ActionTables;
}

function bad(m: string): never {
  throw new Error(`ec2: ${m}`);
}

/** Applies the defaults and validates `options` (throws `ec2: ...` on the first problem). */
export function resolveEc2Options(options: Ec2Options): Ec2Config {
  checkOptions('ec2', options, EC2_OPTION_NAMES);
  const slots = options.slots ?? 3;
  const azs = options.azs ?? 2;
  const tickSeconds = options.tickSeconds ?? EC2_DEFAULT_TICK_SECONDS;
  const initialAzs = options.initial ?? [];
  const rootDevice = options.rootDevice ?? 'ebs';
  const shutdownBehavior = options.shutdownBehavior ?? 'stop';
  const ops: readonly string[] = options.ops ?? [];
  const faults: readonly string[] = options.faults ?? EC2_FAULTS;
  const faultBudget = options.faultBudget;
  const manualFirstSlot = options.manualFirstSlot ?? 0;
  intIn('ec2', 'slots', slots, 1, 32);
  intIn('ec2', 'azs', azs, 1, 16);
  if (initialAzs.length > slots) bad(`${initialAzs.length} initial instances do not fit in ${slots} slots`);
  for (const z of initialAzs) if (!Number.isInteger(z) || z < 0 || z >= azs) bad(`initial zone ${z} is outside 0..${azs - 1}`);
  namesIn('ec2', 'ops', 'op', ops, EC2_OPS);
  namesIn('ec2', 'faults', 'fault', faults, EC2_FAULTS);
  if (faultBudget !== undefined && (!Number.isInteger(faultBudget) || faultBudget < 0)) bad(`faultBudget must be a non-negative integer`);
  if (!Number.isInteger(manualFirstSlot) || manualFirstSlot < 0 || manualFirstSlot >= slots) bad(`manualFirstSlot must be in 0..${slots - 1}`);
  // Kept in the slice (a one-value enum): an unknown device would become a state value.
  if (rootDevice !== 'ebs' && rootDevice !== 'instance-store') bad(`rootDevice must be ebs or instance-store, got ${String(rootDevice)}`);

  // After the checks above, as before the split: a bad tickSeconds is reported by ticksFor.
  const ebsRoot = rootDevice === 'ebs';
  const recovers = (options.autoRecovery ?? true) && ebsRoot; // instance-store instances are not recovered
  const bootTicks = ticksFor(options.bootSeconds ?? 60, tickSeconds);
  const recoveryTicks = recovers ? ticksFor(options.autoRecoverySeconds ?? 120, tickSeconds) : 0;

  const launched: Instance[] = [];
  const started: Instance[] = [];
  const stoppedIn: Instance[] = [];
  for (let z = 0; z < azs; z++) {
    launched.push(instance('pending', z, true, true, true, true, bootTicks));
    started.push(instance('pending', z, true, true, true, false, bootTicks));
    stoppedIn.push(instance('stopped', z, true, true, true, false, 0));
  }
  const launchOps: LaunchInstance[] = [];
  for (let i = 0; i < slots; i++) for (let z = 0; z < azs; z++) launchOps.push(launchInstance(i, z));
  const table = <A>(make: (i: number) => A): A[] => Array.from({ length: slots }, (_, i) => make(i));

  return {
    slots,
    rootDevice,
    azs,
    initial: initialAzs,
    manualFirstSlot,
    autoScaling: options.autoScaling ?? false,
    recovers,
    bootTicks,
    recoveryTicks,
    maxTimer: Math.max(bootTicks, recoveryTicks),
    budget: faultBudget ?? 0,
    counting: faultBudget !== undefined,
    opLaunch: ops.includes('LaunchInstance'),
    opStart: ops.includes('StartInstance') && ebsRoot,
    opStop: ops.includes('StopInstance') && ebsRoot,
    opReboot: ops.includes('RebootInstance'),
    opTerminate: ops.includes('TerminateInstance'),
    opShutdown: ops.includes('OsShutdown'),
    fHost: faults.includes('HostFailure'),
    fGuest: faults.includes('GuestFailure'),
    fApp: faults.includes('AppCrash'),
    fRetire: faults.includes('ScheduledRetirement'),
    shutdownState: ebsRoot && shutdownBehavior === 'stop' ? 'stopping' : 'shutting-down',
    retireState: ebsRoot ? 'stopping' : 'shutting-down',
    free: instance('none', -1, true, true, true, false, 0),
    terminated: instance('terminated', -1, true, true, true, false, 0),
    launched,
    started,
    stoppedIn,
    A: {
      launch: launchOps, start: table(startInstance), stop: table(stopInstance), reboot: table(rebootInstance),
      terminate: table(terminateInstance), shutdown: table(osShutdown), host: table(hostFailure), guest: table(guestFailure),
      app: table(appCrash), retire: table(scheduledRetirement), running: table(instanceRunning), stopped: table(instanceStopped),
      terminated: table(instanceTerminated), recover: table(autoRecover),
    },
  };
}

/** The slice at the start: the initial instances running in slots 0, 1..., the other slots never used. */
export function initialEc2(c: Ec2Config): Ec2State {
  const instances: Instance[] = [];
  for (let i = 0; i < c.slots; i++) instances.push(i < c.initial.length ? instance('running', c.initial[i], true, true, true, true, 0) : c.free);
  return ec2State(instances, 0, c.rootDevice);
}

/**
 * The groups of the instance slot set `instances` (model/core/symmetry.ts): slots of one group
 * are interchangeable. Every action on a slot acts alike on any other, and the zone is a field
 * of the instance (a permutation moves it along), except the launch, which takes the LOWEST
 * free slot (ec2's `LaunchInstance` from `manualFirstSlot`, asg's `AsgLaunch`). Exchanging two
 * slots keeps that choice only if the free slots a group may hold are alike and the groups keep
 * their order. A free slot is `none` (never used) or `terminated`, and the two differ: so
 * - without launches (no `LaunchInstance` op, no `autoScaling`), every slot is in one group;
 * - with them, the initial instances' slots (`0 .. initial.length-1`, split at
 *   `manualFirstSlot` when launching by hand) form one group: they are never `none`, a free one
 *   is `c.terminated` (every component resets its per-slot record on `InstanceTerminated`),
 *   and they come before every other slot; each never-used slot is a group of its own.
 */
export function instanceGroups(c: Ec2Config): readonly number[] {
  if (!c.opLaunch && !c.autoScaling) return new Array<number>(c.slots).fill(0);
  const split = c.opLaunch ? c.manualFirstSlot : 0;
  return Array.from({ length: c.slots }, (_, i) => (i >= c.initial.length ? 2 + i : split > 0 && i >= split ? 1 : 0));
}

/** Every option for the catalog, with its default (`tsc` checks the list against `Ec2Options`). */
export const EC2_PARAMETERS = parameterList<Ec2Options>({
  slots: { default: 3, unit: 'count', range: [1, 32], description: 'instance slots (instances are named by slot)' },
  azs: { default: 2, unit: 'count', range: [1, 16], description: 'zones (must match the az component)' },
  tickSeconds: { default: 60, unit: 's', range: [1, 86_400], description: 'seconds per Tick (the status-check period)' },
  initial: { default: [], unit: 'zones', range: [0, 15], description: 'zones of the instances running at the start, in slots 0, 1...' },
  rootDevice: { default: 'ebs', unit: 'enum', range: ['ebs', 'instance-store'], description: 'launch template root device (instance-store cannot stop)' },
  shutdownBehavior: { default: 'stop', unit: 'enum', range: ['stop', 'terminate'], description: 'what an in-guest shutdown does to an EBS-backed instance' },
  autoRecovery: { default: true, unit: 'bool', range: ['true', 'false'], description: 'simplified automatic recovery (EBS-backed only)' },
  bootSeconds: { default: 60, unit: 's', range: [0, 3_600], description: 'pending -> running (not published)' },
  autoRecoverySeconds: { default: 120, unit: 's', range: [0, 3_600], description: 'failed system check before recovery (not published)' },
  ops: { default: [], unit: 'list', range: EC2_OPS, description: 'operator actions enabled' },
  faults: { default: [...EC2_FAULTS], unit: 'list', range: EC2_FAULTS, description: 'fault actions enabled' },
  faultBudget: { default: 'unlimited', unit: 'count', range: [0, 64], description: "ec2 faults per run (compose's maxFaults still applies)" },
  manualFirstSlot: { default: 0, unit: 'slot', range: [0, 31], description: 'LaunchInstance uses the lowest free slot from here (clear of an ASG)' },
  autoScaling: { default: false, unit: 'bool', range: ['true', 'false'], description: 'reduce AsgLaunch / AsgTerminate (needs asg)' },
});
const EC2_OPTION_NAMES = optionNames(EC2_PARAMETERS);
