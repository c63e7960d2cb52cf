/**
 * A model that breaks the Model contract ends in one ModelError (an InputError: one line,
 * exit 2 at the CLI) naming the scenario, the call, the action and the step, on every
 * explorer and storage path, in replay and in the recovery search: never a verdict, never a
 * TypeError or a stack overflow from inside the engine.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import { checked } from '../../engine/checked.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { Fingerprinter } from '../../engine/fingerprint.js';
import { ModelError } from '../../engine/model-error.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { exploreRandom } from '../../engine/random.js';
import { InputError, resolveParameters, defineScenario } from '../../engine/scenario.js';
import { replay } from '../../engine/trace.js';
import type { Model } from '../../model/core/model.js';
import { always, recovers } from '../../model/core/property.js';
import { errorOf as errorThrown } from '../fixtures/error-of.js';
import brokenScenario, { brokenCounter, BUGS, type Bug, type Inc } from '../fixtures/contract-models.js';

const MODULE = new URL('../fixtures/contract-models.ts', import.meta.url).href;
const inc: Inc = { type: 'Inc', kind: 'op', by: 1 };

/** What goes wrong, and where (no scenario, no mode). */
const WHAT: Record<Bug, string> = {
  'init-empty': 'init() returned [] (a model needs at least one initial state)',
  'init-null': 'init() returned null (expected an array of initial states)',
  'init-object': 'init() returned an object (expected an array of initial states)',
  'init-throws': 'init() threw Error: boom',
  'actions-object': 'actions(s) returned an object (expected an array) at step 2',
  'actions-null': 'actions(s) returned null (expected an array) at step 2',
  'actions-throws': 'actions(s) threw Error: boom at step 2',
  'actions-lists-null': 'actions(s) listed null (expected an action object) at step 2',
  'next-undefined': 'next(s, Inc(1)) returned undefined at step 2',
  'next-null': 'next(s, Inc(1)) returned null at step 2',
  'next-number': 'next(s, Inc(1)) returned a number at step 2',
  'next-throws': 'next(s, Inc(1)) threw Error: boom at step 2',
  'property-throws': 'property Small threw Error: boom at step 2',
  'state-function': 'next(s, Inc(1)) returned a state holding a function at .held at step 2',
  'state-symbol': 'next(s, Inc(1)) returned a state holding a symbol at .held at step 2',
  'state-bigint': 'next(s, Inc(1)) returned a state holding a bigint at .held at step 2',
  'state-map': 'next(s, Inc(1)) returned a state holding a Map at .held at step 2',
  'state-set': 'next(s, Inc(1)) returned a state holding a Set at .held at step 2',
  'state-date': 'next(s, Inc(1)) returned a state holding a Date at .held at step 2',
  'state-class': 'next(s, Inc(1)) returned a state holding a Point at .held at step 2',
  'state-cycle': 'next(s, Inc(1)) returned a state holding a cycle at .held.self at step 2',
};

/** The error `run` ends in; fails the test if it ends in a verdict instead. */
const errorOf = (run: () => unknown): Error => errorThrown(run, 'expected a contract error, got a verdict');

function expectOneLine(e: Error, message: string): void {
  expect(e).toBeInstanceOf(ModelError);
  expect(e).toBeInstanceOf(InputError);
  expect(e.message).toBe(message);
  expect(e.message).not.toMatch(/\n/);
}

const PATHS = [
  { name: 'exhaustive, inferred codes', mode: 'exhaustive', options: {} },
  { name: 'exhaustive, fingerprints', mode: 'exhaustive', options: { exhaustive: { infer: false } } },
  { name: 'random', mode: 'random', options: { random: { runs: 50, seed: 1 } } },
] as const;

describe.each(PATHS)('contract errors through checkScenario: $name', ({ mode, options }) => {
  it.each(BUGS)('%s: one line naming the scenario, the call, the action and the step', (bug) => {
    const e = errorOf(() => checkScenario(brokenScenario, { modes: [mode], params: { bug }, ...options }));
    expectOneLine(e, `broken-counter: ${WHAT[bug]} (${mode})`);
  });
});

describe('contract errors with a schema (the codec path; --workers)', () => {
  const bugs = BUGS.filter((b) => !b.startsWith('state-'));
  it.each(bugs)('%s: the serial explorers report it as without a schema', (bug) => {
    for (const mode of ['exhaustive', 'random'] as const) {
      const e = errorOf(() => checkScenario(brokenScenario, { modes: [mode], params: { bug, schema: 'true' }, random: { runs: 50 } }));
      expectOneLine(e, `broken-counter: ${WHAT[bug]} (${mode})`);
    }
  });

  it.each(['next-undefined', 'next-throws', 'actions-object', 'actions-null', 'property-throws'] as const)('%s: 2 workers reject the run with the same words', async (bug) => {
    await expect(exploreParallel({ module: MODULE, export: 'brokenCounter', args: [bug, true] }, { workers: 2 })).rejects.toMatchObject({
      name: 'ModelError',
      message: `${WHAT[bug]} (exhaustive)`,
    });
  });

  it('a schema holds only what it declares: an undeclared field is dropped alike by every explorer, never stored', () => {
    const model = brokenCounter('state-map', true);
    expect(exploreExhaustive(model).stats.distinctStates).toBe(4);
    const r = exploreRandom(model, { runs: 20, seed: 1 });
    expect(r.properties[0].verdict).toBe('holds');
  });
});

