/**
 * Scenarios: a model (or a model factory over parameters), the modes it is checked in, and
 * the verdict each property must get. Bundled scenarios and users' scenario files share
 * this shape; `faultline check` runs them.
 */
import type { Rate } from './availability/rate.js';
import type { Action, Model } from '../model/core/model.js';
import { PROPERTY_KINDS, type Expectation } from '../model/core/property.js';
import { optionsProblem } from '../model/core/options.js';
import type { Mode } from './report.js';

export type ParamValue = string | number | boolean;
export type Parameters = Readonly<Record<string, ParamValue>>;

export interface ScenarioSpec<P extends Parameters = Parameters> {
  /** `base` or `base:variant`; `faultline check base` runs every variant. */
  readonly name: string;
  readonly description: string;
  /** A model, or a factory from parameters (with the defaults below) to a model. */
  readonly model: Model<any, any> | ((params: P) => Model<any, any>);
  /** Default parameter values; `--param k=v` may override only these. */
  readonly parameters?: P;
  /** Allowed values per parameter, where the set is closed (a size name, a variant). */
  readonly choices?: { readonly [K in keyof P]?: readonly P[K][] };
  /** Modes checked by default (default: both). */
  readonly modes?: readonly Mode[];
  /** Expected verdicts by property name; unnamed properties default to holds / reached. */
  readonly expect?: Readonly<Record<string, Expectation>>;
  /** Defaults for random mode. */
  readonly random?: { readonly runs?: number; readonly steps?: number; readonly faultBias?: boolean };
  /** Defaults for exhaustive mode. */
  readonly exhaustive?: { readonly maxDepth?: number; readonly maxStates?: number };
  /**
   * The scenario's availability mode (`faultline availability`, engine/availability/): the
   * design with faults that recur and every fault repaired (no fault budget), and rates for
   * its actions beyond the defaults. Its `always` properties are measured.
   */
  readonly availability?: {
    readonly model: Model<any, any> | ((params: P) => Model<any, any>);
    readonly rates?: Readonly<Record<string, Rate>>;
  };
}

export interface Scenario<P extends Parameters = Parameters> extends ScenarioSpec<P> {
  readonly parameters: P;
  readonly modes: readonly Mode[];
  readonly expect: Readonly<Record<string, Expectation>>;
  /** Builds the model for the given parameters (defaults when omitted). */
  build(params?: Parameters): Model<any, Action>;
}

const NAME = /^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$/;
const EXPECTATIONS: readonly Expectation[] = ['holds', 'fails', 'reached', 'unreached'];

/** The one-line error for bad input (exit 2 at the CLI). */
export class InputError extends Error {
  override name = 'InputError';
}

/** Validates and completes a scenario declaration. */
export function defineScenario<P extends Parameters = Parameters>(spec: ScenarioSpec<P>): Scenario<P> {
  // Misspelt keys are errors, not silently ignored; `tsc` checks that these lists are complete.
  const specKeys = Object.keys({
    name: 1, description: 1, model: 1, parameters: 1, choices: 1, modes: 1, expect: 1, random: 1, exhaustive: 1, availability: 1,
  } satisfies Record<keyof ScenarioSpec, 1>);
  const availabilityKeys = Object.keys({ model: 1, rates: 1 } satisfies Record<keyof NonNullable<ScenarioSpec['availability']>, 1>);
  const randomKeys = Object.keys({ runs: 1, steps: 1, faultBias: 1 } satisfies Record<keyof NonNullable<ScenarioSpec['random']>, 1>);
  const exhaustiveKeys = Object.keys({ maxDepth: 1, maxStates: 1 } satisfies Record<keyof NonNullable<ScenarioSpec['exhaustive']>, 1>);
  const owner = typeof spec === 'object' && spec !== null && typeof spec.name === 'string' && NAME.test(spec.name) ? spec.name : 'defineScenario';
  const problem = optionsProblem(owner, spec, specKeys)
    ?? (spec.random === undefined ? undefined : optionsProblem(`${owner}: random`, spec.random, randomKeys))
    ?? (spec.exhaustive === undefined ? undefined : optionsProblem(`${owner}: exhaustive`, spec.exhaustive, exhaustiveKeys))
    ?? (spec.availability === undefined ? undefined : optionsProblem(`${owner}: availability`, spec.availability, availabilityKeys));
  if (problem !== undefined) throw new InputError(problem);
  if (!NAME.test(spec.name)) throw new InputError(`scenario name must be kebab-case, optionally base:variant: ${JSON.stringify(spec.name)}`);
  const modes = spec.modes ?? ['random', 'exhaustive'];
  for (const m of modes) if (m !== 'random' && m !== 'exhaustive') throw new InputError(`${spec.name}: unknown mode ${JSON.stringify(m)}`);
  for (const [prop, e] of Object.entries(spec.expect ?? {})) {
    if (!EXPECTATIONS.includes(e)) throw new InputError(`${spec.name}: expectation for ${prop} must be one of ${EXPECTATIONS.join(', ')}`);
  }
  const defaults = (spec.parameters ?? {}) as P;
  for (const [k, v] of Object.entries(defaults)) {
    // Parameters travel in trace files as JSON: Infinity or NaN would come back as null.
    if (typeof v === 'number' && !Number.isFinite(v)) throw new InputError(`${spec.name}: parameter ${k} must be a finite number (it is saved in traces as JSON)`);
  }
  const factory = spec.model;
  const scenario: Scenario<P> = {
    ...spec,
    parameters: defaults,
    modes,
    expect: spec.expect ?? {},
    build(params?: Parameters) {
      let model: Model<any, Action>;
      try {
        model = typeof factory === 'function' ? factory({ ...defaults, ...(params ?? {}) } as P) : factory;
      } catch (e) {
        // A factory rejecting its parameters is bad input, not a crash.
        throw new InputError(`${spec.name}: ${thrownText(e)}`);
      }
      const problem = modelProblem(model);
      if (problem !== undefined) throw new InputError(`${spec.name}: ${problem}`);
      const names = new Set(model.properties.map((p) => p.name));
      for (const prop of Object.keys(scenario.expect)) {
        if (!names.has(prop)) throw new InputError(`${spec.name}: expects a verdict for ${prop}, which the model does not define`);
      }
      return model;
    },
  };
  return scenario;
}

