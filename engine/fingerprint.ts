/**
 * 64-bit structural fingerprints of plain-data states, for models without a codec.
 *
 * Hashing is Merkle-style: every object or array node gets two 32-bit lanes computed from
 * its children's lanes, so a node's lanes can stand in for its subtree. Before a state is
 * expanded, `prime(s)` records the lanes of every node of s; its successors share most of
 * those nodes by reference (a reducer replaces one record and keeps the rest), and a
 * reference compare then replaces the walk of that subtree. States are immutable (the
 * checked mode enforces it in tests), so a node's lanes never change.
 *
 * The walk covers numbers, strings, booleans, null and undefined, arrays and plain objects
 * in insertion order (sorting keys measured 2.6x slower; the cost is that one record built
 * with two key orders counts twice — an over-count, never a missed state). `-0` hashes as
 * `0` (one state, as to every codec). What it cannot see into faithfully is rejected with an
 * `UnplainState` naming where it is, never merged: functions, symbols, bigints, Map, Set,
 * Date and class instances, and nesting deeper than MAX_DEPTH (a cycle), counted on the way
 * down so a cycle never overflows the stack.
 */
import { MAX_DEPTH, unplainPart } from './plain-data.js';
import { UnplainState } from './model-error.js';

/** Thrown inside a walk; the entry points name the part (a slow path, taken once). */
const BAD = new Error('not plain data');

/** The walk stopped at a value it cannot hash: report where it is in `state`. */
function unplain(e: unknown, state: unknown): unknown {
  return e === BAD ? new UnplainState(unplainPart(state) ?? 'a value that is not plain data') : e;
}

/**
 * Strings in states are few and repeated (enum values, keys): a direct-mapped cache keyed by
 * (length, first char, last char) turns the per-character hash into one `===` on an
 * internalised string, which measured faster than a Map lookup.
 */
const CACHE_SLOTS = 1024;
const cacheKey: string[] = new Array<string>(CACHE_SLOTS).fill('\u0000nothing');
const cacheA = new Int32Array(CACHE_SLOTS);
const cacheB = new Int32Array(CACHE_SLOTS);

/** Result lanes of the last `node` call (two globals instead of an allocated pair). */
let ra = 0;
let rb = 0;

function stringLanes(v: string): void {
  const n = v.length;
  const slot = n === 0 ? 0 : (Math.imul(n, 31) + Math.imul(v.charCodeAt(0), 7) + v.charCodeAt(n - 1)) & (CACHE_SLOTS - 1);
  if (cacheKey[slot] === v) {
    ra = cacheA[slot];
    rb = cacheB[slot];
    return;
  }
  let a = 0x811c9dc5 ^ n;
  let b = 0x6c62272e ^ Math.imul(n, 0x9e3779b1);
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul((b << 5) | (b >>> 27), 0x85ebca6b) ^ c;
  }
  cacheKey[slot] = v;
  ra = cacheA[slot] = fmix(a ^ 0x3c6ef372);
  rb = cacheB[slot] = fmix(b ^ 0xa54ff53a);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Lane A's step: combine the accumulator with a child's lane. */
function stepA(acc: number, x: number): number {
  acc ^= x;
  return Math.imul((acc << 13) | (acc >>> 19), 0x9e3779b1) + 0x7f4a7c15;
}
/** Lane B's step, a different mixing so the lanes are independent. */
function stepB(acc: number, x: number): number {
  acc = (acc + Math.imul(x, 0x85ebca6b)) | 0;
  return Math.imul((acc << 17) | (acc >>> 15), 0xc2b2ae35) ^ 0x5bd1e995;
}

const f64 = new Float64Array(1);
const f64words = new Int32Array(f64.buffer);

const LINEAR_MEMO = 32;

export class Fingerprinter {
  private memoObj: object[] = [];
  private memoA = new Int32Array(64);
  private memoB = new Int32Array(64);
  private memoN = 0;
  private memoMap: Map<object, number> | undefined;
  private recording = false;
  /** Whether the last `fingerprint` walk met a -0 (hashed as 0; the explorer then reads it as 0). */
  negativeZero = false;

  /** Records the lanes of every node of `s`, so successors sharing them hash by lookup. */
  prime(s: unknown): void {
    this.memoN = 0;
    this.memoMap = undefined;
    this.recording = true;
    try {
      this.node(s, 0);
    } catch (e) {
      throw unplain(e, s);
    } finally {
      this.recording = false;
    }
    if (this.memoN > LINEAR_MEMO) {
      this.memoMap = new Map();
      for (let i = 0; i < this.memoN; i++) this.memoMap.set(this.memoObj[i], i);
    }
    // Drop references beyond the live part so old states can be collected.
    this.memoObj.length = this.memoN;
  }

