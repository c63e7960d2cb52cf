/**
 * The exhaustive explorer: breadth-first, so the first violation of each property found is
 * a shortest counterexample. Distinct states live in a `StateStore` (codes or fingerprints,
 * a parent id and an action index each); a trace is rebuilt by replaying action indices
 * from the initial state, as TLC does. The loop speaks ids and words only: no strings, no
 * formatting; labels are made once a counterexample is reported.
 *
 * With a codec (`encode`/`decode`), the frontier is the id range of the level being
 * expanded and states are decoded one at a time; without one, the current and next levels
 * are kept as live objects and keyed by fingerprint.
 *
 * With exact codes the store is the whole search (ids in BFS order: it is also the
 * frontier), so a run can be checkpointed (engine/checkpoint.ts) and resumed with exactly
 * the counts of an uninterrupted run. Checkpoints are taken at the periodic poll and when
 * the run stops early, never in the loop itself.
 */
import type { Action, Model } from '../model/core/model.js';
import type { SchemaNode } from '../model/core/schema-types.js';
import { codeLayout, identityMismatch, runIdentity, saveCheckpoint, type Checkpoint, type CheckpointHeader } from './checkpoint.js';
import { collisionProbability } from './fingerprint.js';
import { codecOf } from './codec.js';
import { firstLayout, keyerFor, type Keyer } from './keyer.js';
import { findLasso, LivenessGraph, livenessIndices } from './liveness.js';
import { lassoResult, resultAt } from './path.js';
import { inferShape, ShapeMismatch, widenLayout } from './inferred.js';
import { Call, initialStates, ModelError, modelErrorFor, NO_ACTION, notAnActionList, notAState, propertyError } from './model-error.js';
import { plainState, stateNormalizer, type Normalizer } from './plain-data.js';
import { deferredPackedTick, deferredTick, defersOnObjectsOnly, packedMoveKinds, RecoveryChecker } from './recovery.js';
import type { Report, StopReason } from './report.js';
import { CoverageCounter } from './coverage.js';
import { InputError } from './scenario.js';
import { assertKnownOptions } from './explorer-options.js';
import { StateStore } from './visited.js';
import { AmpleSets, PorRestart, porUnsupported } from './por.js';
import { measuredIndices, WorstValues, worstOf } from './worst.js';
import { confirmPacked, packedPredicates, SAMPLE_EVERY } from './packed-properties.js';
import { confirmTransitions, shouldConfirm } from './packed-check.js';

export interface ExhaustiveOptions {
  /** Do not expand states this many actions from an initial state. */
  readonly maxDepth?: number;
  readonly maxStates?: number;
  /**
   * About how many distinct states to expect (a positive integer; `--expected-states`): the
   * store and its table are sized for them up front, as SPIN's `-w` sizes its hash table, so
   * a good estimate saves every growth of the table. An estimate off either way costs memory
   * or time, never a different result.
   */
  readonly expectedStates?: number;
  readonly timeLimitMs?: number;
  readonly maxMemoryMb?: number;
  /** Explore one representative per symmetry class (needs `model.canonical`). */
  readonly symmetry?: boolean;
  /** Keep exploring after every property is decided (full state-space counts). */
  readonly full?: boolean;
  /** Infer exact codes for a plain-object model (default true); false keeps fingerprints. */
  readonly infer?: boolean;
  /** Count fired actions per type (for the coverage report). */
  readonly coverage?: boolean;
  /** Called about every 50 ms of search with how far it got. */
  readonly onProgress?: (p: ExhaustiveProgress) => void;
  /** Set `aborted` (e.g. on Ctrl-C) to stop at the next check. */
  readonly signal?: { readonly aborted: boolean };
  /**
   * Save the run to a checkpoint file periodically and when it stops early (interrupt, time,
   * memory, depth or state limit), so that `resume` can continue it. Serial runs with exact
   * codes only (a schema's, a hand-written or an inferred codec): others are refused.
   */
  readonly checkpoint?: CheckpointOptions;
  /** Continue the run a checkpoint saved (`loadCheckpoint`); its store is taken over, not copied. */
  readonly resume?: Checkpoint;
  /** Names the model (scenario and parameters) in checkpoints: a resume refuses a checkpoint of another. */
  readonly identity?: string;
  /**
   * One time semantics (`--prompt-control`): `Tick` is enabled only when no control action or
   * recovery op is (the rule `recovers` applies to recovery paths), so time never passes
   * while a control loop is due. Off: every enabled action interleaves, Tick included (for
   * timing-range analyses). A `Tick` left out is not a transition.
   */
  readonly promptControl?: boolean;
  /**
   * Partial-order reduction (engine/por.ts, `--por`): expand one ample set of a component's
   * independent, invisible actions where the conditions hold. Compositions with `always` and
   * `sometimes` properties only; elsewhere the run is unreduced, with a notice.
   */
  readonly por?: boolean;
  /**
   * Expand every state with the model's object functions, not its packed transitions (`--on-objects`):
   * the same graph and verdicts, more slowly. A cross-check for a verdict you doubt: the packed
   * transitions are a second implementation, checked by tests and on a sample of every run's
   * states, and this runs without them at all.
   */
  readonly onObjects?: boolean;
}

