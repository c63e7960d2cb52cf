/**
 * The exhaustive explorer's state store: every distinct state's code, parent and the index
 * of the action that reached it, in BFS order, plus an open-addressing table of ids.
 *
 * Codes are `words` 32-bit words: an exact schema code, or a 64-bit fingerprint. The table
 * holds one 32-bit entry a slot and compares against `codes`, so a state costs
 * `4 * words + 4 + 2` bytes plus its share of the table (as in the feasibility study's
 * "id table": no key duplicated in the table).
 *
 * A table of 2^k slots reads the low k bits of a code's 32-bit slot hash as its home slot, and
 * holds ids below 2^k (it grows at MAX_LOAD of its slots). So an entry is `id + 1` in its
 * low k bits (0: an empty slot) and the slot hash's other 32 - k bits, the ones the index does
 * not read, above them: a probe reads one array, and a slot whose hash bits differ costs no
 * read of `codes` (a cache miss). Codes with one home slot and equal high bits have equal
 * slot hashes: only their codes tell them apart. (Issue 16: this replaced a separate array of
 * 8-bit tags, the hash's top byte, which from 2^25 slots on shared bits with the index.)
 *
 * Growth (issue 16): `codes`, `parents` and `actionIndex` sit on resizable ArrayBuffers that
 * grow in place (address space reserved, pages committed as they are written; 4 GiB once an
 * array is past 2^16 elements), so growing does not copy them; only the table is rebuilt when
 * it grows (QUAD_GROWTH_TO_LOG2). A caller that knows about how many states to expect passes
 * that to the constructor, and the arrays and the table are sized for them up front.
 */

const NO_PARENT = 0xffffffff;
/** The table grows once it is this full; linear probing stays short below 0.75. */
const MAX_LOAD = 0.75;
/** The capacity of a store given no estimate. */
const DEFAULT_CAPACITY = 1 << 12;
/**
 * The largest table: 2^31 slots. Slot arithmetic is on 32-bit integers (`h & mask` stays
 * non-negative up to here), so MAX_LOAD * 2^31 states is the store's limit.
 */
export const MAX_LOG2_SLOTS = 31;
/**
 * Every array sits on a resizable buffer, small ones too, so the hot loops' loads from `codes`
 * see one kind of typed array: a store whose arrays moved from plain to resizable buffers
 * midway left insert, touch and the explorer polymorphic, and deoptimized them once (issue 16,
 * eighth session: 5 % of compose-aws 2's warm time, 9 % of a cold run). An array of fewer
 * than this many elements reserves room for this many (256 KiB of Uint32: no cost worth
 * measuring for the many small stores, a recovery memo or a counterexample's line); a larger
 * one reserves 4 GiB, copied there once.
 */
const SMALL_RESERVE = 1 << 16;
/**
 * A table is rebuilt (growTable) a chunk of states at a time, each chunk placed in order of
 * home slot, sorted on the slot's top SORT_BITS bits; a chunk is a third of the old table,
 * which holds the sort's arrays. Measured on 12 M states into 2^24 slots: 0.5-0.7 s with
 * chunks of 2^20 to 2^22 states against 1.5-1.7 s in id order; chunks of 2^16 and 2^18 gained
 * only 10-25 % (too few states a page per sweep).
 */
const SORT_BITS = 16;
/**
 * From a table of 2^21 slots (8 MiB) on, the explorer touches a state's successors' slots
 * before inserting them (`touchBatch`). Measured warm (bench/compare-warm.mjs, eighth session): on
 * compose-aws 2 (a 2^19-slot table) touching cost 10 %; sqs-pool xlarge (2^22 at the end) it
 * gained 2 %, xxlarge (2^25) 7 %.
 */
const TOUCH_FROM_LOG2 = 21;
/**
 * A table grows four-fold up to 2^20 slots (4 MiB), then two-fold: a rebuild hashes every
 * stored code again, and the small tables' rebuilds were a tenth of a run of a few hundred
 * thousand states (compose-aws 2: 6, 12, 24, 49, 98 and 196 thousand states rehashed; now 6,
 * 24 and 98). Past 2^20 the doubling keeps the table's share of memory small.
 */
const QUAD_GROWTH_TO_LOG2 = 20;
/** The most a resizable ArrayBuffer may reserve on Node 20 (4 GiB). */
const MAX_RESERVE_BYTES = 2 ** 32;
/** The most elements a typed array may have on Node 20. */
const MAX_TYPED_LENGTH = 2 ** 32;

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

/**
 * The table entry of the state `id` whose slot hash is `h`, in a table whose index mask is
 * `mask`: the hash's bits above the index, and `id + 1` below them (never 0).
 */
export function slotEntry(h: number, id: number, mask: number): number {
  return (h & ~mask) | (id + 1);
}

