// Mutation survivors of engine/parallel/explore.ts (MUTATION.md, engine-h): what --workers
// refuses before starting a worker, and what it hands to the serial explorer (liveness,
// fingerprints), with the notice that says so. No worker starts in this file.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { FINGERPRINTS_WORKERS_NOTICE, LIVENESS_WORKERS_NOTICE, exploreParallel } from '../../engine/parallel/explore.js';
import type { ModelRef } from '../../engine/model-ref.js';
import type { Checkpoint } from '../../engine/checkpoint.js';
import { InputError } from '../../engine/scenario.js';
import { counter, liveCounter } from '../fixtures/parallel-plain-models.js';

const FIXTURES = new URL('../fixtures/parallel-plain-models.ts', import.meta.url).href;
const ref = (name: string, ...args: unknown[]): ModelRef => ({ module: FIXTURES, export: name, args });

/** The error `run`'s promise rejects with; the test fails if it resolves. */
async function errorOf(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

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
