/**
 * The ec2 component on the composed world's code (model/compose/packed.ts), and its reads for
 * the components that look at instances (asg, elb): `isImpaired`, `isHealthy`, `launchAdmitted`
 * and the slot fields, on codes.
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf, registerPackedRead } from '../../compose/packed.js';
import type { FieldAccessor } from '../../core/accessors.js';
import type { Action } from '../../core/model.js';
import { azPackedReads } from '../az/index.js';
import { capacityPackedReads } from '../capacity/index.js';
import type { Ec2Config } from './options.js';
import { isHealthy } from './reads.js';
import { EC2, INSTANCE_STATES, type InstanceState } from './state.js';

/** Instance states by their index in the code. */
export const [NONE, PENDING, RUNNING, STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED] = INSTANCE_STATES.map((_, i) => i);
const stateIndex = (s: InstanceState): number => INSTANCE_STATES.indexOf(s);

/** Holds a host: pending, running, stopping, shutting-down (`holdsCapacityState`). */
function holdsHost(st: number): boolean {
  return st === PENDING || st === RUNNING || st === STOPPING || st === SHUTTING_DOWN;
}

/** ec2's slot fields and reads on codes (`i` an ec2 slot, `z` a zone). */
export interface Ec2PackedReads {
  readonly slots: number;
  readonly state: FieldAccessor;
  readonly az: FieldAccessor;
  /** `isImpaired(world, i)`. */
  isImpaired(code: Uint32Array, off: number, i: number): boolean;
  /** `isHealthy(world, i)`. */
  isHealthy(code: Uint32Array, off: number, i: number): boolean;
  /** `isRunning(world, i)`. */
  isRunning(code: Uint32Array, off: number, i: number): boolean;
  /** `occupiedInAz(world, z)`. */
  occupiedInAz(code: Uint32Array, off: number, z: number): number;
  /** `launchAdmitted(world, z)`. */
  launchAdmitted(code: Uint32Array, off: number, z: number): boolean;
  /** `spareHostFor(world, z, occupiedInAz(world, z))` (auto-recovery onto a spare host). */
  spareHost(code: Uint32Array, off: number, z: number): boolean;
}

/** The reads on `layout`, or undefined without an ec2 slice (or with a Region: see azPackedReads). */
export function ec2PackedReads(layout: PackedLayout): Ec2PackedReads | undefined {
  const zone = azPackedReads(layout);
  if (zone === undefined || !layout.has(EC2)) return undefined;
  const capacity = capacityPackedReads(layout);
  const slots = layout.length(`${EC2}.instances`);
  const state = layout.field(`${EC2}.instances[].state`);
  const az = layout.field(`${EC2}.instances[].az`);
  const systemOk = layout.field(`${EC2}.instances[].systemOk`);
  const instanceOk = layout.field(`${EC2}.instances[].instanceOk`);
  const appUp = layout.field(`${EC2}.instances[].appUp`);
  // The root device is a constant of the slice (an enum of one value).
  const ebsRoot = layout.field(`${EC2}.rootDevice`).values![0] === 'ebs';
  const occupiedInAz = (code: Uint32Array, off: number, z: number): number => {
    let n = 0;
    for (let i = 0; i < slots; i++) if (az.get(code, off, i) === z && holdsHost(state.get(code, off, i))) n++;
    return n;
  };
  return {
    slots,
    state,
    az,
    isImpaired(code, off, i) {
      return state.get(code, off, i) === RUNNING && !(systemOk.get(code, off, i) === 1 && instanceOk.get(code, off, i) === 1 && zone.up(code, off, az.get(code, off, i)));
    },
    isHealthy(code, off, i) {
      if (state.get(code, off, i) !== RUNNING || systemOk.get(code, off, i) === 0 || instanceOk.get(code, off, i) === 0 || appUp.get(code, off, i) === 0) return false;
      const z = az.get(code, off, i);
      return zone.up(code, off, z) && (!ebsRoot || zone.ebsOk(code, off, z));
    },
    isRunning: (code, off, i) => state.get(code, off, i) === RUNNING,
    occupiedInAz,
    launchAdmitted(code, off, z) {
      return zone.up(code, off, z) && (!ebsRoot || zone.ebsOk(code, off, z)) && capacity.admits(code, off, z, occupiedInAz(code, off, z));
    },
    spareHost: (code, off, z) => capacity.spareHostFor(code, off, z, occupiedInAz(code, off, z)),
  };
}

registerPackedRead(isHealthy, (layout) => ec2PackedReads(layout)?.isHealthy);

