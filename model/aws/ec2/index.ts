/**
 * EC2 instances (aws-semantics §1): fixed instance slots, each empty or one instance's lifecycle.
 *
 * Slot `i` is an instance named by its index. `none` is a slot never used; a `terminated`
 * slot is free again (the next launch may reuse it, as a new instance). Lifecycle:
 * `pending -> running` (boot timer, then `InstanceRunning`), `stopping -> stopped`
 * (`InstanceStopped`), `shutting-down -> terminated` (`InstanceTerminated`), each completion
 * a separate control step. Every instance comes from one launch template: its root device
 * (`rootDevice`: `ebs` or `instance-store`) and `shutdownBehavior` are parameters.
 *
 * Health is kept in three layers so a scenario can break each alone:
 * - `systemOk`: the host (system status check); a `HostFailure` clears it; so does (read
 *   through `azUp`) an outage of the instance's zone;
 * - `instanceOk`: the guest OS (instance status check); `GuestFailure` clears it, a reboot fixes it;
 * - `appUp`: the application; `AppCrash` kills it on a healthy OS (the status checks stay ok).
 * `storeData` is true while the instance store still holds everything written since launch:
 * stop, terminate, retirement, host failure and a zone outage lose it (INV-EC2-1). The EBS
 * root volume survives stop/start (a `stopped` instance starts again); what happens to EBS
 * volumes on termination (`DeleteOnTermination`) is the ebs component's business.
 *
 * Cross-component vocabulary (other components subscribe to these; names are stable):
 * - launches: `LaunchInstance { instance, az }` (op, ec2: an operator launches from the AMI)
 *   and `AsgLaunch { instance, az }` (control, originated by asg, reduced here when
 *   `autoScaling: true`). Both put slot `instance` in `pending` in zone `az`.
 * - termination begins with `TerminateInstance { instance }` (op), `AsgTerminate { instance }`
 *   (control, asg), `OsShutdown { instance }` (op, with shutdownBehavior terminate or an
 *   instance-store root) or `ScheduledRetirement { instance }` (fault, instance-store root),
 *   and ALWAYS ends with `InstanceTerminated { instance }` (control, ec2): subscribe to that
 *   one to disassociate an EIP, delete `DeleteOnTermination` volumes or forget a target.
 * - `InstanceRunning { instance }` (control, ec2): boot finished (after a launch or a start).
 * - `InstanceStopped { instance }` (control, ec2): a stop finished (EBS root kept).
 * Reads for other components: `isRunning`, `isHealthy`, `isReachable`, `isImpaired`,
 * `healthyCount`, `instanceAz`, `inAz`, `isLaunched`, `isFree`, `holdsCapacity`, `launchAdmitted`...
 *
 * Requires the `az` component in the composition (ec2 subscribes to `AzOutage`); with
 * `autoScaling: true` also asg (ec2 then subscribes to `AsgLaunch` and `AsgTerminate`).
 * Not modelled: RAM contents, hibernate, IP addresses (stop/start changes the public IPv4,
 * INV-EC2-3), Spot interruptions, force-stop.
 */
