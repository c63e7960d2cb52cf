/**
 * Reads of the s3 slice for properties and the enabling code (slice-level).
 */
import type { World } from '../../compose/component.js';
import { S3, type S3State } from './state.js';

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
