// Mutation survivors of engine/keyer.ts (chunk engine-c, reports/mutation/engine-c-keyer.json):
// which keyer a model gets (its codec, an inferred one, or fingerprints), with and without
// symmetry. Models are built inside each `it` (Stryker's per-test coverage).
import { describe, expect, it } from 'vitest';
import { firstLayout, keyerFor } from '../../engine/keyer.js';
import type { Action, Model } from '../../model/core/model.js';
import { t, type Infer } from '../../model/core/schema.js';
import { withSchema } from '../../model/core/with-schema.js';

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

describe('keyerFor on a schema model: which successors are used as they are', () => {
  // Every kind of schema node: an int, a bool, an enum, an array of records.
  const Cell = t.record('Cell', { n: t.int(-2, 2), up: t.bool() });
  const State = t.record('State', { n: t.int(-2, 2), up: t.bool(), mode: t.enumOf(['a', 'b'] as const), cells: t.array(Cell, 2) });
  type St = Infer<typeof State>;
  const start: St = { n: 0, up: false, mode: 'a', cells: [{ n: 0, up: false }, { n: 1, up: true }] };
  const normalized = (succ: St): St => {
    const k = keyerFor(withSchema<St, Action>({ init: () => [start], actions: () => [], next: (s) => s, properties: [] }, State), false);
    const code = new Uint32Array(k.words);
    k.key(succ, code, 0);
    return k.normalize(succ, start, code, 0);
  };

  it('a successor without -0 is kept as the model returned it, however it differs from its parent', () => {
    for (const succ of [
      { ...start, n: -1 },
      { ...start, up: true },
      { ...start, mode: 'b' as const },
      { ...start, cells: [{ n: 2, up: true }, { n: -2, up: false }] },
      { n: 1, up: true, mode: 'b' as const, cells: [start.cells[1], { n: -1, up: false }] },
    ]) {
      expect(normalized(succ)).toBe(succ);
    }
  });

  it('a successor holding -0, at the top or inside an array of records, is the decoded copy without it', () => {
    const top = { ...start, n: -0 };
    const r = normalized(top);
    expect(r).not.toBe(top);
    expect(Object.is(r.n, 0)).toBe(true);
    expect(r).toEqual({ ...start, n: 0 });
    const inner = { ...start, cells: [{ n: -0, up: true }, start.cells[1]] };
    const q = normalized(inner);
    expect(Object.is(q.cells[0].n, 0)).toBe(true);
    expect(q).toEqual({ ...start, cells: [{ n: 0, up: true }, start.cells[1]] });
  });
});

describe('keyerFor on a model with its own codec and no schema', () => {
  it('has no shape to check a successor against: every successor is the decoded copy, so a -0 never stays', () => {
    type X = { readonly x: number };
    const model: Model<X, Action> = {
      init: () => [{ x: 1 }],
      actions: () => [],
      next: (s) => s,
      properties: [],
      codeWords: 1,
      encode: (s, out, off) => void (out[off] = s.x),
      decode: (code, off) => ({ x: code[off] }),
    };
    const k = keyerFor(model, false);
    const code = new Uint32Array(1);
    const minusZero = { x: -0 };
    k.key(minusZero, code, 0);
    const r = k.normalize(minusZero, { x: 1 }, code, 0);
    expect(r).not.toBe(minusZero);
    expect(Object.is(r.x, 0)).toBe(true);
  });
});