/** ec2's packed form (see `ec2Actions`, `reduceEc2` and `ec2Ticking`). */
export function packedEc2(c: Ec2Config, layout: PackedLayout): PackedComponent | undefined {
  const r = ec2PackedReads(layout);
  const zone = azPackedReads(layout);
  if (r === undefined || zone === undefined) return undefined;
  const { slots, azs, A } = c;
  const { state, az } = r;
  const systemOk = layout.field(`${EC2}.instances[].systemOk`);
  const instanceOk = layout.field(`${EC2}.instances[].instanceOk`);
  const appUp = layout.field(`${EC2}.instances[].appUp`);
  const storeData = layout.field(`${EC2}.instances[].storeData`);
  const timer = layout.field(`${EC2}.instances[].timer`);
  const faultsUsed = layout.field(`${EC2}.faultsUsed`);

  // Table: the launches (slot-major, as `A.launch`), then one block of `slots` per kind below.
  const kinds = [A.start, A.stop, A.reboot, A.terminate, A.shutdown, A.host, A.guest, A.app, A.retire, A.running, A.stopped, A.terminated, A.recover];
  const table: Action[] = [...A.launch];
  for (const list of kinds) table.push(...list);
  const block = (k: number): number => slots * azs + k * slots;
  const [START, STOP, REBOOT, TERMINATE, SHUTDOWN, HOST, GUEST, APP, RETIRE, RUN, STOPPED_, TERMINATED_, RECOVER] = kinds.map((_, k) => block(k));
  const { opLaunch, opStart, opStop, opReboot, opTerminate, opShutdown, fHost, fGuest, fApp, fRetire, recovers, counting, budget, manualFirstSlot, bootTicks, recoveryTicks } = c;
  const shutdownState = stateIndex(c.shutdownState);
  const retireState = stateIndex(c.retireState);

  /** Writes slot `i` whole. */
  const write = (out: Uint32Array, o: number, i: number, st: number, z: number, sys: number, inst: number, app: number, store: number, t: number): void => {
    state.set(out, o, i, st);
    az.set(out, o, i, z);
    systemOk.set(out, o, i, sys);
    instanceOk.set(out, o, i, inst);
    appUp.set(out, o, i, app);
    storeData.set(out, o, i, store);
    timer.set(out, o, i, t);
  };
  /** `leaving`: the slot enters `st`, its instance store lost and timer cleared. */
  const leave = (out: Uint32Array, o: number, i: number, st: number): void => {
    state.set(out, o, i, st);
    storeData.set(out, o, i, 0);
    timer.set(out, o, i, 0);
  };
  /** A fault of ec2's own budget (`faultBudget`). */
  const countFault = (code: Uint32Array, off: number, out: Uint32Array, o: number): void => {
    if (counting) faultsUsed.set(out, o, faultsUsed.get(code, off) + 1);
  };
  const slotOf = (a: Action): number => (a as unknown as { readonly instance: number }).instance;
  const launch: PackedReducer = (a, _code, _off, out, o) => write(out, o, slotOf(a), PENDING, (a as unknown as { readonly az: number }).az, 1, 1, 1, 1, bootTicks);
  const terminate: PackedReducer = (a, code, off, out, o) => {
    const i = slotOf(a);
    const st = state.get(code, off, i);
    if (st !== NONE && st !== SHUTTING_DOWN && st !== TERMINATED) leave(out, o, i, SHUTTING_DOWN);
  };
  const reducers: Record<string, PackedReducer> = {
    LaunchInstance: launch,
    AsgLaunch: launch,
    StartInstance: (a, code, off, out, o) => {
      const i = slotOf(a);
      write(out, o, i, PENDING, az.get(code, off, i), 1, 1, 1, 0, bootTicks);
    },
    StopInstance: (a, _code, _off, out, o) => leave(out, o, slotOf(a), STOPPING),
    RebootInstance: (a, _code, _off, out, o) => {
      const i = slotOf(a);
      instanceOk.set(out, o, i, 1);
      appUp.set(out, o, i, 1);
    },
    TerminateInstance: terminate,
    AsgTerminate: terminate,
    OsShutdown: (a, _code, _off, out, o) => leave(out, o, slotOf(a), shutdownState),
    HostFailure: (a, code, off, out, o) => {
      const i = slotOf(a);
      systemOk.set(out, o, i, 0);
      storeData.set(out, o, i, 0);
      timer.set(out, o, i, recoveryTicks);
      countFault(code, off, out, o);
    },
    GuestFailure: (a, code, off, out, o) => {
      instanceOk.set(out, o, slotOf(a), 0);
      countFault(code, off, out, o);
    },
    AppCrash: (a, code, off, out, o) => {
      appUp.set(out, o, slotOf(a), 0);
      countFault(code, off, out, o);
    },
    ScheduledRetirement: (a, code, off, out, o) => {
      leave(out, o, slotOf(a), retireState);
      countFault(code, off, out, o);
    },
    InstanceRunning: (a, _code, _off, out, o) => {
      const i = slotOf(a);
      state.set(out, o, i, RUNNING);
      timer.set(out, o, i, 0);
    },
    InstanceStopped: (a, code, off, out, o) => {
      const i = slotOf(a);
      write(out, o, i, STOPPED, az.get(code, off, i), 1, 1, 1, 0, 0);
    },
    InstanceTerminated: (a, _code, _off, out, o) => write(out, o, slotOf(a), TERMINATED, -1, 1, 1, 1, 0, 0),
    AutoRecover: (a, _code, _off, out, o) => {
      // Looks like an unplanned reboot on a new host: OS and app restart; the store stays lost.
      const i = slotOf(a);
      state.set(out, o, i, RUNNING);
      systemOk.set(out, o, i, 1);
      instanceOk.set(out, o, i, 1);
      appUp.set(out, o, i, 1);
      timer.set(out, o, i, 0);
    },
    AzOutage: (a, code, off, out, o) => {
      const z = (a as unknown as { readonly az: number }).az;
      for (let i = 0; i < slots; i++) {
        if (az.get(code, off, i) === z && storeData.get(code, off, i) === 1 && holdsHost(state.get(code, off, i))) storeData.set(out, o, i, 0);
      }
    },
    Tick: (_a, code, off, out, o) => {
      for (let i = 0; i < slots; i++) {
        const t = timer.get(code, off, i);
        if (t > 0) timer.set(out, o, i, t - 1);
      }
    },
  };

  return {
    table,
    actions(code, off, out, n, base) {
      const faultsLeft = !counting || faultsUsed.get(code, off) < budget;
      if (opLaunch) {
        let free = -1;
        for (let i = manualFirstSlot; i < slots; i++) {
          const st = state.get(code, off, i);
          if (st === NONE || st === TERMINATED) {
            free = i;
            break;
          }
        }
        if (free >= 0) for (let z = 0; z < azs; z++) if (r.launchAdmitted(code, off, z)) out[n++] = base + free * azs + z;
      }
      for (let i = 0; i < slots; i++) {
        const at = base + i;
        switch (state.get(code, off, i)) {
          case PENDING:
            if (opTerminate) out[n++] = at + TERMINATE;
            if (timer.get(code, off, i) === 0) out[n++] = at + RUN;
            break;
          case RUNNING: {
            if (opStop) out[n++] = at + STOP;
            if (opReboot && !(instanceOk.get(code, off, i) === 1 && appUp.get(code, off, i) === 1)) out[n++] = at + REBOOT;
            if (opTerminate) out[n++] = at + TERMINATE;
            if (opShutdown) out[n++] = at + SHUTDOWN;
            const sys = systemOk.get(code, off, i) === 1;
            if (faultsLeft) {
              if (fHost && sys) out[n++] = at + HOST;
              if (fGuest && instanceOk.get(code, off, i) === 1) out[n++] = at + GUEST;
              if (fApp && appUp.get(code, off, i) === 1) out[n++] = at + APP;
              if (fRetire) out[n++] = at + RETIRE;
            }
            if (recovers && !sys && timer.get(code, off, i) === 0) {
              const z = az.get(code, off, i);
              if (zone.up(code, off, z) && r.spareHost(code, off, z)) out[n++] = at + RECOVER;
            }
            break;
          }
          case STOPPING:
            if (opTerminate) out[n++] = at + TERMINATE;
            out[n++] = at + STOPPED_;
            break;
          case STOPPED:
            if (opStart && r.launchAdmitted(code, off, az.get(code, off, i))) out[n++] = at + START;
            if (opTerminate) out[n++] = at + TERMINATE;
            break;
          case SHUTTING_DOWN:
            out[n++] = at + TERMINATED_;
            break;
        }
      }
      return n;
    },
    reducer: reducerOf('ec2', reducers),
    ticking(code, off) {
      for (let i = 0; i < slots; i++) if (timer.get(code, off, i) > 0) return true;
      return false;
    },
  };
}
