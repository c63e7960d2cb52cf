// The parallel explorer keeps the workers of a run that ended cleanly for the next run in the
// same process (engine/parallel/pool.ts). A kept worker must give every run exactly what a new
// one gives, whatever ran before it, and a run that failed must not leave its workers behind.
import { describe, expect, it } from 'vitest';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { idleWorkerIds, MAX_IDLE_WORKERS } from '../../engine/parallel/pool.js';
import { bundledRef, fileRef } from '../../cli/model-source.js';
import { SIZES } from '../../scenarios/sqs-pool/model.js';
import type { ModelRef } from '../../engine/model-ref.js';
import type { Report } from '../../engine/report.js';
import { BROKEN_AT_STEP_5 } from '../fixtures/broken-model.js';

const pool = (size: string, variant: 'correct' | 'early-delete' = 'correct'): ModelRef => ({
  module: new URL('../../scenarios/sqs-pool/schema.ts', import.meta.url).href,
  export: 'encodedSqsPool',
  args: [SIZES[size], variant],
});
const plainPool = (size: string): ModelRef => ({ module: new URL('../../scenarios/sqs-pool/model.ts', import.meta.url).href, export: 'sqsPool', args: [SIZES[size]] });

const counts = (r: Report) => [r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth];

describe('workers kept between runs', () => {
  it('a second run takes the first run\'s workers and gives the same counts; so does another model after it', async () => {
    const first = await exploreParallel(pool('medium'), { workers: 2 });
    expect(counts(first)).toEqual([38_895, 204_090, 23]);
    const kept = idleWorkerIds();
    expect(kept.length).toBeGreaterThanOrEqual(2);
    const second = await exploreParallel(pool('medium'), { workers: 2 });
    expect(counts(second)).toEqual([38_895, 204_090, 23]);
    // The two it took came back: the same threads wait, no new one was started.
    expect(idleWorkerIds().sort()).toEqual([...kept].sort());
    // Another model, a plain-object one with an inferred layout, and a violation, on the same threads.
    const bug = await exploreParallel(pool('small', 'early-delete'), { workers: 2, full: true });
    expect(counts(bug)).toEqual([102, 238, 8]);
    expect(bug.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { length: 3 } });
    const plain = await exploreParallel(plainPool('small'), { workers: 2 });
    expect(counts(plain)).toEqual([382, 1206, 12]);
    expect(idleWorkerIds().sort()).toEqual([...kept].sort());
  });

  it('a run stopped by a limit leaves no state behind: the next run counts in full', async () => {
    const cut = await exploreParallel(pool('medium'), { workers: 2, maxStates: 1000 });
    expect(cut.stats.complete).toBe(false);
    const stopped = await exploreParallel(pool('medium'), { workers: 2, timeLimitMs: 0 });
    expect(stopped.stats.complete).toBe(false);
    const again = await exploreParallel(pool('medium'), { workers: 2 });
    expect(counts(again)).toEqual([38_895, 204_090, 23]);
    expect(again.stats.complete).toBe(true);
  });

  it('two runs at once take different workers, each with its own counts', async () => {
    const [a, b] = await Promise.all([exploreParallel(pool('medium'), { workers: 2 }), exploreParallel(bundledRef('die-hard'), { workers: 3, full: true })]);
    expect(counts(a)).toEqual([38_895, 204_090, 23]);
    expect(b.stats.distinctStates).toBe(16);
    expect(b.properties[0].counterexample!.length).toBe(6);
  });

  it('a run whose model fails in the workers terminates them: none of its workers waits afterwards', async () => {
    await exploreParallel(pool('small'), { workers: 2 });
    const before = idleWorkerIds();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const file = BROKEN_AT_STEP_5;
    await expect(exploreParallel(fileRef(file), { workers: 2 })).rejects.toThrow('step 5 is broken');
    // The failed run took two of the waiting workers (the last two) and ended them.
    const after = idleWorkerIds();
    expect(after).toEqual(before.slice(0, before.length - 2));
    const next = await exploreParallel(pool('small'), { workers: 2 });
    expect(counts(next)).toEqual([382, 1206, 12]);
  });

  it('no more than MAX_IDLE_WORKERS wait', async () => {
    await exploreParallel(pool('small'), { workers: MAX_IDLE_WORKERS + 2 });
    expect(idleWorkerIds().length).toBeLessThanOrEqual(MAX_IDLE_WORKERS);
  });
});
