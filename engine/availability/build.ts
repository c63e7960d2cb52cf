/**
 * A model's whole state graph as a continuous-time Markov chain (issue 18): every enabled
 * action either races as an exponential clock (`rate`, per second: a fault's rate, a repair's
 * or a tick's 1/T) or is immediate (`immediate`: AWS's zero-time control steps, a health
 * check's verdict, a launch). A state with an immediate action enabled is *vanishing*: no time
 * is spent there, its immediate actions pre-empt its timed ones, and it is eliminated, as in a
 * generalised stochastic Petri net: a timed transition into it is redirected to the tangible
 * states its immediate steps lead to, split evenly at each step (AWS's control loops run in no
 * particular order). What remains is a chain over the tangible states.
 *
 * One-line errors: an action with no timing (naming it), a cycle of immediate steps that never
 * lets time pass, a model whose states have no exact code.
 */
import type { Action, Model } from '../../model/core/model.js';
import { keyerFor } from '../keyer.js';
import { actionsOf, successorOf } from '../model-calls.js';
import { InputError } from '../scenario.js';
import { StateStore } from '../visited.js';
import { chainOf, type Chain } from './ctmc.js';

/** How an action is timed in the chain. */
export type Timing = { readonly rate: number } | 'immediate';

export interface BuiltChain<S> {
  readonly chain: Chain;
  /** The tangible states, in chain order. */
  readonly states: readonly S[];
  /** Where the chain starts: a distribution over the tangible states (the initial states, through their immediate steps). */
  readonly initial: Float64Array;
  /** States of the whole graph, and how many were vanishing (eliminated). */
  readonly graphStates: number;
  readonly vanishing: number;
  /** The actions from an initial state to tangible state `i`, as labels (for error messages). */
  pathTo(i: number): string;
}

export interface BuildOptions {
  /** Refuse graphs larger than this many states (default 5,000,000). */
  readonly maxStates?: number;
}

const IMMEDIATE = -1;

/**
 * Explores every state of `model` (breadth-first, exact codes) and builds its chain; `timing`
 * says how each enabled action is timed (undefined: the model has no rate for it, an error).
 */
