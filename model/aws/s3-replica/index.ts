/**
 * Amazon S3 Cross-Region Replication (aws-semantics §7, "Replication"): a destination bucket in
 * another Region that receives the source bucket's new object versions asynchronously, with
 * or without S3 Replication Time Control (RTC).
 *
 * The destination is a bucket of its own, in its own Region [S3R1], so it is an instance here:
 * `s3Replica({ name: 'bucketEast', source: 'bucket', sourceRegion: 'west', replicationTimeControl:
 * true, uses: { region: 'east' } })`.
 * - `S3ReplicateObject(k)` (AWS's own work: control kind, data plane) copies key `k`'s next good
 *   write to the destination whenever replication flows (the source's Region and the
 *   destination's are up): asynchronous, "most objects replicate within 15 minutes" without RTC,
 *   with no bound [S3R1]; with RTC, "99.99 percent of new objects ... within 15 minutes" [S3R2]:
 *   a write still unreplicated after 15 minutes is replicated at that `Tick` (the 0.01 % is not
 *   modelled). Without RTC the ages go one tick past 15 minutes, meaning "older, unbounded".
 * - Replication is S3's own data-plane work with a ranged delay: `S3ReplicateObject` declares
 *   `mayDefer`, so prompt control (`faultline check`'s default) and recovery paths let time pass
 *   while it waits (with RTC until the 15 minutes, when it is due before the next `Tick`;
 *   without, for as long as time runs). Before this, under prompt control every write
 *   replicated before time passed: the worst object RPO found was 0 s.
 * - Ages stop while the source's Region is down: what the destination lacks then is what a
 *   Region failover loses, and `objectRecoveryPointSeconds` is its age at the failure.
 * Needs versioning on both buckets (AWS); the source's versioning is its own option.
 * Not modelled: replication of deletes and delete markers (off by default [S3R1]) and of
 * accidental overwrites, existing objects (Batch Replication), the destination's own writes,
 * two-way replication, failing back.
 *
 * Sources: [S3R1] https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html
 * · [S3R2] https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { S3_REPLICA_CONTROLS, type S3ReplicaAction, type S3ReplicaSubscribed } from './actions.js';
import { s3ReplicaActions, s3ReplicaMayDefer, s3ReplicaTicking } from './enabled.js';
import { S3_REPLICA_DEFAULT_TICK_SECONDS, S3_REPLICA_PARAMETERS, initialS3Replica, resolveS3ReplicaOptions, type S3ReplicaOptions } from './options.js';
import { reduceS3Replica } from './reduce.js';
import { S3_REPLICA, s3ReplicaSchema, type S3ReplicaState } from './state.js';

export { S3_REPLICA_CONTROLS, s3ReplicateObject, type S3ReplicaAction, type S3ReplicaSubscribed, type S3ReplicateObject } from './actions.js';
export { RTC_SECONDS, type S3ReplicaOptions } from './options.js';
export { objectRecoveryPointSeconds, s3ReplicaSlice } from './reads.js';
export { S3_REPLICA, s3ReplicaSchema, type S3ReplicaState } from './state.js';

/** Replication is S3's data plane (see the module comment). */
const S3_REPLICA_PLANES: Readonly<Record<S3ReplicaAction['type'], Plane>> = { S3ReplicateObject: 'data' };

/**
 * The S3 Cross-Region Replication component (the destination bucket).
 *
 * @example
 * const replica = s3Replica({ name: 'bucketEast', source: 'bucket', sourceRegion: 'west', replicationTimeControl: true, uses: { region: 'east' } });
 */
export function s3Replica<const N extends string>(options: S3ReplicaOptions & InstanceOptions<N> & { readonly name: N }): Component<S3ReplicaState, S3ReplicaSubscribed, N>;
export function s3Replica(options?: S3ReplicaOptions & InstanceOptions<'s3Replica'>): Component<S3ReplicaState, S3ReplicaSubscribed, 's3Replica'>;
export function s3Replica(options: S3ReplicaOptions & InstanceOptions = {}): Component<S3ReplicaState, S3ReplicaSubscribed, string> {
  return instance(s3ReplicaComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `s3Replica` makes it the instance its options name. */
function s3ReplicaComponent(options: S3ReplicaOptions): Component<S3ReplicaState, S3ReplicaSubscribed, 's3Replica'> {
  const c = resolveS3ReplicaOptions(options);
  const initial = initialS3Replica(c);
  return {
    name: S3_REPLICA,
    schema: s3ReplicaSchema(c.keys, c.maxWrites, c.maxAge, c.tickSeconds),
    parameters: S3_REPLICA_PARAMETERS,
    catalog: { op: [], fault: [], control: S3_REPLICA_CONTROLS, plane: S3_REPLICA_PLANES },
    subscribes: [...S3_REPLICA_CONTROLS, 'Tick'],
    tickSeconds: options.tickSeconds ?? S3_REPLICA_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => s3Replica({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => s3ReplicaActions(c, world, out as S3ReplicaAction[]),
    reduce: (s, a, world) => reduceS3Replica(c, s, a, world),
    ticking: (s, world) => s3ReplicaTicking(c, s, world),
    // The lag is a range (0..15 minutes with RTC, unbounded without): time may pass while a
    // replication is enabled, so prompt control explores every lag, not only zero.
    mayDefer: (s, a) => s3ReplicaMayDefer(c, s, a),
  };
}
