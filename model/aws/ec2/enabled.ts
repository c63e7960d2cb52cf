/**
 * What ec2 enables in a world (its `actions`, in a fixed order: a manual launch per zone, then
 * per slot by lifecycle state) and whether its timers run.
 */
import { azUp } from '../az/index.js';
import { spareHostFor } from '../capacity/index.js';
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { Ec2Action } from './actions.js';
import type { Ec2Config } from './options.js';
import { firstFreeSlot, launchAdmitted, occupiedInAz } from './reads.js';
import { EC2, type Ec2State } from './state.js';

/** Pushes every action ec2 enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function ec2Actions(c: Ec2Config, world: World, out: Ec2Action[]): void {
  const slice = world[EC2] as Ec2State;
  const ins = slice.instances;
  const slots = c.slots;
  const azs = c.azs;
  const A = c.A;
  const faultsLeft = !c.counting || slice.faultsUsed < c.budget;
  if (c.opLaunch) {
    const free = firstFreeSlot(world, c.manualFirstSlot, slots - c.manualFirstSlot);
    if (free >= 0) for (let z = 0; z < azs; z++) if (launchAdmitted(world, z)) out.push(A.launch[free * azs + z]);
  }
  for (let i = 0; i < slots; i++) {
    const x = ins[i];
    switch (x.state) {
      case 'pending':
        if (c.opTerminate) out.push(A.terminate[i]);
        if (x.timer === 0) out.push(A.running[i]);
        break;
      case 'running':
        if (c.opStop) out.push(A.stop[i]);
        if (c.opReboot && !(x.instanceOk && x.appUp)) out.push(A.reboot[i]);
        if (c.opTerminate) out.push(A.terminate[i]);
        if (c.opShutdown) out.push(A.shutdown[i]);
        if (faultsLeft) {
          if (c.fHost && x.systemOk) out.push(A.host[i]);
          if (c.fGuest && x.instanceOk) out.push(A.guest[i]);
          if (c.fApp && x.appUp) out.push(A.app[i]);
          if (c.fRetire) out.push(A.retire[i]);
        }
        if (c.recovers && !x.systemOk && x.timer === 0 && azUp(world, x.az) && spareHostFor(world, x.az, occupiedInAz(world, x.az))) {
          out.push(A.recover[i]);
        }
        break;
      case 'stopping':
        if (c.opTerminate) out.push(A.terminate[i]);
        out.push(A.stopped[i]);
        break;
      case 'stopped':
        if (c.opStart && launchAdmitted(world, x.az)) out.push(A.start[i]);
        if (c.opTerminate) out.push(A.terminate[i]);
        break;
      case 'shutting-down':
        out.push(A.terminated[i]);
        break;
      case 'none':
      case 'terminated':
        break;
      default:
        assertNever(x.state);
    }
  }
}

/** True while some slot's timer runs (boot or recovery delay): a `Tick` would change the slice. */
export function ec2Ticking(c: Ec2Config, s: Ec2State): boolean {
  const ins = s.instances;
  for (let i = 0; i < c.slots; i++) if (ins[i].timer > 0) return true;
  return false;
}
