/**
 * 64-bit structural fingerprints of plain-data states, for models without a codec.
 *
 * Two independent 32-bit lanes, each token mixed in by xor, rotate and `Math.imul`, and
 * finished with murmur3's fmix32. The walk covers numbers, strings, booleans, null and
 * undefined, arrays and plain objects in insertion order (sorting keys measured 2.6x slower;
 * the cost is that one record built with two key orders counts twice — an over-count, never
 * a missed state). Map, Set, Date and class instances are rejected: they have no own data
 * to walk and would hash equal while differing.
 */

let a = 0;
let b = 0;

function mix(x: number): void {
  a ^= x;
  a = Math.imul((a << 13) | (a >>> 19), 0x9e3779b1);
  b ^= Math.imul(x, 0x85ebca6b) ^ 0x5bd1e995;
  b = Math.imul((b << 17) | (b >>> 15), 0xc2b2ae35);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Strings in states are few and repeated (enum values, keys): a direct-mapped cache keyed by
 * (length, first char, last char) turns the per-character hash into one `===` on an
 * internalised string, which measured faster than a Map lookup.
 */
const CACHE_SLOTS = 1024;
const cacheKey: (string | undefined)[] = new Array(CACHE_SLOTS).fill(undefined);
const cacheHash = new Int32Array(CACHE_SLOTS);

function stringHash(v: string): number {
  const n = v.length;
  const slot = n === 0 ? 0 : (Math.imul(n, 31) + Math.imul(v.charCodeAt(0), 7) + v.charCodeAt(n - 1)) & (CACHE_SLOTS - 1);
  if (cacheKey[slot] === v) return cacheHash[slot];
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
  cacheKey[slot] = v;
  cacheHash[slot] = h;
  return h;
}

const f64 = new Float64Array(1);
const f64words = new Uint32Array(f64.buffer);

function walk(v: unknown): void {
  switch (typeof v) {
    case 'number':
      if ((v | 0) === v) {
        mix(1);
        mix(v);
      } else {
        f64[0] = v === 0 ? 0 : v; // -0 hashes as 0, as in JSON
        mix(2);
        mix(f64words[0]);
        mix(f64words[1]);
      }
      return;
    case 'string':
      mix(3);
      mix(stringHash(v));
      return;
    case 'boolean':
      mix(v ? 4 : 5);
      return;
    case 'undefined':
      mix(6);
      return;
    case 'object': {
      if (v === null) {
        mix(7);
        return;
      }
      if (Array.isArray(v)) {
        mix(8);
        mix(v.length);
        for (let i = 0; i < v.length; i++) walk(v[i]);
        return;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new Error(`state contains a ${proto?.constructor?.name ?? 'non-plain'} object; use plain objects and arrays (or a state schema)`);
      }
      mix(9);
      const o = v as Record<string, unknown>;
      for (const key in o) {
        walk(key);
        walk(o[key]);
      }
      mix(10);
      return;
    }
    default:
      throw new Error(`state contains a ${typeof v}; states are plain data`);
  }
}

/** Writes the 64-bit fingerprint of `state` as two words at `out[off]`, `out[off + 1]`. */
export function fingerprint(state: unknown, out: Uint32Array, off: number): void {
  a = 0x2545f491;
  b = 0x6c078965;
  walk(state);
  out[off] = fmix(a ^ 0x27d4eb2f);
  out[off + 1] = fmix(b ^ 0x165667b1);
}

/**
 * The probability that some pair of `n` distinct states shares a 64-bit fingerprint
 * (the birthday bound `n^2 / 2^65`), which TLC prints as its collision estimate.
 */
export function collisionProbability(n: number): number {
  return Math.min(1, (n * n) / 2 ** 65);
}
