/**
 * Amazon DynamoDB (aws-semantics §11), the successor of SimpleDB: a table replicated across
 * the Availability Zones of a Region, and optionally a global table in two Regions.
 *
 * Items are counters updated by `UpdateItem` (an atomic ADD): write `i` (issued in order,
 * numbered 1..writes, the number doubling as its last-writer-wins timestamp) adds bit `i-1`
 * to the item's `value`, so a value is the set of increments it includes. Per Region, each
 * item replica keeps its `value`, the `writer` that set it, and whether one zone copy still
 * lags (`lagging`, holding `prev`):
 * - A write is acknowledged once durable in the Region (HTTP 200); the lagging zone copy
 *   catches up later (`DdbCopyCatchUp`). A strongly consistent read returns `value`; an
 *   eventually consistent read (the default, and always from a GSI) may hit the lagging copy
 *   and return `prev`: a stale read (INV-DDB-1, INV-SDB-1). The model takes the stale answer.
 * - Global tables (two Regions): `DdbReplicate(from, item)` copies the newer replica over the
 *   older one, last writer wins: increments in the overwritten replica that the winner lacks
 *   are lost for good (`lost`, INV-DDB-2).
 * - `DdbRegionOutage` / `DdbRegionRecover` (fault-kind): DynamoDB in a Region is impaired (a
 *   Regional event, INV-DDB-4); its unreplicated writes are unavailable meanwhile (INV-DDB-3).
 * - Zones: the table survives one AZ; with the az component present, the home Region (0) is
 *   unavailable while two or more zones are down.
 * Not modelled: the multi-Region strong consistency mode, throughput limits, streams, TTL.
 */
