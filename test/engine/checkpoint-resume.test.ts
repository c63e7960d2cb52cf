// Checkpoint and resume of the serial exhaustive explorer: a run stopped at any point, saved
// and resumed ends with exactly the counts, verdicts, counterexamples and coverage of a run
// that was never stopped.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { loadCheckpoint } from '../../engine/checkpoint.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import type { Report } from '../../engine/report.js';
import type { Action, Model } from '../../model/core/model.js';
import { always, recovers, sometimes, type Property } from '../../model/core/property.js';
import { SIZES, sqsPool, type PoolState } from '../../scenarios/sqs-pool/model.js';
import { packedSqsPool } from '../../scenarios/sqs-pool/packed.js';
import { encodedSqsPool } from '../../scenarios/sqs-pool/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-resume-'));
let files = 0;
const fresh = (): string => join(dir, `run-${files++}.ckpt`);

// Properties decided at different depths, so checkpoints fall before and after each finding.
const extra: Property<PoolState>[] = [
  always('NeverTwoCrashesAndAllDeleted', (s) => !(s.crashes === 2 && s.msgs.every((m) => m.q === 'deleted'))),
  sometimes('AllDone', (s) => s.msgs.every((m) => m.done)),
  recovers('NoneInflight', (s) => s.msgs.every((m) => m.q !== 'inflight'), { within: 4 }),
];

function withProperties<S, A extends Action>(model: Model<S, A>, properties: readonly Property<S>[]): Model<S, A> {
  return Object.create(model, { properties: { value: properties, enumerable: true } }) as Model<S, A>;
}

/**
 * sqs-pool at medium size (38,895 states) on each exact-code path; with properties that all
 * get decided (the run stops at the last decision), or with NoLostMessage, which holds.
 */
const MODELS = {
  inferred: (decided: boolean) => withProperties(sqsPool(SIZES.medium), decided ? extra.slice(0, 2) : [...sqsPool(SIZES.small).properties, ...extra]),
  schema: (decided: boolean) => withProperties(encodedSqsPool(SIZES.medium), decided ? extra.slice(0, 2) : [...sqsPool(SIZES.small).properties, ...extra]),
  packed: (decided: boolean) => withProperties(packedSqsPool(SIZES.medium), decided ? extra.slice(0, 2) : [...sqsPool(SIZES.small).properties, ...extra]),
} as const;

/** What must not change: everything but timings and allocation sizes. */
function outcome(r: Report) {
  const { distinctStates, transitions, maxDepth, complete, stoppedBy, frontier, collisionProbability } = r.stats;
  return { stats: { distinctStates, transitions, maxDepth, complete, stoppedBy, frontier, collisionProbability }, properties: r.properties, coverage: r.coverage };
}

/** Stops at its `polls`-th poll, as Ctrl-C does (explorers read the flag every 1,024 expansions). */
function abortAfter(polls: number): { readonly aborted: boolean } {
  let n = 0;
  return {
    get aborted() {
      return ++n >= polls;
    },
  };
}

describe.each(Object.keys(MODELS) as (keyof typeof MODELS)[])('checkpoint and resume, %s codes', (path) => {
  for (const decided of [false, true]) {
    describe(decided ? 'stopping at the last decision' : 'the whole space', () => {
      const model = () => MODELS[path](decided);
      const base: ExhaustiveOptions = { coverage: true, identity: `sqs-pool medium ${path}` };
      const reference = outcome(exploreExhaustive(model(), base));

      it('the reference run is a medium one and decides its properties', () => {
        expect(reference.stats.complete).toBe(true);
        if (decided) {
          expect(reference.stats.distinctStates).toBeGreaterThan(10_000);
          expect(reference.stats.distinctStates).toBeLessThan(38_895);
          expect(reference.properties.map((p) => p.verdict)).toEqual(['fails', 'reached']);
        } else {
          expect(reference.stats.distinctStates).toBe(38_895);
          expect(reference.properties.map((p) => p.verdict)).toEqual(['holds', 'fails', 'reached', 'holds']);
        }
        expect(reference.properties.find((p) => p.verdict === 'fails')?.counterexample?.length).toBeGreaterThan(8);
      });

      const n = reference.stats.distinctStates!;
      // Every stop point on the inferred codes (the richest checkpoint: codes, widths, string
      // dictionary); two on the others, whose store and frontier are saved by the same code.
      const sweep = path === 'inferred';
      it.each(sweep ? [1, 2, 1000, Math.floor(n / 2) + 7, n - 3] : [2, Math.floor(n / 2) + 7])('stopped at %i states (inside an expansion), saved, resumed: the same run', (k) => {
        const file = fresh();
        const stopped = exploreExhaustive(model(), { ...base, maxStates: k, checkpoint: { file } });
        expect(stopped.stats).toMatchObject({ complete: false, stoppedBy: 'max-states' });
        const resumed = exploreExhaustive(model(), { ...base, resume: loadCheckpoint(file) });
        expect(outcome(resumed)).toEqual(reference);
      });

      if (decided) {
        it('stopped at the very state that decides the last property: the resumed run still ends that expansion', () => {
          const allDecided = (k: number) => exploreExhaustive(model(), { ...base, maxStates: k }).properties.every((p) => p.verdict !== 'unknown');
          let lo = 1;
          let hi = n;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (allDecided(mid)) hi = mid;
            else lo = mid + 1;
          }
          const file = fresh();
          expect(exploreExhaustive(model(), { ...base, maxStates: lo, checkpoint: { file } }).stats.distinctStates).toBe(lo);
          expect(outcome(exploreExhaustive(model(), { ...base, resume: loadCheckpoint(file) }))).toEqual(reference);
        });
      }

      it.each(sweep ? [1, 4, 9] : [4])('interrupted at poll %i (between expansions), saved, resumed: the same run', (polls) => {
        const file = fresh();
        const stopped = exploreExhaustive(model(), { ...base, signal: abortAfter(polls), checkpoint: { file } });
        expect(stopped.stats).toMatchObject({ complete: false, stoppedBy: 'interrupted' });
        const resumed = exploreExhaustive(model(), { ...base, resume: loadCheckpoint(file) });
        expect(outcome(resumed)).toEqual(reference);
      });
    });
  }
});

