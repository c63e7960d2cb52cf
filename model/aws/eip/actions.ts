/**
 * The eip component's actions: their types, the unions eip originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { InstanceTerminated } from '../ec2/index.js';

interface OnAddress<T extends string, K extends 'op' | 'fault'> {
  readonly type: T;
  readonly kind: K;
  readonly eip: number;
}
interface ToInstance<T extends string, K extends 'op' | 'fault'> extends OnAddress<T, K> {
  readonly instance: number;
}
export type AllocateAddress = OnAddress<'AllocateAddress', 'op'>;
export type ReleaseAddress = OnAddress<'ReleaseAddress', 'op'>;
export type AssociateAddress = ToInstance<'AssociateAddress', 'op'>;
export type DisassociateAddress = OnAddress<'DisassociateAddress', 'op'>;
/** The failover script's remap to a healthy instance. */
export type RemapAddress = ToInstance<'RemapAddress', 'op'>;
/** A second controller's associate (split brain). */
export type ConflictingAssociate = ToInstance<'ConflictingAssociate', 'fault'>;
export type EipAction = AllocateAddress | ReleaseAddress | AssociateAddress | DisassociateAddress | RemapAddress | ConflictingAssociate;
export type EipSubscribed = EipAction | InstanceTerminated;

export const EIP_OPS = ['AllocateAddress', 'ReleaseAddress', 'AssociateAddress', 'DisassociateAddress', 'RemapAddress'] as const;
export const EIP_FAULTS = ['ConflictingAssociate'] as const;
/** The ops that count as recovery (compose's `recovery` option). */
export const EIP_RECOVERY = ['RemapAddress'] as const;
export type EipOpType = (typeof EIP_OPS)[number];
export type EipFaultType = (typeof EIP_FAULTS)[number];

export const allocateAddress = (eip: number): AllocateAddress => ({ type: 'AllocateAddress', kind: 'op', eip });
export const releaseAddress = (eip: number): ReleaseAddress => ({ type: 'ReleaseAddress', kind: 'op', eip });
export const associateAddress = (eip: number, instance: number): AssociateAddress => ({ type: 'AssociateAddress', kind: 'op', eip, instance });
export const disassociateAddress = (eip: number): DisassociateAddress => ({ type: 'DisassociateAddress', kind: 'op', eip });
export const remapAddress = (eip: number, instance: number): RemapAddress => ({ type: 'RemapAddress', kind: 'op', eip, instance });
export const conflictingAssociate = (eip: number, instance: number): ConflictingAssociate => ({ type: 'ConflictingAssociate', kind: 'fault', eip, instance });
