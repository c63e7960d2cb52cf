// The parallel explorer keeps the workers of a run that ended cleanly for the next run in the
// same process (engine/parallel/pool.ts). A kept worker must give every run exactly what a new
// one gives, whatever ran before it, and a run that failed must not leave its workers behind.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { endIdleWorkers, IDLE_WORKER_MS, idleWorkerIds, MAX_IDLE_WORKERS } from '../../engine/parallel/pool.js';
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

afterEach(() => {
  vi.useRealTimers();
});

describe('workers kept between runs', () => {
  it('a second run takes the first run\'s workers and gives the same counts; so does another model after it', async () => {
    // Only this run's workers wait (others, from earlier tests, could reach their idle timeout mid-test).
    await endIdleWorkers();
    const first = await exploreParallel(pool('medium'), { workers: 2 });
    expect(counts(first)).toEqual([38_895, 204_090, 23]);
    const kept = idleWorkerIds();
    expect(kept).toHaveLength(2);
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
    await endIdleWorkers();
    await exploreParallel(pool('small'), { workers: 2 });
    expect(idleWorkerIds()).toHaveLength(2);
    await expect(exploreParallel(fileRef(BROKEN_AT_STEP_5), { workers: 2 })).rejects.toThrow('step 5 is broken');
    // The failed run took the two waiting workers and ended them.
    expect(idleWorkerIds()).toEqual([]);
    const next = await exploreParallel(pool('small'), { workers: 2 });
    expect(counts(next)).toEqual([382, 1206, 12]);
  });

  it('a waiting worker is ended after IDLE_WORKER_MS unused, and one that is taken is not', async () => {
    await endIdleWorkers();
    // Only setTimeout is faked: the run's own polling (setInterval) and the threads stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await exploreParallel(pool('small'), { workers: 2 });
    const waiting = idleWorkerIds();
    expect(waiting).toHaveLength(2);
    vi.advanceTimersByTime(IDLE_WORKER_MS - 1);
    expect(idleWorkerIds()).toEqual(waiting);
    // Taken and given back: its countdown starts again.
    await exploreParallel(pool('small'), { workers: 1 });
    vi.advanceTimersByTime(IDLE_WORKER_MS - 1);
    expect(idleWorkerIds()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(idleWorkerIds()).toHaveLength(0);
  });

  it('endIdleWorkers ends every waiting worker; the next run starts new ones', async () => {
    await exploreParallel(pool('small'), { workers: 2 });
    const before = idleWorkerIds();
    expect(before.length).toBeGreaterThanOrEqual(2);
    await endIdleWorkers();
    expect(idleWorkerIds()).toEqual([]);
    const r = await exploreParallel(pool('small'), { workers: 2 });
    expect(counts(r)).toEqual([382, 1206, 12]);
    expect(idleWorkerIds().some((id) => before.includes(id))).toBe(false);
  });

  it('no more than MAX_IDLE_WORKERS wait', async () => {
    await exploreParallel(pool('small'), { workers: MAX_IDLE_WORKERS + 2 });
    expect(idleWorkerIds().length).toBeLessThanOrEqual(MAX_IDLE_WORKERS);
  });
});
