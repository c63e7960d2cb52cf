// Mutation survivors of engine/parallel/explore.ts (MUTATION.md, engine-h): what --workers
// refuses before starting a worker, and what it hands to the serial explorer (liveness,
// fingerprints), with the notice that says so. No worker starts in this file.
import { describe, expect, it } from 'vitest';
import { asyncErrorOf as errorOf } from '../fixtures/error-of.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { FINGERPRINTS_WORKERS_NOTICE, LIVENESS_WORKERS_NOTICE, exploreParallel } from '../../engine/parallel/explore.js';
import type { ModelRef } from '../../engine/model-ref.js';
import type { Checkpoint } from '../../engine/checkpoint.js';
import { InputError } from '../../engine/scenario.js';
import { ownerOf, sentBits } from '../../engine/parallel/protocol.js';
import { mergeCoverage, workersWhere } from '../../engine/parallel/results.js';
import { counter, liveCounter } from '../fixtures/parallel-plain-models.js';
import { SIZES } from '../../scenarios/sqs-pool/model.js';
import { loadModelRef } from '../../engine/model-ref.js';
import type { ExhaustiveProgress } from '../../engine/bfs.js';

const FIXTURES = new URL('../fixtures/parallel-plain-models.ts', import.meta.url).href;
const ref = (name: string, ...args: unknown[]): ModelRef => ({ module: FIXTURES, export: name, args });

describe('exploreParallel before any worker starts', () => {
  it('64 workers is within the limit: the next check (a checkpoint) is what refuses the run; 65 and 0 are not', async () => {
    const e64 = await errorOf(() => exploreParallel(ref('counter', 20, 5), { workers: 64, checkpoint: { file: '/nonexistent/x.ckpt' } }));
    expect(e64).toBeInstanceOf(InputError);
    expect((e64 as Error).message).toBe('--checkpoint needs a serial run: leave out --workers (or give --workers 1)');
    for (const workers of [65, 0, 1.5]) {
      expect(((await errorOf(() => exploreParallel(ref('counter', 20, 5), { workers }))) as Error).message).toBe(`workers must be an integer in 1..64, got ${workers}`);
    }
  });

  it('a checkpoint or a resume needs a serial run, named by the option asked for', async () => {
    const resume = {} as Checkpoint;
    const e = await errorOf(() => exploreParallel(ref('counter', 20, 5), { workers: 2, resume }));
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('--resume needs a serial run: leave out --workers (or give --workers 1)');
  });

  it('liveness properties: the serial explorer\'s report, with the notice saying why, every other option kept', async () => {
    const r = await exploreParallel(ref('liveCounter', 12), { workers: 2, coverage: true });
    const serial = exploreExhaustive(liveCounter(12), { coverage: true });
    expect(r.notices).toEqual([...(serial.notices ?? []), LIVENESS_WORKERS_NOTICE]);
    expect(r.properties.map((p) => [p.name, p.verdict, p.counterexample?.labels])).toEqual(serial.properties.map((p) => [p.name, p.verdict, p.counterexample?.labels]));
    expect(r.properties[0].verdict).toBe('fails');
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([serial.stats.distinctStates, serial.stats.transitions]);
    expect(r.coverage).toEqual(serial.coverage);
  });

  it('symmetry on a model without canonical is refused in one line', async () => {
    const e = await errorOf(() => exploreParallel(ref('counter', 20, 5), { workers: 2, symmetry: true }));
    expect((e as Error).message).toBe('symmetry reduction needs the model to define canonical(s)');
  });

  it('infer: false on a plain model: fingerprints, searched serially (the workers exchange codes they must decode), with the notice', async () => {
    const r = await exploreParallel(ref('counter', 20, 5), { workers: 2, infer: false, full: true });
    const serial = exploreExhaustive(counter(20, 5), { infer: false, full: true });
    expect(r.notices).toEqual([FINGERPRINTS_WORKERS_NOTICE]);
    expect(r.stats.collisionProbability).toBeGreaterThan(0);
    expect([r.stats.distinctStates, r.stats.transitions, r.properties.map((p) => p.verdict)]).toEqual([serial.stats.distinctStates, serial.stats.transitions, serial.properties.map((p) => p.verdict)]);
  });
});

