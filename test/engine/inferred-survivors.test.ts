// Mutation survivors of engine/inferred.ts (chunk engine-c, reports/mutation/engine-c-inferred.json):
// shape inference at its limits, the string dictionary and its restore, minimal layouts and
// their slack bits, widening (exact widths and ranges), codes that straddle words or sit at
// an offset, and the compiled plain-state check. Everything is built inside its `it`
// (Stryker's per-test coverage does not see code run while a `describe` is collected).
import { describe, expect, it } from 'vitest';
import {
  compiledStateCheck,
  inferShape,
  inferredCodec,
  layoutCodec,
  minimalLayout,
  ShapeMismatch,
  StringIds,
  uniformLayout,
  widenLayout,
  type FieldClass,
  type Layout,
} from '../../engine/inferred.js';

const INT32_MIN = -(2 ** 31);

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

const bools = (k: number): boolean[] => Array.from({ length: k }, (_, i) => i % 2 === 0);
const fill = <T>(k: number, v: T): T[] => Array.from({ length: k }, () => v);

/** A layout of `{ xs: [40 leaves] }`: one class of 40 leaves, so the slack (under 32 bits) never widens it. */
function forty(c: FieldClass, leaf: number | string = 0): Layout {
  return { shape: inferShape({ xs: fill(40, leaf) })!, leafClass: fill(40, 0), classes: [c] };
}

describe('inferShape', () => {
  it('counts nodes: 4096 fit, 4097 do not', () => {
    expect(inferShape(fill(4095, 1))).toEqual({ kind: 'array', items: fill(4095, { kind: 'int' }) });
    expect(inferShape(fill(4096, 1))).toBeUndefined();
    // The budget is shared by the whole walk, nested parts included.
    expect(inferShape({ a: fill(2046, 0), b: fill(2047, 0) })).toBeDefined(); // 1 + 1 + 2046 + 1 + 2047
    expect(inferShape({ a: fill(2046, 0), b: fill(2048, 0) })).toBeUndefined();
  });

  it('leaves: 32-bit integers, strings and booleans; nothing else', () => {
    expect(inferShape(-(2 ** 31))).toEqual({ kind: 'int' });
    expect(inferShape(2 ** 31 - 1)).toEqual({ kind: 'int' });
    for (const v of [1.5, 2 ** 31, null, undefined, () => 1, Symbol('s'), 1n]) expect(inferShape(v), String(typeof v)).toBeUndefined();
  });

  it('a part a code cannot hold anywhere makes the whole state uncodable', () => {
    expect(inferShape([1, 1.5])).toBeUndefined();
    expect(inferShape({ a: 1, b: 0.5 })).toBeUndefined();
    expect(inferShape({ a: [null] })).toBeUndefined();
    class Box {
      a = 1;
    }
    expect(inferShape(new Box())).toBeUndefined();
    expect(inferShape(new Map())).toBeUndefined();
  });

  it('plain objects, with or without a prototype, keep their key order', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 'x', a: true });
    expect(inferShape(bare)).toEqual({ kind: 'object', keys: ['b', 'a'], fields: [{ kind: 'string' }, { kind: 'bool' }] });
    expect(inferShape({ constructor: 1 })).toEqual({ kind: 'object', keys: ['constructor'], fields: [{ kind: 'int' }] });
  });
});

describe('ShapeMismatch', () => {
  it('is named, and says which field and value, or that the shape differs', () => {
    const codec = layoutCodec({ shape: inferShape({ a: 0 })!, leafClass: [0], classes: [{ kind: 'int', lo: 0, bits: 3 }] });
    const buf = new Uint32Array(codec.words);
    const wide = mismatchOf(() => codec.encode({ a: 8 }, buf, 0));
    expect(wide.name).toBe('ShapeMismatch');
    expect(wide.message).toBe('a value does not fit its 3-bit field');
    expect([wide.field, wide.value]).toEqual([0, 8]);
    const other = mismatchOf(() => codec.encode({ b: 0 }, buf, 0));
    expect(other.message).toBe('a state does not fit the shape inferred from the initial state');
    expect([other.field, other.value]).toEqual([-1, 0]);
    expect(new ShapeMismatch('m')).toMatchObject({ name: 'ShapeMismatch', field: -1, value: 0 });
  });
});

