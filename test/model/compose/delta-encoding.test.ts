/**
 * Composed worlds are encoded from their parent's code (the schema codec's `encodeFrom`): a
 * successor re-encodes only the slices a reducer replaced. The code must be exactly the full
 * encoding, and the search the same with and without it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { asg } from '../../../model/aws/asg/index.js';
import { az } from '../../../model/aws/az/index.js';
import { capacity } from '../../../model/aws/capacity/index.js';
import { ec2 } from '../../../model/aws/ec2/index.js';
import { elb, elbHealthy } from '../../../model/aws/elb/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose, type ComposedModel } from '../../../model/compose/compose.js';

const model = (): ComposedModel => compose(
  [az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), elb({ registered: [0, 1], attachedToAsg: true })],
  { maxFaults: 1 },
) as unknown as ComposedModel;

describe('delta encoding of composed worlds', () => {
  it('gives exactly the full code on random walks (seeded)', () => {
    const m = model();
    const words = m.codeWords!;
    const parentCode = new Uint32Array(words);
    const full = new Uint32Array(words);
    const delta = new Uint32Array(words);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (choices) => {
        let s: World = m.init()[0];
        for (const c of choices) {
          const acts = m.actions(s);
          if (acts.length === 0) break;
          const t = m.next(s, acts[c % acts.length]);
          m.encode!(s, parentCode, 0);
          m.encode!(t, full, 0);
          delta.fill(0xdeadbeef);
          m.encodeFrom!(t, s, parentCode, 0, delta, 0);
          expect(Array.from(delta)).toEqual(Array.from(full));
          s = t;
        }
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('explores the same states and transitions with and without it', () => {
    const m = model();
    const withDelta = exploreExhaustive(m);
    const without = exploreExhaustive({ ...m, encodeFrom: undefined });
    expect(withDelta.stats.distinctStates).toBe(without.stats.distinctStates);
    expect(withDelta.stats.transitions).toBe(without.stats.transitions);
    expect(withDelta.stats.distinctStates).toBeGreaterThan(1000);
  });
});
