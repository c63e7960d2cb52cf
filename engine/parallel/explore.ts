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
 *
 * A plain-object model (no schema, no encode/decode) is coded as the serial explorer codes
 * it (engine/inferred.ts), with one layout for every worker: the shape and field width are
 * inferred here, once, from the initial states, and strings get ids at each level's barrier
 * (shard.ts). A state that does not fit (another shape, a value or a dictionary too wide for
 * the fields) in any worker restarts the whole run with wider fields (8, 16, then 32 bits),
 * as the serial explorer restarts; when 32 bits do not hold them, or the initial state has no
 * shape a code can hold, the run is the serial explorer's with fingerprints (with a notice).
 */
import type { Action, Model } from '../../model/core/model.js';
import { assertExpectedStates, exploreExhaustive, type ExhaustiveOptions } from '../bfs.js';
import { codecOf } from '../codec.js';
import { inferredCodec, inferShape, ShapeMismatch } from '../inferred.js';
import { livenessIndices } from '../liveness.js';
import { initialStates } from '../model-error.js';
import { unplainPart } from '../plain-data.js';
import { loadModelRef, type ModelRef } from '../model-ref.js';
import { InputError, isModel } from '../scenario.js';
import type { PropertyResult, Report, StopReason } from '../report.js';
import { NEEDS_CODEC, type Batch, type InferredLayout, type WorkerSetup } from './protocol.js';
import { startWorker, WorkerPool } from './pool.js';
import { mergeCoverage, pathOf, resultFor, sum, worstFor, workersWhere, type Reply } from './results.js';
import { measuredIndices } from '../worst.js';

export { NEEDS_CODEC };

/** The notice of a run with liveness properties that was asked for worker threads. */
export const LIVENESS_WORKERS_NOTICE = 'liveness properties need the whole graph in one store: this run used the serial explorer, not --workers';

/** The notice of a plain-object run whose states no inferred layout holds: it was serial, with fingerprints. */
export const FINGERPRINTS_WORKERS_NOTICE =
  'the states do not all fit codes inferred from the initial state (their shape, or 32-bit fields): this run used the serial explorer with fingerprints, not --workers';

/** The refusal of a model object: worker threads rebuild the model from a module, and functions do not cross threads. */
export const IN_PROCESS_MODEL =
  '--workers: a model built in this process cannot be rebuilt in worker threads (its functions do not cross threads): give a ModelRef (the module and export that build it; bundledRef(name) for a bundled scenario, fileRef(file) for a scenario file) or explore it serially';

export interface ParallelOptions extends ExhaustiveOptions {
  /** Worker threads (1 or more); each owns a shard of the states. */
  readonly workers: number;
}

/**
 * Explores the model `ref` names on `opts.workers` threads: its own codec (a schema or
 * encode/decode) or codes inferred for its plain-object states. A model object (built in
 * this process, with no module to rebuild it from) is refused with IN_PROCESS_MODEL.
 */
export async function exploreParallel(ref: ModelRef, opts: ParallelOptions): Promise<Report> {
  const n = opts.workers;
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`workers must be an integer in 1..64, got ${n}`);
  if (isModel(ref)) throw new InputError(IN_PROCESS_MODEL);
  assertExpectedStates(opts.expectedStates);
  // A checkpoint is one store in BFS order: the serial explorer's.
  if (opts.checkpoint || opts.resume) throw new InputError(`${opts.resume ? '--resume' : '--checkpoint'} needs a serial run: leave out --workers (or give --workers 1)`);
  const model = await loadModelRef(ref);
  const { workers: _workers, ...serial } = opts;
  if (livenessIndices(model.properties).length > 0) {
    // The liveness pass needs the whole graph in one store: the serial explorer runs it.
    const report = exploreExhaustive(model, serial);
    return { ...report, notices: [...(report.notices ?? []), LIVENESS_WORKERS_NOTICE] };
  }
  const symmetry = opts.symmetry ?? false;
  if (symmetry && !model.canonical) throw new Error('symmetry reduction needs the model to define canonical(s)');
  const start = performance.now();
  if (codecOf(model)) return explore(ref, model, opts, undefined, start);
  if (opts.infer !== false) {
    // As the serial explorer: the narrowest fields that hold the initial states, wider on a state that does not fit.
    for (const width of [8, 16, 32] as const) {
      const layout = inferLayout(model, width, symmetry);
      if (!layout) continue;
      try {
        return await explore(ref, model, opts, layout, start);
      } catch (e) {
        if (!(e instanceof ShapeMismatch)) throw e;
      }
    }
  }
  // Fingerprints: the states cannot be decoded from their keys, which the workers exchange.
  const report = exploreExhaustive(model, { ...serial, infer: false });
  return { ...report, notices: [...(report.notices ?? []), FINGERPRINTS_WORKERS_NOTICE] };
}

