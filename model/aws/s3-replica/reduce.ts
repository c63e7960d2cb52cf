/**
 * The s3Replica reducer: one replication, and `Tick`, which (with Replication Time Control)
 * first replicates what has waited the whole 15 minutes, then ages what still waits.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { S3ReplicaSubscribed } from './actions.js';
import type { S3ReplicaConfig } from './options.js';
import { sourceFlowing, sourceOf } from './reads.js';
import { s3ReplicaState, type S3ReplicaState } from './state.js';

/** The slice after `a`; `world` is the world before it (the source bucket, for its writes). */
export function reduceS3Replica(c: S3ReplicaConfig, s: S3ReplicaState, a: S3ReplicaSubscribed, world: World): S3ReplicaState {
  switch (a.type) {
    case 'S3ReplicateObject':
      return replicate(s, a.key);
    case 'Tick':
      return tick(c, s, world);
    default:
      return assertNever(a);
  }
}

/** Key `k`'s next good write is in the destination bucket (its age back to 0). */
function replicate(s: S3ReplicaState, k: number): S3ReplicaState {
  const replicated = s.replicated.slice();
  const ages = s.ages.slice();
  const key = ages[k].slice();
  key[replicated[k]] = 0;
  replicated[k]++;
  ages[k] = key;
  return s3ReplicaState(replicated, ages, s.tickSeconds);
}

function tick(c: S3ReplicaConfig, s: S3ReplicaState, world: World): S3ReplicaState {
  // Ages measure time to the source's failure: they stop while its Region is down.
  if (!sourceFlowing(c, world)) return s;
  const src = sourceOf(c, world);
  let replicated: number[] | undefined;
  let ages: (readonly number[])[] | undefined;
  for (let k = 0; k < c.keys; k++) {
    const writes = src.objects[k].writes;
    let r = s.replicated[k];
    if (r >= writes) continue;
    const key = s.ages[k].slice();
    if (c.rtc) while (r < writes && key[r] >= c.boundTicks) key[r++] = 0;
    for (let i = r; i < writes; i++) if (key[i] < c.maxAge) key[i]++;
    replicated ??= s.replicated.slice();
    ages ??= s.ages.slice();
    replicated[k] = r;
    ages[k] = key;
  }
  return replicated === undefined ? s : s3ReplicaState(replicated, ages!, s.tickSeconds);
}
