/**
 * An EC2 Auto Scaling group (aws-semantics §2) over a range of ec2 slots.
 *
 * Every instance in slots `firstSlot .. firstSlot+slots-1` is the group's: members are those
 * pending, running, stopping or stopped; a shutting-down one is leaving. The group keeps
 * `desired` members, as one sequential controller: one kind of control activity is enabled
 * in a state, chosen in this order (where several members qualify, AWS does not say which goes
 * first, so each is an enabled action: the model never picks by slot order):
 * 1. `AsgMarkUnhealthy(i)`: a member is not running (stopping/stopped: at once), or, after
 *    the grace period, a status check has been impaired for `impairedWaitSeconds` (a
 *    `[lo, hi]` range: marking is enabled from lo, and time may run on to hi), or (health
 *    check type ELB) the load balancer reports it unhealthy. Unhealthy is sticky.
 * 2. `AsgTerminate(i)` of an unhealthy member: at once under `terminate-first` (AWS's default
 *    order), once `desired` members serve again under `launch-first` (or when the group has no
 *    free slot left for a replacement it still needs: a limit of the model's fixed slots).
 * 3. `AsgLaunch(i, az)`: into the lowest free slot, in a zone with the fewest members (each
 *    of them where zones tie); `balanced-best-effort` falls back to the zones that admit a
 *    launch, `balanced-only` retries the fewest zone (INV-ASG-7), and where the fewest zones
 *    tie it launches nowhere while one of them cannot (AWS may have picked that one). A launch the zone cannot admit
 *    (down, or no capacity: ec2's `launchAdmitted`) is simply not enabled.
 * 4. `AsgTerminate(i)` of a member due for replacement (instance refresh, max lifetime):
 *    `terminate-first` one at a time once all members serve; `launch-first` only while
 *    `desired` others still serve (a launch first raises the group by one).
 * 5. `AsgTerminate(i)` of an extra member (after a rebalancing launch), from the zone with
 *    the most members, while `desired` others serve.
 * 6. `AsgLaunch(i, az)` to rebalance: when zones differ by more than one member (an AZ came
 *    back), launch first into an emptiest zone (the group goes one over desired), and 5
 *    then terminates a healthy instance elsewhere (INV-ASG-6).
 *
 * Cross-component actions: `AsgLaunch { instance, az }` and `AsgTerminate { instance }`
 * (kind control, defined in ec2's actions.ts, exported by its index.ts and re-exported here) are
 * what ec2 reduces (`ec2({ autoScaling: true })`) and what ebs, eip and elb may subscribe
 * to; a terminated member always ends with ec2's `InstanceTerminated`.
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): `AsgLaunch` and `AsgTerminate` (the group calls
 * RunInstances and TerminateInstances for the account), `StartInstanceRefresh`,
 * `SuspendProcesses` and `ResumeProcesses` (Auto Scaling APIs) are control [CP1]: replacement
 * depends on launches succeeding (INV-ASG-8). `AsgMarkUnhealthy` (the group's health check: it
 * watches, and creates or changes no resource) is data.
 *
 * ELB health: with `healthCheckType: 'ELB'`, the group reads `elbHealthy(world, instance)`
 * (option), which the elb component should export (its target-health view); the default is
 * ec2's `isHealthy` (an ideal load balancer that sees the application at once). A member
 * enters InService at ec2's `InstanceRunning`: its grace period starts then, and an attached
 * load balancer (`elb({ attachedToAsg: true })`) registers it then, not at `AsgLaunch`
 * ("Amazon EC2 Auto Scaling instance lifecycle",
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html), so a
 * booting replacement is never reported unhealthy. Gray zone failures (az's `AzEbsStuck`,
 * `AzLbUnreachable`) pass the EC2 status checks: only the ELB health check type sees them,
 * and placement by member count may put a replacement back into the impaired zone (a launch
 * there is refused only while the zone's EBS is stuck, for EBS-backed instances).
 *
 * Not modelled: scaling policies and cooldowns, lifecycle hooks, standby, warm pools,
 * scale-in protection, suspended processes, Spot capacity rebalancing, the EBS and VPC Lattice
 * health check types, zonal shift (moving launches away from an impaired zone).
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane, World } from '../../compose/component.js';
import type { Schema } from '../../core/schema.js';
import type { AsgAction, AsgSubscribed } from './actions.js';
import { asgActions, asgTicking, markMayWait } from './enabled.js';
import { ASG_PARAMETERS, initialAsg, resolveAsgOptions, type AsgConfig, type AsgOptions, ASG_DEFAULT_TICK_SECONDS } from './options.js';
import { packedAsg } from './packed.js';
import { reduceAsg } from './reduce.js';
import { ASG, asgSchema, type AsgState } from './state.js';
import { EC2, isHealthy, type Ec2State } from '../ec2/index.js';
import { ELB, elbHealthy, type ElbState } from '../elb/index.js';

export { asgLaunch, asgTerminate, type AsgLaunch, type AsgTerminate } from '../ec2/index.js';
export {
  asgMarkUnhealthy, resumeProcesses, startInstanceRefresh, suspendProcesses,
  type AsgAction, type AsgMarkUnhealthy, type AsgSubscribed, type ResumeProcesses, type StartInstanceRefresh, type SuspendProcesses,
} from './actions.js';
export { ASG, asgMemberSchema, asgSchema, type AsgMember, type AsgState } from './state.js';
export type { AsgOptions, AzStrategy, HealthCheckType, MaintenancePolicy } from './options.js';

/** Each action's plane (see the module comment). */
const ASG_PLANES: Readonly<Record<AsgAction['type'], Plane>> = {
  StartInstanceRefresh: 'control', SuspendProcesses: 'control', ResumeProcesses: 'control', AsgLaunch: 'control', AsgTerminate: 'control',
  AsgMarkUnhealthy: 'data',
};

