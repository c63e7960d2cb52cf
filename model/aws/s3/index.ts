/**
 * Amazon S3 (aws-semantics §7): one bucket's versioning and a few keys, enough for
 * "is the last good version still retrievable" after an application deletes or overwrites
 * an object by mistake.
 *
 * Each key holds its versions newest first (`versions[0]` is the current one): `data`
 * (with a `content`), a delete `marker`, or an `empty` slot; `nullId` marks the version
 * whose ID is `null` (written while unversioned or suspended). Contents are small indices:
 * `1..writes` are the application's good writes in order, `0` is what an accidental
 * overwrite wrote. The last good version of a key is content `writes`.
 *
 * Versioning ([S3][S5]):
 * - `unversioned`: a PUT replaces the only (null) version; a DELETE removes it: gone.
 * - `enabled`: a PUT adds a version; a DELETE adds a delete marker, the data stays under it
 *   (INV-S3-1); once enabled, a bucket is never unversioned again.
 * - `suspended`: a PUT replaces the null version (wherever it is) with a new current null
 *   version (INV-S3-2), a DELETE replaces it with a null delete marker; versions written
 *   while enabled are kept.
 * Restoring copies the last good version over the current one (CopyObject, so it follows the
 * same versioning rules as a PUT).
 *
 * Faults: `AccidentalDelete` and `AccidentalOverwrite` (the application's mistakes), within
 * `maxAccidents`. Strong read-after-write consistency is assumed (true since Dec 2020).
 * Not modelled: replication, Object Lock, MFA delete, lifecycle rules, permanent version
 * deletes, the 15-minute window after enabling versioning (INV-S3-5), regional outages.
 */
