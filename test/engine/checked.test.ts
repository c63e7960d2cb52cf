import { describe, expect, it } from 'vitest';
import { checked, ModelContractError } from '../../engine/checked.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { always } from '../../model/core/property.js';
import type { Model } from '../../model/core/model.js';

type S = { n: number[] };
type A = { type: 'Inc'; kind: 'op' };
const inc: A = { type: 'Inc', kind: 'op' };

describe('checked mode', () => {
  it('fails loudly on a next that mutates its input', () => {
    const mutating: Model<S, A> = {
      init: () => [{ n: [0] }],
      actions: (s) => (s.n[0] < 3 ? [inc] : []),
      next: (s) => {
        s.n[0]++;
        return s;
      },
      properties: [always('Small', (s) => s.n[0] < 10)],
    };
    expect(() => exploreExhaustive(checked(mutating))).toThrow(ModelContractError);
    expect(() => exploreExhaustive(checked(mutating))).toThrow(/next\(s, Inc\) mutated its input/);
  });

  it('fails loudly on an action order that is not stable', () => {
    let flip = false;
    const unstable: Model<S, { type: 'A' | 'B'; kind: 'op' }> = {
      init: () => [{ n: [0] }],
      actions: () => ((flip = !flip) ? [{ type: 'A', kind: 'op' }, { type: 'B', kind: 'op' }] : [{ type: 'B', kind: 'op' }, { type: 'A', kind: 'op' }]),
      next: (s) => ({ n: [Math.min(s.n[0] + 1, 2)] }),
      properties: [],
    };
    expect(() => exploreExhaustive(checked(unstable))).toThrow(/actions\(s\) is not deterministic/);
  });
});
