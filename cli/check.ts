/** `faultline check`: run scenarios, save a trace for every failure, report, set the exit code. */
import { Worker } from 'node:worker_threads';
import { allMet, type CheckOptions, type CheckResult } from '../engine/check.js';
import { InputError, resolveParameters } from '../engine/scenario.js';
import { saveTrace, toTrace } from '../engine/trace.js';
import type { Mode } from '../engine/report.js';
import { bundledScenarios } from '../scenarios/index.js';
import { checkDoc } from './documents.js';
import { resolveTarget } from './load.js';
import { formatCheckText } from './text.js';
import type { PlanItem, WorkerInput, WorkerMessage } from './check-worker.js';
import { ProgressLine } from './progress.js';

/** Exit code after Ctrl-C, as shells report SIGINT. */
export const INTERRUPTED = 130;

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
  const progress = new ProgressLine(!o.json && process.stderr.isTTY === true);
  const interrupted = await runPlan(
    plan.map((p): PlanItem => ({ scenario: p.scenario.name, file, params: p.params, modes })),
    explorerOptions(o),
    (r, f) => {
      progress.stop();
      results.push(r);
      files.set(r, saveFailures(r, o.out, f));
    },
    (p) => progress.update(p),
  );
  progress.stop();
  if (o.json) process.stdout.write(JSON.stringify(results.map((r) => checkDoc(r, files.get(r)!)), null, 2) + '\n');
  else process.stdout.write(formatCheckText(results, files));
  if (interrupted) {
    if (!o.json) process.stderr.write('faultline: interrupted; the report above is partial\n');
    process.exitCode = INTERRUPTED;
  } else if (!allMet(results)) process.exitCode = 1;
}

/**
 * Runs the plan in a worker thread; Ctrl-C (SIGINT) sets a shared flag the explorers poll,
 * so they stop and return partial results. Resolves to whether it was interrupted.
 */
function runPlan(
  plan: readonly PlanItem[],
  options: WorkerInput['options'],
  onResult: (r: CheckResult, file: string | undefined) => void,
  onProgress: (p: Extract<WorkerMessage, { type: 'progress' }>) => void,
): Promise<boolean> {
  const interrupt = new SharedArrayBuffer(4);
  const flag = new Int32Array(interrupt);
  const worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: { plan, options, interrupt } satisfies WorkerInput });
  const onSigint = () => {
    if (Atomics.load(flag, 0) !== 0) process.exit(INTERRUPTED); // a second Ctrl-C: stop now
    Atomics.store(flag, 0, 1);
  };
  process.on('SIGINT', onSigint);
  return new Promise<boolean>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m);
      else if (m.type === 'result') onResult(m.result, m.file);
      else if (m.type === 'error') {
        const e = m.name === 'InputError' || m.name === 'TraceError' || m.name === 'SchemaError' ? new InputError(m.message) : Object.assign(new Error(m.message), { stack: m.stack });
        reject(e);
      } else resolve(Atomics.load(flag, 0) !== 0);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      process.off('SIGINT', onSigint);
      if (code !== 0) reject(new Error(`check worker exited with code ${code}`));
    });
  }).finally(() => {
    process.off('SIGINT', onSigint);
    void worker.terminate();
  });
}

function explorerOptions(o: CheckFlags): WorkerInput['options'] {
  const opts: Pick<CheckOptions, 'random' | 'exhaustive'> = runOptions(o);
  return opts;
}

function runOptions(o: CheckFlags): Pick<CheckOptions, 'random' | 'exhaustive'> {
  const timeLimitMs = o.timeLimit !== undefined ? o.timeLimit * 1000 : undefined;
  return {
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
  };
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