import { azUp } from '../az/index.js';
import { spareHostFor } from '../capacity/index.js';
import { ticksFor, type Component, type ParameterInfo, type World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';
import {
  EC2_CONTROLS, EC2_FAULTS, EC2_OPS, appCrash, autoRecover, guestFailure, hostFailure, instanceRunning, instanceStopped,
  instanceTerminated, launchInstance, osShutdown, rebootInstance, scheduledRetirement, startInstance, stopInstance, terminateInstance,
  type Ec2Action, type Ec2FaultType, type Ec2OpType, type Ec2Subscribed, type LaunchInstance,
} from './actions.js';
import { EC2, firstFreeSlot, holdsCapacityState, launchAdmitted, occupiedInAz } from './reads.js';

export {
  EC2_CONTROLS, EC2_FAULTS, EC2_OPS, appCrash, asgLaunch, asgTerminate, autoRecover, guestFailure, hostFailure, instanceRunning,
  instanceStopped, instanceTerminated, launchInstance, osShutdown, rebootInstance, scheduledRetirement, startInstance, stopInstance,
  terminateInstance,
  type AppCrash, type AsgLaunch, type AsgTerminate, type AutoRecover, type Ec2Action, type Ec2Control, type Ec2Fault,
  type Ec2FaultType, type Ec2Op, type Ec2OpType, type Ec2Subscribed, type GuestFailure, type HostFailure, type InstanceRunning,
  type InstanceStopped, type InstanceTerminated, type LaunchInstance, type OsShutdown, type RebootInstance, type ScheduledRetirement,
  type StartInstance, type StopInstance, type TerminateInstance,
} from './actions.js';
export {
  EC2, ec2Slice, firstFreeSlot, healthyCount, holdsCapacity, holdsCapacityState, inAz, instanceAz, instanceState,
  instanceStoreIntact, isFree, isHealthy, isImpaired, isLaunched, isReachable, isRunning, launchAdmitted, occupiedInAz,
  statusChecksOk, systemStatusOk,
} from './reads.js';

/** Slot states: `none` (never used) plus the EC2 lifecycle (API codes 0, 16, 64, 80, 32, 48). */
export const INSTANCE_STATES = ['none', 'pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];
/** The launch template's root device: instance-store-backed instances cannot stop (INV-EC2-2). */
export type RootDevice = 'ebs' | 'instance-store';
/** What an in-guest shutdown does to an EBS-backed instance (instance-store ones always terminate). */
export type ShutdownBehavior = 'stop' | 'terminate';

/** The schema of one instance slot; `timer` is the boot countdown (pending) or the auto-recovery delay (failed host). */
export function instanceSchema(azs: number, maxTimer: number) {
  return t.record('Instance', {
    state: t.enumOf(INSTANCE_STATES),
    az: t.int(0, azs - 1),
    systemOk: t.bool(),
    instanceOk: t.bool(),
    appUp: t.bool(),
    storeData: t.bool(),
    timer: t.int(0, maxTimer),
  });
}
/** One instance slot. */
export type Instance = Infer<ReturnType<typeof instanceSchema>>;

/** The schema of the ec2 slice; `faultsUsed` counts ec2's own faults against `faultBudget` (0 bits without one). */
export function ec2Schema(slots: number, azs: number, maxTimer: number, faultBudget: number) {
  return t.record('Ec2State', { instances: t.array(instanceSchema(azs, maxTimer), slots), faultsUsed: t.int(0, faultBudget) });
}
/** The ec2 slice. */
export type Ec2State = Infer<ReturnType<typeof ec2Schema>>;

// ---- The component -------------------------------------------------------------------

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

/** The single factory of instance records (one object shape). */
function instance(state: InstanceState, az: number, systemOk: boolean, instanceOk: boolean, appUp: boolean, storeData: boolean, timer: number): Instance {
  return { state, az, systemOk, instanceOk, appUp, storeData, timer };
}
/** The single factory of ec2 slices. */
function ec2State(instances: readonly Instance[], faultsUsed: number): Ec2State {
  return { instances, faultsUsed };
}

/**
 * The EC2 component.
 *
 * @example
 * const instances = ec2({ slots: 2, initial: [0, 1], rootDevice: 'instance-store', ops: ['LaunchInstance'] });
 */
export function ec2(options: Ec2Options = {}): Component<Ec2State, Ec2Subscribed> {
  const slots = options.slots ?? 3;
  const azs = options.azs ?? 2;
  const tickSeconds = options.tickSeconds ?? 60;
  const initialAzs = options.initial ?? [];
  const rootDevice = options.rootDevice ?? 'ebs';
  const shutdownBehavior = options.shutdownBehavior ?? 'stop';
  const ops: readonly string[] = options.ops ?? [];
  const faults: readonly string[] = options.faults ?? EC2_FAULTS;
  const faultBudget = options.faultBudget;
  const manualFirstSlot = options.manualFirstSlot ?? 0;
  const autoScaling = options.autoScaling ?? false;
  if (!Number.isInteger(slots) || slots < 1 || slots > 32) throw new Error(`ec2: slots must be an integer in 1..32, got ${slots}`);
  if (!Number.isInteger(azs) || azs < 1 || azs > 16) throw new Error(`ec2: azs must be an integer in 1..16, got ${azs}`);
  if (initialAzs.length > slots) throw new Error(`ec2: ${initialAzs.length} initial instances do not fit in ${slots} slots`);
  for (const z of initialAzs) if (!Number.isInteger(z) || z < 0 || z >= azs) throw new Error(`ec2: initial zone ${z} is outside 0..${azs - 1}`);
  for (const o of ops) if (!(EC2_OPS as readonly string[]).includes(o)) throw new Error(`ec2: unknown op ${o}`);
  for (const f of faults) if (!(EC2_FAULTS as readonly string[]).includes(f)) throw new Error(`ec2: unknown fault ${f}`);
  if (faultBudget !== undefined && (!Number.isInteger(faultBudget) || faultBudget < 0)) throw new Error(`ec2: faultBudget must be a non-negative integer`);
  if (!Number.isInteger(manualFirstSlot) || manualFirstSlot < 0 || manualFirstSlot >= slots) throw new Error(`ec2: manualFirstSlot must be in 0..${slots - 1}`);

  const ebsRoot = rootDevice === 'ebs';
  const recovers = (options.autoRecovery ?? true) && ebsRoot; // instance-store instances are not recovered
  const bootTicks = ticksFor(options.bootSeconds ?? 60, tickSeconds);
  const recoveryTicks = recovers ? ticksFor(options.autoRecoverySeconds ?? 120, tickSeconds) : 0;
  const maxTimer = Math.max(bootTicks, recoveryTicks);
  const budget = faultBudget ?? 0;
  const counting = faultBudget !== undefined;

  const opLaunch = ops.includes('LaunchInstance');
  const opStart = ops.includes('StartInstance') && ebsRoot;
  const opStop = ops.includes('StopInstance') && ebsRoot;
  const opReboot = ops.includes('RebootInstance');
  const opTerminate = ops.includes('TerminateInstance');
  const opShutdown = ops.includes('OsShutdown');
  const fHost = faults.includes('HostFailure');
  const fGuest = faults.includes('GuestFailure');
  const fApp = faults.includes('AppCrash');
  const fRetire = faults.includes('ScheduledRetirement');
  const shutdownState: InstanceState = ebsRoot && shutdownBehavior === 'stop' ? 'stopping' : 'shutting-down';
  const retireState: InstanceState = ebsRoot ? 'stopping' : 'shutting-down';

  // Constant records and actions, built once: the hot path only picks them.
  const FREE = instance('none', 0, true, true, true, false, 0);
  const TERMINATED = instance('terminated', 0, true, true, true, false, 0);
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
  const A = {
    start: table(startInstance), stop: table(stopInstance), reboot: table(rebootInstance), terminate: table(terminateInstance),
    shutdown: table(osShutdown), host: table(hostFailure), guest: table(guestFailure), app: table(appCrash),
    retire: table(scheduledRetirement), running: table(instanceRunning), stopped: table(instanceStopped),
    terminated: table(instanceTerminated), recover: table(autoRecover),
  };

  const initialInstances: Instance[] = [];
  for (let i = 0; i < slots; i++) initialInstances.push(i < initialAzs.length ? instance('running', initialAzs[i], true, true, true, true, 0) : FREE);
  const initial = ec2State(initialInstances, 0);

  /** `slice` with slot `i` replaced by `x`; `fault` counts one fault against the budget. */
  function put(slice: Ec2State, i: number, x: Instance, fault: boolean): Ec2State {
    if (x === slice.instances[i] && !(fault && counting)) return slice;
    const instances = slice.instances.slice();
    instances[i] = x;
    return ec2State(instances, fault && counting ? slice.faultsUsed + 1 : slice.faultsUsed);
  }
  /** `x` leaving service (stop or terminate begins): instance store lost, timer cleared. */
  function leaving(x: Instance, state: InstanceState): Instance {
    return instance(state, x.az, x.systemOk, x.instanceOk, x.appUp, false, 0);
  }
  function terminate(slice: Ec2State, i: number): Ec2State {
    const x = slice.instances[i];
    if (x.state === 'none' || x.state === 'shutting-down' || x.state === 'terminated') return slice;
    return put(slice, i, leaving(x, 'shutting-down'), false);
  }

  function reduce(slice: Ec2State, a: Ec2Subscribed): Ec2State {
    switch (a.type) {
      case 'LaunchInstance':
      case 'AsgLaunch':
        return put(slice, a.instance, launched[a.az], false);
      case 'StartInstance':
        return put(slice, a.instance, started[slice.instances[a.instance].az], false);
      case 'StopInstance':
        return put(slice, a.instance, leaving(slice.instances[a.instance], 'stopping'), false);
      case 'RebootInstance': {
        const x = slice.instances[a.instance];
        return put(slice, a.instance, instance(x.state, x.az, x.systemOk, true, true, x.storeData, x.timer), false);
      }
      case 'TerminateInstance':
      case 'AsgTerminate':
        return terminate(slice, a.instance);
      case 'OsShutdown':
        return put(slice, a.instance, leaving(slice.instances[a.instance], shutdownState), false);
      case 'HostFailure': {
        const x = slice.instances[a.instance];
        return put(slice, a.instance, instance(x.state, x.az, false, x.instanceOk, x.appUp, false, recoveryTicks), true);
      }
      case 'GuestFailure': {
        const x = slice.instances[a.instance];
        return put(slice, a.instance, instance(x.state, x.az, x.systemOk, false, x.appUp, x.storeData, x.timer), true);
      }
      case 'AppCrash': {
        const x = slice.instances[a.instance];
        return put(slice, a.instance, instance(x.state, x.az, x.systemOk, x.instanceOk, false, x.storeData, x.timer), true);
      }
      case 'ScheduledRetirement':
        return put(slice, a.instance, leaving(slice.instances[a.instance], retireState), true);
      case 'InstanceRunning': {
        const x = slice.instances[a.instance];
        return put(slice, a.instance, instance('running', x.az, x.systemOk, x.instanceOk, x.appUp, x.storeData, 0), false);
      }
      case 'InstanceStopped':
        return put(slice, a.instance, stoppedIn[slice.instances[a.instance].az], false);
      case 'InstanceTerminated':
        return put(slice, a.instance, TERMINATED, false);
      case 'AutoRecover': {
        // Looks like an unplanned reboot on a new host: OS and app restart; the store stays lost.
        const x = slice.instances[a.instance];
        return put(slice, a.instance, instance('running', x.az, true, true, true, x.storeData, 0), false);
      }
      case 'AzOutage': {
        // Power and network loss in the zone: whatever instance store data was there is gone.
        let next: Instance[] | undefined;
        const ins = slice.instances;
        for (let i = 0; i < slots; i++) {
          const x = ins[i];
          if (x.az === a.az && x.storeData && holdsCapacityState(x.state)) {
            next ??= ins.slice();
            next[i] = instance(x.state, x.az, x.systemOk, x.instanceOk, x.appUp, false, x.timer);
          }
        }
        return next === undefined ? slice : ec2State(next, slice.faultsUsed);
      }
      case 'Tick': {
        // Timers run only while pending (boot) or running on a failed host (recovery delay).
        let next: Instance[] | undefined;
        const ins = slice.instances;
        for (let i = 0; i < slots; i++) {
          const x = ins[i];
          if (x.timer > 0) {
            next ??= ins.slice();
            next[i] = instance(x.state, x.az, x.systemOk, x.instanceOk, x.appUp, x.storeData, x.timer - 1);
          }
        }
        return next === undefined ? slice : ec2State(next, slice.faultsUsed);
      }
      default:
        return assertNever(a);
    }
  }

  function actions(world: World, out: Ec2Action[]): void {
    const slice = world[EC2] as Ec2State;
    const ins = slice.instances;
    const faultsLeft = !counting || slice.faultsUsed < budget;
    if (opLaunch) {
      const free = firstFreeSlot(world, manualFirstSlot, slots - manualFirstSlot);
      if (free >= 0) for (let z = 0; z < azs; z++) if (launchAdmitted(world, z)) out.push(launchOps[free * azs + z]);
    }
    for (let i = 0; i < slots; i++) {
      const x = ins[i];
      switch (x.state) {
        case 'pending':
          if (opTerminate) out.push(A.terminate[i]);
          if (x.timer === 0) out.push(A.running[i]);
          break;
        case 'running':
          if (opStop) out.push(A.stop[i]);
          if (opReboot && !(x.instanceOk && x.appUp)) out.push(A.reboot[i]);
          if (opTerminate) out.push(A.terminate[i]);
          if (opShutdown) out.push(A.shutdown[i]);
          if (faultsLeft) {
            if (fHost && x.systemOk) out.push(A.host[i]);
            if (fGuest && x.instanceOk) out.push(A.guest[i]);
            if (fApp && x.appUp) out.push(A.app[i]);
            if (fRetire) out.push(A.retire[i]);
          }
          if (recovers && !x.systemOk && x.timer === 0 && azUp(world, x.az) && spareHostFor(world, x.az, occupiedInAz(world, x.az))) {
            out.push(A.recover[i]);
          }
          break;
        case 'stopping':
          if (opTerminate) out.push(A.terminate[i]);
          out.push(A.stopped[i]);
          break;
        case 'stopped':
          if (opStart && launchAdmitted(world, x.az)) out.push(A.start[i]);
          if (opTerminate) out.push(A.terminate[i]);
          break;
        case 'shutting-down':
          out.push(A.terminated[i]);
          break;
        case 'none':
        case 'terminated':
          break;
        default:
          assertNever(x.state);
      }
    }
  }

  function ticking(slice: Ec2State): boolean {
    const ins = slice.instances;
    for (let i = 0; i < slots; i++) if (ins[i].timer > 0) return true;
    return false;
  }

  const subscribes: string[] = [...EC2_OPS, ...EC2_FAULTS, ...EC2_CONTROLS, 'AzOutage'];
  if (maxTimer > 0) subscribes.push('Tick');
  if (autoScaling) subscribes.push('AsgLaunch', 'AsgTerminate');

  const parameters: ParameterInfo[] = [
    { name: 'slots', default: 3, unit: 'count', range: [1, 32], description: 'instance slots (instances are named by slot)' },
    { name: 'azs', default: 2, unit: 'count', range: [1, 16] },
    { name: 'tickSeconds', default: 60, unit: 's', range: [1, 86_400] },
    { name: 'rootDevice', default: 'ebs', unit: 'enum', range: ['ebs', 'instance-store'], description: 'launch template root device' },
    { name: 'shutdownBehavior', default: 'stop', unit: 'enum', range: ['stop', 'terminate'] },
    { name: 'autoRecovery', default: true, unit: 'bool', range: ['true', 'false'], description: 'simplified automatic recovery (EBS-backed only)' },
    { name: 'bootSeconds', default: 60, unit: 's', range: [0, 3_600], description: 'pending -> running (not published)' },
    { name: 'autoRecoverySeconds', default: 120, unit: 's', range: [0, 3_600], description: 'failed system check before recovery (not published)' },
    { name: 'faultBudget', default: 'unlimited', unit: 'count', range: [0, 64], description: 'ec2 faults per run' },
    { name: 'autoScaling', default: false, unit: 'bool', range: ['true', 'false'], description: 'reduce AsgLaunch / AsgTerminate' },
  ];

  return {
    name: EC2,
    schema: ec2Schema(slots, azs, maxTimer, budget),
    parameters,
    catalog: { op: EC2_OPS, fault: EC2_FAULTS, control: EC2_CONTROLS },
    subscribes,
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
    ticking,
  };
}
