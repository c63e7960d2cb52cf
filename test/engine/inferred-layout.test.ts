/**
 * Minimal inferred layouts (engine/inferred.ts): one width per key path, as narrow as the
 * initial states need, widened field by field on a mismatch; and delta encoding
 * (`encodeFrom`), which keeps the parent's bits for the records a successor shares.
 * A value exactly at a field's limit fits; one beyond is a mismatch naming the field, never
 * a spill into the neighbour; counts stay those of a naive BFS on every path.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { firstLayout } from '../../engine/keyer.js';
import { inferShape, layoutCodec, minimalLayout, ShapeMismatch, widenLayout, type Layout } from '../../engine/inferred.js';
import type { Model } from '../../model/core/model.js';
import { always } from '../../model/core/property.js';
import { SIZES, sqsPool } from '../../scenarios/sqs-pool/model.js';
import { referenceBfs } from './reference-bfs.js';

/** The mismatch `f` throws (fails the test when it throws none or another error). */
function mismatchOf(f: () => void): ShapeMismatch {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ShapeMismatch);
    return e as ShapeMismatch;
  }
  throw new Error('expected a ShapeMismatch');
}

/** A layout of `{ a, b }` (two integer classes) with the given ranges. */
function twoInts(a: { lo: number; bits: number }, b: { lo: number; bits: number }): Layout {
  return { shape: inferShape({ a: 0, b: 0 })!, leafClass: [0, 1], classes: [{ kind: 'int', ...a }, { kind: 'int', ...b }] };
}

type Go = { readonly type: 'Go'; readonly kind: 'op'; readonly to: number };

/** A model over the given states: state i leads to each state listed in `edges[i]` (default: a chain). */
function graph<S>(states: readonly S[], edges?: readonly (readonly number[])[]): Model<S, Go> {
  const index = new Map(states.map((s, i) => [JSON.stringify(s), i]));
  return {
    init: () => [states[0]],
    actions: (s) => {
      const i = index.get(JSON.stringify(s))!;
      return (edges ? (edges[i] ?? []) : i + 1 < states.length ? [i + 1] : []).map((to) => ({ type: 'Go', kind: 'op', to }));
    },
    next: (_s, a) => states[a.to],
    properties: [always('Any', () => true)],
  };
}

function expectReferenceCounts<S>(model: Model<S, Go>): void {
  const ref = referenceBfs(model);
  const r = exploreExhaustive(model);
  expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([ref.states, ref.transitions, ref.maxDepth]);
  expect(r.stats.collisionProbability).toBeUndefined(); // exact codes, widened, not fingerprints
}

