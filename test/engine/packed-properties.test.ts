/**
 * Properties checked on packed states (engine/packed-properties.ts, issue 16): the predicate on
 * codes agrees with the object one, the explorer's results do not depend on whether it is
 * given, and a predicate on codes that disagrees stops the run instead of deciding it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exploreExhaustive } from '../../engine/bfs.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import type { ModelRef } from '../../engine/model-ref.js';
import { SAMPLE_EVERY } from '../../engine/packed-properties.js';
import { ModelError } from '../../engine/model-error.js';
import { arbitraryOf } from '../../model/core/schema-arbitrary.js';
import { always, recovers, sometimes } from '../../model/core/property.js';
import type { Model } from '../../model/core/model.js';
import { noLostMessage, SIZES, type PoolAction, type PoolState } from '../../scenarios/sqs-pool/model.js';
import { packedSqsPool } from '../../scenarios/sqs-pool/packed.js';
import { poolSchema } from '../../scenarios/sqs-pool/schema.js';
import { threePropertyPackedPool } from '../fixtures/packed-pool-variants.js';

type Pool = Model<PoolState, PoolAction>;

/** `model` with the predicates on codes given by property name (undefined: none), and optionally other properties. */
function withCodePredicates(model: Pool, byName: Record<string, unknown> | undefined, modelProperties = model.properties): Pool {
  const { properties: _dropped, ...rest } = model.packed!;
  const properties = byName === undefined ? undefined : Object.entries(byName).map(([name, pred]) => ({ property: modelProperties.find((p) => p.name === name), pred }));
  const packed = properties === undefined ? rest : { ...rest, properties };
  return Object.create(model, { packed: { value: packed }, properties: { value: modelProperties } }) as Pool;
}

/** What a run found, without timings. */
const findings = (r: ReturnType<typeof exploreExhaustive>) => ({
  stats: { distinctStates: r.stats.distinctStates, transitions: r.stats.transitions, maxDepth: r.stats.maxDepth, complete: r.stats.complete },
  properties: r.properties.map((p) => ({ verdict: p.verdict, labels: p.counterexample?.labels })),
});

/** Explores `model` with its predicates on codes and without them, expects the same findings, and returns the first run. */
function sameAsDecoded(model: Pool, full: boolean): ReturnType<typeof exploreExhaustive> {
  const onCodes = exploreExhaustive(model, { full });
  expect(findings(onCodes)).toEqual(findings(exploreExhaustive(withCodePredicates(model, undefined), { full })));
  return onCodes;
}

/** The shipped predicate on codes of NoLostMessage. */
const shipped = (model: Pool): ((code: Uint32Array, off: number) => boolean) => {
  const entry = model.packed!.properties![0];
  expect(entry.property).toBe(model.properties[0]);
  return entry.pred.bind(entry);
};

describe('NoLostMessage on codes (sqs-pool)', () => {
  it('agrees with noLostMessage on every state the schema allows, at each size', () => {
    for (const size of [SIZES.small, SIZES.medium, SIZES.large, SIZES.xlarge]) {
      const schema = poolSchema(size);
      const codec = schema.codec();
      const onCode = shipped(packedSqsPool(size));
      const code = new Uint32Array(codec.words + 2);
      fc.assert(
        fc.property(arbitraryOf(schema), fc.integer({ min: 0, max: 2 }), (s, off) => {
          code.fill(0xffffffff);
          codec.encode(s, code, off);
          expect(onCode(code, off)).toBe(noLostMessage(s));
        }),
        { seed: 16, numRuns: 3000 },
      );
    }
  });

  it('leaves counts, verdicts and counterexamples as they were without it, on both variants', () => {
    for (const variant of ['correct', 'early-delete'] as const) for (const full of [false, true]) sameAsDecoded(packedSqsPool(SIZES.medium, variant), full);
    const found = exploreExhaustive(packedSqsPool(SIZES.medium, 'early-delete')).properties[0];
    expect(found.verdict).toBe('fails');
    expect(found.counterexample!.labels).toEqual(['Send(0)', 'Receive(0, 0)', 'Crash(0)']);
  });
});

