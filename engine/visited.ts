/**
 * The exhaustive explorer's state store: every distinct state's code, parent and the index
 * of the action that reached it, in BFS order, plus an open-addressing table of ids.
 *
 * Codes are `words` 32-bit words: an exact schema code, or a 64-bit fingerprint. The table
 * holds only ids (4 B a slot) and compares against `codes`, so a state costs
 * `4 * words + 4 + 2` bytes plus its share of the table (as in the feasibility study's
 * "id table": no key duplicated in the table).
 */

const NO_PARENT = 0xffffffff;
/** The table doubles once it is this full; linear probing stays short below 0.75. */
const MAX_LOAD = 0.75;

/** One murmur3 round: mixes word `k` into `h`. */
function round(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  return (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
}

/** murmur3's finaliser, as an unsigned 32-bit hash. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes a code's words into a 32-bit slot hash (murmur3); two words, the common size, unrolled. */
export function hashWords(buf: Uint32Array, off: number, words: number): number {
  if (words === 2) return finish(round(round(0x9747b28c ^ 2, buf[off]), buf[off + 1]));
  let h = 0x9747b28c ^ words;
  for (let i = 0; i < words; i++) h = round(h, buf[off + i]);
  return finish(h);
}

export class StateStore {
  readonly words: number;
  /** Number of states stored; ids are 0..count-1 in insertion (BFS) order. */
  count = 0;
  codes: Uint32Array;
  parents: Uint32Array;
  /**
   * Two bytes a state while every action index (and initial-state index) fits; widened to
   * four, once, when one does not (a state with 65,536 or more enabled actions).
   */
  actionIndex: Uint16Array | Uint32Array;
  private table: Int32Array;
  /**
   * Eight bits of each slot's hash, 0 for an empty slot. A probe reads this dense array
   * first: an empty or mismatching slot costs no read of `table` or `codes` (cache misses).
   */
  private tags: Uint8Array;
  private mask: number;

  constructor(words: number, initialCapacity = 1 << 12) {
    if (!Number.isInteger(words) || words < 1) throw new Error(`code words must be a positive integer, got ${words}`);
    this.words = words;
    const cap = Math.max(16, initialCapacity);
    this.codes = new Uint32Array(cap * words);
    this.parents = new Uint32Array(cap);
    this.actionIndex = new Uint16Array(cap);
    let slots = 16;
    while (slots * MAX_LOAD < cap) slots *= 2;
    this.table = new Int32Array(slots);
    this.tags = new Uint8Array(slots);
    this.mask = slots - 1;
  }

  /**
   * Stores the code at `buf[off..]` if it is new and returns its id; returns -1 if it was
   * already stored. `parent` is the id it was reached from (or -1 for an initial state),
   * `action` the index of the action in the parent's action list (or the initial state's index).
   */
  insert(buf: Uint32Array, off: number, parent: number, action: number): number {
    const words = this.words;
    const codes = this.codes;
    const table = this.table;
    const tags = this.tags;
    const mask = this.mask;
    const h = hashWords(buf, off, words);
    const tag = h >>> 24 || 1;
    let slot = h & mask;
    for (;;) {
      const t = tags[slot];
      if (t === 0) break;
      if (t !== tag) {
        slot = (slot + 1) & mask;
        continue;
      }
      const base = table[slot] * words;
      let same = true;
      for (let i = 0; i < words; i++) {
        if (codes[base + i] !== buf[off + i]) {
          same = false;
          break;
        }
      }
      if (same) return -1;
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    if (id >= this.parents.length) {
      this.growArrays();
      return this.insert(buf, off, parent, action);
    }
    const dst = id * words;
    for (let i = 0; i < words; i++) this.codes[dst + i] = buf[off + i];
    this.parents[id] = parent < 0 ? NO_PARENT : parent;
    if (action > 0xffff) this.widenActions(action);
    this.actionIndex[id] = action;
    table[slot] = id;
    tags[slot] = tag;
    this.count = id + 1;
    if (this.count > (mask + 1) * MAX_LOAD) this.growTable();
    return id;
  }

  /**
   * A store holding `count` states given as arrays (a checkpoint's): the same ids, parents and
   * action indices, and a table rebuilt from the codes.
   */
  static fromArrays(words: number, count: number, codes: Uint32Array, parents: Uint32Array, actions: Uint16Array | Uint32Array): StateStore {
    if (codes.length < count * words || parents.length < count || actions.length < count) throw new RangeError('store arrays are shorter than the state count');
    const store = new StateStore(words, Math.max(16, Math.ceil(count * 1.5)));
    store.codes.set(codes.subarray(0, count * words));
    store.parents.set(parents.subarray(0, count));
    if (actions instanceof Uint32Array) store.actionIndex = new Uint32Array(store.parents.length);
    store.actionIndex.set(actions.subarray(0, count));
    store.count = count;
    while (count > (store.mask + 1) * MAX_LOAD) store.mask = store.mask * 2 + 1;
    store.rebuildTable(store.mask + 1);
    return store;
  }

  /** The id of a stored code, or -1. */
  find(buf: Uint32Array, off: number): number {
    const words = this.words;
    const h = hashWords(buf, off, words);
    const tag = h >>> 24 || 1;
    let slot = h & this.mask;
    for (;;) {
      const t = this.tags[slot];
      if (t === 0) return -1;
      if (t !== tag) {
        slot = (slot + 1) & this.mask;
        continue;
      }
      const id = this.table[slot];
      const base = id * words;
      let same = true;
      for (let i = 0; i < words; i++) {
        if (this.codes[base + i] !== buf[off + i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The parent id of `id`, or -1 for an initial state. */
  parentOf(id: number): number {
    const p = this.parents[id];
    return p === NO_PARENT ? -1 : p;
  }

  /** Bytes allocated for codes, links and the table: the explorer's structures per state. */
  structBytes(): number {
    return this.codes.byteLength + this.parents.byteLength + this.actionIndex.byteLength + this.table.byteLength + this.tags.byteLength;
  }

  /** Grows by 1.5x rather than 2x: the slack is counted in bytes per state. */
  private growArrays(): void {
    const cap = Math.ceil(this.parents.length * 1.5) + 16;
    const codes = new Uint32Array(cap * this.words);
    codes.set(this.codes);
    this.codes = codes;
    const parents = new Uint32Array(cap);
    parents.set(this.parents);
    this.parents = parents;
    const actionIndex = this.actionIndex instanceof Uint16Array ? new Uint16Array(cap) : new Uint32Array(cap);
    actionIndex.set(this.actionIndex);
    this.actionIndex = actionIndex;
  }

  private widenActions(action: number): void {
    if (!Number.isInteger(action) || action > 0xffffffff) throw new RangeError(`action index ${action} does not fit in 32 bits`);
    if (this.actionIndex instanceof Uint32Array) return;
    const wide = new Uint32Array(this.actionIndex.length);
    wide.set(this.actionIndex);
    this.actionIndex = wide;
  }

  private growTable(): void {
    this.rebuildTable((this.mask + 1) * 2);
  }

  private rebuildTable(slots: number): void {
    const table = new Int32Array(slots);
    const tags = new Uint8Array(slots);
    const mask = slots - 1;
    const words = this.words;
    for (let id = 0; id < this.count; id++) {
      const h = hashWords(this.codes, id * words, words);
      let slot = h & mask;
      while (tags[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id;
      tags[slot] = h >>> 24 || 1;
    }
    this.table = table;
    this.tags = tags;
    this.mask = mask;
  }
}
