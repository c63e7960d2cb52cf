// Mutation survivors of engine/parallel/explore.ts (MUTATION.md, engine-h): a model's own codec
// (with infer: false too), inferred widths 8 -> 16 -> 32 bits and the fingerprints fallback, errors
// that are no ShapeMismatch, prompt control's flags, worst values of a run stopped at once, progress.
import { describe, expect, it } from 'vitest';
import { asyncErrorOf as errorOf } from '../fixtures/error-of.js';
import { exploreExhaustive, type ExhaustiveOptions, type ExhaustiveProgress } from '../../engine/bfs.js';
import { FINGERPRINTS_WORKERS_NOTICE, exploreParallel, inferLayout } from '../../engine/parallel/explore.js';
import { loadModelRef, type ModelRef } from '../../engine/model-ref.js';
import type { Report } from '../../engine/report.js';
import { bigintStart, pager, tally, tank, unreadableStart } from '../fixtures/parallel-fallback-models.js';
import { peak, PEAKS } from '../fixtures/worst-models.js';

const FIXTURES = new URL('../fixtures/parallel-fallback-models.ts', import.meta.url).href;
const WORST = new URL('../fixtures/worst-models.ts', import.meta.url).href;
const ref = (name: string, ...args: unknown[]): ModelRef => ({ module: FIXTURES, export: name, args });

/** What must equal between two complete runs: counts, and per property its verdict, counterexample and worst value. */
function summary(r: Report) {
  return {
    counts: [r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth, r.stats.complete, r.stats.frontier],
    properties: r.properties.map((p) => [p.name, p.verdict, p.counterexample?.labels ?? null, p.worst ? [p.worst.value, p.worst.trace.labels] : null]),
  };
}

/** The serial explorer's run and the parallel one's (2 workers) on the model `r` names. */
async function both(r: ModelRef, opts: ExhaustiveOptions = {}) {
  const model = await loadModelRef(r);
  return { serial: exploreExhaustive(model, opts), parallel: await exploreParallel(r, { workers: 2, ...opts }) };
}

describe('inferLayout: the narrowest fields that hold the initial states', () => {
  it('8 bits for none of 1000, 16 bits for it (with its strings); 100000 needs 32 bits; a float no width', () => {
    expect(inferLayout(tally(1000, 10, 5), 8)).toBeUndefined();
    expect(inferLayout(tally(1000, 10, 5), 16)).toMatchObject({ width: 16, strings: ['t0'] });
    expect(inferLayout(tally(100000, 10, 5), 16)).toBeUndefined();
    expect(inferLayout(tally(100000, 10, 5), 32)).toMatchObject({ width: 32, strings: ['t0'] });
    for (const width of [8, 16, 32] as const) expect(inferLayout(tank(4), width)).toBeUndefined();
  });

  it('an initial state that cannot be read is the model\'s error, as the serial explorer reports it, not a state that does not fit', async () => {
    const serial = await errorOf(() => exploreExhaustive(unreadableStart()));
    expect(serial.message).toBe('unreadableStart: n is not ready');
    expect((await errorOf(() => inferLayout(unreadableStart(), 8))).message).toBe(serial.message);
    const parallel = await errorOf(() => exploreParallel(ref('unreadableStart'), { workers: 2 }));
    expect(parallel.message).toBe(serial.message);
    expect(parallel.message).not.toContain(FINGERPRINTS_WORKERS_NOTICE);
  });

  it('an initial state that is not plain data (a bigint in the second one): no layout, and the serial explorer\'s one-line model error, not a TypeError from the encoder', async () => {
    const serial = await errorOf(() => exploreExhaustive(bigintStart()));
    expect(serial.message).toBe('an initial state holds a bigint at .n at step 0 (exhaustive)');
    for (const width of [8, 16, 32] as const) expect(inferLayout(bigintStart(), width)).toBeUndefined();
    const parallel = await errorOf(() => exploreParallel(ref('bigintStart'), { workers: 2 }));
    expect([parallel.name, parallel.message]).toEqual([serial.name, serial.message]);
  });
});

