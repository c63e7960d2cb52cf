/**
 * The rds component's actions: their types, the unions rds originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { AzOutage } from '../az/index.js';
import type { Tick } from '../../compose/compose.js';

/** The client's write `write` (the next unsent one), acknowledged when durable. */
export interface DbWrite { readonly type: 'DbWrite'; readonly kind: 'op'; readonly write: number }
/** The instance behind the endpoint fails (host, storage connectivity). */
export interface DbInstanceFailure { readonly type: 'DbInstanceFailure'; readonly kind: 'fault' }
/** A Multi-AZ failover ends: the standby is the primary and the endpoint's DNS record points at it. */
export interface DbFailoverComplete { readonly type: 'DbFailoverComplete'; readonly kind: 'control' }
/** RDS brings the failed endpoint instance back on its storage (its zone is up). */
export interface DbInstanceRecover { readonly type: 'DbInstanceRecover'; readonly kind: 'control' }
/** RDS replaces a failed standby in its zone and resynchronises it. */
export interface DbStandbyReplace { readonly type: 'DbStandbyReplace'; readonly kind: 'control' }
/** The read replica applies one pending write. */
export interface DbReplicaApply { readonly type: 'DbReplicaApply'; readonly kind: 'control' }
/** An operator promotes the read replica and points the application at it. */
export interface PromoteReadReplica { readonly type: 'PromoteReadReplica'; readonly kind: 'op' }
/** An operator restores to the latest restorable time into a new instance (new endpoint). */
export interface RestoreToPointInTime { readonly type: 'RestoreToPointInTime'; readonly kind: 'op' }
/** Without automated backups: an operator restores the last manual snapshot into a new instance. */
export interface RestoreFromSnapshot { readonly type: 'RestoreFromSnapshot'; readonly kind: 'op' }

export type RdsOp = DbWrite | PromoteReadReplica | RestoreToPointInTime | RestoreFromSnapshot;
export type RdsControl = DbFailoverComplete | DbInstanceRecover | DbStandbyReplace | DbReplicaApply;
/** Every action rds originates. */
export type RdsAction = RdsOp | DbInstanceFailure | RdsControl;
/** Every action rds reduces. */
export type RdsSubscribed = RdsAction | AzOutage | Tick;

export const RDS_OPS = ['DbWrite', 'PromoteReadReplica', 'RestoreToPointInTime', 'RestoreFromSnapshot'] as const;
export const RDS_FAULTS = ['DbInstanceFailure'] as const;
export const RDS_CONTROLS = ['DbFailoverComplete', 'DbInstanceRecover', 'DbStandbyReplace', 'DbReplicaApply'] as const;

export const dbWrite = (write: number): DbWrite => ({ type: 'DbWrite', kind: 'op', write });
export const dbInstanceFailure = (): DbInstanceFailure => ({ type: 'DbInstanceFailure', kind: 'fault' });
export const dbFailoverComplete = (): DbFailoverComplete => ({ type: 'DbFailoverComplete', kind: 'control' });
export const dbInstanceRecover = (): DbInstanceRecover => ({ type: 'DbInstanceRecover', kind: 'control' });
export const dbStandbyReplace = (): DbStandbyReplace => ({ type: 'DbStandbyReplace', kind: 'control' });
export const dbReplicaApply = (): DbReplicaApply => ({ type: 'DbReplicaApply', kind: 'control' });
export const promoteReadReplica = (): PromoteReadReplica => ({ type: 'PromoteReadReplica', kind: 'op' });
export const restoreToPointInTime = (): RestoreToPointInTime => ({ type: 'RestoreToPointInTime', kind: 'op' });
export const restoreFromSnapshot = (): RestoreFromSnapshot => ({ type: 'RestoreFromSnapshot', kind: 'op' });
