/**
 * The state store at its edges, written against the mutants Stryker left alive in
 * engine/visited.ts (MUTATION.md, "engine-c: visited.ts"): argument checks, the table size an
 * estimate gives, the growth policy, the action index's width, a checkpoint's arrays, and the
 * table rebuilt after growth, which must not point at a state not yet stored.
 */
import { describe, expect, it } from 'vitest';
import { StateStore } from '../../engine/visited.js';

const code = (...words: number[]) => Uint32Array.from(words);
const resizable = (a: Uint32Array | Uint16Array) => (a.buffer as unknown as { resizable: boolean }).resizable;

describe('StateStore arguments', () => {
  it('takes a positive integer number of code words, and says so otherwise', () => {
    for (const words of [0, -1, 1.5, Number.NaN]) expect(() => new StateStore(words)).toThrow(`code words must be a positive integer, got ${words}`);
    expect(new StateStore(1).words).toBe(1);
  });

  it('takes a largest table of 2^4 to 2^31 slots, and says so otherwise', () => {
    for (const maxLog2Slots of [3, 32, 4.5]) expect(() => new StateStore(1, 16, { maxLog2Slots })).toThrow(`maxLog2Slots must be an integer from 4 to 31, got ${maxLog2Slots}`);
    expect(new StateStore(1, 16, { maxLog2Slots: 4 }).capacityLimit).toBe(12);
    expect(new StateStore(1, 16, { maxLog2Slots: 31 }).capacityLimit).toBe(Math.floor(2 ** 31 * 0.75));
  });
});

describe('StateStore sizing', () => {
  it('sizes its table from the estimate: the smallest power of two that holds it three-quarters full', () => {
    expect(new StateStore(1, 1).tableLog2).toBe(5); // at least 16 states: 2^5 * 0.75 = 24
    expect(new StateStore(1, 24).tableLog2).toBe(5);
    expect(new StateStore(1, 25).tableLog2).toBe(6);
    // An estimate past the largest table is cut to it.
    expect(new StateStore(1, 1000, { maxLog2Slots: 5 }).tableLog2).toBe(5);
  });

  it('counts its structures exactly: codes, parents, action indices and the table', () => {
    // 16 states of 1 word: 64 + 64 + 32 bytes, and a table of 2^5 four-byte slots.
    expect(new StateStore(1, 16).structBytes()).toBe(64 + 64 + 32 + 128);
    expect(new StateStore(3, 16).structBytes()).toBe(192 + 64 + 32 + 128);
  });

  it('puts every array on a growable buffer: room for 2^16 elements while smaller, 4 GiB from 2^16 on', () => {
    // One kind of typed array for the hot loops' loads (a move from plain to growable midway deoptimized them).
    const reserved = (a: Uint32Array | Uint16Array) => (a.buffer as unknown as { maxByteLength: number }).maxByteLength;
    const small = new StateStore(1, (1 << 16) - 1);
    expect([resizable(small.codes), resizable(small.parents), resizable(small.actionIndex)]).toEqual([true, true, true]);
    expect([reserved(small.codes), reserved(small.parents), reserved(small.actionIndex)]).toEqual([4 << 16, 4 << 16, 2 << 16]);
    const large = new StateStore(1, 1 << 16);
    expect([resizable(large.codes), resizable(large.parents), resizable(large.actionIndex)]).toEqual([true, true, true]);
    expect([reserved(large.codes), reserved(large.parents), reserved(large.actionIndex)]).toEqual([2 ** 32, 2 ** 32, 2 ** 32]);
    // A small array grown past its reservation moves, once, to the 4 GiB one, keeping what it held.
    const codes = small.codes;
    for (let i = 0; i < 1 << 16; i++) small.insert(code(i + 1), 0, -1, 0);
    expect(small.codes).not.toBe(codes);
    expect(reserved(small.codes)).toBe(2 ** 32);
    expect(small.find(code(1), 0)).toBe(0);
    expect(small.find(code(1 << 16), 0)).toBe((1 << 16) - 1);
  });

  it('grows its arrays in place by an eighth plus 1024', () => {
    const small = new StateStore(1, 16);
    const codes = small.codes;
    for (let i = 0; i < 17; i++) small.insert(code(i + 1), 0, -1, 0);
    expect(small.parents.length).toBe(16 + 2 + 1024);
    expect(small.codes).toBe(codes);
    const cap = 1 << 16;
    const large = new StateStore(1, cap);
    for (let i = 0; i <= cap; i++) large.insert(code(i + 1), 0, -1, 0);
    expect(large.parents.length).toBe(cap + cap / 8 + 1024);
    expect(large.codes.length).toBe(cap + cap / 8 + 1024);
  });

  it('without growable buffers (no address space to reserve): plain arrays, grown by copying by half again plus 16', () => {
    const store = new StateStore(2, 16, { growable: false });
    expect([resizable(store.codes), resizable(store.parents), resizable(store.actionIndex)]).toEqual([false, false, false]);
    const codes = store.codes;
    for (let i = 0; i < 17; i++) store.insert(code(i + 1, i), 0, i - 1, i);
    expect(store.parents.length).toBe(16 * 1.5 + 16);
    expect(store.codes).not.toBe(codes);
    expect(resizable(store.codes)).toBe(false);
    store.insert(code(99, 99), 0, 3, 70_000);
    expect([store.actionIndex instanceof Uint32Array, resizable(store.actionIndex), store.actionIndex[17]]).toEqual([true, false, 70_000]);
    for (let i = 0; i < 17; i++) expect([store.find(code(i + 1, i), 0), store.parentOf(i), store.actionIndex[i]]).toEqual([i, i - 1, i]);
  });
});