describe('checkpoint and resume, whole space (inferred codes)', () => {
  const model = () => MODELS.inferred(false);
  const base: ExhaustiveOptions = { coverage: true, identity: 'sqs-pool medium' };
  const reference = outcome(exploreExhaustive(model(), base));

  it('chained: resumed, checkpointed again, resumed again', () => {
    const first = fresh();
    exploreExhaustive(model(), { ...base, maxStates: 5_000, checkpoint: { file: first } });
    const second = fresh();
    const middle = exploreExhaustive(model(), { ...base, resume: loadCheckpoint(first), signal: abortAfter(10), checkpoint: { file: second } });
    expect(middle.stats.stoppedBy).toBe('interrupted');
    const third = exploreExhaustive(model(), { ...base, resume: loadCheckpoint(second), maxStates: 30_000, checkpoint: { file: second } });
    expect(third.stats.stoppedBy).toBe('max-states');
    expect(outcome(exploreExhaustive(model(), { ...base, resume: loadCheckpoint(second) }))).toEqual(reference);
  });

  it('a resumed run stopped by a limit stops where an uninterrupted run with that limit stops', () => {
    const file = fresh();
    exploreExhaustive(model(), { ...base, maxStates: 3_000, checkpoint: { file } });
    const limited = { ...base, maxStates: 20_000 };
    expect(outcome(exploreExhaustive(model(), { ...limited, resume: loadCheckpoint(file) }))).toEqual(outcome(exploreExhaustive(model(), limited)));
  });

  it('periodic checkpoints: any of them resumes to the same run', () => {
    const file = fresh();
    const copy = fresh();
    let saves = 0;
    const run = exploreExhaustive(model(), {
      ...base,
      checkpoint: { file, everyMs: 0, onSave: (saved) => ++saves === 7 && copyFileSync(saved.file, copy) },
    });
    expect(outcome(run)).toEqual(reference); // checkpointing changes nothing
    expect(saves).toBeGreaterThan(7);
    expect(loadCheckpoint(copy).count).toBeLessThan(reference.stats.distinctStates!);
    expect(outcome(exploreExhaustive(model(), { ...base, resume: loadCheckpoint(copy) }))).toEqual(reference);
  });

  it('a depth limit: saved at the level boundary, resumed deeper', () => {
    const file = fresh();
    const stopped = exploreExhaustive(model(), { ...base, maxDepth: 9, checkpoint: { file } });
    expect(stopped.stats.stoppedBy).toBe('depth');
    expect(outcome(exploreExhaustive(model(), { ...base, resume: loadCheckpoint(file) }))).toEqual(reference);
  });

  it('symmetry reduction (the schema codec of representatives)', () => {
    const sym: ExhaustiveOptions = { ...base, symmetry: true };
    const ref = outcome(exploreExhaustive(MODELS.schema(false), sym));
    const file = fresh();
    exploreExhaustive(MODELS.schema(false), { ...sym, maxStates: 1_500, checkpoint: { file } });
    expect(outcome(exploreExhaustive(MODELS.schema(false), { ...sym, resume: loadCheckpoint(file) }))).toEqual(ref);
  });
});

/** A counter whose integers outgrow 8-bit fields after 127 steps, and whose strings appear as it goes. */
function growingCounter(limit: number): Model<{ n: number; tag: string; flip: boolean }, Action & { type: 'Inc' | 'Flip' }> {
  const inc = { type: 'Inc', kind: 'op' } as const;
  const flip = { type: 'Flip', kind: 'fault' } as const;
  return {
    init: () => [{ n: 0, tag: 't0', flip: false }],
    actions: (s) => (s.n < limit ? [inc, flip] : [flip]),
    next: (s, a) => (a.type === 'Inc' ? { n: s.n + 1, tag: `t${(s.n + 1) % 300}`, flip: s.flip } : { n: s.n, tag: s.tag, flip: !s.flip }),
    properties: [always('BelowLimit', (s) => s.n < limit - 5), sometimes('Half', (s) => s.n === limit >> 1)],
  };
}

