/**
 * The region slice: its key, schema, type and the slices it can be in (built once).
 */
import { t, type Infer } from '../../core/schema.js';

/** The region component's kind: its slice is `world.region`, or `world.<name>` for a named Region. */
export const REGION = 'region';

/** The schema of the region slice; `maxOutages` bounds `outages` (0: no bits). */
export function regionSchema(maxOutages: number) {
  return t.record('RegionState', { up: t.bool(), outages: t.int(0, maxOutages) });
}
/** The region slice: `up` while the Region works; `outages` counts its `RegionOutage`s against `maxOutages`. */
export type RegionState = Infer<ReturnType<typeof regionSchema>>;

/** The single factory of region slices. */
export function regionState(up: boolean, outages: number): RegionState {
  return { up, outages };
}
