/**
 * Every storage path must give the same verdict and a counterexample that really violates:
 * inferred codes, fingerprints, a schema's codes, packed transitions and worker threads.
 * Models at the limits: a violation in one of several initial states (checked before any
 * expansion), and indices of actions and initial states beyond 16 bits.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { InputError } from '../../engine/scenario.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { exploreRandom } from '../../engine/random.js';
import { replay } from '../../engine/trace.js';
import type { Action, Model } from '../../model/core/model.js';
import type { Report } from '../../engine/report.js';
import { manyActions, manyInits, type Form, type Pick, type X } from '../fixtures/boundary-models.js';
import { SIZES, sqsPool } from '../../scenarios/sqs-pool/model.js';
import { encodedSqsPool } from '../../scenarios/sqs-pool/schema.js';
import { packedSqsPool } from '../../scenarios/sqs-pool/packed.js';

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

/**
 * `expectedStates` (issue 16, `--expected-states`) only sizes the store: an estimate far too
 * small (every growth of the table happens), about right, or far too large must give the
 * default run's counts, verdict and counterexample on every storage path.
 */
describe('a store sized up front gives the same result on every storage path', () => {
  const ESTIMATES = [1, 400, 1 << 20];
  const ref = (form: 'plain' | 'schema' | 'packed', variant: 'correct' | 'early-delete') => ({
    module: new URL(`../../scenarios/sqs-pool/${form === 'plain' ? 'model' : form}.ts`, import.meta.url).href,
    export: form === 'plain' ? 'sqsPool' : form === 'schema' ? 'encodedSqsPool' : 'packedSqsPool',
    args: [SIZES.small, variant],
  });
  const build = (form: 'plain' | 'schema' | 'packed', variant: 'correct' | 'early-delete') =>
    form === 'plain' ? sqsPool(SIZES.small, variant) : form === 'schema' ? encodedSqsPool(SIZES.small, variant) : packedSqsPool(SIZES.small, variant);
  const summary = (r: Report<Action>) => ({
    states: r.stats.distinctStates,
    transitions: r.stats.transitions,
    depth: r.stats.maxDepth,
    verdict: r.properties[0].verdict,
    trace: r.properties[0].counterexample?.labels,
  });
  const CASES = [
    { name: 'inferred codes', form: 'plain' as const },
    { name: 'fingerprints', form: 'plain' as const, opts: { infer: false } },
    { name: 'schema codes', form: 'schema' as const },
    { name: 'packed transitions', form: 'packed' as const },
    { name: 'schema codes under symmetry', form: 'schema' as const, opts: { symmetry: true } },
  ];
  it.each(CASES)('$name', ({ form, opts }) => {
    for (const variant of ['correct', 'early-delete'] as const) {
      const model = build(form, variant);
      const base = summary(exploreExhaustive(model, { ...opts, full: true }) as Report<Action>);
      // The correct pool holds on 382 states; early-delete's whole space is 102 states (fewer: one per symmetry class).
      const whole = variant === 'correct' ? 382 : 102;
      if (opts && 'symmetry' in opts) expect(base.states).toBeLessThan(whole);
      else expect(base.states).toBe(whole);
      for (const expectedStates of ESTIMATES) {
        const sized = exploreExhaustive(model, { ...opts, full: true, expectedStates }) as Report<Action>;
        expect({ expectedStates, ...summary(sized) }).toEqual({ expectedStates, ...base });
        // It did reach the store (a table of 2^21 slots, where the explorer touches successors before inserting them): room for 2^20 states is at least 6 bytes each (a parent and an action index) plus a slot.
        if (expectedStates === 1 << 20) expect(sized.stats.structBytes).toBeGreaterThan(10 * (1 << 20));
      }
    }
  });
  it('2 workers, each given its share', async () => {
    for (const form of ['schema', 'plain'] as const) {
      const base = summary((await exploreParallel(ref(form, 'early-delete'), { workers: 2 })) as Report<Action>);
      expect(base.verdict).toBe('fails');
      for (const expectedStates of ESTIMATES) {
        const r = (await exploreParallel(ref(form, 'early-delete'), { workers: 2, expectedStates })) as Report<Action>;
        expect({ form, expectedStates, ...summary(r) }).toEqual({ form, expectedStates, ...base });
        // Each of the 2 workers sized for half of 2^20 states: together about one serial store sized for all of them.
        if (expectedStates === 1 << 20) {
          expect(r.stats.structBytes).toBeGreaterThan(10 * (1 << 20));
          const serial = exploreExhaustive(build(form, 'early-delete'), { expectedStates }).stats.structBytes!;
          expect(r.stats.structBytes).toBeLessThan(1.5 * serial);
        }
        else expect(r.stats.structBytes).toBeLessThan(10 * (1 << 19));
      }
    }
  });
  it('a store there is no room for is one line naming the estimate; without one, the store\'s own error is left as it is', () => {
    // A hand-written code of 2^16 words: 2^20 states of it are 2^36 words, more than a typed
    // array holds, so the store cannot be made (a RangeError) without any memory being taken.
    const wide = (words: number): Model<{ n: number }, Action> => ({
      init: () => [{ n: 0 }],
      actions: () => [],
      next: (st) => st,
      properties: [],
      codeWords: words,
      encode: (st, out, off) => void (out[off] = st.n),
      decode: (code, off) => ({ n: code[off] }),
    });
    let caught: unknown;
    try {
      exploreExhaustive(wide(1 << 16), { expectedStates: 1 << 20 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toMatch(/^--expected-states 1048576: no memory for a store of that many states \(.+\); give a smaller estimate$/);
    // The same code with no estimate explores (4,096 states of 2^16 words fit).
    expect(exploreExhaustive(wide(1 << 16)).stats.distinctStates).toBe(1);
    // A store too large with no estimate given is not blamed on one: the RangeError goes on as it was.
    expect(() => exploreExhaustive(wide(1 << 21))).toThrow(RangeError);
    expect(() => exploreExhaustive(wide(1 << 21))).not.toThrow(/expected-states/);
  });
  it.each([0, -5, 1.5, Number.NaN, Infinity])('refuses expectedStates %s in one line, serial and with workers', async (expectedStates) => {
    const model = build('schema', 'correct');
    expect(() => exploreExhaustive(model, { expectedStates })).toThrow(/^expectedStates must be a positive integer, got /);
    await expect(exploreParallel(ref('schema', 'correct'), { workers: 2, expectedStates })).rejects.toThrow(/^expectedStates must be a positive integer, got /);
  });
});
