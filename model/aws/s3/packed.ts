/**
 * The s3 component on the composed world's code (model/compose/packed.ts): `s3Actions` and
 * `reduceS3`, versions pushed newest first as `pushVersion` does.
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import type { Action } from '../../core/model.js';
import { REGION } from '../region/index.js';
import type { S3Config } from './options.js';
import { S3, VERSION_KINDS, VERSIONING_STATES } from './state.js';

const [EMPTY, DATA, MARKER] = VERSION_KINDS.map((_, i) => i);
const [UNVERSIONED, ENABLED, SUSPENDED] = VERSIONING_STATES.map((_, i) => i);

/** s3's packed form, or undefined in a world with a Region (its actions read the Region's state). */
export function packedS3(c: S3Config, layout: PackedLayout): PackedComponent | undefined {
  if (layout.has(REGION)) return undefined;
  const { keys, maxWrites, maxAccidents, versioningChanges, maxVersions, A } = c;
  const versioningF = layout.field(`${S3}.versioning`);
  const kindF = layout.field(`${S3}.objects[].versions[].kind`);
  const contentF = layout.field(`${S3}.objects[].versions[].content`);
  const nullF = layout.field(`${S3}.objects[].versions[].nullId`);
  const writesF = layout.field(`${S3}.objects[].writes`);
  const accidentsF = layout.field(`${S3}.accidents`);

  // Table: per kind, one block of keys, then the two versioning changes.
  const table: Action[] = [...A.put, ...A.restore, ...A.del, ...A.overwrite, A.enable, A.suspend];
  const PUT = 0, RESTORE = keys, DELETE = 2 * keys, OVERWRITE = 3 * keys, ENABLE = 4 * keys, SUSPEND = 4 * keys + 1;

  /** `currentIsGood`. */
  const currentIsGood = (code: Uint32Array, off: number, k: number): boolean => {
    const writes = writesF.get(code, off, k);
    return writes === 0 || (kindF.get(code, off, k, 0) === DATA && contentF.get(code, off, k, 0) === writes);
  };
  /** `goodVersionRetrievable`. */
  const goodVersionRetrievable = (code: Uint32Array, off: number, k: number): boolean => {
    const writes = writesF.get(code, off, k);
    if (writes === 0) return true;
    for (let v = 0; v < maxVersions; v++) if (kindF.get(code, off, k, v) === DATA && contentF.get(code, off, k, v) === writes) return true;
    return false;
  };
  /**
   * `pushVersion` into `out` for key `k`: the new version on top, then the key's versions in the
   * world before (`fromBefore`; none: an unversioned bucket's `noVersions`), skipping empty slots
   * and, with `replaceNull`, the null version; empty slots after.
   */
  const pushVersion = (code: Uint32Array, off: number, out: Uint32Array, o: number, k: number, kind: number, content: number, nullId: number, fromBefore: boolean, replaceNull: boolean): void => {
    kindF.set(out, o, k, 0, kind);
    contentF.set(out, o, k, 0, content);
    nullF.set(out, o, k, 0, nullId);
    let n = 1;
    for (let v = 0; fromBefore && v < maxVersions && n < maxVersions; v++) {
      const kv = kindF.get(code, off, k, v);
      if (kv === EMPTY || (replaceNull && nullF.get(code, off, k, v) === 1)) continue;
      kindF.set(out, o, k, n, kv);
      contentF.set(out, o, k, n, contentF.get(code, off, k, v));
      nullF.set(out, o, k, n, nullF.get(code, off, k, v));
      n++;
    }
    for (; n < maxVersions; n++) {
      kindF.set(out, o, k, n, EMPTY);
      contentF.set(out, o, k, n, 0);
      nullF.set(out, o, k, n, 0);
    }
  };
  /** `put`: a PUT (or a copy) of `content` to key `k` under the bucket's versioning. */
  const put = (code: Uint32Array, off: number, out: Uint32Array, o: number, k: number, content: number): void => {
    const versioning = versioningF.get(code, off);
    if (versioning === UNVERSIONED) pushVersion(code, off, out, o, k, DATA, content, 1, false, true);
    else if (versioning === ENABLED) pushVersion(code, off, out, o, k, DATA, content, 0, true, false);
    else pushVersion(code, off, out, o, k, DATA, content, 1, true, true);
  };
  const keyOf = (a: Action): number => (a as unknown as { readonly key: number }).key;
  const accident = (code: Uint32Array, off: number, out: Uint32Array, o: number): void => accidentsF.set(out, o, accidentsF.get(code, off) + 1);
  const reducers: Record<string, PackedReducer> = {
    PutObject: (a, code, off, out, o) => {
      const k = keyOf(a);
      const writes = writesF.get(code, off, k) + 1;
      put(code, off, out, o, k, writes);
      writesF.set(out, o, k, writes);
    },
    RestoreObject: (a, code, off, out, o) => {
      const k = keyOf(a);
      put(code, off, out, o, k, writesF.get(code, off, k));
    },
    AccidentalOverwrite: (a, code, off, out, o) => {
      put(code, off, out, o, keyOf(a), 0);
      accident(code, off, out, o);
    },
    AccidentalDelete: (a, code, off, out, o) => {
      const k = keyOf(a);
      const versioning = versioningF.get(code, off);
      if (versioning === UNVERSIONED) pushVersion(code, off, out, o, k, EMPTY, 0, 0, false, true);
      else if (versioning === ENABLED) pushVersion(code, off, out, o, k, MARKER, 0, 0, true, false);
      else pushVersion(code, off, out, o, k, MARKER, 0, 1, true, true);
      accident(code, off, out, o);
    },
    // `a` is one of this table's two objects (compose passes `table[action]`): no status lookup per transition.
    PutBucketVersioning: (a, _code, _off, out, o) => versioningF.set(out, o, a === A.enable ? ENABLED : SUSPENDED),
  };

  return {
    table,
    actions(code, off, out, n, base) {
      const faultsLeft = accidentsF.get(code, off) < maxAccidents;
      for (let k = 0; k < keys; k++) {
        if (writesF.get(code, off, k) < maxWrites) out[n++] = base + PUT + k;
        if (!currentIsGood(code, off, k) && goodVersionRetrievable(code, off, k)) out[n++] = base + RESTORE + k;
        if (faultsLeft && kindF.get(code, off, k, 0) === DATA) {
          out[n++] = base + DELETE + k;
          out[n++] = base + OVERWRITE + k;
        }
      }
      if (versioningChanges) out[n++] = base + (versioningF.get(code, off) !== ENABLED ? ENABLE : SUSPEND);
      return n;
    },
    reducer: reducerOf('s3', reducers),
  };
}
