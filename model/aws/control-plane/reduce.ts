/**
 * The controlPlane reducer: its faults, `LockOut`, `Tick` (a new throttling window) and every
 * API call of the composition (compose routes them here), which counts against the window.
 */
import type { World } from '../../compose/component.js';
import type { ControlPlaneSubscribed } from './actions.js';
import type { ControlPlaneConfig } from './options.js';
import type { ControlPlaneState } from './state.js';

/** The slice after `a` (`world` unused: the control plane reads only its own slice). */
export function reduceControlPlane(c: ControlPlaneConfig, s: ControlPlaneState, a: ControlPlaneSubscribed, world: World): ControlPlaneState {
  switch (a.type) {
    case 'ControlPlaneImpaired':
      return slice(c, true, s.lockedOut, s.calls);
    case 'ControlPlaneRecovered':
      return s.lockedOut ? s : slice(c, false, false, s.calls);
    case 'LockOut':
      return slice(c, true, true, s.calls);
    case 'Tick':
      return slice(c, s.impaired, s.lockedOut, 0);
    default:
      // Any other type is an API call (compose routes only those here): no `assertNever`,
      // since the set of calls depends on the composition.
      return apiCall(c, s);
  }
}

/** The pre-built slice with these fields. */
function slice(c: ControlPlaneConfig, impaired: boolean, lockedOut: boolean, calls: number): ControlPlaneState {
  return c.slices[(impaired ? 2 : 0) + (lockedOut ? 1 : 0)][calls];
}

/** One more call in this tick's window (throttled mode); unthrottled, nothing to count. */
function apiCall(c: ControlPlaneConfig, s: ControlPlaneState): ControlPlaneState {
  if (!c.throttled) return s;
  if (s.calls >= c.limit) throw new Error(`controlPlane: an API call was taken with the tick's ${c.limit} calls spent`);
  return slice(c, s.impaired, s.lockedOut, s.calls + 1);
}
