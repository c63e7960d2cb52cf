/**
 * The controlPlane component on the composed world's code (model/compose/packed.ts):
 * `controlPlaneActions`, `reduceControlPlane` and `controlPlaneTicking`, and its gate
 * (`controlPlaneOpen`, `controlPlaneSettled`) for compose's packed `actions`.
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import type { Action } from '../../core/model.js';
import { REGION } from '../region/index.js';
import type { ControlPlaneConfig } from './options.js';
import { CONTROL_PLANE } from './state.js';

/**
 * controlPlane's packed form, or undefined in a world with a Region (its gate then reads the
 * Region's state, which has no packed form).
 */
export function packedControlPlane(c: ControlPlaneConfig, layout: PackedLayout): PackedComponent | undefined {
  if (layout.has(REGION)) return undefined;
  const impairedF = layout.field(`${CONTROL_PLANE}.impaired`);
  const lockedOutF = layout.field(`${CONTROL_PLANE}.lockedOut`);
  const callsF = layout.field(`${CONTROL_PLANE}.calls`);
  const { limit, throttled, fImpair, fRecover } = c;
  const table: Action[] = [c.A.impaired, c.A.recovered, c.A.lockOut];
  const IMPAIRED = 0, RECOVERED = 1, LOCK_OUT = 2;

  /** Every type the reducer is asked for that is not the control plane's own is an API call (compose routes only those here). */
  const apiCall: PackedReducer = (_a, code, off, out, o) => {
    if (!throttled) return;
    const calls = callsF.get(code, off);
    if (calls >= limit) throw new Error(`controlPlane: an API call was taken with the tick's ${limit} calls spent`);
    callsF.set(out, o, calls + 1);
  };
  const reducers: Record<string, PackedReducer> = {
    ControlPlaneImpaired: (_a, _code, _off, out, o) => impairedF.set(out, o, 1),
    ControlPlaneRecovered: (_a, code, off, out, o) => {
      if (lockedOutF.get(code, off) === 0) impairedF.set(out, o, 0);
    },
    LockOut: (_a, _code, _off, out, o) => {
      impairedF.set(out, o, 1);
      lockedOutF.set(out, o, 1);
    },
    Tick: (_a, _code, _off, out, o) => callsF.set(out, o, 0),
  };

  return {
    table,
    actions(code, off, out, n, base) {
      if (lockedOutF.get(code, off) === 1) return n;
      if (impairedF.get(code, off) === 0) {
        if (fImpair) out[n++] = base + IMPAIRED;
      } else if (fRecover) out[n++] = base + RECOVERED;
      return n;
    },
    reducer(type) {
      return Object.hasOwn(reducers, type) ? reducers[type] : apiCall;
    },
    ...(throttled ? { ticking: (code: Uint32Array, off: number) => callsF.get(code, off) > 0 } : {}),
    gate: {
      open: (code, off) => impairedF.get(code, off) === 0 && callsF.get(code, off) < limit,
      settled(code, off, out, n, base) {
        if (c.lockOut && lockedOutF.get(code, off) === 0) out[n++] = base + LOCK_OUT;
        return n;
      },
    },
  };
}
