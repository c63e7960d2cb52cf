/**
 * What region enables in a world: its outage while up and within its budget, its recovery
 * while down (when recoverable).
 */
import type { World } from '../../compose/component.js';
import type { RegionAction } from './actions.js';
import type { RegionConfig } from './options.js';
import { REGION, type RegionState } from './state.js';

/** Pushes the actions enabled in `world` onto `out` (the pre-built objects of `c.A`). */
export function regionActions(c: RegionConfig, world: World, out: RegionAction[]): void {
  const s = world[REGION] as RegionState;
  if (s.up) {
    if (s.outages < c.maxOutages) out.push(c.A.outage);
  } else if (c.recoverable) out.push(c.A.recover);
}
