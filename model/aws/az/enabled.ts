/**
 * What az enables in a world (its `actions`, per zone in index order: a failure of a zone
 * that is fine while the budget allows, or the repair of a failed zone).
 */
import type { World } from '../../compose/component.js';
import { regionUp } from '../region/index.js';
import type { AzAction } from './actions.js';
import type { AzConfig } from './options.js';
import { AZ, type AzState } from './state.js';

/** Number of zones down or gray-impaired in an `az` slice. */
function impairedCount(s: AzState): number {
  let n = 0;
  for (let z = 0; z < s.up.length; z++) if (!(s.up[z] && s.ebsOk[z] && s.lbReachable[z])) n++;
  return n;
}

/**
 * Pushes every action az enables in `world` onto `out` (the pre-built objects of `c`): a zone
 * has at most one failure at a time, and the failures of a fine zone are enabled while fewer
 * than `maxDown` zones are impaired (with only `AzOutage` enabled, the outages and recoveries
 * of before the gray failures, in the same order).
 */
export function azActions(c: AzConfig, world: World, out: AzAction[]): void {
  const s = world[AZ] as AzState;
  // No zone fails on its own in a down Region (model/aws/region: the outage has taken them all).
  const canFail = impairedCount(s) < c.maxDown && regionUp(world);
  for (let z = 0; z < c.azs; z++) {
    if (!s.up[z]) {
      if (c.recoverable) out.push(c.recoveries[z]);
    } else if (!s.ebsOk[z]) {
      if (c.recoverable) out.push(c.ebsRecoveries[z]);
    } else if (!s.lbReachable[z]) {
      if (c.recoverable) out.push(c.lbRecoveries[z]);
    } else if (canFail) {
      if (c.fOutage) out.push(c.outages[z]);
      if (c.fEbs) out.push(c.ebsStuck[z]);
      if (c.fLb) out.push(c.lbCuts[z]);
    }
  }
}
