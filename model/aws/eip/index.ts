/**
 * Elastic IP addresses (aws-semantics §5): static public addresses, allocated to the account
 * (regional), each associated with at most one instance (an ec2 slot), an instance with at
 * most one address.
 *
 * - `AssociateAddress(e, i)` (op): moves `e` to running or stopped instance `i`; an address
 *   already associated elsewhere is moved only with `allowReassociation` (the current API's
 *   default) [P2]; an address `i` already had is disassociated (stays allocated).
 * - `RemapAddress(e, i)` (op): a failover script: while `e`'s instance is not healthy (or `e`
 *   is unassociated) it moves `e` to a healthy instance (a standby or a replacement, among
 *   `remapTo`). List `EIP_RECOVERY` in compose's `recovery` so `recovers` may take it.
 * - `DisassociateAddress(e)`, `AllocateAddress(e)`, `ReleaseAddress(e)` (ops).
 * - `ConflictingAssociate(e, i)` (fault): a second controller associates `e` with `i`, last
 *   writer wins (INV-EIP-2); with `allowReassociation: false` its call fails on an associated
 *   address, so it is only enabled while `e` is unassociated.
 * Reactions: `InstanceTerminated(i)` disassociates `i`'s address, which stays allocated
 * (INV-EIP-3, INV-ASG-5); stop/start and auto-recovery keep it (no reaction). An address
 * whose instance is stopped, failed or in a down zone stays associated and reaches nothing.
 * Not modelled: the EC2 control plane stalling a remap (failing: see Planes), ENIs and
 * private addresses, open connections (they do not follow a remap).
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): every eip action is an EC2 API call (AllocateAddress,
 * ReleaseAddress, AssociateAddress, DisassociateAddress; the failover script's `RemapAddress` and
 * the second controller's `ConflictingAssociate` are AssociateAddress): all control [CP1]. So with
 * a control plane in the composition a remap is impossible while it is impaired (INV-EIP-1: a
 * failover that only works by remapping is not statically stable); traffic to an address
 * already associated is data.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { EIP_FAULTS, EIP_OPS, type EipAction, type EipSubscribed } from './actions.js';
import { eipActions } from './enabled.js';
import { EIP_PARAMETERS, initialEip, resolveEipOptions, type EipOptions } from './options.js';
import { packedEip } from './packed.js';
import { reduceEip } from './reduce.js';
import { EIP, eipSchema, type EipState } from './state.js';

export {
  EIP_FAULTS, EIP_OPS, EIP_RECOVERY, allocateAddress, associateAddress, conflictingAssociate, disassociateAddress, releaseAddress,
  remapAddress,
  type AllocateAddress, type AssociateAddress, type ConflictingAssociate, type DisassociateAddress, type EipAction, type EipFaultType,
  type EipOpType, type EipSubscribed, type ReleaseAddress, type RemapAddress,
} from './actions.js';
export { addressOf, eipReachable, eipReachesHealthy, eipTarget } from './reads.js';
export { EIP, addressSchema, eipSchema, type Address, type EipState } from './state.js';
export type { EipOptions } from './options.js';

/** Each action's plane (see the module comment). */
const EIP_PLANES: Readonly<Record<EipAction['type'], Plane>> = {
  AllocateAddress: 'control', ReleaseAddress: 'control', AssociateAddress: 'control', DisassociateAddress: 'control', RemapAddress: 'control',
  ConflictingAssociate: 'control',
};

/**
 * The Elastic IP component.
 *
 * @example
 * const ip = eip({ associated: [0], ops: ['RemapAddress'], remapTo: [1] });
 * const model = compose([az(), ec2({ initial: [0, 1] }), ip], { recovery: EIP_RECOVERY });
 */
export function eip<const N extends string>(options: EipOptions & InstanceOptions<N> & { readonly name: N }): Component<EipState, EipSubscribed, N>;
export function eip(options?: EipOptions & InstanceOptions<'eip'>): Component<EipState, EipSubscribed, 'eip'>;
export function eip(options: EipOptions & InstanceOptions = {}): Component<EipState, EipSubscribed, string> {
  return instance(eipComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `eip` makes it the instance its options name. */
function eipComponent(options: EipOptions): Component<EipState, EipSubscribed, 'eip'> {
  const c = resolveEipOptions(options);
  const initial = initialEip(c);
  return {
    name: EIP,
    schema: eipSchema(c.count, c.slots),
    parameters: EIP_PARAMETERS,
    catalog: { op: EIP_OPS, fault: EIP_FAULTS, control: [], plane: EIP_PLANES },
    subscribes: [...EIP_OPS, ...EIP_FAULTS, 'InstanceTerminated'],
    init: () => initial,
    actions: (world, out) => eipActions(c, world, out as EipAction[]),
    reduce: (slice, a, world) => reduceEip(c, slice, a, world),
    packed: (layout) => packedEip(c, layout),
  };
}
