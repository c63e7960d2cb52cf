/**
 * checkPacked (engine/packed-check.ts): a model's packed transitions and predicates on codes
 * compared with its object functions on its reachable states.
 */
import { describe, expect, it } from 'vitest';
import { checkPacked, differences, sameData } from '../../engine/packed-check.js';
import { InputError } from '../../engine/scenario.js';
import { defineModel, type Model, type PackedTransitions } from '../../model/core/model.js';
import { t } from '../../model/core/schema.js';
import { withSchema } from '../../model/core/with-schema.js';
import { accessor } from '../../model/core/accessors.js';
import { SIZES, sqsPool, type PoolAction, type PoolSize, type PoolState } from '../../scenarios/sqs-pool/model.js';
import { packedSqsPool } from '../../scenarios/sqs-pool/packed.js';
import { encodedSqsPool, poolSchema } from '../../scenarios/sqs-pool/schema.js';
import { blindPackedPool, decodingPackedPool, threePropertyPackedPool } from '../fixtures/packed-pool-variants.js';

type Pool = Model<PoolState, PoolAction>;

/** `model` with some of its packed members replaced. */
function withPacked(model: Pool, change: Partial<PackedTransitions<PoolAction>>): Pool {
  return Object.create(model, { packed: { value: { ...model.packed!, ...change } } }) as Pool;
}

/** sqs-pool whose packed Finish no longer marks message 0 processed. */
function forgetfulFinish(size: PoolSize): Pool {
  const model = packedSqsPool(size);
  const done = accessor(poolSchema(size), 'msgs[].done');
  const finish = model.packed!.table.findIndex((a) => a.type === 'Finish');
  return withPacked(model, {
    next(c, o, a, d, p) {
      model.packed!.next(c, o, a, d, p);
      if (a === finish) done.set(d, p, 0, 0);
    },
  });
}

