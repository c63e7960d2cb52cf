/**
 * Bounded recovery (`recovers(name, pred, { within })`).
 *
 * From a state s, the recovery moves are its enabled control actions plus the ops the model
 * marks as recovery; `Tick` (the passing of time) is taken only when no other recovery move
 * is enabled, so control loops are prompt. The property holds at s when on every path of
 * recovery moves `pred` holds within `within` steps; a path that gets stuck first fails.
 * Results are memoised per state and budget (holds-within is monotone in the budget).
 */
import type { Action, Model } from '../model/core/model.js';
import type { RecoversProperty } from '../model/core/property.js';
import type { Keyer } from './keyer.js';
import { actionsOf, predOf, successorOf } from './model-calls.js';
import { ModelError } from './model-error.js';
import { stateNormalizer, type Normalizer } from './plain-data.js';
import { StateStore } from './visited.js';

export const TICK = 'Tick';

/** The recovery moves enabled in `s`, in the model's order. */
export function recoveryMoves<S, A extends Action>(model: Model<S, A>, s: S): A[] {
  const all = actionsOf(model, s);
  const out: A[] = [];
  let tick: A | undefined;
  for (let i = 0; i < all.length; i++) {
    const a = all[i];
    if (a.type === TICK) tick = a;
    else if (a.kind === 'control' || (a.kind === 'op' && model.isRecovery?.(a))) out.push(a);
  }
  if (out.length === 0 && tick) out.push(tick);
  return out;
}

const NEVER = 0x7fff;

export class RecoveryChecker<S, A extends Action> {
  private readonly memo: StateStore;
  /** Per memo id: the smallest budget known to hold, the largest known to fail. */
  private minOk = new Int16Array(1024);
  private maxFail = new Int16Array(1024);
  private readonly scratch: Uint32Array;
  private normalize: Normalizer | undefined;

  constructor(
    private readonly model: Model<S, A>,
    readonly property: RecoversProperty<S>,
    private readonly keyer: Keyer<S>,
  ) {
    this.memo = new StateStore(keyer.words);
    this.scratch = new Uint32Array(keyer.words * (property.within + 2));
  }

  /** Whether `pred` is restored within the property's bound on every recovery path from `s`. */
  holds(s: S): boolean {
    try {
      return this.within(s, this.property.within);
    } catch (e) {
      throw this.inSearch(e);
    }
  }

  /** A recovery path from `s` along which `pred` is not restored in time (empty if it holds at s). */
  failingPath(s: S): A[] {
    const path: A[] = [];
    let cur = s;
    try {
      for (let b = this.property.within; b > 0 && !this.pred(cur); b--) {
        const moves = recoveryMoves(this.model, cur);
        const bad = moves.find((a) => !this.within(this.successor(cur, a), b - 1));
        if (!bad) break;
        path.push(bad);
        cur = this.successor(cur, bad);
      }
    } catch (e) {
      throw this.inSearch(e);
    }
    return path;
  }

  /** A contract error met in the recovery search, saying so (the explorer adds the step it started from). */
  private inSearch(e: unknown): unknown {
    return e instanceof ModelError && e.place.step === undefined ? new ModelError(`${e.what} in ${this.property.name}'s recovery search`) : e;
  }

  private pred(s: S): boolean {
    return predOf(this.property, s);
  }

  /** Successors as the explorers see states (the first state checked is one already seen so). */
  private successor(s: S, a: A): S {
    this.normalize ??= stateNormalizer(this.model, s);
    return successorOf(this.model, s, a, this.normalize);
  }

  private within(s: S, budget: number): boolean {
    if (this.pred(s)) return true;
    if (budget === 0) return false;
    const off = budget * this.keyer.words;
    this.keyer.key(s, this.scratch, off);
    let id = this.memo.find(this.scratch, off);
    if (id >= 0) {
      if (this.minOk[id] <= budget) return true;
      if (this.maxFail[id] >= budget) return false;
    }
    const moves = recoveryMoves(this.model, s);
    let ok = moves.length > 0;
    for (let i = 0; ok && i < moves.length; i++) {
      if (!this.within(this.successor(s, moves[i]), budget - 1)) ok = false;
    }
    // The scratch slot at `off` is intact: deeper calls use lower budgets, lower offsets.
    if (id < 0) id = this.remember(off);
    if (ok) this.minOk[id] = Math.min(this.minOk[id], budget);
    else this.maxFail[id] = moves.length === 0 ? NEVER : Math.max(this.maxFail[id], budget);
    return ok;
  }

  private remember(off: number): number {
    const id = this.memo.insert(this.scratch, off, -1, 0);
    if (id >= this.minOk.length) {
      const minOk = new Int16Array(this.minOk.length * 2);
      minOk.set(this.minOk);
      this.minOk = minOk;
      const maxFail = new Int16Array(this.maxFail.length * 2);
      maxFail.set(this.maxFail);
      this.maxFail = maxFail;
    }
    this.minOk[id] = NEVER;
    this.maxFail[id] = -1;
    return id;
  }
}
