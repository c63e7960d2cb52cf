/**
 * The asg component on the composed world's code (model/compose/packed.ts): `asgActions`,
 * `reduceAsg` and `asgTicking`, line for line, on ec2's and its own fields.
 */
import type { PackedComponent, PackedLayout, PackedReducer, PackedSlotRead } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import type { Action } from '../../core/model.js';
import { ec2PackedReads, NONE, PENDING, RUNNING, STOPPED, STOPPING, TERMINATED } from '../ec2/index.js';
import { fewestPerZone, mostPerZone } from './enabled.js';
import type { AsgConfig } from './options.js';
import { ASG } from './state.js';

/** `inGroup` on a state's index: pending, running, stopping, stopped. */
function inGroup(st: number): boolean {
  return st === PENDING || st === RUNNING || st === STOPPING || st === STOPPED;
}

/**
 * asg's packed form, or undefined where it has none: a health view (`elbHealthy`) of the
 * caller's own, or a group past ec2's slots (the object functions report that).
 */
export function packedAsg(c: AsgConfig, layout: PackedLayout): PackedComponent | undefined {
  const ec2 = ec2PackedReads(layout);
  if (ec2 === undefined) return undefined;
  const { first, slots, azs, desired, terminateFirst, balancedOnly, refreshOp, suspendFaults, elbType, graceTicks, loTicks, hiTicks, lifeTicks } = c;
  if (first + slots > ec2.slots) return undefined;
  const elbHealthy: PackedSlotRead | undefined = elbType ? layout.read(c.elbHealthy) : undefined;
  if (elbType && elbHealthy === undefined) return undefined;
  const { state, az } = ec2;
  const unhealthyF = layout.field(`${ASG}.members[].unhealthy`);
  const replaceF = layout.field(`${ASG}.members[].replace`);
  const graceF = layout.field(`${ASG}.members[].grace`);
  const impairedF = layout.field(`${ASG}.members[].impaired`);
  const ageF = layout.field(`${ASG}.members[].age`);
  const suspendedF = layout.field(`${ASG}.suspended`);

  // Table: refresh, suspend, resume, then per member its mark, its termination, its launches.
  const table: Action[] = [c.refresh, c.suspend, c.resume, ...c.marks, ...c.terminations, ...c.launches];
  const REFRESH = 0, SUSPEND = 1, RESUME = 2, MARK = 3, TERMINATE = 3 + slots, LAUNCH = 3 + 2 * slots;
  // Members per zone, as `c.perAz` (an Int32Array: a zone past `azs` is neither counted nor found).
  const perAz = new Int32Array(azs);

  const unhealthyNow = (code: Uint32Array, off: number, st: number, k: number): boolean => {
    if (st === STOPPING || st === STOPPED) return true;
    if (st !== RUNNING || graceF.get(code, off, k) > 0) return false;
    if (impairedF.get(code, off, k) >= loTicks && ec2.isImpaired(code, off, first + k)) return true;
    if (!elbType) return false;
    return !elbHealthy!(code, off, first + k);
  };
  const servingAt = (code: Uint32Array, off: number, k: number): boolean =>
    state.get(code, off, first + k) === RUNNING && graceF.get(code, off, k) === 0 && unhealthyF.get(code, off, k) === 0;

  const memberOf = (a: Action): number => (a as unknown as { readonly instance: number }).instance - first;
  const reducers: Record<string, PackedReducer> = {
    AsgMarkUnhealthy: (a, _code, _off, out, o) => {
      const k = memberOf(a);
      unhealthyF.set(out, o, k, 1);
      impairedF.set(out, o, k, 0);
    },
    StartInstanceRefresh: (_a, code, off, out, o) => {
      for (let k = 0; k < slots; k++) if (replaceF.get(code, off, k) === 0 && inGroup(state.get(code, off, first + k))) replaceF.set(out, o, k, 1);
    },
    SuspendProcesses: (_a, _code, _off, out, o) => suspendedF.set(out, o, 1),
    ResumeProcesses: (_a, _code, _off, out, o) => suspendedF.set(out, o, 0),
    InstanceRunning: (a, _code, _off, out, o) => {
      const k = memberOf(a);
      if (k < 0 || k >= slots) return;
      graceF.set(out, o, k, graceTicks);
      impairedF.set(out, o, k, 0);
    },
    InstanceTerminated: (a, _code, _off, out, o) => {
      const k = memberOf(a);
      if (k < 0 || k >= slots) return;
      unhealthyF.set(out, o, k, 0);
      replaceF.set(out, o, k, 0);
      graceF.set(out, o, k, 0);
      impairedF.set(out, o, k, 0);
      ageF.set(out, o, k, 0);
    },
    Tick: (_a, code, off, out, o) => {
      for (let k = 0; k < slots; k++) {
        const st = state.get(code, off, first + k);
        let grace = graceF.get(code, off, k);
        let impaired = impairedF.get(code, off, k);
        let age = ageF.get(code, off, k);
        if (grace > 0) grace--;
        else if (unhealthyF.get(code, off, k) === 0 && st === RUNNING && ec2.isImpaired(code, off, first + k)) {
          if (impaired < hiTicks) impaired++;
        } else impaired = 0;
        graceF.set(out, o, k, grace);
        impairedF.set(out, o, k, impaired);
        if (lifeTicks > 0 && age < lifeTicks && inGroup(st)) {
          age++;
          ageF.set(out, o, k, age);
          if (age === lifeTicks) replaceF.set(out, o, k, 1);
        }
      }
    },
  };

  return {
    table,
    actions(code, off, out, n, base) {
      perAz.fill(0);
      let members = 0;
      let keep = 0;
      let serving = 0;
      let unhealthy = 0;
      let due = 0;
      let toMark = 0;
      let free = -1;
      for (let k = 0; k < slots; k++) {
        const st = state.get(code, off, first + k);
        if (!inGroup(st)) {
          if (free < 0 && (st === NONE || st === TERMINATED)) free = k;
          continue;
        }
        members++;
        if (unhealthyF.get(code, off, k) === 1) {
          unhealthy++;
          continue;
        }
        if (unhealthyNow(code, off, st, k)) toMark |= 1 << k;
        if (replaceF.get(code, off, k) === 1) due++;
        else {
          keep++;
          perAz[az.get(code, off, first + k)]++;
        }
        if (st === RUNNING && graceF.get(code, off, k) === 0) serving++;
      }
      if (refreshOp && due === 0 && members > 0) out[n++] = base + REFRESH;
      const suspended = suspendedF.get(code, off) === 1;
      if (suspendFaults) out[n++] = base + (suspended ? RESUME : SUSPEND);

      // 1. health
      if (toMark !== 0) {
        for (let k = 0; k < slots; k++) if (toMark & (1 << k)) out[n++] = base + MARK + k;
        return n;
      }
      if (suspended) return n;
      // 2. unhealthy members, any of them
      if (unhealthy > 0 && (terminateFirst || serving >= desired || (free < 0 && keep < desired))) {
        for (let k = 0; k < slots; k++) if (unhealthyF.get(code, off, k) === 1 && inGroup(state.get(code, off, first + k))) out[n++] = base + TERMINATE + k;
        return n;
      }
      // 3. replacement launches (`pushPlacements`)
      const short = terminateFirst ? members < desired : keep < desired && members - unhealthy < desired + 1;
      if (short && free >= 0) {
        const at = base + LAUNCH + free * azs;
        if (balancedOnly) {
          const fewest = fewestPerZone(perAz, azs);
          const from = n;
          let placed = true;
          for (let z = 0; z < azs; z++) {
            if (perAz[z] !== fewest) continue;
            if (!ec2.launchAdmitted(code, off, z)) {
              n = from;
              placed = false;
              break;
            }
            out[n++] = at + z;
          }
          if (placed) return n;
        } else {
          let fewest = -1;
          for (let z = 0; z < azs; z++) if ((fewest < 0 || perAz[z] < fewest) && ec2.launchAdmitted(code, off, z)) fewest = perAz[z];
          if (fewest >= 0) {
            for (let z = 0; z < azs; z++) if (perAz[z] === fewest && ec2.launchAdmitted(code, off, z)) out[n++] = at + z;
            return n;
          }
        }
      }
      if (unhealthy > 0) return n;
      // 4. members due for replacement, any of them
      if (due > 0) {
        for (let k = 0; k < slots; k++) {
          if (unhealthyF.get(code, off, k) === 1 || replaceF.get(code, off, k) === 0 || !inGroup(state.get(code, off, first + k))) continue;
          const ok = terminateFirst ? members >= desired && serving === members : serving - (servingAt(code, off, k) ? 1 : 0) >= desired;
          if (ok) out[n++] = base + TERMINATE + k;
        }
        return n;
      }
      const most = mostPerZone(perAz, azs);
      const fewest = fewestPerZone(perAz, azs);
      if (members > desired) {
        // 5. back to desired after a rebalancing launch: from a zone with the most members
        for (let k = 0; k < slots; k++) {
          const i = first + k;
          if (inGroup(state.get(code, off, i)) && perAz[az.get(code, off, i)] === most && serving - (servingAt(code, off, k) ? 1 : 0) >= desired) out[n++] = base + TERMINATE + k;
        }
        return n;
      }
      // 6. rebalance: launch first into an emptiest zone
      if (members === desired && serving === members && free >= 0 && most - fewest > 1) {
        for (let z = 0; z < azs; z++) if (perAz[z] === fewest && ec2.launchAdmitted(code, off, z)) out[n++] = base + LAUNCH + free * azs + z;
      }
      return n;
    },
    reducer: reducerOf('asg', reducers),
    // `markMayWait`: only a mark whose single reason is an impaired check short of hi may wait.
    mayDefer(a, code, off) {
      if (a.type !== 'AsgMarkUnhealthy') return false;
      const i = (a as unknown as { readonly instance: number }).instance;
      const k = i - first;
      if (state.get(code, off, i) !== RUNNING || graceF.get(code, off, k) > 0 || impairedF.get(code, off, k) >= hiTicks || !ec2.isImpaired(code, off, i)) return false;
      if (elbType && !elbHealthy!(code, off, i)) return false;
      return true;
    },
    ticking(code, off) {
      for (let k = 0; k < slots; k++) {
        const st = state.get(code, off, first + k);
        if (graceF.get(code, off, k) > 0) return true;
        const impaired = impairedF.get(code, off, k);
        if (unhealthyF.get(code, off, k) === 0 && st === RUNNING && ec2.isImpaired(code, off, first + k)) {
          if (impaired < hiTicks) return true;
        } else if (impaired > 0) return true;
        if (lifeTicks > 0 && ageF.get(code, off, k) < lifeTicks && inGroup(st)) return true;
      }
      return false;
    },
  };
}
