// Mutation survivors of engine/keyer.ts (chunk engine-c, reports/mutation/engine-c-keyer.json):
// which keyer a model gets (its codec, an inferred one, or fingerprints), with and without
// symmetry. Models are built inside each `it` (Stryker's per-test coverage).
import { describe, expect, it } from 'vitest';
import { firstLayout, keyerFor } from '../../engine/keyer.js';
import type { Action, Model } from '../../model/core/model.js';

type W = { readonly w: readonly number[] };
const key = (k: { key(s: never, out: Uint32Array, off: number): void; words: number }, s: unknown) => {
  const out = new Uint32Array(k.words);
  k.key(s as never, out, 0);
  return Array.from(out);
};

describe('keyerFor', () => {
  it('symmetry needs canonical(s), in one line', () => {
    const model: Model<W, Action> = { init: () => [{ w: [0, 1] }], actions: () => [], next: (s) => s, properties: [] };
    expect(() => keyerFor(model, true)).toThrow('symmetry reduction needs the model to define canonical(s)');
    expect(() => keyerFor(model, false)).not.toThrow();
  });

  it('fingerprints under symmetry: a state and its permutation share a key, not exact, and prime works', () => {
    const model: Model<W, Action> = {
      init: () => [{ w: [2, 1] }],
      actions: () => [],
      next: (s) => s,
      properties: [],
      canonical: (s) => ({ w: [...s.w].sort() }),
    };
    const k = keyerFor(model, true);
    expect(k.exact).toBe(false);
    expect(k.words).toBe(2);
    expect(typeof k.prime).toBe('function');
    k.prime!({ w: [2, 1] });
    expect(key(k, { w: [2, 1] })).toEqual(key(k, { w: [1, 2] }));
    expect(key(k, { w: [2, 1] })).not.toEqual(key(k, { w: [2, 2] }));
    expect(key(keyerFor(model, false), { w: [2, 1] })).not.toEqual(key(keyerFor(model, false), { w: [1, 2] }));
  });

  it('a model\'s own codec under symmetry: exact, and the key is the canonical state\'s code', () => {
    const model: Model<W, Action> = {
      init: () => [{ w: [2, 1] }],
      actions: () => [],
      next: (s) => s,
      properties: [],
      canonical: (s) => ({ w: [...s.w].sort() }),
      codeWords: 2,
      encode: (s, out, off) => {
        out[off] = s.w[0];
        out[off + 1] = s.w[1];
      },
      decode: (code, off) => ({ w: [code[off], code[off + 1]] }),
    };
    const k = keyerFor(model, true);
    expect(k.exact).toBe(true);
    expect(k.words).toBe(2);
    expect(key(k, { w: [2, 1] })).toEqual([1, 2]);
    expect(key(keyerFor(model, false), { w: [2, 1] })).toEqual([2, 1]);
  });

  it('an inferred codec: one width records its dictionary (inferred), a layout does not', () => {
    type P = { readonly n: number; readonly name: string; readonly ok: boolean };
    const model: Model<P, Action> = { init: () => [{ n: 3, name: 'a', ok: true }], actions: () => [], next: (s) => s, properties: [] };
    const uniform = keyerFor(model, false, 16);
    expect(uniform.exact).toBe(true);
    expect(uniform.inferred).toBeDefined();
    const layout = firstLayout(model)!;
    expect(layout).toBeDefined();
    const laid = keyerFor(model, false, layout);
    expect(laid.exact).toBe(true);
    expect(laid.inferred).toBeUndefined();
    expect(key(laid, { n: 3, name: 'a', ok: true })).not.toEqual(key(laid, { n: 3, name: 'a', ok: false }));
  });

  it('no inferred codec when the initial states have no shape a code holds, or not one shape: fingerprints', () => {
    const floats: Model<{ x: number }, Action> = { init: () => [{ x: 0.5 }], actions: () => [], next: (s) => s, properties: [] };
    expect(keyerFor(floats, false, 16).exact).toBe(false);
    const two: Model<Record<string, unknown>, Action> = { init: () => [{ a: 1 }, { b: 'x' }], actions: () => [], next: (s) => s, properties: [] };
    expect(keyerFor(two, false, 16).exact).toBe(false);
    expect(keyerFor(two, false, 16).codec).toBeUndefined();
  });
});
