import { describe, expect, it } from 'vitest';
import { hashWords, StateStore } from '../../engine/visited.js';

/** The general word loop, as written for any number of words. */
function reference(buf: Uint32Array, off: number, words: number): number {
  let h = 0x9747b28c ^ words;
  for (let i = 0; i < words; i++) {
    let k = Math.imul(buf[off + i], 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

describe('visited store', () => {
  it('hashes every code size as the general loop does (the two-word case is unrolled)', () => {
    const buf = new Uint32Array(8);
    let x = 12345;
    for (let n = 0; n < 2000; n++) {
      for (let i = 0; i < 8; i++) buf[i] = x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      for (const words of [1, 2, 3, 5]) expect(hashWords(buf, 1, words)).toBe(reference(buf, 1, words));
    }
  });

  it('stores each code once, finds it again, and keeps parents and actions through growth', () => {
    const store = new StateStore(2, 16);
    const buf = new Uint32Array(2);
    for (let i = 0; i < 50_000; i++) {
      buf[0] = i % 30_000;
      buf[1] = (i % 30_000) * 7;
      const id = store.insert(buf, 0, i - 1, i % 65_536);
      if (i < 30_000) expect(id).toBe(i);
      else expect(id).toBe(-1);
    }
    expect(store.count).toBe(30_000);
    buf[0] = 29_999;
    buf[1] = 29_999 * 7;
    expect(store.find(buf, 0)).toBe(29_999);
    expect(store.parentOf(29_999)).toBe(29_998);
    expect(store.parentOf(0)).toBe(-1);
    buf[0] = 30_000;
    expect(store.find(buf, 0)).toBe(-1);
  });
});
