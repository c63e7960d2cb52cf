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
 */
import type { Action, Model } from '../model/core/model.js';
import { collisionProbability } from './fingerprint.js';
import { codecOf } from './codec.js';
import { keyerFor, type Keyer } from './keyer.js';
import { resultAt } from './path.js';
import { ShapeMismatch } from './inferred.js';
import { Call, initialStates, ModelError, modelErrorFor, NO_ACTION, notAnActionList, notAState, propertyError } from './model-error.js';
import { plainState, stateNormalizer, type Normalizer } from './plain-data.js';
import { RecoveryChecker } from './recovery.js';
import type { Report, StopReason } from './report.js';
import { CoverageCounter } from './coverage.js';
import { StateStore } from './visited.js';

export interface ExhaustiveOptions {
  /** Do not expand states this many actions from an initial state. */
  readonly maxDepth?: number;
  readonly maxStates?: number;
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
}

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

export function exploreExhaustive<S, A extends Action>(model: Model<S, A>, opts: ExhaustiveOptions = {}): Report<A> {
  try {
    return exploreWithKeys(model, opts);
  } catch (e) {
    if (e instanceof ModelError) e.at({ mode: 'exhaustive' });
    throw e;
  }
}

function exploreWithKeys<S, A extends Action>(model: Model<S, A>, opts: ExhaustiveOptions): Report<A> {
  initialStates(model);
  if (opts.symmetry || codecOf(model) || opts.infer === false) return explore(model, opts, keyerFor(model, opts.symmetry ?? false));
  // A plain-object model: try exact codes inferred from its initial state, widening the
  // fields on the first state that does not fit, and fall back to fingerprints.
  const start = performance.now();
  for (const width of [8, 16, 32] as const) {
    const keyer = keyerFor(model, false, width);
    if (!keyer.exact) continue; // no shape, or the initial states need wider fields
    try {
      return explore(model, opts, keyer, start);
    } catch (e) {
      if (!(e instanceof ShapeMismatch)) throw e;
    }
  }
  return explore(model, opts, keyerFor(model), start);
}