describe('minimal layouts', () => {
  it('one class per key path (array indices left out), as wide as the initial states need', () => {
    const s = { xs: [{ n: 0, t: 'a' }, { n: 5, t: 'b' }], m: -3, ok: true, t: 'a' };
    const layout = minimalLayout(inferShape(s)!, [s]);
    // Leaves in encoding order: xs[].n, xs[].t, xs[].n, xs[].t, m, t.
    expect(layout.leafClass).toEqual([0, 1, 0, 1, 2, 3]);
    const [n, t, m, top] = layout.classes;
    expect(n).toMatchObject({ kind: 'int', lo: 0 });
    expect(n.bits).toBeGreaterThanOrEqual(3); // 0..5
    expect(t.kind).toBe('string');
    expect(t.bits).toBeGreaterThanOrEqual(1); // two strings
    expect(m.kind === 'int' && m.lo <= -3 && m.lo + 2 ** m.bits > 0).toBe(true);
    expect(top.kind).toBe('string');
    // The spare bits of the one word go to the fields: still one word.
    expect(layoutCodec(layout).words).toBe(1);
  });

  it('sqs-pool xlarge fits two words, as its schema does (five at 8 bits a field)', () => {
    const model = sqsPool(SIZES.xlarge);
    let layout = firstLayout(model)!;
    // Widen as the explorer would for the values sqs-pool reaches (timers 0..V, wm -1..M-1, crashes 0..F, 4 and 3 statuses).
    const codec = (): ReturnType<typeof layoutCodec> => layoutCodec(layout);
    const states = [
      { msgs: Array.from({ length: 5 }, (_, i) => ({ q: ['unsent', 'visible', 'inflight', 'deleted'][i % 4], timer: i % 4, done: i % 2 === 0 })), workers: [{ w: 'idle', wm: -1 }, { w: 'busy', wm: 4 }, { w: 'down', wm: -1 }], crashes: 2 },
    ];
    for (let tries = 0; ; tries++) {
      expect(tries).toBeLessThan(20);
      const c = codec();
      try {
        for (const s of states) c.encode(s, new Uint32Array(c.words), 0);
        break;
      } catch (e) {
        layout = widenLayout(layout, e as ShapeMismatch)!;
      }
    }
    expect(codec().words).toBe(2);
  });

  it('-0 in an initial state: the field holds 0, and decodes as +0', () => {
    const s = { a: -0, b: [-0, 1] };
    const layout = minimalLayout(inferShape(s)!, [s]);
    const codec = layoutCodec(layout);
    const buf = new Uint32Array(codec.words);
    codec.encode(s, buf, 0);
    const back = codec.decode(buf, 0) as { a: number; b: number[] };
    expect(Object.is(back.a, 0)).toBe(true);
    expect(Object.is(back.b[0], 0)).toBe(true);
    expect(back.b[1]).toBe(1);
    // A constant field (0 bits) decodes as +0 too.
    const zero = layoutCodec({ shape: inferShape({ a: 0 })!, leafClass: [0], classes: [{ kind: 'int', lo: -0, bits: 0 }] });
    zero.encode({ a: -0 }, buf, 0);
    expect(Object.is((zero.decode(buf, 0) as { a: number }).a, 0)).toBe(true);
  });

  it('an own "__proto__" key keeps its place and is no prototype', () => {
    const s = Object.fromEntries([['__proto__', 1], ['b', 'x']]) as Record<string, unknown>;
    const codec = layoutCodec(minimalLayout(inferShape(s)!, [s]));
    const buf = new Uint32Array(codec.words);
    codec.encode(s, buf, 0);
    const back = codec.decode(buf, 0) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__', 'b']);
    expect(back).toEqual(s);
  });
});

describe('a field at its limit', () => {
  // a: 0..3 in 2 bits, b: -4..3 in 3 bits, side by side in one word.
  const layout = twoInts({ lo: 0, bits: 2 }, { lo: -4, bits: 3 });
  const codec = layoutCodec(layout);
  const buf = new Uint32Array(codec.words);

  it('holds both ends exactly, beside a neighbour it does not touch', () => {
    for (const [a, b] of [[0, -4], [3, 3], [3, -4], [0, 3], [2, -1]]) {
      codec.encode({ a, b }, buf, 0);
      expect(codec.decode(buf, 0)).toEqual({ a, b });
    }
  });

  it('one beyond either end is a mismatch naming the field and the value', () => {
    for (const [s, field, value] of [[{ a: 4, b: 0 }, 0, 4], [{ a: -1, b: 0 }, 0, -1], [{ a: 0, b: 4 }, 1, 4], [{ a: 0, b: -5 }, 1, -5]] as const) {
      const e = mismatchOf(() => codec.encode(s, buf, 0));
      expect([e.field, e.value]).toEqual([field, value]);
      // The widened layout holds it (and its old range), and round-trips it.
      const wider = widenLayout(layout, e)!;
      const c = wider.classes[field];
      expect(c.kind === 'int' && c.lo <= value && value < c.lo + 2 ** c.bits).toBe(true);
      const old = layout.classes[field] as { lo: number; bits: number };
      expect(c.kind === 'int' && c.lo <= old.lo && c.lo + 2 ** c.bits >= old.lo + 2 ** old.bits).toBe(true);
      const w = layoutCodec(wider);
      const out = new Uint32Array(w.words);
      w.encode(s, out, 0);
      expect(w.decode(out, 0)).toEqual(s);
    }
  });

  it('a value of another type, or no 32-bit integer, is a mismatch no width helps', () => {
    for (const s of [{ a: 1.5, b: 0 }, { a: '1', b: 0 }, { a: 2 ** 31, b: 0 }, { a: 0, b: null }, { a: 0 }]) {
      const e = mismatchOf(() => codec.encode(s, buf, 0));
      expect(e.field).toBe(-1);
      expect(widenLayout(layout, e)).toBeUndefined();
    }
  });

  it('a 32-bit class holds every 32-bit integer', () => {
    const wide = layoutCodec(twoInts({ lo: -(2 ** 31), bits: 32 }, { lo: 0, bits: 1 }));
    const out = new Uint32Array(wide.words);
    for (const a of [-(2 ** 31), 2 ** 31 - 1, -1, 0]) {
      wide.encode({ a, b: 1 }, out, 0);
      expect(wide.decode(out, 0)).toEqual({ a, b: 1 });
    }
  });

  it('one past the limit never merges two states in a run (counts equal a naive BFS)', () => {
    // Initial a = 0 (a narrow field); 2^k and 2^k - 1 for every k, negatives too.
    const values = [0, 1, 2, 3, 4, 7, 8, 15, 16, -1, -2, -3, 255, 256, -129, 65_535, 65_536, 2 ** 31 - 1, -(2 ** 31)];
    expectReferenceCounts(graph(values.map((a) => ({ a, b: a & 1 }))));
    expectReferenceCounts(graph(values.map((a, i) => ({ a: i % 2, b: a }))));
  });
});

