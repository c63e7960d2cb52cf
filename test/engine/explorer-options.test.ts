// A misspelt explorer option would be ignored and the run would check something else: it is an error.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { exploreRandom } from '../../engine/random.js';
import { InputError } from '../../engine/scenario.js';
import type { Model } from '../../model/core/model.js';

const counter: Model<number, { type: 'Inc'; kind: 'control' }> = {
  init: () => [0],
  actions: (s) => (s < 3 ? [{ type: 'Inc', kind: 'control' }] : []),
  next: (s) => s + 1,
  properties: [{ kind: 'always', name: 'Small', pred: (s: number) => s < 3 }],
};

describe('explorer options', () => {
  it('exploreExhaustive refuses a misspelt option, naming the nearest one', () => {
    const bad = { maxDepht: 1 } as unknown as Parameters<typeof exploreExhaustive>[1];
    expect(() => exploreExhaustive(counter, bad)).toThrow(InputError);
    expect(() => exploreExhaustive(counter, bad)).toThrow(/exploreExhaustive: unknown option maxDepht \(did you mean maxDepth\?\)/);
  });

  it('exploreRandom refuses a misspelt option, and an inherited name', () => {
    const bad = { rusn: 5 } as unknown as Parameters<typeof exploreRandom>[1];
    expect(() => exploreRandom(counter, bad)).toThrow(/exploreRandom: unknown option rusn \(did you mean runs\?\)/);
    const proto = JSON.parse('{"__proto__": 1}') as Parameters<typeof exploreRandom>[1];
    expect(() => exploreRandom(counter, proto)).toThrow(/exploreRandom: unknown option __proto__/);
  });

  it('accepts every documented option', () => {
    expect(exploreExhaustive(counter, { maxDepth: 5, maxStates: 100, full: true, coverage: true, infer: true }).properties[0].verdict).toBe('fails');
    expect(exploreRandom(counter, { seed: 1, runs: 5, steps: 5, minimize: true, coverage: true }).properties[0].verdict).toBe('fails');
  });
});
