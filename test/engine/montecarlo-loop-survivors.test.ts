/**
 * Mutation survivors of the simulation loop of engine/availability/montecarlo.ts (MUTATION.md,
 * availability/: `pathTo`, `settle`, `draw`, the warm-up's choice of the regeneration state and
 * its come-back check, plain cycles and biased episodes, the pilot's 5 % rule and the stopping
 * rule's boundaries) and of ctmc.ts's stopping test. Each design is a graph of numbered states
 * (a handful, or a line of 100,000 for a limit) whose figures are known in closed form, or whose
 * random stream is read through the exported `Rng`; every run has a fixed seed.
 */
import { describe, expect, it } from 'vitest';
import { chainOf, steadyState } from '../../engine/availability/ctmc.js';
import { analyzeAvailability } from '../../engine/availability/analyze.js';
import { add, Explored, monteCarloAvailability, normalQuantile, ratio, Rng, sums } from '../../engine/availability/montecarlo.js';
import type { Timing } from '../../engine/availability/build.js';
import { InputError } from '../../engine/scenario.js';
import { defineModel, type Action } from '../../model/core/model.js';

/** A state of a graph design: its number. */
type G = { readonly at: number };
/** An edge of a graph design: an action that carries its target and its timing (a rate per second, or immediate). */
type E = Action & { readonly to: number; readonly rate: number | 'immediate' };
const edge = (type: string, kind: Action['kind'], to: number, rate: number | 'immediate'): E => ({ type, kind, to, rate });
/** A design given by its edges per state; state 0 is the initial one. */
function graph(edges: (at: number) => readonly E[]) {
  return defineModel<G, E>({
    init: () => [{ at: 0 }],
    actions: (s) => edges(s.at),
    next: (_s, a) => ({ at: a.to }),
    properties: [],
  });
}
const timing = (a: E): Timing => (a.rate === 'immediate' ? 'immediate' : { rate: a.rate });
/** `upIn(...ids)`: the predicate "the design is up", true in the states listed. */
const upIn = (...ids: number[]) => (s: G) => ids.includes(s.at);
const neverBackLine = (path: string) => new InputError(`availability: the design never comes back from the state reached by ${path}: a fault without a repair (give it one, or a rate for the repair)`);

