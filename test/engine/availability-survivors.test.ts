/**
 * Mutation survivors of engine/availability/ (MUTATION.md, engine-g): what the closed-form
 * tests in availability.test.ts and montecarlo.test.ts left unpinned.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeAvailability } from '../../engine/availability/analyze.js';
import { buildChain, type Timing } from '../../engine/availability/build.js';
import { meanTimeToFrom, steadyState } from '../../engine/availability/ctmc.js';
import { monteCarloAvailability, normalQuantile } from '../../engine/availability/montecarlo.js';
import { DEFAULT_RATES, parseRate, timingFrom, timingOf, type Rate, type RateUse } from '../../engine/availability/rates.js';
import { scenarioAvailability } from '../../engine/availability/scenario.js';
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
