/**
 * Elastic Load Balancing (aws-semantics §3): one load balancer with one target group of
 * instance targets (ec2 slots), one LB node per Availability Zone.
 *
 * The load balancer's view of each target is kept here, not ec2's truth: a target is
 * `unused` (not registered), `initial` (registered, no check passed yet), `healthy`,
 * `unhealthy` or `draining` (deregistered, finishing in-flight requests). Health checks are
 * control actions `TargetHealthCheck(i)`, one per target, read through `probe` (default ec2's
 * `isHealthy`): `U` consecutive failures make a target unhealthy, `H` consecutive passes make
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
 * (`attachedToAsg`), `AsgLaunch(i)` registers the new instance and `AsgTerminate(i)`
 * deregisters it (draining). ASG's ELB health check type reads `elbHealthy`.
 * Not modelled: per-node disagreement, check timeouts (fold them into the interval), DNS
 * caching (INV-ELB-6), NLB passive checks, minimum-healthy-target thresholds, the wait of an
 * ASG for draining before it terminates.
 */
import { azUp } from '../az/index.js';
import { ticksFor, type Component, type ParameterInfo, type World } from '../../compose/component.js';
import { isHealthy, isRunning } from '../ec2/index.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';
import {
  ELB_CONTROLS, ELB_FAULTS, ELB_OPS, deregisterTarget, lbNodeFailure, lbNodeReplaced, registerTarget, targetDrained, targetHealthCheck,
  type ElbAction, type ElbFaultType, type ElbOpType, type ElbSubscribed,
} from './actions.js';
import { ELB, nodeUp } from './reads.js';

export {
  ELB_CONTROLS, ELB_FAULTS, ELB_OPS, deregisterTarget, lbNodeFailure, lbNodeReplaced, registerTarget, targetDrained, targetHealthCheck,
  type DeregisterTarget, type ElbAction, type ElbFaultType, type ElbOpType, type ElbSubscribed, type LbNodeFailure, type LbNodeReplaced,
  type RegisterTarget, type TargetDrained, type TargetHealthCheck,
} from './actions.js';
export {
  ELB, elbHealthy, failingOpen, lbHealthy, nodeUp, onlyHealthyTargets, onlyHealthyTargetsAfterDetection, routedMask, routedTargets,
  routesTo, servesHealthyTarget, targetShare, targetState,
} from './reads.js';

/** The load balancer's view of one target (ALB target health states). */
export const TARGET_STATES = ['unused', 'initial', 'healthy', 'unhealthy', 'draining'] as const;
export type TargetState = (typeof TARGET_STATES)[number];
/** Load balancer types: they differ in default thresholds and cross-zone setting. */
export type LbType = 'ALB' | 'NLB' | 'CLB';

/** A target: its view, the run of consecutive checks contrary to the view, and its countdown (next check or drain). */
export function targetSchema(maxRun: number, maxTimer: number) {
  return t.record('Target', { state: t.enumOf(TARGET_STATES), run: t.int(0, maxRun), timer: t.int(0, maxTimer) });
}
export type Target = Infer<ReturnType<typeof targetSchema>>;
/** The elb slice: targets by ec2 slot, LB node status per zone, and the cross-zone setting. */
export function elbSchema(slots: number, azs: number, maxRun: number, maxTimer: number) {
  return t.record('ElbState', { targets: t.array(targetSchema(maxRun, maxTimer), slots), nodeUp: t.array(t.bool(), azs), crossZone: t.bool() });
}
export type ElbState = Infer<ReturnType<typeof elbSchema>>;

// ---- The component -------------------------------------------------------------------

