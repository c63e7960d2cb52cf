/**
 * The capacity component's actions: their types, the union it originates and reduces, the
 * catalog constant and one creator per action. Re-exported by `index.ts` (import from there).
 */

/** Spare on-demand capacity for the instance type disappears from zone `az`. */
export interface InsufficientCapacity {
  readonly type: 'InsufficientCapacity';
  readonly kind: 'fault';
  readonly az: number;
}
/** Spare capacity comes back in zone `az` (a fault-kind repair). */
export interface CapacityRestored {
  readonly type: 'CapacityRestored';
  readonly kind: 'fault';
  readonly az: number;
}
/** Every action the capacity component originates (and reduces). */
export type CapacityAction = InsufficientCapacity | CapacityRestored;

/** The capacity component's faults (it has no ops or controls). */
export const CAPACITY_FAULTS = ['InsufficientCapacity', 'CapacityRestored'] as const;

/** `InsufficientCapacity(az)`. */
export function insufficientCapacity(az: number): InsufficientCapacity {
  return { type: 'InsufficientCapacity', kind: 'fault', az };
}
/** `CapacityRestored(az)`. */
export function capacityRestored(az: number): CapacityRestored {
  return { type: 'CapacityRestored', kind: 'fault', az };
}
