/**
 * Reads of the eip slice for other components, properties and scenarios (all take the whole
 * world). Re-exported by `index.ts` (import from there).
 */
import type { World } from '../../compose/component.js';
import { isHealthy, isReachable } from '../ec2/index.js';
import { EIP, type EipState } from './state.js';

/** The instance address `e` is associated with, or -1. */
export function eipTarget(world: World, e = 0): number {
  const x = (world[EIP] as EipState).addresses[e];
  return x.associated ? x.instance : -1;
}
/** EipReachesHealthy: address `e` is associated with a healthy instance (running, checks ok, app up, zone up). */
export function eipReachesHealthy(world: World, e = 0): boolean {
  const x = (world[EIP] as EipState).addresses[e];
  return x.associated && isHealthy(world, x.instance);
}
/** Address `e` reaches a running instance over the network (whatever its application does). */
export function eipReachable(world: World, e = 0): boolean {
  const x = (world[EIP] as EipState).addresses[e];
  return x.associated && isReachable(world, x.instance);
}
/** The address associated with instance `i`, or -1. */
export function addressOf(world: World, i: number): number {
  const xs = (world[EIP] as EipState).addresses;
  for (let e = 0; e < xs.length; e++) if (xs[e].associated && xs[e].instance === i) return e;
  return -1;
}