export interface CheckpointOptions {
  readonly file: string;
  /** Milliseconds between periodic checkpoints (default 10 minutes). */
  readonly everyMs?: number;
  /** Called after each checkpoint is written. */
  readonly onSave?: (saved: { readonly file: string; readonly distinctStates: number }) => void;
}

const DEFAULT_CHECKPOINT_EVERY_MS = 10 * 60 * 1000;

export interface ExhaustiveProgress {
  readonly distinctStates: number;
  readonly transitions: number;
  readonly depth: number;
  readonly frontier: number;
  readonly elapsedMs: number;
}

/** Per property: where it was decided (a state id), or -1. */
interface Finding {
  id: number;
}

const CHECK_EVERY = 1024;
const NONE = Call.None;
const ACTIONS = Call.Actions;
const NEXT = Call.Next;
const RESULT = Call.Result;

/** Every option of ExhaustiveOptions, by name (the compiler keeps the list complete). */
const EXHAUSTIVE_OPTIONS = Object.keys({
  maxDepth: 1, maxStates: 1, expectedStates: 1, timeLimitMs: 1, maxMemoryMb: 1, symmetry: 1, full: 1, infer: 1, coverage: 1,
  onProgress: 1, signal: 1, checkpoint: 1, resume: 1, identity: 1, promptControl: 1, por: 1, onObjects: 1,
} satisfies Record<keyof ExhaustiveOptions, 1>);

/** A one-line InputError unless `n` is absent or a positive integer (a store sized for NaN or -5 states would be silently the default). */
export function assertExpectedStates(n: number | undefined): void {
  if (n !== undefined && !(Number.isInteger(n) && n >= 1)) throw new InputError(`expectedStates must be a positive integer, got ${String(n)}`);
}

/** A store sized for `expected` states; an estimate too large for this machine's memory is a one-line InputError, not a crash. */
function storeFor(words: number, expected: number | undefined): StateStore {
  try {
    return new StateStore(words, expected);
  } catch (e) {
    if (expected === undefined || !(e instanceof RangeError)) throw e;
    throw new InputError(`--expected-states ${expected}: no memory for a store of that many states (${e.message}); give a smaller estimate`);
  }
}

/** The notice of a run with liveness properties that was asked for symmetry reduction. */
export const LIVENESS_SYMMETRY_NOTICE = 'liveness properties are checked on the full state graph: --symmetry is not applied (per-action fairness does not carry over to the symmetry quotient)';

export function exploreExhaustive<S, A extends Action>(model: Model<S, A>, opts: ExhaustiveOptions = {}): Report<A> {
  assertKnownOptions('exploreExhaustive', opts, EXHAUSTIVE_OPTIONS);
  assertExpectedStates(opts.expectedStates);
  try {
    const liveness = livenessIndices(model.properties).length > 0;
    if (liveness && (opts.checkpoint || opts.resume)) {
      throw new InputError(`${opts.resume ? '--resume' : '--checkpoint'}: liveness properties are decided on the whole graph of one uninterrupted run, which a checkpoint does not keep`);
    }
    if (liveness && opts.symmetry && !opts.por) {
      // See engine/liveness.ts: fairness per action is not defined on the quotient.
      const report = exploreWithKeys(model, { ...opts, symmetry: false });
      return { ...report, notices: [...(report.notices ?? []), LIVENESS_SYMMETRY_NOTICE] };
    }
    return opts.por ? exploreReduced(model, opts) : exploreWithKeys(model, opts); // ample sets: engine/por.ts
  } catch (e) {
    if (e instanceof ModelError) e.at({ mode: 'exhaustive' });
    throw e;
  }
}

// ---- partial-order reduction (engine/por.ts): begin ----
/**
 * A run with `por`: the reduced search (started again while its learned footprints grow), then
 * an unreduced search for the properties it found violated or reached, so that their
 * counterexamples are the full graph's shortest. Unsupported: the unreduced run, with a notice.
 */
