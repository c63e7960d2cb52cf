/**
 * Reads of the region slice for other components and properties. Each takes the world (or
 * the view) its caller is given: `world.region` is the caller's Region (its `uses.region`,
 * or the only Region of the composition). A caller that sees no Region (a composition
 * without one, or a global service such as Route 53 among several) treats it as up, so a
 * composition without a region component explores exactly what it did before Regions.
 */
import type { World } from '../../compose/component.js';
import { REGION, type RegionState } from './state.js';

/** The caller's Region is up; true when it sees none. */
export function regionUp(world: World): boolean {
  const s = world[REGION] as RegionState | undefined;
  return s === undefined || s.up;
}
/** The region slice the caller sees, or undefined. */
export function regionSlice(world: World): RegionState | undefined {
  return world[REGION] as RegionState | undefined;
}
/**
 * The Region named `name` (an instance name) is up, read from the composition's whole world
 * (`rootOf` of a view): for a global service that names the Regions it spans. A name that is
 * not in the world is a one-line error, not a Region that is always up.
 */
export function regionUpByName(root: World, name: string): boolean {
  const s = root[name] as RegionState | undefined;
  if (s === undefined || typeof s.up !== 'boolean') throw new Error(`region ${JSON.stringify(name)} is not a Region of this composition`);
  return s.up;
}
