/**
 * Issue 18's exact availability against closed forms, to 1e-9 relative error on
 * unavailability: a two-state component, series and parallel pairs, k-out-of-n with
 * independent repair (binomial) and with one repair crew (a birth-death chain), and mean
 * times to failure; then immediate (zero-time) steps and the one-line errors.
 */
import { describe, expect, it } from 'vitest';
import { analyzeAvailability } from '../../engine/availability/analyze.js';
import { buildChain, type Timing } from '../../engine/availability/build.js';
import { chainOf, meanTimeTo, steadyState } from '../../engine/availability/ctmc.js';
import { defineModel, type Action, type Model } from '../../model/core/model.js';

const HOUR = 3600;
const relErr = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);

/** `n` identical components, each up or down; `crews` repairs run at once (n: independent repair). */
interface Fleet {
  readonly up: readonly boolean[];
}
type FleetAction = { readonly type: 'Fail' | 'Repair'; readonly kind: 'fault'; readonly unit: number };

function fleet(n: number, crews = n): Model<Fleet, FleetAction> {
  const fail = Array.from({ length: n }, (_, unit): FleetAction => ({ type: 'Fail', kind: 'fault', unit }));
  const repair = Array.from({ length: n }, (_, unit): FleetAction => ({ type: 'Repair', kind: 'fault', unit }));
  return defineModel<Fleet, FleetAction>({
    init: () => [{ up: Array.from({ length: n }, () => true) }],
    actions(s) {
      const out: FleetAction[] = [];
      const down = s.up.filter((u) => !u).length;
      for (let i = 0; i < n; i++) {
        if (s.up[i]) out.push(fail[i]);
        // One crew: only the lowest failed unit is under repair (first come is not modelled: any fixed order gives the same chain).
        else if (crews >= down || s.up.slice(0, i).filter((u) => !u).length < crews) out.push(repair[i]);
      }
      return out;
    },
    next(s, a) {
      const up = s.up.slice();
      up[a.unit] = a.type === 'Repair';
      return { up };
    },
    properties: [],
  });
}
const rates = (lambda: number, mu: number) => (a: FleetAction): Timing => ({ rate: a.type === 'Fail' ? lambda : mu });
const upCount = (s: Fleet) => s.up.filter(Boolean).length;

describe('exact availability against closed forms', () => {
  // MTBF 1,000 h, MTTR 2 h: A = MTBF / (MTBF + MTTR).
  const lambda = 1 / (1000 * HOUR);
  const mu = 1 / (2 * HOUR);
  const a1 = mu / (lambda + mu);

  it('one component: A = MTBF / (MTBF + MTTR), mean time to failure = MTBF', () => {
    const r = analyzeAvailability(fleet(1), rates(lambda, mu), (s) => s.up[0]);
    expect(relErr(r.unavailability, 1 - a1)).toBeLessThan(1e-9);
    expect(relErr(r.meanTimeToFailureSeconds, 1000 * HOUR)).toBeLessThan(1e-9);
    expect(r.converged).toBe(true);
    expect(r.nines).toBeCloseTo(-Math.log10(1 - a1), 9);
  });

  it('two in series (both needed): A = A1 A2; in parallel (one needed): A = 1 - (1 - A1)(1 - A2)', () => {
    const series = analyzeAvailability(fleet(2), rates(lambda, mu), (s) => upCount(s) === 2);
    const parallel = analyzeAvailability(fleet(2), rates(lambda, mu), (s) => upCount(s) >= 1);
    expect(relErr(series.unavailability, 1 - a1 * a1)).toBeLessThan(1e-9);
    expect(relErr(parallel.unavailability, (1 - a1) ** 2)).toBeLessThan(1e-9);
  });

  it('two in parallel with a repair each: mean time to losing both = (3 lambda + mu) / (2 lambda^2)', () => {
    const r = analyzeAvailability(fleet(2), rates(lambda, mu), (s) => upCount(s) >= 1);
    expect(relErr(r.meanTimeToFailureSeconds, (3 * lambda + mu) / (2 * lambda * lambda))).toBeLessThan(1e-9);
  });

  it.each([[2, 3], [3, 5], [4, 6]])('%i-out-of-%i with independent repair: the binomial tail', (k, n) => {
    const binom = (a: number, b: number): number => (b === 0 ? 1 : (binom(a, b - 1) * (a - b + 1)) / b);
    let unavail = 0;
    for (let i = 0; i < k; i++) unavail += binom(n, i) * a1 ** i * (1 - a1) ** (n - i);
    const r = analyzeAvailability(fleet(n), rates(lambda, mu), (s) => upCount(s) >= k);
    expect(relErr(r.unavailability, unavail)).toBeLessThan(1e-9);
  });

  it('2-out-of-3 with one repair crew: the birth-death chain pi(i down) ~ prod (n - j) lambda / mu', () => {
    const n = 3;
    const lam = 1 / (50 * HOUR);
    const m = 1 / (5 * HOUR);
    const w = [1];
    for (let i = 1; i <= n; i++) w.push((w[i - 1] * (n - i + 1) * lam) / m);
    const total = w.reduce((x, y) => x + y, 0);
    const unavail = (w[2] + w[3]) / total;
    const r = analyzeAvailability(fleet(n, 1), rates(lam, m), (s) => upCount(s) >= 2);
    expect(relErr(r.unavailability, unavail)).toBeLessThan(1e-9);
  });
});

