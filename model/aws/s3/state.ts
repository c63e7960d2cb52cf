/**
 * The s3 slice: its key, schemas, types, and the single record factories the reducer uses.
 */
import { t, type Infer } from '../../core/schema.js';

/** The s3 component's name: its slice is `world.s3`. */
export const S3 = 's3';

/** A bucket's versioning state. */
export const VERSIONING_STATES = ['unversioned', 'enabled', 'suspended'] as const;
/** See `VERSIONING_STATES`. */
export type Versioning = (typeof VERSIONING_STATES)[number];
/** A version slot: empty, object data, or a delete marker. */
export const VERSION_KINDS = ['empty', 'data', 'marker'] as const;
/** See `VERSION_KINDS`. */
export type VersionKind = (typeof VERSION_KINDS)[number];

/** Schema of one version slot. */
export function s3VersionSchema(maxWrites: number) {
  return t.record('S3Version', { kind: t.enumOf(VERSION_KINDS), content: t.int(0, maxWrites), nullId: t.bool() });
}
/** One version of a key: its kind, the write it holds (0 = the original good data), and whether it is the null version. */
export type S3Version = Infer<ReturnType<typeof s3VersionSchema>>;

/** Schema of one key: its versions (newest first) and how many good writes it has had. */
export function s3ObjectSchema(maxVersions: number, maxWrites: number) {
  return t.record('S3Object', { versions: t.array(s3VersionSchema(maxWrites), maxVersions), writes: t.int(0, maxWrites) });
}
/** One key: its versions, newest first, and the writes made to it. */
export type S3Object = Infer<ReturnType<typeof s3ObjectSchema>>;

/** Schema of the s3 slice; `accidents` counts the application's mistakes against `maxAccidents`. */
export function s3Schema(keys: number, maxVersions: number, maxWrites: number, maxAccidents: number) {
  return t.record('S3State', {
    versioning: t.enumOf(VERSIONING_STATES),
    objects: t.array(s3ObjectSchema(maxVersions, maxWrites), keys),
    accidents: t.int(0, maxAccidents),
  });
}
/** The s3 slice: the bucket's versioning, its keys, and the accidents (deletes, overwrites) so far. */
export type S3State = Infer<ReturnType<typeof s3Schema>>;

/** The single factory of version records. */
export function s3Version(kind: VersionKind, content: number, nullId: boolean): S3Version {
  return { kind, content, nullId };
}
/** The single factory of object records. */
export function s3Object(versions: readonly S3Version[], writes: number): S3Object {
  return { versions, writes };
}
/** The single factory of s3 slices. */
export function s3State(versioning: Versioning, objects: readonly S3Object[], accidents: number): S3State {
  return { versioning, objects, accidents };
}

/** The empty version slot, shared by every key. */
export const EMPTY: S3Version = s3Version('empty', 0, false);
