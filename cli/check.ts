/** `faultline check`: run scenarios, save a trace for every failure, report, set the exit code. */
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { allMet, resultOf, type CheckOptions, type CheckResult } from '../engine/check.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../engine/random.js';
import { InputError, resolveParameters, type Parameters } from '../engine/scenario.js';
import type { Mode, Report, StopReason } from '../engine/report.js';
import type { Scenario } from '../engine/scenario.js';
import type { Model } from '../model/core/model.js';
import { bundledScenarios } from '../scenarios/index.js';
import { resolveTarget } from './load.js';
import { shouldColor } from '../report/colors.js';
import { formatResults } from '../report/text.js';
import { formatSummary } from '../report/terminal-summary.js';
import { toJsonRuns } from '../report/json.js';
import { renderHtmlReport } from '../report/html.js';
import { renderJunit } from '../report/junit.js';
import { writeOutput } from './outputs.js';
import { checkDestinations, saveExtraFormats, saveFailures } from './check-files.js';
import type { PlanItem, WorkerInput, WorkerMessage } from './check-worker.js';
import { ProgressLine, showProgress } from './progress.js';
import { explainSizes, sizeWarnings, type SizedRun } from './size-report.js';
import { INTERRUPTED, interruptBuffer, interrupted, stopOnInterrupt } from './interrupt.js';
import { checkpointNote, checkpointOptions, checkpointPlan } from './checkpoint.js';

export { INTERRUPTED };

type Progress = Extract<WorkerMessage, { type: 'progress' }>;

export interface CheckFlags {
  all?: boolean;
  mode?: 'random' | 'exhaustive' | 'both';
  seed?: number;
  runs?: number;
  steps?: number;
  depth?: number;
  maxStates?: number;
  expectedStates?: number;
  timeLimit?: number;
  maxMemory?: number;
  size?: string;
  param?: Record<string, string>;
  symmetry?: boolean;
  /** Exhaustive: Tick only when no control action or recovery op is enabled (true), or any time (false); default: engine/check.ts promptControlFor. */
  promptControl?: boolean;
  /** Exhaustive: partial-order reduction (engine/por.ts), opt-in. */
  por?: boolean;
  /** Exhaustive: expand with the object functions, never the model's packed transitions (a cross-check). */
  onObjects?: boolean;
  faultBias?: boolean;
  json?: boolean;
  out: string;
  format?: 'json' | 'itf' | 'mermaid';
  html?: string;
  junit?: string;
  shard?: { index: number; count: number };
  workers?: number;
  progress?: boolean;
  /** Every counterexample, each run's statistics and the coverage (default: unexpected verdicts only). */
  verbose?: boolean;
  /** Print the state-space size table and search nothing. */
  explainSize?: boolean;
  /** Exhaustive: save the run to this file every --checkpoint-every minutes and when it stops early. */
  checkpoint?: string;
  checkpointEvery?: number;
  /** Exhaustive: continue the run saved in this checkpoint file. */
  resume?: string;
}