import type { Component, ParameterInfo, World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';

/** The s3 component's name: its slice is `world.s3`. */
export const S3 = 's3';

export const VERSIONING_STATES = ['unversioned', 'enabled', 'suspended'] as const;
export type Versioning = (typeof VERSIONING_STATES)[number];
export const VERSION_KINDS = ['empty', 'data', 'marker'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** Schema of one version slot. */
export function s3VersionSchema(maxWrites: number) {
  return t.record('S3Version', { kind: t.enumOf(VERSION_KINDS), content: t.int(0, maxWrites), nullId: t.bool() });
}
export type S3Version = Infer<ReturnType<typeof s3VersionSchema>>;

/** Schema of one key: its versions (newest first) and how many good writes it has had. */
export function s3ObjectSchema(maxVersions: number, maxWrites: number) {
  return t.record('S3Object', { versions: t.array(s3VersionSchema(maxWrites), maxVersions), writes: t.int(0, maxWrites) });
}
export type S3Object = Infer<ReturnType<typeof s3ObjectSchema>>;

/** Schema of the s3 slice; `accidents` counts the application's mistakes against `maxAccidents`. */
export function s3Schema(keys: number, maxVersions: number, maxWrites: number, maxAccidents: number) {
  return t.record('S3State', {
    versioning: t.enumOf(VERSIONING_STATES),
    objects: t.array(s3ObjectSchema(maxVersions, maxWrites), keys),
    accidents: t.int(0, maxAccidents),
  });
}
export type S3State = Infer<ReturnType<typeof s3Schema>>;

// ---- Actions ---------------------------------------------------------------------------

/** The application writes the next good content of `key`. */
export interface PutObject { readonly type: 'PutObject'; readonly kind: 'op'; readonly key: number }
/** An operator restores `key`'s last good version by copying it over the current one. */
export interface RestoreObject { readonly type: 'RestoreObject'; readonly kind: 'op'; readonly key: number }
/** An operator changes the bucket's versioning (enabled <-> suspended; never back to unversioned). */
export interface PutBucketVersioning { readonly type: 'PutBucketVersioning'; readonly kind: 'op'; readonly status: 'enabled' | 'suspended' }
/** The application deletes `key` by mistake (a DELETE without a version ID). */
export interface AccidentalDelete { readonly type: 'AccidentalDelete'; readonly kind: 'fault'; readonly key: number }
/** The application overwrites `key` by mistake (a PUT of bad content). */
export interface AccidentalOverwrite { readonly type: 'AccidentalOverwrite'; readonly kind: 'fault'; readonly key: number }

/** Every action s3 originates (and reduces). */
export type S3Action = PutObject | RestoreObject | PutBucketVersioning | AccidentalDelete | AccidentalOverwrite;

export const S3_OPS = ['PutObject', 'RestoreObject', 'PutBucketVersioning'] as const;
export const S3_FAULTS = ['AccidentalDelete', 'AccidentalOverwrite'] as const;

export const putObject = (key: number): PutObject => ({ type: 'PutObject', kind: 'op', key });
export const restoreObject = (key: number): RestoreObject => ({ type: 'RestoreObject', kind: 'op', key });
export const putBucketVersioning = (status: 'enabled' | 'suspended'): PutBucketVersioning => ({ type: 'PutBucketVersioning', kind: 'op', status });
export const accidentalDelete = (key: number): AccidentalDelete => ({ type: 'AccidentalDelete', kind: 'fault', key });
export const accidentalOverwrite = (key: number): AccidentalOverwrite => ({ type: 'AccidentalOverwrite', kind: 'fault', key });

// ---- Reads for properties (slice-level) --------------------------------------------------

/** The s3 slice of `world`. */
export function s3Slice(world: World): S3State {
  return world[S3] as S3State;
}
/** What a GET of `key` returns: the current content, or -1 (no object, or a delete marker: 404). */
export function currentContent(s: S3State, key: number): number {
  const v = s.objects[key].versions[0];
  return v.kind === 'data' ? v.content : -1;
}
/** A GET of `key` returns its last good write (or the key was never written). */
export function currentIsGood(s: S3State, key: number): boolean {
  const o = s.objects[key];
  return o.writes === 0 || currentContent(s, key) === o.writes;
}
/** `key`'s last good version can still be retrieved (as the current object or by version ID). */
export function goodVersionRetrievable(s: S3State, key: number): boolean {
  const o = s.objects[key];
  if (o.writes === 0) return true;
  for (const v of o.versions) if (v.kind === 'data' && v.content === o.writes) return true;
  return false;
}
/** DeletedObjectRecoverable: every key's last good version is still retrievable. */
export function deletedObjectRecoverable(s: S3State): boolean {
  for (let k = 0; k < s.objects.length; k++) if (!goodVersionRetrievable(s, k)) return false;
  return true;
}
/** Some key's current object is not its last good write (an accident not yet repaired). */
export function someObjectDamaged(s: S3State): boolean {
  for (let k = 0; k < s.objects.length; k++) if (!currentIsGood(s, k)) return true;
  return false;
}

// ---- The component -----------------------------------------------------------------------

/** Parameters of the s3 component. */
export interface S3Options {
  /** Object keys (indices 0..keys-1); default 1. */
  readonly keys?: number;
  /** The bucket's versioning at the start; default `unversioned` (a new bucket's). */
  readonly versioning?: Versioning;
  /** Good writes per key (the application's PutObject budget); default 2. */
  readonly maxWrites?: number;
  /** Accidental deletes and overwrites in a run; default 1. */
  readonly maxAccidents?: number;
  /** Whether an operator may change versioning (PutBucketVersioning); default false. */
  readonly versioningChanges?: boolean;
}

const EMPTY: S3Version = s3Version('empty', 0, false);

/** The single factory of version records. */
function s3Version(kind: VersionKind, content: number, nullId: boolean): S3Version {
  return { kind, content, nullId };
}
/** The single factory of object records. */
function s3Object(versions: readonly S3Version[], writes: number): S3Object {
  return { versions, writes };
}
/** The single factory of s3 slices. */
function s3State(versioning: Versioning, objects: readonly S3Object[], accidents: number): S3State {
  return { versioning, objects, accidents };
}

/**
 * The S3 component.
 *
 * @example
 * const bucket = s3({ versioning: 'enabled', maxAccidents: 1 }); // DeletedObjectRecoverable holds
 */
export function s3(options: S3Options = {}): Component<S3State, S3Action> {
  const keys = options.keys ?? 1;
  const initialVersioning = options.versioning ?? 'unversioned';
  const maxWrites = options.maxWrites ?? 2;
  const maxAccidents = options.maxAccidents ?? 1;
  const versioningChanges = options.versioningChanges ?? false;
  if (!Number.isInteger(keys) || keys < 1 || keys > 8) throw new Error(`s3: keys must be an integer in 1..8, got ${keys}`);
  if (!Number.isInteger(maxWrites) || maxWrites < 1 || maxWrites > 8) throw new Error(`s3: maxWrites must be an integer in 1..8, got ${maxWrites}`);
  if (!Number.isInteger(maxAccidents) || maxAccidents < 0 || maxAccidents > 8) throw new Error(`s3: maxAccidents must be an integer in 0..8, got ${maxAccidents}`);
  if (!VERSIONING_STATES.includes(initialVersioning)) throw new Error(`s3: unknown versioning ${initialVersioning}`);

  // Each write, accident or restore adds at most one version, and each restore needs an accident first.
  const maxVersions = maxWrites + 2 * maxAccidents;

  const A = {
    put: Array.from({ length: keys }, (_, k) => putObject(k)),
    restore: Array.from({ length: keys }, (_, k) => restoreObject(k)),
    del: Array.from({ length: keys }, (_, k) => accidentalDelete(k)),
    overwrite: Array.from({ length: keys }, (_, k) => accidentalOverwrite(k)),
    enable: putBucketVersioning('enabled'),
    suspend: putBucketVersioning('suspended'),
  };
  const noVersions: S3Version[] = new Array<S3Version>(maxVersions).fill(EMPTY);
  const initial = s3State(initialVersioning, Array.from({ length: keys }, () => s3Object(noVersions, 0)), 0);

  /** `versions` with `top` pushed as the newest, after dropping the null version when `replaceNull`. */
  function pushVersion(versions: readonly S3Version[], top: S3Version, replaceNull: boolean): S3Version[] {
    const next: S3Version[] = [top];
    for (let i = 0; i < versions.length && next.length < maxVersions; i++) {
      const v = versions[i];
      if (v.kind === 'empty' || (replaceNull && v.nullId)) continue;
      next.push(v);
    }
    while (next.length < maxVersions) next.push(EMPTY);
    return next;
  }
  /** A PUT (or a copy) of `content` under the bucket's versioning. */
  function put(versioning: Versioning, versions: readonly S3Version[], content: number): S3Version[] {
    switch (versioning) {
      case 'unversioned':
        return pushVersion(noVersions, s3Version('data', content, true), true);
      case 'enabled':
        return pushVersion(versions, s3Version('data', content, false), false);
      case 'suspended':
        return pushVersion(versions, s3Version('data', content, true), true);
      default:
        return assertNever(versioning);
    }
  }
  /** A DELETE without a version ID under the bucket's versioning. */
  function remove(versioning: Versioning, versions: readonly S3Version[]): S3Version[] {
    switch (versioning) {
      case 'unversioned':
        return noVersions;
      case 'enabled':
        return pushVersion(versions, s3Version('marker', 0, false), false);
      case 'suspended':
        return pushVersion(versions, s3Version('marker', 0, true), true);
      default:
        return assertNever(versioning);
    }
  }
  function withObject(s: S3State, key: number, o: S3Object, accidents: number): S3State {
    const objects = s.objects.slice();
    objects[key] = o;
    return s3State(s.versioning, objects, accidents);
  }

  function reduce(s: S3State, a: S3Action): S3State {
    switch (a.type) {
      case 'PutObject': {
        const o = s.objects[a.key];
        return withObject(s, a.key, s3Object(put(s.versioning, o.versions, o.writes + 1), o.writes + 1), s.accidents);
      }
      case 'RestoreObject': {
        const o = s.objects[a.key];
        return withObject(s, a.key, s3Object(put(s.versioning, o.versions, o.writes), o.writes), s.accidents);
      }
      case 'AccidentalOverwrite': {
        const o = s.objects[a.key];
        return withObject(s, a.key, s3Object(put(s.versioning, o.versions, 0), o.writes), s.accidents + 1);
      }
      case 'AccidentalDelete': {
        const o = s.objects[a.key];
        return withObject(s, a.key, s3Object(remove(s.versioning, o.versions), o.writes), s.accidents + 1);
      }
      case 'PutBucketVersioning':
        return s.versioning === a.status ? s : s3State(a.status, s.objects, s.accidents);
      default:
        return assertNever(a);
    }
  }

  function actions(world: World, out: S3Action[]): void {
    const s = world[S3] as S3State;
    const faultsLeft = s.accidents < maxAccidents;
    for (let k = 0; k < keys; k++) {
      const o = s.objects[k];
      if (o.writes < maxWrites) out.push(A.put[k]);
      if (!currentIsGood(s, k) && goodVersionRetrievable(s, k)) out.push(A.restore[k]);
      if (faultsLeft && o.versions[0].kind === 'data') {
        out.push(A.del[k]);
        out.push(A.overwrite[k]);
      }
    }
    if (versioningChanges) {
      if (s.versioning !== 'enabled') out.push(A.enable);
      else out.push(A.suspend);
    }
  }

  const parameters: ParameterInfo[] = [
    { name: 'keys', default: 1, unit: 'count', range: [1, 8] },
    { name: 'versioning', default: 'unversioned', unit: 'enum', range: VERSIONING_STATES, description: 'bucket versioning at the start' },
    { name: 'maxWrites', default: 2, unit: 'count', range: [1, 8], description: 'good PutObject calls per key' },
    { name: 'maxAccidents', default: 1, unit: 'count', range: [0, 8], description: 'accidental deletes and overwrites' },
    { name: 'versioningChanges', default: false, unit: 'bool', range: ['true', 'false'], description: 'PutBucketVersioning enabled' },
  ];

  return {
    name: S3,
    schema: s3Schema(keys, maxVersions, maxWrites, maxAccidents),
    parameters,
    catalog: { op: S3_OPS, fault: S3_FAULTS, control: [] },
    subscribes: [...S3_OPS, ...S3_FAULTS],
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
  };
}