describe('the warm-up: where the regeneration state is, and whether every run comes back to it', () => {
  it('a model without an initial state is a one-line error', () => {
    const none = defineModel<G, E>({ init: () => [], actions: () => [], next: (s) => s, properties: [] });
    expect(() => monteCarloAvailability(none, timing, () => true, { seed: 1 })).toThrow(new InputError('availability: the model has no initial state'));
  });

  it('a warm-up run that reaches a state with no way out names the path to it (the design never comes back)', () => {
    // 0 -Fail-> 1, and 1 has no action: the first warm-up run ends there on its second jump.
    const m = graph((at) => (at === 0 ? [edge('Fail', 'fault', 1, 1)] : []));
    expect(() => monteCarloAvailability(m, timing, upIn(0), { seed: 1 })).toThrow(neverBackLine('Fail'));
  });

  /**
   * Runs from I (0) take Direct into the hub H (1) <-> H2 (2), where H holds 100 s a visit,
   * or Detour, half the time, into a line D_1 .. D_len (3 ..) of 1-s states that rejoins H. A
   * run that took the detour is at D_2000 after its 2,000 warm-up jumps and never saw H: it
   * must come back within 100,000 jumps more, and is `len - 1999` jumps from H. With `crash`,
   * D_len leads to a state with no way out instead.
   */
  const detour = (len: number, crash = false) =>
    graph((at) => {
      if (at === 0) return [edge('Detour', 'op', 3, 1), edge('Direct', 'op', 1, 1)];
      if (at === 1) return [edge('Flip', 'op', 2, 1 / 100)];
      if (at === 2) return [edge('Flop', 'op', 1, 1)];
      if (at < 2 + len) return [edge('Step', 'op', at + 1, 1)];
      if (at === 2 + len) return [crash ? edge('Crash', 'fault', at + 1, 1) : edge('Rejoin', 'op', 1, 1)];
      return [];
    });
  // Seed 4's first draw is below 1/2: the first warm-up run (the first draw is its first jump, from I) takes the detour.
  const SEED = 4;

  it('a run that did not see the regeneration state late goes on for up to 100,000 jumps: back in 99,999 is fine, 100,001 is "settle in different places", naming where the run ended', () => {
    expect(new Rng(SEED).next()).toBeLessThan(0.5);
    const back = monteCarloAvailability(detour(1999 + 99_999), timing, () => true, { seed: SEED, importance: 'off', maxCycles: 10 });
    // The hub is the regeneration state (every cycle H -> H2 -> H, 101 s, no downtime).
    expect(back).toMatchObject({ cycles: 10, hits: 0, unavailability: 0, meanCycleSeconds: 101 });
    const steps = Array(50).fill('Step').join(' ');
    expect(() => monteCarloAvailability(detour(1999 + 100_001), timing, () => true, { seed: SEED, importance: 'off', maxCycles: 10 })).toThrow(
      new InputError(`availability: the design never comes back from the state reached by ${steps}: runs from the initial state settle in different places (a fault without a repair? give it one, or a rate for the repair)`),
    );
  });

  it('a run going on after the warm-up into a state with no way out is refused as never coming back from that state', () => {
    const steps = [...Array(49).fill('Step'), 'Crash'].join(' ');
    expect(() => monteCarloAvailability(detour(2500, true), timing, () => true, { seed: SEED, importance: 'off', maxCycles: 10 })).toThrow(neverBackLine(steps));
  });

  /**
   * I (0, held 1e9 s, left once) -> U (1, Fail: a fault) <-> D (2, Repair: control), U and D
   * held `hu` and `hd`. Warm-up jump j is from I, then U, D, U, ... : the late half (jumps
   * 1,000 to 1,999) is 500 visits to D, the first at jump 1,000, and 500 to U. Which of them is
   * the regeneration state shows in `importanceSampling`: from U (a fault enabled) failure
   * biasing runs, from D there is "no failure to bias".
   */
  const ring = (hu: number, hd: number) =>
    graph((at) => (at === 0 ? [edge('Start', 'op', 1, 1e-9)] : at === 1 ? [edge('Fail', 'fault', 2, 1 / hu)] : [edge('Repair', 'control', 1, 1 / hd)]));
  const onRing = (hu: number, hd: number) => monteCarloAvailability(ring(hu, hd), timing, upIn(1), { seed: 1, importance: 'on', maxCycles: 10 });
  const NO_BIAS = 'no failure to bias (no fault action is enabled in the regeneration state)';

  it('the regeneration state is where the late halves of the runs spend most time (not the initial state, held 1e9 s but only at jump 0)', () => {
    // D 1 % longer: D. (The early half, or every jump, counted: I, which never comes back.)
    const d = onRing(1, 1.01);
    expect(d.importanceSampling).toBe(false);
    expect(d.note).toMatch(new RegExp(`; ${NO_BIAS.replace(/[()]/g, '\\$&')}$`));
    expect(d.unavailability).toBeCloseTo(1.01 / 2.01, 12);
    // U 1 % longer: U.
    expect(onRing(1.01, 1).importanceSampling).toBe(true);
  });

  it('the late half starts at jump 1,000 exactly: D, held 0.1 % longer than U, is visited 500 times there (499 from jump 1,001 on)', () => {
    // 500 * 1.001 > 500 * 1, but 499 * 1.001 < 500.
    expect(onRing(1, 1.001).importanceSampling).toBe(false);
  });

  it('a tie in time goes to the state seen first (D, at jump 1,000): holding times equal', () => {
    const r = onRing(1, 1);
    expect(r.importanceSampling).toBe(false);
    expect(r.note).toMatch(new RegExp(`${NO_BIAS.replace(/[()]/g, '\\$&')}$`));
  });

  it('the most time may be well under a second (fast rates): still the most visited state, not the initial one', () => {
    // 16 runs * 500 visits * 1e-4 s = 0.8 s each for U and D; D 1 % longer.
    const r = onRing(1e-4, 1.01e-4);
    expect(r.importanceSampling).toBe(false);
    expect(r.note).not.toMatch(/did not come back|settle/);
    expect(r.unavailability).toBeCloseTo(1.01 / 2.01, 12);
  });
});