describe('checkPacked', () => {
  it('finds sqs-pool\'s packed transitions and NoLostMessage on codes in agreement, on the whole space', () => {
    for (const [size, states, transitions] of [['small', 382, 1206], ['medium', 38_895, 204_090]] as const) {
      for (const variant of ['correct', 'early-delete'] as const) {
        const r = checkPacked(packedSqsPool(SIZES[size], variant), { maxStates: 100_000 });
        expect(r.mismatches).toEqual([]);
        expect(r.complete).toBe(true);
        if (variant === 'correct') expect(r).toMatchObject({ states, transitions });
      }
    }
  });

  it('reports a packed next that forgets a field, with the path to the state', () => {
    const r = checkPacked(forgetfulFinish(SIZES.small));
    expect(r.mismatches[0]).toBe('next Finish(0): msgs[0].done: packed false, the model true (after Send(0), Receive(0, 0))');
    // At most 20, and the walk stops there.
    expect(r.mismatches).toHaveLength(20);
    expect(r.complete).toBe(false);
    expect(r.states).toBeLessThan(382);
  });

  it('keeps at most 20 reports, even when one state adds several', () => {
    // Every successor is its parent: every transition differs, and at medium the states' action
    // counts add up past 20 inside a state (22 reports without the cap).
    const model = packedSqsPool(SIZES.medium);
    const words = poolSchema(SIZES.medium).codec().words;
    const stuck = withPacked(model, { next: (c, o, _a, d, p) => d.set(c.subarray(o, o + words), p) });
    const r = checkPacked(stuck);
    expect(r.mismatches).toHaveLength(20);
    expect(r.mismatches[0]).toBe('next Send(0): msgs[0].q: packed "unsent", the model "visible" (after the initial state)');
  });

  it('compares every word of a successor\'s code (xlarge\'s codes are two words)', () => {
    expect(poolSchema(SIZES.xlarge).codec().words).toBe(2);
    expect(checkPacked(forgetfulFinish(SIZES.xlarge), { maxStates: 2000 }).mismatches[0]).toBe('next Finish(0): msgs[0].done: packed false, the model true (after Send(0), Receive(0, 0))');
  });

  it('reports actions listed in another order, or missing', () => {
    const model = packedSqsPool(SIZES.small);
    const reversed = withPacked(model, {
      actions(c, o, out) {
        const n = model.packed!.actions(c, o, out);
        out.subarray(0, n).reverse();
        return n;
      },
    });
    const r = checkPacked(reversed);
    expect(r.mismatches[0]).toBe('actions: packed lists [Crash(1), Crash(0), Send(1), Send(0)], the model [Send(0), Send(1), Crash(0), Crash(1)] (after the initial state)');
    // Successors are compared only where the lists agree (none here), and the walk goes on with the model's.
    expect(r.mismatches.every((m) => m.startsWith('actions: '))).toBe(true);
    // More than the buffer the check starts with (16), and numbers with no action.
    const many = withPacked(model, {
      actions(_c, _o, out) {
        for (let k = 0; k < 20 && k < out.length; k++) out[k] = 1000 + k;
        return 20;
      },
    });
    expect(checkPacked(many).mismatches[0]).toBe(`actions: packed lists [${Array(20).fill('(no such action number)').join(', ')}], the model [Send(0), Send(1), Crash(0), Crash(1)] (after the initial state)`);
    const none = withPacked(model, { actions: () => 0 });
    expect(checkPacked(none).mismatches[0]).toBe('actions: packed lists [], the model [Send(0), Send(1), Crash(0), Crash(1)] (after the initial state)');
  });

  it('reports a predicate on codes that disagrees with its property, and leaves entries of other properties out', () => {
    const r = checkPacked(blindPackedPool(SIZES.small, 'early-delete'));
    expect(r.mismatches[0]).toBe('property NoLostMessage: true on the code, false on the state (after Send(0), Receive(0, 0), Crash(0))');
    // The same entry on a model whose properties were replaced: nothing to compare it with.
    const replaced = Object.create(blindPackedPool(SIZES.small, 'early-delete'), { properties: { value: [] } }) as Pool;
    expect(checkPacked(replaced).mismatches).toEqual([]);
  });

  it('keeps each report on one line, whatever the labels hold', () => {
    const model = packedSqsPool(SIZES.small);
    const odd = Object.create(withPacked(model, { actions: () => 0 }), { format: { value: (a: PoolAction) => `${a.type}\n\t!` } }) as Pool;
    expect(checkPacked(odd).mismatches[0]).toBe('actions: packed lists [], the model [Send !, Send !, Crash !, Crash !] (after the initial state)');
  });

  it('stops at maxStates, and says it did', () => {
    const r = checkPacked(packedSqsPool(SIZES.medium), { maxStates: 1000 });
    expect(r).toMatchObject({ states: 1000, complete: false, mismatches: [] });
    expect(checkPacked(packedSqsPool(SIZES.medium), { maxStates: 1 })).toMatchObject({ states: 1, complete: false });
  });

  it('walks each distinct state once, initial states included', () => {
    const model = packedSqsPool(SIZES.small);
    const twice = Object.create(model, { init: { value: () => [model.init()[0], model.init()[0]] } }) as Pool;
    expect(checkPacked(twice)).toMatchObject({ states: 382, complete: true, mismatches: [] });
    // A counter modulo 3, back to its initial state: three states, three transitions.
    type Counter = { readonly n: number };
    const inc = { type: 'Inc', kind: 'op' } as const;
    const n = accessor(t.record('Counter', { n: t.int(0, 2) }), 'n');
    const counter = withSchema(defineModel<Counter, typeof inc>({ init: () => [{ n: 0 }], actions: () => [inc], next: (s) => ({ n: (s.n + 1) % 3 }), properties: [] }), t.record('Counter', { n: t.int(0, 2) }));
    const packedCounter = Object.create(counter, {
      packed: { value: { table: [inc], actions: (_c: Uint32Array, _o: number, out: Int32Array) => ((out[0] = 0), 1), next: (c: Uint32Array, o: number, _a: number, d: Uint32Array, p: number) => { d[p] = c[o]; n.set(d, p, (n.get(c, o) + 1) % 3); } } },
    }) as Model<Counter, typeof inc>;
    expect(checkPacked(packedCounter)).toEqual({ states: 3, transitions: 3, complete: true, mismatches: [] });
  });

  it('compares each predicate on codes with its own property, and checks a model without any', () => {
    for (const variant of ['correct', 'early-delete'] as const) {
      expect(checkPacked(threePropertyPackedPool(SIZES.medium, variant), { maxStates: 100_000 })).toMatchObject({ states: variant === 'correct' ? 38_895 : 2106, mismatches: [] });
      expect(checkPacked(decodingPackedPool(SIZES.small, variant)).mismatches).toEqual([]);
    }
  });

  it('refuses a model without packed transitions or codec, and a bad bound, in one line', () => {
    expect(() => checkPacked(encodedSqsPool(SIZES.small))).toThrow(new InputError('checkPacked: the model has no packed transitions'));
    const noCodec = Object.create(sqsPool(SIZES.small), { packed: { value: packedSqsPool(SIZES.small).packed } }) as Pool;
    expect(() => checkPacked(noCodec)).toThrow('checkPacked: the model has no exact codec (a schema)');
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => checkPacked(packedSqsPool(SIZES.small), { maxStates: bad })).toThrow(new InputError(`checkPacked: maxStates must be a positive integer, got ${bad}`));
  });
});