  /** Writes the 64-bit fingerprint of `state` as two words at `out[off]`, `out[off + 1]`. */
  fingerprint(state: unknown, out: Uint32Array, off: number): void {
    this.negativeZero = false;
    try {
      this.node(state, 0);
    } catch (e) {
      throw unplain(e, state);
    }
    out[off] = fmix(ra ^ 0x27d4eb2f) >>> 0;
    out[off + 1] = fmix(rb ^ 0x165667b1) >>> 0;
  }

  private lookup(o: object): number {
    if (this.memoMap) return this.memoMap.get(o) ?? -1;
    const objs = this.memoObj;
    for (let i = 0; i < this.memoN; i++) if (objs[i] === o) return i;
    return -1;
  }

  private node(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'number':
        if ((v | 0) === v) {
          if (v === 0 && 1 / v < 0) this.negativeZero = true;
          ra = fmix(v ^ 0x01234567);
          rb = fmix(Math.imul(v, 0x2545f491) ^ 0x76543210);
        } else {
          f64[0] = v === 0 ? 0 : v; // -0 hashes as 0, as in JSON
          ra = fmix(stepA(f64words[0], f64words[1]) ^ 2);
          rb = fmix(stepB(f64words[1], f64words[0]) ^ 2);
        }
        return;
      case 'string':
        stringLanes(v);
        return;
      case 'boolean':
        ra = v ? 0x5f356495 : 0x1b873593;
        rb = v ? 0x6b43a9b5 : 0x7fb5d329;
        return;
      case 'undefined':
        ra = 0x3b9aca07;
        rb = 0x4c957f2d;
        return;
      case 'object': {
        if (v === null) {
          ra = 0x2c1b3c6d;
          rb = 0x297a2d39;
          return;
        }
        if (!this.recording) {
          const hit = this.lookup(v);
          if (hit >= 0) {
            ra = this.memoA[hit];
            rb = this.memoB[hit];
            return;
          }
        }
        if (depth >= MAX_DEPTH) throw BAD;
        let a: number;
        let b: number;
        if (Array.isArray(v)) {
          a = 0x243f6a88 ^ v.length;
          b = 0x85a308d3 + v.length;
          for (let i = 0; i < v.length; i++) {
            this.node(v[i], depth + 1);
            a = stepA(a, ra);
            b = stepB(b, rb);
          }
        } else {
          // A monomorphic `constructor` load is cheaper than getPrototypeOf on every node.
          const ctor = (v as { constructor?: unknown }).constructor;
          const proto = ctor === Object ? Object.prototype : Object.getPrototypeOf(v);
          if (proto !== Object.prototype && proto !== null) throw BAD;
          a = 0x13198a2e;
          b = 0x03707344;
          const o = v as Record<string, unknown>;
          for (const key in o) {
            stringLanes(key);
            a = stepA(a, ra);
            b = stepB(b, rb);
            this.node(o[key], depth + 1);
            a = stepA(a, ra);
            b = stepB(b, rb);
          }
        }
        ra = fmix(a);
        rb = fmix(b ^ 0x9e3779b9);
        if (this.recording) this.remember(v, ra, rb);
        return;
      }
      default:
        throw BAD; // a function, symbol or bigint
    }
  }

  private remember(o: object, a: number, b: number): void {
    const i = this.memoN++;
    if (i >= this.memoA.length) {
      const na = new Int32Array(this.memoA.length * 2);
      na.set(this.memoA);
      this.memoA = na;
      const nb = new Int32Array(this.memoB.length * 2);
      nb.set(this.memoB);
      this.memoB = nb;
    }
    this.memoObj[i] = o;
    this.memoA[i] = a;
    this.memoB[i] = b;
  }
}

const shared = new Fingerprinter();

/** Fingerprint without priming (a fresh walk); for one-off keys. */
export function fingerprint(state: unknown, out: Uint32Array, off: number): void {
  shared.fingerprint(state, out, off);
}

/**
 * The probability that some pair of `n` distinct states shares a 64-bit fingerprint
 * (the birthday bound `n^2 / 2^65`), which TLC prints as its collision estimate.
 */
export function collisionProbability(n: number): number {
  return Math.min(1, (n * n) / 2 ** 65);
}
