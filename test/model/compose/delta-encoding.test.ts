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

describe('configuration kept in the world costs no bits', () => {
  /** compose-aws's composition (bench/compose-aws.ts) with these elb and asg options. */
  const world = (crossZone: boolean, suspendFaults: boolean) =>
    compose([az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy, suspendFaults }), elb({ registered: [0, 1], attachedToAsg: true, crossZone })], { maxFaults: 2 });

  it("elb's crossZone is a fixed field, and asg's suspended one without suspendFaults: compose-aws 2 fits three words", () => {
    const bits = (crossZone: boolean, suspendFaults: boolean) => world(crossZone, suspendFaults).schema!.bits;
    expect([bits(false, false), bits(true, false), bits(false, true)]).toEqual([96, 96, 97]);
    expect(world(false, false).codeWords).toBe(3);
    // The fixed value decodes from no bits; a state holding the other one is refused at its encoding.
    for (const crossZone of [false, true]) {
      const m = world(crossZone, false);
      const code = new Uint32Array(m.codeWords!);
      const s = m.init()[0];
      m.encode!(s, code, 0);
      const back = m.decode!(code, 0);
      expect([(back.elb as { crossZone: boolean }).crossZone, (back.asg as { suspended: boolean }).suspended]).toEqual([crossZone, false]);
      const flipped = { ...s, elb: { ...(s.elb as object), crossZone: !crossZone } } as unknown as typeof s;
      expect(() => m.encode!(flipped, code, 0)).toThrow();
    }
  });

  it('explores the same graph as with one-bit fields (suspendFaults on keeps its bit and its actions)', () => {
    // The counts the benchmark pins (BENCHMARKS.md): unchanged by the fixed fields.
    const r = exploreExhaustive(world(false, false), { maxStates: 300_000 });
    expect([r.stats.distinctStates, r.stats.transitions]).toEqual([275_012, 983_573]);
    const suspendable = exploreExhaustive(world(false, true), { maxStates: 2_000_000 });
    expect(suspendable.stats.distinctStates).toBeGreaterThan(275_012);
  });
});