describe('--workers with codes inferred from the initial state, or fingerprints', () => {
  it('initial states wider than 8 bits (16, then 32): exact codes on the workers, the serial counts, no notice', async () => {
    for (const from of [1000, 100000]) {
      const { serial, parallel } = await both(ref('tally', from, 40, 30), { full: true });
      expect(summary(parallel)).toEqual(summary(serial));
      expect(parallel.stats.distinctStates).toBe(41);
      expect(parallel.properties[0].verdict).toBe('fails');
      expect(parallel.notices).toBeUndefined();
      // Exact codes: no chance of a hash collision to report.
      expect(parallel.stats.collisionProbability).toBeUndefined();
    }
  });

  it('an initial state no code holds (a float): the serial explorer with fingerprints, with the notice', async () => {
    const { serial, parallel } = await both(ref('tank', 6), { full: true });
    expect(parallel.notices).toEqual([FINGERPRINTS_WORKERS_NOTICE]);
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.stats.distinctStates).toBe(10);
    expect(parallel.stats.collisionProbability).toBeGreaterThan(0);
  });

  it('a model with its own codec (a schema) is explored on the workers with it, even with infer: false', async () => {
    const r: ModelRef = { module: WORST, export: 'peak', args: [10, 'schema'] };
    const parallel = await exploreParallel(r, { workers: 2, infer: false, full: true });
    const serial = exploreExhaustive(peak(10, 'schema'), { infer: false, full: true });
    expect(parallel.notices).toBeUndefined();
    expect(parallel.stats.collisionProbability).toBeUndefined();
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.properties[0].worst).toMatchObject({ value: 9, complete: true, trace: { labels: ['Up', 'Up'] } });
  });
});

describe('--workers under prompt control (a clock whose Tick waits while Restart is due)', () => {
  it('the serial counts and results with prompt control: counterexamples and worst traces say so', async () => {
    const { serial, parallel } = await both(ref('pager', 3, 120), { promptControl: true, full: true });
    expect(parallel.stats.distinctStates).toBe(2);
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.properties).toEqual(serial.properties);
    const [stays, brief] = parallel.properties;
    expect(stays).toMatchObject({ name: 'Stays', verdict: 'fails', counterexample: { labels: ['Fail'], promptControl: true } });
    expect(brief).toMatchObject({ name: 'Brief', verdict: 'holds', worst: { value: 60, trace: { labels: ['Fail'], promptControl: true } } });
  });

  it('without it: every Tick explored, as the serial run, and no flag', async () => {
    const { serial, parallel } = await both(ref('pager', 3, 120), { full: true });
    expect(parallel.stats.distinctStates).toBe(5);
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.properties).toEqual(serial.properties);
    expect(parallel.properties[1]).toMatchObject({ verdict: 'fails', counterexample: { labels: ['Fail', 'Tick'] }, worst: { value: 240 } });
    for (const p of parallel.properties) {
      expect(p.counterexample?.promptControl).toBeUndefined();
      expect(p.worst?.trace.promptControl).toBeUndefined();
    }
  });
});

describe('--workers: a run stopped before its first level, and progress inside a level', () => {
  it('interrupted before any state is expanded: the initial state stored, nothing decided, any worst value the initial state\'s', async () => {
    const r = await exploreParallel({ module: WORST, export: 'peak', args: [10, 'schema'] }, { workers: 2, signal: AbortSignal.abort() });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'interrupted', distinctStates: 1, transitions: 0, frontier: 1 });
    const [p] = r.properties;
    expect(p.verdict).toBe('unknown');
    if (p.worst) expect(p.worst).toMatchObject({ value: PEAKS[0], complete: false, trace: { labels: [] } });
  });

  it('the frontier is the part of the current level not yet expanded: within the level, and smaller once workers report progress in it', async () => {
    const width = 3000;
    // The workers wait in the middle of level 1 (past its first progress mark) until a report shows it.
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const levels = [1, width, 1];
    const seen: ExhaustiveProgress[] = [];
    const r = await exploreParallel(ref('fan', width, gate), {
      workers: 2,
      full: true,
      onProgress: (p) => {
        seen.push({ ...p });
        if (p.depth === 1 && p.frontier < width) {
          Atomics.store(gate, 0, 1);
          Atomics.notify(gate, 0);
        }
      },
    });
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth, r.stats.complete]).toEqual([width + 2, 2 * width, 2, true]);
    for (const p of seen) {
      expect(p.frontier).toBeGreaterThanOrEqual(0);
      expect(p.frontier).toBeLessThanOrEqual(levels[p.depth]);
    }
    expect(seen.some((p) => p.depth === 1 && p.frontier < width)).toBe(true);
  });
});

describe('--workers on a model a worker cannot build', () => {
  it('the worker\'s error ends the run: no wider retry, no serial run in its place', async () => {
    const builds = new Int32Array(new SharedArrayBuffer(4));
    const e = await errorOf(() => exploreParallel(ref('failsOnce', 20, builds), { workers: 2 }));
    expect(e.message).toBe('failsOnce: the first build in a worker thread fails');
    // No second run after the failure: at most the first run's two workers built it.
    expect(Atomics.load(builds, 0)).toBeLessThanOrEqual(2);
  });
});
