// --workers on plain-object models: one inferred code layout for every worker (engine/parallel/),
// widened or abandoned exactly where the serial explorer widens or abandons its own.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { FINGERPRINTS_WORKERS_NOTICE, IN_PROCESS_MODEL, inferLayout, exploreParallel } from '../../engine/parallel/explore.js';
import { loadModelRef, type ModelRef } from '../../engine/model-ref.js';
import type { Report } from '../../engine/report.js';
import { replay } from '../../engine/trace.js';
import { InputError } from '../../engine/scenario.js';
import { SIZES } from '../../scenarios/sqs-pool/model.js';
import { counter, grid } from '../fixtures/parallel-plain-models.js';

const FIXTURES = new URL('../fixtures/parallel-plain-models.ts', import.meta.url).href;
const ref = (name: string, ...args: unknown[]): ModelRef => ({ module: FIXTURES, export: name, args });
const plainPool = (size: string, variant: 'correct' | 'early-delete' = 'correct'): ModelRef => ({
  module: new URL('../../scenarios/sqs-pool/model.ts', import.meta.url).href,
  export: 'sqsPool',
  args: [SIZES[size], variant],
});

/** What must equal between two runs: counts, completeness, and per property its verdict and counterexample length. */
function summary(r: Report) {
  return {
    counts: [r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth, r.stats.complete, r.stats.frontier],
    properties: r.properties.map((p) => [p.name, p.verdict, p.counterexample?.length ?? null, p.counterexample?.recoveryFrom ?? null]),
  };
}

/** The serial explorer's run and the parallel one's on the model `r` names. */
async function both(r: ModelRef, workers: number, opts: ExhaustiveOptions = {}) {
  const model = await loadModelRef(r);
  return { model, serial: exploreExhaustive(model, opts), parallel: await exploreParallel(r, { workers, ...opts }) };
}

/** Every counterexample of `report` replays on the model to a violation (or the reached state). */
function expectReplays(model: Awaited<ReturnType<typeof loadModelRef>>, report: Report): void {
  report.properties.forEach((p, i) => {
    const cx = p.counterexample;
    if (!cx || cx.recoveryFrom !== undefined) return;
    const run = replay(model, model.properties[i], cx.actions.map((action) => ({ action })), { initIndex: cx.initIndex });
    expect(run.violated, p.name).toBe(true);
  });
}

describe('--workers on plain-object models: the serial counts and verdicts', () => {
  it('sqs-pool (plain objects, string statuses): the anchored counts with 2 and 3 workers', async () => {
    const small = await exploreParallel(plainPool('small'), { workers: 3 });
    expect([small.stats.distinctStates, small.stats.transitions, small.stats.maxDepth]).toEqual([382, 1206, 12]);
    expect(small.notices).toBeUndefined();
    const full = await exploreParallel(plainPool('small', 'early-delete'), { workers: 2, full: true });
    expect([full.stats.distinctStates, full.stats.transitions, full.stats.maxDepth]).toEqual([102, 238, 8]);
    const medium = await exploreParallel(plainPool('medium'), { workers: 2 });
    expect([medium.stats.distinctStates, medium.stats.transitions, medium.stats.maxDepth, medium.properties[0].verdict]).toEqual([38_895, 204_090, 23, 'holds']);
  });

  it('sqs-pool early-delete: the shortest (3-action) counterexample, replayed, the same on every run', async () => {
    const { model, serial, parallel } = await both(plainPool('medium', 'early-delete'), 2);
    expect(parallel.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { length: 3 } });
    expect(serial.properties[0].counterexample!.length).toBe(3);
    expectReplays(model, parallel);
    const again = await exploreParallel(plainPool('medium', 'early-delete'), { workers: 2 });
    expect(again.properties[0].counterexample!.labels).toEqual(parallel.properties[0].counterexample!.labels);
  });

  it('integers that outgrow the 8-bit fields of the initial state: widened in every worker, the serial counts', async () => {
    // The initial state fits 8-bit fields, so the run starts with them; n reaches 600.
    expect(inferLayout(counter(600, 500), 8)?.width).toBe(8);
    // Three workers: the most of them widening at once (two: the depth-bounded run below).
    const { model, serial, parallel } = await both(ref('counter', 600, 500), 3, { full: true });
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.stats.distinctStates).toBe(601);
    expect(parallel.properties.map((p) => p.verdict)).toEqual(['fails', 'reached']);
    expectReplays(model, parallel);
    expect(parallel.notices).toBeUndefined();
    // Without --full: the same verdicts and shortest lengths (the parallel run stops at the end of a level).
    const early = await both(ref('counter', 600, 500), 2);
    expect(summary(early.parallel).properties).toEqual(summary(early.serial).properties);
  });

  it('strings first seen deep in the search, in several workers at once: one dictionary, more than 8-bit ids, the serial counts', async () => {
    // 400 cell names: more than 256 ids, first seen level by level.
    expect(inferLayout(grid(20), 8)?.strings).toEqual(['c0-0']);
    // Three workers: the most of them meeting new strings at once.
    const { model, serial, parallel } = await both(ref('grid', 20), 3, { full: true, coverage: true });
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.stats.distinctStates).toBe(400);
    // A level expanded again (its provisional string ids dropped) is counted once.
    expect(parallel.coverage).toEqual(serial.coverage);
    expect(parallel.properties.map((p) => [p.verdict, p.counterexample?.length])).toEqual([
      ['fails', 38],
      ['reached', undefined],
    ]);
    expectReplays(model, parallel);
  });

  it('strings within 8-bit ids, new at many levels: the serial counts with 2 workers, and a depth bound as the serial one', async () => {
    const { serial, parallel } = await both(ref('grid', 12), 2, { full: true });
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.stats.distinctStates).toBe(144);
    const bounded = await both(ref('grid', 12), 2, { full: true, maxDepth: 7 });
    expect(summary(bounded.parallel)).toEqual(summary(bounded.serial));
    expect(bounded.parallel.stats).toMatchObject({ complete: false, stoppedBy: 'depth' });
  });

  it('a recovers property on string states: checked in the workers, the serial result', async () => {
    const { serial, parallel } = await both(ref('service', 2), 2, { full: true });
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.properties).toEqual(serial.properties);
    expect(parallel.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { labels: ['Kick', 'Heal', 'Heal', 'Heal'], recoveryFrom: 1 } });
  });

  it('symmetry reduction on a plain-object model: the serial (fingerprint) counts, a replayable counterexample', async () => {
    const { model, serial, parallel } = await both(plainPool('medium', 'early-delete'), 2, { symmetry: true, full: true });
    expect(summary(parallel)).toEqual(summary(serial));
    expectReplays(model, parallel);
  });

  it('states that no inferred layout holds (a key appears): the serial explorer with fingerprints, with a one-line notice', async () => {
    const { serial, parallel } = await both(ref('shapeShifter', 40, 9), 2, { full: true });
    expect(parallel.notices).toEqual([FINGERPRINTS_WORKERS_NOTICE]);
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.stats.distinctStates).toBe(41);
  });
});

describe('--workers on a model built in this process', () => {
  it('is refused in one line: worker threads rebuild a model from its module', async () => {
    const model = counter(10, 5);
    await expect(exploreParallel(model as never, { workers: 2 })).rejects.toThrow(InputError);
    await expect(exploreParallel(model as never, { workers: 2 })).rejects.toThrow(IN_PROCESS_MODEL);
    expect(IN_PROCESS_MODEL).not.toContain('\n');
  });
});
