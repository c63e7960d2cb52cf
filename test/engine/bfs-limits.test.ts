// The exhaustive explorer's own limits and reports, on every serial storage path: it reads the
// stop flag, the clock and the memory every 1,024 expansions (CHECK_EVERY), stops with the
// reason that tripped, and reports progress. The clock is a stub (performance.now advancing a
// fixed step a call), so nothing here depends on how fast the machine is.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions, type ExhaustiveProgress } from '../../engine/bfs.js';
import type { Model } from '../../model/core/model.js';
import { always } from '../../model/core/property.js';
import { SIZES, sqsPool } from '../../scenarios/sqs-pool/model.js';
import { packedSqsPool } from '../../scenarios/sqs-pool/packed.js';
import { encodedSqsPool } from '../../scenarios/sqs-pool/schema.js';
import { counter, type Up } from '../fixtures/counter-model.js';

/** sqs-pool medium: 38,895 states, 204,090 transitions (the anchors' counts). */
const STATES = 38_895;
const TRANSITIONS = 204_090;
const CHECK_EVERY = 1024;

const PATHS: Record<string, [() => Model<any, any>, ExhaustiveOptions]> = {
  'inferred codes': [() => sqsPool(SIZES.medium), {}],
  fingerprints: [() => sqsPool(SIZES.medium), { infer: false }],
  'schema codes': [() => encodedSqsPool(SIZES.medium), {}],
  'packed transitions': [() => packedSqsPool(SIZES.medium), {}],
};

/** performance.now advancing `step` ms a call, from 1,000. */
function steppedClock(step: number): void {
  let t = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => (t += step));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(Object.entries(PATHS))('exhaustive limits, %s', (path, [model, base]) => {
  // The object loop and the packed loop; the others share the object loop's checks.
  const loop = path === 'inferred codes' || path === 'packed transitions';
  it('reads the stop flag once every 1,024 expansions', () => {
    let reads = 0;
    const r = exploreExhaustive(model(), { ...base, full: true, signal: { get aborted() { reads++; return false; } } });
    expect(r.stats).toMatchObject({ distinctStates: STATES, transitions: TRANSITIONS, complete: true });
    // Every state is expanded once in a full run.
    expect(reads).toBe(Math.floor(STATES / CHECK_EVERY));
  });

  it('a flag set at the third read stops at the 3,072nd expansion, interrupted', () => {
    let reads = 0;
    const r = exploreExhaustive(model(), { ...base, full: true, signal: { get aborted() { return ++reads >= 3; } } });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'interrupted' });
    expect(reads).toBe(3);
    // The states found while expanding the first 3,071: more than that, far fewer than all.
    expect(r.stats.distinctStates).toBeGreaterThan(3 * CHECK_EVERY - 1);
    expect(r.stats.distinctStates).toBeLessThan(STATES);
  });

  it('a time limit: stops at the first check past it, and not before', () => {
    steppedClock(100);
    const stopped = exploreExhaustive(model(), { ...base, full: true, timeLimitMs: 150 });
    expect(stopped.stats).toMatchObject({ complete: false, stoppedBy: 'time-limit' });
    expect(stopped.stats.distinctStates).toBeLessThan(STATES);
    // A limit the run never reaches (each check costs the stub 100 ms; there are 37 of them).
    const whole = exploreExhaustive(model(), { ...base, full: true, timeLimitMs: 1_000_000 });
    expect(whole.stats).toMatchObject({ distinctStates: STATES, complete: true });
    expect(whole.stats.stoppedBy).toBeUndefined();
  });

  if (loop) {
    it('a memory limit: stops at the first check over it (1 MB: always), never under a generous one', () => {
      const stopped = exploreExhaustive(model(), { ...base, full: true, maxMemoryMb: 1 });
      expect(stopped.stats).toMatchObject({ complete: false, stoppedBy: 'max-memory' });
      expect(stopped.stats.distinctStates).toBeLessThan(STATES);
      const whole = exploreExhaustive(model(), { ...base, full: true, maxMemoryMb: 1_000_000 });
      expect(whole.stats).toMatchObject({ distinctStates: STATES, complete: true });
    });

    it('progress: at checks more than 50 ms after the last report, with counts that only grow', () => {
      // 25 ms a clock read, one read a check: a report every third check (75 ms; two are only 50).
      steppedClock(25);
      const seen: ExhaustiveProgress[] = [];
      const r = exploreExhaustive(model(), { ...base, full: true, onProgress: (p) => seen.push(p) });
      expect(r.stats.distinctStates).toBe(STATES);
      // 37 checks: reports at the 3rd, 6th, ... 36th.
      expect(seen.length).toBe(Math.floor(STATES / CHECK_EVERY / 3));
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i].distinctStates).toBeGreaterThanOrEqual(seen[i - 1].distinctStates);
        expect(seen[i].transitions).toBeGreaterThan(seen[i - 1].transitions);
        expect(seen[i].elapsedMs).toBeGreaterThan(seen[i - 1].elapsedMs);
      }
      const last = seen[seen.length - 1];
      expect(last.distinctStates).toBeLessThanOrEqual(STATES);
      expect(last.transitions).toBeLessThan(TRANSITIONS);
      expect(last.elapsedMs).toBeGreaterThan(0);
      expect(last.frontier).toBeGreaterThan(0);
    });
  }
});