describe('string classes', () => {
  const layout: Layout = { shape: inferShape({ s: 'x', n: 0 })!, leafClass: [0, 1], classes: [{ kind: 'string', bits: 1 }, { kind: 'int', lo: 0, bits: 1 }] };

  it('a 1-bit class holds exactly 2 strings; the 3rd is a mismatch that widening fixes', () => {
    const codec = layoutCodec(layout);
    const buf = new Uint32Array(codec.words);
    codec.encode({ s: 'a', n: 1 }, buf, 0);
    codec.encode({ s: 'b', n: 1 }, buf, 0);
    expect(codec.decode(buf, 0)).toEqual({ s: 'b', n: 1 });
    const e = mismatchOf(() => codec.encode({ s: 'c', n: 0 }, buf, 0));
    expect([e.field, e.value]).toEqual([0, 2]);
    const wider = widenLayout(layout, e)!;
    expect(wider.classes[0].bits).toBeGreaterThanOrEqual(2);
  });

  it('classes number their strings apart: each path counts its own', () => {
    const s = { a: ['x', 'y'], b: 'z' };
    const codec = layoutCodec(minimalLayout(inferShape(s)!, [s]));
    const buf = new Uint32Array(codec.words);
    codec.encode(s, buf, 0);
    codec.encode({ a: ['y', 'x'], b: 'x' }, buf, 0);
    expect(codec.decode(buf, 0)).toEqual({ a: ['y', 'x'], b: 'x' });
  });

  it.each([2, 3, 257, 300])('%i distinct strings in a run: exact codes, the counts of a naive BFS', (count) => {
    const names = Array.from({ length: count }, (_, i) => `s${i}`);
    expectReferenceCounts(graph([{ s: names[0], n: 0 }, { s: names[0], n: 1 }, ...names.slice(1).map((s) => ({ s, n: 1 }))]));
  });
});

