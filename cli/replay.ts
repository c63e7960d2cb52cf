/** `faultline replay FILE`: re-run a saved trace against the current model. */
import { resolve, dirname } from 'node:path';
import { existsSync } from 'node:fs';
import { InputError, matchScenarios, resolveParameters, type Scenario } from '../engine/scenario.js';
import { loadTrace, replay, TraceError } from '../engine/trace.js';
import { bundledScenarios } from '../scenarios/index.js';
import { loadScenarioFile } from './load.js';

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

export async function replayCommand(file: string): Promise<void> {
  const trace = loadTrace(file);
  const scenario = await findTraceScenario(trace, file);
  const overrides = Object.fromEntries(Object.entries(trace.parameters ?? {}).map(([k, v]) => [k, String(v)]));
  let params;
  try {
    params = resolveParameters(scenario, overrides);
  } catch (e) {
    throw new TraceError(`${file}: ${(e as InputError).message}`);
  }
  const model = scenario.build(params);
  const property = model.properties.find((p) => p.name === trace.property);
  if (!property) throw new TraceError(`${file}: scenario ${scenario.name} has no property ${trace.property}`);
  const result = replay(model, property, trace.steps, { recoveryFrom: trace.recoveryFrom });
  const out: string[] = [`replaying ${trace.scenario} ${trace.property} (${trace.kind}), ${trace.steps.length} steps`];
  for (const st of result.steps) {
    const mark = trace.recoveryFrom !== undefined && st.index - 1 === trace.recoveryFrom ? '  -- recovery path from here --\n' : '';
    out.push(`${mark}  ${st.index}. ${st.label} [${st.action.kind}]${st.holds ? '' : `  ${trace.property} does not hold`}`);
  }
  const kind = trace.kind === 'sometimes' ? 'reached' : 'violated';
  out.push(result.violated ? `${trace.property} is still ${kind}` : `${trace.property} is no longer ${kind}`);
  process.stdout.write(out.join('\n') + '\n');
  process.exitCode = result.violated ? 1 : 0;
}
