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
 * A gray failure of the zone's EBS (az's `AzEbsStuck`) hangs an EBS-backed instance's
 * application (`isHealthy` false, `ebsStatusOk` false) while both status checks pass, and an
 * EBS-backed launch into that zone is not admitted (`launchAdmitted`); the launch template's
 * root device is kept in the slice (`rootDevice`, constant) for these reads.
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
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): `LaunchInstance` (RunInstances), `StartInstance`,
 * `StopInstance`, `RebootInstance` (the RebootInstances API), `TerminateInstance` and
 * `AutoRecover` (EC2 places the instance on a new host, as a launch does; conservative) are
 * control: "launching a new Amazon EC2 instance" is the whitepaper's first control-plane example
 * [CP1]. "The running EC2 instance itself" is data [CP1], and needs no control-plane API "to
 * stay running, or to start running again after a reboot" [Z4]: so are the lifecycle
 * completions (`InstanceRunning`, `InstanceStopped`, `InstanceTerminated`: work already
 * accepted), an in-guest `OsShutdown`, and the faults (events, not calls).
 *
 * Requires the `az` component in the composition (ec2 subscribes to `AzOutage`); with
 * `autoScaling: true` also asg (ec2 then subscribes to `AsgLaunch` and `AsgTerminate`).
 * Not modelled: RAM contents, hibernate, IP addresses (stop/start changes the public IPv4,
 * INV-EC2-3), Spot interruptions, force-stop.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { EC2_CONTROLS, EC2_FAULTS, EC2_OPS, type Ec2Action, type Ec2Subscribed } from './actions.js';
import { ec2Actions, ec2Ticking } from './enabled.js';
import { EC2_PARAMETERS, initialEc2, instanceGroups, resolveEc2Options, type Ec2Options, EC2_DEFAULT_TICK_SECONDS } from './options.js';
import { reduceEc2 } from './reduce.js';
import { packedEc2 } from './packed.js';
import { EC2, ec2Schema, type Ec2State } from './state.js';

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
  ebsStatusOk, ec2Slice, firstFreeSlot, healthyCount, holdsCapacity, holdsCapacityState, inAz, instanceAz, instanceState,
  instanceStoreIntact, isFree, isHealthy, isImpaired, isLaunched, isReachable, isRunning, launchAdmitted, occupiedInAz,
  statusChecksOk, systemStatusOk,
} from './reads.js';
export { NONE, PENDING, RUNNING, STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED, ec2PackedReads, type Ec2PackedReads } from './packed.js';
export { EC2, INSTANCE_STATES, ec2Schema, instanceSchema, type Ec2State, type Instance, type InstanceState } from './state.js';
export type { Ec2Options, RootDevice, ShutdownBehavior } from './options.js';

/** Each action's plane (see the module comment). */
const EC2_PLANES: Readonly<Record<Ec2Action['type'], Plane>> = {
  LaunchInstance: 'control', StartInstance: 'control', StopInstance: 'control', RebootInstance: 'control', TerminateInstance: 'control',
  OsShutdown: 'data', HostFailure: 'data', GuestFailure: 'data', AppCrash: 'data', ScheduledRetirement: 'data',
  InstanceRunning: 'data', InstanceStopped: 'data', InstanceTerminated: 'data', AutoRecover: 'control',
};

/**
 * The EC2 component.
 *
 * @example
 * const instances = ec2({ slots: 2, initial: [0, 1], rootDevice: 'instance-store', ops: ['LaunchInstance'] });
 */
export function ec2<const N extends string>(options: Ec2Options & InstanceOptions<N> & { readonly name: N }): Component<Ec2State, Ec2Subscribed, N>;
export function ec2(options?: Ec2Options & InstanceOptions<'ec2'>): Component<Ec2State, Ec2Subscribed, 'ec2'>;
export function ec2(options: Ec2Options & InstanceOptions = {}): Component<Ec2State, Ec2Subscribed, string> {
  return instance(ec2Component(ownOptions(options)), options);
}

/** The component under its kind's name; `ec2` makes it the instance its options name. */
function ec2Component(options: Ec2Options): Component<Ec2State, Ec2Subscribed, 'ec2'> {
  const c = resolveEc2Options(options);
  const initial = initialEc2(c);
  const subscribes: string[] = [...EC2_OPS, ...EC2_FAULTS, ...EC2_CONTROLS, 'AzOutage'];
  if (c.maxTimer > 0) subscribes.push('Tick');
  if (c.autoScaling) subscribes.push('AsgLaunch', 'AsgTerminate');

  return {
    name: EC2,
    schema: ec2Schema(c.slots, c.azs, c.maxTimer, c.budget, c.rootDevice, instanceGroups(c)),
    parameters: EC2_PARAMETERS,
    catalog: { op: EC2_OPS, fault: EC2_FAULTS, control: EC2_CONTROLS, plane: EC2_PLANES },
    subscribes,
    tickSeconds: options.tickSeconds ?? EC2_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => ec2({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => ec2Actions(c, world, out as Ec2Action[]),
    reduce: (s, a, world) => reduceEc2(c, s, a, world),
    ticking: (s) => ec2Ticking(c, s),
    packed: (layout) => packedEc2(c, layout),
  };
}
