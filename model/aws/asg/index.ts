/**
 * An EC2 Auto Scaling group (aws-semantics §2) over a range of ec2 slots.
 *
 * Every instance in slots `firstSlot .. firstSlot+slots-1` is the group's: members are those
 * pending, running, stopping or stopped; a shutting-down one is leaving. The group keeps
 * `desired` members, as one sequential controller: at most one control activity is enabled
 * in a state, chosen in this order:
 * 1. `AsgMarkUnhealthy(i)`: a member is not running (stopping/stopped: at once), or, after
 *    the grace period, a status check has been impaired for `impairedWaitSeconds` (a
 *    `[lo, hi]` range: marking is enabled from lo, and time may run on to hi), or (health
 *    check type ELB) the load balancer reports it unhealthy. Unhealthy is sticky.
 * 2. `AsgTerminate(i)` of an unhealthy member: at once under `terminate-first` (AWS's default
 *    order), once `desired` members serve again under `launch-first` (or when the group has no
 *    free slot left for a replacement it still needs: a limit of the model's fixed slots).
 * 3. `AsgLaunch(i, az)`: into the lowest free slot, in the enabled zone with the fewest
 *    members; `balanced-best-effort` falls back to the next zone that admits a launch,
 *    `balanced-only` retries the fewest zone (INV-ASG-7). A launch the zone cannot admit
 *    (down, or no capacity: ec2's `launchAdmitted`) is simply not enabled.
 * 4. `AsgTerminate(i)` of a member due for replacement (instance refresh, max lifetime):
 *    `terminate-first` one at a time once all members serve; `launch-first` only while
 *    `desired` others still serve (a launch first raises the group by one).
 * 5. `AsgTerminate(i)` of an extra member (after a rebalancing launch), from the zone with
 *    the most members, once `desired` others serve.
 * 6. `AsgLaunch(i, az)` to rebalance: when zones differ by more than one member (an AZ came
 *    back), launch first into the emptiest zone (the group goes one over desired), and 5
 *    then terminates a healthy instance elsewhere (INV-ASG-6).
 *
 * Cross-component actions: `AsgLaunch { instance, az }` and `AsgTerminate { instance }`
 * (kind control, defined in ec2-actions.ts, exported by ec2.ts and re-exported here) are
 * what ec2 reduces (`ec2({ autoScaling: true })`) and what ebs, eip and elb may subscribe
 * to; a terminated member always ends with ec2's `InstanceTerminated`.
 *
 * ELB health: with `healthCheckType: 'ELB'`, the group reads `elbHealthy(world, instance)`
 * (option), which the elb component should export (its target-health view); the default is
 * ec2's `isHealthy` (an ideal load balancer that sees the application at once).
 *
 * Not modelled: scaling policies and cooldowns, lifecycle hooks, standby, warm pools,
 * scale-in protection, suspended processes, Spot capacity rebalancing.
 */
import { ticksFor, type Component, type ParameterInfo, type World } from '../../compose/component.js';
import {
  EC2, asgLaunch, asgTerminate, isHealthy, isImpaired, launchAdmitted,
  type AsgLaunch, type AsgTerminate, type Ec2State, type InstanceState,
} from '../ec2/index.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';
import {
  asgMarkUnhealthy, resumeProcesses, startInstanceRefresh, suspendProcesses,
  type AsgAction, type AsgMarkUnhealthy, type AsgSubscribed,
} from './actions.js';

export { asgLaunch, asgTerminate, type AsgLaunch, type AsgTerminate } from '../ec2/index.js';
export {
  asgMarkUnhealthy, resumeProcesses, startInstanceRefresh, suspendProcesses,
  type AsgAction, type AsgMarkUnhealthy, type AsgSubscribed, type ResumeProcesses, type StartInstanceRefresh, type SuspendProcesses,
} from './actions.js';

/** The asg component's name: its slice is `world.asg`. */
export const ASG = 'asg';

