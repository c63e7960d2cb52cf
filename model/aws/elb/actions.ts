/**
 * The elb component's actions: their types, the unions elb originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';
import type { AsgLaunch, AsgTerminate, InstanceRunning, InstanceTerminated } from '../ec2/index.js';

interface OnTarget<T extends string, K extends 'op' | 'control'> {
  readonly type: T;
  readonly kind: K;
  readonly instance: number;
}
/** An operator registers running instance `instance` as a target (-> initial). */
export type RegisterTarget = OnTarget<'RegisterTarget', 'op'>;
/** An operator deregisters a target (-> draining for the deregistration delay). */
export type DeregisterTarget = OnTarget<'DeregisterTarget', 'op'>;
/** The LB health-checks a target and updates its view. */
export type TargetHealthCheck = OnTarget<'TargetHealthCheck', 'control'>;
/** The deregistration delay ran out: the target is no longer registered. */
export type TargetDrained = OnTarget<'TargetDrained', 'control'>;
/** The LB node in zone `az` fails: clients resolving to it fail until it is replaced. */
export interface LbNodeFailure {
  readonly type: 'LbNodeFailure';
  readonly kind: 'fault';
  readonly az: number;
}
/** AWS replaces the failed LB node in zone `az` (needs the zone up). */
export interface LbNodeReplaced {
  readonly type: 'LbNodeReplaced';
  readonly kind: 'control';
  readonly az: number;
}
export type ElbAction = RegisterTarget | DeregisterTarget | TargetHealthCheck | TargetDrained | LbNodeFailure | LbNodeReplaced;
/** Every action elb reduces. */
export type ElbSubscribed = ElbAction | InstanceTerminated | AsgLaunch | InstanceRunning | AsgTerminate | Tick;

export const ELB_OPS = ['RegisterTarget', 'DeregisterTarget'] as const;
export const ELB_FAULTS = ['LbNodeFailure'] as const;
export const ELB_CONTROLS = ['TargetHealthCheck', 'TargetDrained', 'LbNodeReplaced'] as const;
export type ElbOpType = (typeof ELB_OPS)[number];
export type ElbFaultType = (typeof ELB_FAULTS)[number];

export const registerTarget = (instance: number): RegisterTarget => ({ type: 'RegisterTarget', kind: 'op', instance });
export const deregisterTarget = (instance: number): DeregisterTarget => ({ type: 'DeregisterTarget', kind: 'op', instance });
export const targetHealthCheck = (instance: number): TargetHealthCheck => ({ type: 'TargetHealthCheck', kind: 'control', instance });
export const targetDrained = (instance: number): TargetDrained => ({ type: 'TargetDrained', kind: 'control', instance });
export const lbNodeFailure = (az: number): LbNodeFailure => ({ type: 'LbNodeFailure', kind: 'fault', az });
export const lbNodeReplaced = (az: number): LbNodeReplaced => ({ type: 'LbNodeReplaced', kind: 'control', az });
