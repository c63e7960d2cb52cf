import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { inferShape, inferredCodec, ShapeMismatch } from '../../engine/inferred.js';
import { always } from '../../model/core/property.js';
import type { Action, Model } from '../../model/core/model.js';
import { SIZES, sqsPool } from '../../scenarios/sqs-pool/model.js';
import { referenceBfs } from './reference-bfs.js';

type Step = { type: 'Step'; kind: 'op'; n: number };
const steps = (k: number): Step[] => Array.from({ length: k }, (_, n) => ({ type: 'Step', kind: 'op', n }));

/**
 * A model over arbitrary values: `states[i]` carries its own index (field `id`, or the
 * first element of an array), so transitions work on decoded copies as on the originals;
 * from state i, action n goes to state (i * 7 + n + 1) mod count.
 */
function asValues(states: unknown[], branching = 2): Model<unknown, Step> {
  const indexOf = (s: unknown): number => (Array.isArray(s) ? s[0] : (s as { id: number }).id);
  return {
    init: () => [states[0]],
    actions: () => steps(branching),
    next: (s, a) => states[(indexOf(s) * 7 + a.n + 1) % states.length],
    properties: [always('Any', () => true)],
  };
}

/** Counts equal the reference; returns whether the run kept exact (inferred) codes. */
function countsAgree(model: Model<unknown, Action>): boolean {
  const ref = referenceBfs(model);
  const r = exploreExhaustive(model);
  expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([ref.states, ref.transitions, ref.maxDepth]);
  return r.stats.collisionProbability === undefined;
}

describe('codes inferred for plain-object models', () => {
  it('sqs-pool as plain objects: the anchors\' counts with exact codes (no fingerprints)', () => {
    const r = exploreExhaustive(sqsPool(SIZES.medium));
    expect(r.stats).toMatchObject({ distinctStates: 38_895, transitions: 204_090, maxDepth: 23 });
    expect(r.stats.collisionProbability).toBeUndefined();
    const fp = exploreExhaustive(sqsPool(SIZES.medium), { infer: false });
    expect(fp.stats.distinctStates).toBe(38_895);
    expect(fp.stats.collisionProbability).toBeGreaterThan(0);
  });

  it('round-trips values of the inferred shape', () => {
    const v = { a: 'x', b: [1, -2, 300], c: { d: true, e: 'yy' } };
    const codec = inferredCodec(inferShape(v)!, 16);
    const buf = new Uint32Array(codec.words);
    const w = { a: 'zz', b: [-32768, 32767, 0], c: { d: false, e: 'x' } };
    codec.encode(w, buf, 0);
    expect(codec.decode(buf, 0)).toEqual(w);
    expect(Object.keys(codec.decode(buf, 0) as object)).toEqual(['a', 'b', 'c']);
  });

  it('a state that leaves the shape is a mismatch, never a silent collision', () => {
    const codec = inferredCodec(inferShape({ a: 1, b: [true, false], c: 'x' })!, 8);
    const buf = new Uint32Array(codec.words);
    const bad = [
      { a: 1, b: [true, false], c: 'x', extra: 0 }, // a key more
      { a: 1, b: [true, false] }, // a key less
      { b: [true, false], a: 1, c: 'x' }, // keys reordered
      { a: 1, b: [true, false, true], c: 'x' }, // a longer array
      { a: 1.5, b: [true, false], c: 'x' }, // not an integer
      { a: 1000, b: [true, false], c: 'x' }, // too wide for 8 bits
      { a: '1', b: [true, false], c: 'x' }, // another type
      { a: 1, b: [true, 0], c: 'x' },
      { a: 1, b: [true, false], c: null },
      new Map(),
    ];
    for (const s of bad) expect(() => codec.encode(s, buf, 0), JSON.stringify(s)).toThrow(ShapeMismatch);
  });

  it('falls back, and counts exactly, when states change shape, widen or hold what a code cannot', () => {
    const shapes: unknown[][] = [
      // Records that gain a key after the initial state.
      Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? { id: i, late: true } : { id: i })),
      // An array whose length grows.
      Array.from({ length: 30 }, (_, i) => [i, ...Array.from({ length: i % 4 }, (_, k) => k)]),
      // Integers beyond 8 and 16 bits, and negative ones.
      Array.from({ length: 60 }, (_, i) => ({ id: i, v: (i - 30) * 5000 })),
      // More than 256 distinct strings.
      Array.from({ length: 400 }, (_, i) => ({ id: i, s: `id-${i}` })),
      // Floats and nulls: never inferred.
      Array.from({ length: 20 }, (_, i) => ({ id: i, x: i / 3, y: i % 2 ? null : 1 })),
      // The same key set in two orders: distinct states to fingerprints too (insertion order).
      Array.from({ length: 20 }, (_, i) => (i % 2 ? { id: i, b: 0 } : { b: 0, id: i })),
      // A shape that always fits: exact inferred codes all the way.
      Array.from({ length: 50 }, (_, i) => ({ id: i, tag: i % 3 ? 'a' : 'b', ok: i % 2 === 0, xs: [i % 5, -(i % 7)] })),
    ];
    const exact = shapes.map((states) => countsAgree(asValues(states, 3)));
    // Shape changes, floats and nulls fall back to fingerprints; wide values only widen the fields.
    expect(exact).toEqual([false, false, true, true, false, false, true]);
  });
});
