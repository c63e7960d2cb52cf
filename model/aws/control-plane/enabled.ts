/**
 * What controlPlane enables in a world (its faults; `LockOut` in a settled world, which
 * compose asks for), whether API calls are possible (`open`), and whether its throttling
 * window needs a `Tick` to reopen.
 */
import type { World } from '../../compose/component.js';
import type { Action } from '../../core/model.js';
import type { ControlPlaneAction } from './actions.js';
import type { ControlPlaneConfig } from './options.js';
import { CONTROL_PLANE, type ControlPlaneState } from './state.js';

/** Pushes the faults enabled in `world`: impairment while working, recovery while impaired (never after `LockOut`). */
export function controlPlaneActions(c: ControlPlaneConfig, world: World, out: ControlPlaneAction[]): void {
  const s = world[CONTROL_PLANE] as ControlPlaneState;
  if (s.lockedOut) return;
  if (!s.impaired) {
    if (c.fImpair) out.push(c.A.impaired);
  } else if (c.fRecover) out.push(c.A.recovered);
}

/** Compose calls this in a settled world only: `LockOut`, once, when enabled by the options. */
export function controlPlaneSettled(c: ControlPlaneConfig, s: ControlPlaneState, out: Action[]): void {
  if (c.lockOut && !s.lockedOut) out.push(c.A.lockOut);
}

/** API calls are possible: not impaired, and the tick's call budget not spent. */
export function controlPlaneOpen(c: ControlPlaneConfig, s: ControlPlaneState): boolean {
  return !s.impaired && s.calls < c.limit;
}

/** Calls were made this tick: time must be able to pass to reopen the window. */
export function controlPlaneTicking(s: ControlPlaneState): boolean {
  return s.calls > 0;
}
