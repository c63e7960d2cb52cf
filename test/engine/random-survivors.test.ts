// The random explorer's details, on small models whose answers are known by hand or by an
// oracle: options, fault bias per run, what counts as a run and a step, rounds and their
// seeds, counterexamples (shrunk, minimised, `also`, recovers with a loop), path replay,
// progress and time limits on a stubbed clock, and model errors. Each case kills mutants of
// engine/random.ts that the mutation run left (MUTATION.md).
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exploreRandom } from '../../engine/random.js';
import type { Model } from '../../model/core/model.js';
import { always, recovers, sometimes } from '../../model/core/property.js';
import { counter } from '../fixtures/counter-model.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The seed of round `round` (after `round` failures) from the run's seed. */
const roundSeed = (seed: number, round: number): number => (seed + round * 0x9e3779b1) | 0;

describe('options', () => {
  it('an unknown option is named, with the nearest known one', () => {
    expect(() => exploreRandom(counter([]), { sead: 1 } as never)).toThrow('exploreRandom: unknown option sead (did you mean seed?)');
  });

  it('runs and steps are checked, with the value given', () => {
    expect(() => exploreRandom(counter([]), { runs: 0 })).toThrow('runs must be a positive integer, got 0');
    expect(() => exploreRandom(counter([]), { steps: -1 })).toThrow('steps must be a non-negative integer, got -1');
  });
});

// A state is the list of action types taken; every run starts from [].
type Hist = readonly string[];
type Act = { readonly type: 'Crash' | 'Work' | 'Drop'; readonly kind: 'fault' | 'op' };
const CRASH: Act = { type: 'Crash', kind: 'fault' };
const WORK: Act = { type: 'Work', kind: 'op' };
const DROP: Act = { type: 'Drop', kind: 'fault' };
/** Even depths list a fault, an op and another fault; odd depths the two faults only (a run may have nothing it may take). */
const enabled = (depth: number): Act[] => (depth % 2 === 0 ? [CRASH, WORK, DROP] : [DROP, CRASH]);

/** A model that records each run's actions (a new run starts at the empty history). */
function recorder(): { model: Model<Hist, Act>; runs: string[][] } {
  const runs: string[][] = [];
  const model: Model<Hist, Act> = {
    init: () => [[]],
    actions: (s) => enabled(s.length),
    next: (s, a) => [...s, a.type],
    component: (a) => (a.kind === 'fault' ? 'chaos' : 'app'),
    properties: [
      always('Any', (s) => {
        if (s.length === 0) runs.push([]);
        else runs[runs.length - 1] = [...s];
        return true;
      }),
    ],
  };
  return { model, runs };
}

/**
 * What each run must do, from the values fast-check draws for it (the same seed, the same
 * arbitrary): with bias, a fault type may be taken only if its bit is set in the run's mask
 * (bits given in the order the types are first met: Crash 0, Drop 1); each choice picks
 * among the actions it may take, modulo their number; a run with none ends there.
 */
function expectedRuns(seed: number, runs: number, steps: number, bias: boolean): { runs: string[][]; masks: number[] } {
  const bit: Record<string, number> = { Crash: 0, Drop: 1 };
  const draws = fc.sample(fc.tuple(fc.nat({ max: 0x3fffffff }), fc.array(fc.nat(), { maxLength: steps, size: 'max' })), { seed, numRuns: runs });
  return {
    masks: draws.map(([mask]) => mask & 3),
    runs: draws.map(([mask, choices]) => {
      const taken: string[] = [];
      for (const c of choices) {
        const may = enabled(taken.length).filter((a) => !bias || a.kind !== 'fault' || ((mask >>> bit[a.type]) & 1) === 1);
        if (may.length === 0) break;
        taken.push(may[c % may.length].type);
      }
      return taken;
    }),
  };
}

