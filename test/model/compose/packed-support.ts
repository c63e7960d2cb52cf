/**
 * What the packed-transition tests share (packed.test.ts, packed-ebs.test.ts,
 * packed-sqs.test.ts): a model less its packed transitions, and the check that the explorer's
 * results are the same with and without them.
 */
import { expect } from 'vitest';
import type { Action, Model } from '../../../model/core/model.js';
import type { World } from '../../../model/compose/component.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { checkPacked } from '../../../engine/packed-check.js';

/** The same model on objects only. */
export function onObjects<S, A extends Action>(m: Model<S, A>): Model<S, A> {
  const { packed: _packed, ...rest } = m;
  return rest;
}

/** The model has packed transitions, and exploring on them gives the object search's counts, verdicts and counterexamples. */
export function sameResults(m: Model<World, Action>, opts: Parameters<typeof exploreExhaustive>[1] = {}): void {
  expect(m.packed).toBeDefined();
  const packed = exploreExhaustive(m, opts);
  const objects = exploreExhaustive(onObjects(m), opts);
  expect(packed.stats.distinctStates).toBe(objects.stats.distinctStates);
  expect(packed.stats.transitions).toBe(objects.stats.transitions);
  expect(packed.stats.maxDepth).toBe(objects.stats.maxDepth);
  const verdicts = (r: typeof packed) => r.properties.map((p) => [p.name, p.verdict, p.counterexample?.labels, p.counterexample?.recoveryFrom, p.counterexample?.loopIndex]);
  expect(verdicts(packed)).toEqual(verdicts(objects));
}

/**
 * `checkPacked` on the first `maxStates` reachable states of a random composition: no mismatch,
 * and an error (a packed form that throws) reported with `what`, the composition's options.
 */
export function agreesOnSample(m: Model<World, Action>, what: string, maxStates = 1_500): void {
  expect(m.packed, what).toBeDefined();
  let r: ReturnType<typeof checkPacked>;
  try {
    r = checkPacked(m, { maxStates });
  } catch (e) {
    throw new Error(`${String(e)} in ${what}`);
  }
  expect(r.mismatches, what).toEqual([]);
}
