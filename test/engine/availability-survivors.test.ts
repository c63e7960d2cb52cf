/**
 * Mutation survivors of engine/availability/ (MUTATION.md, engine-g): what the closed-form
 * tests in availability.test.ts and montecarlo.test.ts left unpinned.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeAvailability } from '../../engine/availability/analyze.js';
import { buildChain, type Timing } from '../../engine/availability/build.js';
import { chainOf, meanTimeToFrom, steadyState } from '../../engine/availability/ctmc.js';
import { add, Explored, monteCarloAvailability, normalQuantile, ratio, Rng, sums } from '../../engine/availability/montecarlo.js';
import { DEFAULT_RATES, parseRate, timingFrom, timingOf, type Rate, type RateUse } from '../../engine/availability/rates.js';
import { scenarioAvailability, scenarioMonteCarlo } from '../../engine/availability/scenario.js';
import { InputError, defineScenario } from '../../engine/scenario.js';
import { defineModel, type Action } from '../../model/core/model.js';

const HOUR = 3600;

type Unit = { readonly up: boolean };

/** `n` units, one repair crew, each failure and repair its own action: a chain of 2^n states (Gauss-Seidel needs many sweeps). */
type Units = { readonly up: readonly boolean[] };
type UnitAction = { readonly type: 'Fail' | 'Repair'; readonly kind: 'fault' | 'control'; readonly unit: number };
function units(n: number) {
  const fail = Array.from({ length: n }, (_, unit): UnitAction => ({ type: 'Fail', kind: 'fault', unit }));
  const repair = Array.from({ length: n }, (_, unit): UnitAction => ({ type: 'Repair', kind: 'control', unit }));
  return defineModel<Units, UnitAction>({
    init: () => [{ up: Array.from({ length: n }, () => true) }],
    actions: (s) => s.up.map((u, i) => (u ? fail[i] : repair[i])),
    next: (s, a) => ({ up: s.up.map((u, i) => (i === a.unit ? a.type === 'Repair' : u)) }),
    properties: [],
  });
}
const unitsTiming = (a: UnitAction): Timing => ({ rate: a.type === 'Fail' ? (a.unit + 1) / (10 * HOUR) : 1 / (HOUR * (a.unit + 2)) });

describe('analyzeAvailability', () => {
  it('a design of one state (nothing ever happens) is always up: no "never comes back" refusal for a chain of one state', () => {
    const still = defineModel<Unit, Action>({ init: () => [{ up: true }], actions: () => [], next: (s) => s, properties: [] });
    const r = analyzeAvailability(still, () => undefined, (s) => s.up);
    expect(r.tangibleStates).toBe(1);
    expect(r.availability).toBe(1);
    expect(r.unavailability).toBe(0);
    expect(r.nines).toBe(Infinity);
    expect(r.meanTimeToFailureSeconds).toBe(Infinity);
  });

  it('the tolerance reaches both solvers: a loose one stops after fewer sweeps than the default', () => {
    const m = units(5);
    const tight = analyzeAvailability(m, unitsTiming, (s) => s.up.some(Boolean));
    const loose = analyzeAvailability(m, unitsTiming, (s) => s.up.some(Boolean), { tolerance: 1e-2 });
    expect(tight.converged).toBe(true);
    expect(loose.converged).toBe(true);
    expect(loose.sweeps).toBeLessThan(tight.sweeps);
  });

  it('reports availability as 1 - unavailability, and sweeps as both solvers\' sweeps added', () => {
    const m = units(5);
    const up = (s: Units) => s.up.some(Boolean);
    const r = analyzeAvailability(m, unitsTiming, up, { tolerance: 1e-6 });
    expect(r.unavailability).toBeGreaterThan(1e-4);
    expect(r.availability).toBe(1 - r.unavailability);
    const b = buildChain(m, unitsTiming);
    const bad = Uint8Array.from(b.states, (s) => (up(s) ? 0 : 1));
    const pi = steadyState(b.chain, { tolerance: 1e-6 });
    const mt = meanTimeToFrom(b.chain, bad, b.initial, { tolerance: 1e-6 });
    expect(mt.sweeps).toBeGreaterThan(0);
    expect(r.sweeps).toBe(pi.sweeps + mt.sweeps);
    expect(r.meanTimeToFailureSeconds).toBe(mt.value);
  });

  it('says it did not converge when a solver gave up (a tolerance no sweep can meet)', () => {
    const r = analyzeAvailability(units(1), unitsTiming, (s) => s.up[0], { tolerance: -1 });
    expect(r.converged).toBe(false);
    expect(r.sweeps).toBeGreaterThanOrEqual(1_000_000);
  });

  it('refuses a design whose first initial state can never reach where the chain settles, named as the initial state (the first one searched: another would be reached by Flip)', () => {
    // Two initial states, each in its own closed pair: the second pair (slower to leave its
    // better state) holds the most likely state; the first initial state, id 0, never reaches it.
    type P = { readonly pair: 0 | 1; readonly on: boolean };
    const flip: Action = Object.freeze({ type: 'Flip', kind: 'fault' });
    const m = defineModel<P, Action>({
      init: () => [{ pair: 0, on: true }, { pair: 1, on: true }],
      actions: () => [flip],
      next: (s) => ({ pair: s.pair, on: !s.on }),
      properties: [],
    });
    const timing = (_a: Action, s: P): Timing => ({ rate: s.pair === 1 && s.on ? 0.001 : 1 });
    expect(() => analyzeAvailability(m, timing, (s) => s.on)).toThrow(/^availability: the design never comes back from the state reached by the initial state: a fault without a repair/);
  });
});