describe('fault bias: each run may use only the fault types its mask allows', () => {
  it.each([
    ['by default', {}, true],
    ['faultBias: true', { faultBias: true }, true],
    ['faultBias: false (every action allowed)', { faultBias: false }, false],
  ] as const)('%s, every run plays exactly as its draw says', (_, opts, bias) => {
    const { model, runs } = recorder();
    const r = exploreRandom(model, { seed: 5, runs: 60, steps: 4, coverage: true, ...opts });
    const expected = expectedRuns(5, 60, 4, bias);
    // The draws cover every subset of the two fault types.
    expect(new Set(expected.masks)).toEqual(new Set([0, 1, 2, 3]));
    expect(runs).toEqual(expected.runs);
    const all = expected.runs.flat();
    expect(r.stats).toMatchObject({ runs: 60, steps: all.length, maxDepth: Math.max(...expected.runs.map((x) => x.length)) });
    const count = (type: string) => all.filter((t) => t === type).length;
    expect(r.coverage).toEqual({ actions: { chaos: { Crash: count('Crash'), Drop: count('Drop') }, app: { Work: count('Work') } } });
  });

  it('with bias some runs stop early for want of an allowed fault, without it none does', () => {
    const biased = expectedRuns(5, 60, 4, true).runs.flat().length;
    const free = expectedRuns(5, 60, 4, false).runs.flat().length;
    expect(biased).toBeLessThan(free);
    expect(exploreRandom(recorder().model, { seed: 5, runs: 60, steps: 4 }).stats.steps).toBe(biased);
    expect(exploreRandom(recorder().model, { seed: 5, runs: 60, steps: 4, faultBias: false }).stats.steps).toBe(free);
  });
});

// A counter that can also wait in place; `n` counts the actions taken, so a run starts at n = 0.
type C = { readonly x: number; readonly n: number };
type Step = { readonly type: 'Inc' | 'Wait'; readonly kind: 'op' };
const INC: Step = { type: 'Inc', kind: 'op' };
const WAIT: Step = { type: 'Wait', kind: 'op' };

/**
 * Two properties violated in the very same states (x = 3). Until the first violation (when
 * fast-check starts shrinking and nothing more is a run), it counts the runs, the actions
 * taken and the deepest run, and keeps the length of that first failing run.
 */
function twins(): { model: Model<C, Step>; seen: { runs: number; steps: number; deepest: number; failingLength: number } } {
  const seen = { runs: 0, steps: 0, deepest: 0, failingLength: -1 };
  const counting = () => seen.failingLength < 0;
  const model: Model<C, Step> = {
    init: () => [{ x: 0, n: 0 }],
    actions: (s) => (s.x < 5 ? [INC, WAIT] : []),
    next: (s, a) => {
      if (counting()) seen.steps++;
      return { x: a.type === 'Inc' ? s.x + 1 : s.x, n: s.n + 1 };
    },
    properties: [
      always('BelowThreeA', (s) => {
        if (counting()) {
          if (s.n === 0) seen.runs++;
          seen.deepest = Math.max(seen.deepest, s.n);
          if (s.x >= 3) seen.failingLength = s.n;
        }
        return s.x < 3;
      }),
      always('BelowThreeB', (s) => s.x < 3),
    ],
  };
  return { model, seen };
}

