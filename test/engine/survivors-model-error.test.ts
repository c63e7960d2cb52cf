// Kills engine-e survivors in engine/model-error.ts (MUTATION.md): the one-line messages of a
// model that breaks its contract, and where they say it happened (scenario, step, mode).
// Everything is built inside each `it` (Stryker's per-test coverage records only code run there).
import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  Call,
  describe as describeValue,
  ModelError,
  modelErrorFor,
  NO_ACTION,
  oneLine,
  thrown,
  UnplainState,
} from '../../engine/model-error.js';
import { defineModel, type Action } from '../../model/core/model.js';

function model(format?: (a: Action) => string) {
  return defineModel<number, Action>({ init: () => [0], actions: () => [], next: (s) => s, properties: [], ...(format ? { format } : {}) });
}
const CRASH: Action = { type: 'Crash', kind: 'fault' };

describe('ModelError (engine-e survivors)', () => {
  it('is named ModelError, and its message has only the parts of the place it was given', () => {
    const e = new ModelError('init() threw x');
    expect(e.name).toBe('ModelError');
    expect(e.message).toBe('init() threw x');
    expect(new ModelError('w', { step: 3 }).message).toBe('w at step 3');
    expect(new ModelError('w', { step: 0, scenario: 'sc' }).message).toBe('sc: w at step 0');
    expect(new ModelError('w', { scenario: 'sc', mode: 'random' }).message).toBe('sc: w (random)');
  });

  it('keeps the innermost place: parts already known win', () => {
    const e = new ModelError('w', { step: 2 }).at({ step: 9, scenario: 'sc', mode: 'exhaustive' });
    expect(e.message).toBe('sc: w at step 2 (exhaustive)');
    expect(e.place).toEqual({ step: 2, scenario: 'sc', mode: 'exhaustive' });
  });
});

describe('oneLine (engine-e survivors)', () => {
  it('shows a run of control characters as one space and trims the ends', () => {
    expect(oneLine('a\n\r\tb')).toBe('a b');
    expect(oneLine('\na\u2028\u2029b\u0085c\n')).toBe('a b c');
  });

  it('keeps 200 characters as they are and cuts 201 to 197 and an ellipsis', () => {
    const t200 = 'x'.repeat(200);
    expect(oneLine(t200)).toBe(t200);
    const cut = oneLine('y'.repeat(150) + 'z'.repeat(51));
    expect(cut).toBe('y'.repeat(150) + 'z'.repeat(47) + '...');
    expect(cut).toHaveLength(200);
  });
});

describe('thrown and describe (engine-e survivors)', () => {
  it('shows an Error as name: message, even with an empty message', () => {
    expect(thrown(new TypeError('x is undefined'))).toBe('TypeError: x is undefined');
    expect(thrown(new Error(''))).toBe('Error:');
  });

  it('quotes a thrown string and shows other values as text', () => {
    expect(thrown('bad input')).toBe('"bad input"');
    expect(thrown('')).toBe('""');
    expect(thrown(42)).toBe('42');
  });

  it('names arrays, plain and non-plain objects', () => {
    expect(describeValue([])).toBe('[]');
    expect(describeValue([1])).toBe('an array');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(Object.create(null))).toBe('an object');
    expect(describeValue(new Map())).toBe('a Map');
    // A prototype without a constructor: never throws, says what it can.
    expect(describeValue(Object.create(Object.create(null)))).toBe('a non-plain object');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(7)).toBe('a number');
  });
});

