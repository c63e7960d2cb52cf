/**
 * The rdsReplica component's actions: their types, the unions it originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';

/** The cross-Region replica applies the source's next acknowledged write (asynchronous replication). */
export interface CrossRegionReplicaApply { readonly type: 'CrossRegionReplicaApply'; readonly kind: 'control' }
/**
 * The runbook promotes the cross-Region replica to a standalone instance and points the
 * application at it (PromoteReadReplica, an RDS API call in the replica's Region).
 */
export interface PromoteCrossRegionReplica { readonly type: 'PromoteCrossRegionReplica'; readonly kind: 'op' }

/** Every action rdsReplica originates. */
export type RdsReplicaAction = CrossRegionReplicaApply | PromoteCrossRegionReplica;
/** Every action rdsReplica reduces. */
export type RdsReplicaSubscribed = RdsReplicaAction | Tick;

export const RDS_REPLICA_OPS = ['PromoteCrossRegionReplica'] as const;
export const RDS_REPLICA_CONTROLS = ['CrossRegionReplicaApply'] as const;
/** The recovery ops (list them in compose's `recovery`: the runbook is how the design recovers). */
export const RDS_REPLICA_RECOVERY = ['PromoteCrossRegionReplica'] as const;

export const crossRegionReplicaApply = (): CrossRegionReplicaApply => ({ type: 'CrossRegionReplicaApply', kind: 'control' });
export const promoteCrossRegionReplica = (): PromoteCrossRegionReplica => ({ type: 'PromoteCrossRegionReplica', kind: 'op' });
