/**
 * The snapshotCopy slice: its key, schema, type and single factory.
 */
import { t, type Infer } from '../../core/schema.js';

/** The snapshotCopy component's kind: its slice is `world.snapshotCopy`, or `world.<name>`. */
export const SNAPSHOT_COPY = 'snapshotCopy';

/**
 * The schema of the snapshotCopy slice for a source of `writes` writes, a schedule of
 * `intervalTicks`, copies of `copyTicks`, a restore of `restoreTicks`, ages capped at `maxAge`
 * ticks; `tickSeconds` and `maxAge` are constants (0 bits), so that a property can turn ages
 * into seconds without knowing the options.
 */
export function snapshotCopySchema(writes: number, intervalTicks: number, copyTicks: number, restoreTicks: number, maxAge: number, tickSeconds: number) {
  return t.record('SnapshotCopyState', {
    timer: t.int(0, intervalTicks),
    inFlight: t.int(-1, writes),
    copyLeft: t.int(0, copyTicks),
    copied: t.int(0, writes),
    ages: t.array(t.int(0, maxAge), writes),
    restore: t.int(-1, writes),
    restoreLeft: t.int(0, restoreTicks),
    tickSeconds: t.int(tickSeconds, tickSeconds),
    maxAge: t.int(maxAge, maxAge),
  });
}
/**
 * The snapshotCopy slice: `timer`, ticks until the schedule's next snapshot and copy (0: due);
 * `inFlight`, the writes the copy under way holds (-1: none) and `copyLeft` the ticks until it
 * completes in the target Region; `copied`, the writes of the newest completed copy there (0
 * at the start: the design has a baseline copy); `ages[i]`, ticks since the source acknowledged
 * write `i` while no completed copy outside the source's Region holds it (0 otherwise; it stops
 * while the source's Region is down, so it measures the write's age at the failure);
 * `restore`, the writes of the copy the runbook restores (-1: not started) and `restoreLeft`
 * the ticks until the restored volume is usable; `tickSeconds` and `maxAge` (an age that means
 * "older than any schedule explains") are constants.
 */
export type SnapshotCopyState = Infer<ReturnType<typeof snapshotCopySchema>>;

/** The single factory of snapshotCopy slices. */
export function snapshotCopyState(
  timer: number, inFlight: number, copyLeft: number, copied: number, ages: readonly number[],
  restore: number, restoreLeft: number, tickSeconds: number, maxAge: number,
): SnapshotCopyState {
  return { timer, inFlight, copyLeft, copied, ages, restore, restoreLeft, tickSeconds, maxAge };
}
