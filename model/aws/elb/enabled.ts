/**
 * What elb enables in a world (its `actions`, in a fixed order: per target slot its register,
 * check, deregister or drained action, then per zone its LB node's failure or replacement),
 * and whether one of its countdowns runs (`ticking`).
 */
import { azUp } from '../az/index.js';
import type { World } from '../../compose/component.js';
import { isRunning } from '../ec2/index.js';
import { assertNever } from '../../core/model.js';
import type { ElbAction } from './actions.js';
import type { ElbConfig } from './options.js';
import { nodeUp, reachesTarget } from './reads.js';
import { ELB, type ElbState } from './state.js';

/** Pushes every action elb enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function elbActions(c: ElbConfig, world: World, out: ElbAction[]): void {
  const lb = world[ELB] as ElbState;
  const ts = lb.targets;
  const A = c.A;
  const azs = c.azs;
  const slots = c.slots;
  let checking = false; // health checks need a live node
  for (let z = 0; z < azs; z++) if (nodeUp(world, z)) checking = true;
  for (let i = 0; i < slots; i++) {
    const x = ts[i];
    switch (x.state) {
      case 'unused':
        if (c.opRegister && isRunning(world, i)) out.push(A.register[i]);
        break;
      case 'initial':
      case 'healthy':
      case 'unhealthy':
        if (checking && x.timer === 0) {
          // A check that agrees with the view and ends no run changes nothing: not an action.
          const ok = c.probe(world, i) && reachesTarget(world, i);
          if (x.state === 'initial' || x.run > 0 || ok !== (x.state === 'healthy')) out.push(A.check[i]);
        }
        if (c.opDeregister) out.push(A.deregister[i]);
        break;
      case 'draining':
        if (x.timer === 0) out.push(A.drained[i]);
        break;
      case 'launching':
        break; // registered by the group at InstanceRunning, not by an operator
      default:
        assertNever(x.state);
    }
  }
  for (let z = 0; z < azs; z++) {
    if (!azUp(world, z)) continue;
    if (lb.nodeUp[z]) {
      if (c.fNode) out.push(A.nodeFail[z]);
    } else out.push(A.nodeBack[z]);
  }
}

/** Some target's countdown (next check, drain) is running: `Tick` is enabled. */
export function elbTicking(c: ElbConfig, slice: ElbState): boolean {
  const ts = slice.targets;
  for (let i = 0; i < c.slots; i++) if (ts[i].timer > 0) return true;
  return false;
}