describe('actionLabel (engine-e survivors)', () => {
  it('labels only action objects through format; other values are described', () => {
    const fmt = model(() => 'formatted');
    expect(actionLabel(fmt, CRASH)).toBe('formatted');
    expect(actionLabel(fmt, null)).toBe('null');
    expect(actionLabel(fmt, 5)).toBe('a number');
    const fn = Object.assign(() => 0, { type: 'Crash' });
    expect(actionLabel(model(), fn)).toBe('a function');
    expect(actionLabel(fmt, fn)).toBe('a function');
  });

  it('falls back to the type when format throws, and to a description without a string type', () => {
    const bad = model(() => {
      throw new Error('format broke');
    });
    expect(actionLabel(bad, { type: 'Crash\nNow', kind: 'fault' })).toBe('Crash Now');
    expect(actionLabel(bad, { type: 5, kind: 'fault' })).toBe('an object');
    expect(actionLabel(bad, {})).toBe('an object');
    expect(actionLabel(bad, [])).toBe('[]');
    expect(actionLabel(bad, null)).toBe('null');
    expect(actionLabel(bad, undefined)).toBe('undefined');
    // The default format on null throws: caught, and described.
    expect(actionLabel(model(), null)).toBe('null');
  });
});

describe('modelErrorFor (engine-e survivors)', () => {
  const place = { step: 4 };

  it('returns an error outside any call unchanged', () => {
    const e = new Error('explorer bug');
    expect(modelErrorFor(model(), e, Call.None, CRASH, place)).toBe(e);
  });

  it('names a non-action listed by actions(s)', () => {
    const e = modelErrorFor(model(), new TypeError('t'), Call.Next, 5, place) as ModelError;
    expect(e.message).toBe('actions(s) listed a number (expected an action object) at step 4');
    expect((modelErrorFor(model(), new TypeError('t'), Call.Next, null, place) as ModelError).message).toBe('actions(s) listed null (expected an action object) at step 4');
  });

  it('names an unplain initial state, or the action whose next returned one', () => {
    const m = model();
    expect((modelErrorFor(m, new UnplainState('a Map at .q'), Call.Result, NO_ACTION, { step: 0 }) as ModelError).message).toBe('an initial state holds a Map at .q at step 0');
    expect((modelErrorFor(m, new UnplainState('a Map at .q'), Call.Result, CRASH, place) as ModelError).message).toBe('next(s, Crash) returned a state holding a Map at .q at step 4');
  });

  it('names next when it threw, and the model when no action was taken', () => {
    const m = model();
    expect((modelErrorFor(m, new RangeError('r'), Call.Next, CRASH, place) as ModelError).message).toBe('next(s, Crash) threw RangeError: r at step 4');
    expect((modelErrorFor(m, new RangeError('r'), Call.Next, NO_ACTION, { step: 0 }) as ModelError).message).toBe('the model threw RangeError: r at step 0');
  });

  it('names a state the codec rejects or that does not fit the schema, after next or initially', () => {
    const m = model();
    const schemaError = Object.assign(new Error('n: expected a number'), { name: 'SchemaError' });
    const codecError = new RangeError('too big');
    expect((modelErrorFor(m, schemaError, Call.Result, CRASH, place) as ModelError).message).toBe('next(s, Crash) returned a state that does not fit its schema: SchemaError: n: expected a number at step 4');
    expect((modelErrorFor(m, codecError, Call.Result, CRASH, place) as ModelError).message).toBe('next(s, Crash) returned a state its codec rejects: RangeError: too big at step 4');
    expect((modelErrorFor(m, schemaError, Call.Result, NO_ACTION, { step: 0 }) as ModelError).message).toBe('an initial state does not fit its schema: SchemaError: n: expected a number at step 0');
    expect((modelErrorFor(m, codecError, Call.Result, NO_ACTION, { step: 0 }) as ModelError).message).toBe('an initial state is rejected by its codec: RangeError: too big at step 0');
    // Whatever was thrown, even undefined: never a crash of its own.
    expect((modelErrorFor(m, undefined, Call.Result, CRASH, place) as ModelError).message).toBe('next(s, Crash) returned a state its codec rejects: undefined at step 4');
  });

  it('names actions(s) when it threw, and keeps a ModelError\'s own words', () => {
    const m = model();
    expect((modelErrorFor(m, new Error('a'), Call.Actions, NO_ACTION, place) as ModelError).message).toBe('actions(s) threw Error: a at step 4');
    const own = new ModelError('init() returned []');
    expect(modelErrorFor(m, own, Call.None, NO_ACTION, { scenario: 'sc' })).toBe(own);
    expect(own.message).toBe('sc: init() returned []');
  });
});
