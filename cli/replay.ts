/**
 * `faultline replay FILE`: re-run a saved trace against the current model, by the replay
 * rule (engine/replay-rule.ts): exit 1 while it (or, once it no longer reproduces, another
 * path within its length plus a margin) violates the property, 0 with one line otherwise,
 * 2 for a malformed or hand-edited trace. `loadReplayTarget` is shared with `replayTrace`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError, matchScenarios, resolveParameters, type Scenario } from '../engine/scenario.js';
import { loadTrace, saveTrace, toTrace, traceFileStem, TraceError, type Trace } from '../engine/trace.js';
import { printable } from '../engine/trace-integrity.js';
import { exitCodeOf, recheckDepth, replayVerdict, type ReplayVerdict } from '../engine/replay-rule.js';
import type { Action, Model } from '../model/core/model.js';
import { bundledScenarios } from '../scenarios/index.js';
import { shouldColor } from '../report/colors.js';
import { formatCounterexample } from '../report/text.js';
import { counterexampleToItf } from '../report/itf.js';
import { counterexampleToMermaid } from '../report/mermaid.js';
import { renderTraceHtml } from '../report/html.js';
import { defaultTestFile, emitRegressionTest } from '../report/regression-test.js';
import { loadFileScenario } from './load.js';
import { assertWritable, writeNew, writeOutput } from './outputs.js';

/**
 * The scenario a trace names: among `scenarios` when given, else in the file the trace
 * records (found from the working directory or beside the trace), else among the bundled ones.
 */
export async function findTraceScenario(trace: { scenario: string; file?: string }, traceFile: string, scenarios?: readonly Scenario<any>[]): Promise<Scenario<any>> {
  if (scenarios) {
    const s = scenarios.find((x) => x.name === trace.scenario);
    if (!s) throw new TraceError(`${traceFile}: no scenario named ${trace.scenario} (have: ${scenarios.map((x) => x.name).join(', ') || 'none'})`);
    return s;
  }
  if (trace.file) {
    const candidates = [resolve(trace.file), resolve(dirname(traceFile), trace.file)];
    const found = candidates.find((c) => existsSync(c));
    if (!found) throw new TraceError(`${traceFile}: scenario file ${trace.file} not found`);
    try {
      return await loadFileScenario(found, trace.scenario);
    } catch (e) {
      if (e instanceof InputError) throw new TraceError(e.message);
      throw e;
    }
  }
  const s = matchScenarios(bundledScenarios, trace.scenario).find((x) => x.name === trace.scenario);
  if (!s) throw new TraceError(`${traceFile}: unknown scenario ${JSON.stringify(trace.scenario)}`);
  return s;
}

export interface ReplayTarget {
  readonly trace: Trace;
  readonly scenario: Scenario<any>;
  readonly model: Model<any, Action>;
}

/** Reads a trace (TraceError if malformed or edited) and builds its scenario's model with its parameters. */
export async function loadReplayTarget(file: string, opts: { readonly scenarios?: readonly Scenario<any>[]; readonly trace?: Trace } = {}): Promise<ReplayTarget> {
  const trace = opts.trace ?? loadTrace(file);
  const scenario = await findTraceScenario(trace, file, opts.scenarios);
  const overrides = Object.fromEntries(Object.entries(trace.parameters ?? {}).map(([k, v]) => [k, String(v)]));
  let model: Model<any, Action>;
  try {
    model = scenario.build(resolveParameters(scenario, overrides));
  } catch (e) {
    throw new TraceError(`${file}: ${(e as Error).message}`);
  }
  if (!model.properties.some((p) => p.name === trace.property)) throw new TraceError(`${file}: scenario ${scenario.name} has no property ${trace.property}`);
  return { trace, scenario, model };
}

export interface ReplayFlags {
  format?: 'text' | 'json' | 'itf' | 'mermaid';
  html?: string;
  emitTest?: string | boolean;
}

