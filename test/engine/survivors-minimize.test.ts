// Kills engine-e survivors in engine/minimize.ts (MUTATION.md): the shrinking of a random
// counterexample gives the minimal one, and gives up when it cannot or must not search.
// Every model is built inside its `it` (Stryker's per-test coverage records only code run there).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { minimize } from '../../engine/minimize.js';
import { ModelError } from '../../engine/model-error.js';
import type { Counterexample } from '../../engine/report.js';
import { defineModel, type Action } from '../../model/core/model.js';
import { always, recovers } from '../../model/core/property.js';

interface Step extends Action { readonly type: 'Inc' | 'Jump'; readonly kind: 'op' }
const INC: Step = { type: 'Inc', kind: 'op' };
const JUMP: Step = { type: 'Jump', kind: 'op' };

/** A counter from 0: Inc adds 1, Jump adds 2; `limit` bounds it (no action past it). */
function counter(bad: (n: number) => boolean, opts: { init?: number; throwAt?: number } = {}) {
  const prop = always<number>('Small', (n) => !bad(n));
  const model = defineModel<number, Step>({
    init: () => [opts.init ?? 0],
    actions: (n) => (n >= 20 ? [] : [INC, JUMP]),
    next: (n, a) => {
      if (opts.throwAt !== undefined && n === opts.throwAt) throw new TypeError('boom');
      return n + (a.type === 'Inc' ? 1 : 2);
    },
    properties: [prop],
  });
  return { model, prop };
}

/** A counterexample of `length` Inc steps, as a random run reports it. */
function incs(length: number): Counterexample<Step> {
  const actions = Array.from({ length }, () => INC);
  return { actions, labels: actions.map((a) => a.type), length, initIndex: 0, seed: 7, path: '3:1' };
}

interface Box { readonly up: boolean; readonly n: number }
const BUMP: Action = { type: 'Inc', kind: 'op' };
const CRASH: Action = { type: 'Crash', kind: 'fault' };
const POKE: Action = { type: 'Poke', kind: 'control' };

/** Crash (allowed once n >= 3) takes the box down for good: Poke, its only control action, does nothing. */
function neverRecovers() {
  const prop = recovers<Box>('Up', (s) => s.up, { within: 2 });
  const model = defineModel<Box, Action>({
    init: () => [{ up: true, n: 0 }],
    actions: (s) => [...(s.n < 10 ? [BUMP] : []), ...(s.up && s.n >= 3 ? [CRASH] : []), ...(s.up ? [] : [POKE])],
    next: (s, a) => (a.type === 'Inc' ? { ...s, n: s.n + 1 } : a.type === 'Crash' ? { ...s, up: false } : s),
    properties: [prop],
  });
  return { model, prop };
}

/** A recovers counterexample: `bumps` Incs, a Crash, then one Poke that loops. */
function crashAfter(bumps: number): Counterexample<Action> {
  const actions = [...Array.from({ length: bumps }, () => BUMP), CRASH, POKE];
  return { actions, labels: actions.map((a) => a.type), length: bumps + 2, initIndex: 0, recoveryFrom: bumps + 1, loopIndex: bumps + 1, seed: 1, path: '0' };
}

const later = () => performance.now() + 60_000;

afterEach(() => vi.restoreAllMocks());

describe('minimize (engine-e survivors)', () => {
  it('shrinks a long counterexample to the minimal one, keeping seed and path', () => {
    const { model, prop } = counter((n) => n >= 5);
    const got = minimize(model, prop, incs(5), undefined, later());
    expect(got).toBeDefined();
    // 0 -> 2 -> 4 -> 6 (or 5): three steps are the fewest that reach 5 with steps of 1 and 2.
    expect(got!.length).toBe(3);
    expect(got!.actions).toHaveLength(3);
    expect(got!.seed).toBe(7);
    expect(got!.path).toBe('3:1');
  });

  it('gives undefined for a counterexample that is already minimal', () => {
    const { model, prop } = counter((n) => n >= 5);
    expect(minimize(model, prop, incs(3), undefined, later())).toBeUndefined();
  });

  it('does not search below one step: a one-step counterexample stays as it is', () => {
    // The initial state already violates: a search would report a 0-step trace.
    const { model, prop } = counter((n) => n >= 0);
    expect(minimize(model, prop, incs(1), undefined, later())).toBeUndefined();
    // Two steps do get searched, and the 0-step one is found.
    expect(minimize(model, prop, incs(2), undefined, later())?.length).toBe(0);
  });

  it('does not search once the deadline has passed', () => {
    const { model, prop } = counter((n) => n >= 5);
    expect(minimize(model, prop, incs(5), undefined, performance.now() - 1)).toBeUndefined();
  });

  it('does not search when exactly no time is left', () => {
    const { model, prop } = counter((n) => n >= 5);
    vi.spyOn(performance, 'now').mockReturnValue(1_000);
    expect(minimize(model, prop, incs(5), undefined, 1_000)).toBeUndefined();
  });

  it('does not search after a stop', () => {
    const { model, prop } = counter((n) => n >= 5);
    expect(minimize(model, prop, incs(5), { aborted: true }, later())).toBeUndefined();
  });

  it('names a model error in states the runs did not reach as the random check minimising', () => {
    const { model, prop } = counter((n) => n >= 6, { throwAt: 2 });
    let err: unknown;
    try {
      minimize(model, prop, incs(6), undefined, later());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelError);
    const m = err as ModelError;
    expect(m.place.mode).toBe('random, minimising');
    expect(m.message).toBe('next(s, Inc) threw TypeError: boom at step 2 (random, minimising)');
  });

  it('shrinks a recovers counterexample by where recovery starts, not by its length', () => {
    const { model, prop } = neverRecovers();
    const got = minimize(model, prop, crashAfter(4), undefined, later());
    // The fewest steps before the crash are three Incs: recovery from step 4, one Poke after it.
    expect(got).toMatchObject({ recoveryFrom: 4, length: 5, labels: ['Inc', 'Inc', 'Inc', 'Crash', 'Poke'], seed: 1, path: '0' });
  });

  it('gives undefined for a recovers counterexample whose recovery already starts as early as it can', () => {
    const { model, prop } = neverRecovers();
    expect(minimize(model, prop, crashAfter(3), undefined, later())).toBeUndefined();
  });
});
