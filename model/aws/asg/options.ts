/**
 * The asg component's options, their validation, and the resolved configuration its reducer
 * and enabling code read: every default applied, the derived ticks, and the records and action
 * objects built once (the enabling code pushes these, never new ones).
 */
import { ticksFor, type World } from '../../compose/component.js';
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import { asgLaunch, asgTerminate, isHealthy, type AsgLaunch, type AsgTerminate } from '../ec2/index.js';
import {
  asgMarkUnhealthy, resumeProcesses, startInstanceRefresh, suspendProcesses,
  type AsgMarkUnhealthy, type ResumeProcesses, type StartInstanceRefresh, type SuspendProcesses,
} from './actions.js';
import { asgState, member, type AsgMember, type AsgState } from './state.js';

/** Which health checks the group acts on (EC2 status checks always apply). */
export type HealthCheckType = 'EC2' | 'ELB';
/** What to do when the preferred zone cannot take a launch. */
export type AzStrategy = 'balanced-best-effort' | 'balanced-only';
/** Instance maintenance policy: the order of a replacement. */
export type MaintenancePolicy = 'terminate-first' | 'launch-first';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise. */
export const ASG_DEFAULT_TICK_SECONDS = 60;

/** Parameters of the asg component (times in seconds). */
export interface AsgOptions {
  /** Zones the group spans (all of the Region's); default 2. */
  readonly azs?: number;
  /** Seconds per `Tick`; default 60. */
  readonly tickSeconds?: number;
  /** Default 1. */
  readonly min?: number;
  /** Default `max(min, desired)`. */
  readonly max?: number;
  /** Default `min`. */
  readonly desired?: number;
  /** First ec2 slot of the group; default 0. */
  readonly firstSlot?: number;
  /** ec2 slots the group uses (ec2 must have `firstSlot + slots`); default `max + 1`. */
  readonly slots?: number;
  /** Default `EC2`. */
  readonly healthCheckType?: HealthCheckType;
  /** The load balancer's view of a target; default ec2's `isHealthy`. */
  readonly elbHealthy?: (world: World, instance: number) => boolean;
  /** HealthCheckGracePeriod: 300 from the console (default here), 0 from the API/CloudFormation. */
  readonly gracePeriodSeconds?: number;
  /** An impaired status is acted on after "a few minutes": `[lo, hi]`, default [60, 300]. */
  readonly impairedWaitSeconds?: readonly [number, number];
  /** Default `balanced-best-effort`. */
  readonly azStrategy?: AzStrategy;
  /** Default `terminate-first` (AWS's order without an instance maintenance policy). */
  readonly maintenancePolicy?: MaintenancePolicy;
  /** MaxInstanceLifetime: 0 (unset, default) or at least 86,400. */
  readonly maxInstanceLifetimeSeconds?: number;
  /** Enable the `SuspendProcesses`/`ResumeProcesses` faults; default false. */
  readonly suspendFaults?: boolean;
  /** Enable the `StartInstanceRefresh` op; default false. */
  readonly instanceRefresh?: boolean;
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface AsgConfig {
  readonly azs: number;
  readonly desired: number;
  /** The group's first ec2 slot and its slot count: member `k` is ec2 slot `first + k`. */
  readonly first: number;
  readonly slots: number;
  /** Health check type ELB: `elbHealthy` is consulted too. */
  readonly elbType: boolean;
  readonly elbHealthy: (world: World, instance: number) => boolean;
  readonly balancedOnly: boolean;
  readonly terminateFirst: boolean;
  readonly refreshOp: boolean;
  readonly suspendFaults: boolean;
  readonly graceTicks: number;
  /** `impairedWaitSeconds` in ticks: marking is enabled from lo, the impaired count runs on to hi. */
  readonly loTicks: number;
  readonly hiTicks: number;
  /** MaxInstanceLifetime in ticks; 0: unset. */
  readonly lifeTicks: number;
  /** The one free member record (shared by every slice). */
  readonly free: AsgMember;
  readonly suspend: SuspendProcesses;
  readonly resume: ResumeProcesses;
  readonly refresh: StartInstanceRefresh;
  /** Per member slot `k`; `launches` per (slot, zone) at `k * azs + z`. */
  readonly marks: readonly AsgMarkUnhealthy[];
  readonly terminations: readonly AsgTerminate[];
  readonly launches: readonly AsgLaunch[];
  /**
   * Scratch per-zone counts of the members that stay (neither unhealthy nor due for
   * replacement), so a replacement goes where the group will be short; used by `actions`
   * only (never reentrant, never escapes). One per component instance, as before the split.
   */
  readonly perAz: Int32Array;
}

function bad(m: string): never {
  throw new Error(`asg: ${m}`);
}

/** Applies the defaults and validates `options` (throws `asg: ...` on the first problem). */
export function resolveAsgOptions(options: AsgOptions): AsgConfig {
  checkOptions('asg', options, ASG_OPTION_NAMES);
  const azs = options.azs ?? 2;
  const tickSeconds = options.tickSeconds ?? ASG_DEFAULT_TICK_SECONDS;
  const min = options.min ?? 1;
  const desired = options.desired ?? min;
  const max = options.max ?? Math.max(min, desired);
  const first = options.firstSlot ?? 0;
  const slots = options.slots ?? max + 1;
  const lifetime = options.maxInstanceLifetimeSeconds ?? 0;
  const [waitLo, waitHi] = options.impairedWaitSeconds ?? [60, 300];
  if (!(Number.isInteger(min) && Number.isInteger(desired) && Number.isInteger(max) && 0 <= min && min <= desired && desired <= max)) {
    bad(`need integers 0 <= min <= desired <= max, got ${min}, ${desired}, ${max}`);
  }
  intIn('asg', 'azs', azs, 1, 16);
  if (!Number.isInteger(first) || first < 0 || !Number.isInteger(slots) || slots < desired) bad(`need firstSlot >= 0 and slots >= desired (${desired}), got ${first}, ${slots}`);
  if (lifetime !== 0 && !(lifetime >= 86_400)) bad(`maxInstanceLifetimeSeconds must be 0 or at least 86400, got ${lifetime}`);
  if (!(0 <= waitLo && waitLo <= waitHi)) bad(`impairedWaitSeconds must be [lo, hi] with 0 <= lo <= hi`);

  // After the checks above, as before the split: a bad tickSeconds is reported by ticksFor.
  const graceTicks = ticksFor(options.gracePeriodSeconds ?? 300, tickSeconds);
  const loTicks = ticksFor(waitLo, tickSeconds);
  const hiTicks = ticksFor(waitHi, tickSeconds);
  const lifeTicks = lifetime === 0 ? 0 : ticksFor(lifetime, tickSeconds);

  const marks: AsgMarkUnhealthy[] = [];
  const terminations: AsgTerminate[] = [];
  const launches: AsgLaunch[] = [];
  for (let k = 0; k < slots; k++) {
    marks.push(asgMarkUnhealthy(first + k));
    terminations.push(asgTerminate(first + k));
    for (let z = 0; z < azs; z++) launches.push(asgLaunch(first + k, z));
  }
  return {
    azs,
    desired,
    first,
    slots,
    elbType: (options.healthCheckType ?? 'EC2') === 'ELB',
    elbHealthy: options.elbHealthy ?? isHealthy,
    balancedOnly: options.azStrategy === 'balanced-only',
    terminateFirst: (options.maintenancePolicy ?? 'terminate-first') === 'terminate-first',
    refreshOp: options.instanceRefresh ?? false,
    suspendFaults: options.suspendFaults ?? false,
    graceTicks,
    loTicks,
    hiTicks,
    lifeTicks,
    free: member(false, false, 0, 0, 0),
    suspend: suspendProcesses(),
    resume: resumeProcesses(),
    refresh: startInstanceRefresh(),
    marks,
    terminations,
    launches,
    perAz: new Int32Array(azs),
  };
}

/** The slice at the start: every member slot free, processes running. */
export function initialAsg(c: AsgConfig): AsgState {
  const members: AsgMember[] = [];
  for (let k = 0; k < c.slots; k++) members.push(c.free);
  return asgState(members, false);
}

/** Every option for the catalog, with its default (`tsc` checks the list against `AsgOptions`). */
export const ASG_PARAMETERS = parameterList<AsgOptions>({
  azs: { default: 2, unit: 'count', range: [1, 16], description: "zones the group spans (all of the Region's)" },
  tickSeconds: { default: 60, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
  min: { default: 1, unit: 'count', range: [0, 32], description: 'MinSize' },
  max: { default: 'max(min, desired)', unit: 'count', range: [0, 32], description: 'MaxSize' },
  desired: { default: 'min', unit: 'count', range: [0, 32], description: 'DesiredCapacity' },
  firstSlot: { default: 0, unit: 'slot', range: [0, 31], description: "the group's first ec2 slot" },
  slots: { default: 'max + 1', unit: 'count', range: [1, 32], description: 'ec2 slots it uses (ec2 needs firstSlot + slots)' },
  healthCheckType: { default: 'EC2', unit: 'enum', range: ['EC2', 'ELB'], description: 'health checks acted on (EC2 status checks always)' },
  elbHealthy: { default: 'ec2 isHealthy', unit: 'function', range: [], description: "(world, instance) => boolean: the load balancer's view" },
  gracePeriodSeconds: { default: 300, unit: 's', range: [0, 86_400], description: 'HealthCheckGracePeriod (console 300, API 0)' },
  impairedWaitSeconds: { default: [60, 300], unit: 's', range: [0, 3_600], description: '[lo, hi]: "a few minutes" until impaired is Unhealthy' },
  azStrategy: { default: 'balanced-best-effort', unit: 'enum', range: ['balanced-best-effort', 'balanced-only'], description: 'when the preferred zone cannot take a launch' },
  maintenancePolicy: { default: 'terminate-first', unit: 'enum', range: ['terminate-first', 'launch-first'], description: 'the order of a replacement' },
  maxInstanceLifetimeSeconds: { default: 0, unit: 's', range: [0, 31_536_000], description: 'MaxInstanceLifetime: 0 (unset) or >= 86400' },
  suspendFaults: { default: false, unit: 'bool', range: ['true', 'false'], description: 'an operator may suspend Launch/ReplaceUnhealthy' },
  instanceRefresh: { default: false, unit: 'bool', range: ['true', 'false'], description: 'StartInstanceRefresh op enabled' },
});
const ASG_OPTION_NAMES = optionNames(ASG_PARAMETERS);