function exploreReduced<S, A extends Action>(model: Model<S, A>, opts: ExhaustiveOptions): Report<A> {
  const plain = { ...opts, por: false };
  const why = porUnsupported(model, opts);
  if (why !== undefined) {
    const report = exploreExhaustive(model, plain);
    return { ...report, notices: [...(report.notices ?? []), `--por: not applied (${why})`] };
  }
  const ample = new AmpleSets(model, opts.promptControl ?? false);
  let report: Report<A>;
  for (;;) {
    try {
      ample.begin();
      report = exploreWithKeys(model, plain, ample);
      break;
    } catch (e) {
      if (!(e instanceof PorRestart)) throw e;
    }
  }
  const found = report.properties.map((r, p) => (r.counterexample !== undefined ? p : -1)).filter((p) => p >= 0);
  const notices = [...(report.notices ?? []), `--por: ${ample.stats.reduced} states expanded by an ample set, ${ample.stats.proviso} fully by the cycle proviso, ${ample.stats.restarts} restarts`];
  if (found.length === 0) return { ...report, notices };
  // Shortest counterexamples: the full graph again, for those properties only (it stops once they are found).
  const again = exploreWithKeys({ ...model, properties: found.map((p) => model.properties[p]) }, { ...plain, full: false });
  const properties = report.properties.slice();
  found.forEach((p, i) => (properties[p] = again.properties[i]));
  notices.push(`--por: ${found.length} counterexample(s) searched again unreduced (${again.stats.distinctStates} states) for shortest length`);
  return { ...report, properties, notices };
}
// ---- partial-order reduction: end ----

function exploreWithKeys<S, A extends Action>(model: Model<S, A>, opts: ExhaustiveOptions, ample?: AmpleSets<S, A>): Report<A> {
  initialStates(model);
  if (opts.checkpoint || opts.resume) return exploreResumable(model, opts);
  if (ample) return explore(model, opts, keyerFor(model, false), performance.now(), undefined, ample);
  if (opts.symmetry || codecOf(model) || opts.infer === false) return explore(model, opts, keyerFor(model, opts.symmetry ?? false));
  // A plain-object model: try exact codes inferred from its initial state, as narrow as it
  // needs, widening the field that overflows on the first state that does not fit, and fall
  // back to fingerprints on a state of another shape.
  const start = performance.now();
  for (let layout = firstLayout(model); layout; ) {
    const keyer = keyerFor(model, false, layout);
    if (!keyer.exact) break; // the initial states have no one shape
    try {
      return explore(model, opts, keyer, start);
    } catch (e) {
      if (!(e instanceof ShapeMismatch)) throw e;
      layout = widenLayout(layout, e);
    }
  }
  return explore(model, opts, keyerFor(model), start);
}

/** What a run with checkpoints adds: the identity it saves, and the checkpoint it continues (its keys restored in the keyer). */
interface Resumable {
  readonly identity: string;
  readonly resume?: Checkpoint;
}

