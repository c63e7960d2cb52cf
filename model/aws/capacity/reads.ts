/**
 * Reads of the capacity slice for ec2 (admission of launches, starts and recoveries),
 * properties and scenarios. Each takes the whole world and treats a world without a capacity
 * component as having unlimited capacity. Re-exported by `index.ts` (import from there).
 */
import type { World } from '../../compose/component.js';
import { CAPACITY, type CapacityState } from './state.js';

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
