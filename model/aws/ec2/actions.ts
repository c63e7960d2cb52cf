/**
 * The ec2 component's actions: their types, the unions ec2 originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { AzOutage } from '../az/index.js';
import type { Tick } from '../../compose/compose.js';

/** An action on one instance slot. */
interface OnInstance<T extends string, K extends 'op' | 'fault' | 'control'> {
  readonly type: T;
  readonly kind: K;
  readonly instance: number;
}
/** An operator launches a new instance from the AMI into free slot `instance` in zone `az` (fails without capacity: not enabled). */
export interface LaunchInstance extends OnInstance<'LaunchInstance', 'op'> {
  readonly az: number;
}
/** An Auto Scaling group launches into free slot `instance` in zone `az`; originated by asg, reduced by ec2. */
export interface AsgLaunch extends OnInstance<'AsgLaunch', 'control'> {
  readonly az: number;
}
/** An Auto Scaling group terminates `instance` (-> shutting-down); originated by asg, reduced by ec2. */
export type AsgTerminate = OnInstance<'AsgTerminate', 'control'>;
/** Start a stopped EBS-backed instance (new host; may be refused for capacity). */
export type StartInstance = OnInstance<'StartInstance', 'op'>;
/** Stop a running EBS-backed instance (instance store lost, EBS root kept). */
export type StopInstance = OnInstance<'StopInstance', 'op'>;
/** Reboot: restarts the OS and the application on the same host. */
export type RebootInstance = OnInstance<'RebootInstance', 'op'>;
/** Terminate (-> shutting-down, then `InstanceTerminated`). */
export type TerminateInstance = OnInstance<'TerminateInstance', 'op'>;
/** In-guest shutdown: stops, or terminates with shutdownBehavior terminate or an instance-store root (INV-EC2-6). */
export type OsShutdown = OnInstance<'OsShutdown', 'op'>;
/** The host fails: system status impaired, instance store lost (auto-recovery may follow). */
export type HostFailure = OnInstance<'HostFailure', 'fault'>;
/** The guest OS fails (exhausted memory, bad config): instance status impaired until a reboot. */
export type GuestFailure = OnInstance<'GuestFailure', 'fault'>;
/** The application dies on a running, healthy OS: status checks stay ok. */
export type AppCrash = OnInstance<'AppCrash', 'fault'>;
/** Retirement date reached: an EBS-backed instance is stopped, an instance-store one terminated. */
export type ScheduledRetirement = OnInstance<'ScheduledRetirement', 'fault'>;
/** Boot finished: pending -> running. */
export type InstanceRunning = OnInstance<'InstanceRunning', 'control'>;
/** Stop finished: stopping -> stopped. */
export type InstanceStopped = OnInstance<'InstanceStopped', 'control'>;
/** Termination finished: shutting-down -> terminated (every termination path ends here). */
export type InstanceTerminated = OnInstance<'InstanceTerminated', 'control'>;
/** Simplified automatic recovery: the instance moves to a healthy host (looks like an unplanned reboot). */
export type AutoRecover = OnInstance<'AutoRecover', 'control'>;

export type Ec2Op = LaunchInstance | StartInstance | StopInstance | RebootInstance | TerminateInstance | OsShutdown;
export type Ec2Fault = HostFailure | GuestFailure | AppCrash | ScheduledRetirement;
export type Ec2Control = InstanceRunning | InstanceStopped | InstanceTerminated | AutoRecover;
/** Every action ec2 originates. */
export type Ec2Action = Ec2Op | Ec2Fault | Ec2Control;
/** Every action ec2 reduces. */
export type Ec2Subscribed = Ec2Action | AsgLaunch | AsgTerminate | AzOutage | Tick;

export const EC2_OPS = ['LaunchInstance', 'StartInstance', 'StopInstance', 'RebootInstance', 'TerminateInstance', 'OsShutdown'] as const;
export const EC2_FAULTS = ['HostFailure', 'GuestFailure', 'AppCrash', 'ScheduledRetirement'] as const;
export const EC2_CONTROLS = ['InstanceRunning', 'InstanceStopped', 'InstanceTerminated', 'AutoRecover'] as const;
export type Ec2OpType = Ec2Op['type'];
export type Ec2FaultType = Ec2Fault['type'];

function onInstance<T extends string, K extends 'op' | 'fault' | 'control'>(type: T, kind: K, instance: number): OnInstance<T, K> {
  return { type, kind, instance };
}
export const launchInstance = (instance: number, az: number): LaunchInstance => ({ type: 'LaunchInstance', kind: 'op', instance, az });
export const asgLaunch = (instance: number, az: number): AsgLaunch => ({ type: 'AsgLaunch', kind: 'control', instance, az });
export const asgTerminate = (instance: number): AsgTerminate => onInstance('AsgTerminate', 'control', instance);
export const startInstance = (instance: number): StartInstance => onInstance('StartInstance', 'op', instance);
export const stopInstance = (instance: number): StopInstance => onInstance('StopInstance', 'op', instance);
export const rebootInstance = (instance: number): RebootInstance => onInstance('RebootInstance', 'op', instance);
export const terminateInstance = (instance: number): TerminateInstance => onInstance('TerminateInstance', 'op', instance);
export const osShutdown = (instance: number): OsShutdown => onInstance('OsShutdown', 'op', instance);
export const hostFailure = (instance: number): HostFailure => onInstance('HostFailure', 'fault', instance);
export const guestFailure = (instance: number): GuestFailure => onInstance('GuestFailure', 'fault', instance);
export const appCrash = (instance: number): AppCrash => onInstance('AppCrash', 'fault', instance);
export const scheduledRetirement = (instance: number): ScheduledRetirement => onInstance('ScheduledRetirement', 'fault', instance);
export const instanceRunning = (instance: number): InstanceRunning => onInstance('InstanceRunning', 'control', instance);
export const instanceStopped = (instance: number): InstanceStopped => onInstance('InstanceStopped', 'control', instance);
export const instanceTerminated = (instance: number): InstanceTerminated => onInstance('InstanceTerminated', 'control', instance);
export const autoRecover = (instance: number): AutoRecover => onInstance('AutoRecover', 'control', instance);
