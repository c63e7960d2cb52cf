import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { loadModelRef, type ModelRef } from '../../engine/model-ref.js';
import { bundledRef, fileRef } from '../../cli/model-source.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { replay } from '../../engine/trace.js';
import { SIZES } from '../../scenarios/sqs-pool/model.js';
import { labelOf } from '../../model/core/model.js';
import { BROKEN_AT_STEP_5 } from '../fixtures/broken-model.js';

const schemaModule = new URL('../../scenarios/sqs-pool/schema.ts', import.meta.url).href;
const pool = (size: string, variant: 'correct' | 'early-delete' = 'correct'): ModelRef => ({
    module: schemaModule,
  export: 'encodedSqsPool',
  args: [SIZES[size], variant],
});

const packed = (size: string, variant: 'correct' | 'early-delete' = 'correct'): ModelRef => ({
    module: new URL('../../scenarios/sqs-pool/packed.ts', import.meta.url).href,
  export: 'packedSqsPool',
  args: [SIZES[size], variant],
});

/** The serial explorer on the same model, for side-by-side comparison. */
async function serial(ref: ModelRef, opts: ExhaustiveOptions = {}) {
  return exploreExhaustive(await loadModelRef(ref), opts);
}

// Anchors (../shared/bench/anchors/RESULTS.md): SPIN and two JS BFSs agree on these.
const COUNTS = [
  { what: 'sqs-pool small', ref: pool('small'), full: false, want: [382, 1206, 12] },
  { what: 'sqs-pool medium', ref: bundledRef('sqs-pool', { size: 'medium' }), full: false, want: [38_895, 204_090, 23] },
  { what: 'sqs-pool early-delete --full small', ref: pool('small', 'early-delete'), full: true, want: [102, 238, 8] },
  { what: 'sqs-pool medium, packed transitions', ref: packed('medium'), full: false, want: [38_895, 204_090, 23] },
];

// Every model with 2 workers; 1 and 3 workers on two each (a worker costs about half a second to
// start under tsx, so the suite does not start one per model and count).
const WORKER_COUNTS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['sqs-pool small', 'sqs-pool medium']],
  [2, COUNTS.map((c) => c.what)],
  [3, ['sqs-pool early-delete --full small', 'sqs-pool medium, packed transitions']],
];

describe('parallel exhaustive explorer: exactly the serial counts', () => {
  for (const [workers, models] of WORKER_COUNTS) {
    it(`${workers} worker(s): ${models.join('; ')}`, async () => {
      for (const { ref, full, want } of COUNTS.filter((c) => models.includes(c.what))) {
        const r = await exploreParallel(ref, { workers, full });
        expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual(want);
        expect(r.stats).toMatchObject({ complete: true, frontier: 0 });
        expect(r.properties[0].verdict).toBe(full ? 'fails' : 'holds');
        expect(r.stats.structBytes).toBeGreaterThan(want[0] * 10);
      }
    });
  }

  it('two-phase commit: 288 states, always holds and sometimes is reached, coverage as the serial run', async () => {
    const ref = bundledRef('two-phase-commit', { rms: 3 });
    const want = await serial(ref, { full: true, coverage: true });
    const r = await exploreParallel(ref, { workers: 2, full: true, coverage: true });
    expect(r.stats).toMatchObject({ distinctStates: 288, transitions: want.stats.transitions, maxDepth: want.stats.maxDepth });
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['TCConsistent', 'holds'],
      ['ReachedCommit', 'reached'],
    ]);
    expect(r.coverage).toEqual(want.coverage);
  });

  it('symmetry reduction: the serial counts, and a counterexample that replays on the concrete model', async () => {
    const want = await serial(pool('medium'), { symmetry: true });
    const r = await exploreParallel(pool('medium'), { workers: 2, symmetry: true });
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([want.stats.distinctStates, want.stats.transitions, want.stats.maxDepth]);
    const bug = await exploreParallel(pool('small', 'early-delete'), { workers: 3, symmetry: true });
    const cx = bug.properties[0].counterexample!;
    expect(cx.length).toBe(3);
    const model = await loadModelRef(pool('small', 'early-delete'));
    expect(replay(model, model.properties[0], cx.actions.map((action) => ({ action })), { initIndex: cx.initIndex }).violated).toBe(true);
  });
});

describe('parallel counterexamples', () => {
  it('early-delete: a shortest (3-action) counterexample that replays, the same on every run', async () => {
    for (const [ref, workers] of [
      [pool('medium', 'early-delete'), 1],
      [pool('medium', 'early-delete'), 2],
      [pool('medium', 'early-delete'), 3],
      [packed('medium', 'early-delete'), 2],
    ] as const) {
      const model = await loadModelRef(ref);
      const r = await exploreParallel(ref, { workers });
      const cx = r.properties[0].counterexample!;
      expect(r.properties[0].verdict).toBe('fails');
      expect(r.stats.complete).toBe(true);
      expect(r.stats.maxDepth).toBe(3);
      expect(cx.length).toBe(3);
      expect(cx.labels).toEqual(cx.actions.map((a) => labelOf(model, a)));
      const run = replay(model, model.properties[0], cx.actions.map((action) => ({ action })), { initIndex: cx.initIndex });
      expect(run.violated).toBe(true);
      expect(run.steps.map((s) => s.holds)).toEqual([true, true, false]);
      // Reproducible: the lowest (worker, id) violation of the level is reported (checked where
      // most workers race for it).
      if (workers === 3) {
        const again = await exploreParallel(ref, { workers });
        expect(again.properties[0].counterexample!.labels).toEqual(cx.labels);
      }
    }
  });

  it('die-hard: 16 states and a 6-action solution that replays', async () => {
    const ref = bundledRef('die-hard');
    const model = await loadModelRef(ref);
    const r = await exploreParallel(ref, { workers: 3, full: true });
    expect(r.stats).toMatchObject({ distinctStates: 16, complete: true });
    const cx = r.properties[0].counterexample!;
    expect(cx.length).toBe(6);
    const run = replay(model, model.properties[0], cx.actions.map((action) => ({ action })));
    expect(run.violated).toBe(true);
    expect((run.steps[5].state as { big: number }).big).toBe(4);
    // Without --full it stops at the end of level 6, with the same verdict and length.
    const early = await exploreParallel(ref, { workers: 2 });
    expect(early.properties[0].counterexample!.length).toBe(6);
    expect(early.stats.maxDepth).toBe(6);
  });
});

