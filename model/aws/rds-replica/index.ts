/**
 * An Amazon RDS cross-Region read replica (aws-semantics §8, INV-RDS-2): a DB instance in
 * another Region that replicates an rds instance (`source`) asynchronously, and that a
 * disaster-recovery runbook promotes to a standalone instance when the source's Region fails.
 *
 * A cross-Region read replica is a DB instance of its own, in its own Region, with its own
 * endpoint [RR1]; promoting it is an RDS API call (PromoteReadReplica) to the replica's
 * Region [RR2], so it is an instance here too: `rdsReplica({ name: 'dbEast', source: 'db',
 * sourceRegion: 'west', uses: { region: 'east', controlPlane: 'eastCp' } })`, and compose gates
 * its promotion on the control plane of the Region it is in.
 *
 * - Replication is asynchronous [RR1]: `CrossRegionReplicaApply` applies the source's next
 *   acknowledged write whenever replication flows (the source's instance runs and its Region
 *   is up), with a lag that is nondeterministic but bounded: a write still unapplied after
 *   `lagSeconds` is applied before the next `Tick`. AWS publishes no bound for it (its
 *   `ReplicaLag` metric measures it), so the bound is the design's, a parameter. The apply
 *   is AWS's own data-plane work with a ranged delay: it declares `mayDefer`, so prompt
 *   control (`faultline check`'s default) and recovery paths let time pass while it waits,
 *   up to the bound, and the search meets every lag from 0 to `lagSeconds` (before this, an
 *   apply was due at once under prompt control: no write ever aged, the worst RPO found was
 *   0 s). Ages stop while the source is down: they measure each write's age at the failure.
 * - `PromoteCrossRegionReplica` (the runbook's, with `runbook: ['promote']`; list it in
 *   compose's `recovery`): while the source accepts no writes, the replica becomes a standalone
 *   instance the application writes to; the acknowledged writes it had not applied are lost
 *   (`lost`), the oldest of them `lossAge` ticks old at the failure: the recovery point.
 *   Promotion is instant here (it takes minutes in AWS [RR2]: add them to the RTO by hand).
 * - The replica's own Region down: nothing applies, nothing is promoted.
 *
 * Planes: `PromoteCrossRegionReplica` is an RDS API call: control. Replication is data.
 * Not modelled: the replica's reads, writes after promotion, re-creating a replica, the
 * promotion's duration, Aurora global databases (managed failover, ~1 s lag).
 *
 * Sources: [RR1] https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html
 * · [RR2] https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html
 * · [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { regionUp } from '../region/index.js';
import { RDS_REPLICA_CONTROLS, RDS_REPLICA_OPS, type RdsReplicaAction, type RdsReplicaSubscribed } from './actions.js';
import { rdsReplicaActions, rdsReplicaMayDefer, rdsReplicaTicking } from './enabled.js';
import { RDS_REPLICA_DEFAULT_TICK_SECONDS, RDS_REPLICA_PARAMETERS, initialRdsReplica, resolveRdsReplicaOptions, type RdsReplicaOptions } from './options.js';
import { reduceRdsReplica } from './reduce.js';
import { RDS_REPLICA, rdsReplicaSchema, type RdsReplicaState } from './state.js';

export {
  RDS_REPLICA_CONTROLS, RDS_REPLICA_OPS, RDS_REPLICA_RECOVERY, crossRegionReplicaApply, promoteCrossRegionReplica,
  type CrossRegionReplicaApply, type PromoteCrossRegionReplica, type RdsReplicaAction, type RdsReplicaSubscribed,
} from './actions.js';
export { rdsReplicaSlice, recoveryPointSeconds, replicaPromoted, writesLostByPromotion } from './reads.js';
export { RDS_REPLICA, rdsReplicaSchema, type RdsReplicaState } from './state.js';
export type { RdsReplicaOptions, RdsReplicaRunbookStep } from './options.js';

/** Each action's plane (see the module comment). */
const RDS_REPLICA_PLANES: Readonly<Record<RdsReplicaAction['type'], Plane>> = {
  CrossRegionReplicaApply: 'data', PromoteCrossRegionReplica: 'control',
};

/**
 * The RDS cross-Region read replica component.
 *
 * @example
 * const replica = rdsReplica({ name: 'dbEast', source: 'db', sourceRegion: 'west', lagSeconds: 300, runbook: ['promote'], uses: { region: 'east' } });
 */
export function rdsReplica<const N extends string>(options: RdsReplicaOptions & InstanceOptions<N> & { readonly name: N }): Component<RdsReplicaState, RdsReplicaSubscribed, N>;
export function rdsReplica(options?: RdsReplicaOptions & InstanceOptions<'rdsReplica'>): Component<RdsReplicaState, RdsReplicaSubscribed, 'rdsReplica'>;
export function rdsReplica(options: RdsReplicaOptions & InstanceOptions = {}): Component<RdsReplicaState, RdsReplicaSubscribed, string> {
  return instance(rdsReplicaComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `rdsReplica` makes it the instance its options name. */
function rdsReplicaComponent(options: RdsReplicaOptions): Component<RdsReplicaState, RdsReplicaSubscribed, 'rdsReplica'> {
  const c = resolveRdsReplicaOptions(options);
  const initial = initialRdsReplica(c);
  return {
    name: RDS_REPLICA,
    schema: rdsReplicaSchema(c.N, c.lagTicks, c.tickSeconds),
    parameters: RDS_REPLICA_PARAMETERS,
    catalog: { op: RDS_REPLICA_OPS, fault: [], control: RDS_REPLICA_CONTROLS, plane: RDS_REPLICA_PLANES },
    subscribes: [...RDS_REPLICA_OPS, ...RDS_REPLICA_CONTROLS, 'Tick'],
    tickSeconds: options.tickSeconds ?? RDS_REPLICA_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => rdsReplica({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => rdsReplicaActions(c, world, out as RdsReplicaAction[]),
    reduce: (s, a, world) => reduceRdsReplica(c, s, a, world),
    ticking: (s, world) => rdsReplicaTicking(c, s, world),
    // The lag is a range (0..lagSeconds): time may pass while an apply is enabled, until the
    // oldest waiting write has aged the whole bound, where it is due before the next tick.
    mayDefer: (s, a) => rdsReplicaMayDefer(c, s, a),
    // A dependent application can write to it once promoted, while its Region is up.
    available: (s, world) => s.promoted && regionUp(world),
  };
}
