import { describe, expect, it } from 'vitest';
import { exploreRandom } from '../../engine/random.js';
import { checked } from '../../engine/checked.js';
import { SIZES, sqsPool } from '../../scenarios/sqs-pool/model.js';
import { encodedSqsPool } from '../../scenarios/sqs-pool/schema.js';
import { dieHardModel } from '../../scenarios/die-hard.js';
import { twoPhaseModel } from '../../scenarios/two-phase-commit.js';
import { replay } from '../../engine/trace.js';
import { always, sometimes } from '../../model/core/property.js';

describe('random explorer', () => {
  it('finds early-delete, shrinks and minimises it to 3 actions, with seed and path', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = exploreRandom(sqsPool(SIZES.medium, 'early-delete'), { seed, runs: 2000, steps: 20 });
      const p = r.properties[0];
      expect(p.verdict, `seed ${seed}`).toBe('fails');
      expect(p.counterexample!.length, `seed ${seed}`).toBe(3);
      expect(p.counterexample!.seed).toBe(seed);
      expect(typeof p.counterexample!.path).toBe('string');
      expect(r.stats.timeToFailureMs).toBeGreaterThanOrEqual(0);
      // The trace replays on the model and shows the violation.
      const model = sqsPool(SIZES.medium, 'early-delete');
      expect(replay(model, model.properties[0], p.counterexample!.actions.map((action) => ({ action }))).violated).toBe(true);
    }
  });

  it("fast-check's seed and path reproduce the failing run", () => {
    const model = sqsPool(SIZES.medium, 'early-delete');
    const first = exploreRandom(model, { seed: 7, minimize: false }).properties[0].counterexample!;
    const again = exploreRandom(model, { seed: first.seed, path: first.path, minimize: false }).properties[0].counterexample!;
    expect(again.labels).toEqual(first.labels);
  });

  it('is deterministic for a fixed seed', () => {
    const a = exploreRandom(sqsPool(SIZES.medium), { seed: 11, runs: 300 });
    const b = exploreRandom(sqsPool(SIZES.medium), { seed: 11, runs: 300 });
    expect(a.stats.steps).toBe(b.stats.steps);
    expect(a.stats.steps).toBeGreaterThan(300);
    expect(a.properties[0].verdict).toBe('holds');
  });

  it('holds on the correct pool and runs in the checked mode', () => {
    const r = exploreRandom(checked(encodedSqsPool(SIZES.small)), { seed: 3, runs: 200 });
    expect(r.properties[0].verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinctStates: null, runs: 200, complete: true });
  });

  it('finds the die-hard solution and reaches 2PC commit', () => {
    const d = exploreRandom(dieHardModel, { seed: 5, runs: 5000, steps: 30 });
    expect(d.properties[0].verdict).toBe('fails');
    expect(d.properties[0].counterexample!.length).toBe(6);
    const t = exploreRandom(twoPhaseModel(3), { seed: 5, runs: 500 });
    expect(t.properties.map((p) => p.verdict)).toEqual(['holds', 'reached']);
  });

  it('rejects impossible parameters', () => {
    expect(() => exploreRandom(sqsPool(SIZES.small), { runs: -1 })).toThrow(/runs must be a positive integer/);
    expect(() => exploreRandom(sqsPool(SIZES.small), { steps: 1.5 })).toThrow(/steps/);
  });
});

describe('random explorer, several properties', () => {
  // A counter: A and B are violated in the very same states; Late is reached only after them.
  const counter = {
    init: () => [0],
    actions: (s: number) => (s < 6 ? [{ type: 'Inc', kind: 'op' } as const] : []),
    next: (s: number) => s + 1,
    properties: [always<number>('BelowThreeA', (s) => s < 3), always<number>('BelowThreeB', (s) => s < 3), sometimes<number>('ReachedFive', (s) => s === 5)],
  };

  it('reports every property violated in the same state, whatever the run budget', () => {
    for (const runs of [1, 2, 5, 50]) {
      const r = exploreRandom(counter, { seed: 9, runs, steps: 10 });
      expect(r.properties.slice(0, 2).map((p) => p.verdict), `runs ${runs}`).toEqual(['fails', 'fails']);
      expect(r.properties[0].counterexample!.length).toBe(3);
      expect(r.properties[1].counterexample!.length).toBe(3);
    }
  });

  it('keeps running for reachability after the failures are found, and counts no shrinking replays', () => {
    const r = exploreRandom(counter, { seed: 9, runs: 50, steps: 10 });
    expect(r.stats.runs).toBeLessThanOrEqual(50);
    expect(r.properties[2].verdict).toBe('reached');
  });
});