describe('delta encoding (encodeFrom)', () => {
  type R = { q: string; t: number; ok: boolean };
  type S = { rs: R[]; c: number; tag: string };
  const r = (q: string, t: number, ok: boolean): R => ({ q, t, ok });
  const init: S = { rs: [r('a', 0, false), r('b', 1, true), r('a', 2, false)], c: 0, tag: 'x' };
  const layout = minimalLayout(inferShape(init)!, [init]);

  it('equals a full encoding for successors that share some records with the parent (seeded)', () => {
    let layoutNow = layout;
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let round = 0; round < 2000; ) {
      const codec = layoutCodec(layoutNow);
      const pc = new Uint32Array(codec.words);
      const full = new Uint32Array(codec.words);
      const delta = new Uint32Array(codec.words);
      try {
        let s = init;
        codec.encode(s, pc, 0);
        for (; round < 2000; round++) {
          const parent = codec.decode(pc, 0) as S;
          // Change one record, or a leaf, or nothing; the rest stays the parent's by reference.
          const k = rand(4);
          const rs = k === 0 ? parent.rs.map((x, i) => (i === rand(3) ? r(['a', 'b', 'c'][rand(3)], rand(6) - 1, rand(2) === 0) : x)) : parent.rs;
          const t: S = k === 3 ? parent : { rs, c: k === 1 ? rand(9) - 2 : parent.c, tag: k === 2 ? ['x', 'y'][rand(2)] : parent.tag };
          codec.encode(t, full, 0);
          codec.encodeFrom(t, parent, pc, 0, delta, 0);
          expect(Array.from(delta)).toEqual(Array.from(full));
          expect(codec.decode(delta, 0)).toEqual(t);
          pc.set(delta);
          s = t;
        }
        expect(s).toBeDefined();
      } catch (e) {
        if (!(e instanceof ShapeMismatch)) throw e;
        layoutNow = widenLayout(layoutNow, e)!; // a value beyond a field: wider, and go on
        expect(layoutNow).toBeDefined();
      }
    }
  });

  it('checks what changed: a wider value or another shape in a new record is a mismatch', () => {
    const codec = layoutCodec(layout);
    const pc = new Uint32Array(codec.words);
    codec.encode(init, pc, 0);
    const parent = codec.decode(pc, 0) as S;
    const out = new Uint32Array(codec.words);
    const big = { ...parent, rs: [parent.rs[0], r('a', 1000, false), parent.rs[2]] };
    expect(mismatchOf(() => codec.encodeFrom(big, parent, pc, 0, out, 0)).field).toBeGreaterThanOrEqual(0);
    const extra = { ...parent, rs: [parent.rs[0], { ...r('a', 0, false), more: 1 }, parent.rs[2]] };
    expect(mismatchOf(() => codec.encodeFrom(extra, parent, pc, 0, out, 0)).field).toBe(-1);
    const notBool = { ...parent, rs: [parent.rs[0], { q: 'a', t: 0, ok: 1 }, parent.rs[2]] };
    expect(mismatchOf(() => codec.encodeFrom(notBool, parent, pc, 0, out, 0)).field).toBe(-1);
    const float = { ...parent, c: 0.5 };
    expect(mismatchOf(() => codec.encodeFrom(float, parent, pc, 0, out, 0)).field).toBe(-1);
  });

  it('-0 in a successor encodes as 0 (the parent holds 0)', () => {
    const codec = layoutCodec(layout);
    const pc = new Uint32Array(codec.words);
    codec.encode(init, pc, 0);
    const parent = codec.decode(pc, 0) as S;
    const out = new Uint32Array(codec.words);
    codec.encodeFrom({ ...parent, c: -0, rs: [r('a', -0, false), parent.rs[1], parent.rs[2]] }, parent, pc, 0, out, 0);
    expect(Array.from(out)).toEqual(Array.from(pc));
  });
});

describe('runs on minimal layouts', () => {
  it('sqs-pool medium: the anchors\' counts, on exact codes', () => {
    const r = exploreExhaustive(sqsPool(SIZES.medium));
    expect(r.stats).toMatchObject({ distinctStates: 38_895, transitions: 204_090, maxDepth: 23 });
    expect(r.stats.collisionProbability).toBeUndefined();
  });

  it('a counter that keeps growing (widened many times) and one going negative: the counts of a naive BFS', () => {
    type C = { up: number; down: number; log: string[] };
    type Step = { readonly type: 'Up' | 'Down'; readonly kind: 'op' };
    const model: Model<C, Step> = {
      init: () => [{ up: 0, down: 0, log: ['s', 's'] }],
      actions: (s) => [...(s.up < 3000 ? [{ type: 'Up', kind: 'op' } as const] : []), ...(s.down > -40 && s.up % 100 === 0 ? [{ type: 'Down', kind: 'op' } as const] : [])],
      next: (s, a) => (a.type === 'Up' ? { ...s, up: s.up + 1, log: [s.log[1], `u${s.up % 7}`] } : { ...s, down: s.down - 1 }),
      properties: [always('Any', () => true)],
    };
    const ref = referenceBfs(model);
    const r = exploreExhaustive(model);
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([ref.states, ref.transitions, ref.maxDepth]);
    expect(r.stats.collisionProbability).toBeUndefined();
  });
});
