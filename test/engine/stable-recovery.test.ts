// Stable recovery (engine/recovery.ts): a restored predicate must keep holding, bounds in
// steps or in seconds of model time, and searches that need neither recursion nor 16-bit budgets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { keyerFor } from '../../engine/keyer.js';
import { exploreRandom } from '../../engine/random.js';
import { RecoveryChecker } from '../../engine/recovery.js';
import { InputError } from '../../engine/scenario.js';
import { replay } from '../../engine/trace.js';
import type { Action, Model } from '../../model/core/model.js';
import { recovers, type Property, type RecoversOptions } from '../../model/core/property.js';
import { formatCounterexample } from '../../report/text.js';

const act = <T extends string>(type: T, kind: Action['kind']) => Object.freeze({ type, kind });

/**
 * A group of 2 that loses one instance (Fail, a fault); Launch (control) brings it back to 2.
 * When `flaky`, a health check (Reap, control) then kills the new instance again: the group
 * flaps between 1 and 2 for ever.
 */
type Group = { readonly n: number; readonly failed: boolean };
function group(flaky: boolean, opts: RecoversOptions): Model<Group, Action> {
  const fail = act('Fail', 'fault');
  const launch = act('Launch', 'control');
  const reap = act('Reap', 'control');
  return {
    init: () => [{ n: 2, failed: false }],
    actions: (s) => [...(!s.failed ? [fail] : []), ...(s.failed && s.n === 1 ? [launch] : []), ...(flaky && s.failed && s.n === 2 ? [reap] : [])],
    next: (s, a) => (a.type === 'Fail' ? { n: 1, failed: true } : a.type === 'Launch' ? { n: 2, failed: true } : { n: 1, failed: true }),
    properties: [recovers('NPlusOneRestored', (s) => s.n === 2, opts)],
  };
}

describe('a restored predicate must stay restored', () => {
  it('a flapping group fails, and the counterexample shows the flap: restored, then lost', () => {
    const model = group(true, { within: 2 });
    const r = exploreExhaustive(model);
    const p = r.properties[0];
    expect(p.verdict).toBe('fails');
    expect(p.counterexample).toMatchObject({ labels: ['Fail', 'Launch', 'Reap'], recoveryFrom: 1 });
    const text = formatCounterexample(model, p, p.counterexample!, { color: false });
    expect(text).toContain('↯ a flap: restored after step 2, lost again at step 3 (it must keep holding once restored)');
    expect(text).toContain('✗ NPlusOneRestored does not stay restored');
    // The saved steps replay and still fail.
    const cx = p.counterexample!;
    expect(replay(model, model.properties[0], cx.actions.map((action) => ({ action })), { recoveryFrom: cx.recoveryFrom }).violated).toBe(true);
  });

  it('a stable group holds', () => {
    expect(exploreExhaustive(group(false, { within: 2 })).properties[0].verdict).toBe('holds');
  });

  it('hold: 0 asks only that the predicate is reached once (the old reading): the flapping group passes', () => {
    expect(exploreExhaustive(group(true, { within: 2, hold: 0 })).properties[0].verdict).toBe('holds');
    // Held for one step is already too long for it.
    expect(exploreExhaustive(group(true, { within: 2, hold: 1 })).properties[0].verdict).toBe('fails');
  });

  it('the random explorer finds the flap too', () => {
    const r = exploreRandom(group(true, { within: 2 }), { runs: 50 });
    expect(r.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { labels: ['Fail', 'Launch', 'Reap'], recoveryFrom: 1 } });
  });
});

/**
 * A server on a 60 s clock: Crash (fault) stops it and sets a restart timer of `delay` ticks;
 * Tick (control) counts it down; Restart (control) brings it back at 0. `chain` zero-time
 * control steps (Prepare) must run before the restart.
 */
type Server = { readonly down: boolean; readonly timer: number; readonly prep: number };
function server(delay: number, chain: number, props: Property<Server>[], tickSeconds: number | null = 60): Model<Server, Action> {
  const crash = act('Crash', 'fault');
  const tick = act('Tick', 'control');
  const restart = act('Restart', 'control');
  const prepare = act('Prepare', 'control');
  const model: Model<Server, Action> = {
    init: () => [{ down: false, timer: 0, prep: 0 }],
    actions: (s) => {
      if (!s.down) return [crash];
      if (s.timer > 0) return [tick];
      return s.prep < chain ? [prepare] : [restart];
    },
    next: (s, a) =>
      a.type === 'Crash' ? { down: true, timer: delay, prep: 0 } : a.type === 'Tick' ? { ...s, timer: s.timer - 1 } : a.type === 'Prepare' ? { ...s, prep: s.prep + 1 } : { down: false, timer: 0, prep: 0 },
    properties: props,
  };
  return tickSeconds === null ? model : Object.assign(model, { tickSeconds });
}

