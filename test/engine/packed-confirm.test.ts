/**
 * The explorer's net under packed transitions (engine/packed-check.ts `confirmTransitions`): on
 * the first 64 states it expands and one in 4,096 after, the object functions must agree with
 * the packed ones, serially and on workers; a disagreement stops the run in one line.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { ModelError } from '../../engine/model-error.js';
import { CONFIRM_EVERY, CONFIRM_FIRST, shouldConfirm } from '../../engine/packed-check.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import type { ModelRef } from '../../engine/model-ref.js';
import type { Model } from '../../model/core/model.js';
import { SIZES, type PoolAction, type PoolState } from '../../scenarios/sqs-pool/model.js';
import { packedSqsPool } from '../../scenarios/sqs-pool/packed.js';
import { wrongNextPackedPool } from '../fixtures/packed-pool-variants.js';

type Pool = Model<PoolState, PoolAction>;

/** The code of every state the serial explorer expands, in id order (its packed `actions` calls). */
function expandedCodes(model: Pool): number[][] {
  const codes: number[][] = [];
  const base = model.packed!;
  const words = model.schema!.codec().words;
  const spy = { ...base, actions: (c: Uint32Array, o: number, out: Int32Array) => (codes.push(Array.from(c.subarray(o, o + words))), base.actions(c, o, out)) };
  exploreExhaustive(Object.create(model, { packed: { value: spy } }) as Pool, { full: true });
  return codes;
}

describe('confirmTransitions: packed transitions checked against the object functions during a run', () => {
  it('confirms the first 64 expanded states, then one in 4,096', () => {
    expect([CONFIRM_FIRST, CONFIRM_EVERY]).toEqual([64, 4096]);
    const picked = [0, 1, 63, 64, 65, 4095, 4096, 4097, 8192, 2 ** 31].filter(shouldConfirm);
    expect(picked).toEqual([0, 1, 63, 4096, 8192, 2 ** 31]);
  });

  it('stops a run whose packed next is wrong everywhere at its first state, in one line', () => {
    const run = () => exploreExhaustive(wrongNextPackedPool(SIZES.small, 'correct', null), {});
    expect(run).toThrow(ModelError);
    expect(run).toThrow(/^packed next Send\(0\) differs from next: msgs\[0\]\.done: packed true, the model false \(packed transitions must agree with the object functions; checkPacked\(model\) lists every difference\)/);
  });

  it('finds a packed next wrong only on the state expanded 4,096th, and (a sample) not one wrong only on the 101st', () => {
    const codes = expandedCodes(packedSqsPool(SIZES.medium));
    expect(codes.length).toBe(38_895);
    expect(() => exploreExhaustive(wrongNextPackedPool(SIZES.medium, 'correct', codes[4096]), {})).toThrow(/^packed next \w+\([\d, ]*\) differs from next: msgs\[0\]\.done/);
    // A state no sample reaches: the run ends, on a model the packed code no longer matches.
    expect(() => exploreExhaustive(wrongNextPackedPool(SIZES.medium, 'correct', codes[100]), {})).not.toThrow();
  });

  it('stops a run whose packed actions come in another order', () => {
    const model = packedSqsPool(SIZES.small);
    const base = model.packed!;
    const reversed = {
      ...base,
      actions(c: Uint32Array, o: number, out: Int32Array): number {
        const n = base.actions(c, o, out);
        out.subarray(0, n).reverse();
        return n;
      },
    };
    const run = () => exploreExhaustive(Object.create(model, { packed: { value: reversed } }) as Pool, {});
    expect(run).toThrow(ModelError);
    expect(run).toThrow(/^packed actions \[Crash\(1\), Crash\(0\), Send\(1\), Send\(0\)\] where actions\(s\) gives \[Send\(0\), Send\(1\), Crash\(0\), Crash\(1\)\] \(packed transitions must agree/);
  });

  it('stops a parallel run the same way (each worker confirms its own first states)', async () => {
    const ref: ModelRef = { module: new URL('../fixtures/packed-pool-variants.ts', import.meta.url).href, export: 'wrongNextPackedPool', args: [SIZES.small, 'correct', null] };
    await expect(exploreParallel(ref, { workers: 2 })).rejects.toThrow(/packed next Send\(0\) differs from next: msgs\[0\]\.done: packed true, the model false/);
  });
});

describe('onObjects (`--on-objects`): a run that never uses the packed transitions', () => {
  it('explores a model whose packed next is wrong everywhere on its object functions: the correct model\'s counts and verdicts', () => {
    const right = exploreExhaustive(packedSqsPool(SIZES.small), { full: true });
    const wrong = wrongNextPackedPool(SIZES.small, 'correct', null);
    const r = exploreExhaustive(wrong, { full: true, onObjects: true });
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([right.stats.distinctStates, right.stats.transitions, right.stats.maxDepth]);
    expect(r.properties.map((p) => p.verdict)).toEqual(right.properties.map((p) => p.verdict));
    // Not one call into the packed transitions.
    let calls = 0;
    const base = wrong.packed!;
    const counted = { ...base, actions: (c: Uint32Array, o: number, out: Int32Array) => (calls++, base.actions(c, o, out)) };
    exploreExhaustive(Object.create(wrong, { packed: { value: counted } }) as Pool, { onObjects: true });
    expect(calls).toBe(0);
    exploreExhaustive(Object.create(packedSqsPool(SIZES.small), { packed: { value: { ...packedSqsPool(SIZES.small).packed!, actions: counted.actions } } }) as Pool, {});
    expect(calls).toBeGreaterThan(0);
  });

  it('and on workers', async () => {
    const ref: ModelRef = { module: new URL('../fixtures/packed-pool-variants.ts', import.meta.url).href, export: 'wrongNextPackedPool', args: [SIZES.small, 'correct', null] };
    const right = exploreExhaustive(packedSqsPool(SIZES.small), {});
    const r = await exploreParallel(ref, { workers: 2, onObjects: true });
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([right.stats.distinctStates, right.stats.transitions]);
  });
});