/** What `resize` and `maxByteLength` give (ES2024; this project's lib is ES2023). */
interface Resizable {
  readonly resizable: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}

type Growable = Uint32Array | Uint16Array;

/**
 * `a` with exactly `length` elements (never fewer than it has): grown in place within its
 * buffer's reservation, else copied onto a resizable buffer reserving SMALL_RESERVE elements
 * or, past them, 4 GiB; onto a plain array past 4 GiB or where no address space is left to
 * reserve (`growable` false: as there).
 */
function sized<T extends Growable>(a: T, length: number, growable = true): T {
  if (length <= a.length) return a;
  const bytes = length * a.BYTES_PER_ELEMENT;
  const buf = a.buffer as unknown as Resizable;
  if (buf.resizable && bytes <= buf.maxByteLength) {
    buf.resize(bytes);
    return a;
  }
  const Kind = a.constructor as new (b: ArrayBuffer | number) => T;
  let next: T | undefined;
  if (growable && bytes <= MAX_RESERVE_BYTES) {
    const reserve = length < SMALL_RESERVE ? SMALL_RESERVE * a.BYTES_PER_ELEMENT : MAX_RESERVE_BYTES;
    try {
      next = new Kind(new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(bytes, { maxByteLength: reserve }));
    } catch {
      // No address space to reserve (a ulimit -v): plain arrays, grown by copying, as before.
    }
  }
  next ??= new Kind(length);
  next.set(a);
  return next;
}

export class StateStore {
  readonly words: number;
  /** Number of states stored; ids are 0..count-1 in insertion (BFS) order. */
  count = 0;
  /** `count * words` words of codes, then unused room (the arrays grow in place: SMALL_RESERVE). */
  codes: Uint32Array;
  parents: Uint32Array;
  /**
   * Two bytes a state while every action index (and initial-state index) fits; widened to
   * four, once, when one does not (a state with 65,536 or more enabled actions).
   */
  actionIndex: Uint16Array | Uint32Array;
  /** One entry a slot (`slotEntry`): the slot hash's bits above the index, or'ed with id + 1; 0 when empty. */
  private table: Int32Array;
  private mask: number;
  private log2Slots: number;
  /** The table grows before it would hold more than this many states (MAX_LOAD of its slots, so `id + 1` stays below 2^log2Slots). */
  private growAt: number;
  private readonly maxLog2Slots: number;
  /** The most states a table rebuild places per sorted chunk (a third of the old table; tests lower it). */
  private readonly rehashChunk: number;
  /** False: plain arrays, grown by copying (what a store gets where no address space is left to reserve; tests ask for it). */
  private readonly growable: boolean;
  /** A plain copy of one code, for hashing stored codes (the hash function sees plain arrays only). */
  private readonly one: Uint32Array;

  /**
   * `expectedStates`: about how many states the caller expects (the arrays and the table are
   * sized for them, so a good estimate means no growth at all). `limits.maxLog2Slots` lowers
   * the table's largest size: tests reach a full store without gigabytes; `limits.rehashChunk`
   * lowers the chunk a rebuild sorts, so tests cross chunk boundaries with few states;
   * `limits.growable` false keeps plain arrays (see `sized`).
   */
  constructor(words: number, expectedStates = DEFAULT_CAPACITY, limits: { readonly maxLog2Slots?: number; readonly rehashChunk?: number; readonly growable?: boolean } = {}) {
    if (!Number.isInteger(words) || words < 1) throw new Error(`code words must be a positive integer, got ${words}`);
    const maxLog2 = limits.maxLog2Slots ?? MAX_LOG2_SLOTS;
    if (!Number.isInteger(maxLog2) || maxLog2 < 4 || maxLog2 > MAX_LOG2_SLOTS) throw new RangeError(`maxLog2Slots must be an integer from 4 to ${MAX_LOG2_SLOTS}, got ${maxLog2}`);
    this.words = words;
    this.maxLog2Slots = maxLog2;
    const chunk = limits.rehashChunk ?? Infinity;
    if (chunk !== Infinity && !(Number.isInteger(chunk) && chunk >= 1)) throw new RangeError(`rehashChunk must be a positive integer, got ${chunk}`);
    this.rehashChunk = chunk;
    this.growable = limits.growable ?? true;
    this.one = new Uint32Array(words);
    const most = Math.floor(2 ** maxLog2 * MAX_LOAD);
    const cap = Math.min(most, Math.max(16, Number.isFinite(expectedStates) ? Math.ceil(expectedStates) : DEFAULT_CAPACITY));
    this.codes = sized(new Uint32Array(0), cap * words, this.growable);
    this.parents = sized(new Uint32Array(0), cap, this.growable);
    this.actionIndex = sized(new Uint16Array(0), cap, this.growable);
    let log2 = 4;
    while (2 ** log2 * MAX_LOAD < cap) log2++;
    this.log2Slots = log2;
    this.mask = 2 ** log2 - 1;
    this.growAt = Math.floor(2 ** log2 * MAX_LOAD);
    this.table = new Int32Array(2 ** log2);
  }

