/**
 * `faultline check --checkpoint FILE` and `--resume FILE`: one serial exhaustive run, saved
 * every few minutes and at Ctrl-C, continued later with exactly the counts of a run never
 * stopped (engine/checkpoint.ts). Every other configuration is refused in one line before
 * anything is explored, and a file that is not a faultline checkpoint is never replaced.
 */
import { dirname, resolve } from 'node:path';
import type { CheckResult } from '../engine/check.js';
import { isCheckpointFile, loadCheckpoint } from '../engine/checkpoint.js';
import type { ExhaustiveOptions } from '../engine/bfs.js';
import { InputError, resolveParameters, type Scenario } from '../engine/scenario.js';
import { assertDirectoryUsable, statOrUndefined } from './outputs.js';

export interface CheckpointFlags {
  readonly checkpoint?: string;
  /** Minutes between checkpoints (default 10). */
  readonly checkpointEvery?: number;
  readonly resume?: string;
  readonly all?: boolean;
  readonly mode?: 'random' | 'exhaustive' | 'both';
  readonly workers?: number;
  readonly html?: string;
  readonly junit?: string;
}

export const DEFAULT_CHECKPOINT_MINUTES = 10;

/** What this module reads of a run in the check plan (cli/check-worker.ts's PlanItem). */
interface PlannedRun {
  readonly scenario: string;
  readonly mode: 'random' | 'exhaustive';
  readonly params: Readonly<Record<string, string>>;
  readonly resume?: string;
}

/**
 * The plan of a check with a checkpoint: one scenario (a name that is also the base of
 * variants means that scenario alone), one exhaustive run. Refuses what a checkpoint cannot
 * hold, one line each, and checks its files; before the search. Without one, `plan` as it is.
 */
export function checkpointPlan<P extends PlannedRun>(o: CheckpointFlags, target: string | undefined, plan: P[]): P[] {
  if (o.checkpointEvery !== undefined && o.checkpoint === undefined) throw new InputError('--checkpoint-every needs --checkpoint FILE');
  const flag = o.checkpoint !== undefined ? '--checkpoint' : o.resume !== undefined ? '--resume' : undefined;
  if (flag === undefined) return plan;
  if (o.workers !== undefined && o.workers > 1) throw new InputError(`${flag} needs a serial run: leave out --workers (or give --workers 1)`);
  if (plan.some((item) => item.scenario === target)) plan = plan.filter((item) => item.scenario === target);
  const names = new Set(plan.map((item) => item.scenario));
  if (o.all || names.size > 1) {
    throw new InputError(`${flag}: a checkpoint holds one run; give one scenario, not ${o.all ? '--all' : `a base name (${names.size} variants: ${[...names].join(', ')})`}`);
  }
  if (o.mode === 'random') throw new InputError(`${flag} is for exhaustive runs (random runs are not resumed): use --mode exhaustive`);
  if (plan.length !== 1 || plan[0].mode !== 'exhaustive') throw new InputError(`${flag} is for one exhaustive run: add --mode exhaustive`);
  if (o.resume !== undefined) {
    const st = statOrUndefined(o.resume);
    if (!st) throw new InputError(`--resume ${o.resume}: no such file`);
    if (!st.isFile() || !isCheckpointFile(o.resume)) throw new InputError(`--resume ${o.resume}: not a faultline checkpoint`);
  }
  if (o.checkpoint !== undefined) {
    const file = o.checkpoint;
    for (const [other, path] of [['--html', o.html], ['--junit', o.junit]] as const) {
      if (path !== undefined && resolve(path) === resolve(file)) throw new InputError(`${other} and --checkpoint both name ${file}; give each its own file`);
    }
    const st = statOrUndefined(file);
    if (!st) assertDirectoryUsable(dirname(file), '--checkpoint', file);
    else if (st.isDirectory()) throw new InputError(`--checkpoint ${file}: is a directory; give a file name`);
    // A user's file is never replaced: only a checkpoint faultline wrote (a run resumed into its own file, say).
    else if (!st.isFile() || !isCheckpointFile(file)) throw new InputError(`--checkpoint ${file}: exists and is not a faultline checkpoint; remove it or choose another name`);
    else assertDirectoryUsable(dirname(file), '--checkpoint', file);
  }
  return plan;
}

/** The explorer's checkpoint options from the command line (structured-cloneable, for the check worker). */
export function checkpointOptions(o: CheckpointFlags): Pick<ExhaustiveOptions, 'checkpoint'> {
  if (o.checkpoint === undefined) return {};
  return { checkpoint: { file: o.checkpoint, everyMs: (o.checkpointEvery ?? DEFAULT_CHECKPOINT_MINUTES) * 60_000 } };
}

/** In the check worker: the run's identity and the checkpoint it resumes (loaded there: it can be large). */
export function checkpointRun(scenario: Scenario, item: PlannedRun, exhaustive: ExhaustiveOptions): Pick<ExhaustiveOptions, 'identity' | 'resume'> {
  if (!exhaustive.checkpoint && item.resume === undefined) return {};
  const identity = `${scenario.name} ${JSON.stringify(resolveParameters(scenario, item.params))}`;
  return { identity, ...(item.resume !== undefined ? { resume: loadCheckpoint(item.resume) } : {}) };
}

/** The line saying where a run that stopped early was saved, or undefined when none was (`reported`: the explorer's own results). */
export function checkpointNote(o: CheckpointFlags, reported: readonly CheckResult[]): string | undefined {
  const saved = o.checkpoint !== undefined ? reported.find((r) => r.mode === 'exhaustive' && r.stats.stoppedBy !== undefined) : undefined;
  if (!saved) return undefined;
  return `checkpoint of ${(saved.stats.distinctStates ?? 0).toLocaleString('en-US')} states saved in ${o.checkpoint}; continue with --resume ${o.checkpoint}`;
}

