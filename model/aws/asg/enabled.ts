/**
 * What asg enables in a world (its `actions`: the refresh op and suspend/resume faults, then at
 * most one control activity, in the order of the component's comment) and whether its timers run.
 */
import type { World } from '../../compose/component.js';
import { EC2, isImpaired, launchAdmitted, type Ec2State, type InstanceState } from '../ec2/index.js';
import type { AsgAction } from './actions.js';
import type { AsgConfig } from './options.js';
import { ASG, inGroup, type AsgMember, type AsgState } from './state.js';

/** Pushes every action asg enables in `world` onto `out` (the pre-built objects of `c`). */
export function asgActions(c: AsgConfig, world: World, out: AsgAction[]): void {
  const ms = (world[ASG] as AsgState).members;
  const ins = (world[EC2] as Ec2State).instances;
  const first = c.first;
  const slots = c.slots;
  const azs = c.azs;
  const desired = c.desired;
  const terminateFirst = c.terminateFirst;
  const perAz = c.perAz;
  perAz.fill(0);
  let members = 0; // pending, running, stopping, stopped
  let keep = 0; // members neither unhealthy nor due for replacement: they place launches (perAz)
  let serving = 0; // running members past grace, not marked unhealthy
  let unhealthy = 0;
  let due = 0;
  let toMark = 0; // bit k: member k to mark now (at most 32 slots)
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
      continue;
    }
    if (unhealthyNow(c, world, x.state, m, first + k)) toMark |= 1 << k;
    if (m.replace) due++;
    else {
      keep++;
      perAz[x.az]++;
    }
    if (x.state === 'running' && m.grace === 0) serving++;
  }
  if (c.refreshOp && due === 0 && members > 0) out.push(c.refresh);
  const suspended = (world[ASG] as AsgState).suspended;
  if (c.suspendFaults) out.push(suspended ? c.resume : c.suspend);

  // 1. health (the HealthCheck process keeps running while Launch/ReplaceUnhealthy are suspended)
  if (toMark !== 0) {
    for (let k = 0; k < slots; k++) if (toMark & (1 << k)) out.push(c.marks[k]);
    return;
  }
  if (suspended) return;
  // 2. unhealthy members, any of them
  // (launch-first falls back to terminating when no slot is left for the replacement it needs)
  if (unhealthy > 0 && (terminateFirst || serving >= desired || (free < 0 && keep < desired))) {
    for (let k = 0; k < slots; k++) if (ms[k].unhealthy && inGroup(ins[first + k].state)) out.push(c.terminations[k]);
    return;
  }
  // 3. replacement launches
  const short = terminateFirst ? members < desired : keep < desired && members - unhealthy < desired + 1;
  if (short && free >= 0 && pushPlacements(c, world, free, out)) return;
  if (unhealthy > 0) return;
  // 4. members due for replacement, any of them
  if (due > 0) {
    for (let k = 0; k < slots; k++) {
      const m = ms[k];
      if (m.unhealthy || !m.replace || !inGroup(ins[first + k].state)) continue;
      const ok = terminateFirst ? members >= desired && serving === members : serving - (servingAt(c, ms, ins, k) ? 1 : 0) >= desired;
      if (ok) out.push(c.terminations[k]);
    }
    return;
  }
  const most = mostPerZone(perAz, azs);
  const fewest = fewestPerZone(perAz, azs);
  if (members > desired) {
    // 5. back to desired after a rebalancing launch: from a zone with the most members
    for (let k = 0; k < slots; k++) {
      const x = ins[first + k];
      if (inGroup(x.state) && perAz[x.az] === most && serving - (servingAt(c, ms, ins, k) ? 1 : 0) >= desired) out.push(c.terminations[k]);
    }
    return;
  }
  // 6. rebalance: launch first into an emptiest zone
  if (members === desired && serving === members && free >= 0 && most - fewest > 1) {
    for (let z = 0; z < azs; z++) if (perAz[z] === fewest && launchAdmitted(world, z)) out.push(c.launches[free * azs + z]);
  }
}

/**
 * `AsgMarkUnhealthy(instance)` may wait while time passes: the only reason to mark it is an
 * impaired status check whose wait ([lo, hi], "a few minutes") has not reached hi. A stopped
 * instance or one the load balancer reports unhealthy is marked at once.
 */