describe('zero-time steps (settle) and the draw of a jump', () => {
  /** 0 -Step-> 1 -Step-> ... -> n, every Step immediate; n has no way out (nothing ever happens there, up). */
  const zeroTimeLine = (n: number) => graph((at) => (at < n ? [edge('Step', 'control', at + 1, 'immediate')] : []));

  it('a path of 100,000 zero-time steps is followed; one of 100,001 is refused as a cycle of zero-time steps, naming where', () => {
    expect(monteCarloAvailability(zeroTimeLine(100_000), timing, () => true, { seed: 1 })).toMatchObject({ unavailability: 0, converged: true, statesVisited: 100_001 });
    expect(() => monteCarloAvailability(zeroTimeLine(100_001), timing, () => true, { seed: 1 })).toThrow(
      new InputError(`availability: a cycle of zero-time steps that never lets time pass, through the state reached by ${Array(50).fill('Step').join(' ')}`),
    );
  });

  it('of two immediate steps each is taken half the time: a failure is followed by a 1-s or a 9-s repair, down 5 s in every 15', () => {
    // 0 (up, 10 s) -Fail-> 1 (zero time) -Short-> 2 (1 s) or -Long-> 3 (9 s); both repairs lead back to 0.
    const m = graph((at) =>
      at === 0 ? [edge('Fail', 'fault', 1, 1 / 10)]
      : at === 1 ? [edge('Short', 'control', 2, 'immediate'), edge('Long', 'control', 3, 'immediate')]
      : [edge('Repair', 'control', 0, at === 2 ? 1 : 1 / 9)],
    );
    const r = monteCarloAvailability(m, timing, upIn(0), { seed: 3, importance: 'off', maxCycles: 4000, minCycles: 4000 });
    expect([r.cycles, r.hits, r.events]).toEqual([4000, 4000, 8000]);
    // Always the first step would be 1 s in 11.
    expect(Math.abs(r.unavailability - 1 / 3)).toBeLessThan(0.02);
    expect(Math.abs(r.meanCycleSeconds - 15)).toBeLessThan(0.3);
  });

  it('a single immediate step draws no random number: a design with a zero-time Detect between each failure and its repair gives the very figures of the one without', () => {
    // Two units; a unit is up (0), failed (1, zero time: Detect) or down (2). `code = u0 + 3 * u1`.
    const units = (detect: boolean) =>
      graph((at) => {
        const u = [at % 3, Math.floor(at / 3)];
        const out: E[] = [];
        u.forEach((x, i) => {
          const to = (y: number) => (i === 0 ? y + 3 * u[1] : u[0] + 3 * y);
          if (x === 0) out.push(edge('Fail', 'fault', to(detect ? 1 : 2), (i + 1) / 100));
          else if (x === 1) out.push(edge('Detect', 'control', to(2), 'immediate'));
          else out.push(edge('Repair', 'control', to(0), 1 / (i + 2)));
        });
        return out;
      });
    const opts = { seed: 2, importance: 'off', maxCycles: 2000, minCycles: 2000 } as const;
    const bothUp = (s: G) => s.at === 0;
    const direct = monteCarloAvailability(units(false), timing, bothUp, opts);
    const detected = monteCarloAvailability(units(true), timing, bothUp, opts);
    expect(direct.cycles).toBe(2000);
    expect(direct.hits).toBeGreaterThan(0);
    expect(detected.statesVisited).toBeGreaterThan(direct.statesVisited);
    for (const k of ['cycles', 'events', 'hits', 'unavailability', 'low', 'high', 'meanCycleSeconds'] as const) expect(detected[k]).toBe(direct[k]);
  });

  it('a jump is drawn by its interval [lower, upper) of cumulative probability: a draw equal to the first jump\'s probability takes the second', () => {
    // The first draw of seed 1 is u; from the initial state, Left at rate u and Right at rate
    // 1 - u (exactly representable for u >= 1/2, so the total rate is exactly 1 and Left's
    // probability exactly u). Both lead to a state with no way out, which names the jump taken.
    const u = new Rng(1).next();
    expect(u).toBeGreaterThanOrEqual(0.5);
    expect(u + (1 - u)).toBe(1);
    const m = graph((at) => (at === 0 ? [edge('Left', 'fault', 1, u), edge('Right', 'fault', 2, 1 - u)] : []));
    expect(() => monteCarloAvailability(m, timing, upIn(0), { seed: 1 })).toThrow(neverBackLine('Right'));
    // One ulp more for Left, and the same draw takes it.
    const wider = graph((at) => (at === 0 ? [edge('Left', 'fault', 1, u + 2 ** -53), edge('Right', 'fault', 2, 1 - u - 2 ** -53)] : []));
    expect(() => monteCarloAvailability(wider, timing, upIn(0), { seed: 1 })).toThrow(neverBackLine('Left'));
  });
});