/** Parameters of the elb component (times in seconds; defaults per `type` [L1][L3][L4]). */
export interface ElbOptions {
  /** Default `ALB`: thresholds 5/2 (CLB 10/2), cross-zone on (NLB, CLB: off). */
  readonly type?: LbType;
  /** Target slots: must equal ec2's slots; default 3. */
  readonly slots?: number;
  /** Zones, one LB node each (must match az); default 2. */
  readonly azs?: number;
  /** Seconds per `Tick`; default 60. */
  readonly tickSeconds?: number;
  /** Health check interval; default 30 (5..300). */
  readonly intervalSeconds?: number;
  /** Consecutive passes to become healthy; default 5 (CLB 10), 2..10. */
  readonly healthyThreshold?: number;
  /** Consecutive failures to become unhealthy; default 2, 2..10. */
  readonly unhealthyThreshold?: number;
  /** Draining time after deregistration; default 300 (0..3600). */
  readonly deregistrationDelaySeconds?: number;
  /** Cross-zone load balancing; default per type. */
  readonly crossZone?: boolean;
  /** Slots registered (and healthy) at the start; default none. */
  readonly registered?: readonly number[];
  /** The target group is attached to the ASG: its launches register, its terminations deregister; default false. */
  readonly attachedToAsg?: boolean;
  /** Operator actions enabled; default none. */
  readonly ops?: readonly ElbOpType[];
  /** Faults enabled; default all (`LbNodeFailure`). */
  readonly faults?: readonly ElbFaultType[];
  /** What a health check of `i` sees; default ec2's `isHealthy` (a deep check can add a dependency, INV-ELB-4). */
  readonly probe?: (world: World, i: number) => boolean;
}

/** The single factory of target records. */
function target(state: TargetState, run: number, timer: number): Target {
  return { state, run, timer };
}
/** The single factory of elb slices. */
function elbState(targets: readonly Target[], nodeUp: readonly boolean[], crossZone: boolean): ElbState {
  return { targets, nodeUp, crossZone };
}

/**
 * The load balancer component.
 *
 * @example
 * const lb = elb({ registered: [0, 1], attachedToAsg: true, deregistrationDelaySeconds: 0 });
 * const group = asg({ min: 2, healthCheckType: 'ELB', elbHealthy });
 */
