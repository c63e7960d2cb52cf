/**
 * Counterexamples from a store: the path to a state is rebuilt by replaying the action
 * indices stored with each state from its initial state (as TLC does), so the hot loop never
 * keeps actions or labels.
 */
import type { Action, Model } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { keyerFor } from './keyer.js';
import type { GraphLasso } from './liveness.js';
import type { RecoveryChecker } from './recovery.js';
import type { PropertyResult } from './report.js';
import { buildCounterexample } from './trace.js';
import type { StateStore } from './visited.js';

/** The result of a property no state decided: holds (unreached) when the search completed, else unknown. */
export function undecidedResult<S, A extends Action>(prop: Property<S>, complete: boolean): PropertyResult<A> {
  const verdict = !complete ? 'unknown' : prop.kind === 'sometimes' ? 'unreached' : 'holds';
  return { name: prop.name, kind: prop.kind, verdict };
}

/** A property's result from the stored state `id` where it was decided (-1: never decided). */
export function resultAt<S, A extends Action>(
  model: Model<S, A>,
  store: StateStore,
  prop: Property<S>,
  id: number,
  complete: boolean,
  symmetry: boolean,
  recovery: RecoveryChecker<S, A> | undefined,
): PropertyResult<A> {
  if (id < 0) return undecidedResult(prop, complete);
  if (prop.kind === 'sometimes') return { name: prop.name, kind: prop.kind, verdict: 'reached' };
  const { actions, initIndex, last } = pathTo(model, store, id, symmetry);
  const failure = recovery ? recovery.failure(last) : { actions: [] };
  const loop = failure.loop !== undefined ? { loopIndex: actions.length + failure.loop } : {};
  const cx = buildCounterexample(model, actions, initIndex, recovery ? actions.length : undefined, failure.actions, loop);
  return { name: prop.name, kind: prop.kind, verdict: 'fails', counterexample: cx };
}

/**
 * A liveness property's result on a complete search: holds without a lasso; else the lasso
 * from the search's shortest path to its start, its stem and cycle replayed by action index.
 */
export function lassoResult<S, A extends Action>(model: Model<S, A>, store: StateStore, prop: Property<S>, lasso: GraphLasso | undefined): PropertyResult<A> {
  if (!lasso) return { name: prop.name, kind: prop.kind, verdict: 'holds' };
  const { actions, initIndex, last } = pathTo(model, store, lasso.start, false);
  const prefix = actions.length;
  let s = last;
  for (const k of lasso.steps) {
    const a = model.actions(s)[k];
    actions.push(a);
    s = model.next(s, a);
  }
  const cx = buildCounterexample(model, actions, initIndex, undefined, [], { loopIndex: prefix + lasso.loop });
  return { name: prop.name, kind: prop.kind, verdict: 'fails', counterexample: cx };
}

/** Rebuilds the path to state `id` by replaying action indices from its initial state. */
export function pathTo<S, A extends Action>(
  model: Model<S, A>,
  store: StateStore,
  id: number,
  symmetry: boolean,
): { actions: A[]; initIndex: number; last: S } {
  const indices: number[] = [];
  let cur = id;
  while (store.parentOf(cur) >= 0) {
    indices.push(store.actionIndex[cur]);
    cur = store.parentOf(cur);
  }
  indices.reverse();
  const initIndex = store.actionIndex[cur];
  let s = model.init()[initIndex];
  const actions: A[] = [];
  if (!symmetry) {
    for (const k of indices) {
      const a = model.actions(s)[k];
      actions.push(a);
      s = model.next(s, a);
    }
    return { actions, initIndex, last: s };
  }
  // Indices refer to representatives: at each step take the concrete action whose
  // successor has the same representative, so the trace replays on the real model.
  const keyer = keyerFor(model, true);
  const want = new Uint32Array(keyer.words);
  const got = new Uint32Array(keyer.words);
  let rep = model.canonical!(s);
  for (const k of indices) {
    const repNext = model.canonical!(model.next(rep, model.actions(rep)[k]));
    keyer.key(repNext, want, 0);
    const match = model.actions(s).find((a) => {
      keyer.key(model.next(s, a), got, 0);
      return got.every((w, i) => w === want[i]);
    });
    if (!match) throw new Error('symmetry: canonical(s) is not a symmetry of the model (no matching action)');
    actions.push(match);
    s = model.next(s, match);
    rep = repNext;
  }
  return { actions, initIndex, last: s };
}