describe('contract errors in replay and in the recovery search', () => {
  it.each(BUGS.filter((b) => !b.startsWith('init-')))('%s: replay names the step (replay)', (bug) => {
    const model = brokenCounter(bug);
    const e = errorOf(() => replay(model, model.properties[0], [{ action: inc }, { action: inc }]));
    expectOneLine(e, `${WHAT[bug]} (replay)`);
  });

  it('replay of a model whose init() is empty', () => {
    const model = brokenCounter('init-empty');
    expectOneLine(errorOf(() => replay(model, model.properties[0], [])), `${WHAT['init-empty']} (replay)`);
  });

  type S = { readonly up: boolean };
  type A = { readonly type: 'Fail' | 'Repair'; readonly kind: 'fault' | 'control' };
  const repairBroken: Model<S, A> = {
    init: () => [{ up: true }],
    actions: (s) => [s.up ? { type: 'Fail', kind: 'fault' } : { type: 'Repair', kind: 'control' }],
    next: (s, a) => (a.type === 'Fail' ? { up: false } : (undefined as never)),
    properties: [recovers('BackUp', (s) => s.up, { within: 2 })],
  };

  it('a recovery move that returns no state, found while checking a recovers property', () => {
    expectOneLine(errorOf(() => exploreExhaustive(repairBroken)), 'next(s, Repair) returned undefined in BackUp\'s recovery search at step 1 (exhaustive)');
    expectOneLine(errorOf(() => exploreExhaustive(repairBroken, { infer: false })), 'next(s, Repair) returned undefined in BackUp\'s recovery search at step 1 (exhaustive)');
    // A random run may also take Repair itself, as its second step.
    const e = errorOf(() => exploreRandom(repairBroken, { runs: 20 }));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toMatch(/^next\(s, Repair\) returned undefined (in BackUp's recovery search at step 1|at step 2) \(random\)$/);
  });

  it('the checked mode\'s own contract errors are ModelErrors placed like the others', () => {
    let flip = false;
    const unstable: Model<{ n: number }, { type: 'A' | 'B'; kind: 'op' }> = {
      init: () => [{ n: 0 }],
      actions: () => ((flip = !flip) ? [{ type: 'A', kind: 'op' }, { type: 'B', kind: 'op' }] : [{ type: 'B', kind: 'op' }, { type: 'A', kind: 'op' }]),
      next: (s) => ({ n: Math.min(s.n + 1, 2) }),
      properties: [always('Any', () => true)],
    };
    const e = errorOf(() => exploreExhaustive(checked(unstable)));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toMatch(/^actions\(s\) is not deterministic: .* at step 1 \(exhaustive\)$/);
  });
});

describe('fingerprints never merge what they cannot see into', () => {
  const fp = new Fingerprinter();
  const out = new Uint32Array(2);
  class Box {
    constructor(readonly v: number) {}
  }
  const cyclic: { next?: unknown } = {};
  cyclic.next = { back: cyclic };
  const cases: [string, unknown, string][] = [
    ['a function', { a: [1, () => 1] }, 'a function at .a[1]'],
    ['a symbol', { a: Symbol('x') }, 'a symbol at .a'],
    ['a bigint', [1n], 'a bigint at [0]'],
    ['a Map', { m: new Map([[1, 1]]) }, 'a Map at .m'],
    ['a Set', { m: { 'odd key': new Set() } }, 'a Set at .m["odd key"]'],
    ['a class instance', { b: new Box(1) }, 'a Box at .b'],
    ['a cycle', { c: cyclic }, 'a cycle at .c.next.back'],
  ];
  it.each(cases)('%s is a one-line error naming where it is', (_, state, part) => {
    const e = errorOf(() => fp.fingerprint(state, out, 0));
    expectOneLine(e, `a state holds ${part}`);
    expectOneLine(errorOf(() => fp.prime(state)), `a state holds ${part}`);
  });

  it('nesting is bounded, not a stack overflow: 900 levels hash, 100,000 are rejected', () => {
    const nest = (n: number): unknown => {
      let v: unknown = 0;
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    fp.fingerprint(nest(900), out, 0);
    expect(errorOf(() => fp.fingerprint(nest(100_000), out, 0)).message).toMatch(/^a state holds nesting deeper than 1000 levels at \[0\]/);
    // The fingerprinter is usable again after an error.
    fp.prime({ a: 1 });
    fp.fingerprint({ a: 1 }, out, 0);
  });
});

describe('--param names that are no parameter', () => {
  const withSize = defineScenario({ name: 'with-size', description: 'x', parameters: { size: 'small' }, model: () => brokenCounter('next-undefined') });
  const without = defineScenario({ name: 'no-params', description: 'x', model: brokenCounter('next-undefined') });
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('%s is an unknown parameter, in one line', (k) => {
    expect(() => resolveParameters(withSize, { [k]: '1' })).toThrow(new InputError(`with-size: unknown parameter ${k} (known: size)`));
    expect(() => resolveParameters(without, { [k]: '1' })).toThrow(new InputError(`no-params: unknown parameter ${k} (it takes none)`));
  });

  it('a declared parameter is still set as an own key', () => {
    expect(resolveParameters(withSize, { size: 'large' })).toEqual({ size: 'large' });
  });
});
