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
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Model } from './model/core/model.js';
import { checkScenario, type CheckOptions, type CheckResult } from './engine/check.js';
import { defineScenario, isModel, isScenario, type Scenario } from './engine/scenario.js';
import { loadTrace, parseTrace, type Trace } from './engine/trace.js';
import { printable } from './engine/trace-integrity.js';
import { replayVerdict, type ReplayRuleOptions } from './engine/replay-rule.js';
import { formatCounterexample } from './report/text.js';
import { loadReplayTarget } from './cli/replay.js';

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

/** The matchers' types, added to every Vitest `expect(...)`. */
export interface FaultlineMatchers<R = unknown> {
  toHold(property: string): R;
  toFail(property: string): R;
  toBeReached(property: string): R;
  toMeetExpectations(): R;
}

// Vitest's assertions extend the global `jest.Matchers`. Augmenting it, rather than the
// 'vitest' module, reaches the consumer's copy of Vitest even when TypeScript sees two (a
// package installed from a path links to a checkout with its own node_modules).
declare global {
  namespace jest {
    interface Matchers<R, T = {}> extends FaultlineMatchers<R> {}
  }
}

/** Registers the matchers with Vitest's `expect` (idempotent; importing this module already does). */
export function setupFaultline(): void {
  expect.extend(faultlineMatchers);
}

setupFaultline();

/** Thrown by `replayTrace` while the trace (or a path the re-check finds) shows the violation. */
export class TraceStillFailsError extends Error {
  override name = 'AssertionError';
}

export interface ReplayTraceOptions extends ReplayRuleOptions {
  /** Scenarios to look the trace's scenario up in (default: the trace's `file`, then the bundled ones). */
  readonly scenarios?: readonly Scenario<any>[];
  /**
   * The scenario module the trace was made from (`import * as m from './design.js'`): its
   * default export (a scenario, or a bare model, which takes the trace's scenario name) and
   * the scenarios it exports by name. Emitted regression tests pass this.
   */
  readonly module?: object;
}

/** A trace document as saved (what an emitted regression test embeds); checked as a file is. */
export type TraceDocument = { readonly format: string; readonly steps: readonly unknown[] } & { readonly [field: string]: unknown };

export interface ReplayTraceOutcome {
  readonly trace: Trace;
  /** Why it passed: `no longer reproduces: step 3 X is not enabled; no violation within depth 8`. */
  readonly line: string;
  /** Where the trace stopped applying: the step (1-based) not enabled any more (0: its initial state). */
  readonly divergedAt?: number;
}

/**
 * Replays a saved trace against the current scenario by the replay rule of `faultline
 * replay` (engine/replay-rule.ts): throws an assertion error showing the steps while the
 * trace still violates its property, or, once it no longer reproduces, while a search to its
 * length plus a margin finds another violation; resolves when neither does. The trace is a
 * file (path or URL) or the document itself (as an emitted test embeds it); a malformed or
 * hand-edited one rejects with a one-line TraceError. The scenario is looked up in
 * `opts.scenarios`, else in `opts.module`, else in the file the trace records, else among
 * the bundled scenarios; it is built with the trace's parameters.
 */
export async function replayTrace(file: string | URL | Trace | TraceDocument, opts: ReplayTraceOptions = {}): Promise<ReplayTraceOutcome> {
  const embedded = typeof file === 'object' && 'format' in file;
  const path = embedded ? 'embedded trace' : typeof file === 'string' ? file : fileURLToPath(file as URL);
  const trace = embedded ? parseTrace(JSON.stringify(file), path) : loadTrace(path);
  const scenarios = opts.scenarios ?? (opts.module ? scenariosOfModule(opts.module, trace.scenario) : undefined);
  const { model } = await loadReplayTarget(path, { scenarios, trace });
  const verdict = replayVerdict(model, trace, opts);
  if (verdict.outcome === 'no-longer-reproduces') {
    return { trace, line: verdict.line, ...(verdict.divergedAt !== undefined ? { divergedAt: verdict.divergedAt } : {}) };
  }
  const p = verdict.property;
  const steps = formatCounterexample(model, p, verdict.counterexample, { color: false, indent: '  ' });
  const head =
    verdict.outcome === 'still-violates'
      ? `${trace.scenario}: the ${embedded ? path : `trace ${path}`} still ${p.kind === 'sometimes' ? 'reaches' : 'violates'} ${p.name}`
      : `${trace.scenario}: ${verdict.line} (${embedded ? path : `trace ${path}`})`;
  throw new TraceStillFailsError(`${printable(head)}\n${steps}`);
}

/**
 * The scenarios a module offers: its default export (unwrapped once more where a CommonJS
 * default was wrapped again), a bare model as the scenario `name`, and exported scenarios.
 */
function scenariosOfModule(mod: object, name: string): Scenario<any>[] {
  let main: unknown = (mod as { default?: unknown }).default;
  if (main && typeof main === 'object' && 'default' in main && !isModel(main) && !isScenario(main)) main = (main as { default: unknown }).default;
  const named = Object.values(mod).filter(isScenario);
  const model = isModel(main) ? [defineScenario({ name, description: 'the default export of the scenario module', model: main })] : [];
  return [...new Set([...(isScenario(main) ? [main] : []), ...named, ...model])];
}

export { emitRegressionTest } from './report/regression-test.js';
