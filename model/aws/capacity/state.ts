/**
 * The capacity slice: its key in the world, its schema, its type and the single factory of
 * slices.
 */
import { t, type Infer } from '../../core/schema.js';

/** The capacity component's name: its slice is `world.capacity`. */
export const CAPACITY = 'capacity';

/** Upper bound of `limitPerAz` and `reserved` (and their default "no limit"). */
export const MAX_CAPACITY = 63;

/**
 * The schema of the capacity slice for these per-zone limits and reservations. They are
 * constants of the scenario, so their bounds are the values' own range: equal values across
 * zones take no bits in a code.
 */
export function capacitySchema(limit: readonly number[], reserved: readonly number[]) {
  // Per zone of az's set (`t.perSlot`): the limits move with their zone under a permutation.
  return t.record('CapacityState', {
    limit: t.perSlot('az.zones', t.int(Math.min(...limit), Math.max(...limit)), limit.length),
    reserved: t.perSlot('az.zones', t.int(Math.min(...reserved), Math.max(...reserved)), reserved.length),
    short: t.perSlot('az.zones', t.bool(), limit.length),
  });
}
/** The capacity slice (see the component's module doc in `index.ts`). */
export type CapacityState = Infer<ReturnType<typeof capacitySchema>>;

/** The single factory of capacity slices. */
export function capacityState(limit: readonly number[], reserved: readonly number[], short: readonly boolean[]): CapacityState {
  return { limit, reserved, short };
}
