import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import { defineScenario } from '../../engine/scenario.js';
import { sqsPoolEarlyDelete } from '../../scenarios/sqs-pool/index.js';
import { dieHard } from '../../scenarios/die-hard.js';
import { counterexampleToItf, fromItfValue, ItfError, itfToStates, statesToItf, toItfValue } from '../../report/itf.js';
import { viewCounterexample } from '../../report/view.js';
import { fleetModel, bundled } from './fixtures.js';

/** ADR-015's expression grammar, as faultline writes it: integers only as #bigint. */
function assertItfExpr(v: unknown, where: string): void {
  if (typeof v === 'string' || typeof v === 'boolean') return;
  if (Array.isArray(v)) return v.forEach((x, i) => assertItfExpr(x, `${where}[${i}]`));
  if (typeof v !== 'object' || v === null) throw new Error(`${where}: ${JSON.stringify(v)} is not an ITF expression (numbers must be #bigint)`);
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '#bigint') {
    const s = (v as Record<string, unknown>)['#bigint'];
    if (typeof s !== 'string' || !/^-?[0-9]+$/.test(s)) throw new Error(`${where}: bad #bigint ${JSON.stringify(s)}`);
    return;
  }
  for (const k of keys) {
    if (k.startsWith('#')) throw new Error(`${where}: record field ${k} starts with #`);
    assertItfExpr((v as Record<string, unknown>)[k], `${where}.${k}`);
  }
}

/** ADR-015's trace object: `#meta`?, `params`?, `vars`, `states` (each with every var), `loop`?. */
function assertItfTrace(doc: unknown): void {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('trace must be an object');
  const t = doc as Record<string, unknown>;
  for (const k of Object.keys(t)) if (!['#meta', 'params', 'vars', 'states', 'loop'].includes(k)) throw new Error(`unexpected top-level field ${k}`);
  if (t['#meta'] !== undefined && (typeof t['#meta'] !== 'object' || t['#meta'] === null || Array.isArray(t['#meta']))) throw new Error('#meta must be an object');
  if (t.params !== undefined && !(Array.isArray(t.params) && t.params.every((p) => typeof p === 'string'))) throw new Error('params must be strings');
  if (!Array.isArray(t.vars) || !t.vars.every((v) => typeof v === 'string' && !v.startsWith('#'))) throw new Error('vars must be an array of names');
  if (new Set(t.vars).size !== t.vars.length) throw new Error('vars must be distinct');
  if (!Array.isArray(t.states)) throw new Error('states must be an array');
  t.states.forEach((s, i) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new Error(`state ${i} must be an object`);
    const st = s as Record<string, unknown>;
    const meta = st['#meta'] as Record<string, unknown> | undefined;
    if (meta !== undefined && (typeof meta !== 'object' || meta === null)) throw new Error(`state ${i}: #meta must be an object`);
    if (meta?.index !== i) throw new Error(`state ${i}: #meta.index must be ${i}`);
    for (const v of t.vars as string[]) {
      if (!(v in st)) throw new Error(`state ${i}: missing ${v}`);
      assertItfExpr(st[v], `state ${i}.${v}`);
    }
    for (const k of Object.keys(st)) if (k !== '#meta' && !(t.vars as string[]).includes(k)) throw new Error(`state ${i}: ${k} is not in vars`);
  });
  if (t.loop !== undefined && !(Number.isInteger(t.loop) && (t.loop as number) >= 0 && (t.loop as number) < t.states.length)) throw new Error('loop must index a state');
}

