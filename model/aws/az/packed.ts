/**
 * The az component on the composed world's code (model/compose/packed.ts), and its reads for
 * the components that look at zones (`azUp`, `azEbsOk`, `lbReaches` on codes).
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import { REGION } from '../region/index.js';
import type { AzConfig } from './options.js';
import { AZ } from './state.js';

/** az's reads on codes; a zone index outside az's zones answers as the object reads do. */
export interface AzPackedReads {
  /** `azUp(world, z)`. */
  up(code: Uint32Array, off: number, z: number): boolean;
  /** `azEbsOk(world, z)`. */
  ebsOk(code: Uint32Array, off: number, z: number): boolean;
  /** `lbReaches(world, z)`. */
  lbReaches(code: Uint32Array, off: number, z: number): boolean;
}

const always = (): boolean => true;

/**
 * The reads on `layout`; undefined with a Region in the world (`azUp` follows `regionUp`, which
 * has no packed form).
 */
export function azPackedReads(layout: PackedLayout): AzPackedReads | undefined {
  if (layout.has(REGION)) return undefined;
  if (!layout.has(AZ)) return { up: always, ebsOk: always, lbReaches: always };
  const zones = layout.length(`${AZ}.up`);
  const up = layout.field(`${AZ}.up[]`);
  const ebs = layout.field(`${AZ}.ebsOk[]`);
  const lb = layout.field(`${AZ}.lbReachable[]`);
  return {
    // `slice.up[z]` is undefined past the zones (falsy); `ebsOk?.[z] !== false` is then true.
    up: (code, off, z) => z >= 0 && z < zones && up.get(code, off, z) === 1,
    ebsOk: (code, off, z) => !(z >= 0 && z < zones) || ebs.get(code, off, z) === 1,
    lbReaches: (code, off, z) => !(z >= 0 && z < zones) || lb.get(code, off, z) === 1,
  };
}

/** az's packed form (see `azActions` and `reduceAz`). */
export function packedAz(c: AzConfig, layout: PackedLayout): PackedComponent | undefined {
  if (layout.has(REGION)) return undefined;
  const azs = c.azs;
  const up = layout.field(`${AZ}.up[]`);
  const ebs = layout.field(`${AZ}.ebsOk[]`);
  const lb = layout.field(`${AZ}.lbReachable[]`);
  // Table: per zone, its six actions in this order.
  const table = [];
  for (let z = 0; z < azs; z++) table.push(c.outages[z], c.ebsStuck[z], c.lbCuts[z], c.recoveries[z], c.ebsRecoveries[z], c.lbRecoveries[z]);
  const OUTAGE = 0, EBS = 1, LB = 2, RECOVER = 3, EBS_BACK = 4, LB_BACK = 5;
  const { maxDown, recoverable, fOutage, fEbs, fLb } = c;
  const setter = (field: typeof up, value: number): PackedReducer => (a, _code, _off, out, outOff) => {
    field.set(out, outOff, (a as unknown as { readonly az: number }).az, value);
  };
  const reducers: Record<string, PackedReducer> = {
    AzOutage: setter(up, 0),
    AzRecover: setter(up, 1),
    AzEbsStuck: setter(ebs, 0),
    AzEbsRecover: setter(ebs, 1),
    AzLbUnreachable: setter(lb, 0),
    AzLbReachable: setter(lb, 1),
  };
  return {
    table,
    actions(code, off, out, n, base) {
      let impaired = 0;
      for (let z = 0; z < azs; z++) if (!(up.get(code, off, z) && ebs.get(code, off, z) && lb.get(code, off, z))) impaired++;
      const canFail = impaired < maxDown;
      for (let z = 0; z < azs; z++) {
        const at = base + z * 6;
        if (!up.get(code, off, z)) {
          if (recoverable) out[n++] = at + RECOVER;
        } else if (!ebs.get(code, off, z)) {
          if (recoverable) out[n++] = at + EBS_BACK;
        } else if (!lb.get(code, off, z)) {
          if (recoverable) out[n++] = at + LB_BACK;
        } else if (canFail) {
          if (fOutage) out[n++] = at + OUTAGE;
          if (fEbs) out[n++] = at + EBS;
          if (fLb) out[n++] = at + LB;
        }
      }
      return n;
    },
    reducer: reducerOf('az', reducers),
  };
}