/** Which health checks the group acts on (EC2 status checks always apply). */
export type HealthCheckType = 'EC2' | 'ELB';
/** What to do when the preferred zone cannot take a launch. */
export type AzStrategy = 'balanced-best-effort' | 'balanced-only';
/** Instance maintenance policy: the order of a replacement. */
export type MaintenancePolicy = 'terminate-first' | 'launch-first';

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

/** The schema of one member slot: sticky health, replacement due, grace countdown, impaired ticks, age ticks. */
export function asgMemberSchema(graceTicks: number, impairedTicks: number, lifeTicks: number) {
  return t.record('AsgMember', {
    unhealthy: t.bool(),
    replace: t.bool(),
    grace: t.int(0, graceTicks),
    impaired: t.int(0, impairedTicks),
    age: t.int(0, lifeTicks),
  });
}
export type AsgMember = Infer<ReturnType<typeof asgMemberSchema>>;
export function asgSchema(slots: number, graceTicks: number, impairedTicks: number, lifeTicks: number) {
  return t.record('AsgState', { members: t.array(asgMemberSchema(graceTicks, impairedTicks, lifeTicks), slots), suspended: t.bool() });
}
/** The asg slice: `members[k]` is about ec2 slot `firstSlot + k`. */
export type AsgState = Infer<ReturnType<typeof asgSchema>>;

/** The single factory of member records. */
function member(unhealthy: boolean, replace: boolean, grace: number, impaired: number, age: number): AsgMember {
  return { unhealthy, replace, grace, impaired, age };
}
function asgState(members: readonly AsgMember[], suspended: boolean): AsgState {
  return { members, suspended };
}
/** A slot state that makes its instance a member. */
function inGroup(s: InstanceState): boolean {
  return s === 'pending' || s === 'running' || s === 'stopping' || s === 'stopped';
}

/**
 * The Auto Scaling group component; compose it with `ec2({ autoScaling: true })`.
 *
 * @example
 * const group = asg({ min: 2, healthCheckType: 'ELB', gracePeriodSeconds: 0, maintenancePolicy: 'launch-first' });
 */