describe('several properties, measures and samples on codes', () => {
  it('decide each property once, at the state the decoded run decides it (an always, a sometimes reached at once, one reached later or never)', () => {
    for (const variant of ['correct', 'early-delete'] as const) {
      for (const full of [false, true]) {
        const onCodes = sameAsDecoded(threePropertyPackedPool(SIZES.medium, variant), full);
        expect(onCodes.properties.map((p) => p.verdict)).toEqual(variant === 'correct' ? ['holds', 'reached', 'unreached'] : ['fails', 'reached', 'reached']);
      }
    }
  });

  it('keep measuring a measured property (its states are decoded for the measure)', () => {
    const base = packedSqsPool(SIZES.medium);
    const inflight = always<PoolState>('NoLostMessage', noLostMessage, undefined, { label: 'in flight', unit: 'messages', of: (s) => s.msgs.filter((m) => m.q === 'inflight').length });
    const measured = withCodePredicates(base, { NoLostMessage: shipped(base) }, [inflight]);
    const r = exploreExhaustive(measured);
    const decoded = exploreExhaustive(withCodePredicates(base, undefined, [inflight]));
    expect(r.properties[0].worst).toBeDefined();
    expect(r.properties[0].worst!.value).toBe(SIZES.medium.M);
    expect(r.properties[0].worst).toEqual(decoded.properties[0].worst);
  });

  it('confirm the state with id SAMPLE_EVERY even when nothing else would', () => {
    // The state stored as id SAMPLE_EVERY (new states are checked in id order), found by a spy.
    const model = packedSqsPool(SIZES.large);
    const seen: PoolState[] = [];
    const spy = always<PoolState>('Spy', (s) => (seen.push(s), true));
    exploreExhaustive(withCodePredicates(model, undefined, [spy]), { maxStates: SAMPLE_EVERY + 1 });
    const target = JSON.stringify(seen[SAMPLE_EVERY]);
    // A property false on that state alone, and a predicate on codes that misses it.
    const notThat = always<PoolState>('NotThatState', (s) => JSON.stringify(s) !== target);
    const lying = withCodePredicates(model, { NoLostMessage: shipped(model), NotThatState: () => true }, [model.properties[0], notThat]);
    expect(() => exploreExhaustive(lying)).toThrow(/NotThatState: its predicate on packed states gives true where its predicate gives false/);
    expect(exploreExhaustive(withCodePredicates(model, undefined, [model.properties[0], notThat])).properties[1].verdict).toBe('fails');
  });
});

