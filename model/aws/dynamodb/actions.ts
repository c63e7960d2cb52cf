/**
 * The dynamodb component's actions: their types, the union it originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */

/** A client increments `item` in `region` (the next write number). */
export interface UpdateItem { readonly type: 'UpdateItem'; readonly kind: 'op'; readonly region: number; readonly item: number }
/** A client reads `item` in `region` (consistency per the options). */
export interface GetItem { readonly type: 'GetItem'; readonly kind: 'op'; readonly region: number; readonly item: number }
/** The lagging zone copy of `item` in `region` catches up. */
export interface DdbCopyCatchUp { readonly type: 'DdbCopyCatchUp'; readonly kind: 'control'; readonly region: number; readonly item: number }
/** Global tables replicate `item` from `from` to the other Region (last writer wins). */
export interface DdbReplicate { readonly type: 'DdbReplicate'; readonly kind: 'control'; readonly from: number; readonly item: number }
/** DynamoDB in `region` becomes unavailable. */
export interface DdbRegionOutage { readonly type: 'DdbRegionOutage'; readonly kind: 'fault'; readonly region: number }
/** DynamoDB in `region` comes back (a fault-kind repair). */
export interface DdbRegionRecover { readonly type: 'DdbRegionRecover'; readonly kind: 'fault'; readonly region: number }

/** Every action dynamodb originates (and reduces). */
export type DynamoDbAction = UpdateItem | GetItem | DdbCopyCatchUp | DdbReplicate | DdbRegionOutage | DdbRegionRecover;

export const DYNAMODB_OPS = ['UpdateItem', 'GetItem'] as const;
export const DYNAMODB_FAULTS = ['DdbRegionOutage', 'DdbRegionRecover'] as const;
export const DYNAMODB_CONTROLS = ['DdbCopyCatchUp', 'DdbReplicate'] as const;

export const updateItem = (region: number, item: number): UpdateItem => ({ type: 'UpdateItem', kind: 'op', region, item });
export const getItem = (region: number, item: number): GetItem => ({ type: 'GetItem', kind: 'op', region, item });
export const ddbCopyCatchUp = (region: number, item: number): DdbCopyCatchUp => ({ type: 'DdbCopyCatchUp', kind: 'control', region, item });
export const ddbReplicate = (from: number, item: number): DdbReplicate => ({ type: 'DdbReplicate', kind: 'control', from, item });
export const ddbRegionOutage = (region: number): DdbRegionOutage => ({ type: 'DdbRegionOutage', kind: 'fault', region });
export const ddbRegionRecover = (region: number): DdbRegionRecover => ({ type: 'DdbRegionRecover', kind: 'fault', region });
