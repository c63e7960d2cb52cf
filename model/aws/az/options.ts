/**
 * The az component's options, their validation, and the resolved configuration its reducer
 * and enabling code read (the per-zone actions built once: the enabling code pushes these).
 */
import type { ParameterInfo } from '../../compose/component.js';
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import {
  AZ_FAILURES, azEbsRecover, azEbsStuck, azLbReachable, azLbUnreachable, azOutage, azRecover,
  type AzEbsRecover, type AzEbsStuck, type AzFaultType, type AzLbReachable, type AzLbUnreachable, type AzOutage, type AzRecover,
} from './actions.js';
import { azState, type AzState } from './state.js';

/** Parameters of the `az` component. */
export interface AzOptions {
  /** Number of zones (indices `0..azs-1`); default 2. */
  readonly azs?: number;
  /** At most this many zones down or gray-impaired at once; default 1; 0 disables every zone fault. */
  readonly maxDown?: number;
  /** Whether a failed zone can come back (`AzRecover`, `AzEbsRecover`, `AzLbReachable`); default true. */
  readonly recoverable?: boolean;
  /**
   * The zone failures enabled; default `['AzOutage']`. `AzEbsStuck` and `AzLbUnreachable` are
   * gray (partial) failures: opt in to them.
   */
  readonly faults?: readonly AzFaultType[];
}

/** The options resolved: defaults applied, validated, with the per-zone action objects. */
export interface AzConfig {
  readonly azs: number;
  readonly maxDown: number;
  readonly recoverable: boolean;
  /** Which failures are enabled. */
  readonly fOutage: boolean;
  readonly fEbs: boolean;
  readonly fLb: boolean;
  /** `AzOutage(z)` at index `z`; the same per zone for the other actions. */
  readonly outages: readonly AzOutage[];
  readonly recoveries: readonly AzRecover[];
  readonly ebsStuck: readonly AzEbsStuck[];
  readonly ebsRecoveries: readonly AzEbsRecover[];
  readonly lbCuts: readonly AzLbUnreachable[];
  readonly lbRecoveries: readonly AzLbReachable[];
}

/** Applies the defaults and validates `options` (throws `az: ...` on the first problem). */
export function resolveAzOptions(options: AzOptions): AzConfig {
  checkOptions('az', options, AZ_OPTION_NAMES);
  const azs = options.azs ?? 2;
  const maxDown = options.maxDown ?? 1;
  const recoverable = options.recoverable ?? true;
  const faults: readonly string[] = options.faults ?? ['AzOutage'];
  intIn('az', 'azs', azs, 1, 16);
  intIn('az', 'maxDown', maxDown, 0, azs);
  namesIn('az', 'faults', 'fault', faults, AZ_FAILURES);

  const each = <A>(make: (z: number) => A): A[] => Array.from({ length: azs }, (_, z) => make(z));
  return {
    azs,
    maxDown,
    recoverable,
    fOutage: faults.includes('AzOutage'),
    fEbs: faults.includes('AzEbsStuck'),
    fLb: faults.includes('AzLbUnreachable'),
    outages: each(azOutage),
    recoveries: each(azRecover),
    ebsStuck: each(azEbsStuck),
    ebsRecoveries: each(azEbsRecover),
    lbCuts: each(azLbUnreachable),
    lbRecoveries: each(azLbReachable),
  };
}

/** The slice at the start: every zone up, its EBS and its load balancer paths fine. */
export function initialAz(c: AzConfig): AzState {
  const fine: boolean[] = [];
  for (let z = 0; z < c.azs; z++) fine.push(true);
  return azState(fine, fine, fine);
}

/** Every option for the catalog, with its default (`maxDown`'s range depends on `azs`; `tsc` checks the list against `AzOptions`). */
export function azParameters(c: Pick<AzConfig, 'azs'>): ParameterInfo[] {
  return parameterList<AzOptions>({
    azs: { default: 2, unit: 'count', range: [1, 16], description: 'Availability Zones in the Region (indices 0..azs-1)' },
    maxDown: { default: 1, unit: 'count', range: [0, c.azs], description: 'fault budget: zones down or gray-impaired at the same time (0: no zone fault)' },
    recoverable: { default: true, unit: 'bool', range: ['true', 'false'], description: 'a failed zone can come back (AzRecover, AzEbsRecover, AzLbReachable)' },
    faults: { default: ['AzOutage'], unit: 'list', range: AZ_FAILURES, description: 'zone failures enabled (AzEbsStuck, AzLbUnreachable: gray failures)' },
  });
}
const AZ_OPTION_NAMES = optionNames(azParameters({ azs: 16 }));