describe('the default rates', () => {
  /** docs/availability-rates.md's table of defaults: type -> [default, published or assumption]. */
  function documented(): Map<string, [string, string]> {
    const doc = readFileSync(new URL('../../docs/availability-rates.md', import.meta.url), 'utf8');
    const rows = new Map<string, [string, string]>();
    for (const m of doc.matchAll(/^\| `(\w+)` \| \w+ \| ([^|]+) \| \*\*(published|assumption)\*\*/gm)) rows.set(m[1], [m[2].trim(), m[3]]);
    return rows;
  }
  const HOURS_PER_YEAR = 24 * 365.25;
  /** The documented default as a rate per second. */
  function perSecond(text: string): number {
    const m = /^(?:([\d.]+) % a year|1 every (\d+) years|1 a (year|month)|mean (\d+) h)\b/.exec(text);
    if (!m) throw new Error(`unreadable default ${text}`);
    const perHour = m[1] ? Number(m[1]) / 100 / HOURS_PER_YEAR : m[2] ? 1 / (Number(m[2]) * HOURS_PER_YEAR) : m[3] === 'year' ? 1 / HOURS_PER_YEAR : m[3] === 'month' ? 1 / (30 * 24) : 1 / Number(m[4]);
    return perHour / 3600;
  }

  it('are the figures docs/availability-rates.md documents, each published with its source or marked an assumption', () => {
    const docs = documented();
    expect([...docs.keys()].sort()).toEqual(Object.keys(DEFAULT_RATES).sort());
    for (const [type, d] of Object.entries(DEFAULT_RATES)) {
      const [text, kind] = docs.get(type)!;
      const t = timingOf(type, d.rate);
      expect(t).not.toBe('immediate');
      const rate = (t as { rate: number }).rate;
      expect(Math.abs(rate - perSecond(text)) / rate, `${type}: ${text}`).toBeLessThan(1e-12);
      expect(d.assumption, type).toBe(kind === 'assumption');
      if (d.assumption) expect(d.source, type).toMatch(/^assumption: \S/);
      else expect(d.source, type).toMatch(/^\S.*https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it('a malformed rate is one line naming the action: not an object, null, no unit or two units', () => {
    expect(() => timingOf('HostFailure', null as never)).toThrow(/^availability: the rate of HostFailure must be \{ perHour \}, \{ meanHours \}, \{ meanSeconds \} or 'immediate', got null$/);
    expect(() => timingOf('HostFailure', 5 as never)).toThrow(/^availability: the rate of HostFailure must be \{ perHour \}, \{ meanHours \}, \{ meanSeconds \} or 'immediate', got 5$/);
    expect(() => timingOf('HostFailure', {} as never)).toThrow(/^availability: the rate of HostFailure must have exactly one of perHour, meanHours, meanSeconds, got \{\}$/);
    expect(() => timingOf('HostFailure', { perHour: 1, meanHours: 2 } as never)).toThrow(/^availability: the rate of HostFailure must have exactly one of perHour, meanHours, meanSeconds, got \{"perHour":1,"meanHours":2\}$/);
    expect(timingOf('HostFailure', { perHour: 3600 })).toEqual({ rate: 1 });
    expect(timingOf('HostFailure', 'immediate')).toBe('immediate');
  });
});


describe('buildChain', () => {
  /** A ring of positions 0..n-1: Next (timed) moves on; at the positions in `branch` two immediate steps (Left, Right) jump to k+1 or k+2. */
  type Pos = { readonly at: number };
  type PosAction = { readonly type: 'Next' | 'Left' | 'Right'; readonly kind: 'fault' | 'control' };
  const ring = (n: number, branch: readonly number[], inits: readonly number[]) =>
    defineModel<Pos, PosAction>({
      init: () => inits.map((at) => ({ at })),
      actions: (s) => (branch.includes(s.at) ? [{ type: 'Left', kind: 'control' }, { type: 'Right', kind: 'control' }] : [{ type: 'Next', kind: 'fault' }]),
      next: (s, a) => ({ at: (s.at + (a.type === 'Right' ? 2 : 1)) % n }),
      properties: [],
    });
  const ringTiming = (a: PosAction): Timing => (a.kind === 'control' ? 'immediate' : { rate: 1 });

  it('two initial states: the chain starts half in each; one of them vanishing: its half split over where its immediate steps lead', () => {
    const both = buildChain(ring(4, [], [0, 2]), ringTiming);
    expect(both.states.map((x, i) => [x.at, both.initial[i]])).toEqual([[0, 0.5], [2, 0.5], [1, 0], [3, 0]]);
    // Position 2 branches at once to 3 or 4: the second initial half goes a quarter to each.
    const b = buildChain(ring(5, [2], [0, 2]), ringTiming);
    const at = (k: number) => b.states.findIndex((x) => x.at === k);
    expect(b.vanishing).toBe(1);
    expect([b.initial[at(0)], b.initial[at(3)], b.initial[at(4)]]).toEqual([0.5, 0.25, 0.25]);
    expect(b.initial.reduce((x, y) => x + y, 0)).toBe(1);
  });

  it('a timed step into a state with two immediate steps becomes two transitions at half its rate each', () => {
    const b = buildChain(ring(5, [2], [0]), ringTiming);
    const at = (k: number) => b.states.findIndex((x) => x.at === k);
    const { outStart, outTo, outRate } = b.chain;
    const from1 = Array.from({ length: outStart[at(1) + 1] - outStart[at(1)] }, (_, k) => [b.states[outTo[outStart[at(1)] + k]].at, outRate[outStart[at(1)] + k]]);
    expect(from1.sort()).toEqual([[3, 0.5], [4, 0.5]]);
  });

  it('a cycle of zero-time steps far from the start: the error names the last 50 actions of the path to it', () => {
    type Line = { readonly at: number };
    type LineAction = { readonly type: 'Step' | 'Flip'; readonly kind: 'fault' | 'control' };
    const line = defineModel<Line, LineAction>({
      init: () => [{ at: 0 }],
      actions: (s) => (s.at >= 60 ? [{ type: 'Flip', kind: 'control' }] : [{ type: 'Step', kind: 'fault' }]),
      next: (s) => ({ at: s.at >= 60 ? 121 - s.at : s.at + 1 }),
      properties: [],
    });
    expect(() => buildChain(line, (a) => (a.kind === 'control' ? 'immediate' : { rate: 1 }))).toThrow(
      new InputError(`availability: a cycle of zero-time steps that never lets time pass, through the state reached by ${Array(50).fill('Step').join(' ')}`),
    );
  });

  const unitsTimingOf = (rate: number) => (): Timing => ({ rate });

  it('a rate of exactly 1 per second is a rate, not the marker of an immediate step', () => {
    const r = analyzeAvailability(units(1), unitsTimingOf(1), (s) => s.up[0]);
    expect(r.unavailability).toBeCloseTo(0.5, 12);
    expect(r.meanTimeToFailureSeconds).toBeCloseTo(1, 12);
  });

  it('states with no exact code (a fraction) are refused in one line', () => {
    const fraction = defineModel<{ x: number }, Action>({ init: () => [{ x: 0.5 }], actions: () => [], next: (s) => s, properties: [] });
    expect(() => buildChain(fraction, () => undefined)).toThrow(/^availability: the model's states have no exact code \(give it a schema, or keep its states plain data\)$/);
  });

  it('maxStates is the most states allowed: a graph of exactly that many is built, one more is refused', () => {
    expect(buildChain(units(2), unitsTiming, { maxStates: 4 }).chain.n).toBe(4);
    expect(() => buildChain(units(2), unitsTiming, { maxStates: 3 })).toThrow(/^availability: more than 3 states; give a smaller configuration$/);
  });

  it('a negative, NaN or infinite rate is refused in one line naming the action', () => {
    for (const rate of [-1, Number.NaN, Infinity]) {
      expect(() => buildChain(units(1), unitsTimingOf(rate))).toThrow(new RegExp(`^availability: (Fail|Repair) has rate ${rate}; a rate is a finite number >= 0 per second$`));
    }
  });

  it('an action at rate 0 never happens: left out of the chain, with the states only it leads to', () => {
    const b = buildChain(units(2), (a: UnitAction): Timing => (a.type === 'Fail' && a.unit === 1 ? { rate: 0 } : unitsTiming(a)));
    expect([b.graphStates, b.chain.n]).toEqual([2, 2]);
    expect(b.states.map((s) => s.up)).toEqual([
      [true, true],
      [false, true],
    ]);
  });
});

/**
 * Three units, each lost by its own fault type and brought back by Fix (timed), and a Meteor
 * that is always enabled and changes nothing: small enough for `npm test`, where the bundled
 * RDS scenarios take 10–40 s an analysis.
 */
type Fleet = { readonly up: readonly boolean[] };
type FleetAction = { readonly type: string; readonly kind: 'fault' | 'control'; readonly unit: number };
const LOSSES = ['DiskLoss', 'HostLoss', 'NetLoss'] as const;
function fleetScenario(rates: Readonly<Record<string, Rate>>) {
  const loss = LOSSES.map((type, unit): FleetAction => ({ type, kind: 'fault', unit }));
  const fix = LOSSES.map((_, unit): FleetAction => ({ type: 'Fix', kind: 'control', unit }));
  const meteor: FleetAction = { type: 'Meteor', kind: 'fault', unit: -1 };
  const model = defineModel<Fleet, FleetAction>({
    init: () => [{ up: [true, true, true] }],
    actions: (s) => [...s.up.map((u, i) => (u ? loss[i] : fix[i])), meteor],
    next: (s, a) => (a.unit < 0 ? s : { up: s.up.map((u, i) => (i === a.unit ? a.type === 'Fix' : u)) }),
    properties: [
      { kind: 'always', name: 'two-up', pred: (s: Fleet) => s.up.filter(Boolean).length >= 2 },
      { kind: 'always', name: 'three-slots', pred: (s: Fleet) => s.up.length === 3 },
    ],
  });
  return defineScenario({ name: 'fleet-of-three', description: 'three units, one loss type each, a fault that never happens', model: () => model, modes: ['exhaustive'], availability: { model, rates } });
}
const FLEET_RATES: Readonly<Record<string, Rate>> = { DiskLoss: { perHour: 1 / 1000 }, HostLoss: { perHour: 1 / 3000 }, NetLoss: { perHour: 1 / 500 }, Fix: { meanHours: 6 }, Meteor: { perHour: 0 } };

describe('scenarioAvailability', () => {
  it('a fault that never happens (rate 0) has no share of the downtime: only the three losses are listed, largest first', () => {
    const run = scenarioAvailability(fleetScenario(FLEET_RATES), { property: 'two-up' });
    // What timed each action type, sorted by type (not in the order the chain met them).
    expect(run.rates.map((u) => [u.type, u.from])).toEqual([['DiskLoss', 'given'], ['Fix', 'given'], ['HostLoss', 'given'], ['Meteor', 'given'], ['NetLoss', 'given']]);
    expect(run.scenario).toBe('fleet-of-three');
    const r = run.results[0];
    expect(r.unavailability).toBeGreaterThan(0);
    expect(r.faultShares.map((f) => f.type)).toEqual(['NetLoss', 'DiskLoss', 'HostLoss']);
    expect(r.faultShares.reduce((x, f) => x + f.share, 0)).toBeCloseTo(1, 12);
  });

  it('the simulation: the same rates report, sorted by type, one result per property measured', () => {
    const mc = scenarioMonteCarlo(fleetScenario(FLEET_RATES), { monteCarlo: { seed: 3, maxCycles: 2000 } });
    expect(mc.scenario).toBe('fleet-of-three');
    expect(mc.rates.map((u) => u.type)).toEqual(['DiskLoss', 'Fix', 'HostLoss', 'Meteor', 'NetLoss']);
    expect(mc.results.map((r) => [r.property, r.seed])).toEqual([['two-up', 3], ['three-slots', 3]]);
    expect(mc.results[1].unavailability).toBe(0);
  });

  it('the availability model built from the scenario\'s parameters, a run\'s overriding them; a builder that throws is a one-line error naming the scenario', () => {
    const seen: unknown[] = [];
    const built = defineScenario({
      name: 'fleet-built',
      description: 'the fleet, built from parameters',
      parameters: { units: 2, crews: 1 },
      model: () => units(2),
      modes: ['exhaustive'],
      availability: {
        model: (p: Record<string, unknown>) => {
          seen.push({ ...p });
          if (p.units === 0) throw new Error('no units');
          return defineModel<Units, UnitAction>({ ...units(p.units as number), properties: [{ kind: 'always', name: 'all-up', pred: (s: Units) => s.up.every(Boolean) }] });
        },
        rates: { Fail: { perHour: 0.01 }, Repair: { meanHours: 2 } },
      },
    });
    expect(scenarioAvailability(built).results[0].tangibleStates).toBe(4);
    expect(scenarioAvailability(built, { params: { units: 3 } }).results[0].tangibleStates).toBe(8);
    expect(seen).toEqual([{ units: 2, crews: 1 }, { units: 3, crews: 1 }]);
    expect(() => scenarioAvailability(built, { params: { units: 0 } })).toThrow(new InputError('fleet-built: availability model: no units'));
  });

  it('only always properties are measured; an unknown or missing one is a one-line error listing those there are', () => {
    const sc = fleetScenario(FLEET_RATES);
    expect(scenarioAvailability(sc).results.map((r) => r.property)).toEqual(['two-up', 'three-slots']);
    expect(() => scenarioAvailability(sc, { property: 'nope' })).toThrow(new InputError('fleet-of-three: no always property nope (there are: two-up, three-slots)'));
    expect(() => scenarioMonteCarlo(sc, { property: 'nope' })).toThrow(new InputError('fleet-of-three: no always property nope (there are: two-up, three-slots)'));
    const mixed = defineScenario({
      name: 'fleet-mixed',
      description: 'an eventually property only',
      model: () => units(2),
      modes: ['exhaustive'],
      availability: { model: defineModel<Units, UnitAction>({ ...units(2), properties: [{ kind: 'sometimes', name: 'one-down', pred: (s: Units) => !s.up[0] }] }), rates: { Fail: { perHour: 0.01 }, Repair: { meanHours: 2 } } },
    });
    expect(() => scenarioAvailability(mixed)).toThrow(new InputError('fleet-mixed: its availability model has no always property to measure'));
    expect(() => scenarioAvailability(mixed, { property: 'one-down' })).toThrow(new InputError('fleet-mixed: no always property one-down (there are: none)'));
  });

  it('only faults get a share of the downtime: a timed op that is no repair (an audit) gets none', () => {
    type Audited = { readonly up: readonly boolean[]; readonly audited: boolean };
    type AuditAction = { readonly type: 'Fail' | 'Repair' | 'Audit'; readonly kind: 'fault' | 'control' | 'op'; readonly unit: number };
    const base = units(2);
    const model = defineModel<Audited, AuditAction>({
      init: () => [{ up: [true, true], audited: false }],
      actions: (s) => [...base.actions({ up: s.up }), { type: 'Audit', kind: 'op', unit: -1 }],
      next: (s, a) => (a.type === 'Audit' ? { ...s, audited: !s.audited } : { ...s, ...base.next({ up: s.up }, a as UnitAction) }),
      properties: [{ kind: 'always', name: 'both-up', pred: (s: Audited) => s.up.every(Boolean) }],
    });
    const sc = defineScenario({ name: 'audited', description: 'an op among faults', model: () => model, modes: ['exhaustive'], availability: { model, rates: { Fail: { perHour: 0.01 }, Repair: { meanHours: 2 }, Audit: { perHour: 1 } } } });
    expect(scenarioAvailability(sc).results[0].faultShares.map((f) => f.type)).toEqual(['Fail']);
  });

  it('a scenario with no availability mode is a one-line error for either measure', () => {
    const plain = defineScenario({ name: 'no-availability', description: 'no rates', model: () => units(2), modes: ['exhaustive'] });
    const message = 'no-availability has no availability mode (a scenario gives one with availability: { model, rates })';
    expect(() => scenarioAvailability(plain)).toThrow(new InputError(message));
    expect(() => scenarioMonteCarlo(plain)).toThrow(new InputError(message));
  });

  it('a property that never fails has no downtime to share out: no shares (not shares of 0 / 0)', () => {
    const r = scenarioAvailability(fleetScenario(FLEET_RATES), { property: 'three-slots' }).results;
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ property: 'three-slots', unavailability: 0, faultShares: [] });
  });

  it('a fault with no rate at all is the one-line "no rate" error, not a crash while the shares are gathered', () => {
    const { Meteor: _, ...noMeteor } = FLEET_RATES;
    expect(() => scenarioAvailability(fleetScenario(noMeteor))).toThrow(/^availability: no rate for .*Meteor/);
  });

  it('the default tolerance is 1e-10, for the measure and for every share; a given tolerance reaches both', () => {
    const sc = fleetScenario(FLEET_RATES);
    const byDefault = scenarioAvailability(sc).results[0];
    expect(byDefault.property).toBe('two-up');
    expect(scenarioAvailability(sc, { tolerance: 1e-10 }).results[0]).toEqual(byDefault);
    const tight = scenarioAvailability(sc, { tolerance: 1e-14 }).results[0];
    expect(tight.sweeps).toBeGreaterThan(byDefault.sweeps);
    expect(tight.faultShares).not.toEqual(byDefault.faultShares);
    const loose = scenarioAvailability(sc, { tolerance: 1e-3 }).results[0];
    expect(loose.sweeps).toBeLessThan(byDefault.sweeps);
    // Each share is the removal importance measured at the run's tolerance.
    const m = sc.availability!.model as Parameters<typeof analyzeAvailability>[0];
    const timing = (a: Action): Timing => timingOf(a.type, FLEET_RATES[a.type]);
    const twoUp = (s: unknown) => (s as Fleet).up.filter(Boolean).length >= 2;
    const base = analyzeAvailability(m, timing, twoUp, { tolerance: 1e-3 }).unavailability;
    const cuts = LOSSES.map((type) => Math.max(0, base - analyzeAvailability(m, (a) => (a.type === type ? { rate: 0 } : timing(a)), twoUp, { tolerance: 1e-3 }).unavailability));
    const total = cuts.reduce((x, c) => x + c, 0);
    expect(Object.fromEntries(loose.faultShares.map((f) => [f.type, f.share]))).toEqual(Object.fromEntries(LOSSES.map((type, i) => [type, cuts[i] / total])));
  });
});

describe('rates: timingOf, parseRate, timingFrom', () => {
  it('timingOf: each unit as a rate per second; zero allowed per hour, refused as a mean time; negative and non-numbers refused', () => {
    expect(timingOf('X', { perHour: 0 })).toEqual({ rate: 0 });
    expect(timingOf('X', { perHour: 7200 })).toEqual({ rate: 2 });
    expect(timingOf('X', { meanHours: 0.5 })).toEqual({ rate: 1 / 1800 });
    expect(timingOf('X', { meanSeconds: 4 })).toEqual({ rate: 0.25 });
    expect(() => timingOf('Lag', { meanSeconds: 0 })).toThrow(/^availability: Lag's mean time must be > 0 \(use 'immediate'\)$/);
    expect(() => timingOf('Lag', { meanHours: 0 })).toThrow(/^availability: Lag's mean time must be > 0 \(use 'immediate'\)$/);
    for (const bad of [-1, -Number.MIN_VALUE, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]) {
      expect(() => timingOf('Lag', { perHour: bad })).toThrow(InputError);
      expect(() => timingOf('Lag', { meanSeconds: bad })).toThrow(/^availability: the rate of Lag must be a finite number >= 0, got (-?\d.*|null)$/);
    }
    expect(() => timingOf('Lag', { perHour: '1' } as never)).toThrow(/^availability: the rate of Lag must be a finite number >= 0, got "1"$/);
    expect(() => timingOf('Lag', { perDay: 1 } as never)).toThrow(/^availability: the rate of Lag has an unknown unit perDay \(perHour, meanHours or meanSeconds\)$/);
  });

  it('parseRate: the type before the first =, the value trimmed; an empty type refused', () => {
    expect(parseRate('AzRecover= 4h ')).toEqual(['AzRecover', { meanHours: 4 }]);
    expect(parseRate('web.HostFailure=2e-3')).toEqual(['web.HostFailure', { perHour: 0.002 }]);
    expect(parseRate('X=1.5')).toEqual(['X', { perHour: 1.5 }]);
    expect(parseRate('X=1e2')).toEqual(['X', { perHour: 100 }]);
    expect(parseRate('X=2.25e-10')).toEqual(['X', { perHour: 2.25e-10 }]);
    expect(parseRate('X=0')).toEqual(['X', { perHour: 0 }]);
    expect(() => parseRate('X=a=b')).toThrow(/^--rate X: "a=b" is not a rate per hour/);
    expect(() => parseRate('=4h')).toThrow(/^--rate expects Type=VALUE \(per hour, a mean time like 4h or 90s, or immediate\), got "=4h"$/);
    expect(() => parseRate('X=4d')).toThrow(/^--rate X: "4d" is not a rate per hour, a mean time \(4h, 30m, 90s\) or immediate$/);
    expect(() => parseRate('X=h')).toThrow(/is not a rate per hour/);
    expect(() => parseRate('X=4h2')).toThrow(/is not a rate per hour/);
    expect(() => parseRate('X=.5')).toThrow(/is not a rate per hour/);
  });

  it('timingFrom: given rates (a named instance\'s own entry first, then its plain type), Tick from the clock, control immediate, the defaults; each use recorded once', () => {
    const used = new Map<string, RateUse>();
    const t = timingFrom({ 'web.HostFailure': { perHour: 36 }, HostFailure: { perHour: 3.6 }, Recover: { meanSeconds: 10 } }, 30, used);
    const act = (type: string, kind: Action['kind'] = 'fault'): Action => ({ type, kind });
    expect(t(act('web.HostFailure'))).toEqual({ rate: 0.01 });
    expect(t(act('db.HostFailure'))).toEqual({ rate: 0.001 });
    expect(t(act('HostFailure'))).toEqual({ rate: 0.001 });
    expect(t(act('db.Recover', 'control'))).toEqual({ rate: 0.1 });
    expect(t(act('Tick', 'control'))).toEqual({ rate: 1 / 30 });
    expect(t(act('Launch', 'control'))).toBe('immediate');
    expect(t(act('AzOutage'))).toEqual(timingOf('AzOutage', DEFAULT_RATES.AzOutage.rate));
    expect(t(act('a.b.AzOutage'))).toEqual(timingOf('AzOutage', DEFAULT_RATES.AzOutage.rate));
    expect(t(act('Mystery'))).toBeUndefined();
    expect(t(act('Mystery'))).toBeUndefined();
    expect([...used.values()]).toEqual([
      { type: 'web.HostFailure', from: 'given' },
      { type: 'db.HostFailure', from: 'given' },
      { type: 'HostFailure', from: 'given' },
      { type: 'db.Recover', from: 'given' },
      { type: 'Tick', from: 'tick' },
      { type: 'Launch', from: 'control' },
      { type: 'AzOutage', from: 'default', source: DEFAULT_RATES.AzOutage.source, assumption: true },
      { type: 'a.b.AzOutage', from: 'default', source: DEFAULT_RATES.AzOutage.source, assumption: true },
    ]);
  });

  it('timingFrom: a type\'s timing is computed once (cached, the undefined ones too); Tick with no clock is a one-line error unless given a rate', () => {
    const rates: Record<string, Rate> = {};
    let reads = 0;
    Object.defineProperty(rates, 'Slow', { enumerable: true, get: () => (reads++, { meanHours: 1 }) });
    const t = timingFrom(rates, undefined, new Map());
    expect(t({ type: 'Slow', kind: 'fault' })).toEqual({ rate: 1 / 3600 });
    expect(t({ type: 'Slow', kind: 'fault' })).toEqual({ rate: 1 / 3600 });
    expect(reads).toBe(1);
    // A type with no rate is remembered as such too: its lookups are not repeated.
    const looked: PropertyKey[] = [];
    const watched = new Proxy({}, { getOwnPropertyDescriptor: (target, key) => (looked.push(key), Reflect.getOwnPropertyDescriptor(target, key)) });
    const u = timingFrom(watched, 60, new Map());
    expect(u({ type: 'web.Mystery', kind: 'fault' })).toBeUndefined();
    const once = looked.length;
    expect(once).toBeGreaterThan(0);
    expect(u({ type: 'web.Mystery', kind: 'fault' })).toBeUndefined();
    expect(looked.length).toBe(once);
    expect(() => t({ type: 'Tick', kind: 'control' })).toThrow(/^availability: the model has no clock \(tickSeconds\): give Tick a rate$/);
    expect(timingFrom({ Tick: { meanSeconds: 5 } }, undefined, new Map())({ type: 'Tick', kind: 'control' })).toEqual({ rate: 0.2 });
    // An own key only: a type named like an Object.prototype member is not a rate.
    expect(timingFrom({}, 60, new Map())({ type: 'toString', kind: 'fault' })).toBeUndefined();
    expect(timingFrom({}, 60, new Map())({ type: 'x.constructor', kind: 'fault' })).toBeUndefined();
  });
});

/** units(n) with two more actions a run must ignore: Meteor (rate 0: never happens) and Blink (timed, changes nothing). */
type ExtraAction = UnitAction | { readonly type: 'Meteor' | 'Blink'; readonly kind: 'fault'; readonly unit: -1 };
function unitsWithExtras(n: number) {
  const base = units(n);
  const meteor: ExtraAction = { type: 'Meteor', kind: 'fault', unit: -1 };
  const blink: ExtraAction = { type: 'Blink', kind: 'fault', unit: -1 };
  return defineModel<Units, ExtraAction>({
    init: base.init,
    actions: (s) => [meteor, ...base.actions(s), blink],
    next: (s, a) => (a.type === 'Meteor' ? { up: s.up.map(() => false) } : a.type === 'Blink' ? s : base.next(s, a as UnitAction)),
    properties: [],
  });
}
const extrasTiming = (a: ExtraAction): Timing => (a.type === 'Meteor' ? { rate: 0 } : a.type === 'Blink' ? { rate: 1 / HOUR } : unitsTiming(a as UnitAction));

describe('monteCarloAvailability', () => {
  const bothUp = (s: Units) => s.up.every(Boolean);

  it('an action of rate 0 and a timed step that changes nothing are as if absent: the same seed gives the same figures, plain and biased', () => {
    for (const importance of ['off', 'on'] as const) {
      const opts = { seed: 5, importance, maxCycles: 3000, minCycles: 3000 };
      const plain = monteCarloAvailability(units(2), unitsTiming, bothUp, opts);
      const extra = monteCarloAvailability(unitsWithExtras(2), extrasTiming, bothUp, opts);
      expect(plain.cycles).toBe(3000);
      expect(extra).toEqual(plain);
    }
  });

  it('maxStates: a run that needs every state of a design with exactly that many is not cut short; one fewer stops it, with the count in the note', () => {
    const opts = { seed: 1, maxCycles: 2000 };
    const all = monteCarloAvailability(units(2), unitsTiming, bothUp, { ...opts, maxStates: 4 });
    expect(all.statesVisited).toBe(4);
    expect(all.note).not.toMatch(/distinct states/);
    const cut = monteCarloAvailability(units(2), unitsTiming, bothUp, { ...opts, maxStates: 3 });
    expect(cut).toMatchObject({ converged: false, note: 'the run visited more than 3 distinct states' });
    const big = monteCarloAvailability(units(11), unitsTiming, bothUp, { ...opts, maxStates: 1500 });
    expect(big).toMatchObject({ converged: false, note: 'the run visited more than 1,500 distinct states' });
  });

  it('a timed rate that is negative, NaN or infinite is a one-line error naming the action', () => {
    for (const rate of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const timing = (a: UnitAction): Timing => (a.type === 'Repair' ? { rate } : unitsTiming(a));
      expect(() => monteCarloAvailability(units(1), timing, bothUp, { seed: 1, maxCycles: 10 })).toThrow(new InputError(`availability: Repair has rate ${rate}; a rate is a finite number >= 0 per second`));
    }
  });

  it('an immediate step back to the same state is a cycle of zero-time steps: a one-line error naming where', () => {
    const timing = (a: UnitAction): Timing | 'immediate' => (a.type === 'Repair' ? 'immediate' : unitsTiming(a));
    const stuck = defineModel<Units, UnitAction>({ ...units(1), next: (s, a) => (a.type === 'Repair' ? s : units(1).next(s, a)) });
    expect(() => monteCarloAvailability(stuck, timing, bothUp, { seed: 1, maxCycles: 10 })).toThrow(
      new InputError('availability: a cycle of zero-time steps that never lets time pass, through the state reached by Fail'),
    );
  });

  it('failure biasing: the failures are the fault types enabled in the regeneration state, the same as naming them with isFailure (not an op there, not a fault only seen elsewhere)', () => {
    // Home: up and not deployed. There Crash (a fault) and Deploy (an op) can happen; DiskLoss
    // (a fault) only once deployed, where it is the first action; Restart brings a crash back.
    type Svc = { readonly up: boolean; readonly deployed: boolean; readonly disk: boolean };
    type SvcAction = { readonly type: 'Crash' | 'Deploy' | 'Rollback' | 'DiskLoss' | 'Restart' | 'Rebuild'; readonly kind: 'fault' | 'op' | 'control' };
    const act = (type: SvcAction['type'], kind: SvcAction['kind']): SvcAction => ({ type, kind });
    const svc = defineModel<Svc, SvcAction>({
      init: () => [{ up: true, deployed: false, disk: true }],
      actions: (s) => [
        ...(s.deployed && s.disk ? [act('DiskLoss', 'fault')] : []),
        ...(s.up ? [act('Crash', 'fault')] : [act('Restart', 'control')]),
        ...(!s.disk ? [act('Rebuild', 'control')] : []),
        s.deployed ? act('Rollback', 'op') : act('Deploy', 'op'),
      ],
      next: (s, a) =>
        a.type === 'DiskLoss' ? { ...s, disk: false } : a.type === 'Crash' ? { ...s, up: false } : a.type === 'Restart' ? { ...s, up: true } : a.type === 'Rebuild' ? { ...s, disk: true } : { ...s, deployed: a.type === 'Deploy' },
      properties: [],
    });
    const rate: Record<SvcAction['type'], number> = { Crash: 1 / (50 * HOUR), DiskLoss: 1 / (20 * HOUR), Deploy: 1 / (10 * HOUR), Rollback: 1 / HOUR, Restart: 1 / (0.5 * HOUR), Rebuild: 1 / (2 * HOUR) };
    const timing = (a: SvcAction): Timing => ({ rate: rate[a.type] });
    const serving = (s: Svc) => s.up && s.disk;
    const opts = { seed: 11, importance: 'on' as const, maxCycles: 4000, minCycles: 4000 };
    const byDefault = monteCarloAvailability(svc, timing, serving, opts);
    const named = monteCarloAvailability(svc, timing, serving, { ...opts, isFailure: (a) => a.type === 'Crash' });
    expect(byDefault.importanceSampling).toBe(true);
    expect(named).toEqual(byDefault);
    // Naming another set is another run: the comparison can tell them apart.
    const more = monteCarloAvailability(svc, timing, serving, { ...opts, isFailure: (a) => a.kind === 'fault' });
    expect(more.unavailability).not.toBe(byDefault.unavailability);
  });

  it('failure biasing asked for where the regeneration state has no fault: plain cycles, saying why; with isFailure it biases what it names', () => {
    // At home (closed, not jammed) only an op can happen; Jam only once the door is open.
    type Door = { readonly open: boolean; readonly jammed: boolean };
    type DoorAction = { readonly type: 'Open' | 'Close' | 'Jam' | 'Fix'; readonly kind: 'fault' | 'op' };
    const door = defineModel<Door, DoorAction>({
      init: () => [{ open: false, jammed: false }],
      actions: (s) => (s.jammed ? [{ type: 'Fix', kind: 'op' }] : s.open ? [{ type: 'Close', kind: 'op' }, { type: 'Jam', kind: 'fault' }] : [{ type: 'Open', kind: 'op' }]),
      next: (s, a) => (a.type === 'Jam' ? { open: true, jammed: true } : a.type === 'Fix' ? { open: false, jammed: false } : { open: a.type === 'Open', jammed: false }),
      properties: [],
    });
    const timing = (a: DoorAction): Timing => ({ rate: a.type === 'Jam' ? 1 / (100 * HOUR) : 1 / HOUR });
    const opts = { seed: 2, importance: 'on' as const, maxCycles: 2000, minCycles: 2000 };
    const plain = monteCarloAvailability(door, timing, (s) => !s.jammed, opts);
    expect(plain.importanceSampling).toBe(false);
    expect(plain.note).toMatch(/no failure to bias \(no fault action is enabled in the regeneration state\)/);
    const named = monteCarloAvailability(door, timing, (s) => !s.jammed, { ...opts, isFailure: (a) => a.type === 'Jam' });
    expect(named.importanceSampling).toBe(true);
    expect(named.biasedEpisodes).toBeGreaterThan(0);
  });

  it('an error names the path from the initial state: "the initial state" there, the last 50 actions of a longer one', () => {
    type Line = { readonly at: number };
    type LineAction = { readonly type: 'Step' | 'Spin'; readonly kind: 'fault' | 'control' };
    const line = (stuckAt: number) =>
      defineModel<Line, LineAction>({
        init: () => [{ at: 0 }],
        actions: (s) => (s.at === stuckAt ? [{ type: 'Spin', kind: 'control' }] : [{ type: 'Step', kind: 'fault' }]),
        next: (s, a) => (a.type === 'Spin' ? s : { at: s.at + 1 }),
        properties: [],
      });
    const timing = (a: LineAction): Timing | 'immediate' => (a.type === 'Spin' ? 'immediate' : { rate: 1 / HOUR });
    expect(() => monteCarloAvailability(line(0), timing, () => true, { seed: 1, maxCycles: 10 })).toThrow(
      new InputError('availability: a cycle of zero-time steps that never lets time pass, through the state reached by the initial state'),
    );
    expect(() => monteCarloAvailability(line(60), timing, () => true, { seed: 1, maxCycles: 10 })).toThrow(
      new InputError(`availability: a cycle of zero-time steps that never lets time pass, through the state reached by ${Array(50).fill('Step').join(' ')}`),
    );
  });

  it('balanced failure biasing, node by node: failures share `bias` where something else can happen, all of it where nothing else can; the rest keep their proportions; a node without failures keeps its probabilities', () => {
    // Two units, Fail (a fault) and Repair (control, timed); Tune (an op) sets a flag once, and
    // then Drift (a fault the regeneration state never enables) can happen once. All up, tuned
    // and drifted, only the two Fails can happen: a quiet node.
    type T = { readonly up: readonly boolean[]; readonly tuned: boolean; readonly drift: boolean };
    type TA = { readonly type: 'Fail' | 'Repair' | 'Tune' | 'Drift'; readonly kind: 'fault' | 'control' | 'op'; readonly unit: number };
    const allUp = (s: T) => s.up.every(Boolean);
    const m = defineModel<T, TA>({
      init: () => [{ up: [true, true], tuned: false, drift: false }],
      actions: (s) => [
        ...(allUp(s) && !s.tuned ? [{ type: 'Tune', kind: 'op', unit: -1 } as TA] : []),
        ...(s.tuned && !s.drift ? [{ type: 'Drift', kind: 'fault', unit: -1 } as TA] : []),
        ...s.up.map((u, unit): TA => (u ? { type: 'Fail', kind: 'fault', unit } : { type: 'Repair', kind: 'control', unit })),
      ],
      next: (s, a) => (a.type === 'Tune' ? { ...s, tuned: true } : a.type === 'Drift' ? { ...s, drift: true } : { ...s, up: s.up.map((u, i) => (i === a.unit ? a.type === 'Repair' : u)) }),
      properties: [],
    });
    const rate = (a: TA): number => (a.type === 'Fail' ? (a.unit + 1) / (100 * HOUR) : a.type === 'Repair' ? 1 / HOUR : a.type === 'Drift' ? 1 / (50 * HOUR) : 1 / (5 * HOUR));
    const bias = 0.3;
    const g = new Explored(m, (a: TA): Timing => ({ rate: rate(a) }), () => true, bias, undefined, 100);
    // Every state, breadth-first (the regeneration state first, then the tuned one, whose first
    // jump is Drift), each expanded with the node the explorer gave it.
    const key = (x: T) => JSON.stringify(x);
    const states: T[] = [m.init()[0]];
    const ids = [g.intern(states[0], -1, undefined)];
    for (let k = 0; k < states.length; k++) {
      g.expand(ids[k]);
      for (const a of m.actions(states[k])) {
        const t = m.next(states[k], a);
        if (!states.some((x) => key(x) === key(t))) {
          states.push(t);
          ids.push(g.intern(t, ids[k], a));
        }
      }
    }
    expect(states).toHaveLength(12);
    expect(states[1]).toEqual({ up: [true, true], tuned: true, drift: false });
    // The failures: Fail (enabled at home); not Tune (an op), not Drift (not enabled at home).
    expect(g.classify(ids[0])).toBe(true);
    // Biased last node first: a node's biasing must leave every other node's probabilities alone.
    for (let k = states.length - 1; k >= 0; k--) g.biasNode(ids[k]);
    let quiet = 0;
    for (let k = 0; k < states.length; k++) {
      const id = ids[k];
      const acts = m.actions(states[k]);
      const exit = acts.reduce((x, a) => x + rate(a), 0);
      const failures = acts.filter((a) => a.type === 'Fail').length;
      const other = acts.filter((a) => a.type !== 'Fail').reduce((x, a) => x + rate(a) / exit, 0);
      expect(g.count[id]).toBe(acts.length);
      let sum = 0;
      acts.forEach((a, j) => {
        const e = g.start[id] + j;
        expect(g.to[e]).toBe(ids[states.findIndex((x) => key(x) === key(m.next(states[k], a)))]);
        expect(g.p[e]).toBeCloseTo(rate(a) / exit, 15);
        const want = failures === 0 ? rate(a) / exit : other === 0 ? 1 / failures : a.type === 'Fail' ? bias / failures : ((1 - bias) * (rate(a) / exit)) / other;
        expect(g.q[e]).toBeCloseTo(want, 15);
        sum += g.q[e];
      });
      expect(sum).toBeCloseTo(1, 14);
      expect(g.biased[id]).toBe(1);
      expect(g.quiet[id]).toBe(failures > 0 && other === 0 ? 1 : 0);
      quiet += g.quiet[id];
    }
    expect(quiet).toBe(1);
    // isFailure names the failures instead: Tune alone now; the two Fails share the rest in proportion.
    const named = new Explored(m, (a: TA): Timing => ({ rate: rate(a) }), () => true, bias, (a: TA) => a.type === 'Tune', 100);
    named.expand(named.intern(states[0], -1, undefined));
    expect(named.classify(0)).toBe(true);
    named.biasNode(0);
    const home = m.actions(states[0]);
    const exit0 = home.reduce((x, a) => x + rate(a), 0);
    const other0 = home.filter((a) => a.type !== 'Tune').reduce((x, a) => x + rate(a) / exit0, 0);
    home.forEach((a, j) => expect(named.q[j]).toBeCloseTo(a.type === 'Tune' ? bias : ((1 - bias) * (rate(a) / exit0)) / other0, 15));
  });

  it('the same seed gives the same figures on every platform: the generator\'s stream (xoshiro128** seeded by splitmix32) is pinned through a run', () => {
    const r = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 7, importance: 'off', maxCycles: 1000, minCycles: 1000 });
    expect([r.cycles, r.events, r.hits, r.unavailability]).toEqual(PINNED_RUN);
    // Another seed, another stream.
    const other = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 8, importance: 'off', maxCycles: 1000, minCycles: 1000 });
    expect(other.unavailability).not.toBe(r.unavailability);
  });

  it('normalQuantile: the central formula on [p_low, 1 - p_low], the tails outside (Acklam\'s regions), symmetric', () => {
    expect(normalQuantile(0.02425)).toBe(-1.9729610490848712);
    expect(normalQuantile(1 - 0.02425)).toBe(1.9729610490848712);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
  });
});
// Recorded from the generator as written (Node 20); a change to it changes these.
const PINNED_RUN = [1000, 2682, 1000, 0.47861209519099057];

/** splitmix32 and xoshiro128** written from their published definitions, in BigInt arithmetic (independent of the Math.imul version under test). */
function referenceRng(seed: number): () => number {
  const M = (1n << 32n) - 1n;
  const mul = (a: bigint, b: bigint): bigint => (a * b) & M;
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
  let x = BigInt(seed >>> 0);
  const split = (): bigint => {
    x = (x + 0x9e3779b9n) & M;
    let z = x;
    z = mul(z ^ (z >> 16n), 0x85ebca6bn);
    z = mul(z ^ (z >> 13n), 0xc2b2ae35n);
    return z ^ (z >> 16n);
  };
  let [a, b, c, d] = [split(), split(), split(), split()];
  const u32 = (): bigint => {
    const r = mul(rotl(mul(b, 5n), 7n), 9n);
    const t = (b << 9n) & M;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11n);
    return r;
  };
  return () => Number(((u32() >> 5n) << 26n) + (u32() >> 6n)) / 2 ** 53;
}

