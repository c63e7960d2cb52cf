/**
 * The s3 component's actions: their types, the union s3 originates (and reduces), the catalog
 * constants and one creator per action.
 */

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
