/**
 * Inferred codes at their limits: a signed field holds exactly -2^(w-1)..2^(w-1)-1 and a string
 * id field exactly 2^w distinct strings; one past either end must widen the field (or fall
 * back), never spill into the next field and merge two states. And an own "__proto__" key
 * (a map keyed by user strings) is a key like any other, never the prototype.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { inferShape, inferredCodec, ShapeMismatch } from '../../engine/inferred.js';
import type { Model } from '../../model/core/model.js';
import { always } from '../../model/core/property.js';
import { referenceBfs } from './reference-bfs.js';

type Go = { readonly type: 'Go'; readonly kind: 'op'; readonly to: number };
const go = (to: number): Go => ({ type: 'Go', kind: 'op', to });

/** A model over the given states: from state i, one action to each state listed in `edges[i]`. */
function graph<S>(states: readonly S[], edges: readonly (readonly number[])[]): Model<S, Go> {
  const index = new Map(states.map((s, i) => [JSON.stringify(s), i]));
  return {
    init: () => [states[0]],
    actions: (s) => (edges[index.get(JSON.stringify(s))!] ?? []).map(go),
    next: (_s, a) => states[a.to],
    properties: [always('Any', () => true)],
  };
}

/** A star: the first state leads to every other one. */
const star = <S>(states: readonly S[]): Model<S, Go> => graph(states, [states.map((_, i) => i).slice(1)]);

/** Counts equal a naive JSON-keyed BFS; `exact`: on (wider) exact codes, else on the fingerprint fallback. */
function expectReferenceCounts<S>(model: Model<S, Go>, exact = true): void {
  const ref = referenceBfs(model);
  const r = exploreExhaustive(model);
  expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([ref.states, ref.transitions, ref.maxDepth]);
  expect(r.stats.collisionProbability === undefined).toBe(exact);
}

describe.each([8, 16, 32] as const)('a %i-bit integer field', (width) => {
  const half = 2 ** (width - 1);
  const codec = inferredCodec(inferShape({ a: 0, b: 0 })!, width);
  const buf = new Uint32Array(codec.words);

  it(`holds -${half} and ${half - 1} exactly, beside a neighbour it must not touch`, () => {
    for (const [a, b] of [[-half, half - 1], [half - 1, -half], [-half, 0], [half - 1, 0], [0, -1], [-1, 1]]) {
      codec.encode({ a, b }, buf, 0);
      expect(codec.decode(buf, 0)).toEqual({ a, b });
    }
  });

  it(`rejects ${half} and ${-half - 1}: a mismatch, so the explorer widens`, () => {
    for (const a of [half, -half - 1]) {
      expect(() => codec.encode({ a, b: 0 }, buf, 0), `a = ${a}`).toThrow(ShapeMismatch);
      expect(() => codec.encode({ a: 0, b: a }, buf, 0), `b = ${a}`).toThrow(ShapeMismatch);
    }
  });

  it('one past the range never merges two states (counts equal a naive BFS)', () => {
    // (half, 0) would spill one bit into b and read as (-half, 1) if the check let it through.
    const states = [
      { a: 0, b: 0 },
      { a: half, b: 0 },
      { a: -half, b: 1 },
      { a: -half - 1, b: 0 },
      { a: half - 1, b: -1 },
      { a: -half, b: 0 },
      { a: half - 1, b: 0 },
    ];
    // Beyond 32 bits no width holds them: fingerprints.
    expectReferenceCounts(star(states), width < 32);
  });
});

describe('string ids', () => {
  const names = Array.from({ length: 300 }, (_, i) => `s${i}`);

  it('an 8-bit field holds exactly 256 distinct strings; the 257th is a mismatch', () => {
    const codec = inferredCodec(inferShape({ s: 'x', n: 0 })!, 8);
    const buf = new Uint32Array(codec.words);
    for (let i = 0; i < 256; i++) {
      codec.encode({ s: names[i], n: 0 }, buf, 0);
      expect(codec.decode(buf, 0)).toEqual({ s: names[i], n: 0 });
    }
    codec.encode({ s: names[0], n: 1 }, buf, 0); // known strings still fit
    expect(() => codec.encode({ s: names[256], n: 0 }, buf, 0)).toThrow(ShapeMismatch);
  });

  it('a 16-bit field holds exactly 65,536 distinct strings', () => {
    const codec = inferredCodec(inferShape({ s: 'x', n: 0 })!, 16);
    const buf = new Uint32Array(codec.words);
    for (let i = 0; i < 65_536; i++) codec.encode({ s: `k${i}`, n: 0 }, buf, 0);
    codec.encode({ s: 'k65535', n: -1 }, buf, 0);
    expect(codec.decode(buf, 0)).toEqual({ s: 'k65535', n: -1 });
    expect(() => codec.encode({ s: 'k65536', n: 0 }, buf, 0)).toThrow(ShapeMismatch);
  });

  it.each([256, 257, 300])('%i distinct strings: the 257th never merges with another state', (count) => {
    // A chain through the strings with n = 0, and ("s0", 1) early: id 256 would spill into n.
    const states = [{ s: names[0], n: 0 }, { s: names[0], n: 1 }, ...names.slice(1, count).map((s) => ({ s, n: 0 }))];
    const edges = states.map((_, i) => (i === 0 ? [1, 2] : i >= 2 && i + 1 < states.length ? [i + 1] : []));
    expectReferenceCounts(graph(states, edges));
  });
});

describe('an own "__proto__" key (a map keyed by user strings)', () => {
  type M = Readonly<Record<string, number>>;
  type Bump = { readonly type: 'Bump'; readonly kind: 'op'; readonly key: string };
  const KEYS = ['__proto__', 'constructor', 'b'];
  /** Every key counts 0..2 independently: 27 states (3 x 3 x 3). */
  const map: Model<M, Bump> = {
    init: () => [Object.fromEntries(KEYS.map((k) => [k, 0]))],
    actions: (s) => KEYS.filter((k) => Object.hasOwn(s, k) && s[k] < 2).map((key) => ({ type: 'Bump', kind: 'op', key })),
    next: (s, a) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === a.key ? v + 1 : v])),
    properties: [always('OwnKeys', (s) => Object.keys(s).length === 3 && Object.getPrototypeOf(s) === Object.prototype)],
  };

  it('decodes as an own key: 27 states on inferred codes and on fingerprints, as a naive BFS counts', () => {
    expect(referenceBfs(map).states).toBe(27);
    const inferred = exploreExhaustive(map);
    expect(inferred.stats).toMatchObject({ distinctStates: 27, transitions: 54, maxDepth: 6 });
    expect(inferred.stats.collisionProbability).toBeUndefined(); // exact codes, not a fallback
    expect(inferred.properties[0].verdict).toBe('holds');
    expect(exploreExhaustive(map, { infer: false }).stats.distinctStates).toBe(27);
  });

  it('the generated decoder keeps the key, the prototype and the key order', () => {
    const s = map.init()[0];
    const codec = inferredCodec(inferShape(s)!, 8);
    const buf = new Uint32Array(codec.words);
    const t = Object.fromEntries([['__proto__', 2], ['constructor', 1], ['b', 0]]);
    codec.encode(t, buf, 0);
    const back = codec.decode(buf, 0) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(KEYS);
    expect(back).toEqual(t);
  });
});
