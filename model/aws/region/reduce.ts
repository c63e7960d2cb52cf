/**
 * The region reducer: an outage takes the Region down and counts against its budget, a
 * recovery brings it back; the pre-built slices are returned.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { RegionAction } from './actions.js';
import type { RegionConfig } from './options.js';
import type { RegionState } from './state.js';

/** The slice after `a` (`world` unused: a Region's state depends on nothing else). */
export function reduceRegion(c: RegionConfig, s: RegionState, a: RegionAction, world: World): RegionState {
  switch (a.type) {
    case 'RegionOutage':
      return s.up ? c.slices[0][s.outages + 1] : s;
    case 'RegionRecover':
      return s.up ? s : c.slices[1][s.outages];
    default:
      return assertNever(a);
  }
}
