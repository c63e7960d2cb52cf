/**
 * The az component's options, their validation, and the resolved configuration its reducer
 * and enabling code read (the per-zone actions built once: the enabling code pushes these).
 */
import type { ParameterInfo } from '../../compose/component.js';
import { azOutage, azRecover, type AzOutage, type AzRecover } from './actions.js';
import { azState, type AzState } from './state.js';

/** Parameters of the `az` component. */
export interface AzOptions {
  /** Number of zones (indices `0..azs-1`); default 2. */
  readonly azs?: number;
  /** At most this many zones down at once; default 1; 0 disables `AzOutage`. */
  readonly maxDown?: number;
  /** Whether a down zone can come back (`AzRecover`); default true. */
  readonly recoverable?: boolean;
}

/** The options resolved: defaults applied, validated, with the per-zone action objects. */
export interface AzConfig {
  readonly azs: number;
  readonly maxDown: number;
  readonly recoverable: boolean;
  /** `AzOutage(z)` at index `z`. */
  readonly outages: readonly AzOutage[];
  /** `AzRecover(z)` at index `z`. */
  readonly recoveries: readonly AzRecover[];
}

/** Applies the defaults and validates `options` (throws `az: ...` on the first problem). */
export function resolveAzOptions(options: AzOptions): AzConfig {
  const azs = options.azs ?? 2;
  const maxDown = options.maxDown ?? 1;
  const recoverable = options.recoverable ?? true;
  if (!Number.isInteger(azs) || azs < 1 || azs > 16) throw new Error(`az: azs must be an integer in 1..16, got ${azs}`);
  if (!Number.isInteger(maxDown) || maxDown < 0 || maxDown > azs) throw new Error(`az: maxDown must be an integer in 0..${azs}, got ${maxDown}`);

  const outages: AzOutage[] = [];
  const recoveries: AzRecover[] = [];
  for (let z = 0; z < azs; z++) {
    outages.push(azOutage(z));
    recoveries.push(azRecover(z));
  }
  return { azs, maxDown, recoverable, outages, recoveries };
}

/** The slice at the start: every zone up. */
export function initialAz(c: AzConfig): AzState {
  const allUp: boolean[] = [];
  for (let z = 0; z < c.azs; z++) allUp.push(true);
  return azState(allUp);
}

/** The parameters for the catalog, with their defaults (`maxDown`'s range depends on `azs`). */
export function azParameters(c: AzConfig): ParameterInfo[] {
  return [
    { name: 'azs', default: 2, unit: 'count', range: [1, 16], description: 'Availability Zones in the Region (indices 0..azs-1)' },
    { name: 'maxDown', default: 1, unit: 'count', range: [0, c.azs], description: 'fault budget: zones down at the same time' },
    { name: 'recoverable', default: true, unit: 'bool', range: ['true', 'false'], description: 'AzRecover is enabled for a down zone' },
  ];
}
