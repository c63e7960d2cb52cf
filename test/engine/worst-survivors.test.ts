// engine/worst.ts, unit by unit: which properties are measured, what WorstValues keeps (the
// first id of the largest value, windows, "never" measured no more), its one-line errors, the
// figure of a property that has none, and the witness of a "never" that loops.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { ShapeMismatch } from '../../engine/inferred.js';
import { ModelError } from '../../engine/model-error.js';
import type { RecoveryChecker } from '../../engine/recovery.js';
import { isMeasured, measuredIndices, worstFigure, WorstValues } from '../../engine/worst.js';
import type { Model } from '../../model/core/model.js';
import { always, recovers, sometimes, type Property } from '../../model/core/property.js';

type X = { readonly x: number };
const lag = { label: 'Lag', unit: 's' };
const measured = (of: (s: X) => unknown): Property<X> => always<X>('Lagging', () => true, undefined, { ...lag, of: of as (s: X) => number });
const checker = {} as RecoveryChecker<X, never>;

describe('isMeasured', () => {
  it('is an always with both its measure and measureOf, or a recovers with a measure', () => {
    expect(isMeasured(measured((s) => s.x))).toBe(true);
    expect(isMeasured(always<X>('Plain', () => true))).toBe(false);
    expect(isMeasured(recovers<X>('Up', () => true, { within: 2, measure: { label: 'RTO' } }))).toBe(true);
    expect(isMeasured(recovers<X>('Up', () => true, { within: 2 }))).toBe(false);
    // Hand-built halves: a measureOf without the figure's name, a name without a function, a measure on another kind.
    expect(isMeasured({ kind: 'always', name: 'P', pred: () => true, measureOf: () => 1 } as Property<X>)).toBe(false);
    expect(isMeasured({ kind: 'always', name: 'P', pred: () => true, measure: lag } as Property<X>)).toBe(false);
    expect(isMeasured({ kind: 'always', name: 'P', pred: () => true, measure: lag, measureOf: 3 } as unknown as Property<X>)).toBe(false);
    expect(isMeasured({ kind: 'sometimes', name: 'P', pred: () => true, measure: lag, measureOf: () => 1 } as unknown as Property<X>)).toBe(false);
    expect(measuredIndices([always<X>('A', () => true), measured((s) => s.x), sometimes<X>('B', () => true), recovers<X>('Up', () => true, { within: 1, measure: { label: 'RTO' } })])).toEqual([1, 3]);
  });
});

