/**
 * `faultline/vitest`: model checking inside users' Vitest suites.
 *
 * ```ts
 * import { check, replayTrace } from 'faultline/vitest'; // registers the matchers
 * test('no message is lost', () => {
 *   expect(check(myScenario)).toHold('NoLostMessage');
 * });
 * test('regression', () => replayTrace('traces/pool-NoLostMessage-exhaustive.json'));
 * ```
 * Importing this module registers the matchers (`toHold`, `toFail`, `toBeReached`,
 * `toMeetExpectations`) with Vitest's `expect`; `setupFaultline()` does the same
 * explicitly (for a `setupFiles` entry) and `faultlineMatchers` is the object to pass to
 * `expect.extend` yourself. Failure messages print the counterexample as numbered steps.
 * The engine never imports this file.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import type { Action, Model } from './model/core/model.js';
import { checkScenario, type CheckOptions, type CheckResult } from './engine/check.js';
import type { Counterexample } from './engine/report.js';
import { defineScenario, isModel, isScenario, type Scenario } from './engine/scenario.js';
import { loadTrace, replay, TraceError, type Trace } from './engine/trace.js';
import { bundledScenarios } from './scenarios/index.js';
import { formatCounterexample } from './report/text.js';

// The model each result of `check` was checked on, so failure messages can show states.
const modelOfResult = new WeakMap<CheckResult, Model<any, any>>();

/**
 * Checks a scenario (or a bare model, wrapped in a scenario named `opts.name ?? 'model'`)
 * in each of its modes, like `faultline check`: one result per mode.
 */
export function check(target: Scenario<any> | Model<any, any>, opts: CheckOptions & { readonly name?: string } = {}): CheckResult[] {
  const scenario = (isScenario(target) ? target : defineScenario({ name: opts.name ?? 'model', description: '', model: target as Model<any, any> })) as Scenario;
  const results = checkScenario(scenario, opts);
  for (const r of results) modelOfResult.set(r, scenario.build(r.parameters));
  return results;
}

type Received = CheckResult | readonly CheckResult[];
interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function resultsOf(received: Received): readonly CheckResult[] {
  const list = Array.isArray(received) ? received : [received];
  if (!list.every((r) => typeof r === 'object' && r !== null && Array.isArray((r as CheckResult).properties))) {
    throw new TypeError('faultline matchers expect a CheckResult or an array of them (the value check() returns)');
  }
  return list as readonly CheckResult[];
}

function outcomesOf(received: Received, property: string) {
  const results = resultsOf(received);
  const found = results.flatMap((result) => result.properties.filter((p) => p.name === property).map((outcome) => ({ result, outcome })));
  if (found.length === 0) {
    const known = [...new Set(results.flatMap((r) => r.properties.map((p) => p.name)))];
    throw new Error(`no property named ${property} in these results (known: ${known.join(', ') || 'none'})`);
  }
  return found;
}

function describe(found: ReturnType<typeof outcomesOf>): string {
  return found
    .map(({ result, outcome }) => {
      const head = `  ${result.scenario} (${result.mode}): ${outcome.name} ${outcome.verdict}`;
      if (!outcome.counterexample) return head;
      return `${head}\n${formatCounterexample(modelOfResult.get(result), outcome, outcome.counterexample, { color: false, indent: '    ' })}`;
    })
    .join('\n');
}

function verdictMatcher(verdict: 'holds' | 'fails' | 'reached', every: boolean) {
  return function (this: { isNot: boolean }, received: Received, property: string): MatcherResult {
    const found = outcomesOf(received, property);
    const pass = every ? found.every((f) => f.outcome.verdict === verdict) : found.some((f) => f.outcome.verdict === verdict);
    const want = { holds: 'hold', fails: 'fail', reached: 'be reached' }[verdict];
    return {
      pass,
      message: () => `expected ${property} ${this.isNot ? 'not ' : ''}to ${want}${every ? ' in every mode' : ' in some mode'}:\n${describe(found)}`,
    };
  };
}

/** The matchers, for `expect.extend(faultlineMatchers)`. */
export const faultlineMatchers = {
  /** Every result's verdict for the property is `holds`. */
  toHold: verdictMatcher('holds', true),
  /** Some result found a counterexample (verdict `fails`). */
  toFail: verdictMatcher('fails', false),
  /** Some result reached the `sometimes` property. */
  toBeReached: verdictMatcher('reached', false),
  /** Every property of every result met the scenario's expectation. */
  toMeetExpectations(this: { isNot: boolean }, received: Received): MatcherResult {
    const results = resultsOf(received);
    const unmet = results.flatMap((result) => result.properties.filter((p) => !p.met).map((outcome) => ({ result, outcome })));
    return {
      pass: unmet.length === 0,
      message: () =>
        unmet.length === 0
          ? 'expected some property to miss its expectation, but all met theirs'
          : `expected every property to meet its expectation:\n${unmet.map((u) => `  ${u.result.scenario} (${u.result.mode}): ${u.outcome.name} expected ${u.outcome.expected}, got ${u.outcome.verdict}`).join('\n')}\n${describe(unmet)}`,
    };
  },
};