describe('inferred codes that widen after the checkpoint', () => {
  it('resumes with wider fields, re-coded, and ends as an uninterrupted run', () => {
    const model = () => growingCounter(400);
    const base: ExhaustiveOptions = { full: true, coverage: true };
    const reference = outcome(exploreExhaustive(model(), base));
    expect(reference.stats.distinctStates).toBe(802);
    for (const k of [3, 100, 260, 700]) {
      const file = fresh();
      exploreExhaustive(model(), { ...base, maxStates: k, checkpoint: { file } });
      expect(loadCheckpoint(file).keys).toMatchObject({ kind: 'inferred', width: k < 256 ? 8 : 16 });
      expect(outcome(exploreExhaustive(model(), { ...base, resume: loadCheckpoint(file) }))).toEqual(reference);
    }
  });
});

describe('refusals, each one line', () => {
  const oneLine = (f: () => unknown, message: RegExp): void => {
    let error: Error | undefined;
    try {
      f();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  };
  const small = () => sqsPool(SIZES.small);
  const saved = (opts: ExhaustiveOptions = {}, model: Model<any, any> = small()): string => {
    const file = fresh();
    exploreExhaustive(model, { maxStates: 100, checkpoint: { file }, ...opts });
    return file;
  };

  it('fingerprints (no exact codes): --checkpoint and --resume', () => {
    oneLine(() => exploreExhaustive(small(), { infer: false, checkpoint: { file: fresh() } }), /^--checkpoint needs exact state codes/);
    oneLine(() => exploreExhaustive(small(), { infer: false, resume: loadCheckpoint(saved()) }), /^--resume needs exact state codes/);
    const floats: Model<{ x: number }, Action> = {
      init: () => [{ x: 0.5 }],
      actions: () => [],
      next: (s) => s,
      properties: [],
    };
    oneLine(() => exploreExhaustive(floats, { checkpoint: { file: fresh() } }), /^--checkpoint needs exact state codes/);
  });

  it('states that leave the initial state\'s shape (the run would fall back to fingerprints)', () => {
    const shifty: Model<Record<string, number>, Action> = {
      init: () => [{ a: 0 }],
      actions: (s) => (s.a < 3 ? [{ type: 'Step', kind: 'op' }] : []),
      next: (s): Record<string, number> => (s.a < 2 ? { a: s.a + 1 } : { a: s.a + 1, b: 1 }),
      properties: [],
    };
    oneLine(() => exploreExhaustive(shifty, { checkpoint: { file: fresh() } }), /^--checkpoint needs exact state codes, and this model's states do not all keep the shape/);
  });

  it('several workers', async () => {
    const ref = { module: 'file:///nowhere.js', export: 'model' };
    await expect(exploreParallel(ref, { workers: 2, checkpoint: { file: fresh() } })).rejects.toThrow(/^--checkpoint needs a serial run/);
  });

  it('a checkpoint of another run: identity, size, properties, symmetry, codes', () => {
    oneLine(() => exploreExhaustive(small(), { identity: 'b', resume: loadCheckpoint(saved({ identity: 'a' })) }), /^--resume: the checkpoint is of another run: it was written for a, this run is b$/);
    oneLine(() => exploreExhaustive(sqsPool(SIZES.medium), { resume: loadCheckpoint(saved()) }), /^--resume: /);
    oneLine(() => exploreExhaustive(encodedSqsPool(SIZES.medium), { resume: loadCheckpoint(saved({}, encodedSqsPool(SIZES.small))) }), /^--resume: the checkpoint is of another run: its states are laid out otherwise in codes \(the state schema/);
    oneLine(() => exploreExhaustive(withProperties(small(), [...small().properties, ...extra]), { resume: loadCheckpoint(saved()) }), /written for the properties NoLostMessage, this model has NoLostMessage, NeverTwoCrashesAndAllDeleted/);
    oneLine(() => exploreExhaustive(encodedSqsPool(SIZES.small), { symmetry: true, resume: loadCheckpoint(saved({}, encodedSqsPool(SIZES.small))) }), /written without symmetry reduction/);
    oneLine(() => exploreExhaustive(encodedSqsPool(SIZES.small), { resume: loadCheckpoint(saved()) }), /its states are laid out otherwise in codes/);
    oneLine(() => exploreExhaustive(small(), { coverage: true, resume: loadCheckpoint(saved()) }), /written without action coverage/);
  });

  it('a damaged file: a flipped bit in the states, a truncated file', () => {
    const file = saved();
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] ^= 1;
    writeFileSync(file, bytes);
    oneLine(() => loadCheckpoint(file), /checksum does not match/);
    writeFileSync(file, bytes.subarray(0, 100));
    oneLine(() => loadCheckpoint(file), /not a usable faultline checkpoint/);
  });
});