describe('the Monte Carlo generator', () => {
  it('is xoshiro128** seeded by splitmix32, 53 bits a draw: the first 2,000 draws of several seeds equal a reference written from the definitions', () => {
    for (const seed of [0, 1, 7, 0x7fffffff, -1, 2 ** 32 - 1]) {
      const rng = new Rng(seed);
      const ref = referenceRng(seed);
      for (let k = 0; k < 2000; k++) expect(rng.next()).toBe(ref());
    }
  });

  it('draws are in [0, 1), spread over the whole range, and use more than 32 bits', () => {
    const rng = new Rng(3);
    let low = 1;
    let high = 0;
    let fine = 0;
    for (let k = 0; k < 20_000; k++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      low = Math.min(low, u);
      high = Math.max(high, u);
      if (u * 2 ** 32 !== Math.floor(u * 2 ** 32)) fine++;
    }
    expect(low).toBeLessThan(0.001);
    expect(high).toBeGreaterThan(0.999);
    expect(fine).toBeGreaterThan(19_000);
  });
});

describe('the chain solvers (ctmc.ts)', () => {
  it('chainOf: self-loops and zero rates dropped, parallel transitions kept (the solvers sum them), rows by source and by target', () => {
    const c = chainOf(3, [0, 0, 0, 1, 2, 0, 1], [0, 1, 1, 2, 0, 2, 1], [5, 1, 2, 3, 4, 0, 7]);
    expect(c.n).toBe(3);
    expect(Array.from(c.outStart)).toEqual([0, 2, 3, 4]);
    expect(Array.from(c.outTo)).toEqual([1, 1, 2, 0]);
    expect(Array.from(c.outRate)).toEqual([1, 2, 3, 4]);
    expect(Array.from(c.incStart)).toEqual([0, 1, 3, 4]);
    expect(Array.from(c.incFrom)).toEqual([2, 0, 0, 1]);
    expect(Array.from(c.incRate)).toEqual([4, 1, 2, 3]);
    expect(Array.from(c.exit)).toEqual([3, 3, 4]);
  });

  it('chainOf: a rate of 0 is allowed; a negative, NaN or infinite rate is a RangeError naming the transition', () => {
    expect(chainOf(2, [0], [1], [0]).exit[0]).toBe(0);
    for (const r of [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => chainOf(2, [1], [0], [r])).toThrow(new RangeError(`chain: transition 1 -> 0 has rate ${r}; a rate is a finite number >= 0`));
    }
  });

  it('meanTimeToFrom: an initial distribution partly in the target counts that part as 0', () => {
    // 0 (good) -> 1 (target) at rate 2; back at rate 1. From 0: 1/2. Half started in the target: 1/4.
    const c = chainOf(2, [0, 1], [1, 0], [2, 1]);
    const target = new Uint8Array([0, 1]);
    expect(meanTimeToFrom(c, target, new Float64Array([1, 0])).value).toBeCloseTo(0.5, 12);
    expect(meanTimeToFrom(c, target, new Float64Array([0.5, 0.5])).value).toBeCloseTo(0.25, 12);
    expect(meanTimeToFrom(c, target, new Float64Array([0, 1]))).toEqual({ value: 0, sweeps: 0, converged: true });
  });

  it('steadyState: a birth-death chain against its closed form; a tolerance of 0 is met once a sweep changes nothing; one sweep allowed is one sweep done', () => {
    // 0 <-> 1 <-> 2, rates spanning five orders of magnitude: pi is proportional to [1, a/b, a c/(b d)].
    const [a, b, c, d] = [1e-3, 50, 2e-2, 3];
    const ch = chainOf(3, [0, 1, 1, 2], [1, 0, 2, 1], [a, b, c, d]);
    const w = [1, a / b, (a * c) / (b * d)];
    const z = w[0] + w[1] + w[2];
    const pi = steadyState(ch, { tolerance: 1e-13 });
    expect(pi.converged).toBe(true);
    w.forEach((x, i) => expect(Math.abs(pi.values[i] - x / z) / (x / z)).toBeLessThan(1e-9));
    const two = chainOf(2, [0, 1], [1, 0], [1, 3]);
    const exact = steadyState(two, { tolerance: 0, maxSweeps: 1000 });
    expect(exact.converged).toBe(true);
    expect(Array.from(exact.values)).toEqual([0.75, 0.25]);
    const once = steadyState(ch, { maxSweeps: 1 });
    expect(once).toMatchObject({ sweeps: 1, converged: false });
    expect(once.values[1]).not.toBe(1 / 3);
  });

  it('meanTimeToFrom: from several initial states, each weighted by its share (a share already in the target counts 0)', () => {
    // 0 and 1 good, 2 the target: 0 -> 2 at 1, 0 -> 1 at 2, 1 -> 2 at 3, 2 -> 0 at 1.
    const ch = chainOf(3, [0, 0, 1, 2], [2, 1, 2, 0], [1, 2, 3, 1]);
    const target = new Uint8Array([0, 0, 1]);
    // m1 = 1/3; m0 = (1 + 2 m1) / 3 = 5/9.
    const m0 = 5 / 9;
    const m1 = 1 / 3;
    expect(meanTimeToFrom(ch, target, new Float64Array([1, 0, 0])).value).toBeCloseTo(m0, 10);
    expect(meanTimeToFrom(ch, target, new Float64Array([0, 1, 0])).value).toBeCloseTo(m1, 10);
    expect(meanTimeToFrom(ch, target, new Float64Array([0.2, 0.6, 0.2])).value).toBeCloseTo(0.2 * m0 + 0.6 * m1, 10);
  });

  it('meanTimeToFrom: only the states reachable from the initial ones count (an unreachable one with no way out is not refused)', () => {
    // 0 -> 2 (target) at 1, 2 -> 0 at 1; 1 is good but unreachable, and has no way out.
    const c = chainOf(3, [0, 2], [2, 0], [1, 1]);
    const r = meanTimeToFrom(c, new Uint8Array([0, 0, 1]), new Float64Array([1, 0, 0]));
    expect(r.value).toBeCloseTo(1, 12);
    expect(r.converged).toBe(true);
  });

  it('meanTimeToFrom: no path to the target from the initial states: Infinity at once, no sweep', () => {
    const c = chainOf(3, [0, 1, 2], [1, 0, 0], [1, 1, 1]);
    expect(meanTimeToFrom(c, new Uint8Array([0, 0, 1]), new Float64Array([1, 0, 0]))).toEqual({ value: Infinity, sweeps: 0, converged: true });
  });
});

