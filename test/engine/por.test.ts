/**
 * Partial-order reduction (engine/por.ts): small TLA+-style compositions where it reduces,
 * where a naive ample set (no invisibility C2, no cycle proviso C3) would be unsound and the
 * conditions catch it, and the fallback that keeps shortest counterexample lengths.
 */
import { describe, expect, it } from 'vitest';
import { compose } from '../../model/compose/compose.js';
import type { Component, World } from '../../model/compose/component.js';
import { t } from '../../model/core/schema.js';
import { always, sometimes, type Property } from '../../model/core/property.js';
import type { Action, Model } from '../../model/core/model.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { AmpleSets, porUnsupported } from '../../engine/por.js';

type Slice = { readonly n: number };

/** A component `name` with one op action `type`: n -> (n + 1) mod (max + 1) when `wrap`, else n -> n + 1 up to max. */
function counter(name: string, type: string, max: number, wrap = false, reads?: string): Component<Slice> {
  return {
    name,
    schema: t.record(`${name}S`, { n: t.int(0, max) }),
    parameters: [],
    catalog: { op: [type], fault: [], control: [] },
    subscribes: [type],
    init: () => ({ n: 0 }),
    actions(w: World, out: Action[]) {
      // `reads`: enabled only while that other counter is 0 (a read of its slice).
      if (reads !== undefined && (w[reads] as Slice).n !== 0) return;
      if (wrap || (w[name] as Slice).n < max) out.push({ type, kind: 'op' });
    },
    reduce: (s: Slice) => ({ n: wrap ? (s.n + 1) % (max + 1) : s.n + 1 }),
  };
}

const n = (w: World, c: string): number => (w[c] as Slice).n;

