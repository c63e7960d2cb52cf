/**
 * The runbook slice: its key, schema, type and the slices it can be in (built once).
 */
import { t, type Infer } from '../../core/schema.js';

/** The runbook component's kind: its slice is `world.runbook`, or `world.<name>`. */
export const RUNBOOK = 'runbook';

/** The schema of the runbook slice for a step of `ticks` ticks. */
export function runbookSchema(ticks: number) {
  return t.record('RunbookState', { left: t.int(-1, ticks) });
}
/** The runbook slice: `left`, -1 before the step starts, then the ticks until it is done (0: done). */
export type RunbookState = Infer<ReturnType<typeof runbookSchema>>;

/** The single factory of runbook slices. */
export function runbookState(left: number): RunbookState {
  return { left };
}