function explore<S, A extends Action>(model: Model<S, A>, opts: ExhaustiveOptions, keyer: Keyer<S>, start = performance.now(), resumable?: Resumable, ample?: AmpleSets<S, A>): Report<A> {
  const words = keyer.words;
  // With an exact codec the frontier is kept as codes (decoded one at a time); symmetry
  // stores representatives' codes, which decode to representatives: also fine.
  const exact = keyer.codec;
  const codec = exact?.decode;
  // Successors share most of their parent's records: re-encode only what changed.
  const encodeFrom = !opts.symmetry ? exact?.encodeFrom : undefined;
  // Under symmetry with the model's own codec: the representative's code straight from the
  // state, the representative itself decoded only when the state is new.
  const canonicalCode = opts.symmetry && exact ? model.canonicalCode?.bind(model) : undefined;
  const resume = resumable?.resume;
  const store = resume ? resume.store : storeFor(words, opts.expectedStates);
  const prime = keyer.prime;
  const prompt = opts.promptControl ?? false;
  // Packed transitions: expand codes directly; decode only new states, to check properties.
  // Not under prompt control with ranged delays unless the model answers them on codes, nor
  // under partial-order reduction (the ample sets record reads of the object functions), nor
  // when asked to run on objects.
  const packed = codec && !opts.symmetry && !ample && !opts.onObjects && !(prompt && defersOnObjectsOnly(model)) ? model.packed : undefined;
  // Each action number is enabled at most once per state: the table bounds the count.
  const actBuf = packed ? new Int32Array(Math.max(1, packed.table.length)) : undefined;
  // The successors of the state being expanded, one code each (packed transitions).
  const batch = packed ? new Uint32Array(Math.max(1, packed.table.length) * words) : undefined;
  const moveKinds = prompt && packed ? packedMoveKinds(model, packed.table) : undefined;
  const deferOnCodes = packed?.mayDefer?.bind(packed);
  const parentCode = new Uint32Array(words);
  const scratch = new Uint32Array(words);
  const props = model.properties;
  const nProps = props.length;
  const findings: Finding[] = props.map(() => ({ id: -1 }));
  const recoveries = props.map((p) => (p.kind === 'recovers' ? new RecoveryChecker(model, p, keyer) : undefined));
  // Measured properties (engine/worst.ts): decided once here, so a model without one pays a constant `false` per new state.
  const worst = measuredIndices(props).length > 0 ? new WorstValues(props, recoveries) : undefined;
  const measuring = worst !== undefined;
  // Liveness properties are decided on the whole graph once the search is complete: they stay
  // undecided (so the search never stops early), and every transition is recorded.
  const graph = livenessIndices(props).length > 0 ? new LivenessGraph(model) : undefined;
  const live = props.map((_, p) => graph !== undefined && graph.indices.includes(p));
  // Predicates on codes for every property (`packed.properties`): new states are checked
  // without decoding them, unless something else needs the state (a measure, liveness labels).
  const codePredicates = packed ? packedPredicates(model, packed) : undefined;
  const onCodes = !measuring && !graph ? codePredicates : undefined;
  let undecided = nProps;
  const coverage = opts.coverage ? new CoverageCounter((a) => (model.component ? model.component(a as A) : 'model')) : undefined;
  const maxDepth = opts.maxDepth ?? Infinity;
  const maxStates = opts.maxStates ?? Infinity;
  const deadline = opts.timeLimitMs !== undefined ? start + opts.timeLimitMs : Infinity;
  const maxRss = opts.maxMemoryMb !== undefined ? opts.maxMemoryMb * 1024 * 1024 : Infinity;
  // With no properties there is nothing to decide early: explore the whole space.
  const full = (opts.full ?? false) || nProps === 0;
  const ckpt = opts.checkpoint;
  const checkpointEvery = ckpt?.everyMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
  let nextCheckpointAt = ckpt ? start + checkpointEvery : Infinity;
  // Search time of the sessions before this one.
  const prior = resume?.elapsedMs ?? 0;

  /**
   * A property's predicate on codes (a throw is the property's error, as its `pred`'s). Then:
   * checks every undecided property on a newly stored state's code; the state is decoded to
   * confirm the predicates on codes where one decides a property, and on one state in SAMPLE_EVERY.
   */
  const onCode = (p: number, code: Uint32Array, off: number): boolean => {
    try {
      return onCodes![p](code, off);
    } catch (e) {
      throw propertyError(props[p], e);
    }
  };
  const checkCode = (code: Uint32Array, off: number, id: number): void => {
    let sampled: S | undefined;
    for (let p = 0; p < nProps; p++) {
      const f = findings[p];
      if (f.id >= 0) continue;
      const prop = props[p];
      const v = onCode(p, code, off);
      const decided = prop.kind === 'always' ? !v : v;
      if (decided || id % SAMPLE_EVERY === 0) confirmPacked(prop, v, (sampled ??= codec!(code, off)));
      if (decided) {
        f.id = id;
        undecided--;
      }
    }
  };

  /** Checks every undecided property on a newly stored state. */
  const check = (s: S, id: number): void => {
    if (graph) graph.label(id, s, (prop, e) => {
      throw propertyError(prop, e);
    });
    for (let p = 0; p < nProps; p++) {
      if (live[p]) continue;
      const f = findings[p];
      if (f.id >= 0) continue;
      const prop = props[p];
      let decided: boolean;
      try {
        if (prop.kind === 'recovers') decided = !recoveries[p]!.holds(s);
        else {
          const v = prop.pred(s);
          decided = prop.kind === 'always' ? !v : v;
        }
      } catch (e) {
        // A recovery search met a state wider than the inferred fields: widen, as for any state.
        if (e instanceof ShapeMismatch) throw e;
        throw propertyError(prop, e);
      }
      if (decided) {
        f.id = id;
        undecided--;
      }
    }
  };

  const inits = initialStates(model);
  // Successors of object states must be objects (a typeof per transition catches `undefined`).
  const objects = typeof inits[0] === 'object';
  // States as every explorer sees them: plain data, -0 read as 0, through the model's codec if it has one.
  let normalize: Normalizer = plainState;
  let liveNext: S[] = [];
  let transitions = 0;
  let depth = 0;
  let levelStart = 0;
  let levelEnd = 0;
  // The first id to expand in the current level (levelStart, except in a resumed level).
  let nextId = 0;
  // Where a run that stops early resumes: the state to expand next, and how many of its
  // actions were taken already (a stop at the state limit comes inside an expansion).
  let resumeFrom = 0;
  let partialActions = 0;
  /** The action slot a stop inside an expansion had skipped (prompt control's deferred Tick), or -1: not taken, so not counted. */
  let partialSkip = -1;
  let stoppedBy: StopReason | undefined;
  let lastProgress = start;
  let sinceCheck = 0;
  // What the loop is doing, for a contract error's message: the state being expanded (-1:
  // the initial states), the call into the model and the action being taken.
  let at = -1;
  let call: Call = NONE;
  let acts: readonly A[] = [];
  let k = 0;

  // A resumed run expands the state it stopped in even when every property is decided:
  // the uninterrupted run finished that state's expansion too.
  let resumedLevel = resume !== undefined;

  try {
    call = RESULT;
    normalize = stateNormalizer(model, inits[0]);
    if (resume) {
      for (let i = 0; i < inits.length; i++) {
        call = RESULT;
        keyer.key(normalize(opts.symmetry ? model.canonical!(inits[i]) : inits[i]), scratch, 0);
        call = NONE;
        const id = store.find(scratch, 0);
        if (id < 0 || store.parentOf(id) >= 0) throw new InputError('--resume: the checkpoint was written for other initial states than this model\'s');
      }
      if (resume.findings.length !== nProps) throw new InputError('--resume: the checkpoint holds findings for another number of properties');
      for (let p = 0; p < nProps; p++) {
        findings[p].id = resume.findings[p];
        if (findings[p].id >= 0) undecided--;
      }
      if (coverage && resume.coverage) coverage.restore(resume.coverage);
      // Worst values are not in a checkpoint: measure again every state the earlier sessions stored (in id order, as they did).
      if (worst) for (let id = 0; id < store.count; id++) worst.observe(codec!(store.codes, id * words), id);
      levelStart = resume.levelStart;
      levelEnd = resume.levelEnd;
      nextId = resume.nextId;
      depth = resume.depth;
      transitions = resume.transitions;
    } else {
      for (let i = 0; i < inits.length; i++) {
        call = RESULT;
        const s = normalize(opts.symmetry ? model.canonical!(inits[i]) : inits[i]);
        keyer.key(s, scratch, 0);
        call = NONE;
        const id = store.insert(scratch, 0, -1, i);
        if (id >= 0) {
          if (!codec) liveNext.push(s);
          if (onCodes) for (let p = 0; p < nProps; p++) confirmPacked(props[p], onCode(p, scratch, 0), s);
          check(s, id);
          if (measuring) worst.observe(s, id);
        }
      }
      levelEnd = store.count;
    }

    outer: while (levelStart < levelEnd && (undecided > 0 || full || resumedLevel)) {
      resumedLevel = false;
      if (depth >= maxDepth) {
        stoppedBy = 'depth';
        resumeFrom = nextId;
        break;
      }
      const live = liveNext;
      liveNext = [];
      for (let id = nextId; id < levelEnd; id++) {
        if (++sinceCheck >= CHECK_EVERY) {
          sinceCheck = 0;
          const now = performance.now();
          if (opts.signal?.aborted) {
            stoppedBy = 'interrupted';
            resumeFrom = id;
            break outer;
          }
          if (now > deadline) {
            stoppedBy = 'time-limit';
            resumeFrom = id;
            break outer;
          }
          if (maxRss !== Infinity && process.memoryUsage.rss() > maxRss) {
            stoppedBy = 'max-memory';
            resumeFrom = id;
            break outer;
          }
          if (opts.onProgress && now - lastProgress > 50) {
            lastProgress = now;
            opts.onProgress({ distinctStates: store.count, transitions, depth, frontier: levelEnd - id, elapsedMs: prior + now - start });
          }
          if (now >= nextCheckpointAt) {
            // Every id below `id` is expanded, and none of `id`'s actions is taken yet.
            const saved = { nextId: id, levelStart, levelEnd, depth, transitions, elapsedMs: prior + now - start, findings: findings.map((f) => f.id), coverage: coverage?.result().actions };
            writeCheckpoint(ckpt!, resumable!.identity, keyer, store, saved);
            nextCheckpointAt = performance.now() + checkpointEvery;
          }
        }
        if (packed) {
          // Copy the parent: inserting may reallocate store.codes.
          const codes = store.codes;
          for (let w = 0; w < words; w++) parentCode[w] = codes[id * words + w];
          at = id;
          if (graph) graph.begin(id);
          call = ACTIONS;
          const n = packed.actions(parentCode, 0, actBuf!);
          const skip = moveKinds ? deferredPackedTick(moveKinds, actBuf!, n, parentCode, 0, deferOnCodes) : -1;
          call = NEXT;
          // Every successor first, then a read of each one's table slot, then the inserts
          // (issue 16): the reads are independent, so their cache misses overlap, where one
          // insert after another waits for each. A `next` that throws is rethrown where the
          // loop below reaches it, after its predecessors' inserts and checks, as before.
          let failedAt = n;
          let failure: unknown;
          try {
            for (k = 0; k < n; k++) if (k !== skip) packed.next(parentCode, 0, actBuf![k], batch!, k * words);
          } catch (e) {
            failedAt = k;
            failure = e;
          }
          store.touchBatch(batch!, failedAt, skip);
          for (k = 0; k < n; k++) {
            if (k === skip) {
              if (graph) graph.omittedEdge();
              continue;
            }
            if (k === failedAt) throw failure;
            const off = k * words;
            transitions++;
            if (coverage) coverage.count(packed.table[actBuf![k]]);
            const nid = store.insert(batch!, off, id, k);
            if (graph) graph.packedEdge(nid >= 0 ? nid : store.find(batch!, off), actBuf![k]);
            if (nid < 0) continue;
            if (onCodes) {
              if (undecided > 0) checkCode(batch!, off, nid);
            } else if (undecided > 0 || measuring) {
              const t = codec!(batch!, off);
              if (undecided > 0) check(t, nid);
              if (measuring) worst.observe(t, nid);
            }
            if (store.count >= maxStates) {
              stoppedBy = 'max-states';
              resumeFrom = id;
              partialActions = k + 1;
              partialSkip = skip;
              break outer;
            }
          }
          // The net under trusted packed code: the object functions agree on a sample of states.
          if (shouldConfirm(id)) {
            call = NONE;
            confirmTransitions(model, packed, exact!, parentCode, 0, actBuf!, n, skip);
          }
          if (undecided === 0 && !full) break outer;
          continue;
        }
        let s: S;
        if (codec) {
          // Copy the parent's code: inserting may reallocate store.codes.
          const codes = store.codes;
          for (let w = 0; w < words; w++) parentCode[w] = codes[id * words + w];
          s = codec(parentCode, 0);
        } else s = live[id - levelStart];
        at = id;
        if (graph) graph.begin(id);
        if (prime) prime(s);
        call = ACTIONS;
        acts = model.actions(s);
        if (!Array.isArray(acts)) throw notAnActionList(acts);
        const skip = prompt ? deferredTick(model, acts, s) : -1;
        // POR (engine/por.ts): pass 0 takes the ample set (all actions without one); pass 1 the rest, when an ample successor was stored already (C3).
        let inAmple: Uint8Array | undefined;
        let revisit = false;
        if (ample) {
          ample.observe(s, acts);
          const chosen = ample.ample(s, acts, skip);
          if (chosen) {
            inAmple = new Uint8Array(acts.length);
            for (const c of chosen) inAmple[c] = 1;
            ample.stats.reduced++;
          }
        }
        for (let pass = 0; pass < 2; pass++) {
        if (pass === 1) {
          if (!revisit) break;
          ample!.stats.reduced--;
          ample!.stats.proviso++;
        }
        for (k = 0; k < acts.length; k++) {
          const a = acts[k];
          if (inAmple && (inAmple[k] === 1) !== (pass === 0)) continue;
          if (k === skip) {
            if (graph) graph.omittedEdge();
            continue;
          }
          call = NEXT;
          let t = model.next(s, a);
          if (t === undefined || t === null || (objects && typeof t !== 'object')) throw notAState(model, a, t);
          transitions++;
          if (coverage) coverage.count(a);
          call = RESULT;
          let moved = false;
          if (canonicalCode) moved = canonicalCode(t, scratch, 0, s, parentCode);
          else {
            if (opts.symmetry) t = model.canonical!(t);
            if (encodeFrom) encodeFrom(t, s, parentCode, 0, scratch, 0);
            else keyer.key(t, scratch, 0);
          }
          call = NONE;
          const nid = store.insert(scratch, 0, id, k);
          if (graph) graph.edge(nid >= 0 ? nid : store.find(scratch, 0), a);
          if (nid < 0) {
            if (inAmple) revisit = true;
            continue;
          }
          // A new state, as every explorer sees it: -0 read as 0, as its code decodes.
          call = RESULT;
          if (moved) t = codec!(scratch, 0);
          t = keyer.normalize(t, s, scratch, 0);
          if (!codec) liveNext.push(t);
          if (undecided > 0) check(t, nid);
          if (measuring) worst.observe(t, nid);
          if (store.count >= maxStates) {
            stoppedBy = 'max-states';
            resumeFrom = id;
            partialActions = k + 1;
            partialSkip = skip;
            break outer;
          }
        }
        if (!inAmple) break;
        } // POR passes
        if (undecided === 0 && !full) break outer;
      }
      levelStart = levelEnd;
      nextId = levelStart;
      levelEnd = store.count;
      if (levelEnd > levelStart) depth++;
    }
  } catch (e) {
    // A checkpoint refused or unwritable is the user's input, not the model's contract.
    if (e instanceof ShapeMismatch || e instanceof PorRestart || (e instanceof InputError && !(e instanceof ModelError))) throw e;
    const acting = at < 0 || call === ACTIONS ? NO_ACTION : packed ? packed.table[actBuf![k]] : acts[k];
    throw modelErrorFor(model, e, call, acting, { step: at < 0 ? 0 : stepsTo(store, at) + 1 });
  }

  if (ckpt && stoppedBy !== undefined) {
    // A stop inside an expansion: the resumed run takes that state's first actions again
    // (their successors are stored already), so they are not counted in the checkpoint.
    const taken: A[] = [];
    for (let j = 0; j < partialActions; j++) if (j !== partialSkip) taken.push(packed ? packed.table[actBuf![j]] : acts[j]);
    const saved = {
      nextId: resumeFrom,
      levelStart,
      levelEnd,
      depth,
      transitions: transitions - taken.length,
      elapsedMs: prior + performance.now() - start,
      findings: findings.map((f) => f.id),
      coverage: coverage?.resultWithout(taken).actions,
    };
    writeCheckpoint(ckpt, resumable!.identity, keyer, store, saved);
  }

  // States stored past the level being expanded sit one level deeper.
  const reached = store.count > levelEnd ? depth + 1 : depth;
  const complete = stoppedBy === undefined;
  const livenessStart = performance.now();
  if (graph) graph.finish();
  const results = props.map((prop, p) => {
    if (!live[p]) return resultAt(model, store, prop, findings[p].id, complete, opts.symmetry ?? false, recoveries[p]);
    if (!complete) return resultAt(model, store, prop, -1, false, false, undefined);
    const lasso = findLasso(graph!, p, prop as never, store.count, (v) => store.parentOf(v) < 0);
    return lassoResult(model, store, prop, lasso);
  });
  if (worst) {
    // Exact only when every reachable state was stored and measured: the last level expanded had no successors.
    const exhausted = complete && levelStart >= levelEnd;
    for (const p of worst.indices) {
      if (worst.id[p] < 0) continue; // no state stored: there is always an initial state
      const w = worstOf(model, store, props[p], worst.value[p], worst.id[p], exhausted, opts.symmetry ?? false, recoveries[p]);
      results[p] = { ...results[p], worst: w };
    }
  }
  const livenessMs = graph ? performance.now() - livenessStart : undefined;
  // A counterexample says it was found under prompt control: its replay must use the same rule.
  if (prompt) {
    for (let p = 0; p < nProps; p++) {
      const cx = results[p].counterexample;
      if (cx) results[p] = { ...results[p], counterexample: { ...cx, promptControl: true } };
      const w = results[p].worst;
      if (w) results[p] = { ...results[p], worst: { ...w, trace: { ...w.trace, promptControl: true } } };
    }
  }
  const searchMs = prior + performance.now() - start;
  return {
    mode: 'exhaustive',
    properties: results,
    stats: {
      distinctStates: store.count,
      transitions,
      maxDepth: reached,
      searchMs,
      statesPerSecond: searchMs > 0 ? (store.count / searchMs) * 1000 : 0,
      complete,
      stoppedBy,
      collisionProbability: keyer.exact ? undefined : collisionProbability(store.count),
      frontier: levelEnd - levelStart,
      structBytes: store.structBytes(),
      ...(graph ? { livenessMs, graphBytes: graph.bytes() } : {}),
    },
    coverage: coverage?.result(),
  };
}

