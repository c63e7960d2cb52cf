/**
 * The az reducer: each case returns the new slice, or `slice` itself when nothing changed
 * (a repeated outage, a recovery of an up zone).
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { AzAction } from './actions.js';
import type { AzConfig } from './options.js';
import { azState, type AzState } from './state.js';

/** The slice after `a` (`c` and `world` unused: a zone's state depends on nothing else). */
export function reduceAz(c: AzConfig, slice: AzState, a: AzAction, world: World): AzState {
  switch (a.type) {
    case 'AzOutage':
      return withZone(slice, slice.up, a.az, false, 0);
    case 'AzRecover':
      return withZone(slice, slice.up, a.az, true, 0);
    case 'AzEbsStuck':
      return withZone(slice, slice.ebsOk, a.az, false, 1);
    case 'AzEbsRecover':
      return withZone(slice, slice.ebsOk, a.az, true, 1);
    case 'AzLbUnreachable':
      return withZone(slice, slice.lbReachable, a.az, false, 2);
    case 'AzLbReachable':
      return withZone(slice, slice.lbReachable, a.az, true, 2);
    default:
      return assertNever(a);
  }
}

/** `slice` with zone `az` set to `value` in `field` (0 `up`, 1 `ebsOk`, 2 `lbReachable`); `slice` itself when nothing changes. */
function withZone(slice: AzState, list: readonly boolean[], az: number, value: boolean, field: 0 | 1 | 2): AzState {
  if (list[az] === value) return slice;
  const next = list.slice();
  next[az] = value;
  return azState(field === 0 ? next : slice.up, field === 1 ? next : slice.ebsOk, field === 2 ? next : slice.lbReachable);
}