describe('a predicate on codes that disagrees', () => {
  const model = packedSqsPool(SIZES.medium, 'early-delete');

  it('is caught on the initial state', () => {
    const never = withCodePredicates(packedSqsPool(SIZES.medium), { NoLostMessage: () => false });
    expect(() => exploreExhaustive(never)).toThrow(ModelError);
    expect(() => exploreExhaustive(never)).toThrow(/NoLostMessage: its predicate on packed states gives false where its predicate gives true/);
    // No expansion at all: only the initial state's comparison can catch it.
    expect(() => exploreExhaustive(never, { maxDepth: 0 })).toThrow(/gives false where its predicate gives true/);
  });

  /** Whether the code at `c[o..]` is medium's initial state's. */
  const initialCode = (() => {
    const codec = poolSchema(SIZES.medium).codec();
    const initial = new Uint32Array(codec.words);
    codec.encode(packedSqsPool(SIZES.medium).init()[0], initial, 0);
    return (c: Uint32Array, o: number): boolean => initial.every((w, i) => c[o + i] === w);
  })();

  it('is caught where it decides a property the object predicate does not', () => {
    // Right on the initial state, wrong from the first Send on: it would report a violation that is none.
    const wrong = withCodePredicates(packedSqsPool(SIZES.medium), { NoLostMessage: initialCode });
    expect(exploreExhaustive(wrong, { maxDepth: 0 }).properties[0].verdict).toBe('unknown');
    expect(() => exploreExhaustive(wrong)).toThrow(/gives false where its predicate gives true/);
  });

  it('is caught on a sampled state when it misses violations (a false "holds")', () => {
    // Always true: early-delete's violations would go unreported. The run is full, so it goes
    // on past state SAMPLE_EVERY (10,650 states at large), where some sampled state violates.
    const large = packedSqsPool(SIZES.large, 'early-delete');
    const blind = withCodePredicates(large, { NoLostMessage: () => true });
    const full = exploreExhaustive(withCodePredicates(large, undefined), { full: true });
    expect(full.stats.distinctStates).toBeGreaterThan(SAMPLE_EVERY);
    expect(() => exploreExhaustive(blind, { full: true })).toThrow(/gives true where its predicate gives false/);
  });

  it('a predicate on codes that throws on a later state is reported as the property throwing', () => {
    const later = withCodePredicates(packedSqsPool(SIZES.medium), {
      NoLostMessage: (c: Uint32Array, o: number) => {
        if (!initialCode(c, o)) throw new Error('not the initial state');
        return true;
      },
    });
    expect(exploreExhaustive(later, { maxDepth: 0 }).properties[0].verdict).toBe('unknown');
    expect(() => exploreExhaustive(later)).toThrow(/property NoLostMessage threw Error: not the initial state at step 1/);
  });

  it('a property whose own predicate throws while being compared is reported as throwing', () => {
    const base = packedSqsPool(SIZES.medium);
    const throwing = always<PoolState>('NoLostMessage', () => {
      throw new Error('object boom');
    });
    const m = withCodePredicates(base, { NoLostMessage: shipped(base) }, [throwing]);
    expect(() => exploreExhaustive(m)).toThrow(/property NoLostMessage threw Error: object boom/);
  });

  it('a predicate on codes that throws is reported as the property throwing', () => {
    const throwing = withCodePredicates(model, {
      NoLostMessage: () => {
        throw new Error('boom');
      },
    });
    expect(() => exploreExhaustive(throwing)).toThrow(/property NoLostMessage threw Error: boom/);
  });
});

describe('packed.properties is checked against the model', () => {
  const model = packedSqsPool(SIZES.small);

  it('leaves out an entry whose property the model no longer has, even under the same name', () => {
    // The properties replaced by others: one of them named NoLostMessage but meaning something
    // else (here: nothing is ever deleted). The shipped entry must not stand in for it.
    const other = always<PoolState>('NoLostMessage', (s) => s.msgs.every((m) => m.q !== 'deleted'));
    const replaced = Object.create(model, { properties: { value: [other] } }) as Pool;
    const r = exploreExhaustive(replaced);
    expect(r.properties[0].verdict).toBe('fails');
    expect(r.properties[0].counterexample!.labels).toEqual(['Send(0)', 'Receive(0, 0)', 'Finish(0)']);
  });

  it('refuses a list that is not one, and two predicates for one property', () => {
    const notList = Object.create(model, { packed: { value: { ...model.packed!, properties: { NoLostMessage: () => true } } } }) as Pool;
    expect(() => exploreExhaustive(notList)).toThrow(/^packed.properties is not a list of \{ property, pred \}/);
    const entry = model.packed!.properties![0];
    const twice = Object.create(model, { packed: { value: { ...model.packed!, properties: [entry, entry] } } }) as Pool;
    expect(() => exploreExhaustive(twice)).toThrow(/gives NoLostMessage two predicates on codes/);
  });

  it('refuses a property decided on states (recovers), and a predicate that is not a function', () => {
    const recovery = recovers<PoolState>('Back', () => true, { within: 3 });
    const onRecovery = withCodePredicates(model, { Back: () => true }, [recovery]);
    expect(() => exploreExhaustive(onRecovery)).toThrow(/Back a predicate on codes, but it is a recovers property/);
    const notFunction = withCodePredicates(model, { NoLostMessage: 3 });
    expect(() => exploreExhaustive(notFunction)).toThrow(/the entry of NoLostMessage has no pred function/);
  });

  it('decodes states as before when one property has no predicate on codes, and checks both', () => {
    let calls = 0;
    const counted = always<PoolState>('Counted', () => (calls++, true));
    const reach = sometimes<PoolState>('AllDeleted', (s) => s.msgs.every((m) => m.q === 'deleted'));
    const mixed = withCodePredicates(model, { NoLostMessage: shipped(model) }, [model.properties[0], counted, reach]);
    const r = exploreExhaustive(mixed, { full: true });
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'holds', 'reached']);
    expect(calls).toBe(r.stats.distinctStates);
  });
});

