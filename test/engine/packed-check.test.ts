/**
 * checkPacked (engine/packed-check.ts): a model's packed transitions and predicates on codes
 * compared with its object functions on its reachable states.
 */
import { describe, expect, it } from 'vitest';
import { checkPacked } from '../../engine/packed-check.js';
import { InputError } from '../../engine/scenario.js';
import type { Model, PackedTransitions } from '../../model/core/model.js';
import { accessor } from '../../model/core/accessors.js';
import { SIZES, sqsPool, type PoolAction, type PoolState } from '../../scenarios/sqs-pool/model.js';
import { packedSqsPool } from '../../scenarios/sqs-pool/packed.js';
import { encodedSqsPool, poolSchema } from '../../scenarios/sqs-pool/schema.js';
import { blindPackedPool } from '../fixtures/packed-pool-variants.js';

type Pool = Model<PoolState, PoolAction>;

/** `model` with some of its packed members replaced. */
function withPacked(model: Pool, change: Partial<PackedTransitions<PoolAction>>): Pool {
  return Object.create(model, { packed: { value: { ...model.packed!, ...change } } }) as Pool;
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
    const model = packedSqsPool(SIZES.small);
    const done = accessor(poolSchema(SIZES.small), 'msgs[].done');
    const finish = model.packed!.table.findIndex((a) => a.type === 'Finish');
    // Finish no longer marks its message processed.
    const forgetful = withPacked(model, {
      next(c, o, a, d, p) {
        model.packed!.next(c, o, a, d, p);
        if (a === finish) done.set(d, p, 0, 0);
      },
    });
    const r = checkPacked(forgetful);
    expect(r.mismatches.length).toBeGreaterThan(0);
    expect(r.mismatches[0]).toBe('next Finish(0): msgs[0].done: packed false, the model true (after Send(0), Receive(0, 0))');
    expect(r.complete).toBe(false);
    expect(r.mismatches.length).toBeLessThanOrEqual(20);
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
    expect(checkPacked(reversed).mismatches[0]).toBe('actions: packed lists [Crash(1), Crash(0), Send(1), Send(0)], the model [Send(0), Send(1), Crash(0), Crash(1)] (after the initial state)');
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

  it('stops at maxStates, and says it did', () => {
    const r = checkPacked(packedSqsPool(SIZES.medium), { maxStates: 1000 });
    expect(r).toMatchObject({ states: 1000, complete: false, mismatches: [] });
  });

  it('refuses a model without packed transitions or codec, and a bad bound, in one line', () => {
    expect(() => checkPacked(encodedSqsPool(SIZES.small))).toThrow(new InputError('checkPacked: the model has no packed transitions'));
    const noCodec = Object.create(sqsPool(SIZES.small), { packed: { value: packedSqsPool(SIZES.small).packed } }) as Pool;
    expect(() => checkPacked(noCodec)).toThrow('checkPacked: the model has no exact codec (a schema)');
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => checkPacked(packedSqsPool(SIZES.small), { maxStates: bad })).toThrow(InputError);
  });
});