describe('StateStore action indices', () => {
  it('keeps two bytes a state up to index 65,535 and widens to four from 65,536', () => {
    const store = new StateStore(1);
    store.insert(code(1), 0, -1, 0xffff);
    expect(store.actionIndex).toBeInstanceOf(Uint16Array);
    expect(store.actionIndex[0]).toBe(0xffff);
    store.insert(code(2), 0, 0, 0x10000);
    expect(store.actionIndex).toBeInstanceOf(Uint32Array);
    expect([store.actionIndex[0], store.actionIndex[1]]).toEqual([0xffff, 0x10000]);
    store.insert(code(3), 0, 1, 0xffffffff);
    expect(store.actionIndex[2]).toBe(0xffffffff);
    expect([store.parentOf(0), store.parentOf(1), store.parentOf(2)]).toEqual([-1, 0, 1]);
  });

  it('refuses an index that is not an integer or needs more than 32 bits', () => {
    const store = new StateStore(1);
    expect(() => store.insert(code(1), 0, -1, 2 ** 32)).toThrow('action index 4294967296 does not fit in 32 bits');
    expect(() => new StateStore(1).insert(code(1), 0, -1, 70_000.5)).toThrow('action index 70000.5 does not fit in 32 bits');
  });
});

describe('StateStore.fromArrays (a checkpoint)', () => {
  const words = 2;
  const codes = code(1, 2, 3, 4, 5, 6);
  const parents = Uint32Array.from([0xffffffff, 0, 1]);

  it('refuses arrays shorter than the count, each of the three', () => {
    const msg = 'store arrays are shorter than the state count';
    expect(() => StateStore.fromArrays(words, 3, codes.subarray(0, 5), parents, new Uint16Array(3))).toThrow(msg);
    expect(() => StateStore.fromArrays(words, 3, codes, parents.subarray(0, 2), new Uint16Array(3))).toThrow(msg);
    expect(() => StateStore.fromArrays(words, 3, codes, parents, new Uint16Array(2))).toThrow(msg);
    // Exactly long enough is enough.
    const store = StateStore.fromArrays(words, 3, codes, parents, Uint16Array.from([0, 4, 7]));
    expect([store.find(code(5, 6), 0), store.parentOf(0), store.actionIndex[2]]).toEqual([2, -1, 7]);
  });

  it('refuses more states than the largest table holds, before allocating anything', () => {
    const most = Math.floor(2 ** 31 * 0.75);
    const huge = { length: 2 ** 32 } as unknown as Uint32Array;
    expect(() => StateStore.fromArrays(1, most + 1, huge, huge, huge)).toThrow(`the state store is full: ${most + 1} states are more than its largest table holds (${most})`);
  });

  it('keeps two-byte action indices two bytes, and four-byte ones four', () => {
    expect(StateStore.fromArrays(words, 3, codes, parents, Uint16Array.from([0, 1, 2])).actionIndex).toBeInstanceOf(Uint16Array);
    const wide = StateStore.fromArrays(words, 3, codes, parents, Uint32Array.from([0, 1, 70_000]));
    expect(wide.actionIndex).toBeInstanceOf(Uint32Array);
    expect(wide.actionIndex[2]).toBe(70_000);
  });
});

describe('StateStore table growth', () => {
  it('a table rebuilt on growth points only at stored states: the all-zero code inserted right after is new', () => {
    for (const words of [1, 2, 3]) {
      const store = new StateStore(words, 16);
      const grows = 24; // 2^5 slots, three-quarters full
      const buf = new Uint32Array(words);
      for (let i = 1; i <= grows; i++) {
        buf[0] = i;
        expect(store.insert(buf, 0, -1, 0)).toBe(i - 1);
      }
      expect(store.tableLog2).toBe(5);
      const zero = new Uint32Array(words);
      expect(store.insert(zero, 0, -1, 0)).toBe(grows);
      expect(store.tableLog2).toBe(7); // four-fold while small
      expect(store.find(zero, 0)).toBe(grows);
      expect(store.insert(zero, 0, -1, 0)).toBe(-1);
    }
  });

  it('grows four-fold up to 2^20 slots, then two-fold, and never past its largest table', () => {
    /** The table's size after the insert that first outgrows a store sized to 2^log2 slots. */
    const outgrown = (log2: number, maxLog2Slots = 31): number => {
      const full = Math.floor(2 ** log2 * 0.75);
      const store = new StateStore(1, full, { maxLog2Slots });
      expect(store.tableLog2).toBe(log2);
      const buf = new Uint32Array(1);
      for (let i = 0; i <= full; i++) {
        buf[0] = i;
        store.insert(buf, 0, -1, 0);
      }
      buf[0] = full;
      expect(store.find(buf, 0)).toBe(full);
      return store.tableLog2;
    };
    expect(outgrown(5)).toBe(7);
    expect(outgrown(18)).toBe(20);
    expect(outgrown(19)).toBe(20);
    expect(outgrown(20)).toBe(21);
    expect(outgrown(5, 6)).toBe(6);
  });

  it('asks the explorer to touch successors first from 2^21 slots on (8 MiB of table)', () => {
    expect(new StateStore(1, 0.75 * 2 ** 20).missesCache).toBe(false);
    // The storage-path tests' estimate of 2^20 states gives a table of 2^21 slots: touching, on every path.
    const big = new StateStore(1, 1 << 20);
    expect([big.tableLog2, big.missesCache]).toEqual([21, true]);
  });
});