describe('Explored.pathTo', () => {
  it('stops at a node with no parent, and at a node reached by no action, whichever of the two marks it', () => {
    const m = graph((at) => (at < 3 ? [edge('Step', 'op', at + 1, 1)] : []));
    const g = new Explored(m, timing, () => true, 0.5, undefined, 100);
    // A root reached "by" an action (no parent): the path starts there.
    const root = g.intern({ at: 0 }, -1, edge('Ghost', 'op', 0, 1));
    const one = g.intern({ at: 1 }, root, edge('Step', 'op', 1, 1));
    expect(g.pathTo(root)).toBe('the initial state');
    expect(g.pathTo(one)).toBe('Step');
    // A node with a parent but no action (as a second initial state would be): the path starts there too.
    const two = g.intern({ at: 2 }, one, undefined);
    const three = g.intern({ at: 3 }, two, edge('Step', 'op', 3, 1));
    expect(g.pathTo(two)).toBe('the initial state');
    expect(g.pathTo(three)).toBe('Step');
  });
});

describe('plain cycles and biased episodes', () => {
  /**
   * A deterministic ring: H (0, 64 s) -Fail-> A (1, down, 1 s) -Repair-> Q (2, 8 s) -Fail-> B
   * (3, down, 2 s) -Repair-> H. H and Q are quiet (only a failure can happen). Every cycle is
   * the same 4 jumps, down 3 s in 75; under biasing, one episode from H (to Q) and one from Q
   * (back to H), 2 jumps each, each weighted 1 (a quiet state's one failure is certain).
   */
  const ring4 = graph((at) => [[edge('Fail', 'fault', 1, 1 / 64)], [edge('Repair', 'control', 2, 1)], [edge('Fail', 'fault', 3, 1 / 8)], [edge('Repair', 'control', 0, 1 / 2)]][at]);
  const ring4Up = upIn(0, 2);

  it('a ring of four jumps: plain, 4 events a cycle; biased, 8 (two episodes of 2), down exactly 3 s in 75 either way', () => {
    const plain = monteCarloAvailability(ring4, timing, ring4Up, { seed: 1, importance: 'off', maxCycles: 50 });
    expect(plain).toMatchObject({ cycles: 50, events: 200, hits: 50, biasedEpisodes: 0, unavailability: 3 / 75, meanCycleSeconds: 75, importanceSampling: false });
    const biased = monteCarloAvailability(ring4, timing, ring4Up, { seed: 1, importance: 'on', maxCycles: 50 });
    expect(biased).toMatchObject({ cycles: 50, events: 400, hits: 50, biasedEpisodes: 100, unavailability: 3 / 75, meanCycleSeconds: 75, importanceSampling: true });
    // Every cycle the same, the first included (an episode that ran past Q in the first cycle would count B twice).
    expect(biased.note).toMatch(/^every cycle gave the same downtime and length/);
  });

  it('maxCycleEvents is the most jumps a cycle may take: a cycle of exactly 4 is allowed with 4, stopped with 3', () => {
    const four = monteCarloAvailability(ring4, timing, ring4Up, { seed: 1, importance: 'off', maxCycles: 50, maxCycleEvents: 4 });
    expect(four).toMatchObject({ cycles: 50, unavailability: 3 / 75 });
    expect(four.note).not.toMatch(/did not come back/);
    const three = monteCarloAvailability(ring4, timing, ring4Up, { seed: 1, importance: 'off', maxCycles: 50, maxCycleEvents: 3 });
    expect(three).toMatchObject({ converged: false, note: 'a cycle did not come back to the regeneration state within 3 jumps (a fault that is never repaired?)' });
  });

  /**
   * H (0, quiet, 64 s) -Fail-> N (1, 1 s): Repair (rate 1) to Q (2, quiet, 8 s) -Fail-> E (3,
   * down, 2 s) -Repair-> H; or, at rate 1e-12, Fail to a line L1 .. L10 (4 .. 13, up, 1 s each)
   * back to H. Plainly every cycle is H N Q E (4 jumps); a biased episode from H takes N's Fail
   * with probability `bias`: 12 jumps back to H (the line), else 2 (to Q).
   */
  const longRoute = graph((at) =>
    at === 0 ? [edge('Fail', 'fault', 1, 1 / 64)]
    : at === 1 ? [edge('Repair', 'control', 2, 1), edge('Fail', 'fault', 4, 1e-12)]
    : at === 2 ? [edge('Fail', 'fault', 3, 1 / 8)]
    : at === 3 ? [edge('Repair', 'control', 0, 1 / 2)]
    : [edge('Repair', 'control', at === 13 ? 0 : at + 1, 1)],
  );
  const longRouteUp = (s: G) => s.at !== 3;

  it('maxCycleEvents bounds a biased episode too: a 12-jump episode (the line) is allowed with 12, stopped with 11, though every plain cycle takes 4', () => {
    const twelve = monteCarloAvailability(longRoute, timing, longRouteUp, { seed: 1, importance: 'on', maxCycles: 100, maxCycleEvents: 12 });
    expect(twelve.cycles).toBe(100);
    // More events than 4 a cycle plus two 2-jump episodes: some episodes took the line.
    expect(twelve.events).toBeGreaterThan(800);
    expect(twelve.note).not.toMatch(/did not come back/);
    const eleven = monteCarloAvailability(longRoute, timing, longRouteUp, { seed: 1, importance: 'on', maxCycles: 100, maxCycleEvents: 11 });
    expect(eleven).toMatchObject({ converged: false, note: 'a biased episode did not come back to a quiet state within 11 jumps (a fault that is never repaired?)' });
  });

  it('an episode starts from every quiet state a plain cycle enters, also one no biased episode has reached yet (biased almost surely away from it)', () => {
    // bias 1 - 1e-9: the episodes from H all take the line, never reaching Q; the cycles pass
    // Q every time, and each downtime (E) is seen only by the episode from Q.
    const r = monteCarloAvailability(longRoute, timing, longRouteUp, { seed: 1, importance: 'on', bias: 1 - 1e-9, maxCycles: 200 });
    expect(r.cycles).toBe(200);
    expect(r.biasedEpisodes).toBe(400);
    expect(r.hits).toBe(200);
    const exact = 2 / (64 + 1 / (1 + 1e-12) + 8 + 2);
    expect(Math.abs(r.unavailability - exact) / exact).toBeLessThan(1e-9);
  });

  /**
   * H (0, quiet, 100 s) -Fail-> A (1, up, 1 s): Repair back at rate 1, or Fail at rate 1e-5 to
   * X (2, down), which has no way out. Seed 1's warm-up does not reach X (a run of one cycle
   * says so); plain cycles reach it after many cycles, a biased episode (A's Fail at 1/2) at once.
   */
  const sink = graph((at) => (at === 0 ? [edge('Fail', 'fault', 1, 1 / 100)] : at === 1 ? [edge('Repair', 'control', 0, 1), edge('Fail', 'fault', 2, 1e-5)] : []));
  const sinkUp = upIn(0, 1);

  it('a plain cycle or a biased episode that reaches a state with no way out is refused, naming the path to it', () => {
    expect(monteCarloAvailability(sink, timing, sinkUp, { seed: 1, importance: 'off', maxCycles: 1 }).cycles).toBe(1);
    const opts = { seed: 1, maxCycles: 1_000_000, maxCycleEvents: 1000 } as const;
    expect(() => monteCarloAvailability(sink, timing, sinkUp, { ...opts, importance: 'off' })).toThrow(neverBackLine('Fail Fail'));
    expect(() => monteCarloAvailability(sink, timing, sinkUp, { ...opts, importance: 'on' })).toThrow(neverBackLine('Fail Fail'));
  });
});

