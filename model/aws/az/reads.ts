/**
 * Reads of the az slice for other components and properties.
 */
import type { World } from '../../compose/component.js';
import { AZ, type AzState } from './state.js';

/**
 * True when zone `az` is up in `world`; also true when the world has no `az` component
 * (a composition without zone faults has every zone up).
 */
export function azUp(world: World, az: number): boolean {
  const slice = world[AZ] as AzState | undefined;
  return slice === undefined || slice.up[az];
}
