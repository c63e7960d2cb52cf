/**
 * What capacity enables in a world: per zone, a shortage while fewer than `maxShort` zones
 * are short, or the repair of a short zone when `restorable`.
 */
import type { World } from '../../compose/component.js';
import type { CapacityAction } from './actions.js';
import type { CapacityConfig } from './options.js';
import { CAPACITY, type CapacityState } from './state.js';

/** Pushes every action capacity enables in `world` onto `out` (the pre-built objects of `c`). */
export function capacityActions(c: CapacityConfig, world: World, out: CapacityAction[]): void {
  const short = (world[CAPACITY] as CapacityState).short;
  const azs = c.azs;
  let shortNow = 0;
  for (let z = 0; z < azs; z++) if (short[z]) shortNow++;
  for (let z = 0; z < azs; z++) {
    if (!short[z]) {
      if (shortNow < c.maxShort) out.push(c.shortages[z]);
    } else if (c.restorable) {
      out.push(c.restorations[z]);
    }
  }
}
