/**
 * Reads of the runbook slice for properties, and of its trigger for its own enabling code.
 * Re-exported by `index.ts` (import from there).
 */
import type { World } from '../../compose/component.js';
import { rootOf } from '../../compose/instances.js';
import { regionUpByName } from '../region/index.js';
import type { RunbookConfig } from './options.js';
import { RUNBOOK, type RunbookState } from './state.js';

/** The runbook slice of `world`. */
export function runbookSlice(world: World): RunbookState {
  return world[RUNBOOK] as RunbookState;
}
/** The step is done: what it created serves. */
export function runbookDone(s: RunbookState): boolean {
  return s.left === 0;
}
/** The step's trigger holds: the Region it follows is down (never, without `after`). */
export function triggered(c: RunbookConfig, world: World): boolean {
  return c.after !== undefined && !regionUpByName(rootOf(world), c.after);
}
