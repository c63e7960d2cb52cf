/**
 * Runs `faultline check`'s plan in a worker thread. Exploration is synchronous, so the main
 * thread stays free to show progress and to turn Ctrl-C into a flag the explorers poll
 * (a SharedArrayBuffer), after which they return what they found so far.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkScenario, promptControlFor, resultOf, type CheckOptions, type CheckResult } from '../engine/check.js';
import { exploreParallel } from '../engine/parallel/explore.js';
import { resolveParameters } from '../engine/scenario.js';
import type { Mode } from '../engine/report.js';
import type { Scenario } from '../engine/scenario.js';
import { bundledScenarios } from '../scenarios/index.js';
import { checkpointRun } from './checkpoint.js';
import { loadFileScenario } from './load.js';
import { bundledRef, fileRef } from './model-source.js';

/** One run of the plan: a scenario in one mode. */
export interface PlanItem {
  /** A bundled scenario's name, or the scenario of `file`. */
  readonly scenario: string;
  readonly file?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly mode: Mode;
  /** Exhaustive: symmetry reduction (the CLI has checked that the model defines canonical). */
  readonly symmetry?: boolean;
  /** Exhaustive: the checkpoint file this run continues (--resume). */
  readonly resume?: string;
}

export interface WorkerInput {
  readonly plan: readonly PlanItem[];
  readonly options: Omit<CheckOptions, 'modes' | 'params'>;
  /** Exhaustive mode on this many worker threads (the model needs a schema). */
  readonly workers?: number;
  readonly interrupt: SharedArrayBuffer;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly scenario: string; readonly mode: Mode; readonly states?: number; readonly runs?: number; readonly transitions?: number; readonly depth?: number; readonly frontier?: number; readonly elapsedMs: number }
  | { readonly type: 'result'; readonly result: CheckResult; readonly file?: string }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly stack?: string }
  | { readonly type: 'done' };

async function run(input: WorkerInput): Promise<void> {
  const flag = new Int32Array(input.interrupt);
  const signal = {
    get aborted() {
      return Atomics.load(flag, 0) !== 0;
    },
  };
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  const loaded = new Map<string, Scenario>();
  const scenarioOf = async (item: PlanItem): Promise<Scenario> => {
    if (!item.file) return bundledScenarios.find((s) => s.name === item.scenario)!;
    const key = `${item.file}\0${item.scenario}`;
    if (!loaded.has(key)) loaded.set(key, await loadFileScenario(item.file, item.scenario, item.params));
    return loaded.get(key)!;
  };
  for (const item of input.plan) {
    if (signal.aborted) break;
    const scenario = await scenarioOf(item);
    const mode = item.mode;
    const symmetric = { ...input.options.exhaustive, ...(item.symmetry ? { symmetry: true } : {}) };
    const exhaustive = mode === 'exhaustive' ? { ...symmetric, ...checkpointRun(scenario, item, symmetric) } : symmetric;
    if (signal.aborted) break;
    if (mode === 'exhaustive' && input.workers !== undefined && input.workers > 1) {
      const parameters = resolveParameters(scenario, item.params);
      const ref = item.file ? fileRef(item.file, parameters, item.scenario) : bundledRef(scenario.name, parameters);
      const report = await exploreParallel(ref, {
        ...scenario.exhaustive,
        ...exhaustive,
        promptControl: promptControlFor(scenario.build(parameters), exhaustive.promptControl),
        workers: input.workers,
        signal,
        onProgress: (p) =>
          post({ type: 'progress', scenario: scenario.name, mode, states: p.distinctStates, transitions: p.transitions, depth: p.depth, frontier: p.frontier, elapsedMs: p.elapsedMs }),
      });
      post({ type: 'result', result: resultOf(scenario, parameters, mode, report), file: item.file });
      continue;
    }
    const [result] = checkScenario(scenario, {
      modes: [mode],
      params: item.params,
      random: {
        ...input.options.random,
        signal,
        onProgress: (p) => post({ type: 'progress', scenario: scenario.name, mode, runs: p.runs, transitions: p.steps, elapsedMs: p.elapsedMs }),
      },
      exhaustive: {
        ...exhaustive,
        signal,
        onProgress: (p) =>
          post({ type: 'progress', scenario: scenario.name, mode, states: p.distinctStates, transitions: p.transitions, depth: p.depth, frontier: p.frontier, elapsedMs: p.elapsedMs }),
      },
    });
    post({ type: 'result', result, file: item.file });
  }
}

if (parentPort) {
  run(workerData as WorkerInput).then(
    () => parentPort!.postMessage({ type: 'done' } satisfies WorkerMessage),
    (e: Error) => parentPort!.postMessage({ type: 'error', name: e?.name ?? 'Error', message: e?.message ?? String(e), stack: e?.stack } satisfies WorkerMessage),
  );
}
