/**
 * The capacity reducer: a shortage starts or ends in one zone.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { CapacityAction } from './actions.js';
import type { CapacityConfig } from './options.js';
import { capacityState, type CapacityState } from './state.js';

/** The slice after `a` (`world` is the world before it, unused: capacity reads only its own slice). */
export function reduceCapacity(c: CapacityConfig, slice: CapacityState, a: CapacityAction, world: World): CapacityState {
  switch (a.type) {
    case 'InsufficientCapacity':
      return withShort(slice, a.az, true);
    case 'CapacityRestored':
      return withShort(slice, a.az, false);
    default:
      return assertNever(a);
  }
}

/** `slice` with zone `az` short or not (the same object when it already is). */
function withShort(slice: CapacityState, az: number, value: boolean): CapacityState {
  if (slice.short[az] === value) return slice;
  const short = slice.short.slice();
  short[az] = value;
  return capacityState(slice.limit, slice.reserved, short);
}
