/**
 * The region component's options, their validation, and the resolved configuration its
 * reducer and enabling code read: every slice it can be in and its two action objects,
 * built once (the hot path only picks them).
 */
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import { regionOutage, regionRecover, type RegionOutage, type RegionRecover } from './actions.js';
import { regionState, type RegionState } from './state.js';

/** Parameters of the region component. */
export interface RegionOptions {
  /** Fault budget: `RegionOutage`s this Region may suffer in a run (0..4; 0: it never fails); default 1. */
  readonly maxOutages?: number;
  /** A failed Region can come back (`RegionRecover`); default true. */
  readonly recoverable?: boolean;
}

/** The options resolved: defaults applied, validated, with the slices and actions built once. */
export interface RegionConfig {
  readonly maxOutages: number;
  readonly recoverable: boolean;
  /** Every slice, at `slices[up ? 1 : 0][outages]`. */
  readonly slices: readonly (readonly RegionState[])[];
  readonly A: { readonly outage: RegionOutage; readonly recover: RegionRecover };
}

/** Applies the defaults and validates `options` (throws `region: ...` on the first problem). */
export function resolveRegionOptions(options: RegionOptions): RegionConfig {
  checkOptions('region', options, REGION_OPTION_NAMES);
  const maxOutages = options.maxOutages ?? 1;
  const recoverable = options.recoverable ?? true;
  intIn('region', 'maxOutages', maxOutages, 0, 4);
  if (typeof recoverable !== 'boolean') throw new Error(`region: recoverable must be true or false, got ${JSON.stringify(recoverable)}`);
  const slices: RegionState[][] = [[], []];
  for (let n = 0; n <= maxOutages; n++) {
    slices[0].push(regionState(false, n));
    slices[1].push(regionState(true, n));
  }
  return { maxOutages, recoverable, slices, A: { outage: regionOutage(), recover: regionRecover() } };
}

/** The slice at the start: up, no outage yet. */
export function initialRegion(c: RegionConfig): RegionState {
  return c.slices[1][0];
}

/** Every option for the catalog, with its default (`tsc` checks the list against `RegionOptions`). */
export const REGION_PARAMETERS = parameterList<RegionOptions>({
  maxOutages: { default: 1, unit: 'count', range: [0, 4], description: 'fault budget: RegionOutages of this Region in a run (0: it never fails)' },
  recoverable: { default: true, unit: 'bool', range: ['true', 'false'], description: 'a failed Region can come back (RegionRecover)' },
});
const REGION_OPTION_NAMES = optionNames(REGION_PARAMETERS);
