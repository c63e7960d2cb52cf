/**
 * The asg reducer: one function per action type it subscribes to (`i` is an ec2 slot, `k` a
 * member slot, `i - first`). Each returns the new slice, or `s` itself when nothing changed.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { EC2, isImpaired, type Ec2State } from '../ec2/index.js';
import type { AsgSubscribed } from './actions.js';
import type { AsgConfig } from './options.js';
import { asgState, inGroup, member, type AsgMember, type AsgState } from './state.js';

/** The slice after `a`; `world` is the world before it (ec2's slots and health). */
export function reduceAsg(c: AsgConfig, s: AsgState, a: AsgSubscribed, world: World): AsgState {
  switch (a.type) {
    case 'AsgMarkUnhealthy':
      return asgMarkUnhealthy(c, s, a.instance);
    case 'StartInstanceRefresh':
      return startInstanceRefresh(c, s, world);
    case 'SuspendProcesses':
      return asgState(s.members, true);
    case 'ResumeProcesses':
      return asgState(s.members, false);
    case 'InstanceRunning':
      return instanceRunning(c, s, a.instance);
    case 'InstanceTerminated':
      return instanceTerminated(c, s, a.instance);
    case 'Tick':
      return tickMembers(c, s, world);
    default:
      return assertNever(a);
  }
}

/** `s` with member slot `k` replaced by `m`. */
function put(s: AsgState, k: number, m: AsgMember): AsgState {
  if (s.members[k] === m) return s;
  const members = s.members.slice();
  members[k] = m;
  return asgState(members, s.suspended);
}

/** Marks member `i` Unhealthy (sticky) and clears its impaired count. */
function asgMarkUnhealthy(c: AsgConfig, s: AsgState, i: number): AsgState {
  const k = i - c.first;
  const m = s.members[k];
  return put(s, k, member(true, m.replace, m.grace, 0, m.age));
}

/** Every current member becomes due for replacement. */
function startInstanceRefresh(c: AsgConfig, s: AsgState, world: World): AsgState {
  const ins = (world[EC2] as Ec2State).instances;
  let next: AsgMember[] | undefined;
  for (let k = 0; k < c.slots; k++) {
    const m = s.members[k];
    if (!m.replace && inGroup(ins[c.first + k].state)) {
      next ??= s.members.slice();
      next[k] = member(m.unhealthy, true, m.grace, m.impaired, m.age);
    }
  }
  return next === undefined ? s : asgState(next, s.suspended);
}

/** InService: the grace period starts (AWS: after any launch lifecycle hook). */
function instanceRunning(c: AsgConfig, s: AsgState, i: number): AsgState {
  const k = i - c.first;
  if (k < 0 || k >= c.slots) return s;
  const m = s.members[k];
  return put(s, k, member(m.unhealthy, m.replace, c.graceTicks, 0, m.age));
}

/** A terminated instance of the group frees its member slot. */
function instanceTerminated(c: AsgConfig, s: AsgState, i: number): AsgState {
  const k = i - c.first;
  return k < 0 || k >= c.slots ? s : put(s, k, c.free);
}

/** One tick: grace counts down; impaired time counts up (to hi) or resets; age counts up to the lifetime. */
function tickMembers(c: AsgConfig, s: AsgState, world: World): AsgState {
  const ins = (world[EC2] as Ec2State).instances;
  const first = c.first;
  const hiTicks = c.hiTicks;
  const lifeTicks = c.lifeTicks;
  let next: AsgMember[] | undefined;
  for (let k = 0; k < c.slots; k++) {
    const m = s.members[k];
    const st = ins[first + k].state;
    let { grace, impaired, age, replace } = m;
    if (grace > 0) grace--;
    else if (!m.unhealthy && st === 'running' && isImpaired(world, first + k)) {
      if (impaired < hiTicks) impaired++;
    } else impaired = 0;
    if (lifeTicks > 0 && age < lifeTicks && inGroup(st)) {
      age++;
      if (age === lifeTicks) replace = true;
    }
    if (grace !== m.grace || impaired !== m.impaired || age !== m.age) {
      next ??= s.members.slice();
      next[k] = member(m.unhealthy, replace, grace, impaired, age);
    }
  }
  return next === undefined ? s : asgState(next, s.suspended);
}