describe('ITF export', () => {
  it('exports sqs-pool:early-delete as a valid ADR-015 trace that reads back to the same states', () => {
    const [r] = checkScenario(bundled('sqs-pool:early-delete'), { modes: ['exhaustive'] });
    const model = sqsPoolEarlyDelete.build(r.parameters);
    const p = r.properties[0];
    const itf = counterexampleToItf(model, p.counterexample!, { scenario: r.scenario, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode });
    const json = JSON.parse(JSON.stringify(itf));
    assertItfTrace(json);
    expect(json.vars).toEqual(['msgs', 'workers', 'crashes']);
    expect(json['#meta']).toMatchObject({ format: 'ITF', scenario: 'sqs-pool:early-delete', property: 'NoLostMessage', kind: 'always', mode: 'exhaustive' });
    expect(json.states).toHaveLength(4);
    expect(json.states[3]['#meta']).toEqual({ index: 3, action: 'Crash(0)', kind: 'fault', component: 'model' });
    expect(json.states[3].crashes).toEqual({ '#bigint': '1' });
    expect(json.states[2].workers[0]).toEqual({ w: 'busy', wm: { '#bigint': '0' } });
    expect(json.states[2].msgs[0]).toEqual({ q: 'deleted', timer: { '#bigint': '0' }, done: false });

    const view = viewCounterexample(model, p, p.counterexample!);
    expect(itfToStates(json)).toEqual([view.initial, ...view.steps.map((s) => s.state)]);
  });

  it('round-trips die-hard and the nested fleet world, one variable per component', () => {
    const [r] = checkScenario(bundled('die-hard'), { modes: ['exhaustive'] });
    const model = dieHard.build();
    const cx = r.properties[0].counterexample!;
    const view = viewCounterexample(model, r.properties[0], cx);
    const itf = counterexampleToItf(model, cx, { property: 'NotSolved', kind: 'always' });
    assertItfTrace(itf);
    expect(itf.states.at(-1)).toMatchObject({ small: { '#bigint': '3' }, big: { '#bigint': '4' } });
    expect(itfToStates(JSON.parse(JSON.stringify(itf)))).toEqual([view.initial, ...view.steps.map((s) => s.state)]);

    const fleet = fleetModel();
    const [f] = checkScenario(defineScenario({ name: 'fleet', description: '', model: fleet, modes: ['exhaustive'] }));
    const healthy = f.properties.find((p) => p.name === 'Healthy')!;
    const fitf = counterexampleToItf(fleet, healthy.counterexample!, { property: 'Healthy', kind: 'recovers' });
    assertItfTrace(fitf);
    expect(fitf.vars).toEqual(['ec2', 'web']);
    expect(fitf['#meta'].recoveryFrom).toBe(1);
    const fview = viewCounterexample(fleet, healthy, healthy.counterexample!);
    expect(itfToStates(fitf)).toEqual([fview.initial, ...fview.steps.map((s) => s.state)]);
  });

  it('holds non-record states in one variable and restores them', () => {
    const states = [[1, 2], [1, 3], [-4, 5]];
    const itf = statesToItf(states);
    assertItfTrace(itf);
    expect(itf.vars).toEqual(['state']);
    expect(itf.states[2].state).toEqual([{ '#bigint': '-4' }, { '#bigint': '5' }]);
    expect(itfToStates(itf)).toEqual(states);
  });

  it('refuses values ITF cannot hold', () => {
    expect(() => toItfValue(1.5, 'x')).toThrow(ItfError);
    expect(() => toItfValue(null, 'x')).toThrow(/null/);
    expect(() => toItfValue({ '#tup': 1 }, 'x')).toThrow(/reserved/);
    expect(() => toItfValue(new Map(), 'x')).toThrow(/plain objects/);
    expect(() => statesToItf([])).toThrow(/at least one state/);
  });
});

describe('the shape check itself', () => {
  it('rejects what ADR-015 does not allow, so the export tests can fail', () => {
    expect(() => assertItfTrace({ vars: ['x'], states: [{ '#meta': { index: 0 }, x: 1 }] })).toThrow(/#bigint/);
    expect(() => assertItfTrace({ vars: ['x'], states: [{ '#meta': { index: 1 }, x: true }] })).toThrow(/index/);
    expect(() => assertItfTrace({ vars: ['x'], states: [{ '#meta': { index: 0 }, x: true, y: true }] })).toThrow(/not in vars/);
    expect(() => assertItfTrace({ vars: ['x'], states: [], extra: 1 })).toThrow(/unexpected/);
  });
});

describe('ITF import', () => {
  it('reads what other tools write: plain integers, #tup, #set, #map with string keys', () => {
    expect(fromItfValue({ a: 3, b: { '#tup': [{ '#bigint': '7' }, 'x'] }, c: { '#set': [true] }, d: { '#map': [['k', { '#bigint': '-2' }]] } })).toEqual({
      a: 3,
      b: [7, 'x'],
      c: [true],
      d: { k: -2 },
    });
  });

  it('rejects malformed traces with a message naming the place', () => {
    expect(() => itfToStates([])).toThrow('an ITF trace must be a JSON object');
    expect(() => itfToStates({ vars: [1], states: [] })).toThrow('vars must be an array of strings');
    expect(() => itfToStates({ vars: ['x'], states: [{ '#meta': { index: 0 } }] })).toThrow('state 0: variable x is missing');
    expect(() => itfToStates({ vars: ['x'], states: [{ x: { '#bigint': '1e3' } }] })).toThrow('state 0: x: #bigint must be a string of digits');
    expect(() => itfToStates({ vars: ['x'], states: [{ x: { '#bigint': '99999999999999999999' } }] })).toThrow(/safe integer range/);
    expect(() => itfToStates({ vars: ['x'], states: [{ x: 1 }], loop: 3 })).toThrow('loop must be the index of a state');
    expect(() => itfToStates({ vars: ['x'], states: [{ x: { '#unserializable': 'Nat' } }] })).toThrow(/unsupported ITF form #unserializable/);
  });
});
