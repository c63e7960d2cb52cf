/**
 * The controlPlane component's actions: their types, the unions it originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';
import type { ActionKind } from '../../core/model.js';

/** The Region's control plane becomes impaired: every AWS API call fails until it recovers. */
export interface ControlPlaneImpaired { readonly type: 'ControlPlaneImpaired'; readonly kind: 'fault' }
/** The control plane recovers (a fault-kind repair: once faults stop, an impaired plane stays impaired). */
export interface ControlPlaneRecovered { readonly type: 'ControlPlaneRecovered'; readonly kind: 'fault' }
/**
 * `staticallyStable`'s move: in a settled world, the control plane is impaired for good. Outside
 * the fault budget, so the budget still plays out after it.
 */
export interface LockOut { readonly type: 'LockOut'; readonly kind: 'fault' }

/** Every action controlPlane originates. */
export type ControlPlaneAction = ControlPlaneImpaired | ControlPlaneRecovered | LockOut;
/** Another component's API call (`plane: 'control'`), routed here by compose to be counted. */
export interface ApiCall { readonly type: string; readonly kind: ActionKind }
/** Every action controlPlane reduces: its own, `Tick` (throttled), and every API call of the composition. */
export type ControlPlaneSubscribed = ControlPlaneAction | Tick | ApiCall;

export const CONTROL_PLANE_FAULTS = ['ControlPlaneImpaired', 'ControlPlaneRecovered', 'LockOut'] as const;
/** The faults a user enables with `faults` (`LockOut` has its own option). */
export const CONTROL_PLANE_WEATHER = ['ControlPlaneImpaired', 'ControlPlaneRecovered'] as const;
export type ControlPlaneFaultType = (typeof CONTROL_PLANE_WEATHER)[number];

export const controlPlaneImpaired = (): ControlPlaneImpaired => ({ type: 'ControlPlaneImpaired', kind: 'fault' });
export const controlPlaneRecovered = (): ControlPlaneRecovered => ({ type: 'ControlPlaneRecovered', kind: 'fault' });
export const lockOut = (): LockOut => ({ type: 'LockOut', kind: 'fault' });
