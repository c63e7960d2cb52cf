/**
 * The state store's growth and its slot tags (issue 16): codes that share a home slot keep
 * distinct tags at every table size, and no state is lost or merged across growth (tags
 * switching from the slot hash to the tag hash included), in a pre-sized store, or at the
 * largest table.
 */
import { describe, expect, it } from 'vitest';
import { hashWords, MAX_LOG2_SLOTS, slotEntry, StateStore } from '../../engine/visited.js';

/** The inverse of an odd number modulo 2^32 (Newton's iteration). */
function inverse(a: number): number {
  let x = a;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x;
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
/** One murmur3 round (engine/visited.ts). */
const round = (h: number, w: number) => (Math.imul(rotl(h ^ Math.imul(rotl(Math.imul(w, C1), 15), C2), 13), 5) + 0xe6546b64) | 0;

/** The murmur3 state before its finaliser, for a finished hash `h`. */
function unfinish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, inverse(0xc2b2ae35));
  h ^= (h >>> 13) ^ (h >>> 26);
  h = Math.imul(h, inverse(0x85ebca6b));
  h ^= h >>> 16;
  return h | 0;
}

/** A two-word code whose first word is `w0` and whose slot hash (hashWords) is `h`. */
function codeWithHash(w0: number, h: number): Uint32Array {
  const h1 = round(0x9747b28c ^ 2, w0);
  const x = rotl(Math.imul((unfinish(h) - 0xe6546b64) | 0, inverse(5)), 19);
  const k = x ^ h1;
  const w1 = Math.imul(rotl(Math.imul(k, inverse(C2)), 17), inverse(C1));
  return Uint32Array.of(w0, w1);
}

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

describe('slot entries', () => {
  it('inverts the slot hash, so the codes below really share a home slot', () => {
    const next = rng(7);
    let wrong = 0;
    for (let i = 0; i < 1000; i++) {
      const h = next();
      if (hashWords(codeWithHash(next(), h), 0, 2) !== h) wrong++;
    }
    expect(wrong).toBe(0);
  });

  // A table of 2^k slots reads the low k bits of the slot hash. The old 8-bit tag was the
  // hash's top byte, which from 2^25 slots on shared bits with the index (codes with one home
  // slot had at most 128 tags at 2^25, 2 at 2^31). An entry keeps every bit the index does not
  // read, so codes with one home slot and equal entries have equal 32-bit hashes.
  for (const log2 of [4, 16, 24, 25, 26, 30, MAX_LOG2_SLOTS]) {
    it(`keeps the hash bits the index does not read, and the id, at 2^${log2} slots`, () => {
      const mask = 2 ** log2 - 1;
      const next = rng(log2);
      const low = next() & mask;
      const highs = new Set<number>();
      let wrong = 0;
      for (let i = 0; i < 4096; i++) {
        const h = (low + (next() & ~mask)) >>> 0;
        const code = codeWithHash(next(), h);
        const id = next() % Math.floor(2 ** log2 * 0.75);
        const e = slotEntry(hashWords(code, 0, 2), id, mask);
        if ((hashWords(code, 0, 2) & mask) !== low) wrong++; // one home slot
        if (e === 0 || (e & mask) !== id + 1 || ((e ^ h) & ~mask) !== 0) wrong++;
        highs.add((e & ~mask) >>> 0);
      }
      expect(wrong).toBe(0);
      // All the high bits tell codes with one home slot apart: 2^(32 - log2) values, as many as 4096 random draws of them give.
      const n = 2 ** (32 - log2);
      expect(highs.size).toBeGreaterThanOrEqual(0.95 * n * (1 - Math.exp(-4096 / n)));
    });
  }
});

/**
 * Inserts every code of `codes` (words each) and checks ids, duplicates, stored codes, parents
 * and lookups against a Map; returns the first disagreement, or '' (one expect, not millions).
 */
function disagreement(store: StateStore, codes: Uint32Array[], words: number): string {
  const seen = new Map<string, number>();
  const buf = new Uint32Array(words);
  for (let i = 0; i < codes.length; i++) {
    buf.set(codes[i]);
    const key = codes[i].join(',');
    const want = seen.has(key) ? -1 : seen.size;
    const id = store.insert(buf, 0, seen.size - 1, i % 70_000);
    if (id !== want) return `insert #${i} (${key}): id ${id}, expected ${want}`;
    if (want >= 0) seen.set(key, want);
  }
  if (store.count !== seen.size) return `count ${store.count}, expected ${seen.size}`;
  for (const [key, id] of seen) {
    buf.set(key.split(',').map(Number));
    if (store.find(buf, 0) !== id) return `find(${key}): ${store.find(buf, 0)}, expected ${id}`;
    for (let w = 0; w < words; w++) if (store.codes[id * words + w] !== buf[w]) return `code of ${id}`;
    if (store.parentOf(id) !== id - 1) return `parent of ${id}: ${store.parentOf(id)}`;
  }
  return '';
}

