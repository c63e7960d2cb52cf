/**
 * The controlPlane component's options, their validation, and the resolved configuration its
 * reducer and enabling code read: every slice it can be in and its action objects, built once
 * (the hot path only picks them).
 */
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import {
  CONTROL_PLANE_WEATHER, controlPlaneImpaired, controlPlaneRecovered, lockOut,
  type ControlPlaneFaultType, type ControlPlaneImpaired, type ControlPlaneRecovered, type LockOut,
} from './actions.js';
import { controlPlaneState, type ControlPlaneState } from './state.js';

/** Parameters of the controlPlane component. */
export interface ControlPlaneOptions {
  /**
   * Throttling: at most this many API calls per `Tick` (1..64); a further call is not enabled
   * until the next `Tick` (it fails, and the caller retries on a later tick). Default: no limit.
   */
  readonly callsPerTick?: number;
  /** Faults enabled; default both (`ControlPlaneImpaired`, and `ControlPlaneRecovered` while impaired). */
  readonly faults?: readonly ControlPlaneFaultType[];
  /** Enable `LockOut` (what `staticallyStable` needs); default false. */
  readonly lockOut?: boolean;
}

/** The options resolved: defaults applied, validated, with the slices and actions built once. */
export interface ControlPlaneConfig {
  /** Calls per tick; `Infinity` when unthrottled. */
  readonly limit: number;
  /** The schema's bound of `calls`: the limit, or 0 unthrottled (no bits). */
  readonly maxCalls: number;
  readonly throttled: boolean;
  readonly fImpair: boolean;
  readonly fRecover: boolean;
  readonly lockOut: boolean;
  /** Every slice, at `slices[impaired * 2 + lockedOut][calls]`. */
  readonly slices: readonly (readonly ControlPlaneState[])[];
  readonly A: { readonly impaired: ControlPlaneImpaired; readonly recovered: ControlPlaneRecovered; readonly lockOut: LockOut };
}

/** Applies the defaults and validates `options` (throws `controlPlane: ...` on the first problem). */
export function resolveControlPlaneOptions(options: ControlPlaneOptions): ControlPlaneConfig {
  checkOptions('controlPlane', options, CONTROL_PLANE_OPTION_NAMES);
  const faults: readonly string[] = options.faults ?? CONTROL_PLANE_WEATHER;
  namesIn('controlPlane', 'faults', 'fault', faults, CONTROL_PLANE_WEATHER);
  const throttled = options.callsPerTick !== undefined;
  if (throttled) intIn('controlPlane', 'callsPerTick', options.callsPerTick!, 1, 64);
  const lockOutOn = options.lockOut ?? false;
  if (typeof lockOutOn !== 'boolean') throw new Error(`controlPlane: lockOut must be true or false, got ${JSON.stringify(lockOutOn)}`);
  const maxCalls = throttled ? options.callsPerTick! : 0;
  const slices: ControlPlaneState[][] = [];
  for (let k = 0; k < 4; k++) {
    const row: ControlPlaneState[] = [];
    for (let calls = 0; calls <= maxCalls; calls++) row.push(controlPlaneState(k >= 2, k % 2 === 1, calls));
    slices.push(row);
  }
  return {
    limit: throttled ? maxCalls : Infinity,
    maxCalls,
    throttled,
    fImpair: faults.includes('ControlPlaneImpaired'),
    fRecover: faults.includes('ControlPlaneRecovered'),
    lockOut: lockOutOn,
    slices,
    A: { impaired: controlPlaneImpaired(), recovered: controlPlaneRecovered(), lockOut: lockOut() },
  };
}

/** The slice at the start: working, no call made yet. */
export function initialControlPlane(c: ControlPlaneConfig): ControlPlaneState {
  return c.slices[0][0];
}

/** Every option for the catalog, with its default (`tsc` checks the list against `ControlPlaneOptions`). */
export const CONTROL_PLANE_PARAMETERS = parameterList<ControlPlaneOptions>({
  callsPerTick: { default: 'unlimited', unit: 'count', range: [1, 64], description: 'throttling: API calls per Tick; further calls wait for the next Tick' },
  faults: { default: [...CONTROL_PLANE_WEATHER], unit: 'list', range: CONTROL_PLANE_WEATHER, description: 'fault actions enabled' },
  lockOut: { default: false, unit: 'bool', range: ['true', 'false'], description: 'LockOut: impaired for good from a settled state (staticallyStable needs it)' },
});
const CONTROL_PLANE_OPTION_NAMES = optionNames(CONTROL_PLANE_PARAMETERS);
