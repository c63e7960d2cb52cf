/**
 * What az enables in a world (its `actions`, per zone in index order: an outage while the
 * budget allows, or a recovery of a down zone).
 */
import type { World } from '../../compose/component.js';
import type { AzAction } from './actions.js';
import type { AzConfig } from './options.js';
import { AZ, type AzState } from './state.js';

/** Number of zones that are down in an `az` slice. */
function downCount(up: readonly boolean[]): number {
  let n = 0;
  for (let z = 0; z < up.length; z++) if (!up[z]) n++;
  return n;
}

/** Pushes every action az enables in `world` onto `out` (the pre-built objects of `c`). */
export function azActions(c: AzConfig, world: World, out: AzAction[]): void {
  const up = (world[AZ] as AzState).up;
  const canFail = downCount(up) < c.maxDown;
  for (let z = 0; z < c.azs; z++) {
    if (up[z]) {
      if (canFail) out.push(c.outages[z]);
    } else if (c.recoverable) {
      out.push(c.recoveries[z]);
    }
  }
}