const up = (s: Server) => !s.down;

describe('bounds in seconds of model time', () => {
  it('withinSeconds counts ticks only: 3 ticks of 60 s restore in 180 s, not in 179 s', () => {
    const r = exploreExhaustive(server(3, 2, [recovers('Up180', up, { withinSeconds: 180 }), recovers('Up179', up, { withinSeconds: 179 }), recovers('UpIn5Steps', up, { within: 5 })]));
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([
      ['Up180', 'holds'],
      ['Up179', 'fails'],
      // In steps, the two zero-time Prepare steps and the Restart count as well: 6 steps.
      ['UpIn5Steps', 'fails'],
    ]);
    expect(r.properties[1].counterexample).toMatchObject({ labels: ['Crash', 'Tick', 'Tick', 'Tick'], recoveryFrom: 1 });
  });

  it('the zero-time steps between two ticks are bounded by maxStepsBetweenTicks (default 100)', () => {
    const model = server(1, 5, [recovers('Tight', up, { withinSeconds: 600, maxStepsBetweenTicks: 3 }), recovers('Roomy', up, { withinSeconds: 600, maxStepsBetweenTicks: 6 }), recovers('Default', up, { withinSeconds: 600 })]);
    const r = exploreExhaustive(model);
    expect(r.properties.map((p) => p.verdict)).toEqual(['fails', 'holds', 'holds']);
    const cx = r.properties[0].counterexample!;
    expect(cx.labels).toEqual(['Crash', 'Tick', 'Prepare', 'Prepare', 'Prepare', 'Prepare']);
    expect(formatCounterexample(model, r.properties[0], cx, { color: false })).toContain('more than 3 control steps in a row without time passing');
  });

  it('withinSeconds on a model without a clock is a one-line error', () => {
    const model = server(1, 0, [recovers('Up', up, { withinSeconds: 60 })], null);
    expect(() => exploreExhaustive(model)).toThrow(InputError);
    expect(() => exploreExhaustive(model)).toThrow(/^recovers Up: withinSeconds needs a model with a clock \(tickSeconds, as a composition with timers has\); without one give within \(steps\)$/);
  });

  it('the options are checked: exactly one bound, a hold in the bound\'s unit, maxStepsBetweenTicks with seconds only', () => {
    expect(() => recovers('P', up, {} as RecoversOptions)).toThrow('give exactly one of within (steps) and withinSeconds');
    expect(() => recovers('P', up, { within: 1, withinSeconds: 60 })).toThrow('give exactly one of within (steps) and withinSeconds');
    expect(() => recovers('P', up, { within: 1, hold: 1.5 })).toThrow("hold must be 'untilNextFault' or a non-negative integer (steps)");
    expect(() => recovers('P', up, { withinSeconds: 60, hold: -1 })).toThrow("hold must be 'untilNextFault' or a non-negative number of seconds");
    expect(() => recovers('P', up, { within: 1, maxStepsBetweenTicks: 3 })).toThrow('maxStepsBetweenTicks bounds the steps between ticks, so it needs withinSeconds');
    expect(recovers('P', up, { withinSeconds: 90, hold: 30 })).toMatchObject({ withinSeconds: 90, hold: 30, maxStepsBetweenTicks: 100 });
  });

  it('a bound of 10,000 ticks (and of 10,001 steps) works: no recursion per step', () => {
    const r = exploreExhaustive(server(10_000, 0, [recovers('Up10k', up, { withinSeconds: 10_000 }), recovers('Up9999', up, { withinSeconds: 9_999 }), recovers('Steps', up, { within: 10_001 })], 1));
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'fails', 'holds']);
    expect(r.properties[1].counterexample!.length).toBe(10_001);
    // The checker alone, from the crashed state, 10,000 ticks deep.
    const model = server(10_000, 0, [], 1);
    const checker = new RecoveryChecker(model, recovers('Up', up, { within: 10_000 }), keyerFor(model));
    expect(checker.holds({ down: true, timer: 10_000, prep: 0 })).toBe(false);
    expect(checker.failingPath({ down: true, timer: 10_000, prep: 0 }).length).toBe(10_000);
  });
});

