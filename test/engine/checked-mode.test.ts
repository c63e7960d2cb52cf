// The checked mode catches the three contract violations it exists for, and names them.
import { describe, expect, it } from 'vitest';
import { checked, deepFreeze, ModelContractError } from '../../engine/checked.js';
import type { Model } from '../../model/core/model.js';

type S = { n: number; log: number[] };
type A = { type: 'Inc'; kind: 'control' };
const inc: A = { type: 'Inc', kind: 'control' };
const pure: Model<S, A> = {
  init: () => [{ n: 0, log: [] }],
  actions: () => [inc],
  next: (s) => ({ n: s.n + 1, log: [...s.log, s.n] }),
  properties: [],
  format: (a) => `${a.type}!`,
};

describe('checked mode', () => {
  it('deep-freezes initial states, the states actions and next see, and the states next returns', () => {
    const m = checked(pure);
    const [s0] = m.init();
    expect(Object.isFrozen(s0) && Object.isFrozen(s0.log)).toBe(true);
    const t = m.next(s0, inc);
    expect(Object.isFrozen(t) && Object.isFrozen(t.log)).toBe(true);
    expect(t).toEqual({ n: 1, log: [0] });
    const loose: S = { n: 5, log: [1] };
    m.actions(loose);
    expect(Object.isFrozen(loose.log)).toBe(true);
  });

  it('leaves primitives and null alone, and freezes nested values of an already frozen object', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
    const inner = { x: 1 };
    const outer = { inner };
    deepFreeze(outer);
    expect(Object.isFrozen(inner)).toBe(true);
  });

  it('a next that mutates its input is a ModelContractError naming the action by its format', () => {
    const m = checked<S, A>({ ...pure, next: (s) => (s.log.push(1), s) });
    const [s0] = m.init();
    expect(() => m.next(s0, inc)).toThrow(ModelContractError);
    expect(() => m.next(s0, inc)).toThrow(/^next\(s, Inc!\) mutated its input state: /);
    // The name is what a stack-trace-free report prints before the message.
    expect(new ModelContractError('x').name).toBe('ModelContractError');
  });

  it('other errors from next pass through unchanged', () => {
    const boom = new RangeError('boom');
    const m = checked<S, A>({ ...pure, next: () => { throw boom; } });
    expect(() => m.next(m.init()[0], inc)).toThrow(boom);
    const typeErr = new TypeError('x is undefined');
    const m2 = checked<S, A>({ ...pure, next: () => { throw typeErr; } });
    expect(() => m2.next(m2.init()[0], inc)).toThrow(typeErr);
  });

  it('a next that is not deterministic, or actions that list differently on two calls, are caught', () => {
    let k = 0;
    const m = checked<S, A>({ ...pure, next: (s) => ({ n: s.n + ++k, log: s.log }) });
    expect(() => m.next(m.init()[0], inc)).toThrow(/^next\(s, Inc!\) is not deterministic$/);
    let j = 0;
    const m2 = checked<S, A>({ ...pure, actions: () => (++j % 2 ? [inc] : [inc, inc]) });
    expect(() => m2.actions(m2.init()[0])).toThrow(/actions\(s\) is not deterministic/);
    let i = 0;
    const m3 = checked<S, A>({ ...pure, actions: () => [{ type: ++i % 2 ? 'Inc' : 'Dec', kind: 'control' } as unknown as A] });
    expect(() => m3.actions(m3.init()[0])).toThrow(ModelContractError);
    expect(checked(pure).actions(pure.init()[0])).toEqual([inc]);
  });

  it('labels by type when the model has no format', () => {
    const { format: _f, ...plain } = pure;
    const m = checked<S, A>({ ...plain, next: (s) => (s.log.push(1), s) });
    expect(() => m.next(m.init()[0], inc)).toThrow(/^next\(s, Inc\) mutated/);
  });
});