export function markMayWait(c: AsgConfig, s: AsgState, world: World, instance: number): boolean {
  const k = instance - c.first;
  const m = s.members[k];
  const st = (world[EC2] as Ec2State).instances[instance].state;
  if (st !== 'running' || m.grace > 0 || m.impaired >= c.hiTicks || !isImpaired(world, instance)) return false;
  const elbHealthy = c.elbHealthy; // called unbound, as in unhealthyNow
  if (c.elbType && !elbHealthy(world, instance)) return false;
  return true;
}

/** Whether member slot `i` (record `m`, ec2 state `s`) should be marked Unhealthy now. */
function unhealthyNow(c: AsgConfig, world: World, s: InstanceState, m: AsgMember, i: number): boolean {
  if (s === 'stopping' || s === 'stopped') return true;
  if (s !== 'running' || m.grace > 0) return false;
  if (m.impaired >= c.loTicks && isImpaired(world, i)) return true;
  if (!c.elbType) return false;
  const elbHealthy = c.elbHealthy; // called unbound, as a plain function (the caller's option)
  return !elbHealthy(world, i);
}

/**
 * Pushes the replacement launches into slot `free` (see strategy) and says whether there were
 * any; reads the counts `asgActions` left in `c.perAz`. Where zones tie, AWS does not say which
 * it picks, so each is a launch: balanced-best-effort, every zone with the fewest members among
 * those that admit a launch; balanced-only, every zone with the fewest members, and none while
 * one of them cannot launch (AWS may have picked it, and it keeps retrying there: a "holds"
 * must hold whichever zone it picked).
 */
function pushPlacements(c: AsgConfig, world: World, free: number, out: AsgAction[]): boolean {
  const perAz = c.perAz;
  const azs = c.azs;
  const from = out.length;
  if (c.balancedOnly) {
    const fewest = fewestPerZone(perAz, azs);
    for (let z = 0; z < azs; z++) {
      if (perAz[z] !== fewest) continue;
      if (!launchAdmitted(world, z)) {
        out.length = from;
        return false;
      }
      out.push(c.launches[free * azs + z]);
    }
    return true;
  }
  let fewest = -1;
  for (let z = 0; z < azs; z++) if ((fewest < 0 || perAz[z] < fewest) && launchAdmitted(world, z)) fewest = perAz[z];
  if (fewest < 0) return false;
  for (let z = 0; z < azs; z++) if (perAz[z] === fewest && launchAdmitted(world, z)) out.push(c.launches[free * azs + z]);
  return true;
}

/** Member slot `k` counts as serving (running, past grace, not unhealthy). */
function servingAt(c: AsgConfig, ms: readonly AsgMember[], ins: Ec2State['instances'], k: number): boolean {
  return ins[c.first + k].state === 'running' && ms[k].grace === 0 && !ms[k].unhealthy;
}

/** True iff a Tick would change the slice (the same conditions as the reducer's `tickMembers`). */
export function asgTicking(c: AsgConfig, s: AsgState, world: World): boolean {
  const ins = (world[EC2] as Ec2State).instances;
  const first = c.first;
  const hiTicks = c.hiTicks;
  const lifeTicks = c.lifeTicks;
  for (let k = 0; k < c.slots; k++) {
    const m = s.members[k];
    const st = ins[first + k].state;
    if (m.grace > 0) return true;
    if (!m.unhealthy && st === 'running' && isImpaired(world, first + k)) {
      if (m.impaired < hiTicks) return true;
    } else if (m.impaired > 0) return true;
    if (lifeTicks > 0 && m.age < lifeTicks && inGroup(st)) return true;
  }
  return false;
}

/** The most members any of the group's zones has (`perAz` counted by `asgActions`). */
export function mostPerZone(perAz: Int32Array, azs: number): number {
  let most = perAz[0];
  for (let z = 1; z < azs; z++) if (perAz[z] > most) most = perAz[z];
  return most;
}

/** The fewest members any of the group's zones has. */
export function fewestPerZone(perAz: Int32Array, azs: number): number {
  let fewest = perAz[0];
  for (let z = 1; z < azs; z++) if (perAz[z] < fewest) fewest = perAz[z];
  return fewest;
}
