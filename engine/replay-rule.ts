/**
 * The replay rule, one for `faultline replay`, `replayTrace` and emitted regression tests:
 *
 * - a malformed trace, or one edited by hand (its checksum fails), is an error (TraceError,
 *   exit 2), raised by parseTrace before the model is involved;
 * - a trace that replays and still violates its property: exit 1, with its steps;
 * - a trace that replays without the violation, or that diverges (a step is no longer
 *   enabled in the changed model), is re-checked by a bounded exhaustive search for the same
 *   property, to the trace's length plus a margin: a violation found there is a new
 *   counterexample (exit 1); none is exit 0 with one line saying why and how far it looked.
 *
 * Returns data; the callers print, save or assert.
 */
import type { Action, Model } from '../model/core/model.js';
import { isLiveness, type Property, type PropertyKind } from '../model/core/property.js';
import { exploreExhaustive } from './bfs.js';
import type { Counterexample } from './report.js';
import { replay, TraceDiverged, TraceError, type ReplayResult, type Trace } from './trace.js';
import { printable } from './trace-integrity.js';

export interface ReplayRuleOptions {
  /** Extra depth beyond the trace's length for the re-check (default max(4, ⌈length/2⌉)). */
  readonly margin?: number;
  /** The re-check stops after this many distinct states (default 200,000). */
  readonly maxStates?: number;
}

export const DEFAULT_RECHECK_STATES = 200_000;

interface Common {
  readonly property: { readonly name: string; readonly kind: PropertyKind };
}

export type ReplayVerdict<S, A extends Action = Action> =
  | (Common & {
      /** The trace replays and still shows the violation (for sometimes: still reaches). */
      readonly outcome: 'still-violates';
      readonly counterexample: Counterexample<A>;
      readonly replay: ReplayResult<S, A>;
    })
  | (Common & {
      /** The trace no longer reproduces, but the re-check found another violation. */
      readonly outcome: 'new-counterexample';
      readonly counterexample: Counterexample<A>;
      /** Why the saved trace no longer reproduces (`step 3 X is not enabled`). */
      readonly why: string;
      readonly depth: number;
      /** One line: the saved trace's fate and the new violation's length. */
      readonly line: string;
    })
  | (Common & {
      /** Neither the trace nor a search to `depth` shows a violation. */
      readonly outcome: 'no-longer-reproduces';
      readonly why: string;
      readonly depth: number;
      /** Where the trace diverged (1-based step; 0: its initial state is gone), if it did. */
      readonly divergedAt?: number;
      /** The search covered every state within the depth (false: it hit the state bound). */
      readonly complete: boolean;
      /** `no longer reproduces: step 3 X is not enabled; no violation within depth 8`. */
      readonly line: string;
    });

/** The CLI's exit code for a verdict: 1 while a violation is shown, 0 otherwise. */
export function exitCodeOf(v: ReplayVerdict<unknown, Action>): 0 | 1 {
  return v.outcome === 'no-longer-reproduces' ? 0 : 1;
}

/** The depth the re-check searches to, for a trace of `length` steps. */
export function recheckDepth(length: number, margin?: number): number {
  return length + (margin ?? Math.max(4, Math.ceil(length / 2)));
}

/** Applies the rule to a parsed (so well-formed and unedited) trace on the current model. */
export function replayVerdict<S, A extends Action>(model: Model<S, A>, trace: Trace, opts: ReplayRuleOptions = {}): ReplayVerdict<S, A> {
  const property = model.properties.find((p) => p.name === trace.property);
  if (!property) throw new TraceError(`scenario ${trace.scenario} has no property ${trace.property}`);
  const prop = { name: property.name, kind: property.kind };
  const reached = property.kind === 'sometimes';
  let why: string;
  let divergedAt: number | undefined;
  try {
    const result = replay(model, property, trace.steps, { initIndex: trace.initIndex, recoveryFrom: trace.recoveryFrom, loopIndex: trace.loopIndex, promptControl: trace.promptControl });
    if (result.violated) {
      const counterexample: Counterexample<A> = {
        actions: result.steps.map((s) => s.action),
        labels: result.steps.map((s) => s.label),
        length: result.steps.length,
        initIndex: trace.initIndex ?? 0,
        ...(trace.recoveryFrom !== undefined ? { recoveryFrom: trace.recoveryFrom } : {}),
        ...(trace.loopIndex !== undefined ? { loopIndex: trace.loopIndex } : {}),
        ...(trace.promptControl ? { promptControl: true } : {}),
      };
      return { outcome: 'still-violates', property: prop, counterexample, replay: result };
    }
    why =
      result.loopCloses === false
        ? `the trace replays but its cycle no longer closes (the state after step ${trace.steps.length} is not the state after step ${trace.loopIndex})`
        : `the trace replays but ${property.name} is no longer ${reached ? 'reached' : 'violated'}`;
  } catch (e) {
    // Only a changed model's divergence is re-checked; every other error stays an error.
    if (!(e instanceof TraceDiverged)) throw e;
    divergedAt = e.step;
    why = e.step === 0 ? e.message : `step ${e.step} ${printable(e.what)} is not enabled`;
  }
  // Liveness is decided on the whole graph: its re-check has no depth bound, only the state bound.
  const live = isLiveness(property);
  const depth = live ? Infinity : recheckDepth(trace.steps.length, opts.margin);
  const maxStates = opts.maxStates ?? DEFAULT_RECHECK_STATES;
  const found = search(model, property, depth, maxStates, trace.promptControl ?? false);
  if (found.counterexample) {
    const cx = found.counterexample;
    const line = `the saved trace no longer reproduces (${why}), but ${property.name} is ${reached ? 'reached' : 'violated'} another way in ${cx.length} step${cx.length === 1 ? '' : 's'}`;
    return { outcome: 'new-counterexample', property: prop, counterexample: cx, why, depth, line };
  }
  const bound = found.complete ? '' : ` (the search stopped at ${maxStates} states)`;
  const where = live ? 'in the whole state graph' : `within depth ${depth}`;
  const line = `no longer reproduces: ${why}; no ${reached ? 'state reaching it' : 'violation'} ${where}${bound}`;
  return { outcome: 'no-longer-reproduces', property: prop, why, depth, ...(divergedAt !== undefined ? { divergedAt } : {}), complete: found.complete, line };
}

/**
 * A shortest violation of `property` alone within `depth`, as the exhaustive explorer finds
 * it (recovers re-checked by its RecoveryChecker). A sometimes property is searched as
 * "always not reached", so reaching it comes with the path there.
 */
function search<S, A extends Action>(model: Model<S, A>, property: Property<S>, depth: number, maxStates: number, promptControl: boolean): { counterexample?: Counterexample<A>; complete: boolean } {
  const target: Property<S> = property.kind === 'sometimes' ? { kind: 'always', name: property.name, pred: (s: S) => !property.pred(s) } : property;
  // The model itself, seen with one property: Object.create keeps every member (codecs,
  // packed transitions, format) and their `this`.
  const only = Object.create(model, { properties: { value: [target], enumerable: true } }) as Model<S, A>;
  const report = exploreExhaustive(only, { ...(depth === Infinity ? {} : { maxDepth: depth }), maxStates, ...(promptControl ? { promptControl } : {}) });
  const [result] = report.properties;
  const complete = report.stats.complete || report.stats.stoppedBy === 'depth';
  return { ...(result.counterexample ? { counterexample: result.counterexample } : {}), complete };
}
