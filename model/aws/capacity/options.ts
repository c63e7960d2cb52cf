/**
 * The capacity component's options, their validation, and the resolved configuration its
 * reducer and enabling code read: every default applied, the per-zone constants, and the
 * action objects built once (the enabling code pushes these, never new ones).
 */
import type { ParameterInfo } from '../../compose/component.js';
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import { capacityRestored, insufficientCapacity, type CapacityRestored, type InsufficientCapacity } from './actions.js';
import { MAX_CAPACITY, capacityState, type CapacityState } from './state.js';

/** Parameters of the capacity component. A number applies to every zone; an array gives one per zone. */
export interface CapacityOptions {
  /** Number of zones; default 2. */
  readonly azs?: number;
  /** Instances AWS can place per zone (reservations included); default 63 (no limit in practice). */
  readonly limitPerAz?: number | readonly number[];
  /** Capacity Reservation / zonal RI instances per zone; default 0. */
  readonly reserved?: number | readonly number[];
  /** At most this many zones short at once; default 1; 0 disables `InsufficientCapacity`. */
  readonly maxShort?: number;
  /** Whether `CapacityRestored` is enabled for a short zone; default true. */
  readonly restorable?: boolean;
}

/** The options resolved: defaults applied, validated, one value per zone. */
export interface CapacityConfig {
  readonly azs: number;
  readonly maxShort: number;
  readonly restorable: boolean;
  readonly limit: readonly number[];
  readonly reserved: readonly number[];
  /** `InsufficientCapacity(z)` and `CapacityRestored(z)` per zone. */
  readonly shortages: readonly InsufficientCapacity[];
  readonly restorations: readonly CapacityRestored[];
}

function perAz(name: string, value: number | readonly number[], azs: number): number[] {
  const out: number[] = [];
  for (let z = 0; z < azs; z++) {
    const v = typeof value === 'number' ? value : value[z];
    if (!Number.isInteger(v) || v < 0 || v > MAX_CAPACITY) throw new Error(`capacity: ${name}[${z}] must be an integer in 0..${MAX_CAPACITY}, got ${v}`);
    out.push(v);
  }
  if (typeof value !== 'number' && value.length !== azs) throw new Error(`capacity: ${name} has ${value.length} entries for ${azs} zones`);
  return out;
}

/** Applies the defaults and validates `options` (throws `capacity: ...` on the first problem). */
export function resolveCapacityOptions(options: CapacityOptions): CapacityConfig {
  checkOptions('capacity', options, CAPACITY_OPTION_NAMES);
  const azs = options.azs ?? 2;
  const maxShort = options.maxShort ?? 1;
  const restorable = options.restorable ?? true;
  intIn('capacity', 'azs', azs, 1, 16);
  intIn('capacity', 'maxShort', maxShort, 0, azs);
  const limit = perAz('limitPerAz', options.limitPerAz ?? MAX_CAPACITY, azs);
  const reserved = perAz('reserved', options.reserved ?? 0, azs);
  const shortages: InsufficientCapacity[] = [];
  const restorations: CapacityRestored[] = [];
  for (let z = 0; z < azs; z++) {
    shortages.push(insufficientCapacity(z));
    restorations.push(capacityRestored(z));
  }
  return { azs, maxShort, restorable, limit, reserved, shortages, restorations };
}

/** The slice at the start: no zone short. */
export function initialCapacity(c: CapacityConfig): CapacityState {
  const noShortage: boolean[] = [];
  for (let z = 0; z < c.azs; z++) noShortage.push(false);
  return capacityState(c.limit, c.reserved, noShortage);
}

/** Every option for the catalog, with its default (`maxShort`'s range depends on the zones; `tsc` checks the list against `CapacityOptions`). */
export function capacityParameters(c: Pick<CapacityConfig, 'azs'>): ParameterInfo[] {
  return parameterList<CapacityOptions>({
    azs: { default: 2, unit: 'count', range: [1, 16], description: 'zones (must match the az component)' },
    limitPerAz: { default: MAX_CAPACITY, unit: 'count', range: [0, MAX_CAPACITY], description: 'instances AWS can place in a zone, reservations included (or one per zone)' },
    reserved: { default: 0, unit: 'count', range: [0, MAX_CAPACITY], description: 'On-Demand Capacity Reservation / zonal RI instances per zone (or one per zone)' },
    maxShort: { default: 1, unit: 'count', range: [0, c.azs], description: 'fault budget: zones short of capacity at the same time' },
    restorable: { default: true, unit: 'bool', range: ['true', 'false'], description: 'CapacityRestored is enabled for a short zone' },
  });
}
const CAPACITY_OPTION_NAMES = optionNames(capacityParameters({ azs: 16 }));