import type { Component, ParameterInfo, World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';
import { AZ, type AzState } from '../az/index.js';

/** The dynamodb component's name: its slice is `world.dynamodb`. */
export const DYNAMODB = 'dynamodb';

/** Schema of one item's replica in one Region; values are sets of write numbers (bit `i-1` = write `i`). */
export function ddbReplicaSchema(writes: number) {
  const all = 2 ** writes - 1;
  return t.record('DdbReplica', { value: t.int(0, all), writer: t.int(0, writes), prev: t.int(0, all), lagging: t.bool() });
}
export type DdbReplica = Infer<ReturnType<typeof ddbReplicaSchema>>;

/** Schema of one Region's table. */
export function ddbRegionSchema(items: number, writes: number) {
  return t.record('DdbRegion', { up: t.bool(), items: t.array(ddbReplicaSchema(writes), items) });
}
export type DdbRegion = Infer<ReturnType<typeof ddbRegionSchema>>;

/** Schema of the dynamodb slice: Regions, writes issued, increments lost per item, whether a read was stale. */
export function dynamodbSchema(regions: number, items: number, writes: number, maxOutages: number) {
  return t.record('DynamoDbState', {
    regions: t.array(ddbRegionSchema(items, writes), regions),
    issued: t.int(0, writes),
    lost: t.array(t.int(0, 2 ** writes - 1), items),
    staleRead: t.bool(),
    outages: t.int(0, maxOutages),
  });
}
export type DynamoDbState = Infer<ReturnType<typeof dynamodbSchema>>;

// ---- Actions ---------------------------------------------------------------------------

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

// ---- Reads for properties -------------------------------------------------------------------

/** The dynamodb slice of `world`. */
export function dynamodbSlice(world: World): DynamoDbState {
  return world[DYNAMODB] as DynamoDbState;
}
/** The counter's value in `region` (increments included). */
export function itemCount(s: DynamoDbState, region: number, item: number): number {
  let v = s.regions[region].items[item].value;
  let n = 0;
  for (; v !== 0; v &= v - 1) n++;
  return n;
}
/** NoLostUpdate (INV-DDB-2): no acknowledged increment was overwritten by a concurrent write. */
export function noLostUpdate(s: DynamoDbState): boolean {
  for (const l of s.lost) if (l !== 0) return false;
  return true;
}
/** ReadYourWrites (INV-DDB-1): no read returned less than its Region had acknowledged. */
export function noStaleRead(s: DynamoDbState): boolean {
  return !s.staleRead;
}
/** Every acknowledged, not lost, increment is readable in some available Region (INV-DDB-3). */
export function ackedWritesAvailable(s: DynamoDbState): boolean {
  for (let i = 0; i < s.lost.length; i++) {
    let all = 0;
    let available = 0;
    for (const r of s.regions) {
      all |= r.items[i].value;
      if (r.up) available |= r.items[i].value;
    }
    if ((all & ~available) !== 0) return false;
  }
  return true;
}

// ---- The component -----------------------------------------------------------------------

/** Parameters of the dynamodb component. */
export interface DynamoDbOptions {
  /** 1 (a Regional table) or 2 (a global table, multi-Region eventual consistency); default 1. */
  readonly regions?: number;
  /** Items; default 1. */
  readonly items?: number;
  /** UpdateItem calls in a run, all Regions together; default 2. */
  readonly writes?: number;
  /** Reads use ConsistentRead=true; default false (DynamoDB's default). */
  readonly consistentReads?: boolean;
  /** Reads go to a global secondary index (always eventually consistent); default false. */
  readonly readFromIndex?: boolean;
  /** `DdbRegionOutage` budget; default 1. */
  readonly maxRegionOutages?: number;
}

/** The single factory of replica records. */
function ddbReplica(value: number, writer: number, prev: number, lagging: boolean): DdbReplica {
  return { value, writer, prev, lagging };
}
/** The single factory of Region records. */
function ddbRegion(up: boolean, items: readonly DdbReplica[]): DdbRegion {
  return { up, items };
}
/** The single factory of dynamodb slices. */
function dynamodbState(regions: readonly DdbRegion[], issued: number, lost: readonly number[], staleRead: boolean, outages: number): DynamoDbState {
  return { regions, issued, lost, staleRead, outages };
}

/** Zones of the home Region: the table survives one zone down (true without an az component). */
function homeZonesOk(world: World): boolean {
  const zones = world[AZ] as AzState | undefined;
  if (zones === undefined) return true;
  let down = 0;
  for (const up of zones.up) if (!up) down++;
  return down <= 1;
}

/**
 * The DynamoDB component.
 *
 * @example
 * const table = dynamodb({ regions: 2, writes: 2 }); // NoLostUpdate fails: concurrent writes in two Regions
 */
export function dynamodb(options: DynamoDbOptions = {}): Component<DynamoDbState, DynamoDbAction> {
  const R = options.regions ?? 1;
  const items = options.items ?? 1;
  const N = options.writes ?? 2;
  const eventual = !(options.consistentReads ?? false) || (options.readFromIndex ?? false);
  const maxOutages = options.maxRegionOutages ?? 1;
  if (R !== 1 && R !== 2) throw new Error(`dynamodb: regions must be 1 or 2, got ${R}`);
  if (!Number.isInteger(items) || items < 1 || items > 4) throw new Error(`dynamodb: items must be an integer in 1..4, got ${items}`);
  if (!Number.isInteger(N) || N < 1 || N > 8) throw new Error(`dynamodb: writes must be an integer in 1..8, got ${N}`);
  if (!Number.isInteger(maxOutages) || maxOutages < 0 || maxOutages > 8) throw new Error(`dynamodb: maxRegionOutages must be an integer in 0..8, got ${maxOutages}`);

  const table = <X>(make: (r: number, i: number) => X): X[] => Array.from({ length: R * items }, (_, k) => make(Math.floor(k / items), k % items));
  const A = {
    update: table(updateItem),
    get: table(getItem),
    catchUp: table(ddbCopyCatchUp),
    replicate: table(ddbReplicate),
    outage: Array.from({ length: R }, (_, r) => ddbRegionOutage(r)),
    recover: Array.from({ length: R }, (_, r) => ddbRegionRecover(r)),
  };
  const fresh = ddbReplica(0, 0, 0, false);
  const initial = dynamodbState(
    Array.from({ length: R }, () => ddbRegion(true, new Array<DdbReplica>(items).fill(fresh))),
    0,
    new Array<number>(items).fill(0),
    false,
    0,
  );

  function withReplica(s: DynamoDbState, r: number, i: number, x: DdbReplica, issued: number, lost: readonly number[]): DynamoDbState {
    const regions = s.regions.slice();
    const its = regions[r].items.slice();
    its[i] = x;
    regions[r] = ddbRegion(regions[r].up, its);
    return dynamodbState(regions, issued, lost, s.staleRead, s.outages);
  }
  function withRegionUp(s: DynamoDbState, r: number, up: boolean, outages: number): DynamoDbState {
    const regions = s.regions.slice();
    regions[r] = ddbRegion(up, regions[r].items);
    return dynamodbState(regions, s.issued, s.lost, s.staleRead, outages);
  }
  function available(s: DynamoDbState, r: number, world: World): boolean {
    return s.regions[r].up && (r !== 0 || homeZonesOk(world));
  }

  function reduce(s: DynamoDbState, a: DynamoDbAction): DynamoDbState {
    switch (a.type) {
      case 'UpdateItem': {
        const x = s.regions[a.region].items[a.item];
        const id = s.issued + 1;
        // The lagging zone copy keeps the oldest value it has not caught up from.
        const prev = x.lagging ? x.prev : x.value;
        return withReplica(s, a.region, a.item, ddbReplica(x.value | (1 << (id - 1)), id, prev, true), id, s.lost);
      }
      case 'GetItem': {
        const x = s.regions[a.region].items[a.item];
        const stale = eventual && x.lagging && x.prev !== x.value;
        return stale && !s.staleRead ? dynamodbState(s.regions, s.issued, s.lost, true, s.outages) : s;
      }
      case 'DdbCopyCatchUp': {
        const x = s.regions[a.region].items[a.item];
        return withReplica(s, a.region, a.item, ddbReplica(x.value, x.writer, x.value, false), s.issued, s.lost);
      }
      case 'DdbReplicate': {
        const to = 1 - a.from;
        const src = s.regions[a.from].items[a.item];
        const dst = s.regions[to].items[a.item];
        // Last writer wins: what only the overwritten replica had is gone.
        const overwritten = dst.value & ~src.value;
        let lost = s.lost;
        if (overwritten !== 0) {
          const next = lost.slice();
          next[a.item] |= overwritten;
          lost = next;
        }
        const prev = dst.lagging ? dst.prev : dst.value;
        return withReplica(s, to, a.item, ddbReplica(src.value, src.writer, prev, true), s.issued, lost);
      }
      case 'DdbRegionOutage':
        return withRegionUp(s, a.region, false, s.outages + 1);
      case 'DdbRegionRecover':
        return withRegionUp(s, a.region, true, s.outages);
      default:
        return assertNever(a);
    }
  }

  function actions(world: World, out: DynamoDbAction[]): void {
    const s = world[DYNAMODB] as DynamoDbState;
    for (let r = 0; r < R; r++) {
      const region = s.regions[r];
      const open = available(s, r, world);
      for (let i = 0; i < items; i++) {
        const k = r * items + i;
        const x = region.items[i];
        if (open && s.issued < N) out.push(A.update[k]);
        if (open) out.push(A.get[k]);
        if (region.up && x.lagging) out.push(A.catchUp[k]);
        if (R === 2 && region.up && s.regions[1 - r].up && x.writer > s.regions[1 - r].items[i].writer) out.push(A.replicate[k]);
      }
      if (region.up) {
        if (s.outages < maxOutages) out.push(A.outage[r]);
      } else {
        out.push(A.recover[r]);
      }
    }
  }

  const parameters: ParameterInfo[] = [
    { name: 'regions', default: 1, unit: 'count', range: [1, 2], description: '2: a global table (last writer wins)' },
    { name: 'items', default: 1, unit: 'count', range: [1, 4] },
    { name: 'writes', default: 2, unit: 'count', range: [1, 8], description: 'UpdateItem calls' },
    { name: 'consistentReads', default: false, unit: 'bool', range: ['true', 'false'], description: 'ConsistentRead on reads' },
    { name: 'readFromIndex', default: false, unit: 'bool', range: ['true', 'false'], description: 'reads from a GSI (always eventual)' },
    { name: 'maxRegionOutages', default: 1, unit: 'count', range: [0, 8] },
  ];

  return {
    name: DYNAMODB,
    schema: dynamodbSchema(R, items, N, maxOutages),
    parameters,
    catalog: { op: DYNAMODB_OPS, fault: DYNAMODB_FAULTS, control: DYNAMODB_CONTROLS },
    subscribes: [...DYNAMODB_OPS, ...DYNAMODB_FAULTS, ...DYNAMODB_CONTROLS],
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
  };
}