const checkAgainstMap = (store: StateStore, codes: Uint32Array[], words: number) => expect(disagreement(store, codes, words)).toBe('');

describe('state store growth', () => {
  it.each([true, false])('keeps every state findable across many growths, for 1, 2 and 3 words, zero codes included (growable buffers: %s)', (growable) => {
    for (const words of [1, 2, 3]) {
      const next = rng(11 * words);
      const codes: Uint32Array[] = [new Uint32Array(words), new Uint32Array(words).fill(0xffffffff)];
      // 80,000 draws from 60,000 values a word (the rest 0-2): duplicates throughout, the table doubling 12 times.
      for (let i = 0; i < 80_000; i++) codes.push(Uint32Array.from({ length: words }, (_, w) => (w === 0 ? next() % 60_000 : next() % 3)));
      codes.push(new Uint32Array(words));
      const store = new StateStore(words, 16, { growable });
      checkAgainstMap(store, codes, words);
      const absent = new Uint32Array(words).fill(123_456_789);
      expect(store.find(absent, 0)).toBe(-1);
    }
  });

  it('keeps codes with one 32-bit slot hash apart (equal entries but for the id: only the codes differ)', () => {
    const next = rng(5);
    const h = next();
    const same = Array.from({ length: 3000 }, () => codeWithHash(next(), h));
    // Every one of them has the same home slot and the same high bits at every table size, so
    // each probe reaches the code comparison; duplicates come back as -1, and growth (16 slots
    // to 2^13) places them all again.
    const all = [...same, ...same.slice(0, 500), ...same.slice(2900)];
    for (const estimate of [16, 4000]) {
      const store = new StateStore(2, estimate);
      checkAgainstMap(store, all, 2);
      expect(store.count).toBe(new Set(all.map((c) => c.join(','))).size);
    }
  });

  it('keeps every state findable in a store sized from the start for them, and in one that outgrows an estimate', () => {
    const next = rng(17);
    const codes = Array.from({ length: 30_000 }, () => Uint32Array.of(next() % 20_000, next() % 2));
    const sized = new StateStore(2, 40_000);
    const log2 = sized.tableLog2;
    checkAgainstMap(sized, codes, 2);
    expect(sized.tableLog2).toBe(log2);
    const small = new StateStore(2, 1000);
    checkAgainstMap(small, codes, 2);
    expect(small.tableLog2).toBeGreaterThan(11);
  });

  it('grows its arrays in place once large (no copy), keeping parents and action indices', () => {
    const store = new StateStore(2);
    const buf = new Uint32Array(2);
    let i = 0;
    let wrong = 0;
    const add = (n: number) => {
      for (const end = i + n; i < end; i++) {
        buf[0] = i;
        buf[1] = ~i;
        if (store.insert(buf, 0, i - 1, i & 0xffff) !== i) wrong++;
      }
    };
    add(100_000);
    const codes = store.codes;
    const parents = store.parents;
    add(300_000);
    expect(wrong).toBe(0);
    expect(store.codes).toBe(codes);
    expect(store.parents).toBe(parents);
    // Wide action indices (a state with 65,536 enabled actions or more) once the arrays are large.
    buf[0] = -1;
    buf[1] = 7;
    const wide = store.insert(buf, 0, 5, 70_000);
    expect(store.actionIndex[wide]).toBe(70_000);
    for (const id of [0, 1, 65_535, 65_536, 99_999, 250_000, 399_999]) {
      buf[0] = id;
      buf[1] = ~id;
      expect(store.find(buf, 0)).toBe(id);
      expect(store.parentOf(id)).toBe(id - 1);
      expect(store.actionIndex[id]).toBe(id & 0xffff);
    }
  });

  it('sized from an estimate: the same ids as a store that grows, and no growth up to the estimate', () => {
    const next = rng(9);
    const codes = Array.from({ length: 60_000 }, () => Uint32Array.of(next() % 50_000, 1));
    const grows = new StateStore(2);
    checkAgainstMap(grows, codes, 2);
    const sized = new StateStore(2, 50_000);
    const before = sized.structBytes();
    checkAgainstMap(sized, codes, 2);
    expect(sized.count).toBe(grows.count);
    expect(sized.structBytes()).toBe(before);
    for (let id = 0; id < grows.count; id += 997) expect(Array.from(sized.codes.subarray(id * 2, id * 2 + 2))).toEqual(Array.from(grows.codes.subarray(id * 2, id * 2 + 2)));
    // Estimates too small, absent or meaningless still give a correct store.
    for (const estimate of [1, 0, Number.NaN, Number.POSITIVE_INFINITY]) checkAgainstMap(new StateStore(2, estimate), codes.slice(0, 5000), 2);
  });

  it('rebuilds its table in sorted chunks: every state findable across chunk boundaries, past 2^16 slots, and with probes wrapping past the last slot', () => {
    const next = rng(17);
    // 120,000 draws from 200,000 codes: the table ends past 2^16 slots, where the sort reads
    // only the slot's top 16 bits; chunks of 1, 7 and 5,000 states cut every rebuild.
    const codes = Array.from({ length: 120_000 }, () => Uint32Array.of(next() % 100_000, next() % 2));
    const whole = new StateStore(2);
    checkAgainstMap(whole, codes, 2);
    expect(whole.tableLog2).toBeGreaterThan(16);
    for (const rehashChunk of [1, 7, 5000]) {
      const chunked = new StateStore(2, 16, { rehashChunk });
      checkAgainstMap(chunked, codes, 2);
      expect(chunked.tableLog2).toBe(whole.tableLog2);
      // The same ids (insertion order), whatever slots the rebuilds gave them.
      for (let id = 0; id < whole.count; id += 101) expect(chunked.find(whole.codes, id * 2)).toBe(id);
    }
    // Homes in the table's last slots at every size up to 2^16 (the hash's low 16 bits all
    // set but for a few): each rebuild places a cluster that wraps around to slot 0.
    const wrapping = Array.from({ length: 3000 }, (_, i) => codeWithHash(i, (next() & ~0xffff) | 0xfff0 | (i & 0xf)));
    const wrapped = new StateStore(2, 16, { rehashChunk: 64 });
    checkAgainstMap(wrapped, wrapping, 2);
    expect(wrapped.find(Uint32Array.of(3000, 0), 0)).toBe(-1);
    expect(() => new StateStore(2, 16, { rehashChunk: 0 })).toThrow(/^rehashChunk must be a positive integer, got 0$/);
    expect(() => new StateStore(2, 16, { rehashChunk: 2.5 })).toThrow(/^rehashChunk must be a positive integer, got 2.5$/);
  });

  it('fails in one line when its largest table is full, with every state still findable', () => {
    const store = new StateStore(2, 16, { maxLog2Slots: 6 });
    expect(store.capacityLimit).toBe(48);
    const buf = new Uint32Array(2);
    for (let i = 0; i < 48; i++) {
      buf[0] = i;
      expect(store.insert(buf, 0, -1, 0)).toBe(i);
    }
    buf[0] = 48;
    expect(() => store.insert(buf, 0, -1, 0)).toThrow(/^the state store is full: 48 states fill its largest table \(2\^6 slots\)$/);
    expect(store.count).toBe(48);
    for (let i = 0; i < 48; i++) {
      buf[0] = i;
      expect(store.insert(buf, 0, -1, 0)).toBe(-1);
      expect(store.find(buf, 0)).toBe(i);
    }
    buf[0] = 48;
    expect(store.find(buf, 0)).toBe(-1);
    expect(() => new StateStore(2, 16, { maxLog2Slots: 32 })).toThrow(/maxLog2Slots/);
  });

  it('rebuilds a grown store from its arrays (a checkpoint) with the same ids', () => {
    const store = new StateStore(3);
    const next = rng(13);
    const codes = Array.from({ length: 80_000 }, () => Uint32Array.of(next() % 70_000, 0, 9));
    checkAgainstMap(store, codes, 3);
    const copy = StateStore.fromArrays(3, store.count, store.codes, store.parents, store.actionIndex);
    expect(copy.count).toBe(store.count);
    const buf = new Uint32Array(3);
    for (let id = 0; id < store.count; id += 101) {
      buf.set(store.codes.subarray(id * 3, id * 3 + 3));
      expect(copy.find(buf, 0)).toBe(id);
      expect(copy.parentOf(id)).toBe(store.parentOf(id));
      expect(copy.actionIndex[id]).toBe(store.actionIndex[id]);
    }
    buf.set([1, 2, 3]);
    expect(copy.insert(buf, 0, 0, 0)).toBe(store.count);
  });
});