export async function checkCommand(target: string | undefined, o: CheckFlags): Promise<void> {
  stopOnInterrupt();
  if (!target && !o.all) throw new InputError('check needs a scenario name, a scenario file, or --all (see faultline list)');
  if (target && o.all) throw new InputError('give either a scenario or --all, not both');
  if (!o.explainSize) checkDestinations(o); // --explain-size writes nothing
  const progress = new ProgressLine(showProgress(o));
  progress.note(`loading ${o.all ? 'the bundled scenarios' : target}`);
  const { scenarios, file } = o.all ? { scenarios: bundledScenarios, file: undefined } : await resolveTarget(target!, o.param ?? {});
  const params: Record<string, string> = { ...(o.param ?? {}) };
  if (o.size !== undefined) params.size = o.size;
  let modes: readonly Mode[] | undefined = o.mode === 'both' ? ['random', 'exhaustive'] : o.mode ? [o.mode] : undefined;
  if (o.shard && o.shard.index > 1) {
    // Shards split the random seed space; the exhaustive search runs once, in shard 1.
    if (o.mode === 'exhaustive') throw new InputError('--shard splits random runs; --mode exhaustive runs only without --shard (or in shard 1/n)');
    modes = ['random'];
  }

  // With --all, a parameter applies to the scenarios that declare it; a single target must
  // declare every parameter given. Everything is validated before anything is explored.
  const byName = new Map(scenarios.map((s) => [s.name, s]));
  const models = new Map<string, Model<any, any>>();
  const modelOf = (scenario: Scenario, parameters: Parameters) => {
    const key = `${scenario.name}\0${JSON.stringify(parameters)}`;
    if (!models.has(key)) models.set(key, scenario.build(parameters));
    return models.get(key)!;
  };
  const plan = checkpointPlan(o, target, scenarios.flatMap((scenario: Scenario) => {
    const own = o.all ? Object.fromEntries(Object.entries(params).filter(([k]) => k in scenario.parameters)) : params;
    const parameters = resolveParameters(scenario, own);
    return (modes ?? scenario.modes).map((mode): PlanItem => {
      const symmetry = o.symmetry === true && mode === 'exhaustive' && symmetryApplies(scenario, modelOf(scenario, parameters), !o.all);
      return { scenario: scenario.name, file, params: own, mode, ...(symmetry ? { symmetry } : {}), ...(o.resume !== undefined && mode === 'exhaustive' ? { resume: o.resume } : {}) };
    });
  }));

  const sized = plan.map((item): SizedRun => {
    const scenario = byName.get(item.scenario)!;
    const parameters = resolveParameters(scenario, item.params);
    return { scenario: item.scenario, parameters, mode: item.mode, model: () => modelOf(scenario, parameters) };
  });
  if (o.explainSize) {
    process.stdout.write(explainSizes(sized, o.json === true) + '\n');
    return;
  }
  // Before the first state is expanded, so even --max-states 1 shows it; stderr, never in --json.
  for (const warning of sizeWarnings(sized)) process.stderr.write(`faultline: ${warning}\n`);

  const results: CheckResult[] = [];
  const files = new Map<CheckResult, Map<string, string>>();
  const heapMb = heapLimitMb(o.maxMemory);
  const stoppedBy = await runAll(
    plan,
    explorerOptions(o),
    o.workers,
    heapMb,
    (r, f) => {
      progress.stop();
      results.push(r);
      files.set(r, saveFailures(r, o.out, f));
    },
    (p) => progress.update(p),
    (item, reason, last) => {
      const scenario = byName.get(item.scenario)!;
      const parameters = resolveParameters(scenario, item.params);
      results.push(unfinished(scenario, parameters, item.mode, modelOf(scenario, parameters), reason, last));
    },
  );
  progress.stop();
  // How a run differs from what was asked (a serial fallback...): one line each, never in --json output (it is in the document).
  if (!o.json) for (const r of results) for (const n of r.notices ?? []) process.stderr.write(`faultline: ${r.scenario} (${r.mode}): ${n}\n`);
  const modelFor = (r: CheckResult) => modelOf(byName.get(r.scenario)!, r.parameters);
  const traceFile = (r: CheckResult, p: { name: string }) => files.get(r)?.get(p.name);
  if (o.json) process.stdout.write(JSON.stringify(toJsonRuns(results, { traceFile, modelFor }), null, 2) + '\n');
  else if (o.verbose) process.stdout.write(formatResults(results, { color: shouldColor(process.stdout), modelFor, traceFile }) + '\n');
  else process.stdout.write(formatSummary(results, { color: shouldColor(process.stdout), modelFor, traceFile, traceDir: o.out }) + '\n');
  // The report is out; a destination that became unusable since the check above ends in one line.
  const refused: InputError[] = [];
  const attempt = (write: () => void) => {
    try {
      write();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      refused.push(e);
    }
  };
  if (o.format === 'itf' || o.format === 'mermaid') saveExtraFormats(results, files, modelFor, o.format, attempt);
  if (o.html) attempt(() => writeOutput(o.html!, renderHtmlReport(results, { modelFor, traceFile }), '--html'));
  if (o.junit) attempt(() => writeOutput(o.junit!, renderJunit(results, { traceFile }), '--junit'));
  const saved = checkpointNote(o, results.filter((r) => files.has(r)));
  if (saved) process.stderr.write(`faultline: ${saved}\n`);
  if (stoppedBy === 'interrupted') {
    if (!o.json) process.stderr.write('faultline: interrupted; the report above is partial\n');
    process.exitCode = INTERRUPTED;
  } else {
    if (stoppedBy === 'max-memory' && !o.json) process.stderr.write(`faultline: the search ran out of memory (heap limit ${heapMb} MB); the report above is partial\n`);
    if (!allMet(results)) process.exitCode = 1;
  }
  if (refused.length > 0) throw new InputError(refused[0].message + (refused.length > 1 ? ` (and ${refused.length - 1} more file${refused.length > 2 ? 's' : ''} not written)` : ''));
}

/** --symmetry needs `canonical`: a missing one is an error for a named target, skipped under --all. */
function symmetryApplies(scenario: Scenario, model: Model<any, any>, required: boolean): boolean {
  if (typeof model.canonical === 'function') return true;
  if (required) throw new InputError(`--symmetry: ${scenario.name} has no canonical(s); symmetry reduction needs the model to define one`);
  return false;
}

/**
 * The check worker's V8 heap limit: --max-memory (the process stops near it anyway), or the
 * default heap. A floor leaves room to load the CLI's modules.
 */
function heapLimitMb(maxMemoryMb: number | undefined): number {
  if (maxMemoryMb !== undefined) return Math.max(64, Math.ceil(maxMemoryMb));
  return Math.ceil(getHeapStatistics().heap_size_limit / 2 ** 20);
}

