/**
 * The elb component's options, their validation, and the resolved configuration its reducer
 * and enabling code read: every default applied, the derived tick counts, the shared target
 * records, and the action objects built once (the enabling code pushes these, never new ones).
 */
import { ticksFor, type ParameterInfo, type World } from '../../compose/component.js';
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import { isHealthy } from '../ec2/index.js';
import {
  ELB_FAULTS, ELB_OPS, deregisterTarget, lbNodeFailure, lbNodeReplaced, registerTarget, targetDrained, targetHealthCheck,
  type DeregisterTarget, type ElbFaultType, type ElbOpType, type LbNodeFailure, type LbNodeReplaced, type RegisterTarget,
  type TargetDrained, type TargetHealthCheck,
} from './actions.js';
import { elbState, target, type ElbState, type LbType, type Target } from './state.js';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise. */
export const ELB_DEFAULT_TICK_SECONDS = 60;

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
  /** The target group is attached to the ASG: its launches register once InService (running), its terminations deregister; default false. */
  readonly attachedToAsg?: boolean;
  /** Operator actions enabled; default none. */
  readonly ops?: readonly ElbOpType[];
  /** Faults enabled; default all (`LbNodeFailure`). */
  readonly faults?: readonly ElbFaultType[];
  /** What a health check of `i` sees; default ec2's `isHealthy` (a deep check can add a dependency, INV-ELB-4). */
  readonly probe?: (world: World, i: number) => boolean;
  /**
   * `shallow` (default): the health check's page answers whenever the instance's application
   * runs. `deep`: the page also queries what the application depends on (compose's `dependsOn`
   * for the tier behind this load balancer), so every target fails together while a dependency
   * is down (INV-ELB-4, INV-ASG-11; Builders' Library, "Implementing health checks").
   */
  readonly healthCheck?: 'shallow' | 'deep';
}