describe('on worker threads (engine/parallel/shard.ts)', () => {
  const ref = (exported: string, module: string, size: keyof typeof SIZES, variant: string): ModelRef => ({ module: new URL(module, import.meta.url).href, export: exported, args: [SIZES[size], variant] });

  it('find the serial run\'s counts, verdict and counterexample length (workers may find another of that length)', async () => {
    const r = await exploreParallel(ref('packedSqsPool', '../../scenarios/sqs-pool/packed.ts', 'medium', 'early-delete'), { workers: 2, full: true });
    const serial = exploreExhaustive(withCodePredicates(packedSqsPool(SIZES.medium, 'early-delete'), undefined), { full: true });
    expect(r.stats.distinctStates).toBe(serial.stats.distinctStates);
    expect(r.stats.transitions).toBe(serial.stats.transitions);
    expect(r.properties[0].verdict).toBe('fails');
    expect(r.properties[0].counterexample!.labels).toHaveLength(serial.properties[0].counterexample!.labels.length);
  });

  it('decide an always and two sometimes properties on codes as the serial run does', async () => {
    for (const variant of ['correct', 'early-delete'] as const) {
      const r = await exploreParallel(ref('threePropertyPackedPool', '../fixtures/packed-pool-variants.ts', 'medium', variant), { workers: 2, full: true });
      const serial = exploreExhaustive(withCodePredicates(threePropertyPackedPool(SIZES.medium, variant), undefined), { full: true });
      expect(r.properties.map((p) => p.verdict)).toEqual(serial.properties.map((p) => p.verdict));
      expect(r.properties.map((p) => p.counterexample?.labels.length)).toEqual(serial.properties.map((p) => p.counterexample?.labels.length));
      expect(r.stats.distinctStates).toBe(serial.stats.distinctStates);
    }
  });

  it('decode states to check properties where some property has no predicate on codes, and measure', async () => {
    for (const variant of ['correct', 'early-delete'] as const) {
      const r = await exploreParallel(ref('decodingPackedPool', '../fixtures/packed-pool-variants.ts', 'medium', variant), { workers: 2, full: true });
      const serial = exploreExhaustive(packedSqsPool(SIZES.medium, variant), { full: true });
      expect(r.properties.map((p) => [p.verdict, p.counterexample?.labels.length])).toEqual(serial.properties.map((p) => [p.verdict, p.counterexample?.labels.length]));
      expect(r.stats.distinctStates).toBe(serial.stats.distinctStates);
    }
    const measured = await exploreParallel(ref('measuredPackedPool', '../fixtures/packed-pool-variants.ts', 'medium', 'correct'), { workers: 2 });
    expect(measured.properties[0].verdict).toBe('holds');
    expect(measured.properties[0].worst!.value).toBe(SIZES.medium.M);
  });

  it('stop on a predicate on codes that reports a violation the state does not have', async () => {
    const wrong = ref('wronglyDecidingPackedPool', '../fixtures/packed-pool-variants.ts', 'medium', 'correct');
    await expect(exploreParallel(wrong, { workers: 2 })).rejects.toThrow(/NoLostMessage: its predicate on packed states gives false where its predicate gives true/);
  });

  it('stop on a predicate on codes that reports a witness the state is not', async () => {
    const wrong = ref('wronglyReachingPackedPool', '../fixtures/packed-pool-variants.ts', 'medium', 'correct');
    await expect(exploreParallel(wrong, { workers: 2 })).rejects.toThrow(/DeletedUnprocessed: its predicate on packed states gives true where its predicate gives false/);
  });

  it('stop on a predicate on codes that misses violations, as the serial run does', async () => {
    const blind = ref('blindPackedPool', '../fixtures/packed-pool-variants.ts', 'large', 'early-delete');
    await expect(exploreParallel(blind, { workers: 2, full: true })).rejects.toThrow(/NoLostMessage: its predicate on packed states gives true where its predicate gives false/);
  });
});
