import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessor, checkAccessors } from '../../../model/core/accessors.js';
import * as api from '../../../index.js';
import { t } from '../../../model/core/schema.js';
import { arbitraryOf } from '../../../model/core/schema-arbitrary.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { exploreRandom } from '../../../engine/random.js';
import { SIZES } from '../../../scenarios/sqs-pool/model.js';
import { packedSqsPool } from '../../../scenarios/sqs-pool/packed.js';

// 3 + 17 + 1 = 21 bits a record, so records straddle word boundaries at varying offsets.
const Rec = t.record('Rec', { e: t.enumOf(['a', 'b', 'c', 'd', 'e'] as const), n: t.int(-5, 130_000), f: t.bool() });
const State = t.record('State', { head: t.int(0, 6), recs: t.array(Rec, 7), tail: t.int(-1, 1) });

describe('generated accessors', () => {
  it('read what the codec wrote, and write what the codec reads, at any offset', () => {
    const codec = State.codec();
    const e = accessor(State, 'recs[].e');
    const n = accessor(State, 'recs[].n');
    const f = accessor(State, 'recs[].f');
    const head = accessor(State, 'head');
    const tail = accessor(State, 'tail');
    fc.assert(
      fc.property(arbitraryOf(State as never), arbitraryOf(State as never), (x: any, y: any) => {
        const buf = new Uint32Array(codec.words + 3).fill(0xdeadbeef);
        codec.encode(x, buf, 2);
        expect(head.get(buf, 2)).toBe(x.head);
        expect(tail.get(buf, 2)).toBe(x.tail);
        for (let i = 0; i < 7; i++) {
          expect(e.values![e.get(buf, 2, i)]).toBe(x.recs[i].e);
          expect(n.get(buf, 2, i)).toBe(x.recs[i].n);
          expect(f.get(buf, 2, i)).toBe(x.recs[i].f ? 1 : 0);
        }
        // Rewrite every field to y's values in place: the codec then reads y, and the guard words are untouched.
        head.set(buf, 2, y.head);
        tail.set(buf, 2, y.tail);
        for (let i = 0; i < 7; i++) {
          e.set(buf, 2, i, e.index(y.recs[i].e));
          n.set(buf, 2, i, y.recs[i].n);
          f.set(buf, 2, i, y.recs[i].f ? 1 : 0);
        }
        expect(codec.decode(buf, 2)).toEqual(y);
        expect([buf[0], buf[1], buf[codec.words + 2]]).toEqual([0xdeadbeef, 0xdeadbeef, 0xdeadbeef]);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('read and write 32-bit fields, aligned or across a word, and fields that cross a word at some indices only', () => {
    // wide: 32 bits from bit 0 (aligned); pad: 5 bits; xs[i].big: 32 bits at 37 + 38 i (never aligned, so always across a word).
    const X = t.record('X', { big: t.int(-(2 ** 31), 2 ** 31 - 1), small: t.int(-3, 60) });
    const W = t.record('W', { wide: t.int(-(2 ** 31), 2 ** 31 - 1), pad: t.int(0, 31), xs: t.array(X, 5) });
    const codec = W.codec();
    const wide = accessor(W, 'wide');
    const pad = accessor(W, 'pad');
    const big = accessor(W, 'xs[].big');
    const small = accessor(W, 'xs[].small');
    // small sits at 69 + 38 i: bits 69, 107, 145, 183, 221, at 5, 11, 17, 23, 29 in their words: only i = 4 (29 + 6 > 32) crosses.
    expect([wide.width, big.width, small.width]).toEqual([32, 32, 6]);
    fc.assert(
      fc.property(arbitraryOf(W as never), arbitraryOf(W as never), (x: any, y: any) => {
        const buf = new Uint32Array(codec.words + 2).fill(0xffffffff);
        codec.encode(x, buf, 1);
        expect([wide.get(buf, 1), pad.get(buf, 1)]).toEqual([x.wide, x.pad]);
        for (let i = 0; i < 5; i++) expect([big.get(buf, 1, i), small.get(buf, 1, i)]).toEqual([x.xs[i].big, x.xs[i].small]);
        wide.set(buf, 1, y.wide);
        pad.set(buf, 1, y.pad);
        for (let i = 0; i < 5; i++) {
          big.set(buf, 1, i, y.xs[i].big);
          small.set(buf, 1, i, y.xs[i].small);
        }
        expect(codec.decode(buf, 1)).toEqual(y);
        expect([buf[0], buf[codec.words + 1]]).toEqual([0xffffffff, 0xffffffff]);
      }),
      { seed: 11, numRuns: 300 },
    );
    // The extremes, written over a code of all ones and of all zeros.
    for (const fill of [0, 0xffffffff]) {
      const buf = new Uint32Array(codec.words).fill(fill);
      for (const v of [-(2 ** 31), -1, 0, 2 ** 31 - 1]) {
        wide.set(buf, 0, v);
        expect(wide.get(buf, 0)).toBe(v);
      }
      for (let i = 0; i < 5; i++) {
        for (const v of [-(2 ** 31), -1, 0, 2 ** 31 - 1]) {
          big.set(buf, 0, i, v);
          expect(big.get(buf, 0, i)).toBe(v);
        }
        for (const v of [-3, 0, 60]) {
          small.set(buf, 0, i, v);
          expect(small.get(buf, 0, i)).toBe(v);
        }
      }
    }
  });

  it('agree with the codec on random layouts: any padding, record width and array length (fields across words at some indices only)', () => {
    // A field is read in one word only when no in-range index puts it across a word: a wrong
    // decision there would misread exactly the indices that cross, which these layouts vary.
    const layout = fc.record({
      pad: fc.integer({ min: 0, max: 31 }),
      a: fc.integer({ min: 1, max: 31 }),
      b: fc.integer({ min: 1, max: 31 }),
      length: fc.integer({ min: 1, max: 9 }),
      inner: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(layout, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ pad, a, b, length, inner }, seed) => {
        const int = (bits: number) => t.int(-3, 2 ** bits - 4);
        const Inner = t.record('Inner', { b: int(b) });
        const Item = t.record('Item', { a: int(a), inner: t.array(Inner, inner) });
        const S = t.record('S', { pad: int(pad || 1), items: t.array(Item, length) });
        const codec = S.codec();
        const fa = accessor(S, 'items[].a');
        const fb = accessor(S, 'items[].inner[].b');
        // A deterministic value per field and index from the seed, within its range.
        let x = seed;
        const next = (bits: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 2 ** bits) - 3;
        const state = { pad: next(pad || 1), items: Array.from({ length }, () => ({ a: next(a), inner: Array.from({ length: inner }, () => ({ b: next(b) })) })) };
        const buf = new Uint32Array(codec.words + 2).fill(0xa5a5a5a5);
        codec.encode(state as never, buf, 1);
        for (let i = 0; i < length; i++) {
          expect(fa.get(buf, 1, i)).toBe(state.items[i].a);
          for (let j = 0; j < inner; j++) expect(fb.get(buf, 1, i, j)).toBe(state.items[i].inner[j].b);
        }
        // Written back in reverse through the accessors: the codec reads the reversed items.
        const reversed = { ...state, items: state.items.slice().reverse() };
        for (let i = 0; i < length; i++) {
          fa.set(buf, 1, i, reversed.items[i].a);
          for (let j = 0; j < inner; j++) fb.set(buf, 1, i, j, reversed.items[i].inner[j].b);
        }
        expect(codec.decode(buf, 1)).toEqual(reversed);
        expect([buf[0], buf[codec.words + 1]]).toEqual([0xa5a5a5a5, 0xa5a5a5a5]);
      }),
      { seed: 5, numRuns: 400 },
    );
  });

  it('read a field of no bits (a single value) as that value, and write nothing', () => {
    const S = t.record('S', { before: t.int(0, 7), one: t.int(5, 5), xs: t.array(t.record('X', { k: t.int(-2, -2), v: t.bool() }), 3) });
    const codec = S.codec();
    const one = accessor(S, 'one');
    const k = accessor(S, 'xs[].k');
    expect([one.width, k.width]).toEqual([0, 0]);
    const buf = new Uint32Array(codec.words).fill(0xffffffff);
    expect(one.get(buf, 0)).toBe(5);
    for (let i = 0; i < 3; i++) expect(k.get(buf, 0, i)).toBe(-2);
    one.set(buf, 0, 5);
    k.set(buf, 0, 1, -2);
    expect(Array.from(buf)).toEqual(new Array(codec.words).fill(0xffffffff));
  });

  it('read a fixed boolean (no bits) as 1 or 0, write nothing, and refuse, checked, the other value', () => {
    const S = t.record('S', { on: t.bool(true), n: t.int(0, 3), off: t.bool(false), bs: t.array(t.bool(true), 2) });
    const [on, off, bs] = [accessor(S, 'on'), accessor(S, 'off'), accessor(S, 'bs[]')];
    expect([on.width, off.width, bs.width]).toEqual([0, 0, 0]);
    const buf = new Uint32Array(S.codec().words).fill(0xffffffff);
    expect([on.get(buf, 0), off.get(buf, 0), bs.get(buf, 0, 1)]).toEqual([1, 0, 1]);
    on.set(buf, 0, 1);
    off.set(buf, 0, 0);
    expect(Array.from(buf)).toEqual(new Array(S.codec().words).fill(0xffffffff));
    expect(() => on.set(buf, 0, 0)).toThrow('value 0 is outside 1..1');
    expect(() => off.set(buf, 0, 1)).toThrow('value 1 is outside 0..0');
  });

  it('checked (as every test makes them): an index outside its array, or a value outside the field\'s range, throws in one line', () => {
    const e = accessor(State, 'recs[].e');
    const n = accessor(State, 'recs[].n');
    const f = accessor(State, 'recs[].f');
    const tail = accessor(State, 'tail');
    const buf = new Uint32Array(State.codec().words);
    expect(() => e.get(buf, 0, 7)).toThrow('accessor recs[].e: index 7 is outside 0..6');
    expect(() => e.get(buf, 0, -1)).toThrow('accessor recs[].e: index -1 is outside 0..6');
    expect(() => n.set(buf, 0, 1.5, 0)).toThrow('accessor recs[].n: index 1.5 is outside 0..6');
    expect(() => e.set(buf, 0, 0, 5)).toThrow('accessor recs[].e: value 5 is outside 0..4');
    expect(() => n.set(buf, 0, 6, 130_001)).toThrow('accessor recs[].n: value 130001 is outside -5..130000');
    expect(() => n.set(buf, 0, 6, -6)).toThrow('accessor recs[].n: value -6 is outside -5..130000');
    expect(() => f.set(buf, 0, 0, 2)).toThrow('accessor recs[].f: value 2 is outside 0..1');
    expect(() => tail.set(buf, 0, 0.5)).toThrow('accessor tail: value 0.5 is outside -1..1');
    // In range: as unchecked.
    n.set(buf, 0, 6, -5);
    tail.set(buf, 0, -1);
    expect([n.get(buf, 0, 6), tail.get(buf, 0)]).toEqual([-5, -1]);
  });

  it('unchecked (users\' runs): no test in the generated code; an index past the array reads what lies there', () => {
    checkAccessors(false);
    try {
      const e = accessor(State, 'recs[].e');
      const tail = accessor(State, 'tail');
      expect(e.get.toString()).not.toContain('RangeError');
      const buf = new Uint32Array(State.codec().words);
      tail.set(buf, 0, 1);
      // recs[7].e would start where tail does (3 + 7 * 21 bits in): it reads tail's bits, throws nothing.
      expect(() => e.get(buf, 0, 7)).not.toThrow();
      expect(e.get(buf, 0, 7)).toBe(((1 - -1) >>> 0) & 7);
    } finally {
      checkAccessors(true);
    }
    expect(accessor(State, 'recs[].e').get.toString()).toContain('RangeError');
    // Users' model tests turn it on the same way (the README's packed-transitions paragraph).
    expect(api.checkAccessors).toBe(checkAccessors);
  });

  it('reject paths that are not leaves or do not exist', () => {
    expect(() => accessor(State, 'recs')).toThrow(/not a leaf/);
    expect(() => accessor(State, 'recs[].zz')).toThrow(/no field zz/);
    expect(() => accessor(State, 'head[]')).toThrow(/\[\] on a int/);
    expect(() => accessor(State, 'recs[].e').index('z')).toThrow(/not one of a\|b\|c\|d\|e/);
  });
});

describe('packed transitions (sqs-pool)', () => {
  it('explore exactly the anchors\' counts and find the same 3-action bug', () => {
    expect(exploreExhaustive(packedSqsPool(SIZES.small)).stats).toMatchObject({ distinctStates: 382, transitions: 1206, maxDepth: 12 });
    expect(exploreExhaustive(packedSqsPool(SIZES.medium)).stats).toMatchObject({ distinctStates: 38_895, transitions: 204_090, maxDepth: 23 });
    expect(exploreExhaustive(packedSqsPool(SIZES.small, 'early-delete'), { full: true }).stats).toMatchObject({ distinctStates: 102, transitions: 238 });
    const cx = exploreExhaustive(packedSqsPool(SIZES.medium, 'early-delete')).properties[0].counterexample!;
    expect(cx.labels).toEqual(['Send(0)', 'Receive(0, 0)', 'Crash(0)']);
  });

  it('list actions in the order the object model does, with the same successors', () => {
    const model = packedSqsPool(SIZES.medium);
    const codec = model.schema!.codec();
    const packed = model.packed!;
    const code = new Uint32Array(codec.words);
    const succ = new Uint32Array(codec.words);
    const out = new Int32Array(64);
    // States reached by random runs (a bounded random sample of the space).
    const seen: unknown[] = [];
    const sampler = Object.create(model, { properties: { value: [{ kind: 'always', name: 'Sample', pred: (s: unknown) => (seen.push(s), true) }] } });
    exploreRandom(sampler, { seed: 3, runs: 200, steps: 30 });
    expect(seen.length).toBeGreaterThan(1000);
    for (const s of seen as never[]) {
      codec.encode(s, code, 0);
      const n = packed.actions(code, 0, out);
      const acts = model.actions(s);
      expect(Array.from(out.subarray(0, n), (a) => packed.table[a])).toEqual(acts);
      for (let k = 0; k < n; k++) {
        packed.next(code, 0, out[k], succ, 0);
        expect(codec.decode(succ, 0)).toEqual(model.next(s, acts[k]));
      }
    }
  });
});
