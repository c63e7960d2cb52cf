/**
 * The random explorer's bounds: `steps` is exactly the longest run, and a stop (the signal,
 * the time limit) ends fast-check's loop and the minimising search at once, even with a huge
 * run budget. Bounds are counted (runs, model calls), never timed tightly.
 */
import { describe, expect, it } from 'vitest';
import { exploreRandom } from '../../engine/random.js';
import { replay } from '../../engine/trace.js';
import type { Model } from '../../model/core/model.js';
import { always } from '../../model/core/property.js';

type Inc = { readonly type: 'Inc'; readonly kind: 'op'; readonly i: number };
const incs = (n: number): Inc[] => Array.from({ length: n }, (_, i) => ({ type: 'Inc', kind: 'op', i }));

/** A counter that can always go up; `below` fails exactly at `limit` actions. */
function counter(limit: number): Model<number, Inc> {
  const one = incs(1);
  return { init: () => [0], actions: () => one, next: (s) => s + 1, properties: [always('Below', (s) => s < limit)] };
}

describe('--steps k: runs of up to exactly k actions', () => {
  it.each([1, 2, 5, 12])('k = %i: a violation needing k actions is found with steps k, never with k - 1', (k) => {
    const found = exploreRandom(counter(k), { seed: 7, runs: 200, steps: k });
    expect(found.properties[0].verdict).toBe('fails');
    expect(found.properties[0].counterexample!.length).toBe(k);
    const missed = exploreRandom(counter(k), { seed: 7, runs: 200, steps: k - 1 });
    expect(missed.properties[0].verdict).toBe('holds');
    expect(missed.stats.maxDepth).toBe(k - 1);
  });

  it('the deepest run is exactly k when nothing stops a run early', () => {
    for (const k of [0, 1, 3, 20]) {
      const r = exploreRandom(counter(1000), { seed: 11, runs: 100, steps: k });
      expect(r.stats.maxDepth, `steps ${k}`).toBe(k);
      expect(r.stats.steps).toBeLessThanOrEqual(100 * k);
    }
  });
});

/** Five counters 0..9, each step raising one; the sum reaches `sum` no sooner than `sum` steps. */
type V = readonly number[];
function counters(sum: number, calls: { actions: number }): Model<V, Inc> {
  const all = incs(5);
  return {
    init: () => [[0, 0, 0, 0, 0]],
    actions: (s) => {
      calls.actions++;
      return all.filter((a) => s[a.i] < 9);
    },
    next: (s, a) => s.map((v, i) => (i === a.i ? v + 1 : v)),
    properties: [always('SumBelow', (s) => s.reduce((x, y) => x + y, 0) < sum)],
  };
}

describe('a stop is prompt, whatever the run budget', () => {
  it('the signal raised after 100 runs ends the search within one more run (not 64, not the budget)', () => {
    const model = counters(1000, { actions: 0 });
    // Every run checks the property on the initial state first (and never comes back to it).
    let runs = 0;
    const counted: Model<V, Inc> = {
      ...model,
      properties: [always('SumBelow', (s) => (s.every((v) => v === 0) && runs++, model.properties[0].pred(s)))],
    };
    const signal = {
      get aborted() {
        return runs >= 100;
      },
    };
    const r = exploreRandom(counted, { seed: 1, runs: 200_000, steps: 10, signal });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'interrupted' });
    expect(r.stats.runs).toBeGreaterThanOrEqual(100);
    expect(r.stats.runs).toBeLessThanOrEqual(101);
    expect(runs).toBeLessThanOrEqual(101);
    expect(r.properties[0].verdict).toBe('unknown');
  });

  it('a time limit ends the search long before a huge budget of runs', () => {
    const r = exploreRandom(counters(1000, { actions: 0 }), { seed: 1, runs: 200_000, steps: 20, timeLimitMs: 1 });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'time-limit' });
    // A run takes well over a microsecond: 1 ms leaves room for fewer than a thousand.
    expect(r.stats.runs).toBeLessThan(1_000);
  });

  it('shrinking stops at the signal: no more replays once it is raised, and the failure is kept', () => {
    const calls = { actions: 0 };
    const model = counters(30, calls);
    let from = -1;
    const signal = {
      get aborted() {
        return from >= 0 && calls.actions - from > 1_000;
      },
    };
    const watched: Model<V, Inc> = {
      ...model,
      properties: [always('SumBelow', (s) => {
        const ok = model.properties[0].pred(s);
        if (!ok && from < 0) from = calls.actions;
        return ok;
      })],
    };
    const r = exploreRandom(watched, { seed: 2, runs: 1_000, steps: 60, signal });
    expect(from).toBeGreaterThanOrEqual(0);
    // At most the replay under way when it was raised, and the counterexample's own replay.
    expect(calls.actions - from).toBeLessThan(1_000 + 2 * 61);
    const cx = r.properties[0].counterexample!;
    expect(r.properties[0].verdict).toBe('fails');
    expect(replay(model, model.properties[0], cx.actions.map((action) => ({ action }))).violated).toBe(true);
  });

  it('the minimising breadth-first search stops at the signal too', () => {
    const calls = { actions: 0 };
    const model = counters(30, calls);
    // Runs and shrinking replays start over from the initial state (sum 0) every 60 steps at
    // most; only the breadth-first search calls actions() on states of non-decreasing sums
    // for long: the signal is raised 5,000 calls into it.
    let last = 0;
    let streak = 0;
    let longest = 0;
    const tracked: Model<V, Inc> = {
      ...model,
      actions: (s) => {
        const sum = s.reduce((x, y) => x + y, 0);
        streak = sum < last ? 0 : streak + 1;
        longest = Math.max(longest, streak);
        last = sum;
        return model.actions(s);
      },
    };
    const signal = {
      get aborted() {
        return streak > 5_000;
      },
    };
    const r = exploreRandom(tracked, { seed: 2, runs: 1_000, steps: 60, signal });
    expect(longest).toBeGreaterThan(5_000);
    // It polls the signal every 1,024 states (it would expand some 80,000 otherwise).
    expect(longest).toBeLessThan(5_000 + 2_048);
    expect(r.properties[0].verdict).toBe('fails');
    expect(r.stats.complete).toBe(false);
  });

  it('without a stop the same search minimises to the shortest counterexample', () => {
    const r = exploreRandom(counters(12, { actions: 0 }), { seed: 2, runs: 1_000, steps: 60 });
    expect(r.properties[0].counterexample!.length).toBe(12);
    expect(r.stats.complete).toBe(true);
  });
});
