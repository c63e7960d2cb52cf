/**
 * EC2 capacity per Availability Zone (aws-semantics §1 "Capacity", INV-EC2-5).
 *
 * Launches, starts and recoveries can fail with `InsufficientInstanceCapacity` per zone.
 * Only a zonal Reserved Instance or an On-Demand Capacity Reservation reserves capacity (a
 * regional RI is a billing discount and is not modelled here). The slice holds, per zone:
 * - `limit[z]`: how many instances AWS can place in zone `z` for this account and type
 *   (on-demand, reservations included); a constant of the scenario;
 * - `reserved[z]`: instances covered by a Capacity Reservation / zonal RI in `z`; a constant;
 * - `short[z]`: an `InsufficientCapacity` event is going on in `z`: no on-demand launches.
 *
 * The free capacity of a zone is derived, not stored: `limit - occupied`, where "occupied"
 * counts the instances that hold a host there (ec2's `holdsCapacity`: pending, running,
 * stopping, shutting-down). Running instances consume reservations first, as AWS matches
 * open reservations automatically, so a launch in `z` is admitted iff
 * `occupied < reserved[z]`, or `!short[z]` and `occupied < limit[z]`.
 * ec2's `launchAdmitted(world, az)` combines this with the zone being up; ASG launches,
 * `LaunchInstance`, `StartInstance` and `AutoRecover` all go through it.
 *
 * Faults: `InsufficientCapacity { az }` takes the zone's spare on-demand capacity away;
 * `CapacityRestored { az }` gives it back (a fault-kind repair, like `AzRecover`). At most
 * `maxShort` zones are short at once.
 */
import type { Component, ParameterInfo, World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';

/** The capacity component's name: its slice is `world.capacity`. */
export const CAPACITY = 'capacity';

/** Upper bound of `limitPerAz` and `reserved` (and their default "no limit"). */
export const MAX_CAPACITY = 63;

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

/** `InsufficientCapacity(az)`. */
export function insufficientCapacity(az: number): InsufficientCapacity {
  return { type: 'InsufficientCapacity', kind: 'fault', az };
}
/** `CapacityRestored(az)`. */
export function capacityRestored(az: number): CapacityRestored {
  return { type: 'CapacityRestored', kind: 'fault', az };
}

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

/**
 * The schema of the capacity slice for these per-zone limits and reservations. They are
 * constants of the scenario, so their bounds are the values' own range: equal values across
 * zones take no bits in a code.
 */
export function capacitySchema(limit: readonly number[], reserved: readonly number[]) {
  return t.record('CapacityState', {
    limit: t.array(t.int(Math.min(...limit), Math.max(...limit)), limit.length),
    reserved: t.array(t.int(Math.min(...reserved), Math.max(...reserved)), reserved.length),
    short: t.array(t.bool(), limit.length),
  });
}
/** The capacity slice (see the module doc). */
export type CapacityState = Infer<ReturnType<typeof capacitySchema>>;

/**
 * Whether a new instance may take a host in zone `az` when `occupied` instances already hold
 * one there (the zone being up is checked by the caller). True when the world has no
 * capacity component: capacity is then unlimited.
 */
export function capacityAdmits(world: World, az: number, occupied: number): boolean {
  const c = world[CAPACITY] as CapacityState | undefined;
  if (c === undefined || occupied < c.reserved[az]) return true;
  return !c.short[az] && occupied < c.limit[az];
}

/**
 * Whether an instance already holding a host in `az` can be moved to a spare host there
 * (auto-recovery), with `occupied` instances (itself included) in the zone.
 */
export function spareHostFor(world: World, az: number, occupied: number): boolean {
  const c = world[CAPACITY] as CapacityState | undefined;
  return c === undefined || occupied <= c.reserved[az] || !c.short[az];
}

/** Whether zone `az` is short of capacity (false without a capacity component). */
export function isShort(world: World, az: number): boolean {
  const c = world[CAPACITY] as CapacityState | undefined;
  return c !== undefined && c.short[az];
}

/** The single factory of capacity slices. */
function capacityState(limit: readonly number[], reserved: readonly number[], short: readonly boolean[]): CapacityState {
  return { limit, reserved, short };
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

/**
 * The per-zone capacity component.
 *
 * @example
 * const cap = capacity({ azs: 2, reserved: [1, 0] }); // zone 0 keeps one guaranteed launch
 */
export function capacity(options: CapacityOptions = {}): Component<CapacityState, CapacityAction> {
  const azs = options.azs ?? 2;
  const maxShort = options.maxShort ?? 1;
  const restorable = options.restorable ?? true;
  if (!Number.isInteger(azs) || azs < 1 || azs > 16) throw new Error(`capacity: azs must be an integer in 1..16, got ${azs}`);
  if (!Number.isInteger(maxShort) || maxShort < 0 || maxShort > azs) throw new Error(`capacity: maxShort must be an integer in 0..${azs}, got ${maxShort}`);
  const limit = perAz('limitPerAz', options.limitPerAz ?? MAX_CAPACITY, azs);
  const reserved = perAz('reserved', options.reserved ?? 0, azs);
  const noShortage: boolean[] = [];
  const shortages: InsufficientCapacity[] = [];
  const restorations: CapacityRestored[] = [];
  for (let z = 0; z < azs; z++) {
    noShortage.push(false);
    shortages.push(insufficientCapacity(z));
    restorations.push(capacityRestored(z));
  }
  const initial = capacityState(limit, reserved, noShortage);

  const parameters: ParameterInfo[] = [
    { name: 'azs', default: 2, unit: 'count', range: [1, 16] },
    { name: 'limitPerAz', default: MAX_CAPACITY, unit: 'count', range: [0, MAX_CAPACITY], description: 'instances AWS can place in a zone, reservations included' },
    { name: 'reserved', default: 0, unit: 'count', range: [0, MAX_CAPACITY], description: 'On-Demand Capacity Reservation / zonal RI instances per zone' },
    { name: 'maxShort', default: 1, unit: 'count', range: [0, azs], description: 'fault budget: zones short of capacity at the same time' },
    { name: 'restorable', default: true, unit: 'bool', range: ['true', 'false'] },
  ];

  function withShort(slice: CapacityState, az: number, value: boolean): CapacityState {
    if (slice.short[az] === value) return slice;
    const short = slice.short.slice();
    short[az] = value;
    return capacityState(slice.limit, slice.reserved, short);
  }

  return {
    name: CAPACITY,
    schema: capacitySchema(limit, reserved),
    parameters,
    catalog: { op: [], fault: ['InsufficientCapacity', 'CapacityRestored'], control: [] },
    subscribes: ['InsufficientCapacity', 'CapacityRestored'],
    init: () => initial,
    actions(world: World, out) {
      const short = (world[CAPACITY] as CapacityState).short;
      let shortNow = 0;
      for (let z = 0; z < azs; z++) if (short[z]) shortNow++;
      for (let z = 0; z < azs; z++) {
        if (!short[z]) {
          if (shortNow < maxShort) out.push(shortages[z]);
        } else if (restorable) {
          out.push(restorations[z]);
        }
      }
    },
    reduce(slice: CapacityState, a: CapacityAction): CapacityState {
      switch (a.type) {
        case 'InsufficientCapacity':
          return withShort(slice, a.az, true);
        case 'CapacityRestored':
          return withShort(slice, a.az, false);
        default:
          return assertNever(a);
      }
    },
  };
}
