/**
 * The rdsReplica slice: its key, schema, type and single factory.
 */
import { t, type Infer } from '../../core/schema.js';

/** The rdsReplica component's kind: its slice is `world.rdsReplica`, or `world.<name>`. */
export const RDS_REPLICA = 'rdsReplica';

/**
 * The schema of the rdsReplica slice for `writes` source writes, a lag bound of `lagTicks`
 * ticks, on a clock of `tickSeconds` (a constant field: 0 bits, so that a property can turn
 * the loss's age into seconds without knowing the clock).
 */
export function rdsReplicaSchema(writes: number, lagTicks: number, tickSeconds: number) {
  return t.record('RdsReplicaState', {
    promoted: t.bool(),
    applied: t.int(0, writes),
    ages: t.array(t.int(0, lagTicks), writes),
    lost: t.int(0, writes),
    lossAge: t.int(0, lagTicks),
    tickSeconds: t.int(tickSeconds, tickSeconds),
  });
}
/**
 * The rdsReplica slice: `promoted` once the runbook made it a standalone instance; `applied`,
 * the prefix of the source's acknowledged writes it holds; `ages[i]`, ticks since write `i`
 * was acknowledged while it is not yet applied (0 otherwise; it stops counting while the
 * source is down, so it measures the write's age at the failure); `lost`, the acknowledged
 * writes the promotion left behind, and `lossAge` the age in ticks of the oldest of them
 * (the recovery point); `tickSeconds`, the clock (constant).
 */
export type RdsReplicaState = Infer<ReturnType<typeof rdsReplicaSchema>>;

/** The single factory of rdsReplica slices. */
export function rdsReplicaState(promoted: boolean, applied: number, ages: readonly number[], lost: number, lossAge: number, tickSeconds: number): RdsReplicaState {
  return { promoted, applied, ages, lost, lossAge, tickSeconds };
}