function explore<S, A extends Action>(model: Model<S, A>, opts: ExhaustiveOptions, keyer: Keyer<S>, start = performance.now()): Report<A> {
  const words = keyer.words;
  // With an exact codec the frontier is kept as codes (decoded one at a time); symmetry
  // stores representatives' codes, which decode to representatives: also fine.
  const exact = keyer.codec;
  const codec = exact?.decode;
  // Successors share most of their parent's records: re-encode only what changed.
  const encodeFrom = !opts.symmetry ? exact?.encodeFrom : undefined;
  const store = new StateStore(words);
  const prime = keyer.prime;
  // Packed transitions: expand codes directly; decode only new states, to check properties.
  const packed = codec && !opts.symmetry ? model.packed : undefined;
  // Each action number is enabled at most once per state: the table bounds the count.
  const actBuf = packed ? new Int32Array(Math.max(1, packed.table.length)) : undefined;
  const parentCode = new Uint32Array(words);
  const scratch = new Uint32Array(words);
  const props = model.properties;
  const nProps = props.length;
  const findings: Finding[] = props.map(() => ({ id: -1 }));
  const recoveries = props.map((p) => (p.kind === 'recovers' ? new RecoveryChecker(model, p, keyer) : undefined));
  let undecided = nProps;
  const coverage = opts.coverage ? new CoverageCounter((a) => (model.component ? model.component(a as A) : 'model')) : undefined;
  const maxDepth = opts.maxDepth ?? Infinity;
  const maxStates = opts.maxStates ?? Infinity;
  const deadline = opts.timeLimitMs !== undefined ? start + opts.timeLimitMs : Infinity;
  const maxRss = opts.maxMemoryMb !== undefined ? opts.maxMemoryMb * 1024 * 1024 : Infinity;
  // With no properties there is nothing to decide early: explore the whole space.
  const full = (opts.full ?? false) || nProps === 0;

  /** Checks every undecided property on a newly stored state. */
  const check = (s: S, id: number): void => {
    for (let p = 0; p < nProps; p++) {
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
  let stoppedBy: StopReason | undefined;
  let lastProgress = start;
  let sinceCheck = 0;
  // What the loop is doing, for a contract error's message: the state being expanded (-1:
  // the initial states), the call into the model and the action being taken.
  let at = -1;
  let call: Call = NONE;
  let acts: readonly A[] = [];
  let k = 0;

  try {
    call = RESULT;
    normalize = stateNormalizer(model, inits[0]);
    for (let i = 0; i < inits.length; i++) {
      call = RESULT;
      const s = normalize(opts.symmetry ? model.canonical!(inits[i]) : inits[i]);
      keyer.key(s, scratch, 0);
      call = NONE;
      const id = store.insert(scratch, 0, -1, i);
      if (id >= 0) {
        if (!codec) liveNext.push(s);
        check(s, id);
      }
    }
    levelEnd = store.count;

    outer: while (levelStart < levelEnd && (undecided > 0 || full)) {
      if (depth >= maxDepth) {
        stoppedBy = 'depth';
        break;
      }
      const live = liveNext;
      liveNext = [];
      for (let id = levelStart; id < levelEnd; id++) {
        if (++sinceCheck >= CHECK_EVERY) {
          sinceCheck = 0;
          const now = performance.now();
          if (opts.signal?.aborted) {
            stoppedBy = 'interrupted';
            break outer;
          }
          if (now > deadline) {
            stoppedBy = 'time-limit';
            break outer;
          }
          if (maxRss !== Infinity && process.memoryUsage.rss() > maxRss) {
            stoppedBy = 'max-memory';
            break outer;
          }
          if (opts.onProgress && now - lastProgress > 50) {
            lastProgress = now;
            opts.onProgress({ distinctStates: store.count, transitions, depth, frontier: levelEnd - id, elapsedMs: now - start });
          }
        }
        if (packed) {
          // Copy the parent: inserting may reallocate store.codes.
          const codes = store.codes;
          for (let w = 0; w < words; w++) parentCode[w] = codes[id * words + w];
          at = id;
          call = ACTIONS;
          const n = packed.actions(parentCode, 0, actBuf!);
          call = NEXT;
          for (k = 0; k < n; k++) {
            packed.next(parentCode, 0, actBuf![k], scratch, 0);
            transitions++;
            if (coverage) coverage.count(packed.table[actBuf![k]]);
            const nid = store.insert(scratch, 0, id, k);
            if (nid < 0) continue;
            if (undecided > 0) check(codec!(scratch, 0), nid);
            if (store.count >= maxStates) {
              stoppedBy = 'max-states';
              break outer;
            }
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
        if (prime) prime(s);
        call = ACTIONS;
        acts = model.actions(s);
        if (!Array.isArray(acts)) throw notAnActionList(acts);
        for (k = 0; k < acts.length; k++) {
          const a = acts[k];
          call = NEXT;
          let t = model.next(s, a);
          if (t === undefined || t === null || (objects && typeof t !== 'object')) throw notAState(model, a, t);
          transitions++;
          if (coverage) coverage.count(a);
          call = RESULT;
          if (opts.symmetry) t = model.canonical!(t);
          if (encodeFrom) encodeFrom(t, s, parentCode, 0, scratch, 0);
          else keyer.key(t, scratch, 0);
          call = NONE;
          const nid = store.insert(scratch, 0, id, k);
          if (nid < 0) continue;
          // A new state, as every explorer sees it: -0 read as 0, as its code decodes.
          call = RESULT;
          t = keyer.normalize(t, s, scratch, 0);
          if (!codec) liveNext.push(t);
          if (undecided > 0) check(t, nid);
          if (store.count >= maxStates) {
            stoppedBy = 'max-states';
            break outer;
          }
        }
        if (undecided === 0 && !full) break outer;
      }
      levelStart = levelEnd;
      levelEnd = store.count;
      if (levelEnd > levelStart) depth++;
    }
  } catch (e) {
    if (e instanceof ShapeMismatch) throw e;
    const acting = at < 0 || call === ACTIONS ? NO_ACTION : packed ? packed.table[actBuf![k]] : acts[k];
    throw modelErrorFor(model, e, call, acting, { step: at < 0 ? 0 : stepsTo(store, at) + 1 });
  }

  const searchMs = performance.now() - start;
  // States stored past the level being expanded sit one level deeper.
  const reached = store.count > levelEnd ? depth + 1 : depth;
  const complete = stoppedBy === undefined;
  const results = props.map((prop, p) =>
    resultAt(model, store, prop, findings[p].id, complete, opts.symmetry ?? false, recoveries[p]),
  );
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
    },
    coverage: coverage?.result(),
  };
}

/** Actions from an initial state to stored state `id` (its parents followed back). */
function stepsTo(store: StateStore, id: number): number {
  let n = 0;
  for (let cur = id; store.parentOf(cur) >= 0; cur = store.parentOf(cur)) n++;
  return n;
}
