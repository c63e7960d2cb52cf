/**
 * The exhaustive explorer on N worker threads (`--workers N`): level-synchronous BFS over a
 * state space partitioned by a hash of each state's code (`shard.ts` holds a shard, `worker.ts` runs it).
 * Per level, every worker checks and expands its part of the level and routes successors
 * to their owners; after the barrier each owner stores what it received; the new ids are
 * its part of the next level. Counts (distinct states, transitions, depth) are exactly the
 * serial explorer's whenever the search completes.
 *
 * Differences from `exploreExhaustive`, all at level granularity:
 * - properties are checked when a state is expanded (one decode per state, as the serial
 *   loop), so a run that stops because every property is decided stops at the end of the
 *   level holding the last violation: the counterexample is still a shortest one (the
 *   lowest (worker, id) at that level, so runs are reproducible), but the counts differ
 *   from the serial run's, which stops at the violating state itself;
 * - `maxStates`: each worker stores at most its share of the states left under the bound
 *   (more when others run out), so the total ends between maxStates and maxStates + N - 1;
 * - `timeLimitMs`, `maxMemoryMb` and `signal` are polled every 25 ms and stop the workers
 *   within about 1024 states.
 * `recovers` properties are checked in the owning worker (each has its own RecoveryChecker).
 * Measured properties' worst values are taken per level: the largest value, first at the
 * least depth, at the lowest (worker, id) of that level (the serial run may name another
 * state of the same depth and value).
 * A model with liveness properties is explored by the serial explorer (with a notice).
 * `searchMs` includes starting the workers (about 0.1 s from dist/).
 */
import { exploreExhaustive, type ExhaustiveOptions } from '../bfs.js';
import { codecOf } from '../codec.js';
import { livenessIndices } from '../liveness.js';
import { loadModelRef, type ModelRef } from '../model-ref.js';
import { InputError } from '../scenario.js';
import type { PropertyResult, Report, StopReason } from '../report.js';
import { NEEDS_CODEC, type Batch, type WorkerSetup } from './protocol.js';
import { spawnWorker, WorkerPool } from './pool.js';
import { mergeCoverage, pathOf, resultFor, sum, worstFor, workersWhere, type Reply } from './results.js';
import { measuredIndices } from '../worst.js';

export { NEEDS_CODEC };

/** The notice of a run with liveness properties that was asked for worker threads. */
export const LIVENESS_WORKERS_NOTICE = 'liveness properties need the whole graph in one store: this run used the serial explorer, not --workers';

export interface ParallelOptions extends ExhaustiveOptions {
  /** Worker threads (1 or more); each owns a shard of the states. */
  readonly workers: number;
}

