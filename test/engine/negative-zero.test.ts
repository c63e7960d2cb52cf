/**
 * `-0` and `0` are one state (leaves compare with `===`, as every codec and fingerprint
 * does): every explorer, every storage path and replay see `-0` as `0`, so their verdicts
 * agree on a model that could tell them apart.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { plainState, stateNormalizer } from '../../engine/plain-data.js';
import { exploreRandom } from '../../engine/random.js';
import { replay } from '../../engine/trace.js';
import type { Model } from '../../model/core/model.js';
import { always } from '../../model/core/property.js';
import { t } from '../../model/core/schema.js';
import { withSchema } from '../../model/core/with-schema.js';

type S = { readonly x: number; readonly tags: readonly number[] };
type A = { readonly type: 'Negate' | 'Probe'; readonly kind: 'op' };
const negate: A = { type: 'Negate', kind: 'op' };
const probe: A = { type: 'Probe', kind: 'op' };

/**
 * From x = 0, `Negate` makes -0 (the same state); `Probe` moves to 7 only from -0. As one
 * state, 7 is unreachable and NeverSeven holds; a checker that keeps -0 apart reaches it.
 */
const probing: Model<S, A> = {
  init: () => [{ x: 0, tags: [0] }],
  actions: (s) => (s.x === 0 ? [negate, probe] : []),
  next: (s, a) => (a.type === 'Negate' ? { x: -s.x, tags: s.tags.map((v) => -v) } : { x: Object.is(s.x, -0) || Object.is(s.tags[0], -0) ? 7 : s.x, tags: s.tags }),
  properties: [always('NeverSeven', (s) => s.x !== 7), always('NoNegativeZero', (s) => !Object.is(s.x, -0) && !Object.is(s.tags[0], -0))],
};

/** From x = 1, `Negate` reaches -0 first: the first state of its class holds -0 itself. */
const firstIsNegative: Model<S, A> = {
  init: () => [{ x: 1, tags: [1] }],
  actions: (s) => (s.x === 1 ? [negate] : s.x === 0 ? [probe] : []),
  next: (s, a) => (a.type === 'Negate' ? { x: -(s.x - 1), tags: [-(s.tags[0] - 1)] } : { x: Object.is(s.x, -0) ? 7 : 5, tags: s.tags }),
  properties: [always('NeverSeven', (s) => s.x !== 7), always('NoNegativeZero', (s) => !Object.is(s.x, -0) && !Object.is(s.tags[0], -0))],
};

const schema = t.record('S', { x: t.int(-1, 7), tags: t.array(t.int(-1, 7), 1) });
const PATHS: readonly [string, (m: Model<S, A>) => Model<S, A>, ExhaustiveOptions][] = [
  ['inferred codes', (m) => m, {}],
  ['fingerprints', (m) => m, { infer: false }],
  ['schema codes', (m) => withSchema(m, schema), {}],
];

describe.each([
  ['-0 in a later state', probing],
  ['-0 in the first state of its class', firstIsNegative],
] as const)('%s: one state, the same verdicts everywhere', (_, model) => {
  it.each(PATHS)('exhaustive, %s', (_, form, opts) => {
    const r = exploreExhaustive(form(model), opts);
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
  });

  it.each(PATHS)('random, %s', (_, form) => {
    const r = exploreRandom(form(model), { seed: 3, runs: 300, steps: 5 });
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
    expect(r.stats.steps).toBeGreaterThan(0);
  });
});

describe('replay sees -0 as 0', () => {
  it('the state after Negate holds 0, and Probe from it does not reach 7', () => {
    const r = replay(probing, probing.properties[0], [{ action: negate }, { action: probe }]);
    expect(Object.is(r.steps[0].state.x, 0)).toBe(true);
    expect(Object.is(r.steps[0].state.tags[0], 0)).toBe(true);
    expect(r.steps[1].state.x).toBe(0);
    expect(r.violated).toBe(false);
  });

  it('an initial state holding -0 is seen with 0', () => {
    const m: Model<S, A> = { ...probing, init: () => [{ x: -0, tags: [-0] }] };
    const r = replay(m, m.properties[1], []);
    expect(Object.is(r.initial.x, 0)).toBe(true);
    expect(r.violated).toBe(false);
  });
});

describe('plainState and the compiled normalizer', () => {
  it('return a state without -0 as it is (no copy), and copy only what holds one', () => {
    const shared = { deep: [1, 2] };
    const parent = { a: shared, b: [0, 1], c: 'x' };
    const clean = { a: shared, b: [3, 0], c: 'y' };
    expect(plainState(clean, parent)).toBe(clean);
    const dirty = Object.freeze({ a: shared, b: Object.freeze([-0, 1]), c: 'y' });
    const fixed = plainState(dirty, parent);
    expect(fixed).not.toBe(dirty);
    expect(fixed.a).toBe(shared);
    expect(Object.is(fixed.b[0], 0)).toBe(true);
    expect(Object.keys(fixed)).toEqual(['a', 'b', 'c']);
  });

  it('keep a null prototype and an own "__proto__" key when they copy', () => {
    const o = Object.create(null) as Record<string, unknown>;
    Object.defineProperty(o, '__proto__', { value: -0, enumerable: true, writable: true, configurable: true });
    o.y = 1;
    const fixed = plainState(o) as Record<string, unknown>;
    expect(Object.getPrototypeOf(fixed)).toBe(null);
    expect(Object.keys(fixed)).toEqual(['__proto__', 'y']);
    expect(Object.is(fixed['__proto__'], 0)).toBe(true);
  });

  it('the compiled fast path agrees with the walk: same object when clean, 0 for -0, other shapes walked', () => {
    const normalize = stateNormalizer(probing, { x: 0, tags: [0] });
    const parent = { x: 0, tags: [0] };
    const same = { x: 3, tags: parent.tags };
    expect(normalize(same, parent)).toBe(same);
    expect(Object.is(normalize({ x: -0, tags: [0] }, parent).x, 0)).toBe(true);
    expect(Object.is(normalize({ x: 1, tags: [-0] }, parent).tags[0], 0)).toBe(true);
    const wider = { x: 1.5, tags: [0, -0], extra: 'e' };
    expect(normalize(wider, parent)).toEqual({ x: 1.5, tags: [0, 0], extra: 'e' });
    expect(() => normalize({ x: 1, tags: [new Map()] }, parent)).toThrow(/a state holds a Map at \.tags\[0\]/);
  });
});
