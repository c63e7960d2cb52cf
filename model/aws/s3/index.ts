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
 * Regions (model/aws/region): nothing reaches a bucket in a down Region (the bucket's view's);
 * Cross-Region Replication is the s3Replica component (the destination bucket).
 * Not modelled: Object Lock, MFA delete, lifecycle rules, permanent version deletes, the
 * 15-minute window after enabling versioning (INV-S3-5).
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): `PutBucketVersioning` (bucket configuration) is
 * control; "getting and putting objects in an S3 bucket" is data [CP1]: `PutObject`,
 * `RestoreObject` (CopyObject) and the accidental deletes and overwrites.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { S3_FAULTS, S3_OPS, type S3Action } from './actions.js';
import { s3Actions } from './enabled.js';
import { S3_PARAMETERS, initialS3, resolveS3Options, type S3Options } from './options.js';
import { packedS3 } from './packed.js';
import { reduceS3 } from './reduce.js';
import { S3, s3Schema, type S3State } from './state.js';

export {
  S3_FAULTS, S3_OPS, accidentalDelete, accidentalOverwrite, putBucketVersioning, putObject, restoreObject,
  type AccidentalDelete, type AccidentalOverwrite, type PutBucketVersioning, type PutObject, type RestoreObject, type S3Action,
} from './actions.js';
export { currentContent, currentIsGood, deletedObjectRecoverable, goodVersionRetrievable, s3Slice, someObjectDamaged } from './reads.js';
export {
  S3, VERSION_KINDS, VERSIONING_STATES, s3ObjectSchema, s3Schema, s3VersionSchema,
  type S3Object, type S3State, type S3Version, type VersionKind, type Versioning,
} from './state.js';
export type { S3Options } from './options.js';

/** Each action's plane (see the module comment). */
const S3_PLANES: Readonly<Record<S3Action['type'], Plane>> = {
  PutObject: 'data', RestoreObject: 'data', PutBucketVersioning: 'control', AccidentalDelete: 'data', AccidentalOverwrite: 'data',
};

/**
 * The S3 component.
 *
 * @example
 * const bucket = s3({ versioning: 'enabled', maxAccidents: 1 }); // DeletedObjectRecoverable holds
 */
export function s3<const N extends string>(options: S3Options & InstanceOptions<N> & { readonly name: N }): Component<S3State, S3Action, N>;
export function s3(options?: S3Options & InstanceOptions<'s3'>): Component<S3State, S3Action, 's3'>;
export function s3(options: S3Options & InstanceOptions = {}): Component<S3State, S3Action, string> {
  return instance(s3Component(ownOptions(options)), options);
}

/** The component under its kind's name; `s3` makes it the instance its options name. */
function s3Component(options: S3Options): Component<S3State, S3Action, 's3'> {
  const c = resolveS3Options(options);
  const initial = initialS3(c);
  return {
    name: S3,
    schema: s3Schema(c.keys, c.maxVersions, c.maxWrites, c.maxAccidents),
    parameters: S3_PARAMETERS,
    catalog: { op: S3_OPS, fault: S3_FAULTS, control: [], plane: S3_PLANES },
    subscribes: [...S3_OPS, ...S3_FAULTS],
    init: () => initial,
    actions: (world, out) => s3Actions(c, world, out as S3Action[]),
    reduce: (s, a, world) => reduceS3(c, s, a, world),
    packed: (layout) => packedS3(c, layout),
  };
}