describe('what a run reports besides its verdicts', () => {
  it('the stop flag is read at the 1,024th expansion, not the 1,025th: twice in 2,048 states', () => {
    let reads = 0;
    const r = exploreExhaustive(counter([], 2047), { signal: { get aborted() { reads++; return false; } } });
    expect(r.stats).toMatchObject({ distinctStates: 2048, complete: true });
    expect(reads).toBe(2);
  });

  it('a model without properties: the whole space, nothing to decide early', () => {
    expect(exploreExhaustive(counter([])).stats).toMatchObject({ distinctStates: 4, transitions: 3, maxDepth: 3, complete: true });
    expect(exploreExhaustive(sqsPool(SIZES.small, 'correct'), {}).stats.distinctStates).toBe(382);
    expect(exploreExhaustive({ ...sqsPool(SIZES.small, 'correct'), properties: [] }).stats).toMatchObject({ distinctStates: 382, transitions: 1206, complete: true });
  });

  it('a worst value at an initial state: measured there, reached by no step', () => {
    const model = counter([always('Small', (s) => s.x < 10, undefined, { of: (s) => 10 - s.x, unit: 's', label: 'Slack' })]);
    for (const opts of [{}, { infer: false }] as ExhaustiveOptions[]) {
      const [p] = exploreExhaustive(model, opts).properties;
      expect(p.verdict).toBe('holds');
      expect(p.worst).toMatchObject({ value: 10, complete: true, trace: { initIndex: 0, labels: [] } });
    }
  });

  it('a counterexample and a worst trace found under prompt control say so (their replay must use the rule); others do not', () => {
    const model = counter([always('Low', (s) => s.x < 2), always('Any', () => true, undefined, { of: (s) => s.x, unit: 's', label: 'X' })]);
    const prompt = exploreExhaustive(model, { promptControl: true, full: true }).properties;
    expect(prompt[0].counterexample).toMatchObject({ length: 2, promptControl: true });
    expect(prompt[1].worst).toMatchObject({ value: 3, trace: { promptControl: true } });
    expect(prompt[1].verdict).toBe('holds');
    expect(prompt[1].counterexample).toBeUndefined();
    const loose = exploreExhaustive(model, { full: true }).properties;
    expect(loose[0].counterexample?.length).toBe(2);
    expect(loose[0].counterexample?.promptControl).toBeUndefined();
    expect(loose[1].worst?.trace.promptControl).toBeUndefined();
  });

  it('coverage of a model without components counts every action under "model"', () => {
    const r = exploreExhaustive(counter([]), { coverage: true });
    expect(r.coverage).toEqual({ actions: { model: { Up: 3 } } });
  });
});

describe('the limits at their boundaries', () => {
  it('a time limit reached exactly is not yet passed (100 ms a clock read: checks at +100, +200, +300)', () => {
    steppedClock(100);
    const r = exploreExhaustive(counter([], 4095), { timeLimitMs: 200 });
    expect(r.stats).toMatchObject({ distinctStates: 3 * 1024, stoppedBy: 'time-limit' });
  });

  it('a memory use exactly at the limit is not over it', () => {
    vi.spyOn(process.memoryUsage, 'rss').mockReturnValue(1024 * 1024);
    expect(exploreExhaustive(counter([], 4095), { maxMemoryMb: 1 }).stats).toMatchObject({ distinctStates: 4096, complete: true });
    vi.spyOn(process.memoryUsage, 'rss').mockReturnValue(1024 * 1024 + 1);
    expect(exploreExhaustive(counter([], 4095), { maxMemoryMb: 1 }).stats).toMatchObject({ distinctStates: 1024, stoppedBy: 'max-memory' });
  });
});

