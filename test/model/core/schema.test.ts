import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { fieldLayout, SchemaError, t, type AnySchema, type Infer, type Schema } from '../../../model/core/schema.js';
import { arbitraryOf } from '../../../model/core/schema-arbitrary.js';

const Msg = t.record('Msg', { q: t.enumOf(['unsent', 'visible', 'inflight', 'deleted']), timer: t.int(0, 3), done: t.bool() });
const Worker = t.record('Worker', { w: t.enumOf(['idle', 'busy', 'crashed']), wm: t.int(-1, 4) });
/** The 42-bit queue state of the brief: 5 messages, 3 workers, a crash counter. */
const Queue = t.record('Queue', { msgs: t.array(Msg, 5), workers: t.array(Worker, 3), crashes: t.int(0, 2) });
type Queue = Infer<typeof Queue>;

/** 10-bit fields with a negative range: 100 bits, fields straddle words 0/1, 1/2 and 2/3. */
const Wide = t.record('Wide', { xs: t.array(t.int(-5, 1000), 10) });
/** Full 32-bit fields at bit offsets 7 and 39: exercises `>>> 0` on straddling 32-bit reads. */
const Full = t.record('Full', {
  head: t.int(-64, 63),
  a: t.int(-0x80000000, 0x7fffffff),
  b: t.int(0, 0xffffffff - 0x80000000),
  flags: t.array(t.bool(), 27),
  tail: t.enumOf(['x', 'y', 'z', 'w', 'v']),
});

function queueState(): Queue {
  const q = ['unsent', 'visible', 'inflight', 'deleted', 'visible'] as const;
  return Queue.make({
    msgs: q.map((state, i) => Msg.make({ q: state, timer: i % 4, done: i % 2 === 0 })),
    workers: [Worker.make({ w: 'busy', wm: -1 }), Worker.make({ w: 'crashed', wm: 4 }), Worker.make({ w: 'idle', wm: 2 })],
    crashes: 2,
  });
}

/** Every value of a small schema. */
function allValues(of: Schema<unknown>): unknown[] {
  const schema = of as AnySchema;
  switch (schema.tag) {
    case 'int':
      return Array.from({ length: schema.hi - schema.lo + 1 }, (_, i) => schema.lo + i);
    case 'bool':
      return [false, true];
    case 'enum':
      return [...schema.values];
    case 'array': {
      let out: unknown[][] = [[]];
      for (let i = 0; i < schema.length; i++) out = out.flatMap((prefix) => allValues(schema.item).map((v) => [...prefix, v]));
      return out;
    }
    case 'record': {
      let out: Record<string, unknown>[] = [{}];
      for (const [name, field] of Object.entries(schema.fields)) {
        out = out.flatMap((prefix) => allValues(field).map((v) => ({ ...prefix, [name]: v })));
      }
      return out.map((r) => schema.make(r as never));
    }
  }
}

function encodeToArray<T>(schema: Schema<T>, v: T): number[] {
  const codec = schema.codec();
  const out = new Uint32Array(codec.words);
  codec.encode(v, out, 0);
  return [...out];
}

function expectRoundTrip<T>(schema: Schema<T>, numRuns: number): void {
  const codec = schema.codec();
  const off = 3;
  fc.assert(
    fc.property(arbitraryOf(schema), (v) => {
      const buf = new Uint32Array(off + codec.words + 2).fill(0xdeadbeef);
      codec.encode(v, buf, off);
      // Nothing outside [off, off + words) is touched.
      expect([...buf.subarray(0, off), ...buf.subarray(off + codec.words)]).toEqual(Array(off + 2).fill(0xdeadbeef));
      const back = codec.decode(buf, off);
      expect(back).toStrictEqual(v);
      // The code is canonical: re-encoding the decoded value gives the same words.
      const again = new Uint32Array(codec.words);
      codec.encode(back, again, 0);
      expect([...again]).toEqual([...buf.subarray(off, off + codec.words)]);
    }),
    { seed: 42, numRuns },
  );
}

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

