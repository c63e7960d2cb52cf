import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { checked } from '../../engine/checked.js';
import { SIZES, sqsPool } from '../../scenarios/sqs-pool/model.js';
import { encodedSqsPool } from '../../scenarios/sqs-pool/schema.js';
import { dieHardModel } from '../../scenarios/die-hard.js';
import { twoPhaseModel } from '../../scenarios/two-phase-commit.js';
import { always, recovers, sometimes } from '../../model/core/property.js';
import type { Model } from '../../model/core/model.js';
import { referenceBfs } from './reference-bfs.js';

// Counts from the anchors (../shared/bench/anchors/RESULTS.md), which SPIN and two JS BFSs agree on.
const ANCHORS = {
  small: { states: 382, transitions: 1206, depth: 12 },
  medium: { states: 38_895, transitions: 204_090, depth: 23 },
};

describe('exhaustive explorer on sqs-pool', () => {
  for (const [size, want] of Object.entries(ANCHORS)) {
    for (const path of ['fingerprints', 'inferred', 'encoded'] as const) {
      it(`${size}, ${path} path: ${want.states} states / ${want.transitions} transitions / depth ${want.depth}`, () => {
        const model = path === 'encoded' ? encodedSqsPool(SIZES[size]) : sqsPool(SIZES[size]);
        const r = exploreExhaustive(model, path === 'fingerprints' ? { infer: false } : {});
        expect(r.stats).toMatchObject({ distinctStates: want.states, transitions: want.transitions, maxDepth: want.depth, complete: true });
        expect(r.properties[0]).toMatchObject({ name: 'NoLostMessage', verdict: 'holds' });
        if (path === 'fingerprints') expect(r.stats.collisionProbability).toBeLessThan(1e-9);
        else expect(r.stats.collisionProbability).toBeUndefined();
      });
    }
  }

  it('agrees with a naive JSON-keyed reference BFS (small and medium, both variants)', () => {
    for (const size of ['small', 'medium']) {
      for (const variant of ['correct', 'early-delete'] as const) {
        const ref = referenceBfs(sqsPool(SIZES[size], variant));
        const r = exploreExhaustive(sqsPool(SIZES[size], variant), { full: true });
        expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([ref.states, ref.transitions, ref.maxDepth]);
      }
    }
  });

  it('early-delete --full small: 102 states / 238 transitions / depth 8', () => {
    const r = exploreExhaustive(sqsPool(SIZES.small, 'early-delete'), { full: true });
    expect(r.stats).toMatchObject({ distinctStates: 102, transitions: 238, maxDepth: 8 });
    expect(r.properties[0].verdict).toBe('fails');
  });

  it('early-delete fails with the 3-action counterexample, and stops early', () => {
    for (const model of [sqsPool(SIZES.medium, 'early-delete'), encodedSqsPool(SIZES.medium, 'early-delete')]) {
      const r = exploreExhaustive(model);
      const cx = r.properties[0].counterexample!;
      expect(r.properties[0].verdict).toBe('fails');
      expect(cx.length).toBe(3);
      expect(cx.labels).toEqual(['Send(0)', 'Receive(0, 0)', 'Crash(0)']);
      expect(r.stats.distinctStates).toBeLessThan(100);
    }
  });

  it('runs the same in the checked mode (no mutation, stable action order)', () => {
    const r = exploreExhaustive(checked(sqsPool(SIZES.small)));
    expect(r.stats.distinctStates).toBe(382);
  });
});

describe('exhaustive explorer on models other tools have counted', () => {
  it('die-hard: 16 states, NotSolved fails with a 6-action counterexample that really solves it', () => {
    const r = exploreExhaustive(dieHardModel, { full: true });
    expect(r.stats.distinctStates).toBe(16);
    const cx = r.properties[0].counterexample!;
    expect(cx.length).toBe(6);
    let s = dieHardModel.init()[0];
    for (const a of cx.actions) s = dieHardModel.next(s, a);
    expect(s.big).toBe(4);
  });

  it("two-phase-commit (TLA+'s TwoPhase, 3 RMs): 288 states as TLC counts, TCConsistent holds", () => {
    const r = exploreExhaustive(twoPhaseModel(3));
    expect(r.stats.distinctStates).toBe(288);
    expect(referenceBfs(twoPhaseModel(3)).states).toBe(288);
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'reached']);
  });
});