export function buildChain<S, A extends Action>(model: Model<S, A>, timing: (a: A, s: S) => Timing | undefined, opts: BuildOptions = {}): BuiltChain<S> {
  const maxStates = opts.maxStates ?? 5_000_000;
  const keyer = keyerFor(model, false, 8);
  if (!keyer.exact) throw new InputError('availability: the model\'s states have no exact code (give it a schema, or keep its states plain data)');
  const words = keyer.words;
  const store = new StateStore(words);
  const buf = new Uint32Array(words);
  const states: S[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const rate: number[] = [];
  const label = (a: A): string => (model.format ? model.format(a) : a.type);

  const visit = (t: S, parent: number, index: number): number => {
    keyer.key(t, buf, 0);
    const id = store.insert(buf, 0, parent, index);
    if (id >= 0) {
      if (id >= maxStates) throw new InputError(`availability: more than ${maxStates} states; give a smaller configuration`);
      states.push(t);
      return id;
    }
    return store.find(buf, 0);
  };

  const inits = model.init();
  const initIds = inits.map((s, k) => visit(s, -1, k));
  for (let id = 0; id < states.length; id++) {
    const s = states[id];
    const acts = actionsOf(model, s);
    for (let k = 0; k < acts.length; k++) {
      const a = acts[k];
      const how = timing(a, s);
      if (how === undefined) throw new InputError(`availability: no rate for ${label(a)} (${a.kind}); give ${a.type} a rate (per hour, or its mean time) or mark it immediate`);
      if (how !== 'immediate' && !(how.rate >= 0 && Number.isFinite(how.rate))) throw new InputError(`availability: ${a.type} has rate ${how.rate}; a rate is a finite number >= 0 per second`);
      if (how !== 'immediate' && how.rate === 0) continue;
      const t = successorOf(model, s, a);
      const j = visit(t, id, k);
      from.push(id);
      to.push(j);
      rate.push(how === 'immediate' ? IMMEDIATE : how.rate);
    }
  }

  // Vanishing states: some immediate action enabled.
  const n = states.length;
  const vanishing = new Uint8Array(n);
  for (let e = 0; e < from.length; e++) if (rate[e] === IMMEDIATE) vanishing[from[e]] = 1;
  const tangible = new Int32Array(n).fill(-1);
  const tangibleStates: S[] = [];
  const graphId: number[] = [];
  for (let i = 0; i < n; i++) if (!vanishing[i]) {
    tangible[i] = tangibleStates.length;
    tangibleStates.push(states[i]);
    graphId.push(i);
  }
  // Immediate edges by source, for the elimination.
  const immStart = new Uint32Array(n + 1);
  for (let e = 0; e < from.length; e++) if (rate[e] === IMMEDIATE) immStart[from[e] + 1]++;
  for (let i = 0; i < n; i++) immStart[i + 1] += immStart[i];
  const immTo = new Uint32Array(immStart[n]);
  const fill = immStart.slice(0, n);
  for (let e = 0; e < from.length; e++) if (rate[e] === IMMEDIATE) immTo[fill[from[e]]++] = to[e];

  // Where a vanishing state ends, as tangible index -> probability (memoised; a cycle is an error).
  const ends = new Map<number, Map<number, number>>();
  const onPath = new Uint8Array(n);
  const absorb = (v: number): Map<number, number> => {
    const known = ends.get(v);
    if (known) return known;
    if (onPath[v]) throw new InputError(`availability: a cycle of zero-time steps that never lets time pass, through the state reached by ${describe(store, states, v, model)}`);
    onPath[v] = 1;
    const out = new Map<number, number>();
    const k = immStart[v + 1] - immStart[v];
    for (let e = immStart[v]; e < immStart[v + 1]; e++) {
      const w = immTo[e];
      if (!vanishing[w]) out.set(tangible[w], (out.get(tangible[w]) ?? 0) + 1 / k);
      else for (const [u, p] of absorb(w)) out.set(u, (out.get(u) ?? 0) + p / k);
    }
    onPath[v] = 0;
    ends.set(v, out);
    return out;
  };

  const cFrom: number[] = [];
  const cTo: number[] = [];
  const cRate: number[] = [];
  for (let e = 0; e < from.length; e++) {
    const i = from[e];
    if (vanishing[i] || rate[e] === IMMEDIATE) continue;
    const j = to[e];
    if (!vanishing[j]) {
      cFrom.push(tangible[i]);
      cTo.push(tangible[j]);
      cRate.push(rate[e]);
    } else {
      for (const [u, p] of absorb(j)) {
        cFrom.push(tangible[i]);
        cTo.push(u);
        cRate.push(rate[e] * p);
      }
    }
  }
  // Each rate is finite, but their sum out of one state may not be (two actions at 1e308/s):
  // the solvers would divide by Infinity and give the figures of another design.
  const exit = new Float64Array(tangibleStates.length);
  for (let e = 0; e < cFrom.length; e++) if (cFrom[e] !== cTo[e]) exit[cFrom[e]] += cRate[e];
  for (let i = 0; i < exit.length; i++) if (!Number.isFinite(exit[i])) throw rateSumError(describe(store, states, graphId[i], model));
  const initial = new Float64Array(tangibleStates.length);
  for (const id of initIds) {
    if (!vanishing[id]) initial[tangible[id]] += 1 / initIds.length;
    else for (const [u, p] of absorb(id)) initial[u] += p / initIds.length;
  }
  return {
    chain: chainOf(tangibleStates.length, cFrom, cTo, cRate),
    states: tangibleStates,
    initial,
    graphStates: n,
    vanishing: n - tangibleStates.length,
    pathTo: (i) => describe(store, states, graphId[i], model),
  };
}

/** The error for a state whose rates out, each finite, add up to more than a number holds (the exact chain and the simulation). */
export function rateSumError(path: string): InputError {
  return new InputError(`availability: the rates out of the state reached by ${path} add up to more than the largest number (each rate is finite, their sum is not); give smaller rates`);
}

/** The actions from an initial state to state `id`, as labels (for an error message). */
function describe<S, A extends Action>(store: StateStore, states: readonly S[], id: number, model: Model<S, A>): string {
  const path: string[] = [];
  let at = id;
  for (let guard = 0; guard < 50; guard++) {
    const p = store.parentOf(at);
    if (p < 0) break;
    const acts = actionsOf(model, states[p]);
    const a = acts[store.actionIndex[at]];
    path.push(a ? (model.format ? model.format(a) : a.type) : '?');
    at = p;
  }
  return path.length === 0 ? 'the initial state' : path.reverse().join(' ');
}