describe('the stats of a run', () => {
  it('search time, the rate, the frontier and the mode (a stubbed clock: 100 ms a read)', () => {
    steppedClock(100);
    const whole = exploreExhaustive(counter([], 2047));
    expect(whole.mode).toBe('exhaustive');
    // Read at the start, at the 2 checks and twice at the end (the liveness timer, the search time): 400 ms.
    expect(whole.stats.searchMs).toBe(400);
    expect(whole.stats.statesPerSecond).toBeCloseTo((2048 / 400) * 1000, 6);
    expect(whole.stats.frontier).toBe(0);
    let reads = 0;
    const stopped = exploreExhaustive(counter([], 2047), { signal: { get aborted() { return ++reads >= 1; } } });
    // Stopped at the 1,024th expansion: one state (1,023) waits in the frontier.
    expect(stopped.stats).toMatchObject({ distinctStates: 1024, frontier: 1, maxDepth: 1023, complete: false, stoppedBy: 'interrupted' });
  });

  it('a run too quick to time: a rate of 0, not Infinity', () => {
    steppedClock(0);
    expect(exploreExhaustive(counter([])).stats).toMatchObject({ searchMs: 0, statesPerSecond: 0 });
  });

  it('a run stopped by --max-states inside a level: the depth of the deepest state stored', () => {
    const grid: Model<{ x: number; y: number }, { type: 'X' | 'Y'; kind: 'op' }> = {
      init: () => [{ x: 0, y: 0 }],
      actions: (s) => [...(s.x < 3 ? [{ type: 'X' as const, kind: 'op' as const }] : []), ...(s.y < 3 ? [{ type: 'Y' as const, kind: 'op' as const }] : [])],
      next: (s, a) => (a.type === 'X' ? { x: s.x + 1, y: s.y } : { x: s.x, y: s.y + 1 }),
      properties: [],
    };
    // (0,0); (1,0) (0,1); then (2,0) from (1,0): the 4th state is at depth 2 while level 1 is expanded.
    expect(exploreExhaustive(grid, { maxStates: 4 }).stats).toMatchObject({ distinctStates: 4, maxDepth: 2, stoppedBy: 'max-states' });
    expect(exploreExhaustive(grid, { maxStates: 3 }).stats).toMatchObject({ distinctStates: 3, maxDepth: 1, stoppedBy: 'max-states' });
    expect(exploreExhaustive(grid).stats).toMatchObject({ distinctStates: 16, maxDepth: 6, frontier: 0, complete: true });
  });
});

describe('a model error names the call, the action and the step, from the first expansion on', () => {
  const throwing = (where: 'next' | 'actions', at: number): Model<{ x: number }, Up> => {
    const base = counter([]);
    return where === 'next'
      ? { ...base, next: (s, a) => { if (s.x === at) throw new Error('boom'); return base.next(s, a); } }
      : { ...base, actions: (s) => { if (s.x === at) throw new Error('boom'); return base.actions(s); } };
  };
  it.each([
    ['next', 0, 'next(s, Up) threw Error: boom at step 1 (exhaustive)'],
    ['next', 1, 'next(s, Up) threw Error: boom at step 2 (exhaustive)'],
    ['actions', 0, 'actions(s) threw Error: boom at step 1 (exhaustive)'],
    ['actions', 2, 'actions(s) threw Error: boom at step 3 (exhaustive)'],
  ] as const)('%s throwing in state %i', (where, at, message) => {
    for (const opts of [{}, { infer: false }] as ExhaustiveOptions[]) expect(() => exploreExhaustive(throwing(where, at), opts)).toThrow(message);
  });

  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [7, 'a number'],
  ])('next returning %s: named as what it returned', (bad, what) => {
    const base = counter([]);
    const model = { ...base, next: (s: { x: number }, a: Up) => (s.x === 1 ? bad : base.next(s, a)) } as unknown as Model<{ x: number }, Up>;
    for (const opts of [{}, { infer: false }] as ExhaustiveOptions[]) expect(() => exploreExhaustive(model, opts)).toThrow(`next(s, Up) returned ${what} at step 2 (exhaustive)`);
  });

  it('an initial state that is not plain data: step 0', () => {
    const model = { ...counter([]), init: () => [{ x: 0 }, { x: () => 1 }] } as unknown as Model<{ x: number }, Up>;
    for (const opts of [{}, { infer: false }] as ExhaustiveOptions[]) expect(() => exploreExhaustive(model, opts)).toThrow('an initial state holds a function at .x at step 0 (exhaustive)');
  });
});
