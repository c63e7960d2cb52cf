/**
 * The capacity component on the composed world's code (model/compose/packed.ts), and its reads
 * for ec2 (`capacityAdmits`, `spareHostFor` on codes).
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import type { CapacityConfig } from './options.js';
import { CAPACITY } from './state.js';

/** capacity's reads on codes; a zone past capacity's answers as the object reads do. */
export interface CapacityPackedReads {
  /** `capacityAdmits(world, z, occupied)`. */
  admits(code: Uint32Array, off: number, z: number, occupied: number): boolean;
  /** `spareHostFor(world, z, occupied)`. */
  spareHostFor(code: Uint32Array, off: number, z: number, occupied: number): boolean;
}

/** The reads on `layout` (unlimited capacity without a capacity component). */
export function capacityPackedReads(layout: PackedLayout): CapacityPackedReads {
  if (!layout.has(CAPACITY)) return { admits: () => true, spareHostFor: () => true };
  const zones = layout.length(`${CAPACITY}.short`);
  const limit = layout.field(`${CAPACITY}.limit[]`);
  const reserved = layout.field(`${CAPACITY}.reserved[]`);
  const short = layout.field(`${CAPACITY}.short[]`);
  return {
    // Past the zones `reserved[z]` and `limit[z]` are undefined (comparisons false) and `short[z]` falsy.
    admits(code, off, z, occupied) {
      if (!(z >= 0 && z < zones)) return false;
      if (occupied < reserved.get(code, off, z)) return true;
      return short.get(code, off, z) === 0 && occupied < limit.get(code, off, z);
    },
    spareHostFor(code, off, z, occupied) {
      if (!(z >= 0 && z < zones)) return true;
      return occupied <= reserved.get(code, off, z) || short.get(code, off, z) === 0;
    },
  };
}

/** capacity's packed form (see `capacityActions` and `reduceCapacity`). */
export function packedCapacity(c: CapacityConfig, layout: PackedLayout): PackedComponent {
  const azs = c.azs;
  const short = layout.field(`${CAPACITY}.short[]`);
  // Table: per zone, its shortage then its restoration.
  const table = [];
  for (let z = 0; z < azs; z++) table.push(c.shortages[z], c.restorations[z]);
  const { maxShort, restorable } = c;
  const setter = (value: number): PackedReducer => (a, _code, _off, out, outOff) => {
    short.set(out, outOff, (a as unknown as { readonly az: number }).az, value);
  };
  const reducers: Record<string, PackedReducer> = { InsufficientCapacity: setter(1), CapacityRestored: setter(0) };
  return {
    table,
    actions(code, off, out, n, base) {
      let shortNow = 0;
      for (let z = 0; z < azs; z++) shortNow += short.get(code, off, z);
      for (let z = 0; z < azs; z++) {
        if (short.get(code, off, z) === 0) {
          if (shortNow < maxShort) out[n++] = base + 2 * z;
        } else if (restorable) out[n++] = base + 2 * z + 1;
      }
      return n;
    },
    reducer: reducerOf('capacity', reducers),
  };
}