describe('the pilot\'s 5 % rule and the stopping rule\'s boundaries', () => {
  /**
   * H (0, 4 s: Fail at 1/64, Blip at 15/64 per second) -> A (1, down, 1 s) or C (2, up, 2 s),
   * both back to H. A cycle is down 1 s in 5 (probability 1/16) or up 6 s: every figure a
   * small integer, so the ratio estimator's sums are exact whatever the order of the cycles.
   */
  const dyadic = graph((at) => (at === 0 ? [edge('Fail', 'fault', 1, 1 / 64), edge('Blip', 'op', 2, 15 / 64)] : [edge(at === 1 ? 'Repair' : 'Back', 'control', 0, at === 1 ? 1 : 1 / 2)]));
  const dyadicUp = (s: G) => s.at !== 1;
  /** The sums of `n` cycles of which `hits` were down: what the run's own sums hold. */
  const sumsOf = (n: number, hits: number) => {
    const s = sums();
    for (let i = 0; i < n; i++) add(s, i < hits ? 1 : 0, i < hits ? 5 : 6);
    return s;
  };

  it('a pilot with downtime in exactly 5 % of its cycles (1 of 20) is not "rare": plain cycles, no biasing; in none of them, biasing', () => {
    // The pilot is min(1,000, maxCycles) cycles: 20 here. Seed 6: one of them down.
    const r = monteCarloAvailability(dyadic, timing, dyadicUp, { seed: 6, maxCycles: 20 });
    expect(r.note).toMatch(/; downtime in 1 of 20 plain pilot cycles$/);
    expect(r).toMatchObject({ importanceSampling: false, cycles: 20, hits: 1 });
    expect(r.unavailability).toBe(1 / (5 + 19 * 6));
    // Seed 3: none down.
    const none = monteCarloAvailability(dyadic, timing, dyadicUp, { seed: 3, maxCycles: 20 });
    expect(none.note).toMatch(/; downtime in 0 of 20 plain pilot cycles$/);
    expect(none.importanceSampling).toBe(true);
  });

  it('stops at the first look where the cycles with downtime reach minHits exactly; one more needed waits for the next look', () => {
    const opts = { seed: 1, importance: 'off', minCycles: 1000, precision: 0.9 } as const;
    const hits = monteCarloAvailability(dyadic, timing, dyadicUp, { ...opts, minHits: 1 }).hits;
    expect(hits).toBeGreaterThan(30);
    expect(monteCarloAvailability(dyadic, timing, dyadicUp, { ...opts, minHits: hits })).toMatchObject({ converged: true, cycles: 1000, hits });
    expect(monteCarloAvailability(dyadic, timing, dyadicUp, { ...opts, minHits: hits + 1 })).toMatchObject({ converged: true, cycles: 2000 });
  });

  it('stops where the interval\'s relative half-width equals the precision asked for exactly, not just below it', () => {
    const opts = { seed: 1, importance: 'off', minCycles: 1000, minHits: 1 } as const;
    const first = monteCarloAvailability(dyadic, timing, dyadicUp, { ...opts, precision: 0.9 });
    expect(first.cycles).toBe(1000);
    // The half-width the stopping rule compares, from the same sums (exact: small integers).
    const e = ratio(sumsOf(1000, first.hits));
    expect(e.u).toBe(first.unavailability);
    const half = Math.sqrt(e.relVar) * normalQuantile(1 - (1 - 0.95) / 2);
    expect(half).toBeCloseTo(first.relativeHalfWidth, 12);
    expect(half).toBeLessThan(1);
    expect(monteCarloAvailability(dyadic, timing, dyadicUp, { ...opts, precision: half })).toMatchObject({ converged: true, cycles: 1000 });
    expect(monteCarloAvailability(dyadic, timing, dyadicUp, { ...opts, precision: half * (1 - 1e-12) }).cycles).toBeGreaterThan(1000);
  });
});