export function elb(options: ElbOptions = {}): Component<ElbState, ElbSubscribed> {
  const type = options.type ?? 'ALB';
  const slots = options.slots ?? 3;
  const azs = options.azs ?? 2;
  const tickSeconds = options.tickSeconds ?? 60;
  const intervalSeconds = options.intervalSeconds ?? 30;
  const H = options.healthyThreshold ?? (type === 'CLB' ? 10 : 5);
  const U = options.unhealthyThreshold ?? 2;
  const delaySeconds = options.deregistrationDelaySeconds ?? 300;
  const crossZone = options.crossZone ?? type === 'ALB';
  const registered = options.registered ?? [];
  const attached = options.attachedToAsg ?? false;
  const ops: readonly string[] = options.ops ?? [];
  const faults: readonly string[] = options.faults ?? ELB_FAULTS;
  const probe = options.probe ?? isHealthy;
  if (!Number.isInteger(slots) || slots < 1 || slots > 32) throw new Error(`elb: slots must be an integer in 1..32, got ${slots}`);
  if (!Number.isInteger(azs) || azs < 1 || azs > 16) throw new Error(`elb: azs must be an integer in 1..16, got ${azs}`);
  if (!(intervalSeconds >= 5 && intervalSeconds <= 300)) throw new Error(`elb: intervalSeconds must be in 5..300, got ${intervalSeconds}`);
  for (const [n, v] of [['healthyThreshold', H], ['unhealthyThreshold', U]] as const) {
    if (!Number.isInteger(v) || v < 2 || v > 10) throw new Error(`elb: ${n} must be an integer in 2..10, got ${v}`);
  }
  if (!(delaySeconds >= 0 && delaySeconds <= 3600)) throw new Error(`elb: deregistrationDelaySeconds must be in 0..3600, got ${delaySeconds}`);
  for (const i of registered) if (!Number.isInteger(i) || i < 0 || i >= slots) throw new Error(`elb: registered slot ${i} is outside 0..${slots - 1}`);
  for (const o of ops) if (!(ELB_OPS as readonly string[]).includes(o)) throw new Error(`elb: unknown op ${o}`);
  for (const f of faults) if (!(ELB_FAULTS as readonly string[]).includes(f)) throw new Error(`elb: unknown fault ${f}`);

  const intervalTicks = ticksFor(intervalSeconds, tickSeconds);
  const drainTicks = ticksFor(delaySeconds, tickSeconds);
  const maxRun = Math.max(H, U) - 1;
  const maxTimer = Math.max(intervalTicks, drainTicks);
  const opRegister = ops.includes('RegisterTarget');
  const opDeregister = ops.includes('DeregisterTarget');
  const fNode = faults.includes('LbNodeFailure');

  const UNUSED = target('unused', 0, 0);
  const INITIAL = target('initial', 0, 0);
  const HEALTHY = target('healthy', 0, 0);
  const DRAINING = target('draining', 0, drainTicks);
  const left = drainTicks > 0 ? DRAINING : UNUSED; // what deregistration leaves
  const table = <A>(n: number, make: (i: number) => A): A[] => Array.from({ length: n }, (_, i) => make(i));
  const A = {
    register: table(slots, registerTarget), deregister: table(slots, deregisterTarget), check: table(slots, targetHealthCheck),
    drained: table(slots, targetDrained), nodeFail: table(azs, lbNodeFailure), nodeBack: table(azs, lbNodeReplaced),
  };
  const initialTargets: Target[] = [];
  for (let i = 0; i < slots; i++) initialTargets.push(registered.includes(i) ? HEALTHY : UNUSED);
  const allUp: boolean[] = [];
  for (let z = 0; z < azs; z++) allUp.push(true);
  const initial = elbState(initialTargets, allUp, crossZone);

  function put(slice: ElbState, i: number, x: Target): ElbState {
    if (i >= slots || slice.targets[i] === x) return slice;
    const targets = slice.targets.slice();
    targets[i] = x;
    return elbState(targets, slice.nodeUp, slice.crossZone);
  }
  function setNode(slice: ElbState, z: number, up: boolean): ElbState {
    const nodes = slice.nodeUp.slice();
    nodes[z] = up;
    return elbState(slice.targets, nodes, slice.crossZone);
  }
  function isRegistered(s: TargetState): boolean {
    return s === 'initial' || s === 'healthy' || s === 'unhealthy';
  }
  /** The view after one check with result `ok`; the next check is an interval away. */
  function afterCheck(x: Target, ok: boolean): Target {
    switch (x.state) {
      case 'initial':
        if (ok) return target('healthy', 0, intervalTicks);
        return x.run + 1 >= U ? target('unhealthy', 0, intervalTicks) : target('initial', x.run + 1, intervalTicks);
      case 'healthy':
        if (ok) return target('healthy', 0, intervalTicks);
        return x.run + 1 >= U ? target('unhealthy', 0, intervalTicks) : target('healthy', x.run + 1, intervalTicks);
      case 'unhealthy':
        if (!ok) return target('unhealthy', 0, intervalTicks);
        return x.run + 1 >= H ? target('healthy', 0, intervalTicks) : target('unhealthy', x.run + 1, intervalTicks);
      case 'unused':
      case 'draining':
        return x;
      default:
        return assertNever(x.state);
    }
  }

  function reduce(slice: ElbState, a: ElbSubscribed, world: World): ElbState {
    switch (a.type) {
      case 'RegisterTarget':
      case 'AsgLaunch':
        return put(slice, a.instance, INITIAL);
      case 'DeregisterTarget':
      case 'AsgTerminate':
        return a.instance < slots && isRegistered(slice.targets[a.instance].state) ? put(slice, a.instance, left) : slice;
      case 'TargetHealthCheck':
        return put(slice, a.instance, afterCheck(slice.targets[a.instance], probe(world, a.instance)));
      case 'TargetDrained':
      case 'InstanceTerminated':
        return put(slice, a.instance, UNUSED);
      case 'LbNodeFailure':
        return setNode(slice, a.az, false);
      case 'LbNodeReplaced':
        return setNode(slice, a.az, true);
      case 'Tick': {
        let next: Target[] | undefined;
        const ts = slice.targets;
        for (let i = 0; i < slots; i++) {
          const x = ts[i];
          if (x.timer > 0) {
            next ??= ts.slice();
            next[i] = target(x.state, x.run, x.timer - 1);
          }
        }
        return next === undefined ? slice : elbState(next, slice.nodeUp, slice.crossZone);
      }
      default:
        return assertNever(a);
    }
  }

  function actions(world: World, out: ElbAction[]): void {
    const lb = world[ELB] as ElbState;
    const ts = lb.targets;
    let checking = false; // health checks need a live node
    for (let z = 0; z < azs; z++) if (nodeUp(world, z)) checking = true;
    for (let i = 0; i < slots; i++) {
      const x = ts[i];
      switch (x.state) {
        case 'unused':
          if (opRegister && isRunning(world, i)) out.push(A.register[i]);
          break;
        case 'initial':
        case 'healthy':
        case 'unhealthy':
          if (checking && x.timer === 0) {
            // A check that agrees with the view and ends no run changes nothing: not an action.
            const ok = probe(world, i);
            if (x.state === 'initial' || x.run > 0 || ok !== (x.state === 'healthy')) out.push(A.check[i]);
          }
          if (opDeregister) out.push(A.deregister[i]);
          break;
        case 'draining':
          if (x.timer === 0) out.push(A.drained[i]);
          break;
        default:
          assertNever(x.state);
      }
    }
    for (let z = 0; z < azs; z++) {
      if (!azUp(world, z)) continue;
      if (lb.nodeUp[z]) {
        if (fNode) out.push(A.nodeFail[z]);
      } else out.push(A.nodeBack[z]);
    }
  }

  function ticking(slice: ElbState): boolean {
    const ts = slice.targets;
    for (let i = 0; i < slots; i++) if (ts[i].timer > 0) return true;
    return false;
  }

  const subscribes: string[] = [...ELB_OPS, ...ELB_FAULTS, ...ELB_CONTROLS, 'InstanceTerminated', 'Tick'];
  if (attached) subscribes.push('AsgLaunch', 'AsgTerminate');

  const parameters: ParameterInfo[] = [
    { name: 'type', default: 'ALB', unit: 'enum', range: ['ALB', 'NLB', 'CLB'] },
    { name: 'slots', default: 3, unit: 'count', range: [1, 32], description: 'target slots (= ec2 slots)' },
    { name: 'azs', default: 2, unit: 'count', range: [1, 16], description: 'one LB node per zone' },
    { name: 'tickSeconds', default: 60, unit: 's', range: [1, 86_400] },
    { name: 'intervalSeconds', default: 30, unit: 's', range: [5, 300], description: 'health check interval' },
    { name: 'healthyThreshold', default: type === 'CLB' ? 10 : 5, unit: 'count', range: [2, 10] },
    { name: 'unhealthyThreshold', default: 2, unit: 'count', range: [2, 10] },
    { name: 'deregistrationDelaySeconds', default: 300, unit: 's', range: [0, 3_600], description: 'draining time' },
    { name: 'crossZone', default: type === 'ALB', unit: 'bool', range: ['true', 'false'], description: 'ALB on; NLB and CLB (API) off' },
    { name: 'attachedToAsg', default: false, unit: 'bool', range: ['true', 'false'], description: 'ASG launches register, terminations deregister' },
  ];

  return {
    name: ELB,
    schema: elbSchema(slots, azs, maxRun, maxTimer),
    parameters,
    catalog: { op: ELB_OPS, fault: ELB_FAULTS, control: ELB_CONTROLS },
    subscribes,
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
    ticking,
  };
}
