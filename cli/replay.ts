/** `faultline replay FILE`: re-run a saved trace against the current model. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { matchScenarios, resolveParameters, type Scenario } from '../engine/scenario.js';
import { loadTrace, replay, TraceError, type Trace } from '../engine/trace.js';
import type { Counterexample } from '../engine/report.js';
import type { Action } from '../model/core/model.js';
import { bundledScenarios } from '../scenarios/index.js';
import { shouldColor } from '../report/colors.js';
import { formatCounterexample } from '../report/text.js';
import { counterexampleToItf } from '../report/itf.js';
import { counterexampleToMermaid } from '../report/mermaid.js';
import { renderTraceHtml } from '../report/html.js';
import { emitRegressionTest } from '../report/regression-test.js';
import { loadScenarioFile } from './load.js';
import { assertWritable, writeNew, writeOutput } from './outputs.js';

export async function findTraceScenario(trace: { scenario: string; file?: string }, traceFile: string): Promise<Scenario> {
  if (trace.file) {
    const candidates = [resolve(trace.file), resolve(dirname(traceFile), trace.file)];
    const found = candidates.find((c) => existsSync(c));
    if (!found) throw new TraceError(`${traceFile}: scenario file ${trace.file} not found`);
    return loadScenarioFile(found);
  }
  const s = matchScenarios(bundledScenarios, trace.scenario).find((x) => x.name === trace.scenario);
  if (!s) throw new TraceError(`${traceFile}: unknown scenario ${JSON.stringify(trace.scenario)}`);
  return s;
}

export interface ReplayFlags {
  format?: 'text' | 'json' | 'itf' | 'mermaid';
  html?: string;
  emitTest?: string | boolean;
}

export async function replayCommand(file: string, o: ReplayFlags = {}): Promise<void> {
  const trace = loadTrace(file);
  if (o.html) assertWritable(o.html, '--html');
  if (o.emitTest) {
    const testFile = typeof o.emitTest === 'string' ? o.emitTest : file.replace(/\.json$/, '') + '.test.ts';
    writeNew(testFile, emitRegressionTest(file, { testFile }), '--emit-test');
    process.stdout.write(`wrote ${testFile}: it fails while ${trace.property} still breaks this way\n`);
    return;
  }
  const scenario = await findTraceScenario(trace, file);
  const overrides = Object.fromEntries(Object.entries(trace.parameters ?? {}).map(([k, v]) => [k, String(v)]));
  let model;
  try {
    model = scenario.build(resolveParameters(scenario, overrides));
  } catch (e) {
    throw new TraceError(`${file}: ${(e as Error).message}`);
  }
  const property = model.properties.find((p) => p.name === trace.property);
  if (!property) throw new TraceError(`${file}: scenario ${scenario.name} has no property ${trace.property}`);
  const result = replay(model, property, trace.steps, { initIndex: trace.initIndex, recoveryFrom: trace.recoveryFrom });
  const cx: Counterexample<Action> = {
    actions: result.steps.map((s) => s.action),
    labels: result.steps.map((s) => s.label),
    length: result.steps.length,
    initIndex: trace.initIndex ?? 0,
    ...(trace.recoveryFrom !== undefined ? { recoveryFrom: trace.recoveryFrom } : {}),
  };
  const verdict = result.violated ? `${trace.property} is still ${trace.kind === 'sometimes' ? 'reached' : 'violated'}` : `${trace.property} is no longer ${trace.kind === 'sometimes' ? 'reached' : 'violated'}`;
  const format = o.format ?? 'text';
  if (format === 'json') process.stdout.write(JSON.stringify({ ...trace, violated: result.violated } satisfies Trace & { violated: boolean }, null, 2) + '\n');
  else if (format === 'itf') process.stdout.write(JSON.stringify(counterexampleToItf(model, cx, { scenario: trace.scenario, parameters: trace.parameters, property: trace.property, kind: trace.kind, mode: trace.mode, source: file }), null, 2) + '\n');
  else if (format === 'mermaid') process.stdout.write(counterexampleToMermaid(model, { name: trace.property, kind: trace.kind }, cx, { title: `${trace.scenario}: ${trace.property}` }) + '\n');
  else {
    process.stdout.write(`replaying ${file}: ${trace.scenario}, ${trace.property} (${trace.kind}), ${trace.steps.length} steps\n`);
    process.stdout.write(formatCounterexample(model, { name: trace.property, kind: trace.kind }, cx, { color: shouldColor(process.stdout), indent: '  ' }) + '\n');
    process.stdout.write(verdict + '\n');
  }
  if (o.html) writeOutput(o.html, renderTraceHtml(model, trace));
  process.exitCode = result.violated ? 1 : 0;
}