/**
 * A run with checkpoints (or resumed from one): exact codes or a one-line refusal. An inferred
 * codec restarts from the checkpoint with wider fields, re-coded, on the first state that
 * does not fit, as a run from the start restarts from the initial states.
 */
function exploreResumable<S, A extends Action>(model: Model<S, A>, opts: ExhaustiveOptions): Report<A> {
  const start = performance.now();
  const flag = opts.resume ? '--resume' : '--checkpoint';
  const own = opts.symmetry || codecOf(model) || opts.infer === false;
  const inits = initialStates(model);
  // Codes inferred from the initial state need it to have a shape (plain objects, integers, strings, booleans).
  const shape = own ? undefined : inferShape(inits[0]);
  const layout = codeLayout(model.schema as unknown as SchemaNode | undefined, shape, model.codeWords);
  // Prompt control changes the graph searched: a checkpoint of one is not a run of the other.
  const identity = runIdentity(`${opts.identity ?? ''}${opts.promptControl ? ' --prompt-control' : ''}`, inits.length, model.properties, opts.symmetry ?? false, layout);
  const resume = opts.resume;
  const ownKeyer = own ? keyerFor(model, opts.symmetry ?? false) : undefined;
  if (ownKeyer ? !ownKeyer.exact : shape === undefined) {
    throw new InputError(`${flag} needs exact state codes (a state schema, or plain-object states whose codes faultline infers); this run would key states by fingerprint`);
  }
  if (resume) {
    const why = identityMismatch(resume.identity, identity);
    if (why) throw new InputError(`--resume: the checkpoint is of another run: ${why}`);
    if (opts.coverage && !resume.coverage) throw new InputError('--resume: the checkpoint was written without action coverage, which this run counts');
  }
  if (ownKeyer) {
    if (resume && (resume.keys.kind !== 'codec' || resume.words !== ownKeyer.words)) throw new InputError(`--resume: the checkpoint's states are coded otherwise than this model's (${codesOf(resume)}, now ${ownKeyer.words} words from its codec)`);
    return explore(model, opts, ownKeyer, start, { identity, resume });
  }
  if (resume && resume.keys.kind !== 'inferred') throw new InputError(`--resume: the checkpoint's states are coded otherwise than this model's (${codesOf(resume)}, now inferred codes)`);
  // The latest form of the checkpoint, and the keyer that decodes it.
  let base: { ckpt: Checkpoint; keyer: Keyer<S> } | undefined;
  for (const width of [8, 16, 32] as const) {
    const saved = resume?.keys.kind === 'inferred' ? resume.keys : undefined;
    if (saved && width < saved.width) continue;
    const keyer = keyerFor(model, false, width);
    if (!keyer.exact) {
      if (saved && width === saved.width) throw new InputError(`--resume: this model's initial states do not fit the checkpoint's ${width}-bit codes`);
      continue; // the initial states need wider fields
    }
    let from: Checkpoint | undefined;
    try {
      if (resume && !base) {
        if (keyer.words !== resume.words) throw new InputError(`--resume: the checkpoint's states are coded otherwise than this model's (${codesOf(resume)}, now ${keyer.words} words)`);
        restoreStrings(keyer, saved!.strings);
        from = resume;
      } else if (base) from = recoded(base.ckpt, base.keyer, keyer);
      return explore(model, opts, keyer, start, { identity, resume: from });
    } catch (e) {
      if (!(e instanceof ShapeMismatch)) throw e;
      // A resumed run goes on from the checkpoint (its first `count` states are intact).
      if (from) base = { ckpt: from, keyer };
    }
  }
  throw new InputError(`${flag} needs exact state codes, and this model's states do not all keep the shape and field sizes of its initial state (faultline falls back to fingerprints for it)`);
}

