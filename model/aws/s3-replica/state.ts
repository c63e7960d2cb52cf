/**
 * The s3Replica slice: its key, schema, type and single factory.
 */
import { t, type Infer } from '../../core/schema.js';

/** The s3Replica component's kind: its slice is `world.s3Replica`, or `world.<name>`. */
export const S3_REPLICA = 's3Replica';

/**
 * The schema of the s3Replica slice for `keys` keys of `maxWrites` good writes each; ages go
 * to `maxAge` ticks (the 15-minute bound with Replication Time Control; one more, "older",
 * without); `tickSeconds` is the clock (constant: 0 bits).
 */
export function s3ReplicaSchema(keys: number, maxWrites: number, maxAge: number, tickSeconds: number) {
  return t.record('S3ReplicaState', {
    replicated: t.array(t.int(0, maxWrites), keys),
    ages: t.array(t.array(t.int(0, maxAge), maxWrites), keys),
    tickSeconds: t.int(tickSeconds, tickSeconds),
  });
}
/**
 * The s3Replica slice: per key, `replicated[k]`, how many of the source's good writes the
 * destination bucket holds (a prefix: the latest of them is its current version); `ages[k][i]`,
 * ticks since the source acknowledged write `i` of key `k` while it is not yet replicated (0
 * otherwise; it stops counting while the source's Region is down); `tickSeconds`, the clock.
 */
export type S3ReplicaState = Infer<ReturnType<typeof s3ReplicaSchema>>;

/** The single factory of s3Replica slices. */
export function s3ReplicaState(replicated: readonly number[], ages: readonly (readonly number[])[], tickSeconds: number): S3ReplicaState {
  return { replicated, ages, tickSeconds };
}
