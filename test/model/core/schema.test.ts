import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchemaError, t, type Infer } from '../../../model/core/schema.js';
import { arbitraryOf } from '../../../model/core/schema-arbitrary.js';
import { Full, Msg, Queue, Wide, Worker, allValues, encodeToArray, expectRoundTrip, queueState } from './schema-fixtures.js';
describe('bits and words', () => {
  it('counts ceil(log2(range)) bits per leaf and sums them', () => {
    expect([t.int(0, 3).bits, t.int(-1, 4).bits, t.int(0, 4).bits, t.int(0, 1).bits, t.int(-3, -3).bits]).toEqual([2, 3, 3, 1, 0]);
    expect(t.int(-0x80000000, 0x7fffffff).bits).toBe(32);
    expect(t.bool().bits).toBe(1);
    expect([1, 2, 3, 4, 5, 8, 9].map((n) => t.enumOf(Array.from({ length: n }, (_, i) => `v${i}`)).bits)).toEqual([0, 1, 2, 2, 3, 3, 4]);
    expect(Msg.bits).toBe(5);
    expect(Worker.bits).toBe(5);
    expect(t.array(Msg, 5).bits).toBe(25);
    expect(Queue.bits).toBe(42);
    expect(Wide.bits).toBe(100);
    expect(Full.bits).toBe(7 + 32 + 31 + 27 + 3);
  });

  it('uses max(1, ceil(bits / 32)) words', () => {
    const words = (bits: number) => t.array(t.bool(), bits).codec().words;
    expect([0, 1, 32, 33, 64, 65].map(words)).toEqual([1, 1, 1, 2, 2, 3]);
    expect(Queue.codec().words).toBe(2);
    expect(Wide.codec().words).toBe(4);
  });
});