describe('the chain of a model', () => {
  type S = { readonly phase: 'up' | 'failed' | 'detected' };
  const FAIL: Action = Object.freeze({ type: 'Fail', kind: 'fault' });
  const DETECT: Action = Object.freeze({ type: 'Detect', kind: 'control' });
  const REPLACE: Action = Object.freeze({ type: 'Replace', kind: 'control' });
  /** A failure is detected at once (zero time), then replaced after a mean of 10 minutes. */
  const m = defineModel<S, Action>({
    init: () => [{ phase: 'up' }],
    actions: (s) => (s.phase === 'up' ? [FAIL] : s.phase === 'failed' ? [DETECT] : [REPLACE]),
    next: (s, a) => ({ phase: a === FAIL ? 'failed' : a === DETECT ? 'detected' : 'up' }),
    properties: [],
  });
  const timing = (a: Action): Timing | undefined => (a === FAIL ? { rate: 1 / (100 * HOUR) } : a === DETECT ? 'immediate' : a === REPLACE ? { rate: 1 / 600 } : undefined);

  it('eliminates zero-time states: failed is vanishing, the chain is up <-> detected', () => {
    const b = buildChain(m, timing);
    expect([b.graphStates, b.vanishing, b.chain.n]).toEqual([3, 1, 2]);
    expect(b.states.map((s) => s.phase)).toEqual(['up', 'detected']);
    const r = analyzeAvailability(m, timing, (s) => s.phase === 'up');
    expect(relErr(r.unavailability, 600 / (100 * HOUR + 600))).toBeLessThan(1e-9);
  });

  it('refuses an action without a rate, naming it', () => {
    expect(() => buildChain(m, (a) => (a === REPLACE ? undefined : timing(a)))).toThrow(/^availability: no rate for Replace \(control\); give Replace a rate/);
  });

  it('refuses a cycle of zero-time steps, naming the path to it', () => {
    expect(() => buildChain(m, () => 'immediate')).toThrow(/^availability: a cycle of zero-time steps that never lets time pass/);
  });

  it('refuses an absorbing chain (a fault with no repair)', () => {
    expect(() => analyzeAvailability(m, (a) => (a === REPLACE ? { rate: 0 } : timing(a)), (s) => s.phase === 'up')).toThrow(/no way out \(the chain is absorbing\)/);
  });

  it('a state from which the target is never reached has an infinite mean time', () => {
    const c = chainOf(3, [0, 1], [1, 0], [1, 1]);
    const t = new Uint8Array([0, 0, 1]);
    expect(Array.from(meanTimeTo(c, t).values)).toEqual([Infinity, Infinity, 0]);
    expect(() => steadyState(c)).toThrow(/state 2 has no way out/);
  });
});