/**
 * The Auto Scaling group component; compose it with `ec2({ autoScaling: true })`.
 *
 * @example
 * const group = asg({ min: 2, healthCheckType: 'ELB', gracePeriodSeconds: 0, maintenancePolicy: 'launch-first' });
 */
export function asg<const N extends string>(options: AsgOptions & InstanceOptions<N> & { readonly name: N }): Component<AsgState, AsgSubscribed, N>;
export function asg(options?: AsgOptions & InstanceOptions<'asg'>): Component<AsgState, AsgSubscribed, 'asg'>;
export function asg(options: AsgOptions & InstanceOptions = {}): Component<AsgState, AsgSubscribed, string> {
  return instance(asgComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `asg` makes it the instance its options name. */
function asgComponent(options: AsgOptions): Component<AsgState, AsgSubscribed, 'asg'> {
  const c = resolveAsgOptions(options);
  const initial = initialAsg(c);
  const libraryHealth = !c.elbType || c.elbHealthy === isHealthy || c.elbHealthy === elbHealthy;

  return {
    name: ASG,
    // Member k is ec2's slot k only from slot 0; a health view of the caller's own may name slots or zones.
    schema: asgSchema(c.slots, c.graceTicks, c.hiTicks, c.lifeTicks, c.first === 0 && libraryHealth, c.suspendFaults),
    // The group holds no zone and breaks no tie between zones by index (see pushPlacements).
    ...(libraryHealth ? { symmetricIn: [{ set: 'az.zones', length: c.azs }] } : {}),
    parameters: ASG_PARAMETERS,
    catalog: {
      op: ['StartInstanceRefresh'], fault: ['SuspendProcesses', 'ResumeProcesses'], control: ['AsgLaunch', 'AsgTerminate', 'AsgMarkUnhealthy'], plane: ASG_PLANES,
    },
    subscribes: ['AsgMarkUnhealthy', 'StartInstanceRefresh', 'SuspendProcesses', 'ResumeProcesses', 'InstanceRunning', 'InstanceTerminated', 'Tick'],
    tickSeconds: options.tickSeconds ?? ASG_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => asg({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => asgActions(c, world, out as AsgAction[]),
    reduce: (s, a, world) => reduceAsg(c, s, a, world),
    ticking: (s, world) => asgTicking(c, s, world),
    // An impaired instance is marked after "a few minutes" ([lo, hi]): until hi the mark may wait.
    mayDefer: (s, a, world) => a.type === 'AsgMarkUnhealthy' && markMayWait(c, s, world, a.instance),
    packed: (layout) => packedAsg(c, layout),
    requires: (world, schema) => asgRequires(c, world, schema),
  };
}

/**
 * What the group needs of ec2 and of an attached balancer in `world` (compose asks once): ec2's
 * slots `first..first + slots - 1`, ec2's zones for every zone it launches into (read from the
 * world's schema: an instance's `az` ranges over ec2's zones), and a target for each slot where
 * the ELB health check is the library's `elbHealthy`. A component it reads that is absent is the
 * read guard's to name.
 */
function asgRequires(c: AsgConfig, world: World, schema: Schema<World> | undefined): string | undefined {
  const end = c.first + c.slots;
  const instances = (world[EC2] as Ec2State | undefined)?.instances;
  if (instances !== undefined && instances.length < end) return `uses ec2 slots ${c.first}..${end - 1}, but ec2 has ${instances.length} (give ec2 slots: ${end}, or the group fewer slots)`;
  const zones = ec2Zones(schema);
  if (zones !== undefined && c.azs > zones) {
    return `launches into zones 0..${c.azs - 1}, but ec2 has ${zones} zone${zones === 1 ? '' : 's'} (give ec2 azs: ${c.azs}, or asg azs: ${zones})`;
  }
  const targets = (world[ELB] as ElbState | undefined)?.targets;
  if (c.elbType && c.elbHealthy === elbHealthy && targets !== undefined && targets.length < end) {
    return `checks the ELB health of ec2 slots up to ${end - 1}, but elb has ${targets.length} target${targets.length === 1 ? '' : 's'} (give elb slots: ${end})`;
  }
  return undefined;
}

/** How many zones ec2's instances can be in: one past the top of `ec2.instances[].az`'s range in the world's schema (undefined without it). */
function ec2Zones(schema: Schema<World> | undefined): number | undefined {
  type Node = { readonly tag: string; readonly hi?: number; readonly item?: Node; readonly fields?: Readonly<Record<string, Node>> };
  const node = schema as unknown as Node | undefined;
  const slice = node?.fields !== undefined && Object.hasOwn(node.fields, EC2) ? node.fields[EC2] : undefined;
  const az = slice?.fields?.instances?.item?.fields?.az;
  return az?.tag === 'int' && az.hi !== undefined ? az.hi + 1 : undefined;
}
