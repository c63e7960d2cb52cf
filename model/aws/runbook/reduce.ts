/**
 * The runbook reducer: the step starts, and `Tick` counts it down while its Region is up.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { regionUp } from '../region/index.js';
import type { RunbookSubscribed } from './actions.js';
import type { RunbookConfig } from './options.js';
import type { RunbookState } from './state.js';

/** The slice after `a`; `world` is the world before it (its Region, for `Tick`). */
export function reduceRunbook(c: RunbookConfig, s: RunbookState, a: RunbookSubscribed, world: World): RunbookState {
  switch (a.type) {
    case 'RunbookStep':
      return c.slices[c.ticks + 1];
    case 'Tick':
      return s.left > 0 && regionUp(world) ? c.slices[s.left] : s;
    default:
      return assertNever(a);
  }
}
