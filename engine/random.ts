/**
 * The random explorer, built on fast-check. A run is a sequence of choices, each an index
 * into the actions enabled at that point; with fault bias, each run also draws a subset of
 * the fault action types it may use (swarm testing), so deep combinations of a few faults
 * are reached instead of a thin spread of all of them. fast-check shrinks a failing run;
 * a breadth-first search bounded by the shrunk length then makes the counterexample minimal.
 * A stop (the signal, the time limit) is polled before every run and shrinking replay, and
 * ends fast-check's loop and the minimising search at once.
 */
import fc from 'fast-check';
import type { Action, Model } from '../model/core/model.js';
import { isLiveness, type Property } from '../model/core/property.js';
import { CoverageCounter } from './coverage.js';
import { assertKnownOptions } from './explorer-options.js';
import { keyerFor } from './keyer.js';
import { minimize } from './minimize.js';
import { normalizedInitials } from './model-calls.js';
import { Call, ModelError, modelErrorFor, NO_ACTION, nonActionIn, notAnActionList, notAState, propertyError } from './model-error.js';
import { RecoveryChecker } from './recovery.js';
import type { Counterexample, PropertyResult, Report } from './report.js';
import { buildCounterexample } from './trace.js';

export interface RandomOptions {
  /** fast-check seed; fixed by default so runs are reproducible. */
  readonly seed?: number;
  readonly runs?: number;
  /** Most actions per run. */
  readonly steps?: number;
  /** Per run, allow only a random subset of the fault action types (default true). */
  readonly faultBias?: boolean;
  /** Replay one run: fast-check's path (with the seed it came from). */
  readonly path?: string;
  /** Minimise a shrunk counterexample by a BFS bounded by its length (default true). */
  readonly minimize?: boolean;
  readonly coverage?: boolean;
  readonly timeLimitMs?: number;
  readonly signal?: { readonly aborted: boolean };
  readonly onProgress?: (p: { runs: number; steps: number; elapsedMs: number }) => void;
}

export const DEFAULT_SEED = 42;

/** Why a liveness property has no verdict in random mode. */
export const LIVENESS_NOT_RANDOM = 'not checked: liveness is decided on the whole graph, by the exhaustive explorer (--mode exhaustive)';
export const DEFAULT_RUNS = 1000;
export const DEFAULT_STEPS = 50;

const NONE = Call.None;
const ACTIONS = Call.Actions;
const NEXT = Call.Next;
const RESULT = Call.Result;

/** Thrown from fast-check's predicate to stop its loop (a stop, a model error): no more runs, no shrinking. */
const interrupt = (): never => {
  throw new fc.PreconditionFailure(true);
};

interface RunOutcome<A> {
  /** Index of the violated property, or -1. */
  violated: number;
  actions: A[];
  initIndex: number;
  /** Actions before a recovers suffix (all of them otherwise). */
  prefix: number;
  /** The state the run ended in (where the violation is, if any). */
  last: unknown;
  /** A recovery path that loops: the position in `actions` the last state loops back to. */
  loop?: number;
}

/** Every option of RandomOptions, by name (the compiler keeps the list complete). */
const RANDOM_OPTIONS = Object.keys({
  seed: 1, runs: 1, steps: 1, faultBias: 1, path: 1, minimize: 1, coverage: 1, timeLimitMs: 1, signal: 1, onProgress: 1,
} satisfies Record<keyof RandomOptions, 1>);

export function exploreRandom<S, A extends Action>(model: Model<S, A>, opts: RandomOptions = {}): Report<A> {
  assertKnownOptions('exploreRandom', opts, RANDOM_OPTIONS);
  try {
    return explore(model, opts);
  } catch (e) {
    if (e instanceof ModelError) e.at({ mode: 'random' });
    throw e;
  }
}

