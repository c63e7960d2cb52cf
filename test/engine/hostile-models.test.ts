/**
 * Models that the fuzz suite (test/fuzz/model-files.fuzz.test.ts) found crashing the engine,
 * each pinned here as an example: a property that is not one, a listed action a trace cannot
 * hold (no kind, a number, a BigInt argument), a thrown value that cannot be shown as text, an
 * init() or actions(s) list whose reads throw. Each is one InputError line in both modes,
 * never a TypeError from an explorer or a report.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import { defineScenario, InputError } from '../../engine/scenario.js';
import type { Model } from '../../model/core/model.js';

type N = { readonly n: number };
const inc = { type: 'Inc', kind: 'op' } as const;
const small = { kind: 'always', name: 'Small', pred: (s: N) => s.n < 5 } as const;

function counter(parts: Partial<Record<keyof Model<N>, unknown>>): Model<N> {
  return { init: () => [{ n: 0 }], actions: (s: N) => (s.n < 2 ? [inc] : []), next: (s: N) => ({ n: s.n + 1 }), properties: [small], ...parts } as unknown as Model<N>;
}

/** The one line `model` ends in, in each mode. */
function errorLines(model: Model<N>): string[] {
  return (['random', 'exhaustive'] as const).map((mode) => {
    try {
      checkScenario(defineScenario({ name: 'hostile', description: 'hostile', model }), { modes: [mode], random: { runs: 20 } });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).not.toMatch(/\n/);
      return (e as Error).message;
    }
    throw new Error(`expected an error in ${mode} mode, got a verdict`);
  });
}

const always = (what: unknown) => () => [what];
const hostileList = (items: unknown[]) => new Proxy(items, { get: () => { throw new Error('trap'); } });

describe('models that crashed the engine before', () => {
  it.each([
    ['a null property', counter({ properties: [small, null] }), /^hostile: properties\[1\] is not a property/],
    ['a property without pred', counter({ properties: [{ kind: 'always', name: 'P' }] }), /^hostile: properties\[0\] is not a property/],
    ['a property of an unknown kind', counter({ properties: [{ kind: 'never', name: 'P', pred: () => true }] }), /^hostile: properties\[0\] is not a property/],
    ['an action without a kind, in a counterexample', counter({ actions: always({ type: 'Inc' }) }), /actions\(s\) listed an object \(expected an action object with a string type and kind\) at step 1/],
    ['a number listed as an action, in a counterexample', counter({ actions: always(42) }), /actions\(s\) listed a number/],
    ['an action with a BigInt argument, in a counterexample', counter({ actions: always({ type: 'Inc', kind: 'op', by: 1n }) }), /actions\(s\) listed Inc holding a bigint at \.by \(actions are plain data, saved in traces\) at step 1/],
    ['init() throwing an object without a prototype', counter({ init: () => { throw Object.create(null); } }), /init\(\) threw an object that cannot be shown as text/],
    ['init() throwing an Error whose message getter throws', counter({ init: () => { throw Object.defineProperty(new Error('x'), 'message', { get: () => { throw new Error('getter'); } }); } }), /init\(\) threw an Error that cannot be shown as text/],
    ['init() returning a list whose reads throw', counter({ init: () => hostileList([{ n: 0 }]) }), /init\(\) returned an array that cannot be read: Error: trap/],
    ['actions(s) returning a list whose reads throw', counter({ actions: () => hostileList([inc]) }), /Error: trap/],
  ])('%s: one line', (_, model, line) => {
    for (const message of errorLines(model)) expect(message).toMatch(line);
  });

  it('a factory throwing a value that cannot be shown as text: one line', () => {
    const scenario = defineScenario({ name: 'hostile', description: 'hostile', model: () => { throw Object.create(null); } });
    expect(() => scenario.build()).toThrow(InputError);
    expect(() => scenario.build()).toThrow(/^hostile: it threw a value that cannot be shown as text$/);
  });
});
