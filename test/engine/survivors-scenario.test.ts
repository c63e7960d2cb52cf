// Kills engine-e survivors in engine/scenario.ts (MUTATION.md): a scenario's declaration, its
// model and its `--param` overrides are checked, each with one exact line. Everything is built
// inside each `it` (Stryker's per-test coverage records only code run there).
import { describe, expect, it } from 'vitest';
import { defineScenario, InputError, isScenario, matchScenarios, resolveParameters, type Scenario, type ScenarioSpec } from '../../engine/scenario.js';
import { defineModel, type Action } from '../../model/core/model.js';
import { always, sometimes } from '../../model/core/property.js';

function model() {
  return defineModel<number, Action>({ init: () => [0], actions: () => [], next: (s) => s, properties: [always('Ok', () => true), sometimes('Seen', () => true)] });
}
function define(extra: object): Scenario {
  return defineScenario({ name: 'sc', description: 'd', model: model(), ...extra } as ScenarioSpec);
}
function problem(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('defineScenario (engine-e survivors)', () => {
  it('takes kebab-case names, optionally base:variant, and rejects the rest with one line', () => {
    expect(define({ name: 'web-2' }).name).toBe('web-2');
    expect(define({ name: 'web:small-1' }).name).toBe('web:small-1');
    expect(problem(() => define({ name: 'Web' }))).toBe('scenario name must be kebab-case, optionally base:variant: "Web"');
    expect(problem(() => define({ name: 'wEb' }))).toBe('scenario name must be kebab-case, optionally base:variant: "wEb"');
    expect(problem(() => define({ name: 'web:' }))).toBe('scenario name must be kebab-case, optionally base:variant: "web:"');
  });

  it('names defineScenario, not a function\'s own name, for a spec that is no object', () => {
    function web(): void {}
    expect(problem(() => defineScenario(web as unknown as ScenarioSpec))).toBe('defineScenario: options must be an object, got a function');
  });

  it('defaults to both modes and rejects an unknown one', () => {
    expect(define({}).modes).toEqual(['random', 'exhaustive']);
    expect(define({ modes: ['exhaustive'] }).modes).toEqual(['exhaustive']);
    expect(problem(() => define({ modes: ['sideways'] }))).toBe('sc: unknown mode "sideways"');
  });

  it('takes every expectation and rejects another, listing them', () => {
    for (const e of ['holds', 'fails', 'reached', 'unreached']) expect(define({ expect: { Ok: e } }).expect).toEqual({ Ok: e });
    expect(problem(() => define({ expect: { Ok: 'passes' } }))).toBe('sc: expectation for Ok must be one of holds, fails, reached, unreached');
  });

  it('rejects a default parameter that JSON cannot carry', () => {
    expect(problem(() => define({ parameters: { ttl: Infinity } }))).toBe('sc: parameter ttl must be a finite number (it is saved in traces as JSON)');
    expect(problem(() => define({ parameters: { ttl: NaN } }))).toBe('sc: parameter ttl must be a finite number (it is saved in traces as JSON)');
    expect(define({ parameters: { ttl: 5, size: 'small' } }).parameters).toEqual({ ttl: 5, size: 'small' });
  });
});

describe('build (engine-e survivors)', () => {
  it('rejects an expectation for a property the model does not define', () => {
    expect(problem(() => define({ expect: { Gone: 'holds' } }).build())).toBe('sc: expects a verdict for Gone, which the model does not define');
    expect(define({ expect: { Seen: 'unreached' } }).build().properties).toHaveLength(2);
  });

  it('rejects what is not a model, a property that is not one, and a model that cannot be read', () => {
    expect(problem(() => define({ model: () => ({ init: () => [0] }) }).build())).toBe('sc: the model must have init, actions and next functions and a properties array');
    const base = { init: () => [0], actions: () => [], next: (s: number) => s };
    const notProp = 'properties[0] is not a property (use always, sometimes, recovers, eventually, leadsTo, eventuallyAlways or alwaysEventually: a kind, a name and a pred)';
    const fnProp = Object.assign(() => true, { kind: 'always', pred: () => true });
    Object.defineProperty(fnProp, 'name', { value: 'Fn' });
    expect(problem(() => define({ model: { ...base, properties: [fnProp] } }).build())).toBe(`sc: ${notProp}`);
    expect(problem(() => define({ model: { ...base, properties: [{ kind: 'always', name: 5, pred: () => true }] } }).build())).toBe(`sc: ${notProp}`);
    expect(problem(() => define({ model: { ...base, properties: [{ kind: 'never', name: 'N', pred: () => true }] } }).build())).toBe(`sc: ${notProp}`);
    expect(problem(() => define({ model: { ...base, properties: [{ kind: 'always', name: 'N', pred: 1 }] } }).build())).toBe(`sc: ${notProp}`);
    const unreadable = { ...base, get properties(): unknown { throw new Error('no props'); } };
    expect(problem(() => define({ model: unreadable }).build())).toBe('sc: the model cannot be read: no props');
  });
});

describe('isScenario and matchScenarios (engine-e survivors)', () => {
  it('needs an object with a build function and a string name', () => {
    const build = () => model();
    expect(isScenario({ name: 'x', build })).toBe(true);
    expect(isScenario(define({}))).toBe(true);
    expect(isScenario(null)).toBe(false);
    expect(isScenario({ name: 'x' })).toBe(false);
    expect(isScenario({ build })).toBe(false);
    expect(isScenario({ name: 5, build })).toBe(false);
    expect(isScenario(Object.assign(() => 0, { build }))).toBe(false);
  });

  it('matches a name exactly, and a base name with every variant', () => {
    const all = ['web', 'web:a', 'web:b', 'webx', 'api:web', 'api'].map((name) => define({ name }));
    const names = (n: string) => matchScenarios(all, n).map((s) => s.name);
    expect(names('web')).toEqual(['web', 'web:a', 'web:b']);
    expect(names('web:a')).toEqual(['web:a']);
    expect(names('api')).toEqual(['api:web', 'api']);
    expect(names('web:c')).toEqual([]);
    expect(names('')).toEqual([]);
  });
});

describe('resolveParameters (engine-e survivors)', () => {
  function sc() {
    return define({ parameters: { n: 3, on: true, size: 'small' }, choices: { size: ['small', 'large'], n: [1, 3, 5] } });
  }

  it('reads numbers, rejecting blank and non-finite text', () => {
    expect(resolveParameters(sc(), { n: '5' })).toEqual({ n: 5, on: true, size: 'small' });
    expect(resolveParameters(sc(), { n: ' 5 ' }).n).toBe(5);
    for (const raw of ['', '  ', 'Infinity', 'abc']) {
      expect(problem(() => resolveParameters(sc(), { n: raw }))).toBe(`sc: parameter n must be a number, got ${JSON.stringify(raw)}`);
    }
  });

  it('reads booleans as true or false only', () => {
    expect(resolveParameters(sc(), { on: 'false' }).on).toBe(false);
    expect(resolveParameters(sc(), { on: 'true' }).on).toBe(true);
    expect(problem(() => resolveParameters(sc(), { on: 'yes' }))).toBe('sc: parameter on must be true or false, got "yes"');
    expect(problem(() => resolveParameters(sc(), { on: 'True' }))).toBe('sc: parameter on must be true or false, got "True"');
  });

  it('keeps a value to the declared choices', () => {
    expect(resolveParameters(sc(), { size: 'large' }).size).toBe('large');
    expect(problem(() => resolveParameters(sc(), { size: 'huge' }))).toBe('sc: parameter size must be one of small, large, got "huge"');
    expect(problem(() => resolveParameters(sc(), { n: '2' }))).toBe('sc: parameter n must be one of 1, 3, 5, got "2"');
  });

  it('names the known parameters, or says there are none', () => {
    expect(problem(() => resolveParameters(sc(), { m: '1' }))).toBe('sc: unknown parameter m (known: n, on, size)');
    expect(problem(() => resolveParameters(define({}), { m: '1' }))).toBe('sc: unknown parameter m (it takes none)');
  });

  it('gives an ordinary object: the override is an enumerable, writable own value', () => {
    const p = resolveParameters(sc(), { size: 'large' }) as Record<string, unknown>;
    expect(Object.keys(p)).toEqual(['n', 'on', 'size']);
    expect(Object.getOwnPropertyDescriptor(p, 'size')).toEqual({ value: 'large', enumerable: true, writable: true, configurable: true });
  });
});
