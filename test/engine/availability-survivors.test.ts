/**
 * Mutation survivors of engine/availability/ (MUTATION.md, engine-g): what the closed-form
 * tests in availability.test.ts and montecarlo.test.ts left unpinned.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeAvailability } from '../../engine/availability/analyze.js';
import { buildChain, type Timing } from '../../engine/availability/build.js';
import { meanTimeToFrom, steadyState } from '../../engine/availability/ctmc.js';
import { DEFAULT_RATES, timingOf } from '../../engine/availability/rates.js';
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