describe('runs and steps count the runs, never the shrinking replays, the rebuild or the minimising', () => {
  it('the stats are those of the runs up to the first failure, which stops there and ends the search (both properties are decided)', () => {
    const { model, seen } = twins();
    const r = exploreRandom(model, { runs: 500, steps: 8 });
    expect(r.properties.map((p) => p.verdict)).toEqual(['fails', 'fails']);
    expect(seen.runs).toBeGreaterThan(1);
    expect(r.stats).toMatchObject({ runs: seen.runs, steps: seen.steps, transitions: seen.steps, maxDepth: seen.deepest, complete: true });
  });

  it('the property violated in the same state gets the first failing run as its counterexample, minimised, with the seed', () => {
    const { model } = twins();
    const r = exploreRandom(model, { runs: 500, steps: 8 });
    const [a, b] = r.properties.map((p) => p.counterexample!);
    expect(a).toMatchObject({ labels: ['Inc', 'Inc', 'Inc'], seed: 42, initIndex: 0 });
    expect(b).toMatchObject({ labels: ['Inc', 'Inc', 'Inc'], seed: 42, initIndex: 0 });
    expect(r.seed).toBe(42);
  });

  it('minimize: false: the first property keeps its shrunk run, the other one the first failing run as it was', () => {
    const { model, seen } = twins();
    const r = exploreRandom(model, { runs: 500, steps: 8, minimize: false });
    const [a, b] = r.properties.map((p) => p.counterexample!);
    expect(a).toMatchObject({ labels: ['Inc', 'Inc', 'Inc'], seed: 42 });
    // The first failing run waited on the way: longer than the shrunk one.
    expect(seen.failingLength).toBeGreaterThan(3);
    expect(b).toMatchObject({ length: seen.failingLength, seed: 42 });
    expect(b.labels.filter((l) => l === 'Inc')).toHaveLength(3);
    expect(b).not.toHaveProperty('recoveryFrom');
  });
});

describe('reachability is recorded on runs only', () => {
  // From 0, A goes to 1 and B to 2; both then go to 3, which NotThree forbids.
  type Fork = { readonly type: 'A' | 'B' | 'C'; readonly kind: 'op' };
  const fork: Model<number, Fork> = {
    init: () => [0],
    actions: (s) => (s === 0 ? [{ type: 'A', kind: 'op' }, { type: 'B', kind: 'op' }] : s < 3 ? [{ type: 'C', kind: 'op' }] : []),
    next: (s, a) => (a.type === 'A' ? 1 : a.type === 'B' ? 2 : 3),
    properties: [always('NotThree', (s) => s !== 3), sometimes('One', (s) => s === 1)],
  };

  it('a state only shrinking and the rebuild pass through does not count as reached', () => {
    // Seed 9's one run takes B then C; shrinking (and the counterexample) take A then C.
    const r = exploreRandom(fork, { seed: 9, runs: 1, steps: 2 });
    expect(r.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { labels: ['A', 'C'] } });
    expect(r.properties[1].verdict).toBe('unreached');
    expect(r.stats).toMatchObject({ runs: 1, steps: 2 });
  });
});

describe('rounds: after a failure, the next round goes on with its own seed', () => {
  it('a property that fails only later is found in round 2, whose seed its counterexample carries; the time to failure is the first one', () => {
    // Each clock reading advances 10 ms; without a time limit nothing reads it per run.
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 10));
    const r = exploreRandom(counter([always('BelowTwo', (s) => s.x < 2), always('BelowThree', (s) => s.x < 3)], 5), { seed: 42, runs: 300, steps: 5 });
    expect(r.properties.map((p) => p.verdict)).toEqual(['fails', 'fails']);
    // BelowThree holds where BelowTwo first fails: it is not decided with it.
    expect(r.properties[0].counterexample).toMatchObject({ length: 2, seed: 42 });
    expect(r.properties[1].counterexample).toMatchObject({ length: 3, seed: roundSeed(42, 1) });
    expect(roundSeed(42, 1)).toBe(-1640531493);
    expect(r.stats.timeToFailureMs).toBe(10);
  });

  it('runs stop once every property is decided: an always failed and a sometimes reached in the first round', () => {
    let runs = 0;
    let counting = true;
    const r = exploreRandom(
      counter([
        always('BelowTwo', (s) => {
          if (counting && s.x === 0) runs++;
          if (s.x >= 2) counting = false;
          return s.x < 2;
        }),
        sometimes('One', (s) => s.x === 1),
      ]),
      { seed: 3, runs: 500, steps: 3 },
    );
    expect(r.properties.map((p) => p.verdict)).toEqual(['fails', 'reached']);
    expect(runs).toBeGreaterThan(1);
    expect(r.stats.runs).toBe(runs);
  });

  it('a sometimes alone, or left unreached, keeps the runs going to the budget', () => {
    expect(exploreRandom(counter([sometimes('One', (s) => s.x === 1)]), { seed: 3, runs: 300, steps: 3 }).stats.runs).toBe(300);
    const r = exploreRandom(counter([always('BelowTwo', (s) => s.x < 2), sometimes('Nine', (s) => s.x === 9)]), { seed: 3, runs: 300, steps: 3 });
    expect(r.properties.map((p) => p.verdict)).toEqual(['fails', 'unreached']);
    expect(r.stats.runs).toBe(300);
  });
});

