/**
 * The eip reducer: each case returns the new slice, or `slice` itself when nothing changed.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { InstanceTerminated } from '../ec2/index.js';
import type { EipSubscribed } from './actions.js';
import type { EipConfig } from './options.js';
import { eipState, type Address, type EipState } from './state.js';

/** The slice after `a` (`world` is the world before it, unused: eip reads only its own slice). */
export function reduceEip(c: EipConfig, slice: EipState, a: EipSubscribed, world: World): EipState {
  switch (a.type) {
    case 'AllocateAddress':
    case 'DisassociateAddress':
      return put(slice, a.eip, c.free);
    case 'ReleaseAddress':
      return put(slice, a.eip, c.unallocated);
    case 'AssociateAddress':
    case 'RemapAddress':
    case 'ConflictingAssociate':
      return associate(c, slice, a.eip, a.instance);
    case 'InstanceTerminated':
      return instanceTerminated(c, slice, a);
    default:
      return assertNever(a);
  }
}

function put(slice: EipState, e: number, x: Address): EipState {
  const addresses = slice.addresses.slice();
  addresses[e] = x;
  return eipState(addresses);
}
/** `e` now points at `i`; an address `i` had before is disassociated. */
function associate(c: EipConfig, slice: EipState, e: number, i: number): EipState {
  const addresses = slice.addresses.slice();
  for (let f = 0; f < c.count; f++) if (addresses[f].associated && addresses[f].instance === i) addresses[f] = c.free;
  addresses[e] = c.bound[i];
  return eipState(addresses);
}
/** The terminated instance's address is disassociated; it stays allocated. */
function instanceTerminated(c: EipConfig, slice: EipState, a: InstanceTerminated): EipState {
  const e = addressOfIn(c, slice, a.instance);
  return e < 0 ? slice : put(slice, e, c.free);
}
function addressOfIn(c: EipConfig, slice: EipState, i: number): number {
  for (let e = 0; e < c.count; e++) if (slice.addresses[e].associated && slice.addresses[e].instance === i) return e;
  return -1;
}
