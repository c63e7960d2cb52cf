/** `faultline check`: run scenarios, save a trace for every failure, report, set the exit code. */
import { Worker } from 'node:worker_threads';
import { allMet, type CheckOptions, type CheckResult } from '../engine/check.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../engine/random.js';
import { InputError, resolveParameters } from '../engine/scenario.js';
import { saveTrace, toTrace } from '../engine/trace.js';
import type { Mode } from '../engine/report.js';
import type { Scenario } from '../engine/scenario.js';
import type { Model } from '../model/core/model.js';
import { bundledScenarios } from '../scenarios/index.js';
import { resolveTarget } from './load.js';
import { shouldColor } from '../report/colors.js';
import { formatResults } from '../report/text.js';
import { toJsonRuns } from '../report/json.js';
import { renderHtmlReport } from '../report/html.js';
import { renderJunit } from '../report/junit.js';
import { counterexampleToItf } from '../report/itf.js';
import { counterexampleToMermaid } from '../report/mermaid.js';
import { assertWritable, writeOutput } from './outputs.js';
import type { PlanItem, WorkerInput, WorkerMessage } from './check-worker.js';
import { ProgressLine, showProgress } from './progress.js';

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
  format?: 'json' | 'itf' | 'mermaid';
  html?: string;
  junit?: string;
  shard?: { index: number; count: number };
  workers?: number;
}

export async function checkCommand(target: string | undefined, o: CheckFlags): Promise<void> {
  if (!target && !o.all) throw new InputError('check needs a scenario name, a scenario file, or --all (see faultline list)');
  if (target && o.all) throw new InputError('give either a scenario or --all, not both');
  const { scenarios, file } = o.all ? { scenarios: bundledScenarios, file: undefined } : await resolveTarget(target!);
  const params: Record<string, string> = { ...(o.param ?? {}) };
  if (o.size !== undefined) params.size = o.size;
  let modes: readonly Mode[] | undefined = o.mode === 'both' ? ['random', 'exhaustive'] : o.mode ? [o.mode] : undefined;
  if (o.shard && o.shard.index > 1) {
    // Shards split the random seed space; the exhaustive search runs once, in shard 1.
    if (o.mode === 'exhaustive') throw new InputError('--shard splits random runs; --mode exhaustive runs only without --shard (or in shard 1/n)');
    modes = ['random'];
  }
  if (o.html) assertWritable(o.html, '--html');
  if (o.junit) assertWritable(o.junit, '--junit');

  // With --all, a parameter applies to the scenarios that declare it; a single target must
  // declare every parameter given. Everything is validated before anything is explored.
  const plan = scenarios.map((scenario: Scenario) => {
    const own = o.all ? Object.fromEntries(Object.entries(params).filter(([k]) => k in scenario.parameters)) : params;
    resolveParameters(scenario, own);
    return { scenario, params: own };
  });

  const results: CheckResult[] = [];
  const files = new Map<CheckResult, Map<string, string>>();
  const progress = new ProgressLine(showProgress(o));
  const interrupted = await runPlan(
    plan.map((p): PlanItem => ({ scenario: p.scenario.name, file, params: p.params, modes })),
    explorerOptions(o),
    o.workers,
    (r, f) => {
      progress.stop();
      results.push(r);
      files.set(r, saveFailures(r, o.out, f));
    },
    (p) => progress.update(p),
  );
  progress.stop();
  const byName = new Map(plan.map((p) => [p.scenario.name, p.scenario]));
  const models = new Map<CheckResult, Model<any, any>>();
  const modelFor = (r: CheckResult) => {
    if (!models.has(r)) models.set(r, byName.get(r.scenario)!.build(r.parameters));
    return models.get(r);
  };
  const traceFile = (r: CheckResult, p: { name: string }) => files.get(r)?.get(p.name);
  if (o.format === 'itf' || o.format === 'mermaid') saveExtraFormats(results, files, modelFor, o.format);
  if (o.json) process.stdout.write(JSON.stringify(toJsonRuns(results, { traceFile, modelFor }), null, 2) + '\n');
  else process.stdout.write(formatResults(results, { color: shouldColor(process.stdout), modelFor, traceFile }) + '\n');
  if (o.html) writeOutput(o.html, renderHtmlReport(results, { modelFor, traceFile }));
  if (o.junit) writeOutput(o.junit, renderJunit(results, { traceFile }));
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
  workers: number | undefined,
  onResult: (r: CheckResult, file: string | undefined) => void,
  onProgress: (p: Extract<WorkerMessage, { type: 'progress' }>) => void,
): Promise<boolean> {
  const interrupt = new SharedArrayBuffer(4);
  const flag = new Int32Array(interrupt);
  const worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: { plan, options, workers, interrupt } satisfies WorkerInput });
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
        const e =
          m.name === 'InputError' || m.name === 'TraceError' || m.name === 'SchemaError' || m.message.includes('--workers needs')
            ? new InputError(m.message)
            : Object.assign(new Error(m.message), { stack: m.stack });
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
  const opts = runOptions(o);
  if (!o.shard || o.shard.count === 1) return opts;
  // Shard i of n: its own seed (a disjoint part of the seed space) and its share of the runs.
  const { index, count } = o.shard;
  const seed = ((opts.random?.seed ?? DEFAULT_SEED) + Math.imul(index - 1, 0x9e3779b1)) | 0;
  const runs = opts.random?.runs ?? DEFAULT_RUNS;
  const share = Math.floor(runs / count) + (index <= runs % count ? 1 : 0);
  if (share < 1) throw new InputError(`--shard ${index}/${count}: --runs ${runs} leaves this shard no runs`);
  return { ...opts, random: { ...opts.random, seed, runs: share } };
}

/** With --format itf or mermaid, writes that form beside each saved JSON trace. */
function saveExtraFormats(
  results: readonly CheckResult[],
  files: Map<CheckResult, Map<string, string>>,
  modelFor: (r: CheckResult) => Model<any, any> | undefined,
  format: 'itf' | 'mermaid',
): void {
  for (const r of results) {
    for (const p of r.properties) {
      const json = files.get(r)?.get(p.name);
      if (!json || !p.counterexample) continue;
      const model = modelFor(r)!;
      const text =
        format === 'itf'
          ? JSON.stringify(counterexampleToItf(model, p.counterexample, { scenario: r.scenario, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode }), null, 2) + '\n'
          : counterexampleToMermaid(model, p, p.counterexample, { title: `${r.scenario}: ${p.name}` }) + '\n';
      const extra = json.replace(/\.json$/, format === 'itf' ? '.itf.json' : '.mmd');
      writeOutput(extra, text);
    }
  }
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