describe('codec', () => {
  it('round-trips random values of several schemas at an offset', () => {
    expectRoundTrip(Queue, 300);
    expectRoundTrip(Wide, 300);
    expectRoundTrip(Full, 300);
    expectRoundTrip(t.array(t.bool(), 70), 100);
    expectRoundTrip(t.int(-7, 9), 50);
    expectRoundTrip(t.array(t.record('P', { n: t.int(-100, 100), e: t.enumOf(['a', 'b', 'c']) }), 9), 200);
  });

  it('packs leaves from bit 0 in declaration order, straddling words', () => {
    const S = t.record('S', { a: t.int(0, 2 ** 30 - 1), b: t.int(0, 15), c: t.bool() });
    // a fills bits 0..29, b = 0b1011 takes bits 30..33 (low two bits in word 0), c is bit 34.
    expect(encodeToArray(S, S.make({ a: 5, b: 0b1011, c: true }))).toEqual([(5 | (0b11 << 30)) >>> 0, 0b10 | (1 << 2)]);
    expect(S.codec().decode(new Uint32Array([0xc0000005, 0b110]), 0)).toEqual({ a: 5, b: 0b1011, c: true });
    expect(encodeToArray(S, S.make({ a: 0, b: 0, c: false }))).toEqual([0, 0]);
  });

  it('straddles enums and bools at word edges', () => {
    const E = t.record('E', { pad: t.int(0, 2 ** 31 - 1), e: t.enumOf(['a', 'b', 'c', 'd', 'e']), f: t.bool() });
    // e takes bits 31..33: index 4 = 0b100 puts nothing in word 0 and 0b10 in word 1; f is bit 34.
    expect(encodeToArray(E, E.make({ pad: 1, e: 'e', f: false }))).toEqual([1, 0b10]);
    expect(encodeToArray(E, E.make({ pad: 0, e: 'd', f: true }))).toEqual([0x80000000, 0b101]);
    expectRoundTrip(E, 100);
    // A full 32-bit field at bit 0, followed by more bits: stored as a + 2^31.
    const Word = t.record('Word', { a: t.int(-0x80000000, 0x7fffffff), b: t.bool() });
    expect(encodeToArray(Word, { a: 0x7fffffff, b: true })).toEqual([0xffffffff, 1]);
    expect(encodeToArray(Word, { a: -0x80000000, b: false })).toEqual([0, 0]);
    expect(Word.codec().decode(Uint32Array.of(0xffffffff, 1), 0)).toStrictEqual({ a: 0x7fffffff, b: true });
    expectRoundTrip(Word, 100);
  });

  it('keeps full 32-bit fields unsigned when they straddle', () => {
    const extremes = Full.make({ head: -64, a: -0x80000000, b: 0xffffffff - 0x80000000, flags: Array(27).fill(true), tail: 'v' });
    expect(Full.codec().decode(Uint32Array.from(encodeToArray(Full, extremes)), 0)).toStrictEqual(extremes);
    const ones = Full.make({ head: 63, a: 0x7fffffff, b: 0, flags: Array(27).fill(false), tail: 'x' });
    expect(Full.codec().decode(Uint32Array.from(encodeToArray(Full, ones)), 0)).toStrictEqual(ones);
  });

  it('gives distinct values distinct codes (exhaustive small schema)', () => {
    const Small = t.record('Small', { q: t.enumOf(['a', 'b', 'c']), n: t.int(-1, 1), f: t.bool(), bs: t.array(t.bool(), 2), k: t.int(3, 3) });
    const values = allValues(Small) as Infer<typeof Small>[];
    expect(values).toHaveLength(3 * 3 * 2 * 4);
    const codes = values.map((v) => encodeToArray(Small, v)[0]);
    expect(new Set(codes).size).toBe(values.length);
    for (const [i, code] of codes.entries()) {
      expect(code).toBeLessThan(2 ** Small.bits);
      expect(Small.codec().decode(Uint32Array.of(code), 0)).toStrictEqual(values[i]);
    }
  });

  it('writes every word and zeroes unused bits', () => {
    const codec = Queue.codec();
    const dirty = new Uint32Array(2).fill(0xffffffff);
    codec.encode(queueState(), dirty, 0);
    const clean = new Uint32Array(2);
    codec.encode(queueState(), clean, 0);
    expect([...dirty]).toEqual([...clean]);
    expect(dirty[1] >>> (42 - 32)).toBe(0);
    const empty = t.record('Empty', {}).codec();
    const buf = Uint32Array.of(7);
    empty.encode({}, buf, 0);
    expect(buf[0]).toBe(0);
  });

  it('decodes fresh objects with keys in schema order', () => {
    const codec = Queue.codec();
    const code = Uint32Array.from(encodeToArray(Queue, queueState()));
    const a = codec.decode(code, 0);
    const b = codec.decode(code, 0);
    expect(a).not.toBe(b);
    expect(a.msgs[0]).not.toBe(b.msgs[0]);
    expect(Object.keys(a)).toEqual(['msgs', 'workers', 'crashes']);
    for (const m of a.msgs) expect(Object.keys(m)).toEqual(['q', 'timer', 'done']);
    for (const w of a.workers) expect(Object.keys(w)).toEqual(['w', 'wm']);
    expect(a).toStrictEqual(queueState());
  });

  it('compiles once per schema', () => {
    expect(Queue.codec()).toBe(Queue.codec());
  });

  it('handles a 0-bit int', () => {
    const Pinned = t.record('Pinned', { k: t.int(7, 7), b: t.bool() });
    expect(t.int(7, 7).bits).toBe(0);
    expect(Pinned.bits).toBe(1);
    expect(encodeToArray(Pinned, { k: 7, b: true })).toEqual([1]);
    expect(Pinned.codec().decode(Uint32Array.of(1), 0)).toStrictEqual({ k: 7, b: true });
    expect(() => encodeToArray(Pinned, { k: 8, b: true })).toThrow(new SchemaError('k: 8 is outside 7..7'));
    const lone = t.int(-2, -2).codec();
    const buf = Uint32Array.of(9);
    lone.encode(-2, buf, 0);
    expect([lone.words, buf[0], lone.decode(buf, 0)]).toEqual([1, 0, -2]);
  });
});