describe('StringIds', () => {
  it('numbers strings in order of first sight, the empty string too', () => {
    const d = new StringIds();
    expect(['a', '', 'bc', 'a', '', 'bc'].map((s) => d.id(s))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(d.values).toEqual(['a', '', 'bc']);
  });

  it('strings sharing a cache slot keep their own ids, with any cache size', () => {
    for (const size of [1, 256, 1024]) {
      const d = new StringIds(size);
      const words = Array.from({ length: 3000 }, (_, i) => `k${i.toString(36)}${'x'.repeat(i % 5)}`);
      const ids = words.map((w) => d.id(w));
      expect(ids).toEqual(words.map((_, i) => i));
      for (let i = words.length - 1; i >= 0; i -= 7) expect(d.id(words[i])).toBe(i);
    }
  });

  it('restore: the saved order, the cache forgotten, new strings numbered after', () => {
    const d = new StringIds();
    expect([d.id('a'), d.id('b'), d.id('')]).toEqual([0, 1, 2]);
    d.restore(['b', '', 'c']);
    expect(d.values).toEqual(['b', '', 'c']);
    expect([d.id('b'), d.id(''), d.id('c'), d.id('a'), d.id('d')]).toEqual([0, 1, 2, 3, 4]);
  });

  it('restore refuses a repeated or non-string entry', () => {
    const d = new StringIds();
    expect(() => d.restore(['a', 'a'])).toThrow(new RangeError('a string dictionary holds distinct strings'));
    expect(() => new StringIds().restore(['a', 3 as unknown as string])).toThrow(new RangeError('a string dictionary holds distinct strings'));
    const ok = new StringIds();
    ok.restore(['x', 'y']);
    expect(ok.values).toEqual(['x', 'y']);
  });
});

describe('inferredCodec: its dictionary', () => {
  it('strings() lists what the codec numbered, as a copy', () => {
    const codec = inferredCodec(inferShape({ s: 'x', t: 'y' })!, 8);
    const buf = new Uint32Array(codec.words);
    codec.encode({ s: 'b', t: 'a' }, buf, 0);
    const list = codec.strings();
    expect(list).toEqual(['b', 'a']);
    list.push('junk');
    expect(codec.strings()).toEqual(['b', 'a']);
  });

  it('restoreStrings: decodes saved ids by the saved order; at most 2^width strings', () => {
    const codec = inferredCodec(inferShape({ s: 'x' })!, 8);
    codec.restoreStrings(['p', 'q']);
    const buf = new Uint32Array(codec.words);
    codec.encode({ s: 'q' }, buf, 0);
    expect(buf[0] & 255).toBe(1);
    expect(codec.decode(buf, 0)).toEqual({ s: 'q' });
    expect(codec.strings()).toEqual(['p', 'q']);
    const full = Array.from({ length: 256 }, (_, i) => `s${i}`);
    expect(() => codec.restoreStrings(full)).not.toThrow();
    expect(codec.strings()).toHaveLength(256);
    expect(() => codec.restoreStrings([...full, 'one more'])).toThrow(new RangeError('257 strings do not fit 8-bit fields'));
    expect(() => inferredCodec(inferShape({ s: 'x' })!, 16).restoreStrings([...full, 'one more'])).not.toThrow();
    expect(() => inferredCodec(inferShape({ s: 'x' })!, 32).restoreStrings([...full, 'one more'])).not.toThrow();
  });
});

describe('uniformLayout', () => {
  it('one class for the integers, one for the strings, booleans left out', () => {
    const shape = inferShape({ a: 1, s: 'x', b: true, xs: [2, 'y'] })!;
    expect(uniformLayout(shape, 8)).toEqual({
      shape,
      leafClass: [0, 1, 0, 1],
      classes: [{ kind: 'int', lo: -128, bits: 8 }, { kind: 'string', bits: 8 }],
    });
    expect(uniformLayout(shape, 16).classes).toEqual([{ kind: 'int', lo: -32768, bits: 16 }, { kind: 'string', bits: 16 }]);
    expect(uniformLayout(shape, 32).classes).toEqual([{ kind: 'int', lo: INT32_MIN, bits: 32 }, { kind: 'string', bits: 32 }]);
  });
});

describe('minimalLayout: classes', () => {
  it('one class per kind and key path: array items share theirs, an integer and a string at one path do not', () => {
    expect(minimalLayout(inferShape({ xs: [1, 2, 3] })!, [{ xs: [1, 2, 3] }]).leafClass).toEqual([0, 0, 0]);
    expect(minimalLayout(inferShape({ xs: [1, 'a', 2] })!, [{ xs: [1, 'a', 2] }]).leafClass).toEqual([0, 1, 0]);
    expect(minimalLayout(inferShape({ xs: [1], ys: [2] })!, [{ xs: [1], ys: [2] }]).leafClass).toEqual([0, 1]);
    expect(minimalLayout(inferShape({ a: 1, b: 2 })!, [{ a: 1, b: 2 }]).leafClass).toEqual([0, 1]);
  });
});

describe('minimalLayout: widths (classes of 40 leaves, which the slack never widens)', () => {
  const layoutOf = (...states: unknown[]): FieldClass => {
    const layout = minimalLayout(inferShape(states[0])!, states);
    return layout.classes[0];
  };
  it('integers: from min(0, least) over every initial state, as many bits as the range needs', () => {
    expect(layoutOf({ xs: fill(40, 7) })).toEqual({ kind: 'int', lo: 0, bits: 3 });
    expect(layoutOf({ xs: fill(40, 8) })).toEqual({ kind: 'int', lo: 0, bits: 4 });
    expect(layoutOf({ xs: fill(40, 3) })).toEqual({ kind: 'int', lo: 0, bits: 2 });
    expect(layoutOf({ xs: fill(40, 4) })).toEqual({ kind: 'int', lo: 0, bits: 3 });
    expect(layoutOf({ xs: fill(40, 1) })).toEqual({ kind: 'int', lo: 0, bits: 1 });
    expect(layoutOf({ xs: fill(40, 0) })).toEqual({ kind: 'int', lo: 0, bits: 0 });
    expect(layoutOf({ xs: fill(40, -3) }, { xs: fill(40, 2) })).toEqual({ kind: 'int', lo: -3, bits: 3 });
    expect(layoutOf({ xs: [-3, ...fill(39, 0)] }, { xs: [...fill(39, 0), 4] })).toEqual({ kind: 'int', lo: -3, bits: 3 });
    expect(layoutOf({ xs: [INT32_MIN, ...fill(39, 0)] }, { xs: fill(40, 2 ** 31 - 1) })).toEqual({ kind: 'int', lo: INT32_MIN, bits: 32 });
  });

  it('-0 in an initial state: the lower end is +0', () => {
    const c = layoutOf({ xs: fill(40, -0) });
    expect(c).toEqual({ kind: 'int', lo: 0, bits: 0 });
    expect(Object.is((c as { lo: number }).lo, 0)).toBe(true);
  });

  it('strings: as many bits as the distinct strings need', () => {
    const names = (k: number): string[] => Array.from({ length: 40 }, (_, i) => `n${i % k}`);
    expect(layoutOf({ xs: names(1) })).toEqual({ kind: 'string', bits: 0 });
    expect(layoutOf({ xs: names(2) })).toEqual({ kind: 'string', bits: 1 });
    expect(layoutOf({ xs: names(4) })).toEqual({ kind: 'string', bits: 2 });
    expect(layoutOf({ xs: names(5) })).toEqual({ kind: 'string', bits: 3 });
    expect(layoutOf({ xs: names(2) }, { xs: names(3) })).toEqual({ kind: 'string', bits: 2 });
  });

  it('values of another shape in a later initial state are passed over, never read through a prototype', () => {
    expect(layoutOf({ xs: fill(40, 1) }, { xs: [1000.5, 'str', true, null, ...fill(36, 1)] })).toEqual({ kind: 'int', lo: 0, bits: 1 });
    expect(layoutOf({ xs: fill(40, 'a') }, { xs: [5, true, ...fill(38, 'a')] })).toEqual({ kind: 'string', bits: 0 });
    expect(layoutOf({ xs: fill(40, 1) }, 7, null, { ys: 1 }, { xs: 'abc' }, { xs: { 0: 900 } })).toEqual({ kind: 'int', lo: 0, bits: 1 });
    // A record's keys are read only when they are its own.
    const inherits = Object.create({ xs: fill(40, 900) }) as object;
    expect(layoutOf({ xs: fill(40, 1) }, inherits)).toEqual({ kind: 'int', lo: 0, bits: 1 });
    // A string state has its own `length`: not a record.
    const long = 'x'.repeat(5000);
    expect(minimalLayout(inferShape({ length: 0, pad: bools(32) })!, [{ length: 0, pad: bools(32) }, long]).classes).toEqual([{ kind: 'int', lo: 0, bits: 0 }]);
  });
});

describe('minimalLayout: the spare bits of the last word', () => {
  it('go to the classes one bit each, in turns, while they last', () => {
    // a: 0..5 (3 bits), b: one string (0 bits), c: 1 bool: 4 bits, 28 spare, 14 each.
    const s = { a: 5, b: 'x', c: true };
    expect(minimalLayout(inferShape(s)!, [s]).classes).toEqual([{ kind: 'int', lo: 0, bits: 17 }, { kind: 'string', bits: 14 }]);
  });

  it('a class takes a bit only when every leaf of it can: 2 leaves, 32 spare bits, 16 each', () => {
    const s = { xs: ['a', 'a'] };
    expect(minimalLayout(inferShape(s)!, [s]).classes).toEqual([{ kind: 'string', bits: 16 }]);
  });

  it('booleans count, in arrays and records: none spare when they fill the word', () => {
    const inArray = { a: 5, bs: bools(29) };
    expect(minimalLayout(inferShape(inArray)!, [inArray]).classes).toEqual([{ kind: 'int', lo: 0, bits: 3 }]);
    const inRecord = { a: 5, o: Object.fromEntries(bools(29).map((b, i) => [`k${i}`, b])) };
    expect(minimalLayout(inferShape(inRecord)!, [inRecord]).classes).toEqual([{ kind: 'int', lo: 0, bits: 3 }]);
  });

  it('a layout of no bits gets a whole word; spare bits in a second word too', () => {
    expect(minimalLayout(inferShape({ s: 'x' })!, [{ s: 'x' }]).classes).toEqual([{ kind: 'string', bits: 32 }]);
    // 40 bits (3 + 37 booleans): 24 spare in the second word.
    const s = { a: 5, bs: bools(37) };
    expect(minimalLayout(inferShape(s)!, [s]).classes).toEqual([{ kind: 'int', lo: 0, bits: 27 }]);
  });

  it('an integer class grown to 32 bits holds every 32-bit integer (lo = -2^31)', () => {
    const s = { a: 0 };
    const layout = minimalLayout(inferShape(s)!, [s]);
    expect(layout.classes).toEqual([{ kind: 'int', lo: INT32_MIN, bits: 32 }]);
    const codec = layoutCodec(layout);
    const buf = new Uint32Array(codec.words);
    for (const a of [-5, INT32_MIN, 2 ** 31 - 1]) {
      codec.encode({ a }, buf, 0);
      expect(codec.decode(buf, 0)).toEqual({ a });
    }
  });
});

describe('widenLayout: exact widths', () => {
  it('an integer above the range: half as wide again, or one bit more than the new range needs', () => {
    expect(widenLayout(forty({ kind: 'int', lo: 0, bits: 2 }), new ShapeMismatch('', 0, 4))!.classes).toEqual([{ kind: 'int', lo: 0, bits: 4 }]);
    expect(widenLayout(forty({ kind: 'int', lo: 5, bits: 0 }), new ShapeMismatch('', 0, 6))!.classes).toEqual([{ kind: 'int', lo: 5, bits: 2 }]);
    expect(widenLayout(forty({ kind: 'int', lo: 0, bits: 8 }), new ShapeMismatch('', 0, 256))!.classes).toEqual([{ kind: 'int', lo: 0, bits: 12 }]);
    expect(widenLayout(forty({ kind: 'int', lo: -2, bits: 3 }), new ShapeMismatch('', 0, 100))!.classes).toEqual([{ kind: 'int', lo: -2, bits: 8 }]);
  });

  it('an integer below the range: the room to spare goes below as well as above', () => {
    // 0..3 and -1: need 5, 4 bits; (16 - 5) / 2 = 5 more below.
    expect(widenLayout(forty({ kind: 'int', lo: 0, bits: 2 }), new ShapeMismatch('', 0, -1))!.classes).toEqual([{ kind: 'int', lo: -6, bits: 4 }]);
    // 0..2^20-1 and -1: 30 bits (20 + 10).
    expect(widenLayout(forty({ kind: 'int', lo: 0, bits: 20 }), new ShapeMismatch('', 0, -1))!.classes).toEqual([
      { kind: 'int', lo: -1 - Math.floor((2 ** 30 - (2 ** 20 + 1)) / 2), bits: 30 },
    ]);
    // 10..13 and -100: need 114, 8 bits; (256 - 114) / 2 = 71 more below.
    expect(widenLayout(forty({ kind: 'int', lo: 10, bits: 2 }), new ShapeMismatch('', 0, -100))!.classes).toEqual([{ kind: 'int', lo: -171, bits: 8 }]);
    // Beyond 31 bits: every 32-bit integer.
    expect(widenLayout(forty({ kind: 'int', lo: 0, bits: 30 }), new ShapeMismatch('', 0, -1))!.classes).toEqual([{ kind: 'int', lo: INT32_MIN, bits: 32 }]);
  });

  it('a value the class already holds, at either end, is no mismatch of its width', () => {
    const layout = forty({ kind: 'int', lo: -2, bits: 2 }); // -2..1
    for (const v of [-2, 1, 0]) expect(widenLayout(layout, new ShapeMismatch('', 0, v)), String(v)).toBeUndefined();
    expect(widenLayout(layout, new ShapeMismatch('', 0, 2))).toBeDefined();
    expect(widenLayout(layout, new ShapeMismatch('', 0, -3))).toBeDefined();
  });

  it('string ids: half as wide again, or one bit more than the id needs', () => {
    expect(widenLayout(forty({ kind: 'string', bits: 8 }, 'a'), new ShapeMismatch('', 0, 256))!.classes).toEqual([{ kind: 'string', bits: 12 }]);
    expect(widenLayout(forty({ kind: 'string', bits: 1 }, 'a'), new ShapeMismatch('', 0, 2))!.classes).toEqual([{ kind: 'string', bits: 3 }]);
    expect(widenLayout(forty({ kind: 'string', bits: 2 }, 'a'), new ShapeMismatch('', 0, 100))!.classes).toEqual([{ kind: 'string', bits: 8 }]);
    expect(widenLayout(forty({ kind: 'string', bits: 0 }, 'a'), new ShapeMismatch('', 0, 1))!.classes).toEqual([{ kind: 'string', bits: 2 }]);
    expect(widenLayout(forty({ kind: 'string', bits: 8 }, 'a'), new ShapeMismatch('', 0, 255))).toBeUndefined();
    expect(widenLayout(forty({ kind: 'string', bits: 8 }, 'a'), new ShapeMismatch('', 0, 0))).toBeUndefined();
  });

  it('string ids never grow past 32 bits, spare bits or not', () => {
    // 30 bits and 10 booleans; widened to 32 (not 45), 22 bits spare stay unused.
    const layout: Layout = { shape: inferShape({ s: 'a', bs: bools(10) })!, leafClass: [0], classes: [{ kind: 'string', bits: 30 }] };
    expect(widenLayout(layout, new ShapeMismatch('', 0, 2 ** 30))!.classes).toEqual([{ kind: 'string', bits: 32 }]);
  });

  it('no width helps: another shape, a field it does not have, a 32-bit class', () => {
    const layout = forty({ kind: 'int', lo: 0, bits: 2 });
    expect(widenLayout(layout, new ShapeMismatch('', -1, 9))).toBeUndefined();
    expect(widenLayout(layout, new ShapeMismatch('', 1, 9))).toBeUndefined();
    expect(widenLayout(forty({ kind: 'int', lo: INT32_MIN, bits: 32 }), new ShapeMismatch('', 0, 9))).toBeUndefined();
    expect(widenLayout(forty({ kind: 'string', bits: 32 }, 'a'), new ShapeMismatch('', 0, 9))).toBeUndefined();
  });

  it('a 32-bit class is never widened, even for a value beyond it (hand-made: its codec raises no width mismatch)', () => {
    expect(widenLayout(forty({ kind: 'int', lo: INT32_MIN, bits: 32 }), new ShapeMismatch('', 0, 2 ** 31))).toBeUndefined();
    expect(widenLayout(forty({ kind: 'string', bits: 32 }, 'a'), new ShapeMismatch('', 0, 2 ** 32))).toBeUndefined();
  });

  it('leaves the layout it widens unchanged, and widens only the class named', () => {
    const layout: Layout = {
      shape: inferShape({ xs: fill(40, 0), ys: fill(40, 0) })!,
      leafClass: [...fill(40, 0), ...fill(40, 1)],
      classes: [{ kind: 'int', lo: 0, bits: 2 }, { kind: 'int', lo: 0, bits: 3 }],
    };
    const wider = widenLayout(layout, new ShapeMismatch('', 1, 8))!;
    expect(wider.classes).toEqual([{ kind: 'int', lo: 0, bits: 2 }, { kind: 'int', lo: 0, bits: 5 }]);
    expect(layout.classes).toEqual([{ kind: 'int', lo: 0, bits: 2 }, { kind: 'int', lo: 0, bits: 3 }]);
    expect(wider.leafClass).toBe(layout.leafClass);
  });
});

describe('layoutCodec: words, offsets and straddling fields', () => {
  // b: bit 0; a: 32 bits from bit 1 (straddles words 0 and 1); t: bit 33; s: 20 bits from 34;
  // d: 30 bits from 54 (straddles words 1 and 2); e: a constant; z: a one-string class.
  type S = { b: number; a: number; t: boolean; s: string; d: number; e: number; z: string };
  const layout = (): Layout => ({
    shape: inferShape({ b: 0, a: 0, t: true, s: 'x', d: 0, e: 0, z: 'z' })!,
    leafClass: [0, 1, 2, 3, 4, 5],
    classes: [
      { kind: 'int', lo: 0, bits: 1 },
      { kind: 'int', lo: INT32_MIN, bits: 32 },
      { kind: 'string', bits: 20 },
      { kind: 'int', lo: -5, bits: 30 },
      { kind: 'int', lo: 9, bits: 0 },
      { kind: 'string', bits: 0 },
    ],
  });
  const states = (): S[] => {
    let seed = 11;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const ends: S[] = [
      { b: 1, a: 2 ** 31 - 1, t: true, s: 'p', d: 2 ** 30 - 6, e: 9, z: 'z' },
      { b: 0, a: INT32_MIN, t: false, s: 'q', d: -5, e: 9, z: 'z' },
      { b: 1, a: -1, t: true, s: 'p', d: -1, e: 9, z: 'z' },
      { b: 0, a: 0, t: false, s: 'r', d: 0, e: 9, z: 'z' },
    ];
    const random = Array.from({ length: 60 }, (): S => ({
      b: rand(2),
      a: (rand(2 ** 16) * 2 ** 16 + rand(2 ** 16)) | 0,
      t: rand(2) === 0,
      s: `s${rand(5)}`,
      d: rand(2 ** 30) - 5,
      e: 9,
      z: 'z',
    }));
    return [...ends, ...random];
  };

  it('three words; round trips at an offset, touching no word around', () => {
    const codec = layoutCodec(layout());
    expect(codec.words).toBe(3);
    const buf = new Uint32Array(codec.words + 5);
    for (const s of states()) {
      buf.fill(0xdeadbeef);
      codec.encode(s, buf, 2);
      expect([buf[0], buf[1], buf[5], buf[6], buf[7]]).toEqual(fill(5, 0xdeadbeef));
      expect(codec.decode(buf, 2)).toEqual(s);
      const at0 = new Uint32Array(codec.words);
      codec.encode(s, at0, 0);
      expect(Array.from(buf.subarray(2, 5))).toEqual(Array.from(at0));
    }
  });

  it('encodeFrom equals encode for every change of a parent, at offsets, straddling fields included', () => {
    const codec = layoutCodec(layout());
    const all = states();
    const pc = new Uint32Array(codec.words + 4);
    const out = new Uint32Array(codec.words + 6);
    const full = new Uint32Array(codec.words);
    for (let i = 0; i + 1 < all.length; i++) {
      const parent = all[i];
      const next = all[i + 1];
      for (const key of ['b', 'a', 't', 's', 'd'] as const) {
        const t = { ...parent, [key]: next[key] };
        pc.fill(0x12345678);
        codec.encode(parent, pc, 1);
        out.fill(0xdeadbeef);
        codec.encodeFrom(t, parent, pc, 1, out, 3);
        codec.encode(t, full, 0);
        expect(Array.from(out.subarray(3, 6)), key).toEqual(Array.from(full));
        expect([out[0], out[1], out[2], out[6], out[7], out[8]]).toEqual(fill(6, 0xdeadbeef));
        expect(codec.decode(out, 3)).toEqual(t);
      }
    }
  });

  it('a one-string class takes no bits and decodes its string', () => {
    const layout: Layout = { shape: inferShape({ s: 'a', n: 0 })!, leafClass: [0, 1], classes: [{ kind: 'string', bits: 0 }, { kind: 'int', lo: 0, bits: 3 }] };
    const codec = layoutCodec(layout);
    const buf = new Uint32Array(codec.words);
    codec.encode({ s: 'only', n: 5 }, buf, 0);
    expect(buf[0]).toBe(5);
    expect(codec.decode(buf, 0)).toEqual({ s: 'only', n: 5 });
    expect(mismatchOf(() => codec.encode({ s: 'second', n: 5 }, buf, 0))).toMatchObject({ field: 0, value: 1 });
  });

  it('a record must be a plain object: no class instance, array or primitive with the same keys', () => {
    const codec = layoutCodec({ shape: inferShape({ a: 0 })!, leafClass: [0], classes: [{ kind: 'int', lo: 0, bits: 3 }] });
    const buf = new Uint32Array(codec.words);
    class A {
      a = 1;
    }
    for (const s of [new A(), Object.assign([], { a: 1 }), null, 'a', 3]) expect(mismatchOf(() => codec.encode(s, buf, 0)).field).toBe(-1);
    // Without a prototype, or with an own `constructor` key, it is one.
    codec.encode(Object.assign(Object.create(null) as object, { a: 2 }), buf, 0);
    expect(codec.decode(buf, 0)).toEqual({ a: 2 });
    const own = layoutCodec({ shape: inferShape({ constructor: 0, a: 0 })!, leafClass: [0, 1], classes: [{ kind: 'int', lo: 0, bits: 3 }, { kind: 'int', lo: 0, bits: 3 }] });
    own.encode({ constructor: 4, a: 2 }, buf, 0);
    expect(own.decode(buf, 0)).toEqual({ constructor: 4, a: 2 });
  });
});

describe('compiledStateCheck', () => {
  type S = { n: number; s: string; b: boolean; xs: number[]; o: { m: number; t: string } };
  const base = (): S => ({ n: 1, s: 'a', b: true, xs: [1, 2], o: { m: 3, t: 'x' } });
  const shape = () => inferShape(base())!;

  it('untrusted: true for a state of the shape without -0, false for any other', () => {
    const fits = compiledStateCheck(shape());
    expect(fits(base(), undefined)).toBe(true);
    expect(fits({ ...base(), n: 1.5 }, undefined)).toBe(true); // a float is plain data, no -0
    const bad: unknown[] = [
      { ...base(), n: -0 },
      { ...base(), n: '1' },
      { ...base(), s: 5 },
      { ...base(), b: 1 },
      { ...base(), xs: [1, -0] },
      { ...base(), xs: [1, 2, 3] },
      { ...base(), xs: { 0: 1, 1: 2, length: 2 } },
      { ...base(), o: { m: -0, t: 'x' } },
      { ...base(), o: { t: 'x', m: 3 } },
      { ...base(), o: { m: 3 } },
      { ...base(), o: { m: 3, t: 'x', u: 1 } },
      { ...base(), o: null },
      { ...base(), o: [3, 'x'] },
      { ...base(), o: Object.assign(new (class O {})(), { m: 3, t: 'x' }) },
    ];
    for (const s of bad) expect(fits(s, undefined), JSON.stringify(s)).toBe(false);
    expect(fits({ ...base(), o: Object.assign(Object.create(null) as object, { m: 3, t: 'x' }) }, undefined)).toBe(true);
  });

  it('parts shared with the parent are not looked at again; a parent of another shape does no harm', () => {
    const fits = compiledStateCheck(shape());
    // The parent was checked already: what it shares by reference is skipped, even a -0 in it.
    const parent = { ...base(), xs: [-0, 2], o: { m: -0, t: 'x' } };
    expect(fits({ ...parent, n: 4 }, parent)).toBe(true);
    expect(fits({ ...parent, xs: [-0, 2] }, parent)).toBe(false);
    expect(fits({ ...parent, o: { m: -0, t: 'x' } }, parent)).toBe(false);
    expect(fits(base(), null)).toBe(true);
    expect(fits(base(), 7)).toBe(true);
  });

  it('trusted (a codec accepted the state): only its integers are looked at, for -0', () => {
    const fits = compiledStateCheck(shape(), true);
    expect(fits(base(), undefined)).toBe(true);
    for (const s of [{ ...base(), n: -0 }, { ...base(), xs: [1, -0] }, { ...base(), o: { m: -0, t: 'x' } }]) expect(fits(s, undefined)).toBe(false);
    // What is not an integer is not looked at: the codec checked it.
    expect(fits({ ...base(), s: 5, b: 1, o: { m: 3, t: 9 } }, undefined)).toBe(true);
    // Nor are array lengths or key lists (hand-built states a codec would have rejected).
    expect(fits({ ...base(), xs: [1, 2, 3] }, undefined)).toBe(true);
    expect(fits({ ...base(), o: { m: 3, t: 'x', u: 1 } }, undefined)).toBe(true);
    // Integers inside arrays and records beside other leaves.
    const mixed = compiledStateCheck(inferShape({ xs: [0, 'a'], o: { t: 'b', m: 0 } })!, true);
    expect(mixed({ xs: [0, 'a'], o: { t: 'b', m: 0 } }, undefined)).toBe(true);
    expect(mixed({ xs: [-0, 'a'], o: { t: 'b', m: 0 } }, undefined)).toBe(false);
    expect(mixed({ xs: [0, 'a'], o: { t: 'b', m: -0 } }, undefined)).toBe(false);
    const nested = compiledStateCheck(inferShape({ xs: [[0]] })!, true);
    expect(nested({ xs: [[-0]] }, undefined)).toBe(false);
    expect(nested({ xs: [[0]] }, undefined)).toBe(true);
  });
});