describe('parallel bounds and errors', () => {
  it('rejects a worker count outside 1..64 (a plain-object model is explored: parallel-inferred.test.ts)', async () => {
    await expect(exploreParallel(pool('small'), { workers: 0 })).rejects.toThrow(/workers must be an integer/);
    await expect(exploreParallel(pool('small'), { workers: 65 })).rejects.toThrow(/workers must be an integer/);
  });

  it('maxDepth stops exactly where the serial explorer does', async () => {
    const want = await serial(pool('medium'), { maxDepth: 7 });
    const r = await exploreParallel(pool('medium'), { workers: 2, maxDepth: 7 });
    expect(r.stats).toMatchObject({
      distinctStates: want.stats.distinctStates,
      transitions: want.stats.transitions,
      maxDepth: 7,
      complete: false,
      stoppedBy: 'depth',
      frontier: want.stats.frontier,
    });
    expect(r.properties[0].verdict).toBe('unknown');
  });

  it('maxStates stops within N - 1 states past the bound', async () => {
    const r = await exploreParallel(pool('medium'), { workers: 3, maxStates: 1000 });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'max-states' });
    expect(r.stats.distinctStates).toBeGreaterThanOrEqual(1000);
    expect(r.stats.distinctStates).toBeLessThanOrEqual(1002);
    expect(r.properties[0].verdict).toBe('unknown');
  });

  it('an expired time limit or an aborted signal stops the search', async () => {
    const late = await exploreParallel(pool('medium'), { workers: 2, timeLimitMs: 0 });
    expect(late.stats).toMatchObject({ complete: false, stoppedBy: 'time-limit' });
    const stopped = await exploreParallel(pool('medium'), { workers: 2, signal: { aborted: true } });
    expect(stopped.stats).toMatchObject({ complete: false, stoppedBy: 'interrupted' });
    expect(stopped.properties[0].verdict).toBe('unknown');
  });

  it('recovers properties are checked in the workers, with the serial counterexample', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-parallel-')), 'kick.mjs');
    // c counts down from 4 after a Kick; Heals needs c = 0 within 3 recovery steps: fails after Kick.
    writeFileSync(
      file,
      `const kick = { type: 'Kick', kind: 'fault' };
const heal = { type: 'Heal', kind: 'control' };
export default {
  codeWords: 1,
  encode: (s, out, off) => { out[off] = s.c | (s.kicked ? 8 : 0); },
  decode: (code, off) => ({ c: code[off] & 7, kicked: (code[off] & 8) !== 0 }),
  init: () => [{ c: 0, kicked: false }],
  actions: (s) => (s.c > 0 ? [heal] : s.kicked ? [] : [kick]),
  next: (s, a) => (a.type === 'Kick' ? { c: 4, kicked: true } : { c: s.c - 1, kicked: s.kicked }),
  properties: [{ kind: 'recovers', name: 'Heals', pred: (s) => s.c === 0, within: 3 }],
};
`,
    );
    const ref = fileRef(file);
    const want = await serial(ref, { full: true });
    const r = await exploreParallel(ref, { workers: 2, full: true });
    expect(r.stats.distinctStates).toBe(6);
    expect(r.properties).toEqual(want.properties);
    expect(r.properties[0].counterexample).toMatchObject({ labels: ['Kick', 'Heal', 'Heal', 'Heal'], recoveryFrom: 1 });
  });

  it("a model error in a worker rejects the run with the model's message", async () => {
    await expect(exploreParallel(fileRef(BROKEN_AT_STEP_5), { workers: 2 })).rejects.toThrow('step 5 is broken');
  });
});

// The production path: compiled coordinator and workers (`npm test` builds dist/ first).
describe.skipIf(!existsSync(new URL('../../dist/engine/parallel/worker.js', import.meta.url)))('parallel explorer from dist/', () => {
  it('counts sqs-pool medium exactly with 2 workers', () => {
    const script = join(mkdtempSync(join(tmpdir(), 'faultline-parallel-')), 'run.mjs');
    writeFileSync(
      script,
      `const { exploreParallel } = await import(${JSON.stringify(new URL('../../dist/engine/parallel/explore.js', import.meta.url).href)});
const { bundledRef } = await import(${JSON.stringify(new URL('../../dist/cli/model-source.js', import.meta.url).href)});
const r = await exploreParallel(bundledRef('sqs-pool', { size: 'medium' }), { workers: 2 });
console.log(JSON.stringify([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth, r.properties[0].verdict]));
`,
    );
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([38_895, 204_090, 23, 'holds']);
  });
});
