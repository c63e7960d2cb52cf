/**
 * Every storage path must give the same verdict and a counterexample that really violates:
 * inferred codes, fingerprints, a schema's codes, packed transitions and worker threads.
 * Models at the limits: a violation in one of several initial states (checked before any
 * expansion), and indices of actions and initial states beyond 16 bits.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { exploreRandom } from '../../engine/random.js';
import { replay } from '../../engine/trace.js';
import type { Model } from '../../model/core/model.js';
import type { Report } from '../../engine/report.js';
import { manyActions, manyInits, type Form, type Pick, type X } from '../fixtures/boundary-models.js';

const MODULE = new URL('../fixtures/boundary-models.ts', import.meta.url).href;

interface Path {
  readonly name: string;
  readonly form: Form;
  readonly opts?: ExhaustiveOptions;
  readonly workers?: number;
}
const PATHS: readonly Path[] = [
  { name: 'inferred codes', form: 'plain' },
  { name: 'fingerprints', form: 'plain', opts: { infer: false } },
  { name: 'schema codes', form: 'schema' },
  { name: 'packed transitions', form: 'packed' },
  { name: '2 workers, schema', form: 'schema', workers: 2 },
  { name: '2 workers, packed', form: 'packed', workers: 2 },
];

async function explore(path: Path, builder: 'manyActions' | 'manyInits', n: number, bad: number): Promise<{ model: Model<X, Pick>; report: Report<Pick> }> {
  const model = (builder === 'manyActions' ? manyActions : manyInits)(n, bad, path.form);
  const report = path.workers
    ? ((await exploreParallel({ module: MODULE, export: builder, args: [n, bad, path.form] }, { workers: path.workers, ...path.opts })) as Report<Pick>)
    : exploreExhaustive(model, path.opts);
  return { model, report };
}

/** The counterexample replays on the model and ends in a violating state. */
function expectRealViolation(model: Model<X, Pick>, report: Report<Pick>, length: number, initIndex: number): void {
  const [result] = report.properties;
  expect(result.verdict).toBe('fails');
  const cx = result.counterexample!;
  expect(cx.length).toBe(length);
  expect(cx.initIndex).toBe(initIndex);
  const r = replay(model, model.properties[0], cx.actions.map((action) => ({ action })), { initIndex: cx.initIndex });
  expect(r.violated).toBe(true);
}

describe.each(PATHS)('storage path: $name', (path) => {
  it('checks every initial state before expanding any: the second of three violates', async () => {
    const { model, report } = await explore(path, 'manyInits', 3, 1);
    expectRealViolation(model, report, 0, 1);
  });

  it('checks the last initial state too', async () => {
    const { model, report } = await explore(path, 'manyInits', 3, 2);
    expectRealViolation(model, report, 0, 2);
  });

  it('holds when no initial state violates', async () => {
    const { report } = await explore(path, 'manyInits', 3, 7);
    expect(report.properties[0].verdict).toBe('holds');
    expect(report.stats.distinctStates).toBe(3);
  });

  it.each([65_535, 65_536, 65_600])('rebuilds the action at index %i (beyond 16 bits) of 70,000 enabled ones', async (bad) => {
    const { model, report } = await explore(path, 'manyActions', 70_000, bad);
    expectRealViolation(model, report, 1, 0);
    expect(report.properties[0].counterexample!.labels).toEqual([`Pick(${bad})`]);
  });

  it.each([65_535, 65_536, 69_999])('rebuilds the initial state at index %i of 70,000', async (bad) => {
    const { model, report } = await explore(path, 'manyInits', 70_000, bad);
    expectRealViolation(model, report, 0, bad);
  });
});

describe('random mode at the same limits', () => {
  it('finds a violating initial state among several, and its index replays', () => {
    const model = manyInits(3, 1);
    const report = exploreRandom(model, { runs: 200 });
    expectRealViolation(model, report, 0, 1);
  });
});