function explore<S, A extends Action>(model: Model<S, A>, opts: RandomOptions): Report<A> {
  const start = performance.now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const runs = opts.runs ?? DEFAULT_RUNS;
  const maxSteps = opts.steps ?? DEFAULT_STEPS;
  const bias = opts.faultBias ?? true;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, got ${runs}`);
  if (!Number.isInteger(maxSteps) || maxSteps < 0) throw new Error(`steps must be a non-negative integer, got ${maxSteps}`);
  const props = model.properties;
  // States as every explorer sees them: plain data, -0 read as 0, through the model's codec if it has one.
  const { fits, slow, inits } = normalizedInitials(model);
  const objects = typeof inits[0] === 'object';
  const keyer = keyerFor(model);
  const recoveries = props.map((p) => (p.kind === 'recovers' ? new RecoveryChecker(model, p, keyer) : undefined));
  const coverage = opts.coverage ? new CoverageCounter((a) => (model.component ? model.component(a as A) : 'model')) : undefined;
  const faultBit = new Map<string, number>();
  const bitOf = (type: string): number => {
    let b = faultBit.get(type);
    if (b === undefined) {
      b = faultBit.size % 30;
      faultBit.set(type, b);
    }
    return b;
  };

  /** Properties still being looked for (always/recovers not yet failed); liveness is not checked here. */
  const active: boolean[] = props.map((p) => p.kind !== 'sometimes' && !isLiveness(p));
  const reached: boolean[] = props.map(() => false);
  let totalSteps = 0;
  let totalRuns = 0;
  let deepest = 0;
  let timeToFailure: number | undefined;
  let stopped = false;
  let lastProgress = start;
  const deadline = opts.timeLimitMs !== undefined ? start + opts.timeLimitMs : Infinity;

  const violatedAt = (s: S, record: boolean): number => {
    let p = 0;
    try {
      for (; p < props.length; p++) {
        const prop = props[p];
        if (prop.kind === 'sometimes') {
          if (record && !reached[p] && prop.pred(s)) reached[p] = true;
        } else if (active[p] && prop.kind === 'always' && !prop.pred(s)) return p;
      }
    } catch (e) {
      throw propertyError(props[p], e);
    }
    return -1;
  };

  /** Whether `prop` (an always) holds in `s`, the state after `step` actions. */
  const holdsIn = (prop: Property<S>, s: S, step: number): boolean => {
    try {
      return prop.pred(s);
    } catch (e) {
      throw propertyError(prop, e).at({ step });
    }
  };

  /**
   * Plays one run from initial state `init` (modulo their number); `trail` collects the actions
   * when a counterexample is being rebuilt. The initial state has its own draw: sharing the first
   * choice with the first action would tie each initial state to one first action (and leave all
   * but the first initial state unchecked with `steps: 0`).
   */
  const play = (mask: number, choices: readonly number[], init: number, record: boolean, trail?: A[]): RunOutcome<A> => {
    const initIndex = inits.length > 1 ? init % inits.length : 0;
    let s = inits[initIndex];
    let taken = 0;
    // For a contract error's message: the call into the model, the actions listed, the action taken.
    let call: Call = NONE;
    let acts: readonly A[] | undefined;
    let taking: A | typeof NO_ACTION = NO_ACTION;
    try {
      let v = violatedAt(s, record);
      for (let i = 0; v < 0 && i < choices.length; i++) {
        call = ACTIONS;
        acts = model.actions(s);
        if (!Array.isArray(acts)) throw notAnActionList(acts);
        let allowed = acts.length;
        if (bias) {
          allowed = 0;
          for (let k = 0; k < acts.length; k++) if (acts[k].kind !== 'fault' || (mask >>> bitOf(acts[k].type)) & 1) allowed++;
        }
        if (allowed === 0) break;
        let pick = choices[i] % allowed;
        let a = acts[0];
        for (let k = 0; k < acts.length; k++) {
          const c = acts[k];
          if (bias && c.kind === 'fault' && !((mask >>> bitOf(c.type)) & 1)) continue;
          if (pick-- === 0) {
            a = c;
            break;
          }
        }
        taking = a;
        call = NEXT;
        const t = model.next(s, a);
        if (t === undefined || t === null || (objects && typeof t !== 'object')) throw notAState(model, a, t);
        // Plain data, with -0 read as 0 (one state to every codec), as the exhaustive explorer sees it.
        call = RESULT;
        s = fits(t, s) ? t : slow(t, s);
        taken++;
        if (trail) trail.push(a);
        if (record && coverage) coverage.count(a);
        call = NONE;
        v = violatedAt(s, record);
      }
      if (record) {
        totalSteps += taken;
        if (taken > deepest) deepest = taken;
      }
      let loop: number | undefined;
      if (v < 0) {
        for (let p = 0; p < props.length; p++) {
          const r = recoveries[p];
          if (r && active[p] && !r.holds(s)) {
            v = p;
            if (trail) {
              const failure = r.failure(s);
              if (failure.loop !== undefined) loop = trail.length + failure.loop;
              trail.push(...failure.actions);
            }
            break;
          }
        }
      }
      return { violated: v, actions: trail ?? [], initIndex, prefix: taken, last: s, ...(loop !== undefined ? { loop } : {}) };
    } catch (e) {
      const listed = call === ACTIONS ? nonActionIn(acts) : undefined;
      throw listed?.at({ step: taken + 1 }) ?? modelErrorFor(model, e, call, taking, { step: call === NONE ? taken : taken + 1 });
    }
  };

  // Drawn last, the initial state's choice leaves a run's fault mask and choices as they were before it was added.
  const arb = fc.tuple(fc.nat({ max: 0x3fffffff }), fc.array(fc.nat(), { maxLength: maxSteps, size: 'max' }), fc.nat());
  const found: (Counterexample<A> | undefined)[] = props.map(() => undefined);
  let round = 0;
  let runsLeft = runs;
  const sometimesLeft = () => props.some((p, i) => p.kind === 'sometimes' && !reached[i]);
  // Runs go on while a property is undecided: an always/recovers not yet failed, or a
  // sometimes not yet reached (so reachability is not cut short by an early failure).
  while (runsLeft > 0 && !stopped && (active.some((x) => x) || sometimesLeft())) {
    const roundSeed = (seed + round * 0x9e3779b1) | 0;
    let ran = 0;
    // After a round's first failure fast-check only shrinks: those replays are not new
    // runs, so they count against no budget and record no steps, coverage or reachability.
    let shrinking = false;
    /** The round's first failing run, before shrinking, and the other properties it also violates. */
    let firstFailure: { mask: number; choices: number[]; init: number; violated: number; also: number[] } | undefined;
    /** What the model threw in a run: thrown once fast-check has stopped. */
    let failure: { error: unknown } | undefined;
    const property = fc.property(arb, ([mask, choices, init]) => {
      // Polled before every run and every shrinking replay: a stop ends fast-check's loop at once.
      if (stopped || opts.signal?.aborted || (deadline !== Infinity && performance.now() > deadline)) {
        stopped = true;
        return interrupt();
      }
      try {
        if (shrinking) return play(mask, choices, init, false).violated < 0;
        ran++;
        totalRuns++;
        if (opts.onProgress && totalRuns % 64 === 0) {
          const now = performance.now();
          if (now - lastProgress > 50) {
            lastProgress = now;
            opts.onProgress({ runs: totalRuns, steps: totalSteps, elapsedMs: now - start });
          }
        }
        const outcome = play(mask, choices, init, true);
        if (outcome.violated >= 0) {
          if (timeToFailure === undefined) timeToFailure = performance.now() - start;
          shrinking = true;
          const last = outcome.last as S;
          const also: number[] = [];
          for (let q = 0; q < props.length; q++) {
            const other = props[q];
            if (q !== outcome.violated && active[q] && other.kind === 'always' && !holdsIn(other, last, outcome.prefix)) also.push(q);
          }
          firstFailure = { mask, choices: [...choices], init, violated: outcome.violated, also };
        }
        return outcome.violated < 0;
      } catch (e) {
        // A model that breaks its contract: fast-check must neither count it as a failure nor shrink it.
        failure = { error: e };
        return interrupt();
      }
    });
    const params: fc.Parameters<[[number, number[], number]]> =
      opts.path !== undefined && round === 0 ? { seed: roundSeed, path: opts.path, numRuns: 1 } : { seed: roundSeed, numRuns: runsLeft };
    const details = fc.check(property, params);
    if (failure) throw failure.error;
    runsLeft -= ran;
    round++;
    if (!details.failed || !details.counterexample) break;
    const [mask, choices, init] = details.counterexample[0];
    const trail: A[] = [];
    const outcome = play(mask, choices, init, false, trail);
    if (outcome.violated < 0) {
      // Only an impure model or property fails a run and then passes its replay: no verdict can be trusted.
      const name = firstFailure ? props[firstFailure.violated].name : 'a property';
      throw new ModelError(`property ${name} failed in a run that passes when replayed: the model and its properties must be pure functions of the state`);
    }
    const p = outcome.violated;
    active[p] = false;
    const prop = props[p];
    const prefixLength = outcome.prefix;
    let cx = buildCounterexample(model, trail.slice(0, prefixLength), outcome.initIndex, prop.kind === 'recovers' ? prefixLength : undefined, trail.slice(prefixLength), {
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      ...(outcome.loop !== undefined ? { loopIndex: outcome.loop } : {}),
    });
    if (opts.minimize ?? true) cx = minimize(model, prop, cx, opts.signal, deadline) ?? cx;
    found[p] = cx;
    // A stop during minimisation: the counterexample stands, maybe not the shortest; nothing more runs.
    if (opts.signal?.aborted || performance.now() > deadline) stopped = true;
    // Properties violated in the same state as p: their counterexample is that first run
    // (p is still active, so the replay stops at the same state), minimised in turn.
    for (const q of firstFailure?.also ?? []) {
      const qTrail: A[] = [];
      active[p] = true;
      const qRun = play(firstFailure!.mask, firstFailure!.choices, firstFailure!.init, false, qTrail);
      active[p] = false;
      active[q] = false;
      let qcx = buildCounterexample(model, qTrail, qRun.initIndex, undefined, [], { seed: details.seed });
      if (opts.minimize ?? true) qcx = minimize(model, props[q], qcx, opts.signal, deadline) ?? qcx;
      found[q] = qcx;
    }
    if (opts.path !== undefined) break;
  }

  const searchMs = performance.now() - start;
  const results: PropertyResult<A>[] = props.map((prop, p) => {
    if (isLiveness(prop)) return { name: prop.name, kind: prop.kind, verdict: 'unknown', reason: LIVENESS_NOT_RANDOM };
    if (prop.kind === 'sometimes') return { name: prop.name, kind: prop.kind, verdict: reached[p] ? 'reached' : stopped ? 'unknown' : 'unreached' };
    const cx = found[p];
    if (cx) return { name: prop.name, kind: prop.kind, verdict: 'fails', counterexample: cx };
    return { name: prop.name, kind: prop.kind, verdict: stopped ? 'unknown' : 'holds' };
  });
  return {
    mode: 'random',
    seed,
    properties: results,
    stats: {
      distinctStates: null,
      transitions: totalSteps,
      maxDepth: deepest,
      searchMs,
      statesPerSecond: searchMs > 0 ? (totalSteps / searchMs) * 1000 : 0,
      complete: !stopped,
      ...(stopped ? { stoppedBy: opts.signal?.aborted ? ('interrupted' as const) : ('time-limit' as const) } : {}),
      runs: totalRuns,
      steps: totalSteps,
      ...(timeToFailure !== undefined ? { timeToFailureMs: timeToFailure } : {}),
    },
    coverage: coverage?.result(),
  };
}
