/**
 * Worst values of measured properties (issue 15: "the report prints the worst RPO and RTO
 * found, with the counterexample that reaches it").
 *
 * - An `always` property with a `measure` (`measureOf`): the largest `measureOf(s)` over the
 *   stored states.
 * - A `recovers` property with a `measure`: the largest recovery time, `RecoveryChecker.timeOf`
 *   (the most ticks, or steps, any recovery path from s takes to a stable `pred` state), in
 *   seconds with `withinSeconds`; Infinity ("never") when some path never recovers.
 *
 * The explorers call `observe` on every state they store, in storing order, so the first
 * state holding the largest value is one at the least depth (BFS): its path is a shortest one
 * to that value. Observing only reads states: the search, its counts and verdicts are those
 * of a run without measures, and a model without one never builds a `WorstValues`.
 */
import type { Action, Model } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { ShapeMismatch } from './inferred.js';
import { describe, ModelError, propertyError } from './model-error.js';
import { pathTo } from './path.js';
import type { RecoveryChecker } from './recovery.js';
import type { Counterexample, Worst } from './report.js';
import { buildCounterexample } from './trace.js';
import type { StateStore } from './visited.js';

/** Whether `prop` carries a measure the explorers record the worst of. */
export function isMeasured<S>(prop: Property<S>): boolean {
  return (prop.kind === 'always' && typeof prop.measureOf === 'function' && prop.measure !== undefined) || (prop.kind === 'recovers' && prop.measure !== undefined);
}

/** Indices of the measured properties. */
export function measuredIndices<S>(props: readonly Property<S>[]): number[] {
  const out: number[] = [];
  for (let p = 0; p < props.length; p++) if (isMeasured(props[p])) out.push(p);
  return out;
}

/**
 * Per measured property, the largest raw value observed (a measure's number, or a recovery's
 * ticks or steps) and the first id that holds it. `reset` starts a new window (the parallel
 * explorer's level) but keeps which properties reached Infinity: nothing can exceed it, so
 * those are measured no more.
 */
export class WorstValues<S, A extends Action> {
  readonly indices: readonly number[];
  readonly value: Float64Array;
  readonly id: Int32Array;
  private readonly done: Uint8Array;

  constructor(
    private readonly props: readonly Property<S>[],
    private readonly recoveries: readonly (RecoveryChecker<S, A> | undefined)[],
  ) {
    this.indices = measuredIndices(props);
    this.value = new Float64Array(props.length).fill(-Infinity);
    this.id = new Int32Array(props.length).fill(-1);
    this.done = new Uint8Array(props.length);
    for (const p of this.indices) {
      if (props[p].kind === 'recovers' && recoveries[p] === undefined) throw new Error(`${props[p].name}: a measured recovers property needs its RecoveryChecker`);
    }
  }

  /** Measures stored state `s` (id `id`) for every measured property. */
  observe(s: S, id: number): void {
    const ix = this.indices;
    for (let i = 0; i < ix.length; i++) {
      const p = ix[i];
      if (this.done[p] === 1) continue;
      const v = this.measure(p, s);
      if (v > this.value[p] || this.id[p] < 0) {
        this.value[p] = v;
        this.id[p] = id;
        if (v === Infinity) this.done[p] = 1;
      }
    }
  }

  /** A new window: values and ids forgotten, properties that reached Infinity still skipped. */
  reset(): void {
    this.value.fill(-Infinity);
    this.id.fill(-1);
  }

  private measure(p: number, s: S): number {
    const prop = this.props[p];
    let v: unknown;
    try {
      v = prop.kind === 'recovers' ? this.recoveries[p]!.timeOf(s) : (prop as { measureOf(s: S): unknown }).measureOf(s);
    } catch (e) {
      // A recovery search met a state wider than the inferred fields: widen, as for any state.
      if (e instanceof ShapeMismatch) throw e;
      throw propertyError(prop, e);
    }
    if (typeof v !== 'number' || Number.isNaN(v)) throw new ModelError(`property ${prop.name}: its measure returned ${typeof v === 'number' ? String(v) : describe(v)} (expected a number)`);
    return v;
  }
}

/** The label, unit and worst value (in the unit) of measured `prop` whose raw worst is `raw`. */
export function worstFigure<S, A extends Action>(prop: Property<S>, raw: number, recovery: RecoveryChecker<S, A> | undefined): { label: string; unit: string; value: number } {
  if (prop.kind === 'recovers') {
    const b = recovery!.bounds;
    return { label: prop.measure!.label, unit: b.unit === 'seconds' ? 's' : 'steps', value: b.unit === 'seconds' ? raw * b.tickSeconds! : raw };
  }
  if (prop.kind !== 'always' || prop.measure === undefined) throw new Error(`${prop.name} is not a measured property`);
  return { label: prop.measure.label, unit: prop.measure.unit, value: raw };
}

/**
 * The witness of a worst value: the path to stored state `id`; for `recovers`, followed by the
 * recovery path that takes the worst time (`longestPath`), or, for "never", one that shows it
 * with no bound (`neverPath`: stuck, a lasso, or a flap).
 */
export function worstTrace<S, A extends Action>(
  model: Model<S, A>,
  store: StateStore,
  prop: Property<S>,
  id: number,
  symmetry: boolean,
  recovery: RecoveryChecker<S, A> | undefined,
): Counterexample<A> {
  const { actions, initIndex, last } = pathTo(model, store, id, symmetry);
  if (prop.kind !== 'recovers') return buildCounterexample(model, actions, initIndex, undefined);
  if (recovery!.timeOf(last) !== Infinity) return buildCounterexample(model, actions, initIndex, actions.length, recovery!.longestPath(last));
  const failure = recovery!.neverPath(last);
  return buildCounterexample(model, actions, initIndex, actions.length, failure.actions, failure.loop !== undefined ? { loopIndex: actions.length + failure.loop } : {});
}

/** The `Worst` of measured `prop`, raw worst `raw` first held by stored state `id`. */
export function worstOf<S, A extends Action>(
  model: Model<S, A>,
  store: StateStore,
  prop: Property<S>,
  raw: number,
  id: number,
  complete: boolean,
  symmetry: boolean,
  recovery: RecoveryChecker<S, A> | undefined,
): Worst<A> {
  return { ...worstFigure(prop, raw, recovery), complete, trace: worstTrace(model, store, prop, id, symmetry, recovery) };
}
