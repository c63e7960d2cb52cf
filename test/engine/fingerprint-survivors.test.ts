// Mutation survivors of engine/fingerprint.ts (chunk engine-c, reports/mutation/engine-c-fingerprint.json):
// what a fingerprint tells apart and what it merges (-0 and 0 only), the primed memo (linear,
// then a map, grown past its first size, forgotten on the next prime), the nesting bound, and
// the collision estimate. Everything is built inside its `it` (Stryker's per-test coverage).
import { describe, expect, it } from 'vitest';
import { collisionProbability, fingerprint, Fingerprinter } from '../../engine/fingerprint.js';
import { MAX_DEPTH } from '../../engine/plain-data.js';

const fpOf = (f: Fingerprinter, s: unknown): string => {
  const out = new Uint32Array(2);
  f.fingerprint(s, out, 0);
  return `${out[0]}:${out[1]}`;
};
/** A fresh fingerprinter's words for `s` (no memo). */
const fresh = (s: unknown): string => fpOf(new Fingerprinter(), s);

/** A state of `n` records, each sharing nothing with the others. */
const records = (n: number, tag = 0): { rs: { id: number; tag: number; xs: number[] }[] } => ({
  rs: Array.from({ length: n }, (_, id) => ({ id, tag, xs: [id, tag] })),
});

describe('what a fingerprint tells apart', () => {
  it('different leaves, types, orders and shapes: all distinct; equal structures: equal', () => {
    const states: unknown[] = [
      0, 1, -1, 2, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 0.5, 1.5, -0.5, 1e300, Infinity, -Infinity, NaN,
      '', '0', '1', 'a', 'b', 'ab', 'ba', 'abc', 'abd', 'xbc', 'a'.repeat(100), 'a'.repeat(101),
      true, false, null, undefined,
      [], [0], [1], [0, 0], [0, 1], [1, 0], [[0]], [[]], [[], []], [null], [undefined], ['0'], [false],
      {}, { a: 0 }, { a: 1 }, { b: 0 }, { a: 0, b: 1 }, { b: 1, a: 0 }, { a: 1, b: 0 }, { a: { b: 0 } }, { a: [0] }, { ab: 0 }, { a: 'b' },
      { a: null }, { a: undefined }, { '': 0 },
    ];
    const prints = states.map(fresh);
    expect(new Set(prints).size).toBe(states.length);
    // The same structure built anew, by one fingerprinter or another: the same words.
    const again = new Fingerprinter();
    expect(states.map((s) => fpOf(again, structuredClone(s)))).toEqual(prints);
  });

  it('both words depend on the content: no word is a constant for records, arrays or floats', () => {
    const states: unknown[] = [
      ...Array.from({ length: 50 }, (_, i) => ({ i })),
      ...Array.from({ length: 50 }, (_, i) => [i, 'x']),
      ...Array.from({ length: 50 }, (_, i) => i + 0.5),
    ];
    const out = new Uint32Array(2);
    const f = new Fingerprinter();
    const words = [new Set<number>(), new Set<number>()];
    for (const s of states) {
      f.fingerprint(s, out, 0);
      words[0].add(out[0]);
      words[1].add(out[1]);
    }
    expect([words[0].size, words[1].size]).toEqual([states.length, states.length]);
  });

  it('strings of one length and ends that differ inside, or in the cache slot they share, stay apart', () => {
    const f = new Fingerprinter();
    const words = Array.from({ length: 2000 }, (_, i) => `k${i.toString(36).padStart(3, '0')}z`);
    const prints = words.map((w) => fpOf(f, { w }));
    expect(new Set(prints).size).toBe(words.length);
    // And again, now from the cache: the same words.
    expect(words.map((w) => fpOf(f, { w }))).toEqual(prints);
    expect(words.map((w) => fresh({ w }))).toEqual(prints);
  });

  it('-0 is 0 (and flagged); a float -0 and 0 too', () => {
    const f = new Fingerprinter();
    expect(fpOf(f, { a: -0, b: [1] })).toBe(fresh({ a: 0, b: [1] }));
    expect(f.negativeZero).toBe(true);
    expect(fpOf(f, { a: 0, b: [1] })).toBe(fresh({ a: 0, b: [1] }));
    expect(f.negativeZero).toBe(false);
    expect(fpOf(f, [1, [2, -0]])).toBe(fresh([1, [2, 0]]));
    expect(f.negativeZero).toBe(true);
    expect(fpOf(f, [0.5])).not.toBe(fresh([-0.5]));
    expect(f.negativeZero).toBe(false);
    // Only a zero is flagged: not a negative integer.
    fpOf(f, { a: -1, b: [-7, -(2 ** 31)] });
    expect(f.negativeZero).toBe(false);
  });

  it('fingerprint() writes two words at the offset and nothing else', () => {
    const out = new Uint32Array(6).fill(7);
    fingerprint({ a: 1 }, out, 2);
    expect([out[0], out[1], out[4], out[5]]).toEqual([7, 7, 7, 7]);
    expect(`${out[2]}:${out[3]}`).toBe(fresh({ a: 1 }));
  });
});

