import { describe, expect, it } from 'vitest';
import { defineScenario, InputError, type ScenarioSpec } from '../../engine/scenario.js';
import { defineModel } from '../../model/core/model.js';

const model = defineModel<number, never>({ init: () => [0], actions: () => [], next: (s) => s, properties: [] });
const spec = { name: 'typo', description: 'a scenario', model } as const;

/** What a JavaScript scenario file, or one that skips tsc, declares. */
function define(extra: object): () => unknown {
  return () => defineScenario({ ...spec, ...extra } as ScenarioSpec);
}

describe('defineScenario rejects misspelt keys', () => {
  it('in the spec, naming the key meant', () => {
    expect(define({ expected: {} })).toThrow(InputError);
    expect(define({ expected: {} })).toThrow(/^typo: unknown option expected \(did you mean expect\?\)$/);
    expect(define({ mode: ['random'] })).toThrow(/^typo: unknown option mode \(did you mean model or modes\?\)$/);
    expect(define({ __proto__: null, extra: 1 })).toThrow(/^typo: unknown option extra \(known: name, description, model, parameters, choices, modes, expect, random, exhaustive, availability\)$/);
  });

  it('in random and exhaustive', () => {
    expect(define({ random: { run: 5 } })).toThrow(/^typo: random: unknown option run \(did you mean runs\?\)$/);
    expect(define({ exhaustive: { maxState: 5 } })).toThrow(/^typo: exhaustive: unknown option maxState \(did you mean maxStates\?\)$/);
    expect(define({ exhaustive: 5 })).toThrow(/^typo: exhaustive: options must be an object, got a number \(5\)$/);
  });

  it('names defineScenario when the name itself is missing or bad, and rejects a non-object', () => {
    expect(() => defineScenario({ nam: 'x', description: '', model } as unknown as ScenarioSpec)).toThrow(/^defineScenario: unknown option nam \(did you mean name\?\)$/);
    expect(() => defineScenario(null as unknown as ScenarioSpec)).toThrow(/^defineScenario: options must be an object, got null$/);
  });

  it('accepts every documented key', () => {
    const s = defineScenario({
      ...spec, parameters: { n: 1 }, choices: { n: [1, 2] }, modes: ['random'], expect: {},
      random: { runs: 1, steps: 2, faultBias: true }, exhaustive: { maxDepth: 3, maxStates: 10 },
    });
    expect(s.name).toBe('typo');
  });
});