  /** The most states this store can hold: its largest table, MAX_LOAD full. */
  get capacityLimit(): number {
    return Math.floor(2 ** this.maxLog2Slots * MAX_LOAD);
  }

  /** The table's size, as a power of two (for tests and memory accounting). */
  get tableLog2(): number {
    return this.log2Slots;
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
    const mask = this.mask;
    const h = hashWords(buf, off, words);
    const high = h & ~mask;
    let slot = h & mask;
    for (;;) {
      const e = table[slot];
      if (e === 0) break;
      if ((e & ~mask) === high) {
        const base = ((e & mask) - 1) * words;
        let same = true;
        for (let i = 0; i < words; i++) {
          if (codes[base + i] !== buf[off + i]) {
            same = false;
            break;
          }
        }
        if (same) return -1;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    if (id >= this.growAt) {
      // Before storing: a store that cannot grow fails with every state it holds still findable.
      // Four times as many slots while small (fewer rebuilds, at most 4 MiB of table), else twice.
      const log2 = this.log2Slots;
      this.growTable(log2 + 2 <= QUAD_GROWTH_TO_LOG2 && log2 + 2 <= this.maxLog2Slots ? log2 + 2 : log2 + 1);
      return this.insert(buf, off, parent, action);
    }
    if (id >= this.parents.length) this.growArrays(id + 1);
    const dst = id * words;
    const into = this.codes;
    for (let i = 0; i < words; i++) into[dst + i] = buf[off + i];
    this.parents[id] = parent < 0 ? NO_PARENT : parent;
    if (action > 0xffff) this.widenActions(action);
    this.actionIndex[id] = action;
    table[slot] = high | (id + 1);
    this.count = id + 1;
    return id;
  }

  /**
   * A store holding the first `count` states of these arrays (a checkpoint's), with the same
   * ids, and room for half as many again before it grows.
   */
  static fromArrays(words: number, count: number, codes: Uint32Array, parents: Uint32Array, actions: Uint16Array | Uint32Array): StateStore {
    if (codes.length < count * words || parents.length < count || actions.length < count) throw new RangeError('store arrays are shorter than the state count');
    const most = Math.floor(2 ** MAX_LOG2_SLOTS * MAX_LOAD);
    if (count > most) throw new RangeError(`the state store is full: ${count} states are more than its largest table holds (${most})`);
    const store = new StateStore(words, Math.max(16, Math.ceil(count * 1.5)));
    store.codes.set(codes.subarray(0, count * words));
    store.parents.set(parents.subarray(0, count));
    if (actions instanceof Uint32Array) store.actionIndex = sized(new Uint32Array(0), store.parents.length, store.growable);
    store.actionIndex.set(actions.subarray(0, count));
    store.count = count;
    store.growTable(store.log2Slots);
    return store;
  }

  /**
   * Reads, and changes nothing: for each of the `n` codes at `buf[0..n * words)` but the one at
   * index `skip`, the table slot it hashes to and, when that entry's hash bits match, the first
   * word of the code it points to. A caller that touches a batch of codes before inserting them
   * (the successors of one state) lets the CPU overlap the batch's cache misses, which `insert`
   * would take one after another (issue 16: probes are memory-bound once the table outgrows the
   * cache). Only from TOUCH_FROM_LOG2 slots on; below, it would only hash every code twice. The
   * loop is here, not in the caller, so the hash is inlined into it (a per-code call from the
   * explorer was left out of line and cost 10 % at xxlarge). The reads go to `sink` so they are
   * not dropped.
   */
  touchBatch(buf: Uint32Array, n: number, skip: number): void {
    if (!this.missesCache) return;
    const words = this.words;
    const mask = this.mask;
    const table = this.table;
    const codes = this.codes;
    let sink = 0;
    for (let j = 0; j < n; j++) {
      if (j === skip) continue;
      const h = hashWords(buf, j * words, words);
      const e = table[h & mask];
      sink ^= e === 0 || (e & ~mask) !== (h & ~mask) ? e : codes[((e & mask) - 1) * words];
    }
    this.sink = sink;
  }

  /** Where `touchBatch` keeps what it read (written once a batch, never read). */
  sink = 0;

  /** Whether `touchBatch` reads (the table is past TOUCH_FROM_LOG2 slots, where probes miss the caches). */
  get missesCache(): boolean {
    return this.log2Slots >= TOUCH_FROM_LOG2;
  }

  /** The id of a stored code, or -1. */
  find(buf: Uint32Array, off: number): number {
    const words = this.words;
    const codes = this.codes;
    const table = this.table;
    const mask = this.mask;
    const h = hashWords(buf, off, words);
    const high = h & ~mask;
    let slot = h & mask;
    for (;;) {
      const e = table[slot];
      if (e === 0) return -1;
      if ((e & ~mask) === high) {
        const id = (e & mask) - 1;
        const base = id * words;
        let same = true;
        for (let i = 0; i < words; i++) {
          if (codes[base + i] !== buf[off + i]) {
            same = false;
            break;
          }
        }
        if (same) return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The parent id of `id`, or -1 for an initial state. */
  parentOf(id: number): number {
    const p = this.parents[id];
    return p === NO_PARENT ? -1 : p;
  }

  /** Bytes allocated for codes, links and the table: the explorer's structures per state. */
  structBytes(): number {
    return this.codes.byteLength + this.parents.byteLength + this.actionIndex.byteLength + this.table.byteLength;
  }

  /**
   * Room for at least `need` states; `parents.length` is the capacity every array has. Copied
   * arrays grow by 1.5x; in place, an eighth is enough (nothing is copied) and keeps the slack small.
   */
  private growArrays(need: number): void {
    const cap = this.parents.length;
    const inPlace = (this.parents.buffer as unknown as Resizable).resizable;
    // A typed array holds at most 2^32 elements: with 3 words or more, codes fill before the table.
    const most = Math.floor(MAX_TYPED_LENGTH / this.words);
    if (need > most) throw new RangeError(`the state store is full: ${this.count} states of ${this.words} words fill the largest code array (2^32 words)`);
    const next = Math.min(most, Math.max(need, inPlace ? cap + (cap >>> 3) + 1024 : Math.ceil(cap * 1.5) + 16));
    this.codes = sized(this.codes, next * this.words, this.growable);
    this.parents = sized(this.parents, next, this.growable);
    this.actionIndex = sized(this.actionIndex, next, this.growable);
  }

  private widenActions(action: number): void {
    if (!Number.isInteger(action) || action > 0xffffffff) throw new RangeError(`action index ${action} does not fit in 32 bits`);
    if (this.actionIndex instanceof Uint32Array) return;
    const wide = sized(new Uint32Array(0), this.actionIndex.length, this.growable);
    wide.set(this.actionIndex);
    this.actionIndex = wide;
  }

  /**
   * A table of 2^log2 slots holding ids 0..count-1, each placed from its slot hash (hashed again
   * from its code, in id order: the entries keep only the hash's high bits).
   */
  private growTable(log2: number): void {
    if (log2 > this.maxLog2Slots) throw new RangeError(`the state store is full: ${this.count} states fill its largest table (2^${this.maxLog2Slots} slots)`);
    const slots = 2 ** log2;
    const table = new Int32Array(slots);
    const mask = slots - 1;
    const words = this.words;
    const codes = this.codes;
    const one = this.one;
    const count = this.count;
    // A chunk of states at a time, placed in order of their home slots (a counting sort on
    // the slot's top bits): the writes then sweep the table from low to high addresses instead
    // of jumping across it, so a rebuild of a table larger than the caches is not one miss,
    // TLB miss included, a state. Which slot a state lands in may differ from placing in id
    // order; `find` and `insert` probe from the home slot either way. The sort's scratch is
    // the old table, no longer read (the hashes come from the codes): no memory beyond it.
    const shift = Math.max(0, log2 - SORT_BITS);
    const buckets = slots >>> shift;
    const start = new Int32Array(buckets + 1);
    const old = this.table;
    const chunk = Math.max(1, Math.min(this.rehashChunk, Math.floor(old.length / 3)));
    const hs = old.subarray(0, chunk);
    const sortedH = old.subarray(chunk, 2 * chunk);
    const sortedId = old.subarray(2 * chunk, 3 * chunk);
    for (let from = 0; from < count; from += chunk) {
      const n = Math.min(chunk, count - from);
      start.fill(0);
      for (let k = 0; k < n; k++) {
        const base = (from + k) * words;
        for (let i = 0; i < words; i++) one[i] = codes[base + i];
        const h = hashWords(one, 0, words);
        hs[k] = h;
        start[((h & mask) >>> shift) + 1]++;
      }
      for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
      for (let k = 0; k < n; k++) {
        const h = hs[k];
        const at = start[(h & mask) >>> shift]++;
        sortedH[at] = h;
        sortedId[at] = from + k;
      }
      for (let k = 0; k < n; k++) {
        const h = sortedH[k];
        let slot = h & mask;
        while (table[slot] !== 0) slot = (slot + 1) & mask;
        table[slot] = (h & ~mask) | (sortedId[k] + 1);
      }
    }
    this.table = table;
    this.mask = mask;
    this.log2Slots = log2;
    this.growAt = Math.floor(slots * MAX_LOAD);
  }
}
