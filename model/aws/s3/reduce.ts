/**
 * The s3 reducer: PUTs, copies and DELETEs of one key under the bucket's versioning
 * (unversioned, enabled, suspended), and versioning changes.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { AccidentalDelete, AccidentalOverwrite, PutBucketVersioning, PutObject, RestoreObject, S3Action } from './actions.js';
import type { S3Config } from './options.js';
import { EMPTY, s3Object, s3State, s3Version, type S3Object, type S3State, type S3Version, type Versioning } from './state.js';

/** The slice after `a` (`world` unused: s3 reads only its own slice). */
export function reduceS3(c: S3Config, s: S3State, a: S3Action, world: World): S3State {
  switch (a.type) {
    case 'PutObject':
      return putNextWrite(c, s, a);
    case 'RestoreObject':
      return restoreLastGood(c, s, a);
    case 'AccidentalOverwrite':
      return overwriteByMistake(c, s, a);
    case 'AccidentalDelete':
      return deleteByMistake(c, s, a);
    case 'PutBucketVersioning':
      return setVersioning(s, a);
    default:
      return assertNever(a);
  }
}

/** The application's next good write of `a.key`. */
function putNextWrite(c: S3Config, s: S3State, a: PutObject): S3State {
  const o = s.objects[a.key];
  return withObject(s, a.key, s3Object(put(c, s.versioning, o.versions, o.writes + 1), o.writes + 1), s.accidents);
}
/** A copy of the last good write over the current version (a PUT under the same rules). */
function restoreLastGood(c: S3Config, s: S3State, a: RestoreObject): S3State {
  const o = s.objects[a.key];
  return withObject(s, a.key, s3Object(put(c, s.versioning, o.versions, o.writes), o.writes), s.accidents);
}
/** A PUT of bad content (content 0), counted against the accident budget. */
function overwriteByMistake(c: S3Config, s: S3State, a: AccidentalOverwrite): S3State {
  const o = s.objects[a.key];
  return withObject(s, a.key, s3Object(put(c, s.versioning, o.versions, 0), o.writes), s.accidents + 1);
}
/** A DELETE without a version ID, counted against the accident budget. */
function deleteByMistake(c: S3Config, s: S3State, a: AccidentalDelete): S3State {
  const o = s.objects[a.key];
  return withObject(s, a.key, s3Object(remove(c, s.versioning, o.versions), o.writes), s.accidents + 1);
}
function setVersioning(s: S3State, a: PutBucketVersioning): S3State {
  return s.versioning === a.status ? s : s3State(a.status, s.objects, s.accidents);
}

/** `versions` with `top` pushed as the newest, after dropping the null version when `replaceNull`. */
function pushVersion(c: S3Config, versions: readonly S3Version[], top: S3Version, replaceNull: boolean): S3Version[] {
  const maxVersions = c.maxVersions;
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
function put(c: S3Config, versioning: Versioning, versions: readonly S3Version[], content: number): S3Version[] {
  switch (versioning) {
    case 'unversioned':
      return pushVersion(c, c.noVersions, s3Version('data', content, true), true);
    case 'enabled':
      return pushVersion(c, versions, s3Version('data', content, false), false);
    case 'suspended':
      return pushVersion(c, versions, s3Version('data', content, true), true);
    default:
      return assertNever(versioning);
  }
}
/** A DELETE without a version ID under the bucket's versioning. */
function remove(c: S3Config, versioning: Versioning, versions: readonly S3Version[]): readonly S3Version[] {
  switch (versioning) {
    case 'unversioned':
      return c.noVersions;
    case 'enabled':
      return pushVersion(c, versions, s3Version('marker', 0, false), false);
    case 'suspended':
      return pushVersion(c, versions, s3Version('marker', 0, true), true);
    default:
      return assertNever(versioning);
  }
}
function withObject(s: S3State, key: number, o: S3Object, accidents: number): S3State {
  const objects = s.objects.slice();
  objects[key] = o;
  return s3State(s.versioning, objects, accidents);
}