/** A counter 0..n with a fault that breaks it and a control action that repairs it slowly. */
function counterModel(n: number): Model<{ v: number; broken: boolean; repair: number }, { type: string; kind: 'op' | 'fault' | 'control' }> {
  const inc = { type: 'Inc', kind: 'op' } as const;
  const brk = { type: 'Break', kind: 'fault' } as const;
  const fix = { type: 'Fix', kind: 'control' } as const;
  const tick = { type: 'Tick', kind: 'control' } as const;
  return {
    init: () => [{ v: 0, broken: false, repair: 0 }],
    actions: (s) => [...(s.v < n ? [inc] : []), ...(s.broken ? [] : [brk]), ...(s.broken && s.repair === 0 ? [fix] : []), ...(s.repair > 0 ? [tick] : [])],
    next: (s, a) =>
      a.type === 'Inc' ? { ...s, v: s.v + 1 } : a.type === 'Break' ? { ...s, broken: true } : a.type === 'Fix' ? { ...s, repair: 2 } : s.repair === 1 ? { ...s, broken: false, repair: 0 } : { ...s, repair: s.repair - 1 },
    properties: [
      always('NeverThree', (s) => s.v !== 3),
      sometimes('ReachedBroken', (s) => s.broken),
      sometimes('ReachedTen', (s) => s.v === 10),
      recovers('RepairedWithinThree', (s) => !s.broken, { within: 3 }),
      recovers('RepairedWithinTwo', (s) => !s.broken, { within: 2 }),
    ],
  };
}

describe('verdicts, bounds and recovers', () => {
  it('decides each property with its own shortest counterexample', () => {
    const r = exploreExhaustive(counterModel(5));
    const by = Object.fromEntries(r.properties.map((p) => [p.name, p]));
    expect(by.NeverThree.verdict).toBe('fails');
    expect(by.NeverThree.counterexample!.labels).toEqual(['Inc', 'Inc', 'Inc']);
    expect(by.ReachedBroken.verdict).toBe('reached');
    expect(by.ReachedTen.verdict).toBe('unreached');
    expect(by.RepairedWithinThree.verdict).toBe('holds');
    // Break, then Fix, Tick: the predicate is back only after 3 recovery steps.
    const cx = by.RepairedWithinTwo.counterexample!;
    expect(by.RepairedWithinTwo.verdict).toBe('fails');
    expect(cx.labels).toEqual(['Break', 'Fix', 'Tick']);
    expect(cx.recoveryFrom).toBe(1);
  });

  it('a depth bound leaves undecided properties unknown and says how far it got', () => {
    const r = exploreExhaustive(sqsPool(SIZES.medium), { maxDepth: 5 });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'depth', maxDepth: 5 });
    expect(r.properties[0].verdict).toBe('unknown');
    const capped = exploreExhaustive(sqsPool(SIZES.medium), { maxStates: 1000 });
    expect(capped.stats).toMatchObject({ complete: false, stoppedBy: 'max-states', distinctStates: 1000 });
    expect(capped.properties[0].verdict).toBe('unknown');
  });

  it('a failure found before a bound stops the run still counts', () => {
    const r = exploreExhaustive(sqsPool(SIZES.medium, 'early-delete'), { maxStates: 200, full: true });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'max-states' });
    expect(r.properties[0].verdict).toBe('fails');
  });
});

describe('symmetry reduction', () => {
  it('sqs-pool: the reduced count equals a naive BFS over canonical states, verdicts unchanged', async () => {
    const { canonicalPool } = await import('../../scenarios/sqs-pool/model.js');
    for (const size of ['small', 'medium']) {
      for (const model of [sqsPool(SIZES[size]), encodedSqsPool(SIZES[size])]) {
        const full = exploreExhaustive(model);
        const reduced = exploreExhaustive(model, { symmetry: true });
        const ref = referenceBfs(model, canonicalPool);
        expect(reduced.stats.distinctStates).toBe(ref.states);
        expect(reduced.stats.transitions).toBe(ref.transitions);
        expect(reduced.stats.distinctStates!).toBeLessThan(full.stats.distinctStates!);
        expect(reduced.properties[0].verdict).toBe('holds');
      }
    }
  });

  it('early-delete still fails under symmetry, with a trace that replays on the real model', () => {
    const model = sqsPool(SIZES.medium, 'early-delete');
    const r = exploreExhaustive(model, { symmetry: true });
    const cx = r.properties[0].counterexample!;
    expect(cx.length).toBe(3);
    let s = model.init()[0];
    for (const a of cx.actions) {
      expect(model.actions(s)).toContainEqual(a);
      s = model.next(s, a);
    }
    expect(model.properties[0].pred(s)).toBe(false);
  });
});
