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
import { azUp } from './az.js';
import { ticksFor, type Component, type ParameterInfo, type World } from './component.js';
import type { Tick } from './compose.js';
import { EC2, isHealthy, isRunning, type AsgLaunch, type AsgTerminate, type Ec2State, type InstanceTerminated } from './ec2.js';
import { assertNever } from './model.js';
import { t, type Infer } from './schema.js';

/** The elb component's name: its slice is `world.elb`. */
export const ELB = 'elb';

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

interface OnTarget<T extends string, K extends 'op' | 'control'> {
  readonly type: T;
  readonly kind: K;
  readonly instance: number;
}
/** An operator registers running instance `instance` as a target (-> initial). */
export type RegisterTarget = OnTarget<'RegisterTarget', 'op'>;
/** An operator deregisters a target (-> draining for the deregistration delay). */
export type DeregisterTarget = OnTarget<'DeregisterTarget', 'op'>;
/** The LB health-checks a target and updates its view. */
export type TargetHealthCheck = OnTarget<'TargetHealthCheck', 'control'>;
/** The deregistration delay ran out: the target is no longer registered. */
export type TargetDrained = OnTarget<'TargetDrained', 'control'>;
/** The LB node in zone `az` fails: clients resolving to it fail until it is replaced. */
export interface LbNodeFailure {
  readonly type: 'LbNodeFailure';
  readonly kind: 'fault';
  readonly az: number;
}
/** AWS replaces the failed LB node in zone `az` (needs the zone up). */
export interface LbNodeReplaced {
  readonly type: 'LbNodeReplaced';
  readonly kind: 'control';
  readonly az: number;
}
export type ElbAction = RegisterTarget | DeregisterTarget | TargetHealthCheck | TargetDrained | LbNodeFailure | LbNodeReplaced;
/** Every action elb reduces. */
export type ElbSubscribed = ElbAction | InstanceTerminated | AsgLaunch | AsgTerminate | Tick;

export const ELB_OPS = ['RegisterTarget', 'DeregisterTarget'] as const;
export const ELB_FAULTS = ['LbNodeFailure'] as const;
export const ELB_CONTROLS = ['TargetHealthCheck', 'TargetDrained', 'LbNodeReplaced'] as const;
export type ElbOpType = (typeof ELB_OPS)[number];
export type ElbFaultType = (typeof ELB_FAULTS)[number];

export const registerTarget = (instance: number): RegisterTarget => ({ type: 'RegisterTarget', kind: 'op', instance });
export const deregisterTarget = (instance: number): DeregisterTarget => ({ type: 'DeregisterTarget', kind: 'op', instance });
export const targetHealthCheck = (instance: number): TargetHealthCheck => ({ type: 'TargetHealthCheck', kind: 'control', instance });
export const targetDrained = (instance: number): TargetDrained => ({ type: 'TargetDrained', kind: 'control', instance });
export const lbNodeFailure = (az: number): LbNodeFailure => ({ type: 'LbNodeFailure', kind: 'fault', az });
export const lbNodeReplaced = (az: number): LbNodeReplaced => ({ type: 'LbNodeReplaced', kind: 'control', az });

// ---- Reads (the whole world; `i` is an ec2 slot) ----------------------------------------

/** The load balancer's view of target `i`. */
export function targetState(world: World, i: number): TargetState {
  return (world[ELB] as ElbState).targets[i].state;
}
/** The load balancer currently sees target `i` as healthy. */
export function lbHealthy(world: World, i: number): boolean {
  return (world[ELB] as ElbState).targets[i].state === 'healthy';
}
/**
 * ASG's ELB health check: false only while the load balancer reports `i` unhealthy (an
 * `initial`, draining or unregistered target is not reported unhealthy). Pass it as
 * `asg({ healthCheckType: 'ELB', elbHealthy })`.
 */
