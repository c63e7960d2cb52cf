/**
 * Issue 18's exact availability against closed forms, to 1e-9 relative error on
 * unavailability: a two-state component, series and parallel pairs, k-out-of-n with
 * independent repair (binomial) and with one repair crew (a birth-death chain), and mean
 * times to failure; then immediate (zero-time) steps and the one-line errors.
 */
import { describe, expect, it } from 'vitest';
import { analyzeAvailability } from '../../engine/availability/analyze.js';
import { buildChain, type Timing } from '../../engine/availability/build.js';
import { chainOf, meanTimeToFrom, steadyState } from '../../engine/availability/ctmc.js';
import { defineModel, type Action, type Model } from '../../model/core/model.js';
import { parseRate, timingFrom, timingOf, type RateUse } from '../../engine/availability/rates.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { ec2, healthyCount } from '../../model/aws/ec2/index.js';
import { compose } from '../../model/compose/compose.js';

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
    expect(() => analyzeAvailability(m, (a) => (a === REPLACE ? { rate: 0 } : timing(a)), (s) => s.phase === 'up')).toThrow(/^availability: the design never comes back from the state reached by Fail Detect: a fault without a repair/);
  });

  it('a state from which the target is never reached has an infinite mean time', () => {
    const c = chainOf(3, [0, 1], [1, 0], [1, 1]);
    const t = new Uint8Array([0, 0, 1]);
    expect(meanTimeToFrom(c, t, new Float64Array([1, 0, 0]))).toEqual({ value: Infinity, sweeps: 0, converged: true });
    expect(meanTimeToFrom(c, t, new Float64Array([0, 0, 1]))).toEqual({ value: 0, sweeps: 0, converged: true });
    expect(() => steadyState(c)).toThrow(/state 2 has no way out/);
  });
});

describe('a composed AWS design with rates', () => {
  const design = (initial: number[]) => compose([
    az({ azs: 2, maxDown: 1, recoverable: true }),
    ec2({ slots: 3, azs: 2, tickSeconds: 60, initial, autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
    asg({ azs: initial[0] === initial[1] ? 1 : 2, tickSeconds: 60, min: 2, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
  ]);
  const at = (initial: number[]) => {
    const used = new Map<string, RateUse>();
    return { r: analyzeAvailability(design(initial), timingFrom({}, 60, used), (w) => healthyCount(w) >= 1, { tolerance: 1e-10 }), used };
  };

  it('both instances in one zone: down exactly while that zone is (1 outage a year of 4 h: lambda / (lambda + mu)), within 1 % for the host failures on top', () => {
    const { r, used } = at([0, 0]);
    const lambda = 1 / (24 * 365.25);
    const mu = 1 / 4;
    const zoneDown = lambda / (lambda + mu);
    expect(r.converged).toBe(true);
    expect(r.unavailability).toBeGreaterThan(zoneDown * 0.99);
    expect(r.unavailability).toBeLessThan(zoneDown * 1.01);
    // About 240 minutes a year; the first loss comes with the first outage of zone 0 (a year), sooner by the rarer double host failure.
    expect(r.downtimeMinutesPerYear).toBeCloseTo(240.8, 0);
    expect(r.meanTimeToFailureSeconds / (3600 * 24 * 365.25)).toBeCloseTo(1, 2);
    // The report says which rates were defaults, and which were assumptions.
    expect(used.get('HostFailure')).toMatchObject({ from: 'default', assumption: true });
    expect(used.get('Tick')).toMatchObject({ from: 'tick' });
    expect(used.get('AsgLaunch')).toMatchObject({ from: 'control' });
  });

  it('one instance in each zone: N = 1 is lost only when both fail at once (over 10 nines)', () => {
    const { r } = at([0, 1]);
    expect(r.converged).toBe(true);
    expect(r.nines).toBeGreaterThan(10);
    expect(r.unavailability).toBeGreaterThan(0);
  });

  it('refuses a design with a fault that never comes back (no AzRecover): the chain would be absorbing', () => {
    const m = compose([
      az({ azs: 2, maxDown: 1, recoverable: false }),
      ec2({ slots: 2, azs: 2, tickSeconds: 60, initial: [0, 1], faults: [] }),
    ]);
    expect(() => analyzeAvailability(m, timingFrom({}, 60, new Map()), (w) => healthyCount(w) >= 1)).toThrow(/^availability: the design never comes back from the state reached by AzOutage\(\d\): a fault without a repair/);
  });

  it('parses --rate values: per hour, mean times with a unit, immediate; refuses anything else in one line', () => {
    expect(parseRate('HostFailure=0.001')).toEqual(['HostFailure', { perHour: 0.001 }]);
    expect(parseRate('AzRecover=4h')).toEqual(['AzRecover', { meanHours: 4 }]);
    expect(parseRate('AzRecover=30m')).toEqual(['AzRecover', { meanSeconds: 1800 }]);
    expect(parseRate('X=90s')).toEqual(['X', { meanSeconds: 90 }]);
    expect(parseRate('X=immediate')).toEqual(['X', 'immediate']);
    expect(() => parseRate('X')).toThrow(/--rate expects Type=VALUE/);
    expect(() => parseRate('X=-1')).toThrow(/is not a rate per hour/);
    expect(() => timingOf('X', { meanHours: 0 })).toThrow(/mean time must be > 0/);
    expect(() => timingOf('X', { perHour: Number.NaN })).toThrow(/finite number >= 0/);
    expect(() => timingOf('X', { perHour: 1, meanHours: 2 } as never)).toThrow(/exactly one of/);
  });
});
