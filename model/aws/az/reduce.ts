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
      return withZone(slice, a.az, false);
    case 'AzRecover':
      return withZone(slice, a.az, true);
    default:
      return assertNever(a);
  }
}

/** `slice` with zone `az` up or down (`slice` itself when nothing changes). */
function withZone(slice: AzState, az: number, value: boolean): AzState {
  const up = slice.up;
  if (up[az] === value) return slice;
  const next = up.slice();
  next[az] = value;
  return azState(next);
}