describe('the primed memo', () => {
  it.each([3, 20, 40, 200])('successors sharing the records of a primed state of %i records: the fresh words', (n) => {
    const f = new Fingerprinter();
    const parent = records(n);
    f.prime(parent);
    expect(fpOf(f, parent)).toBe(fresh(parent));
    for (let i = 0; i < n; i += Math.max(1, n >> 3)) {
      const rs = parent.rs.slice();
      rs[i] = { id: i, tag: 1, xs: [i, 1] };
      const t = { rs };
      expect(fpOf(f, t), `record ${i}`).toBe(fresh(t));
      expect(fpOf(f, t)).not.toBe(fresh(parent));
    }
    // A state sharing nothing: walked in full.
    expect(fpOf(f, records(n, 2))).toBe(fresh(records(n, 2)));
  });

  it('a primed state of 200 records (past the memo\'s first 64 slots): every node read back with its own lanes', () => {
    const f = new Fingerprinter();
    const parent = records(200);
    f.prime(parent);
    for (let i = 0; i < 200; i++) {
      // A new record that shares its array with the parent's: the array is read from the memo.
      const rs = parent.rs.slice();
      rs[i] = { ...parent.rs[i], tag: 1 };
      expect(fpOf(f, { rs }), `record ${i}`).toBe(fresh({ rs }));
    }
  });

  it('a new prime forgets the last one: a node of the old state is hashed again, not read from a stale slot', () => {
    for (const [first, second] of [[200, 3], [40, 20], [3, 200], [200, 100]]) {
      const f = new Fingerprinter();
      const old = records(first);
      f.prime(old);
      const now = records(second, 5);
      f.prime(now);
      // Old records beside new ones: each keyed as a fresh walk keys it.
      const mixed = { rs: [...now.rs.slice(0, 2), ...old.rs] };
      expect(fpOf(f, mixed), `${first} then ${second}`).toBe(fresh(mixed));
      expect(fpOf(f, old)).toBe(fresh(old));
      expect(fpOf(f, now)).toBe(fresh(now));
    }
  });

  it('priming does not change what a state fingerprints to; a failed prime leaves it usable', () => {
    const f = new Fingerprinter();
    const s = records(50);
    const before = fpOf(f, s);
    f.prime(s);
    expect(fpOf(f, s)).toBe(before);
    expect(() => f.prime({ a: () => 1 })).toThrow('a state holds a function at .a');
    const t = records(50, 3);
    expect(fpOf(f, t)).toBe(fresh(t));
    f.prime(t);
    expect(fpOf(f, { rs: [...t.rs, ...s.rs] })).toBe(fresh({ rs: [...t.rs, ...s.rs] }));
  });
});

describe('what the walk cannot see into', () => {
  it('a record without a prototype is plain data, keyed as the same record with one', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1, b: [2] });
    expect(fresh(bare)).toBe(fresh({ a: 1, b: [2] }));
  });

  it('an instance of a class, or a Map, anywhere in a state is refused in one line, not keyed by its fields', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const key = (s: unknown) => () => new Fingerprinter().fingerprint(s, new Uint32Array(2), 0);
    expect(key({ at: new Point(1) })).toThrow(/^a state holds a Point at \.at/);
    expect(key([1, new Map()])).toThrow(/^a state holds a Map at \[1\]/);
  });

  it('an error a state\'s own getter throws passes through as it is', () => {
    let calls = 0;
    const state = {
      get a(): number {
        calls++;
        if (calls === 1) throw new TypeError('the getter failed');
        return 1;
      },
    };
    expect(() => new Fingerprinter().fingerprint(state, new Uint32Array(2), 0)).toThrow(new TypeError('the getter failed'));
  });

  it('a part that is not plain data on the walk but is on a second look: still one line', () => {
    let calls = 0;
    const state = {
      get a(): unknown {
        calls++;
        return calls === 1 ? () => 1 : 1;
      },
    };
    expect(() => new Fingerprinter().fingerprint(state, new Uint32Array(2), 0)).toThrow(/^a state holds a value that is not plain data$/);
  });
});

describe('nesting', () => {
  const nest = (n: number): unknown => {
    let v: unknown = 0;
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };

  it(`${MAX_DEPTH} nested arrays hash; ${MAX_DEPTH + 1} are rejected, as plain data rejects them`, () => {
    const f = new Fingerprinter();
    const out = new Uint32Array(2);
    expect(() => f.fingerprint(nest(MAX_DEPTH), out, 0)).not.toThrow();
    expect(() => f.prime(nest(MAX_DEPTH))).not.toThrow();
    expect(() => f.fingerprint(nest(MAX_DEPTH + 1), out, 0)).toThrow(/^a state holds nesting deeper than 1000 levels/);
    expect(() => f.prime(nest(MAX_DEPTH + 1))).toThrow(/^a state holds nesting deeper than 1000 levels/);
    expect(fpOf(f, nest(MAX_DEPTH))).not.toBe(fpOf(f, nest(MAX_DEPTH - 1)));
  });
});

describe('collisionProbability', () => {
  it('is n^2 / 2^65, at most 1', () => {
    expect(collisionProbability(0)).toBe(0);
    expect(collisionProbability(2 ** 20)).toBe(2 ** -25);
    expect(collisionProbability(3)).toBe(9 / 2 ** 65);
    expect(collisionProbability(2 ** 32)).toBe(0.5);
    expect(collisionProbability(2 ** 33)).toBe(1);
    expect(collisionProbability(2 ** 40)).toBe(1);
  });
});
