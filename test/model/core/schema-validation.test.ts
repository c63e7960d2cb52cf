import { describe, expect, expectTypeOf, it } from 'vitest';
import { fieldLayout, SchemaError, t, type Infer, type Schema } from '../../../model/core/schema.js';
import { Msg, Queue, encodeToArray, queueState } from './schema-fixtures.js';

describe('validation', () => {
  const Q = t.record('Q', { q: t.enumOf(['unsent', 'visible']) });
  const withMsg = (i: number, patch: Record<string, unknown>): unknown => {
    const s = queueState();
    return { ...s, msgs: s.msgs.map((m, j) => (j === i ? { ...m, ...patch } : m)) };
  };
  const cases: [string, Schema<any>, unknown][] = [
    ['msgs[2].timer: 5 is outside 0..3', Queue, withMsg(2, { timer: 5 })],
    ['msgs[0].timer: 4 is outside 0..3', Queue, withMsg(0, { timer: 4 })],
    ['workers[1].wm: -2 is outside -1..4', Queue, { ...queueState(), workers: [queueState().workers[0], { w: 'idle', wm: -2 }, queueState().workers[2]] }],
    ['q: "lost" is not one of unsent|visible', Q, { q: 'lost' }],
    ['q: 0 is not one of unsent|visible', Q, { q: 0 }],
    ['workers: expected an array of length 3, got 2', Queue, { ...queueState(), workers: queueState().workers.slice(0, 2) }],
    ['workers: expected an array of length 3, got 4', Queue, { ...queueState(), workers: [...queueState().workers, queueState().workers[0]] }],
    ['workers: expected an array of length 3, got an object', Queue, { ...queueState(), workers: { length: 3 } }],
    ['missing field crashes', Queue, { msgs: queueState().msgs, workers: queueState().workers }],
    ['msgs[4]: missing field done', Queue, { ...queueState(), msgs: [...queueState().msgs.slice(0, 4), { q: 'unsent', timer: 0 }] }],
    ['msgs[1].timer: 1.5 is not an integer', Queue, withMsg(1, { timer: 1.5 })],
    ['msgs[1].timer: NaN is not an integer', Queue, withMsg(1, { timer: NaN })],
    ['msgs[1].timer: expected an integer in 0..3, got "1"', Queue, withMsg(1, { timer: '1' })],
    ['msgs[3].done: expected a boolean, got 1', Queue, withMsg(3, { done: 1 })],
    ['msgs[3]: expected a Msg record, got null', Queue, { ...queueState(), msgs: [...queueState().msgs.slice(0, 3), null, queueState().msgs[4]] }],
    ['expected a Queue record, got 42', Queue, 42],
  ];

  it.each(cases)('validate and encode both throw %s', (message, schema, value) => {
    expect(() => schema.validate(value)).toThrow(new SchemaError(message));
    expect(() => encodeToArray(schema, value)).toThrow(new SchemaError(message));
    expect(() => schema.validate(value)).toThrow(SchemaError);
  });

  it('rejects unexpected fields (encode ignores them)', () => {
    expect(() => Msg.validate({ q: 'unsent', timer: 0, done: false, extra: 1 }, 'msgs[0]')).toThrow(new SchemaError('msgs[0]: unexpected field extra'));
  });

  it('accepts every valid value', () => {
    expect(() => Queue.validate(queueState())).not.toThrow();
  });

  it('rejects bad schema declarations', () => {
    expect(() => t.int(3, 1)).toThrow(SchemaError);
    expect(() => t.int(0, 1.5)).toThrow(SchemaError);
    expect(() => t.enumOf([])).toThrow(SchemaError);
    expect(() => t.enumOf(['a', 'a'])).toThrow(new SchemaError('t.enumOf: duplicate values in a|a'));
    expect(() => t.record('R', { '0': t.bool() })).toThrow(new SchemaError('t.record R: bad field name "0"'));
    const protoField = Object.defineProperty({}, '__proto__', { value: t.bool(), enumerable: true });
    expect(() => t.record('R', protoField)).toThrow(new SchemaError('t.record R: bad field name "__proto__"'));
    expect(() => t.array(t.bool(), -1)).toThrow(SchemaError);
  });
});

describe('records and layout', () => {
  it('make() builds keys in schema order', () => {
    const m = Msg.make({ done: true, timer: 2, q: 'visible' });
    expect(Object.keys(m)).toEqual(['q', 'timer', 'done']);
    expect(m).toEqual({ q: 'visible', timer: 2, done: true });
    expect(Msg.name).toBe('Msg');
    expect(Object.keys(Msg.fields)).toEqual(['q', 'timer', 'done']);
  });

  it('fieldLayout lists every leaf with its offset and width', () => {
    const layout = fieldLayout(Queue).map(({ path, offset, width }) => `${path}@${offset}+${width}`);
    expect(layout.slice(0, 4)).toEqual(['msgs[0].q@0+2', 'msgs[0].timer@2+2', 'msgs[0].done@4+1', 'msgs[1].q@5+2']);
    expect(layout.slice(-3)).toEqual(['workers[2].w@35+2', 'workers[2].wm@37+3', 'crashes@40+2']);
    expect(layout).toHaveLength(5 * 3 + 3 * 2 + 1);
  });

  it('infers the value types', () => {
    expectTypeOf<Infer<typeof Msg>>().toEqualTypeOf<{ readonly q: 'unsent' | 'visible' | 'inflight' | 'deleted'; readonly timer: number; readonly done: boolean }>();
    expectTypeOf<Queue['workers']>().toEqualTypeOf<readonly { readonly w: 'idle' | 'busy' | 'crashed'; readonly wm: number }[]>();
    expectTypeOf<Infer<ReturnType<typeof t.array<ReturnType<typeof t.bool>>>>>().toEqualTypeOf<readonly boolean[]>();
    expectTypeOf(Queue.codec().decode).returns.toEqualTypeOf<Queue>();
  });
});
