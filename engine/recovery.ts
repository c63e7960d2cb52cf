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
import { StateStore } from './visited.js';

export const TICK = 'Tick';

/** The recovery moves enabled in `s`, in the model's order. */
export function recoveryMoves<S, A extends Action>(model: Model<S, A>, s: S): A[] {
  const all = model.actions(s);
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
    return this.within(s, this.property.within);
  }

  /** A recovery path from `s` along which `pred` is not restored in time (empty if it holds at s). */
  failingPath(s: S): A[] {
    const path: A[] = [];
    let cur = s;
    for (let b = this.property.within; b > 0 && !this.property.pred(cur); b--) {
      const moves = recoveryMoves(this.model, cur);
      const bad = moves.find((a) => !this.within(this.model.next(cur, a), b - 1));
      if (!bad) break;
      path.push(bad);
      cur = this.model.next(cur, bad);
    }
    return path;
  }

  private within(s: S, budget: number): boolean {
    if (this.property.pred(s)) return true;
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
      if (!this.within(this.model.next(s, moves[i]), budget - 1)) ok = false;
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