describe('WorstValues', () => {
  it('starts with nothing observed: -Infinity, id -1', () => {
    const w = new WorstValues<X, never>([measured((s) => s.x)], []);
    expect([...w.value]).toEqual([-Infinity]);
    expect([...w.id]).toEqual([-1]);
  });

  it('keeps the first id holding the largest value, even at id 0 and even when the value is -Infinity', () => {
    const w = new WorstValues<X, never>([sometimes<X>('S', () => true), measured((s) => s.x)], []);
    w.observe({ x: -Infinity }, 4);
    expect(w.id[1]).toBe(4);
    expect(w.value[1]).toBe(-Infinity);
    expect(w.id[0]).toBe(-1);
    w.observe({ x: 5 }, 0);
    w.observe({ x: 5 }, 3);
    w.observe({ x: 2 }, 7);
    expect([w.value[1], w.id[1]]).toEqual([5, 0]);
    w.observe({ x: 6 }, 9);
    expect([w.value[1], w.id[1]]).toEqual([6, 9]);
  });

  it('reset starts a window: a smaller value is taken again; a property that reached Infinity is measured no more', () => {
    let calls = 0;
    const w = new WorstValues<X, never>([measured((s) => (calls++, s.x)), measured((s) => (s.x === 1 ? Infinity : s.x))], []);
    w.observe({ x: 9 }, 0);
    w.observe({ x: 1 }, 1);
    expect([...w.value, ...w.id]).toEqual([9, Infinity, 0, 1]);
    w.reset();
    expect([...w.value, ...w.id]).toEqual([-Infinity, -Infinity, -1, -1]);
    w.observe({ x: 3 }, 5);
    // The first is measured again (3, id 5); the second, done at Infinity, is skipped: nothing is recorded in this window.
    expect([...w.value, ...w.id]).toEqual([3, -Infinity, 5, -1]);
    expect(calls).toBe(3);
  });

  it('a measured recovers property without its RecoveryChecker is refused', () => {
    const up = recovers<X>('Up', () => true, { within: 2, measure: { label: 'RTO' } });
    expect(() => new WorstValues<X, never>([up], [undefined])).toThrow(/^Up: a measured recovers property needs its RecoveryChecker$/);
    expect(() => new WorstValues<X, never>([recovers<X>('Up', () => true, { within: 2 })], [undefined])).not.toThrow();
  });

  it('a measure that returns no number is a one-line model error; one that throws is the property error; a ShapeMismatch passes through', () => {
    const observe = (of: (s: X) => unknown): unknown => {
      try {
        new WorstValues<X, never>([measured(of)], []).observe({ x: 0 }, 0);
        return undefined;
      } catch (e) {
        return e;
      }
    };
    const nan = observe(() => NaN);
    expect(nan).toBeInstanceOf(ModelError);
    expect((nan as Error).message).toBe('property Lagging: its measure returned NaN (expected a number)');
    expect((observe(() => '5') as Error).message).toBe('property Lagging: its measure returned a string (expected a number)');
    expect((observe(() => undefined) as Error).message).toBe('property Lagging: its measure returned undefined (expected a number)');
    expect((observe(() => { throw new Error('boom'); }) as Error).message).toBe('property Lagging threw Error: boom');
    const shape = new ShapeMismatch('too wide', 2);
    expect(observe(() => { throw shape; })).toBe(shape);
    expect(observe(() => Infinity)).toBeUndefined();
  });
});

describe('worstFigure', () => {
  it('a property without a measure has no figure', () => {
    expect(() => worstFigure(always<X>('Plain', () => true), 1, undefined)).toThrow(/^Plain is not a measured property$/);
    expect(() => worstFigure({ kind: 'sometimes', name: 'S', pred: () => true, measure: lag } as unknown as Property<X>, 1, undefined)).toThrow(/^S is not a measured property$/);
    expect(worstFigure(measured((s) => s.x), 7, checker)).toEqual({ label: 'Lag', unit: 's', value: 7 });
  });
});

describe('the witness of a "never" that loops', () => {
  // 0 --Break (fault)--> 1 --Flip--> 2 --Flip--> 3 --Flip--> 2: recovery from 1 goes round 2 and 3 for ever.
  type Act = { readonly type: 'Break' | 'Flip'; readonly kind: 'fault' | 'control' };
  const model: Model<X, Act> = {
    init: () => [{ x: 0 }],
    actions: (s) => (s.x === 0 ? [{ type: 'Break', kind: 'fault' }] : [{ type: 'Flip', kind: 'control' }]),
    next: (s) => ({ x: s.x === 0 ? 1 : s.x === 3 ? 2 : s.x + 1 }),
    properties: [recovers<X>('Up', (s) => s.x === 0, { within: 5, measure: { label: 'Steps' } })],
  };

  it('is the path to the state, then the recovery path, with the loop placed after the path', () => {
    const [p] = exploreExhaustive(model, { full: true }).properties;
    expect(p.worst).toMatchObject({ value: Infinity, unit: 'steps' });
    // Break, then Flip to 2, Flip to 3, Flip back to 2: the loop starts at the recovery path's position 1, step 2 of the whole trace.
    expect(p.worst!.trace).toMatchObject({ labels: ['Break', 'Flip', 'Flip', 'Flip'], recoveryFrom: 1, loopIndex: 2 });
  });

  it('a "never" that is stuck (no move at all) has no loop', () => {
    const stuck: Model<X, Act> = { ...model, actions: (s) => (s.x === 0 ? [{ type: 'Break', kind: 'fault' }] : []) };
    const [p] = exploreExhaustive(stuck, { full: true }).properties;
    expect(p.worst).toMatchObject({ value: Infinity, trace: { labels: ['Break'], recoveryFrom: 1 } });
    expect(p.worst!.trace).not.toHaveProperty('loopIndex');
  });
});