// A server that a fault breaks (phase 1); control Retry moves it on without ever repairing it.
type Srv = { readonly broken: boolean; readonly phase: number };
type SrvAct = { readonly type: 'Break' | 'Retry' | 'Repair'; readonly kind: 'fault' | 'control' };
const BREAK: SrvAct = { type: 'Break', kind: 'fault' };
const RETRY: SrvAct = { type: 'Retry', kind: 'control' };
const REPAIR: SrvAct = { type: 'Repair', kind: 'control' };
const fixed = (within = 5) => recovers('Fixed', (s: Srv) => !s.broken, { within });
const notBroken = always('NeverBroken', (s: Srv) => !s.broken);

/** Retry from phase 1 to 2, then nothing: the recovery gets stuck. */
const stuck = (properties: Model<Srv, SrvAct>['properties']): Model<Srv, SrvAct> => ({
  init: () => [{ broken: false, phase: 0 }],
  actions: (s) => (!s.broken ? [BREAK] : s.phase === 1 ? [RETRY] : []),
  next: (s, a) => (a.type === 'Break' ? { broken: true, phase: 1 } : { broken: true, phase: 2 }),
  properties,
});

/** Retry goes 1, 2, 3, then back to 2 for ever: the recovery cycles. */
const cycling: Model<Srv, SrvAct> = {
  init: () => [{ broken: false, phase: 0 }],
  actions: (s) => (!s.broken ? [BREAK] : [RETRY]),
  next: (s, a) => (a.type === 'Break' ? { broken: true, phase: 1 } : { broken: true, phase: s.phase === 3 ? 2 : s.phase + 1 }),
  properties: [fixed()],
};

/** Repair restores it at once. */
const repairable = (properties: Model<Srv, SrvAct>['properties']): Model<Srv, SrvAct> => ({
  init: () => [{ broken: false, phase: 0 }],
  actions: (s) => (!s.broken ? [BREAK] : [REPAIR]),
  next: (s, a) => (a.type === 'Break' ? { broken: true, phase: 1 } : { broken: false, phase: 0 }),
  properties,
});

describe('recovers in random mode', () => {
  it('a recovery that gets stuck: the run, then the recovery path to where it is stuck, with no loop', () => {
    const cx = exploreRandom(stuck([fixed()]), { seed: 1, runs: 50, steps: 3, minimize: false }).properties[0].counterexample!;
    expect(cx).toMatchObject({ labels: ['Break', 'Retry'], length: 2, recoveryFrom: 1, initIndex: 0, seed: 1 });
    expect(cx).not.toHaveProperty('loopIndex');
  });

  it('a recovery that cycles: the loop index is where the last state comes back to, counted from the start of the trace', () => {
    const cx = exploreRandom(cycling, { seed: 1, runs: 50, steps: 3, minimize: false }).properties[0].counterexample!;
    // Break, then Retry to phases 2, 3 and 2 again: the state after step 2.
    expect(cx).toMatchObject({ labels: ['Break', 'Retry', 'Retry', 'Retry'], recoveryFrom: 1, loopIndex: 2 });
  });

  it('a recovers property is no `also` of an always violated in the same state: it is checked on its own, and holds', () => {
    const r = exploreRandom(repairable([notBroken, fixed(1)]), { seed: 1, runs: 50, steps: 3 });
    expect(r.properties.map((p) => p.verdict)).toEqual(['fails', 'holds']);
    expect(r.properties[0].counterexample).toMatchObject({ labels: ['Break'], length: 1 });
    expect(r.properties[0].counterexample).not.toHaveProperty('recoveryFrom');
  });

  it('where an always fails, a run ends on it: the recovers failing there too is found in the next round', () => {
    const r = exploreRandom(stuck([notBroken, fixed()]), { seed: 1, runs: 50, steps: 3 });
    expect(r.properties.map((p) => p.verdict)).toEqual(['fails', 'fails']);
    expect(r.properties[0].counterexample).toMatchObject({ labels: ['Break'], seed: 1 });
    expect(r.properties[1].counterexample).toMatchObject({ labels: ['Break', 'Retry'], recoveryFrom: 1, seed: roundSeed(1, 1) });
  });
});