describe('steadyState\'s stopping test (ctmc.ts)', () => {
  /**
   * A birth-death chain of 40 states, births at 0.3, deaths at 1: pi(i) ~ 0.3^i, from about
   * 0.7 down to 1e-21, reached by Gauss-Seidel at very different speeds. Numbered from the
   * likeliest state up, or from the rarest down (`reversed`).
   */
  const birthDeath = (reversed: boolean) => {
    const n = 40;
    const id = (i: number) => (reversed ? n - 1 - i : i);
    const from: number[] = [];
    const to: number[] = [];
    const rate: number[] = [];
    for (let i = 0; i + 1 < n; i++) {
      from.push(id(i), id(i + 1));
      to.push(id(i + 1), id(i));
      rate.push(0.3, 1);
    }
    const weight = Array.from({ length: n }, (_, i) => 0.3 ** i);
    const total = weight.reduce((x, y) => x + y, 0);
    const exact = new Float64Array(n);
    for (let i = 0; i < n; i++) exact[id(i)] = weight[i] / total;
    return { chain: chainOf(n, from, to, rate), exact };
  };

  it.each([false, true])('stops only when every state, the rarest included, has stopped changing relative to its own value (reversed: %s)', (reversed) => {
    // A test on the absolute change, or on the last state swept only, stops while the rare
    // states are still off by 1e-8 to 1e2 relative.
    const { chain, exact } = birthDeath(reversed);
    const s = steadyState(chain);
    expect(s.converged).toBe(true);
    for (let i = 0; i < exact.length; i++) expect(Math.abs(s.values[i] - exact[i]) / exact[i]).toBeLessThan(1e-9);
  });
});

