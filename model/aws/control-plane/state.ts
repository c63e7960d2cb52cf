/**
 * The controlPlane slice: its key in the world, its schema, its type and the single factory of
 * its slices.
 */
import { t, type Infer } from '../../core/schema.js';

/** The controlPlane component's name: its slice is `world.controlPlane`. */
export const CONTROL_PLANE = 'controlPlane';

/**
 * The schema of the controlPlane slice; `maxCalls` is the throttle's calls per tick (0 when
 * unthrottled: `calls` then takes no bits in a code).
 */
export function controlPlaneSchema(maxCalls: number) {
  return t.record('ControlPlaneState', { impaired: t.bool(), lockedOut: t.bool(), calls: t.int(0, maxCalls) });
}
/**
 * The controlPlane slice: `impaired` while API calls fail; `lockedOut` once `LockOut` impaired
 * it for good; `calls` counts the API calls made since the last `Tick` (throttled mode).
 */
export type ControlPlaneState = Infer<ReturnType<typeof controlPlaneSchema>>;

/** The single factory of controlPlane slices. */
export function controlPlaneState(impaired: boolean, lockedOut: boolean, calls: number): ControlPlaneState {
  return { impaired, lockedOut, calls };
}
