/**
 * The az component's actions: their types, the union az originates and reduces, the catalog
 * constant and one creator per action.
 */

/** A zone fails: everything zonal in it becomes unreachable. */
export interface AzOutage {
  readonly type: 'AzOutage';
  readonly kind: 'fault';
  readonly az: number;
}
/** A failed zone comes back (a fault-kind repair: once faults stop, a down zone stays down). */
export interface AzRecover {
  readonly type: 'AzRecover';
  readonly kind: 'fault';
  readonly az: number;
}
/** Every action the `az` component originates (and reduces). */
export type AzAction = AzOutage | AzRecover;

/** Both zone actions are faults; az originates nothing else. */
export const AZ_FAULTS = ['AzOutage', 'AzRecover'] as const;

/** `AzOutage(az)`. */
export function azOutage(az: number): AzOutage {
  return { type: 'AzOutage', kind: 'fault', az };
}
/** `AzRecover(az)`. */
export function azRecover(az: number): AzRecover {
  return { type: 'AzRecover', kind: 'fault', az };
}
