/**
 * Elastic Load Balancing (aws-semantics §3): one load balancer with one target group of
 * instance targets (ec2 slots), one LB node per Availability Zone.
 *
 * The load balancer's view of each target is kept here, not ec2's truth: a target is
 * `unused` (not registered), `initial` (registered, no check passed yet), `healthy`,
 * `unhealthy`, `draining` (deregistered, finishing in-flight requests) or `launching` (launched
 * by the attached group, to be registered when it runs; below). Health checks are
 * control actions `TargetHealthCheck(i)`, one per target, read through `probe` (default ec2's
 * `isHealthy`), and failing whatever the probe says while the target's zone is cut off from
 * the load balancer (az's `AzLbUnreachable`, a gray failure: EC2's status checks still pass,
 * so only the LB and a group with ELB health checks see it; requests sent to such a target
 * fail, `servesRequests`): `U` consecutive failures make a target unhealthy, `H` consecutive passes make
 * it healthy again, one pass makes an `initial` target healthy [L1]. Consecutive checks of a
 * target are an interval apart (`timer`); a check whose result agrees with the view and has
 * no run in progress changes nothing and is not enabled, so the first check after a change
 * may come at once (the fast end of detection). So a dead target keeps getting requests
 * until `U` checks have failed (INV-ELB-2).
 *
 * Routing (`routesTo`): node `z` is up while its zone is up and it has not failed. It serves
 * the targets in its scope (every registered target with cross-zone on, else those in zone
 * `z`): the healthy ones; with no healthy one in its scope it leaves DNS, unless no node has
 * a healthy target, and then every node fails open to the unhealthy targets in its scope
 * (INV-ELB-1). `initial` and `draining` targets get no new requests.
 *
 * Reactions: `InstanceTerminated(i)` forgets target `i`; attached to an Auto Scaling group
 * (`attachedToAsg`), `AsgLaunch(i)` marks the new instance `launching` (not registered: no
 * checks, no requests), ec2's `InstanceRunning(i)` registers it (`initial`), as Auto Scaling
 * does when the instance enters InService ("Amazon EC2 Auto Scaling instance lifecycle",
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html;
 * "Use Elastic Load Balancing to distribute incoming application traffic in your Auto Scaling
 * group", https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-load-balancer.html),
 * and `AsgTerminate(i)` deregisters it (draining). A booting replacement so never fails its
 * checks: registered at launch, it would, and a group with ELB checks and no grace period
 * would replace every replacement (issue 12). ASG's ELB health check type reads `elbHealthy`.
 * Not modelled: per-node disagreement, check timeouts (fold them into the interval), DNS
 * caching (INV-ELB-6), NLB passive checks, minimum-healthy-target thresholds, the wait of an
 * ASG for draining before it terminates.
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): `RegisterTarget` and `DeregisterTarget` (the
 * RegisterTargets and DeregisterTargets APIs) and `LbNodeReplaced` (ELB provisions a new node;
 * conservative) are control. Routing, `TargetHealthCheck`, `TargetDrained` (the delay of a
 * deregistration already accepted) and `LbNodeFailure` are data: a load balancer already
 * provisioned keeps routing to its registered targets by their health checks while its control
 * plane is impaired [CP1][Z4] (the Builders' Library's statically stable load-balanced fleet,
 * aws-semantics §9 [Z5]). The group's `AsgLaunch`/`AsgTerminate` are asg's (control); its
 * registration of a new instance rides on ec2's `InstanceRunning` (data), so it is not gated.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { ELB_CONTROLS, ELB_FAULTS, ELB_OPS, type ElbAction, type ElbSubscribed } from './actions.js';
import { elbActions, elbTicking } from './enabled.js';
import { elbParameters, initialElb, resolveElbOptions, type ElbOptions, ELB_DEFAULT_TICK_SECONDS } from './options.js';
import { reduceElb } from './reduce.js';
import { servesHealthyTarget } from './reads.js';
import { EC2 } from '../ec2/index.js';
import { packedElb } from './packed.js';
import { ELB, elbSchema, type ElbState } from './state.js';

export {
  ELB_CONTROLS, ELB_FAULTS, ELB_OPS, deregisterTarget, lbNodeFailure, lbNodeReplaced, registerTarget, targetDrained, targetHealthCheck,
  type DeregisterTarget, type ElbAction, type ElbFaultType, type ElbOpType, type ElbSubscribed, type LbNodeFailure, type LbNodeReplaced,
  type RegisterTarget, type TargetDrained, type TargetHealthCheck,
} from './actions.js';
export {
  elbHealthy, evaluateTargetHealth, failingOpen, lbHealthy, nodeUp, onlyHealthyTargets, onlyHealthyTargetsAfterDetection, reachesTarget, routedMask, routedTargets,
  routesTo, servesHealthyTarget, servesRequests, servingCount, targetShare, targetState,
} from './reads.js';
export { ELB, TARGET_STATES, elbSchema, targetSchema, type ElbState, type LbType, type Target, type TargetState } from './state.js';
export type { ElbOptions } from './options.js';

/** Each action's plane (see the module comment). */
const ELB_PLANES: Readonly<Record<ElbAction['type'], Plane>> = {
  RegisterTarget: 'control', DeregisterTarget: 'control', TargetHealthCheck: 'data', TargetDrained: 'data', LbNodeFailure: 'data', LbNodeReplaced: 'control',
};

/**
 * The load balancer component.
 *
 * @example
 * const lb = elb({ registered: [0, 1], attachedToAsg: true, deregistrationDelaySeconds: 0 });
 * const group = asg({ min: 2, healthCheckType: 'ELB', elbHealthy });
 */
export function elb<const N extends string>(options: ElbOptions & InstanceOptions<N> & { readonly name: N }): Component<ElbState, ElbSubscribed, N>;
export function elb(options?: ElbOptions & InstanceOptions<'elb'>): Component<ElbState, ElbSubscribed, 'elb'>;
export function elb(options: ElbOptions & InstanceOptions = {}): Component<ElbState, ElbSubscribed, string> {
  return instance(elbComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `elb` makes it the instance its options name. */
function elbComponent(options: ElbOptions, ownProbe = options.probe !== undefined): Component<ElbState, ElbSubscribed, 'elb'> {
  const c = resolveElbOptions(options);
  const initial = initialElb(c);
  const subscribes: string[] = [...ELB_OPS, ...ELB_FAULTS, ...ELB_CONTROLS, 'InstanceTerminated', 'Tick'];
  if (c.attached) subscribes.push('AsgLaunch', 'InstanceRunning', 'AsgTerminate');
  return {
    name: ELB,
    // Target i is ec2's slot i, unless a probe of the caller's may tell slots apart (see elbSchema).
    schema: elbSchema(c.slots, c.azs, c.maxRun, c.maxTimer, !ownProbe, c.crossZone),
    parameters: elbParameters(c),
    catalog: { op: ELB_OPS, fault: ELB_FAULTS, control: ELB_CONTROLS, plane: ELB_PLANES },
    subscribes,
    tickSeconds: options.tickSeconds ?? ELB_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => elb({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => elbActions(c, world, out as ElbAction[]),
    reduce: (slice, a, world) => reduceElb(c, slice, a, world),
    ticking: (slice) => elbTicking(c, slice),
    packed: (layout) => packedElb(c, layout),
    // A load balancer answers while it routes a request to a target that serves it.
    available: (slice, world) => servesHealthyTarget(world),
    dependent: {
      tier: EC2,
      deep: c.deep,
      bind: (up) => elbComponent({ ...options, probe: (world, i) => c.probe(world, i) && up(world) }, ownProbe),
    },
  };
}
