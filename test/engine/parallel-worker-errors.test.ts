// A model error met by several workers of a parallel run in the same level: the run rejects once
// with the serial explorer's error, and the other workers' errors, raised while the pool ends
// them, are not left uncaught (before the fix, WorkerPool.close() detached every listener first
// and a later worker's 'error' event crashed the process with a stack trace).
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { breaksAt } from '../fixtures/parallel-fallback-models.js';

const FIXTURES = new URL('../fixtures/parallel-fallback-models.ts', import.meta.url).href;

describe('a model error met by every worker in the same level', () => {
  it('rejects each run once with the serial explorer\'s error, and nothing is left uncaught', async () => {
    let serial = 'no error';
    try {
      exploreExhaustive(breaksAt(4), { full: true });
    } catch (e) {
      serial = (e as Error).message;
    }
    expect(serial).toMatch(/breaksAt: next broke at depth 4/);
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => void uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      // Level 4 has 81 states: every one of the 4 workers holds some and fails on them.
      for (let i = 0; i < 3; i++) {
        await expect(exploreParallel({ module: FIXTURES, export: 'breaksAt', args: [4] }, { workers: 4, full: true })).rejects.toThrow(serial);
      }
      // Events already queued when the last run ended.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught.map((e) => (e as Error).message)).toEqual([]);
  });
});
