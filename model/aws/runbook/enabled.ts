/**
 * What runbook enables in a world (its step, once triggered, in an up Region) and whether time
 * must run for it.
 */
import type { World } from '../../compose/component.js';
import { regionUp } from '../region/index.js';
import type { RunbookAction } from './actions.js';
import type { RunbookConfig } from './options.js';
import { triggered } from './reads.js';
import { RUNBOOK, type RunbookState } from './state.js';

/** Pushes the step onto `out` when it can start: not started, triggered, its own Region (its view's) up. */
export function runbookActions(c: RunbookConfig, world: World, out: RunbookAction[]): void {
  const s = world[RUNBOOK] as RunbookState;
  if (s.left < 0 && regionUp(world) && triggered(c, world)) out.push(c.A.step);
}

/** The step is under way in an up Region: time must run. */
export function runbookTicking(s: RunbookState, world: World): boolean {
  return s.left > 0 && regionUp(world);
}
