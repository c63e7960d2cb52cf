/**
 * The s3Replica component's actions: their types, the unions it originates and reduces, the
 * catalog constants and one creator per action. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';

/** S3 replicates the next good write of `key` to the destination bucket (asynchronous). */
export interface S3ReplicateObject { readonly type: 'S3ReplicateObject'; readonly kind: 'control'; readonly key: number }

/** Every action s3Replica originates. */
export type S3ReplicaAction = S3ReplicateObject;
/** Every action s3Replica reduces. */
export type S3ReplicaSubscribed = S3ReplicaAction | Tick;

export const S3_REPLICA_CONTROLS = ['S3ReplicateObject'] as const;

export const s3ReplicateObject = (key: number): S3ReplicateObject => ({ type: 'S3ReplicateObject', kind: 'control', key });