export async function replayCommand(file: string, o: ReplayFlags = {}): Promise<void> {
  const trace = loadTrace(file); // malformed or edited: exit 2 before anything is written
  if (o.html) assertWritable(o.html, '--html');
  if (o.emitTest) {
    const testFile = typeof o.emitTest === 'string' ? o.emitTest : defaultTestFile(file);
    writeNew(testFile, emitRegressionTest(file, { testFile }), '--emit-test');
    const depth = recheckDepth(trace.steps.length);
    process.stdout.write(`wrote ${printable(testFile)}: it fails while ${trace.property} is still violated (by this trace, or another way within depth ${depth})\n`);
    return;
  }
  const { model } = await loadReplayTarget(file, { trace });
  const verdict = replayVerdict(model, trace);
  // A new counterexample is saved beside the replayed trace, as check saves its failures.
  const shown = verdict.outcome === 'new-counterexample' ? toTrace(verdict.counterexample, { scenario: trace.scenario, file: trace.file, parameters: trace.parameters, property: verdict.property.name, kind: verdict.property.kind, mode: 'exhaustive' }) : trace;
  const saved = verdict.outcome === 'new-counterexample' ? saveOnce(shown, dirname(file)) : undefined;
  const savedLine = saved ? `saved the new counterexample to ${printable(saved)}` : undefined;
  const format = o.format ?? 'text';
  if (format === 'json') {
    const reason = verdict.outcome === 'still-violates' ? {} : { reason: verdict.line };
    process.stdout.write(JSON.stringify({ ...shown, violated: verdict.outcome !== 'no-longer-reproduces', outcome: verdict.outcome, ...reason, ...(saved ? { savedTo: saved } : {}) }, null, 2) + '\n');
  } else if (format === 'text') process.stdout.write(textReport(file, trace, model, verdict, savedLine));
  else if (verdict.outcome === 'no-longer-reproduces') process.stderr.write(verdict.line + '\n');
  else {
    const cx = verdict.counterexample;
    const p = verdict.property;
    if (format === 'itf') process.stdout.write(JSON.stringify(counterexampleToItf(model, cx, { scenario: shown.scenario, parameters: shown.parameters, property: p.name, kind: p.kind, mode: shown.mode, source: saved ?? file }), null, 2) + '\n');
    else process.stdout.write(counterexampleToMermaid(model, p, cx, { title: `${shown.scenario}: ${p.name}` }) + '\n');
    if (verdict.outcome === 'new-counterexample') process.stderr.write(`${verdict.line}; ${savedLine}\n`);
  }
  // A trace that no longer applies is drawn from its labels alone.
  if (o.html) writeOutput(o.html, renderTraceHtml(verdict.outcome === 'no-longer-reproduces' ? undefined : model, shown));
  process.exitCode = exitCodeOf(verdict);
}

/** Saves `trace` in `dir` unless a file there already holds it (replaying again adds no `-2`, `-3`). */
function saveOnce(trace: Trace, dir: string): string {
  const stem = traceFileStem(trace);
  const same = readdirSync(dir)
    .filter((name) => name.startsWith(stem) && name.endsWith('.json'))
    .map((name) => join(dir, name))
    .find((path) => {
      try {
        return loadTrace(path).checksum === trace.checksum;
      } catch {
        return false; // not a trace, or not one faultline can read: not this one
      }
    });
  return same ?? saveTrace(trace, dir);
}

function textReport(file: string, trace: Trace, model: Model<any, Action>, verdict: ReplayVerdict<unknown, Action>, savedLine: string | undefined): string {
  if (verdict.outcome === 'no-longer-reproduces') return verdict.line + '\n';
  const p = verdict.property;
  const reached = p.kind === 'sometimes';
  const steps = formatCounterexample(model, p, verdict.counterexample, { color: shouldColor(process.stdout), indent: '  ' });
  const n = trace.steps.length;
  const head = `replaying ${printable(file)}: ${printable(trace.scenario)}, ${p.name} (${p.kind}), ${n} step${n === 1 ? '' : 's'}\n`;
  if (verdict.outcome === 'still-violates') return `${head}${steps}\n${p.name} is still ${reached ? 'reached' : 'violated'}\n`;
  return `${head}${verdict.line}:\n${steps}\n${savedLine}\n`;
}