/** What a factory threw, as text, whatever it threw (a toString or message getter that throws included). */
function thrownText(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'it threw a value that cannot be shown as text';
  }
}

const KINDS: readonly unknown[] = PROPERTY_KINDS;

/**
 * Why `model` cannot be explored (not a Model, or a property that is not one), or undefined.
 * Checked once per build, so that a broken user model is one line, not a crash in an explorer.
 */
function modelProblem(model: unknown): string | undefined {
  try {
    if (!isModel(model)) return 'the model must have init, actions and next functions and a properties array';
    for (const [i, p] of (model.properties as unknown[]).entries()) {
      const prop = p as { kind?: unknown; name?: unknown; pred?: unknown } | null;
      if (typeof prop !== 'object' || prop === null || !KINDS.includes(prop.kind) || typeof prop.name !== 'string' || typeof prop.pred !== 'function') {
        return `properties[${i}] is not a property (use always, sometimes, recovers, eventually, leadsTo, eventuallyAlways or alwaysEventually: a kind, a name and a pred)`;
      }
    }
    return undefined;
  } catch (e) {
    return `the model cannot be read: ${thrownText(e)}`;
  }
}

/** True for a value that `defineScenario` produced or that looks like a scenario declaration. */
export function isScenario(x: unknown): x is Scenario {
  return typeof x === 'object' && x !== null && typeof (x as Scenario).build === 'function' && typeof (x as Scenario).name === 'string';
}

/** True for something with the Model interface's required members. */
export function isModel(x: unknown): x is Model<unknown, Action> {
  const m = x as Model<unknown, Action>;
  return typeof x === 'object' && x !== null && typeof m.init === 'function' && typeof m.actions === 'function' && typeof m.next === 'function' && Array.isArray(m.properties);
}

/**
 * Applies `k=v` overrides to a scenario's defaults: the key must exist, the value is read
 * as the default's type and must be one of the declared choices.
 */
export function resolveParameters(scenario: Scenario<any>, overrides: Readonly<Record<string, string>>): Parameters {
  const out: Record<string, ParamValue> = { ...scenario.parameters };
  for (const [k, raw] of Object.entries(overrides)) {
    // Own keys only: `__proto__`, `constructor` or `toString` are no parameter of any scenario.
    if (!Object.hasOwn(scenario.parameters, k)) {
      const known = Object.keys(scenario.parameters);
      throw new InputError(`${scenario.name}: unknown parameter ${k}${known.length ? ` (known: ${known.join(', ')})` : ' (it takes none)'}`);
    }
    const def = scenario.parameters[k];
    let v: ParamValue;
    if (typeof def === 'number') {
      v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) throw new InputError(`${scenario.name}: parameter ${k} must be a number, got ${JSON.stringify(raw)}`);
    } else if (typeof def === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw new InputError(`${scenario.name}: parameter ${k} must be true or false, got ${JSON.stringify(raw)}`);
      v = raw === 'true';
    } else v = raw;
    const allChoices = scenario.choices as Record<string, readonly ParamValue[] | undefined> | undefined;
    const choices = allChoices && Object.hasOwn(allChoices, k) ? allChoices[k] : undefined;
    if (choices && !choices.includes(v)) throw new InputError(`${scenario.name}: parameter ${k} must be one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The scenario named exactly, plus every `name:variant` when `name` is a base name. */
export function matchScenarios(all: readonly Scenario[], name: string): Scenario[] {
  return all.filter((s) => s.name === name || (!name.includes(':') && s.name.split(':')[0] === name));
}
