// Kills engine-e survivors in engine/plain-data.ts (MUTATION.md): -0 becomes 0 outside the parts
// shared with the parent, nothing is copied otherwise, and what is not plain data is named.
// Everything is built inside each `it` (Stryker's per-test coverage records only code run there).
import { describe, expect, it } from 'vitest';
import { UnplainState } from '../../engine/model-error.js';
import { MAX_DEPTH, normalizerParts, plainState, stateNormalizer, unplainPart } from '../../engine/plain-data.js';
import { defineModel, type Action } from '../../model/core/model.js';

function nestObjects(n: number): unknown {
  let v: unknown = { end: 1 };
  for (let i = 1; i < n; i++) v = { in: v };
  return v;
}
function nestArrays(n: number): unknown {
  let v: unknown = [1];
  for (let i = 1; i < n; i++) v = [v];
  return v;
}
function partOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UnplainState);
    return (e as UnplainState).part;
  }
  throw new Error('no error');
}

describe('plainState (engine-e survivors)', () => {
  it('turns a -0 leaf into 0 and leaves other leaves and null as they are', () => {
    expect(Object.is(plainState(-0), 0)).toBe(true);
    expect(plainState(5)).toBe(5);
    expect(plainState('s')).toBe('s');
    expect(plainState(null)).toBe(null);
    expect(plainState(undefined)).toBe(undefined);
  });

  it('copies an array only to replace a -0, and never changes the input', () => {
    const plain = [{ a: 1 }, null, -5, 0, 'x'];
    expect(plainState(plain)).toBe(plain);
    const inner: [{ a: number }, number] = [{ a: -0 }, 2];
    const out = plainState(inner);
    expect(out).not.toBe(inner);
    expect(Object.is(out[0].a, 0)).toBe(true);
    expect(out[1]).toBe(2);
    expect(Object.is(inner[0].a, -0)).toBe(true);
    const direct = [1, -0];
    const out2 = plainState(direct);
    expect(Object.is(out2[1], 0)).toBe(true);
    expect(Object.is(direct[1], -0)).toBe(true);
  });

  it('copies an object only to replace a -0, as an ordinary own property', () => {
    const plain = { a: 0, b: -5, c: { d: 0 }, e: null };
    expect(plainState(plain)).toBe(plain);
    const t = { a: -0, b: 1 };
    const out = plainState(t);
    expect(out).not.toBe(t);
    expect(Object.is(t.a, -0)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out, 'a')).toEqual({ value: 0, enumerable: true, writable: true, configurable: true });
    expect(Object.keys(out)).toEqual(['a', 'b']);
  });

  it('does not walk the parts shared with the parent (checked already), in arrays and objects', () => {
    const shared = { x: -0 };
    const t = { a: shared, b: [shared] };
    expect(plainState(t, { a: shared, b: [shared] })).toBe(t);
    const arr = [shared];
    expect(plainState(arr, [shared])).toBe(arr);
    expect(plainState(t, t)).toBe(t);
    // Without that parent, the -0 is replaced.
    expect(Object.is(plainState(t).a.x, 0)).toBe(true);
    // A parent that is no object (null, a function) shares nothing.
    expect(Object.is(plainState(t, null).a.x, 0)).toBe(true);
    const fnParent = Object.assign(() => 0, { a: shared });
    expect(Object.is(plainState(t, fnParent).a.x, 0)).toBe(true);
  });

  it('rejects a non-plain leaf inside an array', () => {
    expect(partOf(() => plainState([1, () => 0]))).toBe('a function at [1]');
  });

  it(`takes ${MAX_DEPTH} levels of nesting and rejects one more, in objects and arrays`, () => {
    expect(() => plainState(nestObjects(MAX_DEPTH))).not.toThrow();
    expect(partOf(() => plainState(nestObjects(MAX_DEPTH + 1)))).toMatch(/^nesting deeper than 1000 levels at (\.in)+\.\.\.$/);
    expect(() => plainState(nestArrays(MAX_DEPTH))).not.toThrow();
    expect(partOf(() => plainState(nestArrays(MAX_DEPTH + 1)))).toMatch(/^nesting deeper than 1000 levels at (\[0\])+\[?0?\.\.\.$/);
  });

  it('rethrows what a getter throws, and names what it cannot find again', () => {
    let reads = 0;
    const flaky = {
      get x(): unknown {
        reads++;
        if (reads === 1) throw new RangeError('first read');
        return 1;
      },
    };
    expect(() => plainState(flaky)).toThrow(RangeError);
    // A getter that gives a Map once, then a number: the walk that names it finds nothing.
    let n = 0;
    const shifty = {
      get x(): unknown {
        return n++ === 0 ? new Map() : 1;
      },
    };
    expect(partOf(() => plainState(shifty))).toBe('a value that is not plain data');
  });
});

describe('unplainPart (engine-e survivors)', () => {
  it('walks into an object without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { m: new Map() });
    expect(unplainPart({ x: bare })).toBe('a Map at .x.m');
  });
});

describe('stateNormalizer (engine-e survivors)', () => {
  it('takes the slow path for every state when the sample has no shape (a float)', () => {
    const model = defineModel<{ x: number }, Action>({ init: () => [{ x: 0.5 }], actions: () => [], next: (s) => s, properties: [] });
    const { fits } = normalizerParts(model, { x: 0.5 });
    expect(fits({ x: 0.5 }, undefined)).toBe(false);
    const norm = stateNormalizer(model, { x: 0.5 });
    expect(Object.is(norm({ x: -0 }).x, 0)).toBe(true);
  });
});
