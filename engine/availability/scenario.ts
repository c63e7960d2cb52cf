/**
 * A scenario's availability mode (`faultline availability`): its availability model, its
 * rates (the scenario's, then `--rate`), each `always` property measured, and each fault's
 * share of the downtime; or, with `--monte-carlo`, each property estimated by simulation.
 * Formatting lives in report/availability.ts.
 */
import type { Action, Model } from '../../model/core/model.js';
import { InputError, type Parameters, type Scenario } from '../scenario.js';
import { analyzeAvailability, type AvailabilityResult } from './analyze.js';
import { monteCarloAvailability, type MonteCarloOptions, type MonteCarloResult } from './montecarlo.js';
import { timingFrom, type Rate, type RateUse } from './rates.js';

export interface PropertyAvailability extends AvailabilityResult {
  readonly property: string;
  /**
   * Each fault's removal importance: the share of the downtime that goes away when that
   * fault never happens (its rate 0), normalised over the faults that can be removed (a
   * repair cannot: without it the chain is absorbing).
   */
  readonly faultShares: readonly { readonly type: string; readonly share: number }[];
}

export interface ScenarioAvailability {
  readonly scenario: string;
  readonly results: readonly PropertyAvailability[];
  readonly rates: readonly RateUse[];
  readonly tickSeconds: number | undefined;
}

export interface AvailabilityRun {
  readonly property?: string;
  readonly rates?: Readonly<Record<string, Rate>>;
  readonly params?: Parameters;
  readonly tolerance?: number;
}

/** Measures `scenario`'s availability model; one-line InputError when it has none, or on a bad property or rate. */
export function scenarioAvailability(scenario: Scenario<any>, run: AvailabilityRun = {}): ScenarioAvailability {
  const { model, timing, chosen, used, tickSeconds } = availabilitySetup(scenario, run);
  const faultTypes = new Set<string>();
  const traced = <A extends Action>(a: A) => {
    const t = timing(a);
    if (a.kind === 'fault' && t !== 'immediate' && t !== undefined && t.rate > 0) faultTypes.add(a.type);
    return t;
  };
  const results = chosen.map((p) => {
    const pred = (s: unknown) => (p as { pred: (s: unknown) => boolean }).pred(s);
    const r = analyzeAvailability(model, traced, pred, { tolerance: run.tolerance ?? 1e-10 });
    const cuts: { type: string; cut: number }[] = [];
    for (const type of faultTypes) {
      try {
        const without = analyzeAvailability(model, (a) => (a.type === type ? { rate: 0 } : timing(a)), pred, { tolerance: run.tolerance ?? 1e-10 });
        cuts.push({ type, cut: Math.max(0, r.unavailability - without.unavailability) });
      } catch {
        // A repair: without it the chain is absorbing; it has no share of the downtime.
      }
    }
    const total = cuts.reduce((x, c) => x + c.cut, 0);
    const faultShares = total > 0 ? cuts.map((c) => ({ type: c.type, share: c.cut / total })).sort((x, y) => y.share - x.share) : [];
    return { property: p.name, ...r, faultShares };
  });
  return { scenario: scenario.name, results, rates: [...used.values()].sort((x, y) => x.type.localeCompare(y.type)), tickSeconds };
}

export interface ScenarioMonteCarlo {
  readonly scenario: string;
  readonly results: readonly (MonteCarloResult & { readonly property: string })[];
  readonly rates: readonly RateUse[];
  readonly tickSeconds: number | undefined;
}

/**
 * Estimates `scenario`'s availability by simulation (engine/availability/montecarlo.ts): the
 * same model, rates and properties as `scenarioAvailability`, no chain built. Each property
 * runs from the same seed.
 */
export function scenarioMonteCarlo(scenario: Scenario<any>, run: AvailabilityRun & { readonly monteCarlo?: MonteCarloOptions } = {}): ScenarioMonteCarlo {
  const { model, timing, chosen, used, tickSeconds } = availabilitySetup(scenario, run);
  const results = chosen.map((p) => {
    const pred = (s: unknown) => (p as { pred: (s: unknown) => boolean }).pred(s);
    return { property: p.name, ...monteCarloAvailability(model, (a) => timing(a), pred, run.monteCarlo) };
  });
  return { scenario: scenario.name, results, rates: [...used.values()].sort((x, y) => x.type.localeCompare(y.type)), tickSeconds };
}

/** The scenario's availability model, its timing (recording what timed each action in `used`) and the always properties to measure. */
function availabilitySetup(scenario: Scenario<any>, run: AvailabilityRun) {
  const spec = scenario.availability;
  if (spec === undefined) throw new InputError(`${scenario.name} has no availability mode (a scenario gives one with availability: { model, rates })`);
  const params = { ...scenario.parameters, ...(run.params ?? {}) };
  let model: Model<any, Action>;
  try {
    model = typeof spec.model === 'function' ? spec.model(params) : spec.model;
  } catch (e) {
    throw new InputError(`${scenario.name}: availability model: ${e instanceof Error ? e.message : String(e)}`);
  }
  const rates = { ...(spec.rates ?? {}), ...(run.rates ?? {}) };
  const tickSeconds = (model as { tickSeconds?: number }).tickSeconds;
  const always = model.properties.filter((p) => p.kind === 'always');
  const chosen = run.property === undefined ? always : always.filter((p) => p.name === run.property);
  if (chosen.length === 0) {
    const names = always.map((p) => p.name).join(', ') || 'none';
    throw new InputError(run.property === undefined ? `${scenario.name}: its availability model has no always property to measure` : `${scenario.name}: no always property ${run.property} (there are: ${names})`);
  }
  const used = new Map<string, RateUse>();
  const timing = timingFrom(rates, tickSeconds, used);
  return { model, timing, chosen, used, tickSeconds };
}