describe('path: replaying one run', () => {
  it('replays the failing run alone (one run, no further round), with the same counterexample', () => {
    // Any never fails: only the replay's own end keeps more rounds from running.
    const model = counter([always('BelowFour', (s) => s.x < 4), always('Any', () => true)], 10);
    const first = exploreRandom(model, { seed: 6, runs: 100, steps: 10, minimize: false });
    const cx = first.properties[0].counterexample!;
    // Seed 6 fails first in its fifth run.
    expect(cx.path).toMatch(/^4:/);
    expect(first.stats.runs).toBe(100);
    const again = exploreRandom(model, { seed: cx.seed, path: cx.path, runs: 100, steps: 10, minimize: false });
    expect(again.properties.map((p) => p.verdict)).toEqual(['fails', 'holds']);
    expect(again.properties[0].counterexample).toMatchObject({ labels: cx.labels, seed: 6, path: cx.path });
    expect(again.stats).toMatchObject({ runs: 1, complete: true });
  });
});

describe('progress and the stats on a stubbed clock', () => {
  it('onProgress: checked every 64 runs, called once more than 50 ms have passed since the last call', () => {
    let runs = 0;
    let steps = 0;
    // The clock follows the runs: 1000 at the start, 1050 at run 64 (not more than 50 ms yet),
    // 1101 from run 101 (reported at run 128), 1140 from run 192 (39 ms after the report).
    const at = (r: number) => 1000 + (r < 63 ? 0 : r < 100 ? 50 : r < 191 ? 101 : 140);
    vi.spyOn(performance, 'now').mockImplementation(() => at(runs));
    const model: Model<{ x: number }, { type: 'Up'; kind: 'op' }> = {
      ...counter([], 1000),
      next: (s) => (steps++, { x: s.x + 1 }),
      properties: [always('Any', (s) => (s.x === 0 && runs++, true))],
    };
    const calls: unknown[] = [];
    const r = exploreRandom(model, { seed: 1, runs: 200, steps: 3, onProgress: (p) => calls.push({ ...p, stepsSoFar: steps }) });
    expect(calls).toEqual([{ runs: 128, steps: expect.any(Number), elapsedMs: 101, stepsSoFar: expect.any(Number) }]);
    const [call] = calls as { steps: number; stepsSoFar: number }[];
    // The steps of the 127 runs before (the 128th has not started).
    expect(call.steps).toBe(call.stepsSoFar);
    expect(call.steps).toBeGreaterThan(0);
    expect(r.stats).toMatchObject({ runs: 200, steps, searchMs: 140, complete: true });
    expect(r.stats.statesPerSecond).toBeCloseTo((steps / 140) * 1000, 9);
  });
});

