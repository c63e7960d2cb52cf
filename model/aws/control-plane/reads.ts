/**
 * Reads of the controlPlane slice for properties and scenarios (the whole world; each is
 * false, or "working", in a world without a control plane). Re-exported by `index.ts`.
 */
import type { World } from '../../compose/component.js';
import { CONTROL_PLANE, type ControlPlaneState } from './state.js';

/** The controlPlane slice of `world`, or undefined without one. */
export function controlPlaneSlice(world: World): ControlPlaneState | undefined {
  return world[CONTROL_PLANE] as ControlPlaneState | undefined;
}
/** The control plane is impaired (by a fault or for good by `LockOut`): API calls fail. */
export function controlPlaneImpairedNow(world: World): boolean {
  const s = world[CONTROL_PLANE] as ControlPlaneState | undefined;
  return s !== undefined && s.impaired;
}
/** `LockOut` happened: the control plane is impaired for good. */
export function lockedOut(world: World): boolean {
  const s = world[CONTROL_PLANE] as ControlPlaneState | undefined;
  return s !== undefined && s.lockedOut;
}
/** API calls made since the last `Tick` (always 0 unthrottled). */
export function apiCallsThisTick(world: World): number {
  const s = world[CONTROL_PLANE] as ControlPlaneState | undefined;
  return s === undefined ? 0 : s.calls;
}