export function asg(options: AsgOptions = {}): Component<AsgState, AsgSubscribed> {
  const azs = options.azs ?? 2;
  const tickSeconds = options.tickSeconds ?? 60;
  const min = options.min ?? 1;
  const desired = options.desired ?? min;
  const max = options.max ?? Math.max(min, desired);
  const first = options.firstSlot ?? 0;
  const slots = options.slots ?? max + 1;
  const elbType = (options.healthCheckType ?? 'EC2') === 'ELB';
  const elbHealthy = options.elbHealthy ?? isHealthy;
  const balancedOnly = options.azStrategy === 'balanced-only';
  const terminateFirst = (options.maintenancePolicy ?? 'terminate-first') === 'terminate-first';
  const lifetime = options.maxInstanceLifetimeSeconds ?? 0;
  const refreshOp = options.instanceRefresh ?? false;
  const [waitLo, waitHi] = options.impairedWaitSeconds ?? [60, 300];
  if (!(Number.isInteger(min) && Number.isInteger(desired) && Number.isInteger(max) && 0 <= min && min <= desired && desired <= max)) {
    throw new Error(`asg: need integers 0 <= min <= desired <= max, got ${min}, ${desired}, ${max}`);
  }
  if (!Number.isInteger(azs) || azs < 1 || azs > 16) throw new Error(`asg: azs must be an integer in 1..16, got ${azs}`);
  if (!Number.isInteger(first) || first < 0 || !Number.isInteger(slots) || slots < desired) throw new Error(`asg: need firstSlot >= 0 and slots >= desired (${desired}), got ${first}, ${slots}`);
  if (lifetime !== 0 && !(lifetime >= 86_400)) throw new Error(`asg: maxInstanceLifetimeSeconds must be 0 or at least 86400, got ${lifetime}`);
  if (!(0 <= waitLo && waitLo <= waitHi)) throw new Error(`asg: impairedWaitSeconds must be [lo, hi] with 0 <= lo <= hi`);

  const graceTicks = ticksFor(options.gracePeriodSeconds ?? 300, tickSeconds);
  const loTicks = ticksFor(waitLo, tickSeconds);
  const hiTicks = ticksFor(waitHi, tickSeconds);
  const lifeTicks = lifetime === 0 ? 0 : ticksFor(lifetime, tickSeconds);

  const FREE = member(false, false, 0, 0, 0);
  const initialMembers: AsgMember[] = [];
  for (let k = 0; k < slots; k++) initialMembers.push(FREE);
  const initial = asgState(initialMembers, false);
  const suspendFaults = options.suspendFaults ?? false;
  const SUSPEND = suspendProcesses();
  const RESUME = resumeProcesses();
  const marks: AsgMarkUnhealthy[] = [];
  const terminations: AsgTerminate[] = [];
  const launches: AsgLaunch[] = [];
  for (let k = 0; k < slots; k++) {
    marks.push(asgMarkUnhealthy(first + k));
    terminations.push(asgTerminate(first + k));
    for (let z = 0; z < azs; z++) launches.push(asgLaunch(first + k, z));
  }
  const REFRESH = startInstanceRefresh();
  // Scratch per-zone counts of the members that stay (neither unhealthy nor due for
  // replacement), so a replacement goes where the group will be short; used by `actions`
  // only (never reentrant, never escapes).
  const perAz = new Int32Array(azs);

  /** Whether member slot `i` (record `m`, ec2 state `s`) should be marked Unhealthy now. */
  function unhealthyNow(world: World, s: InstanceState, m: AsgMember, i: number): boolean {
    if (s === 'stopping' || s === 'stopped') return true;
    if (s !== 'running' || m.grace > 0) return false;
    if (m.impaired >= loTicks && isImpaired(world, i)) return true;
    return elbType && !elbHealthy(world, i);
  }

  /** The zone for a replacement launch, or -1 (see strategy). */
  function placement(world: World): number {
    if (balancedOnly) {
      let zMin = 0;
      for (let z = 1; z < azs; z++) if (perAz[z] < perAz[zMin]) zMin = z;
      return launchAdmitted(world, zMin) ? zMin : -1;
    }
    let best = -1;
    for (let z = 0; z < azs; z++) if ((best < 0 || perAz[z] < perAz[best]) && launchAdmitted(world, z)) best = z;
    return best;
  }

  function actions(world: World, out: AsgAction[]): void {
    const ms = (world[ASG] as AsgState).members;
    const ins = (world[EC2] as Ec2State).instances;
    perAz.fill(0);
    let members = 0; // pending, running, stopping, stopped
    let keep = 0; // members neither unhealthy nor due for replacement: they place launches (perAz)
    let serving = 0; // running members past grace, not marked unhealthy
    let unhealthy = 0;
    let due = 0;
    let toMark = -1;
    let firstUnhealthy = -1;
    let firstDue = -1;
    let free = -1;
    for (let k = 0; k < slots; k++) {
      const x = ins[first + k];
      const m = ms[k];
      if (!inGroup(x.state)) {
        if (free < 0 && (x.state === 'none' || x.state === 'terminated')) free = k;
        continue;
      }
      members++;
      if (m.unhealthy) {
        unhealthy++;
        if (firstUnhealthy < 0) firstUnhealthy = k;
        continue;
      }
      if (toMark < 0 && unhealthyNow(world, x.state, m, first + k)) toMark = k;
      if (m.replace) {
        due++;
        if (firstDue < 0) firstDue = k;
      } else {
        keep++;
        perAz[x.az]++;
      }
      if (x.state === 'running' && m.grace === 0) serving++;
    }
    if (refreshOp && due === 0 && members > 0) out.push(REFRESH);
    const suspended = (world[ASG] as AsgState).suspended;
    if (suspendFaults) out.push(suspended ? RESUME : SUSPEND);

    // 1. health (the HealthCheck process keeps running while Launch/ReplaceUnhealthy are suspended)
    if (toMark >= 0) return void out.push(marks[toMark]);
    if (suspended) return;
    // 2. unhealthy members
    // (launch-first falls back to terminating when no slot is left for the replacement it needs)
    if (unhealthy > 0 && (terminateFirst || serving >= desired || (free < 0 && keep < desired))) return void out.push(terminations[firstUnhealthy]);
    // 3. replacement launches
    const short = terminateFirst ? members < desired : keep < desired && members - unhealthy < desired + 1;
    if (short && free >= 0) {
      const z = placement(world);
      if (z >= 0) return void out.push(launches[free * azs + z]);
    }
    if (unhealthy > 0) return;
    // 4. members due for replacement
    if (due > 0) {
      const ok = terminateFirst ? members >= desired && serving === members : serving - (servingAt(ms, ins, firstDue) ? 1 : 0) >= desired;
      if (ok) out.push(terminations[firstDue]);
      return;
    }
    if (members > desired) {
      // 5. back to desired after a rebalancing launch: from the zone with the most members
      let zMax = 0;
      for (let z = 1; z < azs; z++) if (perAz[z] > perAz[zMax]) zMax = z;
      for (let k = 0; k < slots; k++) {
        const x = ins[first + k];
        if (inGroup(x.state) && x.az === zMax) {
          if (serving - (servingAt(ms, ins, k) ? 1 : 0) >= desired) out.push(terminations[k]);
          return;
        }
      }
      return;
    }
    // 6. rebalance: launch first into the emptiest zone
    if (members === desired && serving === members && free >= 0) {
      let zMin = 0;
      let zMax = 0;
      for (let z = 1; z < azs; z++) {
        if (perAz[z] < perAz[zMin]) zMin = z;
        if (perAz[z] > perAz[zMax]) zMax = z;
      }
      if (perAz[zMax] - perAz[zMin] > 1 && launchAdmitted(world, zMin)) out.push(launches[free * azs + zMin]);
    }
  }

  /** Member slot `k` counts as serving (running, past grace, not unhealthy). */
  function servingAt(ms: readonly AsgMember[], ins: Ec2State['instances'], k: number): boolean {
    return ins[first + k].state === 'running' && ms[k].grace === 0 && !ms[k].unhealthy;
  }

  function reduce(slice: AsgState, a: AsgSubscribed, world: World): AsgState {
    switch (a.type) {
      case 'AsgMarkUnhealthy': {
        const k = a.instance - first;
        const m = slice.members[k];
        return put(slice, k, member(true, m.replace, m.grace, 0, m.age));
      }
      case 'StartInstanceRefresh': {
        const ins = (world[EC2] as Ec2State).instances;
        let next: AsgMember[] | undefined;
        for (let k = 0; k < slots; k++) {
          const m = slice.members[k];
          if (!m.replace && inGroup(ins[first + k].state)) {
            next ??= slice.members.slice();
            next[k] = member(m.unhealthy, true, m.grace, m.impaired, m.age);
          }
        }
        return next === undefined ? slice : asgState(next, slice.suspended);
      }
      case 'SuspendProcesses':
        return asgState(slice.members, true);
      case 'ResumeProcesses':
        return asgState(slice.members, false);
      case 'InstanceRunning': {
        // InService: the grace period starts (AWS: after any launch lifecycle hook).
        const k = a.instance - first;
        if (k < 0 || k >= slots) return slice;
        const m = slice.members[k];
        return put(slice, k, member(m.unhealthy, m.replace, graceTicks, 0, m.age));
      }
      case 'InstanceTerminated': {
        const k = a.instance - first;
        return k < 0 || k >= slots ? slice : put(slice, k, FREE);
      }
      case 'Tick':
        return tickMembers(slice, world);
      default:
        return assertNever(a);
    }
  }

  function put(slice: AsgState, k: number, m: AsgMember): AsgState {
    if (slice.members[k] === m) return slice;
    const members = slice.members.slice();
    members[k] = m;
    return asgState(members, slice.suspended);
  }

  /** One tick: grace counts down; impaired time counts up (to hi) or resets; age counts up to the lifetime. */
  function tickMembers(slice: AsgState, world: World): AsgState {
    const ins = (world[EC2] as Ec2State).instances;
    let next: AsgMember[] | undefined;
    for (let k = 0; k < slots; k++) {
      const m = slice.members[k];
      const s = ins[first + k].state;
      let { grace, impaired, age, replace } = m;
      if (grace > 0) grace--;
      else if (!m.unhealthy && s === 'running' && isImpaired(world, first + k)) {
        if (impaired < hiTicks) impaired++;
      } else impaired = 0;
      if (lifeTicks > 0 && age < lifeTicks && inGroup(s)) {
        age++;
        if (age === lifeTicks) replace = true;
      }
      if (grace !== m.grace || impaired !== m.impaired || age !== m.age) {
        next ??= slice.members.slice();
        next[k] = member(m.unhealthy, replace, grace, impaired, age);
      }
    }
    return next === undefined ? slice : asgState(next, slice.suspended);
  }

  /** True iff a Tick would change the slice (the same conditions as `tickMembers`). */
  function ticking(slice: AsgState, world: World): boolean {
    const ins = (world[EC2] as Ec2State).instances;
    for (let k = 0; k < slots; k++) {
      const m = slice.members[k];
      const s = ins[first + k].state;
      if (m.grace > 0) return true;
      if (!m.unhealthy && s === 'running' && isImpaired(world, first + k)) {
        if (m.impaired < hiTicks) return true;
      } else if (m.impaired > 0) return true;
      if (lifeTicks > 0 && m.age < lifeTicks && inGroup(s)) return true;
    }
    return false;
  }

  const parameters: ParameterInfo[] = [
    { name: 'min', default: 1, unit: 'count', range: [0, 32] },
    { name: 'max', default: 'max(min, desired)', unit: 'count', range: [0, 32] },
    { name: 'desired', default: 'min', unit: 'count', range: [0, 32] },
    { name: 'healthCheckType', default: 'EC2', unit: 'enum', range: ['EC2', 'ELB'] },
    { name: 'gracePeriodSeconds', default: 300, unit: 's', range: [0, 86_400], description: 'HealthCheckGracePeriod (console 300, API 0)' },
    { name: 'impairedWaitSeconds', default: '60..300', unit: 's', range: [0, 3_600], description: '"a few minutes" before an impaired instance is Unhealthy' },
    { name: 'azStrategy', default: 'balanced-best-effort', unit: 'enum', range: ['balanced-best-effort', 'balanced-only'] },
    { name: 'maintenancePolicy', default: 'terminate-first', unit: 'enum', range: ['terminate-first', 'launch-first'] },
    { name: 'maxInstanceLifetimeSeconds', default: 0, unit: 's', range: [0, 31_536_000], description: '0 (unset) or >= 86400' },
    { name: 'instanceRefresh', default: false, unit: 'bool', range: ['true', 'false'] },
    { name: 'suspendFaults', default: false, unit: 'bool', range: ['true', 'false'], description: 'an operator may suspend Launch/ReplaceUnhealthy' },
  ];

  return {
    name: ASG,
    schema: asgSchema(slots, graceTicks, hiTicks, lifeTicks),
    parameters,
    catalog: { op: ['StartInstanceRefresh'], fault: ['SuspendProcesses', 'ResumeProcesses'], control: ['AsgLaunch', 'AsgTerminate', 'AsgMarkUnhealthy'] },
    subscribes: ['AsgMarkUnhealthy', 'StartInstanceRefresh', 'SuspendProcesses', 'ResumeProcesses', 'InstanceRunning', 'InstanceTerminated', 'Tick'],
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
    ticking,
  };
}