describe('the wire protocol and the results, as pure functions', () => {
  it('sentBits: a 2^16-entry cache for codes of 1 or 2 words, halved each time the words double', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 16].map(sentBits)).toEqual([16, 16, 15, 15, 14, 14, 13, 13]);
  });

  it('ownerOf: the top 16 bits of the Fibonacci remix scaled to the workers, always one of them, spread evenly', () => {
    expect([0, 1, 0x12345678, 0xffffffff, 0x80000000].map((h) => [2, 3, 64].map((w) => ownerOf(h, w)))).toEqual([
      [0, 0, 0],
      [1, 1, 39],
      [1, 2, 61],
      [0, 1, 24],
      [1, 1, 32],
    ]);
    const counts = [0, 0, 0];
    for (let h = 0; h < 30_000; h++) counts[ownerOf(Math.imul(h, 0x85ebca6b) >>> 0, 3)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('mergeCoverage adds counts per component and type, a worker without coverage adding nothing', () => {
    expect(mergeCoverage([{ actions: { a: { X: 1, Y: 2 } } }, undefined, { actions: { a: { X: 3 }, b: { Z: 1 } } }])).toEqual({ actions: { a: { X: 4, Y: 2 }, b: { Z: 1 } } });
    expect(mergeCoverage([])).toEqual({ actions: {} });
  });

  it('workersWhere lists the indices whose value passes', () => {
    expect(workersWhere([3, 0, 5, 0], (x) => x > 0)).toEqual([0, 2]);
    expect(workersWhere([], () => true)).toEqual([]);
  });
});

describe('exploreParallel with workers: limits and progress', () => {
  const medium: ModelRef = { module: new URL('../../scenarios/sqs-pool/schema.ts', import.meta.url).href, export: 'encodedSqsPool', args: [SIZES.medium, 'correct'] };

  it('a memory limit below what the process holds stops it (max-memory); one far above does not', async () => {
    const low = await exploreParallel(medium, { workers: 2, maxMemoryMb: 1 });
    expect([low.stats.stoppedBy, low.stats.complete]).toEqual(['max-memory', false]);
    // A generous time limit too: it must not stop the run.
    const high = await exploreParallel(medium, { workers: 2, maxMemoryMb: 1_000_000, timeLimitMs: 600_000, coverage: true });
    const serial = exploreExhaustive(await loadModelRef(medium), { coverage: true });
    expect([high.stats.stoppedBy, high.stats.complete, high.stats.distinctStates, high.stats.transitions]).toEqual([undefined, true, serial.stats.distinctStates, serial.stats.transitions]);
    expect(high.coverage).toEqual(serial.coverage);
  });

  it('progress at most every 50 ms, summed over the workers, growing, within the final counts', async () => {
    // Large (323,550 states): a run of about a second even on a fast machine, so progress is reported.
    const large: ModelRef = { ...medium, args: [SIZES.large, 'correct'] };
    const seen: ExhaustiveProgress[] = [];
    const r = await exploreParallel(large, { workers: 2, full: true, onProgress: (p) => seen.push({ ...p }) });
    expect(r.stats.complete).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    for (let i = 0; i < seen.length; i++) {
      const p = seen[i];
      expect(p.distinctStates).toBeGreaterThan(0);
      expect(p.distinctStates).toBeLessThanOrEqual(r.stats.distinctStates!);
      // 0 until a worker has expanded a state: under load a report can come between the initial
      // states being stored and the workers' first progress.
      expect(p.transitions).toBeGreaterThanOrEqual(0);
      expect(p.transitions).toBeLessThanOrEqual(r.stats.transitions);
      // The frontier is the current level's states not yet expanded: never more than are stored.
      expect(p.frontier).toBeGreaterThanOrEqual(0);
      expect(p.frontier).toBeLessThan(p.distinctStates);
      expect(p.elapsedMs).toBeGreaterThan(50);
      expect(p.elapsedMs).toBeLessThanOrEqual(r.stats.searchMs);
      if (i > 0) {
        expect(p.elapsedMs - seen[i - 1].elapsedMs).toBeGreaterThan(50);
        expect(p.distinctStates).toBeGreaterThanOrEqual(seen[i - 1].distinctStates);
        expect(p.transitions).toBeGreaterThanOrEqual(seen[i - 1].transitions);
      }
    }
    // A run of a second or more reports while the workers expand (the workers' counts summed).
    expect(seen.some((p) => p.transitions > 0)).toBe(true);
  });
});