export function elbHealthy(world: World, i: number): boolean {
  return (world[ELB] as ElbState).targets[i].state !== 'unhealthy';
}
/** LB node `z` serves: its zone is up and it has not failed. */
export function nodeUp(world: World, z: number): boolean {
  return (world[ELB] as ElbState).nodeUp[z] && azUp(world, z);
}
function inScope(world: World, lb: ElbState, i: number, z: number): boolean {
  return lb.crossZone || (world[EC2] as Ec2State).instances[i].az === z;
}
function healthyInScope(world: World, lb: ElbState, z: number): boolean {
  const ts = lb.targets;
  for (let i = 0; i < ts.length; i++) if (ts[i].state === 'healthy' && inScope(world, lb, i, z)) return true;
  return false;
}
/** Some up node has a healthy target in its scope (else every node fails open). */
function someNodeHealthy(world: World, lb: ElbState): boolean {
  for (let z = 0; z < lb.nodeUp.length; z++) if (nodeUp(world, z) && healthyInScope(world, lb, z)) return true;
  return false;
}
/** Node `z` sends new requests to target `i`; `anyHealthy` is `someNodeHealthy`. */
function nodeRoutes(world: World, lb: ElbState, z: number, i: number, anyHealthy: boolean): boolean {
  const s = lb.targets[i].state;
  if ((s !== 'healthy' && s !== 'unhealthy') || !nodeUp(world, z) || !inScope(world, lb, i, z)) return false;
  if (healthyInScope(world, lb, z)) return s === 'healthy';
  return !anyHealthy; // fail open
}
/** The load balancer sends new requests to instance `i` (through some node). */
export function routesTo(world: World, i: number): boolean {
  const lb = world[ELB] as ElbState;
  const anyHealthy = someNodeHealthy(world, lb);
  for (let z = 0; z < lb.nodeUp.length; z++) if (nodeRoutes(world, lb, z, i, anyHealthy)) return true;
  return false;
}
/** The routed targets as a bit mask (bit `i` for slot `i`). */
export function routedMask(world: World): number {
  const n = (world[ELB] as ElbState).targets.length;
  let mask = 0;
  for (let i = 0; i < n; i++) if (routesTo(world, i)) mask |= 1 << i;
  return mask;
}
/** The routed targets, in slot order (allocates: for reports and tests). */
export function routedTargets(world: World): number[] {
  const out: number[] = [];
  const n = (world[ELB] as ElbState).targets.length;
  for (let i = 0; i < n; i++) if (routesTo(world, i)) out.push(i);
  return out;
}
/** Some up node has no healthy target anywhere to use and routes to unhealthy ones (INV-ELB-1). */
export function failingOpen(world: World): boolean {
  const lb = world[ELB] as ElbState;
  if (someNodeHealthy(world, lb)) return false;
  for (let i = 0; i < lb.targets.length; i++) if (routesTo(world, i)) return true;
  return false;
}
/** OnlyHealthyTargets: every target that gets requests is really healthy (ec2's `isHealthy`). */
export function onlyHealthyTargets(world: World): boolean {
  const n = (world[ELB] as ElbState).targets.length;
  for (let i = 0; i < n; i++) if (routesTo(world, i) && !isHealthy(world, i)) return false;
  return true;
}
/**
 * OnlyHealthyTargetsAfterDetection: a target that gets requests is really healthy, or its
 * failure is not detected yet (the LB still sees it healthy). Fails only by failing open.
 */
export function onlyHealthyTargetsAfterDetection(world: World): boolean {
  const lb = world[ELB] as ElbState;
  for (let i = 0; i < lb.targets.length; i++) {
    if (routesTo(world, i) && !isHealthy(world, i) && lb.targets[i].state !== 'healthy') return false;
  }
  return true;
}
/** Some routed target is really healthy: a request through the LB can succeed. */
export function servesHealthyTarget(world: World): boolean {
  const n = (world[ELB] as ElbState).targets.length;
  for (let i = 0; i < n; i++) if (routesTo(world, i) && isHealthy(world, i)) return true;
  return false;
}
/**
 * Target `i`'s share of the client requests (0..1): DNS spreads clients evenly over the nodes
 * that route somewhere, each node evenly over its targets (INV-ELB-3, INV-AZ-4).
 */
export function targetShare(world: World, i: number): number {
  const lb = world[ELB] as ElbState;
  const anyHealthy = someNodeHealthy(world, lb);
  let nodes = 0;
  let share = 0;
  for (let z = 0; z < lb.nodeUp.length; z++) {
    let count = 0;
    for (let j = 0; j < lb.targets.length; j++) if (nodeRoutes(world, lb, z, j, anyHealthy)) count++;
    if (count === 0) continue;
    nodes++;
    if (nodeRoutes(world, lb, z, i, anyHealthy)) share += 1 / count;
  }
  return nodes === 0 ? 0 : share / nodes;
}

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
