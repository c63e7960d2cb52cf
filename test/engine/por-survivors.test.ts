/**
 * Partial-order reduction (engine/por.ts), one rule per model: each reduced run is compared with
 * the unreduced one (same verdicts, no more states) and its exact counts (`--por:` notice), on
 * small compositions built so that dropping the rule makes the reduced run wrong or different.
 */
import { describe, expect, it } from 'vitest';
import { compose } from '../../model/compose/compose.js';
import type { Component, World } from '../../model/compose/component.js';
import { t } from '../../model/core/schema.js';
import { always, eventually, sometimes, type Property } from '../../model/core/property.js';
import type { Action, Model } from '../../model/core/model.js';
import type { Report } from '../../engine/report.js';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { AmpleSets, partialOrderOf, PorRestart, porUnsupported } from '../../engine/por.js';
import { countOf, counter, still, timer, type Slice } from '../fixtures/counter-components.js';

const n = countOf;
const comp = counter;

/** [ample sets, proviso expansions, restarts] from the reduced run's notice. */
function porCounts(r: Report<Action>): [number, number, number] {
  for (const x of r.notices ?? []) {
    const m = /^--por: (\d+) states expanded by an ample set, (\d+) fully by the cycle proviso, (\d+) restarts$/.exec(x);
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  throw new Error(`no --por notice in ${JSON.stringify(r.notices)}`);
}

/** The unreduced and the reduced run; checks soundness (verdicts, a counterexample where the full run has one, no more states). */
function both(model: Model<World, Action>, opts: ExhaustiveOptions = {}) {
  const full = exploreExhaustive(model, { full: true, ...opts });
  const reduced = exploreExhaustive(model, { full: true, ...opts, por: true });
  expect(reduced.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
  expect(reduced.properties.map((p) => p.counterexample?.length)).toEqual(full.properties.map((p) => p.counterexample?.length));
  expect(Number(reduced.stats.distinctStates)).toBeLessThanOrEqual(Number(full.stats.distinctStates));
  return { full, reduced, fullStates: Number(full.stats.distinctStates), states: Number(reduced.stats.distinctStates), counts: porCounts(reduced), verdicts: reduced.properties.map((p) => p.verdict) };
}

const plain: Model<number, Action> = { init: () => [0], actions: (s) => (s < 2 ? [{ type: 'Inc', kind: 'op' }] : []), next: (s) => s + 1, properties: [always('Small', (s) => s < 5)] };

describe('porUnsupported and partialOrderOf', () => {
  const model = compose([comp('a', 1), comp('b', 1)], { properties: [always('Ok', (w) => n(w, 'a') <= 1)] });

  it('says exactly why a run is not reduced, in order, and nothing when it can be', () => {
    expect(porUnsupported(model, {})).toBeUndefined();
    expect(porUnsupported(model, { symmetry: false, checkpoint: undefined, resume: undefined })).toBeUndefined();
    expect(porUnsupported(plain, {})).toBe('the model is not a composition (no partialOrder)');
    const refused = { ...model, partialOrder: { ...model.partialOrder, unsupported: 'a control plane gates every API call on the whole composition' } };
    // The composition's own reason comes first, before the options'.
    expect(porUnsupported(refused, { symmetry: true })).toBe('a control plane gates every API call on the whole composition');
    expect(porUnsupported(model, { symmetry: true })).toBe('--symmetry is on');
    expect(porUnsupported(model, { checkpoint: { path: 'x' } })).toBe('checkpoints keep the unreduced search');
    expect(porUnsupported(model, { resume: 'x' })).toBe('checkpoints keep the unreduced search');
    // Packed transitions are no reason: the reduced search runs on the object functions.
    expect(porUnsupported({ ...model, packed: {} as never }, {})).toBeUndefined();
  });

  it('refuses liveness and measured properties by name, not an always with no measure', () => {
    const live = compose([comp('a', 1)], { properties: [always('Ok', (w) => n(w, 'a') <= 1), eventually('Done', (w) => n(w, 'a') === 1)] });
    expect(porUnsupported(live, {})).toBe('property Done is eventually (a recovery search or a fair cycle reads the whole state)');
    const measured = compose([comp('a', 1)], { properties: [always('Age', (w) => n(w, 'a') <= 1, undefined, { label: 'age', unit: 's', of: (w) => n(w, 'a') })] });
    expect(porUnsupported(measured, {})).toBe('property Age is measured (its worst value is over every reachable state)');
    // A `measure` key that is undefined is no measure.
    const unmeasured = compose([comp('a', 1)], { properties: [{ kind: 'always', name: 'Ok', pred: (w: World) => n(w, 'a') <= 1, measure: undefined } as Property<World>] });
    expect(porUnsupported(unmeasured, {})).toBeUndefined();
  });

  it('a partial order is an object with a writes function', () => {
    expect(partialOrderOf(model)).toBe(model.partialOrder);
    expect(partialOrderOf(plain)).toBeUndefined();
    expect(partialOrderOf({ ...plain, partialOrder: {} } as never)).toBeUndefined();
    // null is no partial order (not a TypeError): the run is unreduced, with its notice.
    expect(partialOrderOf({ ...plain, partialOrder: null } as never)).toBeUndefined();
    expect(porUnsupported({ ...plain, partialOrder: null } as never, {})).toBe('the model is not a composition (no partialOrder)');
    expect(partialOrderOf({ ...plain, partialOrder: Object.assign(() => 0, { writes: () => 0 }) } as never)).toBeUndefined();
  });

  it('AmpleSets needs a composition; a restart says why', () => {
    expect(() => new AmpleSets(plain, false)).toThrow(/^partial-order reduction needs a composition$/);
    expect(new PorRestart().message).toBe('partial-order reduction: footprints grew; restarting');
  });
});

describe('learned footprints', () => {
  it('are the union of the reads seen so far, by slice name', () => {
    // d's reducer reads a in one state and b in another: both stay in its footprint.
    const d = comp('d', 2, { reduce: (s, w) => ({ n: s.n === 0 ? n(w, 'a') + 1 : n(w, 'b') + 2 }) });
    const model = compose([comp('a', 1), comp('b', 1, { guard: (w) => n(w, 'a') === 0 && n(w, 'b') < 1 }), still('c'), d], { properties: [always('C', (w) => n(w, 'c') === 0)] });
    const ample = new AmpleSets(model, false);
    const s0 = model.init()[0];
    ample.observe(s0, model.actions(s0));
    expect(ample.footprints()).toEqual({ enabling: { a: ['a'], b: ['a', 'b'], c: ['c'], d: ['d'] }, tick: [], reducers: { IncA: ['a'], IncB: ['b'], IncD: ['a', 'd'] }, properties: ['c'] });
    const s1 = model.next(s0, { type: 'IncD', kind: 'op' });
    ample.observe(s1, model.actions(s1));
    expect(ample.footprints().reducers).toEqual({ IncA: ['a'], IncB: ['b'], IncD: ['a', 'b', 'd'] });
  });

  it('a property that throws reads every slice', () => {
    const model = compose([comp('a', 1), comp('b', 1)], { properties: [always('Boom', () => { throw new Error('boom'); })] });
    const ample = new AmpleSets(model, false);
    const s0 = model.init()[0];
    ample.observe(s0, model.actions(s0));
    expect(ample.footprints().properties).toEqual(['a', 'b']);
  });

  it('with 32 slices every one is in "all" (a property that throws)', () => {
    const names = Array.from({ length: 32 }, (_, i) => `c${i}`);
    const model = compose(names.map((x) => comp(x, 1)), { properties: [always('Boom', () => { throw new Error('boom'); })] });
    expect(porUnsupported(model, {})).toBe('32 slices (at most 31)');
    const ample = new AmpleSets(model, false);
    const s0 = model.init()[0];
    ample.observe(s0, model.actions(s0));
    expect(ample.footprints().properties).toEqual(names);
  });

  it('an action whose reducer reads nothing is still learned (reads: none, not unknown)', () => {
    const model = compose([comp('a', 1), comp('b', 1)], { properties: [always('B', (w) => n(w, 'b') <= 1)] });
    const info = model.partialOrder;
    const blind = { ...model, partialOrder: { ...info, reducerReads: (a: Action, w: World) => (a.type === 'IncA' ? 0 : info.reducerReads(a, w)) } };
    const ample = new AmpleSets(blind, false);
    const s0 = model.init()[0];
    const acts = model.actions(s0);
    ample.observe(s0, acts);
    expect(ample.ample(s0, acts, -1)).toEqual([0]);
    expect(ample.footprints().reducers.IncA).toEqual([]);
  });
});

describe('ample choice', () => {
  it('before any state is observed every action may read anything: nothing is ample', () => {
    const model = compose([comp('a', 1), comp('b', 1)], { properties: [] });
    const s0 = model.init()[0];
    expect(new AmpleSets(model, false).ample(s0, model.actions(s0), -1)).toBeUndefined();
  });

  it('a component holding every enabled action (a deferred Tick aside) is not reduced', () => {
    const two: Component<Slice> = { ...comp('a', 2), catalog: { op: ['IncA', 'BumpA'], fault: [], control: [] }, subscribes: ['IncA', 'BumpA'], actions: (w: World, out: Action[]) => void (n(w, 'a') < 2 && out.push({ type: 'IncA', kind: 'op' }, { type: 'BumpA', kind: 'op' })) };
    const model = compose([two, still('b'), timer('t', 1, (s) => s.n < 1)], { properties: [] });
    const ample = new AmpleSets(model, true);
    const s0 = model.init()[0];
    const acts = model.actions(s0);
    expect(acts.map((a) => a.type)).toEqual(['IncA', 'BumpA', 'Tick']);
    ample.observe(s0, acts);
    expect(ample.ample(s0, acts, 2)).toBeUndefined();
    // Wherever the skipped Tick stands.
    const tickFirst = [acts[2], acts[0], acts[1]];
    expect(ample.ample(s0, tickFirst, 0)).toBeUndefined();
    expect(ample.ample(s0, acts.slice(0, 2), -1)).toBeUndefined();
    // Not deferred, Tick is one more action, and independent of a: a's pair is ample.
    expect(ample.ample(s0, acts, -1)).toEqual([0, 1]);
  });

  it('the deferred Tick is in no component\'s ample set', () => {
    // t (group 2) has a due control action Ack; a and b are visible, so only t's set is a candidate.
    const t2: Component<Slice> = { ...timer('t', 2, (s) => s.n < 2), catalog: { op: [], fault: [], control: ['Ack'] }, subscribes: ['Tick', 'Ack'], actions: (w: World, out: Action[]) => void (n(w, 't') === 0 && out.push({ type: 'Ack', kind: 'control' })) };
    const model = compose([comp('a', 1), comp('b', 1), t2], { properties: [always('AB', (w) => n(w, 'a') + n(w, 'b') <= 2)] });
    const ample = new AmpleSets(model, true);
    const s0 = model.init()[0];
    const acts = model.actions(s0);
    expect(acts.map((a) => a.type)).toEqual(['IncA', 'IncB', 'Ack', 'Tick']);
    ample.observe(s0, acts);
    expect(ample.ample(s0, acts, 3)).toEqual([2]);
  });
});

describe('reduced runs against unreduced ones', () => {
  it('reduces with a component other than the first (a visible, b not)', () => {
    const r = both(compose([comp('a', 2), comp('b', 2)], { properties: [always('A', (w) => n(w, 'a') <= 2)] }));
    // b first to 2 (3 states), then a (2 more).
    expect([r.fullStates, r.states, r.counts]).toEqual([9, 5, [2, 0, 0]]);
  });

  it('a component with nothing enabled is no ample set (its successors are not dropped)', () => {
    const r = both(compose([still('a'), comp('b', 1), comp('c', 1)], { properties: [sometimes('C', (w) => n(w, 'c') === 1)] }));
    expect(r.verdicts).toEqual(['reached']);
    expect([r.fullStates, r.states, r.counts]).toEqual([4, 3, [1, 0, 0]]);
  });

  it('a component with every enabled action is not counted as reduced', () => {
    const two: Component<Slice> = { ...comp('a', 2), catalog: { op: ['IncA', 'BumpA'], fault: [], control: [] }, subscribes: ['IncA', 'BumpA'], actions: (w: World, out: Action[]) => void (n(w, 'a') < 2 && out.push({ type: 'IncA', kind: 'op' }, { type: 'BumpA', kind: 'op' })) };
    const r = both(compose([two, still('b')], { properties: [always('B', (w) => n(w, 'b') === 0)] }));
    expect([r.fullStates, r.states, r.counts]).toEqual([3, 3, [0, 0, 0]]);
  });

  it('C1: a component reading the fault count depends on another\'s budgeted fault', () => {
    // a's fault CrashA is enabled only once a moved, and the budget (1) may be gone by then.
    const a: Component<Slice> = { ...comp('a', 2), catalog: { op: ['IncA'], fault: ['CrashA'], control: [] }, subscribes: ['IncA', 'CrashA'], actions: (w: World, out: Action[]) => void (n(w, 'a') === 0 ? out.push({ type: 'IncA', kind: 'op' }) : n(w, 'a') === 1 && out.push({ type: 'CrashA', kind: 'fault' })) };
    const r = both(compose([a, comp('b', 1, { kind: 'fault', type: 'CrashB' }), still('c')], { maxFaults: 1, properties: [always('C', (w) => n(w, 'c') === 0)] }));
    expect([r.fullStates, r.states, r.counts]).toEqual([5, 5, [0, 0, 0]]);
  });

  it('C1: an action whose reducer reads another component\'s slice depends on that component', () => {
    // SetB copies a into b: IncA first changes what SetB does.
    const b = comp('b', 2, { type: 'SetB', guard: (w) => n(w, 'b') === 0, reduce: (_s, w) => ({ n: n(w, 'a') + 1 }) });
    const r = both(compose([comp('a', 1), b], { properties: [always('BNotOne', (w) => n(w, 'b') !== 1)] }));
    expect(r.verdicts).toEqual(['fails']);
    expect([r.fullStates, r.states, r.counts]).toEqual([5, 5, [0, 0, 0]]);
  });

  it('Tick\'s guard reading a slice an action writes makes them dependent', () => {
    // t ticks only while a is 0: IncA first disables Tick.
    const r = both(compose([comp('a', 1), timer('t', 2, (s, w) => n(w, 'a') === 0 && s.n < 2)], { properties: [always('TSmall', (w) => n(w, 't') < 2)] }));
    expect(r.verdicts).toEqual(['fails']);
    expect([r.fullStates, r.states, r.counts]).toEqual([6, 6, [0, 0, 0]]);
  });

  it('Tick\'s reducer reading a slice an action writes makes them dependent', () => {
    // Tick adds 2 to t while a is 0, else 3: t = 2 only if Tick comes first.
    const r = both(compose([comp('a', 1), timer('t', 3, (s) => s.n < 1, (_s, w) => (n(w, 'a') === 0 ? 2 : 3))], { properties: [always('TNotTwo', (w) => n(w, 't') !== 2)] }));
    expect(r.verdicts).toEqual(['fails']);
    expect([r.fullStates, r.states, r.counts]).toEqual([5, 5, [0, 0, 0]]);
  });
});

describe('prompt control: Tick waits only for a due control action or recovery op', () => {
  // a's action is enabled only while t < 2 (Tick can disable it); b is visible (the property reads it).
  const parts = (kind: 'op' | 'control', extra?: Partial<Component<Slice>>) => [comp('a', 1, { kind, type: 'Go', guard: (w) => n(w, 'a') === 0 && n(w, 't') < 2, extra }), comp('b', 1), timer('t', 2, (s) => s.n < 2)];
  const props = [always('BSmall', (w: World) => n(w, 'b') <= 1)];

  it('a plain op does not hold Tick back: no reduction', () => {
    const r = both(compose(parts('op'), { properties: props }), { promptControl: true });
    expect([r.fullStates, r.states, r.counts]).toEqual([r.fullStates, r.fullStates, [0, 0, 0]]);
  });

  it('nor without isRecovery on the model', () => {
    const model = compose(parts('op'), { properties: props });
    const r = both({ ...model, isRecovery: undefined }, { promptControl: true });
    expect([r.states, r.counts]).toEqual([r.fullStates, [0, 0, 0]]);
  });

  it('nor a fault, even one listed as recovery', () => {
    const r = both(compose(parts('op', { catalog: { op: [], fault: ['Go'], control: [] } }).map((c, i) => (i === 0 ? { ...c, actions: (w: World, out: Action[]) => void (n(w, 'a') === 0 && n(w, 't') < 2 && out.push({ type: 'Go', kind: 'fault' })) } : c)), { properties: props, recovery: ['Go'] }), { promptControl: true });
    expect([r.states, r.counts]).toEqual([r.fullStates, [0, 0, 0]]);
  });

  it('a recovery op does', () => {
    const r = both(compose(parts('op'), { properties: props, recovery: ['Go'] }), { promptControl: true });
    expect([r.fullStates, r.states, r.counts]).toEqual([8, 7, [1, 0, 0]]);
  });

  it('a control action does, unless the model has mayDefer (it may wait)', () => {
    const due = both(compose(parts('control'), { properties: props }), { promptControl: true });
    expect([due.fullStates, due.states, due.counts]).toEqual([8, 7, [1, 0, 0]]);
    const waits = both(compose(parts('control', { mayDefer: () => false }), { properties: props }), { promptControl: true });
    expect([waits.fullStates, waits.states, waits.counts]).toEqual([8, 8, [0, 0, 0]]);
  });
});

describe('footprints learned late restart the run', () => {
  it('a property reading a slice only in later states', () => {
    // AB reads b only once a moved: IncB looks invisible at first, and a = 1, b = 0 is the violation.
    const r = both(compose([comp('a', 1), comp('b', 1)], { properties: [always('AB', (w) => n(w, 'a') === 0 || n(w, 'b') === 1)] }));
    expect(r.verdicts).toEqual(['fails']);
    expect(r.counts[2]).toBe(1);
  });

  it('a reducer reading a slice only in later states', () => {
    // IncB's second step reads a: b = 2 only while a is 0.
    const b = comp('b', 3, { guard: (w) => n(w, 'b') < 2, reduce: (s, w) => ({ n: s.n === 0 ? 1 : n(w, 'a') === 0 ? 2 : 3 }) });
    const r = both(compose([comp('a', 1), b], { properties: [always('BNotTwo', (w) => n(w, 'b') !== 2)] }));
    expect(r.verdicts).toEqual(['fails']);
    expect(r.counts[2]).toBe(1);
  });

  it('the Tick guard reading a slice only in later states', () => {
    // t's first tick reads nothing else; its second only while a is 0.
    const r = both(compose([comp('a', 1), timer('t', 2, (s, w) => s.n === 0 || (s.n < 2 && n(w, 'a') === 0))], { properties: [always('TSmall', (w) => n(w, 't') < 2)] }));
    expect(r.verdicts).toEqual(['fails']);
    expect(r.counts[2]).toBe(1);
  });

  it('a read first seen before the restarted run reduces anything does not restart it again', () => {
    // As in por.test.ts: b's enabling reads a once b moved (restart 1). c reads d only at a = 0, b = 1,
    // a state the second, unreduced run reaches before it reduces anything.
    const b = comp('b', 2, { guard: (w) => n(w, 'b') === 0 || (n(w, 'a') === 0 && n(w, 'b') < 2) });
    const c = comp('c', 0, { guard: (w) => n(w, 'b') === 1 && n(w, 'a') === 0 && n(w, 'd') === 1 });
    const r = both(compose([comp('a', 2), b, c, still('d')], { properties: [always('Fixed', (w) => n(w, 'c') === 0)] }));
    // The notice counts the run that finished: it reduced nothing (the counts of the restarted run are not added in).
    expect([r.fullStates, r.states, r.counts]).toEqual([9, 9, [0, 0, 1]]);
  });
});