function restoreStrings<S>(keyer: Keyer<S>, strings: readonly string[]): void {
  try {
    keyer.inferred!.restoreStrings(strings);
  } catch (e) {
    throw new InputError(`--resume: not a usable faultline checkpoint (${(e as Error).message})`);
  }
}

/** `ckpt` with its codes re-coded from `from`'s keys to `to`'s (wider fields): the same states, ids, parents. */
function recoded<S>(ckpt: Checkpoint, from: Keyer<S>, to: Keyer<S>): Checkpoint {
  const n = ckpt.count;
  const words = to.words;
  const codes = new Uint32Array(Math.max(1, n * words));
  const decode = from.codec!.decode;
  for (let id = 0; id < n; id++) to.key(decode(ckpt.store.codes, id * ckpt.words), codes, id * words);
  const store = StateStore.fromArrays(words, n, codes, ckpt.store.parents, ckpt.store.actionIndex);
  return { ...ckpt, words, store, keys: { kind: 'inferred', width: to.inferred!.width, strings: [] } };
}

function codesOf(ckpt: Checkpoint): string {
  return ckpt.keys.kind === 'inferred' ? `${ckpt.words} words of ${ckpt.keys.width}-bit inferred fields` : `${ckpt.words} words from a codec`;
}

/** Writes a checkpoint of the run; a file that cannot be written is a one-line error. */
function writeCheckpoint<S>(
  opts: CheckpointOptions,
  identity: string,
  keyer: Keyer<S>,
  store: StateStore,
  progress: Omit<CheckpointHeader, 'identity' | 'keys' | 'words' | 'count' | 'wideActions'>,
): void {
  const keys = keyer.inferred ? ({ kind: 'inferred', width: keyer.inferred.width, strings: keyer.inferred.strings() } as const) : ({ kind: 'codec' } as const);
  try {
    saveCheckpoint(opts.file, { identity, keys, ...progress }, store);
  } catch (e) {
    throw new InputError(`--checkpoint ${opts.file}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  opts.onSave?.({ file: opts.file, distinctStates: store.count });
}

/** Actions from an initial state to stored state `id` (its parents followed back). */
function stepsTo(store: StateStore, id: number): number {
  let n = 0;
  for (let cur = id; store.parentOf(cur) >= 0; cur = store.parentOf(cur)) n++;
  return n;
}