describe('the time limit, on a clock that advances 1 ms a reading', () => {
  const model = () => counter([always('Any', () => true), sometimes('Nine', (s) => s.x === 9)], 10);

  it('a run starts only while the clock is not past the deadline; what is undecided is unknown', () => {
    let t = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => ++t);
    // Start 1001, deadline 1006: runs start at 1002 to 1006, the poll at 1007 stops; the end is read at 1008.
    const r = exploreRandom(model(), { seed: 1, runs: 200, steps: 3, timeLimitMs: 5 });
    expect(r.stats).toMatchObject({ runs: 5, complete: false, stoppedBy: 'time-limit', searchMs: 7 });
    expect(r.properties.map((p) => p.verdict)).toEqual(['unknown', 'unknown']);
  });

  it('a limit not reached leaves the search complete', () => {
    let t = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => ++t);
    const r = exploreRandom(model(), { seed: 1, runs: 200, steps: 3, timeLimitMs: 60_000 });
    expect(r.stats).toMatchObject({ runs: 200, complete: true });
    expect(r.stats).not.toHaveProperty('stoppedBy');
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'unreached']);
  });

  it('on a clock standing at the deadline itself, nothing is past it: every run runs, the failure is kept, the search complete', () => {
    vi.spyOn(performance, 'now').mockReturnValue(500);
    const r = exploreRandom(counter([always('BelowTwo', (s) => s.x < 2)], 5), { seed: 1, runs: 50, steps: 3, timeLimitMs: 0 });
    expect(r.properties[0].verdict).toBe('fails');
    expect(r.stats).toMatchObject({ complete: true, timeToFailureMs: 0 });
    expect(r.stats.runs).toBeGreaterThan(0);
  });
});

describe('minimising', () => {
  // Five counters, each Inc adding 1 to one and Jump 3 to the first: a sum of 30 takes 10
  // Jumps at least, which shrinking (towards the first action, Inc) does not find.
  type J = { readonly type: 'Inc' | 'Jump'; readonly kind: 'op'; readonly i: number };
  const moves: J[] = [...[0, 1, 2, 3, 4].map((i): J => ({ type: 'Inc', kind: 'op', i })), { type: 'Jump', kind: 'op', i: 0 }];
  const jumps: Model<readonly number[], J> = {
    init: () => [[0, 0, 0, 0, 0]],
    actions: () => moves,
    next: (s, a) => s.map((v, i) => (i === a.i ? v + (a.type === 'Jump' ? 3 : 1) : v)),
    properties: [always('SumBelow', (s) => s.reduce((x, y) => x + y, 0) < 30)],
  };

  it('by default the shrunk counterexample is minimised to the shortest; minimize: false keeps it as shrunk', () => {
    const min = exploreRandom(jumps, { seed: 1, runs: 500, steps: 40 }).properties[0].counterexample!;
    expect(min.length).toBe(10);
    expect(min.labels.every((l) => l.startsWith('Jump'))).toBe(true);
    expect(exploreRandom(jumps, { seed: 1, runs: 500, steps: 40, minimize: false }).properties[0].counterexample!.length).toBe(20);
  });

  it('without a time limit the minimising search still has at most 5 s: on a clock jumping 10 s a reading it gives up at its first look', () => {
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 10_000));
    const r = exploreRandom(jumps, { seed: 1, runs: 500, steps: 40 });
    expect(r.properties[0].counterexample!.length).toBe(20);
    expect(r.stats.complete).toBe(true);
  });

  it('a deadline passed while minimising ends the search there, even with nothing left to run: not complete', () => {
    // A clock on which each transition takes 1 ms: the runs and shrinking take some 58,000,
    // the minimising search thousands more; the deadline falls in between.
    let work = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => work);
    const model: Model<readonly number[], J> = { ...jumps, next: (s, a) => (work++, jumps.next(s, a)) };
    const r = exploreRandom(model, { seed: 1, runs: 500, steps: 40, timeLimitMs: 60_000 });
    expect(r.properties[0].verdict).toBe('fails');
    // Cut short: the shrunk counterexample stands.
    expect(r.properties[0].counterexample!.length).toBe(20);
    expect(r.stats).toMatchObject({ runs: 1, complete: false, stoppedBy: 'time-limit' });
    expect(work).toBeGreaterThan(60_000);
  });
});