describe('how actions and states are compared', () => {
  it('sameData: the same fields in the same order, leaf by leaf', () => {
    expect(sameData({ type: 'A', kind: 'op', x: 1 }, { type: 'A', kind: 'op', x: 1 })).toBe(true);
    expect(sameData({ type: 'A', x: [1, { y: null }] }, { type: 'A', x: [1, { y: null }] })).toBe(true);
    expect(sameData({ type: 'A', x: 1 }, { type: 'A', x: 2 })).toBe(false);
    expect(sameData({ type: 'A', x: 1 }, { type: 'A', y: 1 })).toBe(false);
    expect(sameData({ type: 'A', x: 1 }, { x: 1, type: 'A' })).toBe(false);
    expect(sameData({ type: 'A' }, { type: 'A', x: undefined })).toBe(false);
    expect(sameData({ type: 'A', x: 0 }, { type: 'A', x: -0 })).toBe(false);
    expect(sameData({ x: null }, { x: {} })).toBe(false);
    expect(sameData({ x: {} }, { x: null })).toBe(false);
    expect(sameData({ x: [] }, { x: {} })).toBe(false);
    expect(sameData({ x: { 0: 1 } }, { x: [1] })).toBe(false);
    expect(sameData({ x: 1 }, { x: '1' })).toBe(false);
    expect(sameData({ x: { y: 1 } }, { x: 1 })).toBe(false);
    expect(sameData(1, { x: 1 })).toBe(false);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
  });

  it('differences: the first three differing leaves, by path', () => {
    const model = { msgs: [{ q: 'a', done: true }, { q: 'b', done: false }], workers: [{ w: 'idle' }], crashes: 0 };
    expect(differences({ ...model, crashes: 1 }, model)).toBe('crashes: packed 1, the model 0');
    expect(differences({ msgs: [{ q: 'x', done: false }, { q: 'y', done: true }], workers: [{ w: 'busy' }], crashes: 2 }, model)).toBe(
      'msgs[0].q: packed "x", the model "a"; msgs[0].done: packed false, the model true; msgs[1].q: packed "y", the model "b"',
    );
    expect(differences(3, 4)).toBe('the state: packed 3, the model 4');
    expect(differences({ a: null }, { a: { b: 1 } })).toBe('a: packed null, the model {"b":1}');
    expect(differences({ a: { b: 1 } }, { a: null })).toBe('a: packed {"b":1}, the model null');
    expect(differences({ a: 1 }, { a: { b: 1 } })).toBe('a: packed 1, the model {"b":1}');
    expect(differences(model, model)).toBe('');
  });
});