describe('fixed booleans (t.bool(value): configuration kept in the state, in 0 bits)', () => {
  const S = t.record('S', { a: t.int(0, 7), on: t.bool(true), off: t.bool(false), b: t.bool(), xs: t.array(t.record('X', { f: t.bool(true), n: t.int(0, 3) }), 2) });

  it('take no bits, decode to their value and round-trip', () => {
    expect([t.bool(true).bits, t.bool(false).bits, t.bool().bits]).toEqual([0, 0, 1]);
    expect(S.bits).toBe(3 + 1 + 2 * 2);
    const v = S.make({ a: 5, on: true, off: false, b: true, xs: [{ f: true, n: 3 }, { f: true, n: 1 }] });
    // a in bits 0..2, b in bit 3, xs[0].n in 4..5, xs[1].n in 6..7: the fixed fields hold nothing.
    expect(encodeToArray(S, v)).toEqual([5 | (1 << 3) | (3 << 4) | (1 << 6)]);
    expect(S.codec().decode(Uint32Array.of(0), 0)).toStrictEqual({ a: 0, on: true, off: false, b: false, xs: [{ f: true, n: 0 }, { f: true, n: 0 }] });
    expectRoundTrip(S, 100);
  });

  it('refuse the other value, or a non-boolean, in the encoder, encodeFrom and validation', () => {
    const codec = S.codec();
    const good = { a: 1, on: true, off: false, b: false, xs: [{ f: true, n: 0 }, { f: true, n: 0 }] };
    const pc = new Uint32Array(codec.words);
    codec.encode(good as never, pc, 0);
    for (const bad of [{ ...good, on: false }, { ...good, off: true }, { ...good, on: 1 }, { ...good, xs: [good.xs[0], { f: false, n: 0 }] }]) {
      expect(() => codec.encode(bad as never, new Uint32Array(codec.words), 0)).toThrow();
      expect(() => codec.encodeFrom(bad as never, good as never, pc, 0, new Uint32Array(codec.words), 0)).toThrow();
      expect(() => S.validate(bad)).toThrow(SchemaError);
    }
    expect(() => S.validate({ ...good, on: false })).toThrow('on: expected true (a fixed field), got false');
    expect(() => t.bool(1 as never)).toThrow('t.bool: fixed must be true or false, got 1');
  });
});

describe('encodeFrom (successors re-encode only what they do not share)', () => {
  /** A successor of `p` built the way reducers do: take some nodes of `q` (a random state), keep the rest of `p` by reference. */
  const mix = (p: any, q: any, pick: number) => ({
    msgs: pick & 1 ? p.msgs.map((m: unknown, i: number) => (pick & (2 << i) ? q.msgs[i] : m)) : p.msgs,
    workers: pick & 64 ? q.workers : p.workers,
    crashes: pick & 128 ? q.crashes : p.crashes,
  });

  it('gives exactly the code encode gives, whatever is shared', () => {
    const codec = Queue.codec();
    const pc = new Uint32Array(codec.words + 1);
    const a = new Uint32Array(codec.words);
    const b = new Uint32Array(codec.words + 2);
    fc.assert(
      fc.property(arbitraryOf(Queue as never), arbitraryOf(Queue as never), fc.nat(255), (p: any, q: any, pick) => {
        codec.encode(p, pc, 1);
        const s = mix(p, q, pick);
        codec.encode(s as never, a, 0);
        codec.encodeFrom(s as never, p, pc, 1, b, 2);
        expect(Array.from(b.subarray(2))).toEqual(Array.from(a));
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('still rejects a changed value that does not fit', () => {
    const codec = Queue.codec();
    const p = { msgs: Array.from({ length: 5 }, () => ({ q: 'unsent', timer: 0, done: false })), workers: Array.from({ length: 3 }, () => ({ w: 'idle', wm: -1 })), crashes: 0 };
    const pc = new Uint32Array(codec.words);
    codec.encode(p as never, pc, 0);
    const bad = { ...p, msgs: p.msgs.map((m, i) => (i === 2 ? { ...m, timer: 9 } : m)) };
    expect(() => codec.encodeFrom(bad as never, p as never, pc, 0, new Uint32Array(codec.words), 0)).toThrow('msgs[2].timer: 9 is outside 0..3');
  });
});
