/**
 * Checking a scenario: build its model, run each requested mode, and set each property's
 * verdict beside its expectation. Returns data and never formats; the CLI and the Vitest
 * helpers render or assert on it.
 */
import type { Action, Model } from '../model/core/model.js';
import { defaultExpectation, meets, type Expectation, type PropertyKind, type Verdict } from '../model/core/property.js';
import { exploreExhaustive, type ExhaustiveOptions } from './bfs.js';
import { checked } from './checked.js';
import { ModelError } from './model-error.js';
import { exploreRandom, type RandomOptions } from './random.js';
import type { Counterexample, Coverage, Mode, Report, Stats, Worst } from './report.js';
import { resolveParameters, type Parameters, type Scenario } from './scenario.js';

export interface PropertyOutcome {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly expected: Expectation;
  readonly verdict: Verdict;
  /** The verdict meets the expectation. */
  readonly met: boolean;
  readonly counterexample?: Counterexample<Action>;
  /** A measured property's worst value (exhaustive mode). */
  readonly worst?: Worst<Action>;
  /** Why the verdict is unknown, when no bound explains it. */
  readonly reason?: string;
}

export interface CheckResult {
  readonly scenario: string;
  readonly parameters: Parameters;
  readonly mode: Mode;
  readonly properties: readonly PropertyOutcome[];
  readonly stats: Stats;
  readonly coverage?: Coverage;
  readonly seed?: number;
  /** One-line notices about how the run differs from what was asked. */
  readonly notices?: readonly string[];
}

export interface CheckOptions {
  /** Modes to run; default: the scenario's declared modes. */
  readonly modes?: readonly Mode[];
  /** `k=v` overrides of the scenario's parameters (strings, as on the command line). */
  readonly params?: Readonly<Record<string, string>>;
  readonly random?: RandomOptions;
  readonly exhaustive?: ExhaustiveOptions;
  /** Wrap the model in the checked mode (deep freeze, determinism checks): for tests. */
  readonly checked?: boolean;
}

/**
 * Whether an exhaustive check of `model` uses prompt control (`Tick` waits while a control
 * action or recovery op is enabled): `asked` (`--prompt-control` / `--no-prompt-control`, or
 * the caller's `promptControl`) when given, else on for a composed model (one
 * clock, AWS's control loops acting before time passes, as recovery paths already assume) and
 * off for a hand-written one. The one place this default is decided: `exploreExhaustive`
 * itself keeps it off unless told.
 */
export function promptControlFor(model: Model<any, any>, asked: boolean | undefined): boolean {
  return asked ?? Array.isArray((model as { components?: unknown }).components);
}

/** Runs `scenario` in each mode; one result per mode, in the order given. */
export function checkScenario(scenario: Scenario<any>, opts: CheckOptions = {}): CheckResult[] {
  const parameters = resolveParameters(scenario, opts.params ?? {});
  let model = scenario.build(parameters);
  const promptControl = promptControlFor(model, opts.exhaustive?.promptControl);
  if (opts.checked) model = checked(model);
  const modes = opts.modes ?? scenario.modes;
  return modes.map((mode) => {
    let report: Report<Action>;
    try {
      report =
        mode === 'random'
          ? exploreRandom(model, { ...scenario.random, ...opts.random })
          : exploreExhaustive(model, { ...scenario.exhaustive, ...opts.exhaustive, promptControl });
    } catch (e) {
      // A model that breaks its contract: one line naming the scenario, never a verdict.
      if (e instanceof ModelError) e.at({ scenario: scenario.name, mode });
      throw e;
    }
    return resultOf(scenario, parameters, mode, report);
  });
}

/** A report with the scenario's expectation set beside each verdict. */
export function resultOf(scenario: Scenario<any>, parameters: Parameters, mode: Mode, report: Report<Action>): CheckResult {
  const properties = report.properties.map((r): PropertyOutcome => {
    const expected = scenario.expect[r.name] ?? defaultExpectation(r.kind);
    return {
      name: r.name,
      kind: r.kind,
      expected,
      verdict: r.verdict,
      met: meets(r.verdict, expected),
      ...(r.counterexample ? { counterexample: r.counterexample } : {}),
      ...(r.worst ? { worst: r.worst } : {}),
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
    };
  });
  return {
    scenario: scenario.name,
    parameters,
    mode,
    properties,
    stats: report.stats,
    coverage: report.coverage,
    seed: report.seed,
    ...(report.notices && report.notices.length > 0 ? { notices: report.notices } : {}),
  };
}

/** Whether every property of every result met its expectation. */
export function allMet(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.properties.every((p) => p.met));
}
