/**
 * The region component's actions: their types, the union it originates and reduces, the
 * catalog constant and one creator per action. Re-exported by `index.ts` (import from there).
 * The actions carry no Region index: each Region is its own instance, so its actions are
 * named after it (`west.RegionOutage`).
 */

/** The whole Region fails: every zone, every regional service and its control plane. */
export interface RegionOutage { readonly type: 'RegionOutage'; readonly kind: 'fault' }
/** The Region comes back (a fault-kind repair: once faults stop, a failed Region stays down). */
export interface RegionRecover { readonly type: 'RegionRecover'; readonly kind: 'fault' }

/** Every action region originates (and reduces). */
export type RegionAction = RegionOutage | RegionRecover;

export const REGION_FAULTS = ['RegionOutage', 'RegionRecover'] as const;

export const regionOutage = (): RegionOutage => ({ type: 'RegionOutage', kind: 'fault' });
export const regionRecover = (): RegionRecover => ({ type: 'RegionRecover', kind: 'fault' });
