// What the random explorer reports beside a verdict, on small hand-made models whose answers are
// known: which initial state a run starts from, sometimes properties, liveness left to the
// exhaustive explorer, the stats (a stubbed clock), coverage and the time to the first failure.
// Each case kills mutants of engine/random.ts that the focused mutation run left (MUTATION.md).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exploreRandom } from '../../engine/random.js';
import { always, eventually, sometimes } from '../../model/core/property.js';
import { counter } from '../fixtures/counter-model.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('random runs', () => {
  it('start from every initial state: a violation only the second one has is found, at step 0', () => {
    const r = exploreRandom(counter([always('Small', (s) => s.x < 50)], 3, [0, 60]), { seed: 7, runs: 50, steps: 3 });
    expect(r.properties[0].verdict).toBe('fails');
    expect(r.properties[0].counterexample).toMatchObject({ initIndex: 1, length: 0 });
  });

  it('a sometimes property: reached when a run gets there, unreached when none can', () => {
    const r = exploreRandom(counter([sometimes('Three', (s) => s.x === 3), sometimes('Four', (s) => s.x === 4)]), { seed: 1, runs: 20, steps: 5 });
    expect(r.properties.map((p) => p.verdict)).toEqual(['reached', 'unreached']);
    expect(r.properties.every((p) => p.counterexample === undefined)).toBe(true);
  });

  it('a sometimes property only the first step reaches: reached, not counted before the run starts', () => {
    const r = exploreRandom(counter([sometimes('One', (s) => s.x === 1)]), { seed: 1, runs: 5, steps: 1 });
    expect(r.properties[0].verdict).toBe('reached');
    const none = exploreRandom(counter([sometimes('One', (s) => s.x === 1)]), { seed: 1, runs: 5, steps: 0 });
    expect(none.properties[0].verdict).toBe('unreached');
  });

  it('liveness is left to the exhaustive explorer: unknown, with the reason', () => {
    const r = exploreRandom(counter([eventually('Top', (s) => s.x === 3)]), { seed: 1, runs: 5 });
    expect(r.properties[0]).toMatchObject({ verdict: 'unknown' });
    expect(r.properties[0].reason).toMatch(/exhaustive/);
  });

  it('runs stop once nothing is left to decide: none at all for liveness alone, a few once the always fails and the sometimes is reached', () => {
    expect(exploreRandom(counter([eventually('Top', (s) => s.x === 3)]), { seed: 1, runs: 500, steps: 3 }).stats.runs).toBe(0);
    const both = exploreRandom(counter([always('Low', (s) => s.x < 2), sometimes('One', (s) => s.x === 1)]), { seed: 1, runs: 500, steps: 3 });
    expect(both.properties.map((p) => p.verdict)).toEqual(['fails', 'reached']);
    expect(both.stats.runs).toBeLessThan(50);
  });

  it('the stats: mode, runs, steps, depth, search time and rate (100 ms a clock read), no time to failure when nothing fails', () => {
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 100));
    const r = exploreRandom(counter([always('Any', () => true)]), { seed: 1, runs: 10, steps: 3 });
    expect(r.mode).toBe('random');
    expect(r.stats).toMatchObject({ runs: 10, distinctStates: null, maxDepth: 3, complete: true });
    expect(r.stats.steps).toBe(r.stats.transitions);
    expect(r.stats.steps).toBeGreaterThan(0);
    expect(r.stats.steps).toBeLessThanOrEqual(30);
    expect(r.stats.searchMs).toBeGreaterThan(0);
    expect(r.stats.statesPerSecond).toBeCloseTo((r.stats.steps! / r.stats.searchMs) * 1000, 6);
    expect(r.stats).not.toHaveProperty('timeToFailureMs');
  });

  it('a run too quick to time: a rate of 0', () => {
    vi.spyOn(performance, 'now').mockReturnValue(5);
    expect(exploreRandom(counter([always('Any', () => true)]), { seed: 1, runs: 3 }).stats).toMatchObject({ searchMs: 0, statesPerSecond: 0 });
  });

  it('the time to the first failure, measured from the start', () => {
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 10));
    const r = exploreRandom(counter([always('Low', (s) => s.x < 2)]), { seed: 1, runs: 10, steps: 3 });
    expect(r.properties[0].verdict).toBe('fails');
    expect(r.stats.timeToFailureMs).toBeGreaterThan(0);
    expect(r.stats.timeToFailureMs).toBeLessThanOrEqual(r.stats.searchMs);
  });

  it('coverage of a model without components counts its actions under "model"', () => {
    const r = exploreRandom(counter([always('Any', () => true)]), { seed: 1, runs: 4, steps: 3, coverage: true });
    expect(Object.keys(r.coverage!.actions)).toEqual(['model']);
    expect(r.coverage!.actions.model.Up).toBe(r.stats.steps);
  });
});