describe('model errors', () => {
  it('next returning no state is named, with its step', () => {
    const model = { ...counter([always('Any', () => true)]), next: () => undefined as never };
    expect(() => exploreRandom(model, { seed: 1, runs: 5, steps: 2 })).toThrow('next(s, Up) returned undefined at step 1 (random)');
  });

  it('next returning a number for object states is named', () => {
    const model = { ...counter([always('Any', () => true)]), next: () => 7 as never };
    expect(() => exploreRandom(model, { seed: 1, runs: 5, steps: 2 })).toThrow('next(s, Up) returned a number at step 1 (random)');
  });

  it('next returning undefined for number states is named too', () => {
    const model: Model<number, { type: 'Up'; kind: 'op' }> = {
      init: () => [0],
      actions: () => [{ type: 'Up', kind: 'op' }],
      next: () => undefined as never,
      properties: [always('Any', () => true)],
    };
    expect(() => exploreRandom(model, { seed: 1, runs: 5, steps: 2 })).toThrow('next(s, Up) returned undefined at step 1 (random)');
  });

  it('a property that throws only where another one fails is named, with the step of that state', () => {
    const model = counter([always('BelowThree', (s) => s.x < 3), always('Quiet', (s) => {
      if (s.x === 3) throw new Error('boom');
      return true;
    })], 5);
    expect(() => exploreRandom(model, { seed: 1, runs: 50, steps: 5, minimize: false })).toThrow('property Quiet threw Error: boom at step 3 (random)');
  });

  it('a property that throws after an action is the property\'s error, whatever else the action list holds', () => {
    const model: Model<{ x: number }, { type: 'Up'; kind: 'op' }> = {
      init: () => [{ x: 0 }],
      actions: () => [{ type: 'Up', kind: 'op' }, 42 as never],
      next: (s) => ({ x: s.x + 1 }),
      properties: [always('Boom', (s) => {
        if (s.x === 1) throw new Error('boom');
        return true;
      })],
    };
    expect(() => exploreRandom(model, { seed: 1, runs: 50, steps: 2 })).toThrow('property Boom threw Error: boom at step 1 (random)');
  });

  it('a failure that does not replay (an impure property) is a one-line model error, never a verdict', () => {
    let fired = false;
    const flaky = always('Flaky', (s: { x: number }) => {
      if (s.x !== 1 || fired) return true;
      fired = true;
      return false;
    });
    expect(() => exploreRandom(counter([flaky]), { seed: 1, runs: 50, steps: 3 })).toThrow(
      /^property Flaky failed in a run that passes when replayed: the model and its properties must be pure functions of the state \(random\)$/,
    );
    expect(fired).toBe(true);
  });
});

describe('initial states', () => {
  // Two initial states, each with actions A and B; only B taken from initial state 0 breaks Safe.
  type St = { readonly init: number; readonly last: string };
  type AB = { readonly type: 'A' | 'B'; readonly kind: 'op' };
  const model = (properties: Model<St, AB>['properties']): Model<St, AB> => ({
    init: () => [{ init: 0, last: '' }, { init: 1, last: '' }],
    actions: (s) => (s.last === '' ? [{ type: 'A', kind: 'op' }, { type: 'B', kind: 'op' }] : []),
    next: (s, a) => ({ ...s, last: a.type }),
    properties,
  });

  it('are chosen apart from the first action: every pair of initial state and first action is played', () => {
    const r = exploreRandom(model([always('Safe', (s) => !(s.init === 0 && s.last === 'B'))]), { seed: 7, runs: 200, steps: 1 });
    expect(r.properties[0].verdict).toBe('fails');
    expect(r.properties[0].counterexample).toMatchObject({ initIndex: 0, labels: ['B'] });
    // The other three pairs are reached too.
    const pairs = (['A', 'B'] as const).flatMap((last) => [0, 1].map((init) => sometimes<St>(`Reached${init}${last}`, (s) => s.init === init && s.last === last)));
    expect(exploreRandom(model(pairs), { seed: 7, runs: 200, steps: 1 }).properties.map((p) => p.verdict)).toEqual(['reached', 'reached', 'reached', 'reached']);
  });

  it('with steps 0, every initial state is checked', () => {
    const r = exploreRandom(model([always('NotSecond', (s) => s.init !== 1)]), { seed: 7, runs: 50, steps: 0 });
    expect(r.properties[0].verdict).toBe('fails');
    expect(r.properties[0].counterexample).toMatchObject({ initIndex: 1, labels: [] });
  });
});