describe('rates whose sum overflows (found while killing draw\'s survivors)', () => {
  // Each rate is finite, their sum out of a state is not: before, the simulation gave every
  // jump probability 0 and always took the last (unavailability 0 instead of 0.25), and the
  // exact chain gave NaN figures marked converged. Both are refused in one line, naming the state.
  const huge = graph((at) => {
    if (at === 0) return [edge('Slow', 'fault', 1, 1)];
    if (at === 1) return [edge('Down', 'fault', 2, 1e308), edge('Up', 'op', 0, 1e308)];
    return [edge('Repair', 'op', 0, 1)];
  });
  const line = new InputError('availability: the rates out of the state reached by Slow add up to more than the largest number (each rate is finite, their sum is not); give smaller rates');
  it('the simulation refuses the state', () => {
    expect(() => monteCarloAvailability(huge, timing, upIn(0, 1), { seed: 1, importance: 'off', maxCycles: 10 })).toThrow(line);
  });
  it('the exact chain refuses the state', () => {
    expect(() => analyzeAvailability(huge, timing, upIn(0, 1))).toThrow(line);
  });
  it('a self-loop is no way out: two at 1e308/s beside a repair at 1/s overflow nothing (the chain drops them, as the simulation does)', () => {
    const loops = graph((at) => {
      if (at === 0) return [edge('Fail', 'fault', 1, 1)];
      return [edge('Poll', 'op', 1, 1e308), edge('Check', 'op', 1, 1e308), edge('Repair', 'op', 0, 1)];
    });
    // Up 1 s, down 1 s, in turn.
    expect(analyzeAvailability(loops, timing, upIn(0)).unavailability).toBeCloseTo(0.5, 9);
    expect(monteCarloAvailability(loops, timing, upIn(0), { seed: 1, importance: 'off', maxCycles: 2000 }).unavailability).toBeGreaterThan(0.4);
  });
  it('rates just below the overflow still give the closed-form figures', () => {
    // 0 -> 1 at 1/s; from 1, Down and Up at 8e307/s each (sum 1.6e308, finite): half the exits go down, held 1 s there.
    const big = graph((at) => {
      if (at === 0) return [edge('Slow', 'fault', 1, 1)];
      if (at === 1) return [edge('Down', 'fault', 2, 8e307), edge('Up', 'op', 0, 8e307)];
      return [edge('Repair', 'op', 0, 1)];
    });
    // Per cycle from 0: 1 s in 0, ~0 s in 1, then half the time 1 s down in 2: down 0.5 of 1.5 s on average.
    expect(analyzeAvailability(big, timing, upIn(0, 1)).unavailability).toBeCloseTo(1 / 3, 9);
  });
});
