/** `faultline check`: run scenarios, save a trace for every failure, report, set the exit code. */
import { allMet, checkScenario, type CheckResult } from '../engine/check.js';
import { InputError, resolveParameters, type Scenario } from '../engine/scenario.js';
import { saveTrace, toTrace } from '../engine/trace.js';
import type { Mode } from '../engine/report.js';
import { bundledScenarios } from '../scenarios/index.js';
import { checkDoc } from './documents.js';
import { resolveTarget } from './load.js';
import { formatCheckText } from './text.js';

export interface CheckFlags {
  all?: boolean;
  mode?: 'random' | 'exhaustive' | 'both';
  seed?: number;
  runs?: number;
  steps?: number;
  depth?: number;
  maxStates?: number;
  timeLimit?: number;
  maxMemory?: number;
  size?: string;
  param?: Record<string, string>;
  symmetry?: boolean;
  faultBias?: boolean;
  json?: boolean;
  out: string;
}

export async function checkCommand(target: string | undefined, o: CheckFlags): Promise<void> {
  if (!target && !o.all) throw new InputError('check needs a scenario name, a scenario file, or --all (see faultline list)');
  if (target && o.all) throw new InputError('give either a scenario or --all, not both');
  const { scenarios, file } = o.all ? { scenarios: bundledScenarios, file: undefined } : await resolveTarget(target!);
  const params: Record<string, string> = { ...(o.param ?? {}) };
  if (o.size !== undefined) params.size = o.size;
  const modes: readonly Mode[] | undefined = o.mode === 'both' ? ['random', 'exhaustive'] : o.mode ? [o.mode] : undefined;

  // With --all, a parameter applies to the scenarios that declare it; a single target must
  // declare every parameter given. Everything is validated before anything is explored.
  const plan = scenarios.map((scenario) => {
    const own = o.all ? Object.fromEntries(Object.entries(params).filter(([k]) => k in scenario.parameters)) : params;
    resolveParameters(scenario, own);
    return { scenario, params: own };
  });

  const results: CheckResult[] = [];
  const files = new Map<CheckResult, Map<string, string>>();
  for (const { scenario, params: own } of plan) {
    for (const r of runOne(scenario, own, modes, o)) {
      results.push(r);
      files.set(r, saveFailures(r, o.out, file));
    }
  }
  if (o.json) process.stdout.write(JSON.stringify(results.map((r) => checkDoc(r, files.get(r)!)), null, 2) + '\n');
  else process.stdout.write(formatCheckText(results, files));
  if (!allMet(results)) process.exitCode = 1;
}

function runOne(scenario: Scenario, params: Record<string, string>, modes: readonly Mode[] | undefined, o: CheckFlags): CheckResult[] {
  const timeLimitMs = o.timeLimit !== undefined ? o.timeLimit * 1000 : undefined;
  return checkScenario(scenario, {
    modes,
    params,
    random: {
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.runs !== undefined ? { runs: o.runs } : {}),
      ...(o.steps !== undefined ? { steps: o.steps } : {}),
      ...(o.faultBias === false ? { faultBias: false } : {}),
      ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
      coverage: true,
    },
    exhaustive: {
      ...(o.depth !== undefined ? { maxDepth: o.depth } : {}),
      ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
      ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
      ...(o.maxMemory !== undefined ? { maxMemoryMb: o.maxMemory } : {}),
      ...(o.symmetry ? { symmetry: true } : {}),
      coverage: true,
    },
  });
}

/** Saves one trace per failing property; returns property name -> file. */
function saveFailures(r: CheckResult, dir: string, file: string | undefined): Map<string, string> {
  const saved = new Map<string, string>();
  for (const p of r.properties) {
    if (!p.counterexample) continue;
    const trace = toTrace(p.counterexample, { scenario: r.scenario, file, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode });
    saved.set(p.name, saveTrace(trace, dir));
  }
  return saved;
}