/** A run that has no report of its own (not started, or its worker died): every verdict unknown. */
function unfinished(scenario: Scenario, parameters: Parameters, mode: Mode, model: Model<any, any>, stoppedBy: StopReason, last: Progress | undefined): CheckResult {
  const ms = last?.elapsedMs ?? 0;
  const done = mode === 'exhaustive' ? (last?.states ?? 0) : (last?.transitions ?? 0);
  const report: Report = {
    mode,
    properties: model.properties.map((p) => ({ name: p.name, kind: p.kind, verdict: 'unknown' as const })),
    stats: {
      distinctStates: mode === 'exhaustive' ? done : null,
      transitions: last?.transitions ?? 0,
      maxDepth: last?.depth ?? 0,
      searchMs: ms,
      statesPerSecond: ms > 0 ? (done / ms) * 1000 : 0,
      complete: false,
      stoppedBy,
      ...(mode === 'random' ? { runs: last?.runs ?? 0, steps: last?.transitions ?? 0 } : {}),
    },
  };
  return resultOf(scenario, parameters, mode, report);
}

/**
 * Runs the plan, in order, in a worker thread (a fresh one after a worker's heap runs out:
 * that run is reported as stopped by memory). After Ctrl-C, a run that did not report
 * itself as interrupted is reported as such, so a partial report always shows where it
 * stopped. Resolves to why the plan stopped early, if it did.
 */
async function runAll(
  plan: readonly PlanItem[],
  options: WorkerInput['options'],
  workers: number | undefined,
  heapMb: number,
  onResult: (r: CheckResult, file: string | undefined) => void,
  onProgress: (p: Progress) => void,
  onUnfinished: (item: PlanItem, reason: StopReason, last: Progress | undefined) => void,
): Promise<StopReason | undefined> {
  let next = 0;
  let last: Progress | undefined;
  let lastReason: StopReason | undefined;
  let outOfMemory = false;
  while (next < plan.length && !interrupted()) {
    const ended = await runPlan(
      plan.slice(next),
      options,
      workers,
      heapMb,
      (r, f) => {
        next++;
        last = undefined;
        lastReason = r.stats.stoppedBy;
        onResult(r, f);
      },
      (p) => {
        last = p;
        onProgress(p);
      },
    );
    if (ended === 'done') break;
    onUnfinished(plan[next], 'max-memory', last);
    lastReason = 'max-memory';
    last = undefined;
    outOfMemory = true;
    next++;
  }
  if (!interrupted()) return outOfMemory ? 'max-memory' : undefined;
  if (next < plan.length && lastReason !== 'interrupted') onUnfinished(plan[next], 'interrupted', last);
  return 'interrupted';
}

/**
 * Runs the plan in one worker thread; Ctrl-C raises the shared flag (cli/interrupt.ts) the
 * explorers poll, so they stop and return partial results. Resolves to 'done', or to
 * 'out-of-memory' when the worker's heap ran out (the results it sent before still count).
 */
function runPlan(
  plan: readonly PlanItem[],
  options: WorkerInput['options'],
  workers: number | undefined,
  heapMb: number,
  onResult: (r: CheckResult, file: string | undefined) => void,
  onProgress: (p: Progress) => void,
): Promise<'done' | 'out-of-memory'> {
  const worker = new Worker(new URL('./check-worker.js', import.meta.url), {
    workerData: { plan, options, workers, interrupt: interruptBuffer() } satisfies WorkerInput,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  let outOfMemory = false;
  return new Promise<'done' | 'out-of-memory'>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      try {
        if (m.type === 'progress') onProgress(m);
        else if (m.type === 'result') onResult(m.result, m.file);
        else if (m.type === 'error') {
          const e =
            m.name === 'InputError' || m.name === 'ModelError' || m.name === 'ModelContractError' || m.name === 'TraceError' || m.name === 'SchemaError' || m.message.includes('--workers needs')
              ? new InputError(m.message)
              : Object.assign(new Error(m.message), { stack: m.stack });
          reject(e);
        } else resolve('done');
      } catch (e) {
        reject(e); // saving a trace failed: the run ends with that error, not a crash
      }
    });
    worker.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
      else reject(e);
    });
    // 'exit' comes after every message the worker sent, so no result is lost.
    worker.on('exit', (code) => {
      if (outOfMemory) resolve('out-of-memory');
      else if (code !== 0) reject(new Error(`check worker exited with code ${code}`));
    });
  }).finally(() => void worker.terminate());
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

function runOptions(o: CheckFlags): Pick<CheckOptions, 'random' | 'exhaustive'> {
  if (o.por === true && o.workers !== undefined && o.workers > 1) throw new InputError('--por: not with --workers (the parallel explorer does not reduce); drop one of them');
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
      ...(o.expectedStates !== undefined ? { expectedStates: o.expectedStates } : {}),
      ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
      ...(o.maxMemory !== undefined ? { maxMemoryMb: o.maxMemory } : {}),
      ...(o.promptControl !== undefined ? { promptControl: o.promptControl } : {}),
      ...(o.por === true ? { por: true } : {}),
      ...(o.onObjects === true ? { onObjects: true } : {}),
      ...checkpointOptions(o),
      coverage: true,
    },
  };
}
