/**
 * The eip component on the composed world's code (model/compose/packed.ts): `eipActions` and
 * `reduceEip` on its addresses and ec2's instances.
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import type { Action } from '../../core/model.js';
import { ec2PackedReads, RUNNING, STOPPED } from '../ec2/index.js';
import type { EipConfig } from './options.js';
import { EIP } from './state.js';

/** eip's packed form, or undefined without ec2 or with more slots than ec2 has (the object functions report that). */
export function packedEip(c: EipConfig, layout: PackedLayout): PackedComponent | undefined {
  const ec2 = ec2PackedReads(layout);
  if (ec2 === undefined || c.slots > ec2.slots) return undefined;
  const { count, slots, reassociate, remapTo, opAllocate, opRelease, opAssociate, opDisassociate, opRemap, fConflict, A } = c;
  const allocatedF = layout.field(`${EIP}.addresses[].allocated`);
  const associatedF = layout.field(`${EIP}.addresses[].associated`);
  const instanceF = layout.field(`${EIP}.addresses[].instance`);

  // Table: per kind, one block of addresses, then the (address, slot) pairs at `e * slots + i`.
  const table: Action[] = [...A.allocate, ...A.release, ...A.disassociate, ...A.associate, ...A.remap, ...A.conflict];
  const ALLOCATE = 0, RELEASE = count, DISASSOCIATE = 2 * count, ASSOCIATE = 3 * count, REMAP = 3 * count + count * slots, CONFLICT = 3 * count + 2 * count * slots;

  const put = (out: Uint32Array, o: number, e: number, allocated: number, associated: number, instance: number): void => {
    allocatedF.set(out, o, e, allocated);
    associatedF.set(out, o, e, associated);
    instanceF.set(out, o, e, instance);
  };
  const eipOf = (a: Action): number => (a as unknown as { readonly eip: number }).eip;
  const instanceOf = (a: Action): number => (a as unknown as { readonly instance: number }).instance;
  const free: PackedReducer = (a, _code, _off, out, o) => put(out, o, eipOf(a), 1, 0, 0);
  /** `e` now points at `i`; an address `i` had before is disassociated. */
  const associate: PackedReducer = (a, _code, _off, out, o) => {
    const i = instanceOf(a);
    for (let f = 0; f < count; f++) if (associatedF.get(out, o, f) === 1 && instanceF.get(out, o, f) === i) put(out, o, f, 1, 0, 0);
    put(out, o, eipOf(a), 1, 1, i);
  };
  const reducers: Record<string, PackedReducer> = {
    AllocateAddress: free,
    DisassociateAddress: free,
    ReleaseAddress: (a, _code, _off, out, o) => put(out, o, eipOf(a), 0, 0, 0),
    AssociateAddress: associate,
    RemapAddress: associate,
    ConflictingAssociate: associate,
    InstanceTerminated: (a, code, off, out, o) => {
      // The terminated instance's address is disassociated; it stays allocated.
      const i = instanceOf(a);
      for (let e = 0; e < count; e++) {
        if (associatedF.get(code, off, e) === 1 && instanceF.get(code, off, e) === i) {
          put(out, o, e, 1, 0, 0);
          return;
        }
      }
    },
  };

  return {
    table,
    actions(code, off, out, n, base) {
      for (let e = 0; e < count; e++) {
        if (allocatedF.get(code, off, e) === 0) {
          if (opAllocate) out[n++] = base + ALLOCATE + e;
          continue;
        }
        const associated = associatedF.get(code, off, e) === 1;
        if (associated) {
          if (opDisassociate) out[n++] = base + DISASSOCIATE + e;
        } else if (opRelease) out[n++] = base + RELEASE + e;
        const at = instanceF.get(code, off, e);
        // AllowReassociation=false: the call fails on an associated address.
        const movable = reassociate || !associated;
        const failedOver = opRemap && !(associated && ec2.isHealthy(code, off, at));
        for (let i = 0; i < slots; i++) {
          if (associated && at === i) continue;
          // The API associates running or stopped instances only.
          const st = ec2.state.get(code, off, i);
          if (st !== RUNNING && st !== STOPPED) continue;
          const k = base + e * slots + i;
          if (opAssociate && movable) out[n++] = k + ASSOCIATE;
          if (failedOver && remapTo[i] && ec2.isHealthy(code, off, i)) out[n++] = k + REMAP;
          if (fConflict && movable) out[n++] = k + CONFLICT;
        }
      }
      return n;
    },
    reducer: reducerOf('eip', reducers),
  };
}