/** The action objects the enabling code pushes: per target slot, and per zone (`nodeFail`, `nodeBack`). */
export interface ElbActionTables {
  readonly register: readonly RegisterTarget[];
  readonly deregister: readonly DeregisterTarget[];
  readonly check: readonly TargetHealthCheck[];
  readonly drained: readonly TargetDrained[];
  readonly nodeFail: readonly LbNodeFailure[];
  readonly nodeBack: readonly LbNodeReplaced[];
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface ElbConfig {
  readonly type: LbType;
  readonly slots: number;
  readonly azs: number;
  /** Consecutive passes to become healthy. */
  readonly H: number;
  /** Consecutive failures to become unhealthy. */
  readonly U: number;
  readonly crossZone: boolean;
  readonly registered: readonly number[];
  /** Attached to the ASG: subscribes to `AsgLaunch`, `InstanceRunning` and `AsgTerminate`. */
  readonly attached: boolean;
  readonly probe: (world: World, i: number) => boolean;
  /** `healthCheck: 'deep'`: compose binds the tier's dependencies into `probe`. */
  readonly deep: boolean;
  readonly intervalTicks: number;
  readonly drainTicks: number;
  readonly maxRun: number;
  readonly maxTimer: number;
  readonly opRegister: boolean;
  readonly opDeregister: boolean;
  readonly fNode: boolean;
  /** The shared target records with no run and no timer (`DRAINING`: the full drain ahead). */
  readonly UNUSED: Target;
  readonly INITIAL: Target;
  readonly HEALTHY: Target;
  /** Launched by the attached group, registered when it enters InService. */
  readonly LAUNCHING: Target;
  readonly DRAINING: Target;
  /** What deregistration leaves: draining, or unused with no delay. */
  readonly left: Target;
  readonly A: ElbActionTables;
}

/** Applies the defaults and validates `options` (throws `elb: ...` on the first problem). */
export function resolveElbOptions(options: ElbOptions): ElbConfig {
  checkOptions('elb', options, ELB_OPTION_NAMES);
  const type = options.type ?? 'ALB';
  const slots = options.slots ?? 3;
  const azs = options.azs ?? 2;
  const tickSeconds = options.tickSeconds ?? ELB_DEFAULT_TICK_SECONDS;
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
  const healthCheck = options.healthCheck ?? 'shallow';
  if (healthCheck !== 'shallow' && healthCheck !== 'deep') throw new Error(`elb: healthCheck must be 'shallow' or 'deep', got ${JSON.stringify(healthCheck)}`);
  intIn('elb', 'slots', slots, 1, 32);
  intIn('elb', 'azs', azs, 1, 16);
  if (!(intervalSeconds >= 5 && intervalSeconds <= 300)) throw new Error(`elb: intervalSeconds must be in 5..300, got ${intervalSeconds}`);
  intIn('elb', 'healthyThreshold', H, 2, 10);
  intIn('elb', 'unhealthyThreshold', U, 2, 10);
  if (!(delaySeconds >= 0 && delaySeconds <= 3600)) throw new Error(`elb: deregistrationDelaySeconds must be in 0..3600, got ${delaySeconds}`);
  for (const i of registered) if (!Number.isInteger(i) || i < 0 || i >= slots) throw new Error(`elb: registered slot ${i} is outside 0..${slots - 1}`);
  namesIn('elb', 'ops', 'op', ops, ELB_OPS);
  namesIn('elb', 'faults', 'fault', faults, ELB_FAULTS);

  const intervalTicks = ticksFor(intervalSeconds, tickSeconds);
  const drainTicks = ticksFor(delaySeconds, tickSeconds);
  const UNUSED = target('unused', 0, 0);
  const DRAINING = target('draining', 0, drainTicks);
  const table = <A>(n: number, make: (i: number) => A): A[] => Array.from({ length: n }, (_, i) => make(i));
  return {
    type,
    slots,
    azs,
    H,
    U,
    crossZone,
    registered,
    attached,
    probe,
    deep: healthCheck === 'deep',
    intervalTicks,
    drainTicks,
    maxRun: Math.max(H, U) - 1,
    maxTimer: Math.max(intervalTicks, drainTicks),
    opRegister: ops.includes('RegisterTarget'),
    opDeregister: ops.includes('DeregisterTarget'),
    fNode: faults.includes('LbNodeFailure'),
    UNUSED,
    INITIAL: target('initial', 0, 0),
    HEALTHY: target('healthy', 0, 0),
    LAUNCHING: target('launching', 0, 0),
    DRAINING,
    left: drainTicks > 0 ? DRAINING : UNUSED,
    A: {
      register: table(slots, registerTarget), deregister: table(slots, deregisterTarget), check: table(slots, targetHealthCheck),
      drained: table(slots, targetDrained), nodeFail: table(azs, lbNodeFailure), nodeBack: table(azs, lbNodeReplaced),
    },
  };
}

/** The slice at the start: `registered` slots healthy, the others unused, every LB node up. */
export function initialElb(c: ElbConfig): ElbState {
  const initialTargets: Target[] = [];
  for (let i = 0; i < c.slots; i++) initialTargets.push(c.registered.includes(i) ? c.HEALTHY : c.UNUSED);
  const allUp: boolean[] = [];
  for (let z = 0; z < c.azs; z++) allUp.push(true);
  return elbState(initialTargets, allUp, c.crossZone);
}

/** Every option for the catalog, with the defaults of `c.type` (`tsc` checks the list against `ElbOptions`). */
export function elbParameters(c: Pick<ElbConfig, 'type'>): ParameterInfo[] {
  const type = c.type;
  return parameterList<ElbOptions>({
    type: { default: 'ALB', unit: 'enum', range: ['ALB', 'NLB', 'CLB'], description: 'load balancer type (sets the defaults below)' },
    slots: { default: 3, unit: 'count', range: [1, 32], description: 'target slots (= ec2 slots)' },
    azs: { default: 2, unit: 'count', range: [1, 16], description: 'one LB node per zone (must match az)' },
    tickSeconds: { default: 60, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
    intervalSeconds: { default: 30, unit: 's', range: [5, 300], description: 'health check interval' },
    healthyThreshold: { default: type === 'CLB' ? 10 : 5, unit: 'count', range: [2, 10], description: 'consecutive passes to become healthy (CLB 10)' },
    unhealthyThreshold: { default: 2, unit: 'count', range: [2, 10], description: 'consecutive failures to become unhealthy' },
    deregistrationDelaySeconds: { default: 300, unit: 's', range: [0, 3_600], description: 'draining time after deregistration' },
    crossZone: { default: type === 'ALB', unit: 'bool', range: ['true', 'false'], description: 'cross-zone load balancing (ALB on; NLB and CLB off)' },
    registered: { default: [], unit: 'slots', range: [0, 31], description: 'slots registered (and healthy) at the start' },
    attachedToAsg: { default: false, unit: 'bool', range: ['true', 'false'], description: 'ASG launches register when running (InService), terminations deregister' },
    ops: { default: [], unit: 'list', range: ELB_OPS, description: 'operator actions enabled' },
    faults: { default: [...ELB_FAULTS], unit: 'list', range: ELB_FAULTS, description: 'faults enabled' },
    probe: { default: 'ec2 isHealthy', unit: 'function', range: [], description: '(world, i) => boolean: what a health check sees' },
    healthCheck: { default: 'shallow', unit: 'enum', range: ['shallow', 'deep'], description: "deep: the check also needs compose's dependsOn of the tier" },
  });
}
const ELB_OPTION_NAMES = optionNames(elbParameters({ type: 'ALB' }));