describe('the Monte Carlo options and estimator', () => {
  const bothUp = (s: Units) => s.up.every(Boolean);
  const run = (opts: Parameters<typeof monteCarloAvailability>[3]) => () => monteCarloAvailability(units(1), unitsTiming, bothUp, { seed: 1, maxCycles: 50, ...opts });

  it('refuses a precision, confidence or bias outside (0, 1) and a cycle budget that is not a positive integer, in one line; the bounds\' insides run', () => {
    for (const precision of [0, 1, -0.1, 1.5, Number.NaN]) expect(run({ precision })).toThrow(new InputError(`monte carlo: precision must be between 0 and 1 (a share of the estimate), got ${precision}`));
    for (const confidence of [0, 1, -0.5, 2, Number.NaN]) expect(run({ confidence })).toThrow(new InputError(`monte carlo: confidence must be between 0 and 1, got ${confidence}`));
    for (const bias of [0, 1, -0.5, 2, Number.NaN]) expect(run({ bias })).toThrow(new InputError(`monte carlo: bias must be between 0 and 1, got ${bias}`));
    for (const maxCycles of [0, -3, 1.5, 2 ** 53, Number.NaN]) expect(run({ maxCycles })).toThrow(new InputError(`monte carlo: the cycle budget must be a positive integer, got ${maxCycles}`));
    for (const ok of [{ precision: 1e-9 }, { precision: 0.999 }, { confidence: 1e-9 }, { confidence: 0.999999 }, { bias: 1e-6 }, { bias: 0.999 }, { maxCycles: 1 }]) expect(run(ok)).not.toThrow();
  });

  it('a cycle longer than maxCycleEvents stops the run, saying so (the default allows 10 million)', () => {
    // units(2) cycles take at least 2 jumps (a failure and its repair).
    const cut = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 1, importance: 'off', maxCycles: 100, maxCycleEvents: 1 });
    expect(cut).toMatchObject({ converged: false, note: 'a cycle did not come back to the regeneration state within 1 jumps (a fault that is never repaired?)' });
    const biased = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 1, importance: 'on', maxCycles: 100, maxCycleEvents: 1 });
    expect(biased.converged).toBe(false);
    expect(biased.note).toMatch(/^a (biased episode did not come back to a quiet state|cycle did not come back to the regeneration state) within 1 jumps/);
    const whole = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 1, importance: 'off', maxCycles: 100 });
    expect(whole.note).not.toMatch(/did not come back/);
    expect(whole.events).toBeGreaterThanOrEqual(2 * whole.cycles);
  });

  it('a design where nothing ever happens: the figure is exact, 0 or 1, without a cycle', () => {
    const still = defineModel<Units, UnitAction>({ init: () => [{ up: [true] }], actions: () => [], next: (s) => s, properties: [] });
    const up = monteCarloAvailability(still, unitsTiming, (s) => s.up[0], { seed: 1 });
    expect(up).toMatchObject({ unavailability: 0, low: 0, high: 0, converged: true, cycles: 0, note: 'the regeneration state has no way out: nothing ever happens', relativeHalfWidth: 0 });
    const down = monteCarloAvailability(still, unitsTiming, () => false, { seed: 1 });
    expect(down).toMatchObject({ unavailability: 1, converged: true, cycles: 0 });
  });

  it('auto: a pilot of 1,000 plain cycles; downtime common in it: no biasing, and the pilot is the sample (the same figures as plain cycles from the same seed)', () => {
    const opts = { seed: 4, maxCycles: 1000, minCycles: 1000 };
    const auto = monteCarloAvailability(units(2), unitsTiming, bothUp, opts);
    const off = monteCarloAvailability(units(2), unitsTiming, bothUp, { ...opts, importance: 'off' });
    expect(auto.importanceSampling).toBe(false);
    expect(auto.note).toMatch(/downtime in 1,000 of 1,000 plain pilot cycles/);
    expect([auto.cycles, auto.events, auto.hits, auto.unavailability]).toEqual([off.cycles, off.events, off.hits, off.unavailability]);
  });

  it('the stopping rule applies from minCycles on, checked every 1,000 cycles: met at exactly 1,000 with a loose precision', () => {
    const r = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 4, importance: 'off', precision: 0.9, minCycles: 1000, minHits: 1 });
    expect(r).toMatchObject({ converged: true, cycles: 1000 });
    const later = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 4, importance: 'off', precision: 0.9, minCycles: 1001, minHits: 1 });
    expect(later).toMatchObject({ converged: true, cycles: 2000 });
  });

  it('the result\'s derived figures: availability, nines of the estimate and of the interval\'s ends, minutes a year, mean cycle, method', () => {
    // Two independent units (unitsTiming): both up 5/6 * 5/8 of the time; from all up, a cycle
    // lasts 1 / (25/48 * 0.3 per hour) = 6.4 h on average.
    const r = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 9, importance: 'off', maxCycles: 3000, minCycles: 3000, precision: 0.5, confidence: 0.9 });
    expect(r.cycles).toBe(3000);
    expect(r.availability).toBe(1 - r.unavailability);
    expect(Math.abs(r.unavailability - 23 / 48)).toBeLessThan(0.03);
    expect(r.nines).toBe(-Math.log10(r.unavailability));
    expect(r.ninesLow).toBe(-Math.log10(r.high));
    expect(r.ninesHigh).toBe(-Math.log10(r.low));
    expect(r.low).toBeGreaterThan(0);
    expect(r.low).toBeLessThan(r.unavailability);
    expect(r.high - r.unavailability).toBeCloseTo(r.unavailability - r.low, 12);
    expect(r.relativeHalfWidth).toBeCloseTo((r.high - r.unavailability) / r.unavailability, 12);
    expect(r.downtimeMinutesPerYear).toBeCloseTo(r.unavailability * 365.25 * 24 * 60, 6);
    expect(Math.abs(r.meanCycleSeconds - 6.4 * HOUR) / (6.4 * HOUR)).toBeLessThan(0.05);
    expect(r.method).toBe('regenerative (returns to the most visited state), ratio of downtime to length over cycles, delta-method 90 % interval');
    const biased = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 9, importance: 'on', maxCycles: 1000, minCycles: 1000, confidence: 0.99 });
    expect(biased.method).toMatch(/^regenerative \(returns to the most visited state\), delta-method 99 % interval; the downtime of each cycle from one episode under balanced failure biasing \(p = 0\.5\)/);
  });

  it('the cycle budget is kept exactly; a run stopped before any cycle has no estimate; an estimate of 0 is Infinity nines with a low end of 0', () => {
    const budget = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 9, importance: 'off', maxCycles: 1500, precision: 1e-6 });
    expect(budget).toMatchObject({ cycles: 1500, converged: false });
    expect(budget.note).toBe(`the interval is ±${(budget.relativeHalfWidth * 100).toPrecision(2)} % after 1,500 cycles (±0.00010 % asked for)`);
    expect(budget.relativeHalfWidth).toBeGreaterThan(0.01);
    const none = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 1, maxStates: 1 });
    expect(none.cycles).toBe(0);
    expect(none.unavailability).toBeNaN();
    expect(none.meanCycleSeconds).toBeNaN();
    const never = monteCarloAvailability(units(1), unitsTiming, () => true, { seed: 1, importance: 'off', maxCycles: 1000 });
    expect(never).toMatchObject({ unavailability: 0, nines: Infinity, low: 0, converged: false });
    expect(never.note).toMatch(/^no downtime seen after 1,000 cycles/);
    expect(never.meanCycleSeconds).toBeGreaterThan(0);
    // One cycle, with downtime: no interval from one cycle.
    const one = monteCarloAvailability(units(2), unitsTiming, bothUp, { seed: 1, importance: 'off', maxCycles: 1, minCycles: 1 });
    expect(one.note).toMatch(/^too few cycles with downtime after 1 cycles/);
    // One unit: every cycle is down exactly the mean repair time (holding times enter as their means).
    const same = monteCarloAvailability(units(1), unitsTiming, (s) => s.up[0], { seed: 1, importance: 'off', maxCycles: 1000 });
    expect(same).toMatchObject({ unavailability: 1 / 6, relativeHalfWidth: 0, converged: false });
    expect(same.note).toMatch(/^every cycle gave the same downtime and length/);
  });

  it('ratio: the sums\' ratio, and its relative variance by the delta method; none with fewer than 2 cycles or no downtime; 0 when every cycle was the same', () => {
    const ys = [0, 2, 0, 5, 1, 0, 3];
    const ts = [10, 12, 9, 20, 11, 10, 15];
    const s = sums();
    ys.forEach((y, k) => add(s, y, ts[k]));
    expect(s).toMatchObject({ n: 7, hits: 4, spread: true, y0: 0, t0: 10 });
    const n = ys.length;
    const u = ys.reduce((a, b) => a + b) / ts.reduce((a, b) => a + b);
    // Var(Y - U T) / (n E[T]^2), from the residuals' sample variance, over U^2.
    const res = ys.map((y, k) => y - u * ts[k]);
    const mean = res.reduce((a, b) => a + b) / n;
    const varRes = res.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1);
    const tBar = ts.reduce((a, b) => a + b) / n;
    const r = ratio(s);
    expect(r.u).toBe(u);
    expect(r.relVar).toBeCloseTo(varRes / (n * tBar * tBar) / (u * u), 12);
    const one = sums();
    add(one, 3, 10);
    expect(ratio(one)).toEqual({ u: 0.3, relVar: Infinity });
    const dry = sums();
    add(dry, 0, 10);
    add(dry, 0, 12);
    expect(ratio(dry)).toEqual({ u: 0, relVar: Infinity });
    // Identical cycles: no spread, whatever rounding the sums would make up (here 4e-19 of variance).
    const same = sums();
    for (let k = 0; k < 7; k++) add(same, 0.1, 0.7);
    expect(same.spread).toBe(false);
    expect(ratio(same)).toEqual({ u: same.y / same.t, relVar: 0 });
    // Two different cycles are enough for an interval.
    const two = sums();
    add(two, 1, 10);
    add(two, 3, 10);
    expect(ratio(two).relVar).toBeCloseTo(2 / (2 * 100) / 0.04, 12);
    // Only the length differs: a spread all the same.
    const lengths = sums();
    add(lengths, 1, 3);
    add(lengths, 1, 4);
    expect(lengths.spread).toBe(true);
    const downs = sums();
    add(downs, 1, 3);
    add(downs, 2, 3);
    expect(downs.spread).toBe(true);
  });
});