/** Explores the model `ref` names on `opts.workers` threads; the model needs an exact codec. */
export async function exploreParallel(ref: ModelRef, opts: ParallelOptions): Promise<Report> {
  const n = opts.workers;
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`workers must be an integer in 1..64, got ${n}`);
  // A checkpoint is one store in BFS order: the serial explorer's.
  if (opts.checkpoint || opts.resume) throw new InputError(`${opts.resume ? '--resume' : '--checkpoint'} needs a serial run: leave out --workers (or give --workers 1)`);
  const model = await loadModelRef(ref);
  if (livenessIndices(model.properties).length > 0) {
    // The liveness pass needs the whole graph in one store: the serial explorer runs it.
    const { workers: _workers, ...serial } = opts;
    const report = exploreExhaustive(model, serial);
    return { ...report, notices: [...(report.notices ?? []), LIVENESS_WORKERS_NOTICE] };
  }
  if (!codecOf(model)) throw new Error(NEEDS_CODEC);
  const symmetry = opts.symmetry ?? false;
  if (symmetry && !model.canonical) throw new Error('symmetry reduction needs the model to define canonical(s)');
  const start = performance.now();
  const props = model.properties;
  const full = (opts.full ?? false) || props.length === 0;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const progress = new Float64Array(new SharedArrayBuffer(16 * n));
  const setup = (index: number): WorkerSetup => ({
    faultlineParallel: true,
    ref,
    index,
    workers: n,
    symmetry,
    coverage: opts.coverage ?? false,
    full,
    promptControl: opts.promptControl ?? false,
    stop: stop.buffer as SharedArrayBuffer,
    progress: progress.buffer as SharedArrayBuffer,
  });
  const pool = new WorkerPool();

  const maxDepth = opts.maxDepth ?? Infinity;
  const maxStates = opts.maxStates ?? Infinity;
  const deadline = opts.timeLimitMs !== undefined ? start + opts.timeLimitMs : Infinity;
  const maxRss = opts.maxMemoryMb !== undefined ? opts.maxMemoryMb * 1024 * 1024 : Infinity;
  let halted: StopReason | undefined;
  let counts = new Array<number>(n).fill(0);
  let levelTotal = 0;
  let depth = 0;
  let lastProgress = start;
  /** Stops the workers at their next poll when a limit is passed; reports progress. */
  const poll = (): void => {
    const now = performance.now();
    const why: StopReason | undefined = opts.signal?.aborted
      ? 'interrupted'
      : now > deadline
        ? 'time-limit'
        : maxRss !== Infinity && process.memoryUsage.rss() > maxRss
          ? 'max-memory'
          : undefined;
    if (why && !halted) {
      halted = why;
      Atomics.store(stop, 0, 1);
    }
    if (opts.onProgress && now - lastProgress > 50) {
      lastProgress = now;
      let transitions = 0;
      let expanded = 0;
      for (let w = 0; w < n; w++) {
        transitions += progress[2 * w];
        expanded += progress[2 * w + 1];
      }
      opts.onProgress({ distinctStates: sum(counts), transitions, depth, frontier: Math.max(0, levelTotal - expanded), elapsedMs: now - start });
    }
  };
  const timer = setInterval(poll, 25);

  try {
    for (let i = 0; i < n; i++) pool.add(spawnWorker(setup(i)));
    await pool.all(() => undefined);
    const decided = props.map(() => false);
    const found: { worker: number; id: number }[] = [];
    let undecided = props.length;
    const measured = measuredIndices(props);
    const worst = props.map(() => ({ value: -Infinity, worker: -1, id: -1 }));
    /** Takes, per measured property, a value larger than every earlier level's: the lowest (worker, id) holding it. */
    const weigh = (replies: readonly Reply<'expanded'>[]): void => {
      for (const p of measured) {
        for (let w = 0; w < replies.length; w++) {
          const m = replies[w].worst;
          if (m && m.id[p] >= 0 && m.value[p] > worst[p].value) worst[p] = { value: m.value[p], worker: w, id: m.id[p] };
        }
      }
    };
    /** Takes, per newly decided property, the lowest (worker, id) finding of this level (and the level's worst values). */
    const decide = (replies: readonly Reply<'expanded'>[]): void => {
      weigh(replies);
      for (let p = 0; p < props.length; p++) {
        if (decided[p]) continue;
        const w = replies.findIndex((r) => r.findings[p] >= 0);
        if (w < 0) continue;
        found[p] = { worker: w, id: replies[w].findings[p] };
        decided[p] = true;
        undecided--;
      }
    };
    const expand = async (checkOnly: boolean) =>
      (await pool.all(() => ({ type: 'expand', decided, checkOnly }))) as Reply<'expanded'>[];

    let levels = (await pool.all(() => ({ type: 'init' }))) as Reply<'level'>[];
    counts = levels.map((l) => l.count);
    levelTotal = sum(levels.map((l) => l.levelSize));
    let transitions = 0;
    let stoppedBy: StopReason | undefined;
    let frontier = 0;
    while (levelTotal > 0 && (undecided > 0 || full)) {
      poll();
      if (halted) {
        stoppedBy = halted;
        frontier = levelTotal;
        break;
      }
      const checkOnly = depth >= maxDepth;
      const expanded = await expand(checkOnly);
      for (const r of expanded) transitions += r.transitions;
      decide(expanded);
      if (expanded.some((r) => r.aborted)) {
        stoppedBy = halted ?? 'interrupted';
        frontier = levelTotal;
        break;
      }
      if (checkOnly) {
        if (undecided > 0 || full) {
          stoppedBy = 'depth';
          frontier = levelTotal;
        }
        break;
      }
      if (undecided === 0 && !full) break;
      // Each worker stores at most its share of the states left under maxStates; a worker
      // that stops at its share gets more while others ran out of states to store.
      let share = maxStates === Infinity ? Infinity : Math.ceil(Math.max(0, maxStates - sum(counts)) / n);
      levels = (await pool.all((d) => {
        const incoming: (Batch | null)[] = expanded.map((r) => r.out[d]);
        const transfer = incoming.flatMap((b) => (b ? b.chunks.map((c) => c.buffer as ArrayBuffer) : []));
        return [{ type: 'insert', incoming, cap: counts[d] + share }, transfer];
      })) as Reply<'level'>[];
      counts = levels.map((l) => l.count);
      for (let capped = workersWhere(levels, (l) => l.capped); capped.length > 0 && sum(counts) < maxStates; ) {
        share = Math.ceil((maxStates - sum(counts)) / capped.length);
        const more = (await pool.some(capped, (d) => ({ type: 'insert', incoming: null, cap: counts[d] + share }))) as Reply<'level'>[];
        capped.forEach((d, k) => (levels[d] = more[k]));
        counts = levels.map((l) => l.count);
        capped = workersWhere(levels, (l) => l.capped);
      }
      levelTotal = sum(levels.map((l) => l.levelSize));
      if (levelTotal > 0) depth++;
      if (levels.some((l) => l.aborted)) {
        stoppedBy = halted ?? 'interrupted';
        frontier = levelTotal;
        break;
      }
      if (sum(counts) >= maxStates) {
        // The serial explorer checks states as it stores them: check the partial level too.
        if ((undecided > 0 || measured.length > 0) && levelTotal > 0) decide(await expand(true));
        stoppedBy = 'max-states';
        frontier = levelTotal;
        break;
      }
    }
    const searchMs = performance.now() - start;
    clearInterval(timer);
    const complete = stoppedBy === undefined;
    const results: PropertyResult[] = [];
    for (let p = 0; p < props.length; p++) {
      const path = found[p] ? await pathOf(pool, n, found[p].worker, found[p].id) : undefined;
      const result = resultFor(model, props[p], path, complete, symmetry);
      // As the serial explorer: a counterexample found under prompt control says so, for its replay.
      results.push(opts.promptControl && result.counterexample ? { ...result, counterexample: { ...result.counterexample, promptControl: true } } : result);
    }
    // Exact only when every reachable state was stored and measured: the last level had no successors.
    const exhausted = complete && levelTotal === 0;
    for (const p of measured) {
      const at = worst[p];
      if (at.id < 0) continue; // nothing stored: there is always an initial state
      const w = worstFor(model, props[p], await pathOf(pool, n, at.worker, at.id), at.value, exhausted, symmetry);
      results[p] = { ...results[p], worst: opts.promptControl ? { ...w, trace: { ...w.trace, promptControl: true } } : w };
    }
    const done = (await pool.finish()) as Reply<'done'>[];
    const distinctStates = sum(counts);
    return {
      mode: 'exhaustive',
      properties: results,
      stats: {
        distinctStates,
        transitions,
        maxDepth: depth,
        searchMs,
        statesPerSecond: searchMs > 0 ? (distinctStates / searchMs) * 1000 : 0,
        complete,
        stoppedBy,
        frontier,
        structBytes: sum(done.map((d) => d.structBytes)),
      },
      coverage: opts.coverage ? mergeCoverage(done.map((d) => d.coverage)) : undefined,
    };
  } finally {
    clearInterval(timer);
    await pool.terminate();
  }
}