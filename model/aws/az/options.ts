/**
 * The az component's options, their validation, and the resolved configuration its reducer
 * and enabling code read (the per-zone actions built once: the enabling code pushes these).
 */
import type { ParameterInfo } from '../../compose/component.js';
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
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
  checkOptions('az', options, AZ_OPTION_NAMES);
  const azs = options.azs ?? 2;
  const maxDown = options.maxDown ?? 1;
  const recoverable = options.recoverable ?? true;
  intIn('az', 'azs', azs, 1, 16);
  intIn('az', 'maxDown', maxDown, 0, azs);

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

/** Every option for the catalog, with its default (`maxDown`'s range depends on `azs`; `tsc` checks the list against `AzOptions`). */
export function azParameters(c: Pick<AzConfig, 'azs'>): ParameterInfo[] {
  return parameterList<AzOptions>({
    azs: { default: 2, unit: 'count', range: [1, 16], description: 'Availability Zones in the Region (indices 0..azs-1)' },
    maxDown: { default: 1, unit: 'count', range: [0, c.azs], description: 'fault budget: zones down at the same time (0: no AzOutage)' },
    recoverable: { default: true, unit: 'bool', range: ['true', 'false'], description: 'AzRecover is enabled for a down zone' },
  });
}
const AZ_OPTION_NAMES = optionNames(azParameters({ azs: 16 }));