/**
 * The layout of `model`'s codes with `width`-bit fields, inferred from its initial states
 * (their canonical representatives under symmetry), with the strings they hold; undefined
 * when they have no shape a code holds, or do not fit the fields.
 */
export function inferLayout<S, A extends Action>(model: Model<S, A>, width: 8 | 16 | 32, symmetry = false): InferredLayout | undefined {
  const inits = initialStates(model).map((s) => (symmetry ? model.canonical!(s) : s));
  // A state that is not plain data (a bigint, a function, a cycle): no layout; the serial
  // explorer, which the caller falls back to, reports it as it reports it in every run.
  if (inits.some((s) => unplainPart(s) !== undefined)) return undefined;
  const shape = inferShape(inits[0]);
  if (!shape) return undefined;
  const codec = inferredCodec(shape, width);
  const probe = new Uint32Array(codec.words);
  try {
    for (const s of inits) codec.encode(s, probe, 0);
  } catch (e) {
    if (e instanceof ShapeMismatch) return undefined;
    throw e;
  }
  return { shape, width, strings: codec.strings() };
}

/** One parallel run with the model's own codec, or with the inferred `layout` (ShapeMismatch: a state does not fit it). */
async function explore(ref: ModelRef, model: Model<unknown, Action>, opts: ParallelOptions, layout: InferredLayout | undefined, start: number): Promise<Report> {
  const n = opts.workers;
  const symmetry = opts.symmetry ?? false;
  const props = model.properties;
  const full = (opts.full ?? false) || props.length === 0;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const progress = new Float64Array(new SharedArrayBuffer(16 * n));
  const setup = (index: number): WorkerSetup => ({
    faultlineParallel: true,
    ref,
    ...(layout ? { layout } : {}),
    index,
    workers: n,
    symmetry,
    coverage: opts.coverage ?? false,
    full,
    // Each worker owns about 1/n of the states (its shard of the hash space).
    ...(opts.expectedStates !== undefined ? { expectedStates: Math.ceil(opts.expectedStates / n) } : {}),
    promptControl: opts.promptControl ?? false,
    ...(opts.onObjects === true ? { onObjects: true } : {}),
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
    for (let i = 0; i < n; i++) pool.add(startWorker(setup(i)));
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
    // The string dictionary every worker holds (an inferred layout's), and its members.
    const dictionary = layout ? layout.strings.slice() : [];
    const inDictionary = new Set(dictionary);
    /**
     * Expands a level in every worker. With an inferred layout, the strings first seen in it
     * are appended to the dictionary in worker order and sent to every worker; a worker whose
     * provisional ids for them differ expands the level again (its first output is dropped).
     */
    const expand = async (checkOnly: boolean): Promise<Reply<'expanded'>[]> => {
      let replies = (await pool.all(() => ({ type: 'expand', decided, checkOnly }))) as Reply<'expanded'>[];
      while (replies.some((r) => r.strings !== undefined)) {
        const base = dictionary.length;
        for (const r of replies) {
          for (const s of r.strings ?? []) {
            if (inDictionary.has(s)) continue;
            inDictionary.add(s);
            dictionary.push(s);
          }
        }
        // As the serial encoder: an id must fit its field.
        if (layout!.width < 32 && dictionary.length > 2 ** layout!.width) throw new ShapeMismatch(`${dictionary.length} strings do not fit ${layout!.width}-bit fields`);
        const added = dictionary.slice(base);
        const redo = replies.map((r) => r.strings !== undefined && r.strings.some((s, i) => dictionary[base + i] !== s));
        const again = await pool.all((w) => ({ type: 'strings', added, redo: redo[w], decided, checkOnly }));
        replies = replies.map((r, w) => (redo[w] ? (again[w] as Reply<'expanded'>) : { ...r, strings: undefined }));
      }
      return replies;
    };

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
    await pool.close();
  }
}