describe('validation', () => {
  const Q = t.record('Q', { q: t.enumOf(['unsent', 'visible']) });
  const withMsg = (i: number, patch: Record<string, unknown>): unknown => {
    const s = queueState();
    return { ...s, msgs: s.msgs.map((m, j) => (j === i ? { ...m, ...patch } : m)) };
  };
  const cases: [string, Schema<any>, unknown][] = [
    ['msgs[2].timer: 5 is outside 0..3', Queue, withMsg(2, { timer: 5 })],
    ['msgs[0].timer: 4 is outside 0..3', Queue, withMsg(0, { timer: 4 })],
    ['workers[1].wm: -2 is outside -1..4', Queue, { ...queueState(), workers: [queueState().workers[0], { w: 'idle', wm: -2 }, queueState().workers[2]] }],
    ['q: "lost" is not one of unsent|visible', Q, { q: 'lost' }],
    ['q: 0 is not one of unsent|visible', Q, { q: 0 }],
    ['workers: expected an array of length 3, got 2', Queue, { ...queueState(), workers: queueState().workers.slice(0, 2) }],
    ['workers: expected an array of length 3, got 4', Queue, { ...queueState(), workers: [...queueState().workers, queueState().workers[0]] }],
    ['workers: expected an array of length 3, got an object', Queue, { ...queueState(), workers: { length: 3 } }],
    ['missing field crashes', Queue, { msgs: queueState().msgs, workers: queueState().workers }],
    ['msgs[4]: missing field done', Queue, { ...queueState(), msgs: [...queueState().msgs.slice(0, 4), { q: 'unsent', timer: 0 }] }],
    ['msgs[1].timer: 1.5 is not an integer', Queue, withMsg(1, { timer: 1.5 })],
    ['msgs[1].timer: NaN is not an integer', Queue, withMsg(1, { timer: NaN })],
    ['msgs[1].timer: expected an integer in 0..3, got "1"', Queue, withMsg(1, { timer: '1' })],
    ['msgs[3].done: expected a boolean, got 1', Queue, withMsg(3, { done: 1 })],
    ['msgs[3]: expected a Msg record, got null', Queue, { ...queueState(), msgs: [...queueState().msgs.slice(0, 3), null, queueState().msgs[4]] }],
    ['expected a Queue record, got 42', Queue, 42],
  ];

  it.each(cases)('validate and encode both throw %s', (message, schema, value) => {
    expect(() => schema.validate(value)).toThrow(new SchemaError(message));
    expect(() => encodeToArray(schema, value)).toThrow(new SchemaError(message));
    expect(() => schema.validate(value)).toThrow(SchemaError);
  });

  it('rejects unexpected fields (encode ignores them)', () => {
    expect(() => Msg.validate({ q: 'unsent', timer: 0, done: false, extra: 1 }, 'msgs[0]')).toThrow(new SchemaError('msgs[0]: unexpected field extra'));
  });

  it('accepts every valid value', () => {
    expect(() => Queue.validate(queueState())).not.toThrow();
  });

  it('rejects bad schema declarations', () => {
    expect(() => t.int(3, 1)).toThrow(SchemaError);
    expect(() => t.int(0, 1.5)).toThrow(SchemaError);
    expect(() => t.enumOf([])).toThrow(SchemaError);
    expect(() => t.enumOf(['a', 'a'])).toThrow(new SchemaError('t.enumOf: duplicate values in a|a'));
    expect(() => t.record('R', { '0': t.bool() })).toThrow(new SchemaError('t.record R: bad field name "0"'));
    const protoField = Object.defineProperty({}, '__proto__', { value: t.bool(), enumerable: true });
    expect(() => t.record('R', protoField)).toThrow(new SchemaError('t.record R: bad field name "__proto__"'));
    expect(() => t.array(t.bool(), -1)).toThrow(SchemaError);
  });
});

describe('records and layout', () => {
  it('make() builds keys in schema order', () => {
    const m = Msg.make({ done: true, timer: 2, q: 'visible' });
    expect(Object.keys(m)).toEqual(['q', 'timer', 'done']);
    expect(m).toEqual({ q: 'visible', timer: 2, done: true });
    expect(Msg.name).toBe('Msg');
    expect(Object.keys(Msg.fields)).toEqual(['q', 'timer', 'done']);
  });

  it('fieldLayout lists every leaf with its offset and width', () => {
    const layout = fieldLayout(Queue).map(({ path, offset, width }) => `${path}@${offset}+${width}`);
    expect(layout.slice(0, 4)).toEqual(['msgs[0].q@0+2', 'msgs[0].timer@2+2', 'msgs[0].done@4+1', 'msgs[1].q@5+2']);
    expect(layout.slice(-3)).toEqual(['workers[2].w@35+2', 'workers[2].wm@37+3', 'crashes@40+2']);
    expect(layout).toHaveLength(5 * 3 + 3 * 2 + 1);
  });

  it('infers the value types', () => {
    expectTypeOf<Infer<typeof Msg>>().toEqualTypeOf<{ readonly q: 'unsent' | 'visible' | 'inflight' | 'deleted'; readonly timer: number; readonly done: boolean }>();
    expectTypeOf<Queue['workers']>().toEqualTypeOf<readonly { readonly w: 'idle' | 'busy' | 'crashed'; readonly wm: number }[]>();
    expectTypeOf<Infer<ReturnType<typeof t.array<ReturnType<typeof t.bool>>>>>().toEqualTypeOf<readonly boolean[]>();
    expectTypeOf(Queue.codec().decode).returns.toEqualTypeOf<Queue>();
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