/** Naive reduced reachability: ample sets without C2 (every action invisible) and without C3. */
function naiveReached(model: Model<World, Action>): World[] {
  const blind = { ...model, properties: [] };
  const ample = new AmpleSets(blind, false);
  const seen = new Map<string, World>();
  let frontier = model.init();
  for (const s of frontier) seen.set(JSON.stringify(s), s);
  while (frontier.length > 0) {
    const next: World[] = [];
    for (const s of frontier) {
      const acts = model.actions(s);
      ample.observe(s, acts);
      const chosen = ample.ample(s, acts, -1) ?? acts.map((_, k) => k);
      for (const k of chosen) {
        const u = model.next(s, acts[k]);
        const key = JSON.stringify(u);
        if (!seen.has(key)) {
          seen.set(key, u);
          next.push(u);
        }
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

describe('partial-order reduction', () => {
  it('reduces the interleavings of two independent components to one order, with the same verdicts', () => {
    const props: Property<World>[] = [always('Fixed', (w) => n(w, 'c') === 0)];
    const model = compose([counter('a', 'IncA', 3), counter('b', 'IncB', 3), counter('c', 'IncC', 0)], { properties: props });
    const full = exploreExhaustive(model, { full: true });
    const reduced = exploreExhaustive(model, { full: true, por: true });
    expect(full.stats.distinctStates).toBe(16);
    // a first to 3 (4 states), then b (3 more): 7.
    expect(reduced.stats.distinctStates).toBe(7);
    expect(reduced.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
    expect(reduced.notices?.some((x) => x.startsWith('--por: 3 states expanded by an ample set'))).toBe(true);
  });

  it('C2: a property that reads both counters makes their actions visible, and a state only one order reaches is still reached', () => {
    const props: Property<World>[] = [sometimes('BFirst', (w) => n(w, 'a') === 0 && n(w, 'b') === 1)];
    const model = compose([counter('a', 'IncA', 2), counter('b', 'IncB', 2)], { properties: props });
    // Naive POR (no invisibility condition) never reaches a = 0, b = 1.
    expect(naiveReached(model).some((w) => props[0].pred(w))).toBe(false);
    const reduced = exploreExhaustive(model, { full: true, por: true });
    expect(reduced.properties[0].verdict).toBe('reached');
    expect(reduced.stats.distinctStates).toBe(9);
  });

  it('C1: an action whose enabling reads another component\'s slice is not ample', () => {
    // b is enabled only while a is 0: IncA disables IncB, so they are dependent.
    const props: Property<World>[] = [sometimes('BMoved', (w) => n(w, 'c') === 0 && n(w, 'b') === 1), always('Fixed', (w) => n(w, 'c') === 0)];
    const model = compose([counter('a', 'IncA', 1), counter('b', 'IncB', 1, false, 'a'), counter('c', 'IncC', 0)], { properties: props.slice(1) });
    const full = exploreExhaustive(model, { full: true });
    const reduced = exploreExhaustive(model, { full: true, por: true });
    expect(reduced.stats.distinctStates).toBe(full.stats.distinctStates);
    expect(full.stats.distinctStates).toBe(4);
  });

  it('C3: a cycle of ample actions does not postpone another component for ever (the proviso expands it)', () => {
    // a toggles 0 -> 1 -> 0 for ever, independent of b and invisible (the property reads b only):
    // {Toggle} is an ample set in every state, and b's one step is what the property needs.
    const props: Property<World>[] = [sometimes('BDone', (w) => n(w, 'b') === 1)];
    const model = compose([counter('a', 'Toggle', 1, true), counter('b', 'Go', 1)], { properties: props });
    // Without the proviso the toggle cycle is the only thing expanded: b = 1 is never reached.
    expect(naiveReached(model).some((w) => n(w, 'b') === 1)).toBe(false);
    const reduced = exploreExhaustive(model, { full: true, por: true });
    expect(reduced.properties[0].verdict).toBe('reached');
    expect(reduced.notices?.some((x) => /[1-9]\d* fully by the cycle proviso/.test(x))).toBe(true);
  });

  it('starts again with wider footprints when a read shows up only in a later state', () => {
    // b steps while b is 0, or later only while a is 0: its enabling reads a only once b moved,
    // which the reduced search sees after it took a's steps as ample sets.
    const b: Component<Slice> = {
      ...counter('b', 'IncB', 2),
      actions(w: World, out: Action[]) {
        if (n(w, 'b') === 0 || (n(w, 'a') === 0 && n(w, 'b') < 2)) out.push({ type: 'IncB', kind: 'op' });
      },
    };
    const model = compose([counter('a', 'IncA', 2), b, counter('c', 'IncC', 0)], { properties: [always('Fixed', (w) => n(w, 'c') === 0)] });
    const full = exploreExhaustive(model, { full: true });
    const reduced = exploreExhaustive(model, { full: true, por: true });
    expect(reduced.notices?.some((x) => / 1 restarts$/.test(x))).toBe(true);
    // IncA disables IncB once b moved: they are dependent, and nothing is reduced.
    expect(reduced.stats.distinctStates).toBe(full.stats.distinctStates);
    expect(full.stats.distinctStates).toBe(9);
  });

  it('under prompt control a due control action is ample though Tick depends on it (Tick waits for it)', () => {
    // A timer t ticks to 2; a's control action Ack is enabled only while t < 2 (Tick can disable it).
    const timer: Component<Slice> = {
      ...counter('t', 'Unused', 2),
      catalog: { op: [], fault: [], control: [] },
      subscribes: ['Tick'],
      actions() {},
      ticking: (s: Slice) => s.n < 2,
      reduce: (s: Slice) => ({ n: s.n + 1 }),
    };
    const ack: Component<Slice> = {
      ...counter('a', 'Ack', 1),
      catalog: { op: [], fault: [], control: ['Ack'] },
      actions(w: World, out: Action[]) {
        if (n(w, 'a') === 0 && n(w, 't') < 2) out.push({ type: 'Ack', kind: 'control' });
      },
    };
    const model = compose([ack, counter('b', 'IncB', 2), timer], { properties: [always('BSmall', (w) => n(w, 'b') <= 2)] });
    const counts = (promptControl: boolean): [number, number, readonly string[]] => {
      const full = exploreExhaustive(model, { full: true, promptControl });
      const reduced = exploreExhaustive(model, { full: true, promptControl, por: true });
      expect(reduced.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
      return [Number(full.stats.distinctStates), Number(reduced.stats.distinctStates), reduced.notices ?? []];
    };
    const [fullPrompt, reducedPrompt, notices] = counts(true);
    const [fullFree, reducedFree] = counts(false);
    expect(notices.some((x) => /^--por: [1-9]/.test(x))).toBe(true);
    expect([fullPrompt, reducedPrompt, fullFree, reducedFree]).toEqual([12, 10, 18, 18]);
  });

  it('searches a violated property again unreduced: its counterexample is the full graph\'s shortest', () => {
    // The violation is one IncB (visible: the property reads b); a's IncA is invisible and ample, so
    // the reduced graph reaches IncB only after a's 3 steps: a 4-step counterexample without the re-search.
    const props: Property<World>[] = [always('BStill', (w) => n(w, 'b') === 0)];
    const model = compose([counter('a', 'IncA', 3), counter('b', 'IncB', 1)], { properties: props });
    const full = exploreExhaustive(model, {});
    const reduced = exploreExhaustive(model, { por: true });
    expect(full.properties[0].counterexample?.length).toBe(1);
    expect(reduced.properties[0].verdict).toBe('fails');
    expect(reduced.properties[0].counterexample?.length).toBe(1);
    expect(reduced.properties[0].counterexample?.labels).toEqual(full.properties[0].counterexample?.labels);
  });

  it('is not applied, with a notice, to a model without a partial order or with recovers properties', () => {
    const plain: Model<number, Action> = { init: () => [0], actions: (s) => (s < 2 ? [{ type: 'Inc', kind: 'op' }] : []), next: (s) => s + 1, properties: [always('Small', (s) => s < 5)] };
    expect(porUnsupported(plain, {})).toMatch(/not a composition/);
    const r = exploreExhaustive(plain, { por: true });
    expect(r.properties[0].verdict).toBe('holds');
    expect(r.notices?.some((x) => x.startsWith('--por: not applied (the model is not a composition'))).toBe(true);
    const model = compose([counter('a', 'IncA', 1), counter('b', 'IncB', 1)], { properties: [] });
    expect(porUnsupported(model, { symmetry: true })).toMatch(/symmetry/);
  });
});