describe('a recovery path that cycles is a lasso', () => {
  it('a probe loop that never restores: the counterexample loops back, and replays', () => {
    const crash = act('Crash', 'fault');
    const probe = act('Probe', 'control');
    const model: Model<{ down: boolean; phase: number }, Action> = {
      init: () => [{ down: false, phase: 0 }],
      actions: (s) => (s.down ? [probe] : [crash]),
      next: (s, a) => (a.type === 'Crash' ? { down: true, phase: 0 } : { down: true, phase: (s.phase + 1) % 3 }),
      properties: [recovers('BackUp', (s) => !s.down, { within: 50 })],
    };
    const p = exploreExhaustive(model).properties[0];
    expect(p.counterexample).toMatchObject({ labels: ['Crash', 'Probe', 'Probe', 'Probe'], recoveryFrom: 1, loopIndex: 1 });
    const cx = p.counterexample!;
    const r = replay(model, model.properties[0], cx.actions.map((action) => ({ action })), { recoveryFrom: 1, loopIndex: 1 });
    expect(r).toMatchObject({ loopCloses: true, violated: true });
    const text = formatCounterexample(model, p, cx, { color: false });
    expect(text).toContain('── cycle: the steps below repeat for ever ──');
    expect(text).toContain('↺ back to the state after step 1: steps 2–4 repeat for ever');
  });
});

/**
 * The checker against a brute-force reading of the definition, on random small graphs: every
 * recovery path from the state, enumerated, must reach `pred` within the bound (no cycle or
 * dead end first, no more zero-time steps in a row than allowed), and the first `pred` state
 * on it must reach no state without `pred`.
 */
describe('against brute force on random graphs', () => {
  type Edge = { readonly to: number; readonly tick: boolean };
  type G = { readonly edges: readonly (readonly Edge[])[]; readonly good: readonly boolean[] };
  const graphModel = (g: G, tickSeconds: number | undefined): Model<number, Action & { to: number }> => {
    const model: Model<number, Action & { to: number }> = {
      init: () => [0],
      actions: (s) => g.edges[s].map((e) => ({ type: e.tick ? 'Tick' : 'Go', kind: 'control', to: e.to })),
      next: (_s, a) => a.to,
      properties: [],
    };
    return tickSeconds === undefined ? model : Object.assign(model, { tickSeconds });
  };
  /** The recovery moves as recoveryMoves takes them: a Tick (the last listed) only when nothing else is enabled. */
  const moves = (g: G, v: number): Edge[] => {
    const other = g.edges[v].filter((e) => !e.tick);
    return other.length > 0 ? other : g.edges[v].filter((e) => e.tick).slice(-1);
  };
  const stable = (g: G, t: number): boolean => {
    const seen = new Set([t]);
    const queue = [t];
    for (let h = 0; h < queue.length; h++) {
      for (const e of moves(g, queue[h])) {
        if (!g.good[e.to]) return false;
        if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    return true;
  };
  const reference = (g: G, s: number, seconds: boolean, bound: number, maxRun: number): boolean => {
    if (g.good[s]) return stable(g, s);
    const go = (v: number, spent: number, run: number, path: ReadonlySet<number>): boolean => {
      if (g.good[v]) return stable(g, v);
      if (path.has(v)) return false;
      const ms = moves(g, v);
      if (ms.length === 0) return false;
      const on = new Set(path).add(v);
      return ms.every((e) => {
        const w = seconds ? (e.tick ? 1 : 0) : 1;
        const r = w === 0 ? run + 1 : 0;
        return spent + w <= bound && r <= maxRun && go(e.to, spent + w, r, on);
      });
    };
    return go(s, 0, 0, new Set());
  };
  const graphs = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.record({
      edges: fc.array(fc.array(fc.record({ to: fc.nat({ max: n - 1 }), tick: fc.boolean() }), { maxLength: 3 }), { minLength: n, maxLength: n }),
      good: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    }),
  );

  it('steps: holds exactly where every path restores within the bound and stays', () => {
    fc.assert(
      fc.property(graphs, fc.nat({ max: 6 }), (g, bound) => {
        const model = graphModel(g, undefined);
        const checker = new RecoveryChecker(model, recovers<number>('P', (s) => g.good[s], { within: bound }), keyerFor(model));
        for (let s = 0; s < g.edges.length; s++) expect(checker.holds(s), `state ${s}`).toBe(reference(g, s, false, bound, Infinity));
      }),
      { numRuns: 400, seed: 13 },
    );
  });

  it('seconds: only ticks count, and zero-time runs are limited', () => {
    fc.assert(
      fc.property(graphs, fc.nat({ max: 4 }), fc.integer({ min: 1, max: 3 }), (g, ticks, maxRun) => {
        const model = graphModel(g, 10);
        const checker = new RecoveryChecker(model, recovers<number>('P', (s) => g.good[s], { withinSeconds: ticks * 10 + 5, maxStepsBetweenTicks: maxRun }), keyerFor(model));
        for (let s = 0; s < g.edges.length; s++) expect(checker.holds(s), `state ${s}`).toBe(reference(g, s, true, ticks, maxRun));
      }),
      { numRuns: 400, seed: 13 },
    );
  });
});
