/**
 * What s3 enables in a world (its `actions`, in a fixed order: per key its write, restore and
 * accidents, then the versioning change).
 */
import type { World } from '../../compose/component.js';
import { regionUp } from '../region/index.js';
import type { S3Action } from './actions.js';
import type { S3Config } from './options.js';
import { currentIsGood, goodVersionRetrievable } from './reads.js';
import { S3, type S3State } from './state.js';

/** Pushes every action s3 enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function s3Actions(c: S3Config, world: World, out: S3Action[]): void {
  const s = world[S3] as S3State;
  // Nothing reaches a bucket in a down Region (model/aws/region; S3 is a Regional service [Z2]); without a region component, up.
  if (!regionUp(world)) return;
  const A = c.A;
  const faultsLeft = s.accidents < c.maxAccidents;
  for (let k = 0; k < c.keys; k++) {
    const o = s.objects[k];
    if (o.writes < c.maxWrites) out.push(A.put[k]);
    if (!currentIsGood(s, k) && goodVersionRetrievable(s, k)) out.push(A.restore[k]);
    if (faultsLeft && o.versions[0].kind === 'data') {
      out.push(A.del[k]);
      out.push(A.overwrite[k]);
    }
  }
  if (c.versioningChanges) {
    if (s.versioning !== 'enabled') out.push(A.enable);
    else out.push(A.suspend);
  }
}
