/**
 * What eip enables in a world (its `actions`, in a fixed order: per address, its own
 * actions, then per instance slot the associate, remap and conflicting associate).
 */
import type { World } from '../../compose/component.js';
import { EC2, isHealthy, type Ec2State, type InstanceState } from '../ec2/index.js';
import type { EipAction } from './actions.js';
import type { EipConfig } from './options.js';
import { EIP, type EipState } from './state.js';

/** States an address can be associated with (the API refuses the others). */
function associable(s: InstanceState): boolean {
  return s === 'running' || s === 'stopped';
}

/** Pushes every action eip enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function eipActions(c: EipConfig, world: World, out: EipAction[]): void {
  const xs = (world[EIP] as EipState).addresses;
  const ins = (world[EC2] as Ec2State).instances;
  const slots = c.slots;
  const A = c.A;
  const n = Math.min(slots, ins.length);
  for (let e = 0; e < c.count; e++) {
    const x = xs[e];
    if (!x.allocated) {
      if (c.opAllocate) out.push(A.allocate[e]);
      continue;
    }
    if (x.associated) {
      if (c.opDisassociate) out.push(A.disassociate[e]);
    } else if (c.opRelease) out.push(A.release[e]);
    const movable = c.reassociate || !x.associated; // AllowReassociation=false: the call fails on an associated address
    const failedOver = c.opRemap && !(x.associated && isHealthy(world, x.instance));
    for (let i = 0; i < n; i++) {
      if (x.associated && x.instance === i) continue;
      if (!associable(ins[i].state)) continue;
      if (c.opAssociate && movable) out.push(A.associate[e * slots + i]);
      if (failedOver && c.remapTo[i] && isHealthy(world, i)) out.push(A.remap[e * slots + i]);
      if (c.fConflict && movable) out.push(A.conflict[e * slots + i]);
    }
  }
}
