/**
 * The asg component's own actions (`AsgLaunch`/`AsgTerminate` are ec2's), the unions asg
 * originates and reduces, and their creators. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';
import type { AsgLaunch, AsgTerminate, InstanceRunning, InstanceTerminated } from '../ec2/index.js';

/** The group marks member `instance` Unhealthy (sticky): it will be replaced. */
export interface AsgMarkUnhealthy {
  readonly type: 'AsgMarkUnhealthy';
  readonly kind: 'control';
  readonly instance: number;
}
/** An operator starts an instance refresh: every current member is due for replacement. */
export interface StartInstanceRefresh {
  readonly type: 'StartInstanceRefresh';
  readonly kind: 'op';
}
/**
 * An operator suspends the group's Launch and ReplaceUnhealthy processes (a documented cause
 * of groups that stop replacing instances): kind fault, enabled by `suspendFaults`.
 */
export interface SuspendProcesses {
  readonly type: 'SuspendProcesses';
  readonly kind: 'fault';
}
/** The processes are resumed (a repair: fault-kind, so once faults stop it stays suspended). */
export interface ResumeProcesses {
  readonly type: 'ResumeProcesses';
  readonly kind: 'fault';
}
export const suspendProcesses = (): SuspendProcesses => ({ type: 'SuspendProcesses', kind: 'fault' });
export const resumeProcesses = (): ResumeProcesses => ({ type: 'ResumeProcesses', kind: 'fault' });

/** Every action asg originates. */
export type AsgAction = AsgLaunch | AsgTerminate | AsgMarkUnhealthy | StartInstanceRefresh | SuspendProcesses | ResumeProcesses;
/** Every action asg reduces. */
export type AsgSubscribed = AsgMarkUnhealthy | StartInstanceRefresh | SuspendProcesses | ResumeProcesses | InstanceRunning | InstanceTerminated | Tick;

export const asgMarkUnhealthy = (instance: number): AsgMarkUnhealthy => ({ type: 'AsgMarkUnhealthy', kind: 'control', instance });
export const startInstanceRefresh = (): StartInstanceRefresh => ({ type: 'StartInstanceRefresh', kind: 'op' });