interface FaultlineMatchers<R = unknown> {
  toHold(property: string): R;
  toFail(property: string): R;
  toBeReached(property: string): R;
  toMeetExpectations(): R;
}

declare module 'vitest' {
  interface Matchers<T = any> extends FaultlineMatchers<T> {}
}

/** Registers the matchers with Vitest's `expect` (idempotent; importing this module already does). */
export function setupFaultline(): void {
  expect.extend(faultlineMatchers);
}

setupFaultline();

/** Thrown by `replayTrace` while the trace still shows the violation. */
export class TraceStillFailsError extends Error {
  override name = 'AssertionError';
}

export interface ReplayTraceOptions {
  /** Scenarios to look the trace's scenario up in (default: the trace's `file`, then the bundled ones). */
  readonly scenarios?: readonly Scenario<any>[];
  /** Fail when a step is no longer enabled (default: pass, the trace's path no longer exists). */
  readonly strict?: boolean;
}

export interface ReplayTraceOutcome {
  readonly trace: Trace;
  /** Where the trace stopped applying: the step (1-based) not enabled any more. */
  readonly divergedAt?: number;
}

async function scenariosInFile(file: string, traceFile: string, name: string): Promise<Scenario[]> {
  const candidates = isAbsolute(file) ? [file] : [resolve(file), resolve(dirname(traceFile), file)];
  const path = candidates.find((c) => existsSync(c));
  if (!path) throw new TraceError(`the trace's scenario file ${file} does not exist`);
  const { tsImport } = await import('tsx/esm/api');
  const mod = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  const out: Scenario[] = [];
  for (const v of Object.values(mod)) {
    for (const x of Array.isArray(v) ? v : [v]) if (isScenario(x)) out.push(x);
  }
  // A file that exports a bare model (no scenario) stands for the scenario the trace names.
  if (out.length === 0 && isModel(mod.default)) out.push(defineScenario({ name, description: '', model: mod.default }));
  return out;
}

async function scenarioFor(trace: Trace, traceFile: string, opts: ReplayTraceOptions): Promise<Scenario<any>> {
  const pool = opts.scenarios ?? (trace.file ? await scenariosInFile(trace.file, traceFile, trace.scenario) : bundledScenarios);
  const found = pool.find((s) => s.name === trace.scenario);
  if (!found) throw new TraceError(`no scenario named ${trace.scenario} (have: ${pool.map((s) => s.name).join(', ') || 'none'})`);
  return found;
}

/**
 * Replays a saved trace against the current scenario and throws (an assertion error
 * showing the steps) while it still violates its property; resolves once the scenario is
 * fixed. The scenario is looked up in `opts.scenarios`, else in the file the trace
 * records, else among the bundled scenarios; it is built with the trace's parameters.
 */
export async function replayTrace(file: string | URL, opts: ReplayTraceOptions = {}): Promise<ReplayTraceOutcome> {
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  const trace = loadTrace(path);
  const scenario = await scenarioFor(trace, path, opts);
  const model = scenario.build(trace.parameters);
  const property = model.properties.find((p) => p.name === trace.property);
  if (!property) throw new TraceError(`${scenario.name} no longer defines the property ${trace.property}`);
  let violated: boolean;
  try {
    violated = replay(model, property, trace.steps, { initIndex: trace.initIndex, recoveryFrom: trace.recoveryFrom }).violated;
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    const divergedAt = Number(/^step (\d+)/.exec(e.message)?.[1] ?? 0);
    if (opts.strict) throw new TraceStillFailsError(`${trace.scenario}: the trace no longer applies (${e.message})`);
    return { trace, divergedAt };
  }
  if (violated) {
    const cx: Counterexample<Action> = {
      actions: trace.steps.map((s) => s.action),
      labels: trace.steps.map((s) => s.label),
      length: trace.steps.length,
      initIndex: trace.initIndex ?? 0,
      ...(trace.recoveryFrom !== undefined ? { recoveryFrom: trace.recoveryFrom } : {}),
    };
    const steps = formatCounterexample(model, { name: trace.property, kind: trace.kind }, cx, { color: false, indent: '  ' });
    throw new TraceStillFailsError(`${trace.scenario}: the trace ${path} still ${trace.kind === 'sometimes' ? 'reaches' : 'violates'} ${trace.property}\n${steps}`);
  }
  return { trace };
}

export { emitRegressionTest } from './report/regression-test.js';
