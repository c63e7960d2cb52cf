/**
 * Bounded, stable recovery (`recovers(name, pred, { within | withinSeconds, hold })`).
 *
 * From a state s, the recovery moves are its enabled control actions plus the ops the model
 * marks as recovery; `Tick` (the passing of time) is taken only when no other recovery move
 * is due, so control loops are prompt. A move the model says may wait (`mayDefer`: a delay
 * given as a range, such as an RDS failover's 60-120 s) leaves `Tick` a move beside it, so the
 * range is explored to its deadline, not only at its low end. The property holds at s when on every path of
 * recovery moves `pred` is restored within the bound and, from the first state where it is,
 * keeps holding for the hold time: by default in every state any recovery path from there
 * reaches ("until the next fault": faults and ops are what the recovery graph leaves out). A
 * path that gets stuck before `pred` holds fails, and so does one that restores `pred` and
 * loses it again (a flap).
 *
 * The bound counts steps (`within`: every move, `Tick` included) or model time
 * (`withinSeconds`: only `Tick`s count, each `tickSeconds` long; control steps take no time,
 * and at most `maxStepsBetweenTicks` of them may come in a row).
 *
 * How it is computed. Holding is not a search per budget: for every state s where `pred` does
 * not hold, `cost(s)` is the most ticks (steps) any recovery path from s takes to its first
 * `pred` state, INFINITE when some path never gets there (it is stuck, it cycles through
 * states without `pred`, or its first `pred` state is not stable). That is a longest path in
 * the graph of non-`pred` states, so one iterative Tarjan pass (an explicit stack: no
 * recursion per step, any bound) computes it for every state it meets, memoised for good:
 * a state in a cycle, or with a move to one, costs INFINITE; any other costs the most of
 * `weight + cost` over its moves. Stability of a `pred` state (every state reachable from it
 * satisfies `pred`) is a second iterative search over `pred` states only, memoised too, and a
 * finite hold a breadth-first search bounded by the hold. s holds when `cost(s) <= bound`
 * (and, with `withinSeconds`, its longest run of zero-time steps is within the limit).
 * Values are 32-bit; nothing grows with the bound.
 */
import type { Action, Model } from '../model/core/model.js';
import { DEFAULT_MAX_STEPS_BETWEEN_TICKS, type RecoversProperty } from '../model/core/property.js';
import type { Keyer } from './keyer.js';
import { actionsOf, predOf, successorOf } from './model-calls.js';
import { ModelError } from './model-error.js';
import { stateNormalizer, type Normalizer } from './plain-data.js';
import { InputError } from './scenario.js';
import { StateStore } from './visited.js';

export const TICK = 'Tick';

/** The recovery moves enabled in `s`, in the model's order (`Tick` last, when no move is due). */
export function recoveryMoves<S, A extends Action>(model: Model<S, A>, s: S): A[] {
  const all = actionsOf(model, s);
  const out: A[] = [];
  let tick: A | undefined;
  let due = false;
  for (let i = 0; i < all.length; i++) {
    const a = all[i];
    if (a.type === TICK) tick = a;
    else if (a.kind === 'control' || (a.kind === 'op' && model.isRecovery?.(a))) {
      out.push(a);
      if (!due && !mayWait(model, s, a)) due = true;
    }
  }
  if (!due && tick) out.push(tick);
  return out;
}

/** `a`, a recovery move enabled in `s`, may wait while time passes (the model's `mayDefer`; a recovery op never does). */
function mayWait<S, A extends Action>(model: Model<S, A>, s: S, a: A): boolean {
  return a.kind === 'control' && model.mayDefer !== undefined && model.mayDefer(s, a) === true;
}

/**
 * Prompt control (`--prompt-control`): `Tick` waits while a control action or a recovery op
 * is enabled, the rule `recoveryMoves` applies to recovery paths, applied to the whole
 * search. Returns the index in `acts` of the `Tick` to leave out, or -1 (no Tick, or nothing
 * else due). A loop over the list: no allocation.
 */
export function deferredTick<S, A extends Action>(model: Model<S, A>, acts: readonly A[], s: S): number {
  let tick = -1;
  let due = false;
  for (let i = 0; i < acts.length; i++) {
    const a = acts[i];
    if (a.type === TICK) tick = i;
    else if (!due && (a.kind === 'control' || (a.kind === 'op' && model.isRecovery?.(a))) && !mayWait(model, s, a)) due = true;
  }
  return due ? tick : -1;
}

/** The model has ranged delays (`mayDefer`) but no answer for them on codes: prompt control must expand it on objects. */
export function defersOnObjectsOnly<S, A extends Action>(model: Model<S, A>): boolean {
  return model.mayDefer !== undefined && model.packed?.mayDefer === undefined;
}

/**
 * Packed action numbers: which are `Tick` (1), which are other recovery moves due at once (2),
 * and which are control actions that may wait (3: the model's `mayDefer`, asked on the packed
 * state, `packed.mayDefer`), for `deferredPackedTick`.
 */
export function packedMoveKinds<S, A extends Action>(model: Model<S, A>, table: readonly A[]): Uint8Array {
  // A deferral depends on the state: without it on codes, the packed loop cannot tell.
  const asks = model.mayDefer !== undefined;
  if (defersOnObjectsOnly(model)) throw new InputError('prompt control on packed transitions needs every control action due at once, or mayDefer on codes (packed.mayDefer); this model declares mayDefer only on objects');
  return Uint8Array.from(table, (a) => (a.type === TICK ? 1 : a.kind === 'control' ? (asks ? 3 : 2) : a.kind === 'op' && model.isRecovery?.(a) ? 2 : 0));
}

/**
 * `deferredTick` on the packed action numbers `acts[0..n)` of the state `code` at `off`;
 * `mayDefer` answers for the control actions marked 3.
 */
export function deferredPackedTick(kinds: Uint8Array, acts: Int32Array, n: number, code?: Uint32Array, off = 0, mayDefer?: (code: Uint32Array, off: number, action: number) => boolean): number {
  let tick = -1;
  let due = false;
  for (let i = 0; i < n; i++) {
    const k = kinds[acts[i]];
    if (k === 1) tick = i;
    else if (k === 2) due = true;
    else if (k === 3 && !due && mayDefer!(code!, off, acts[i]) !== true) due = true;
  }
  return due ? tick : -1;
}

/** Seconds per `Tick` of a model that declares its clock (a composition's `tickSeconds`), else undefined. */
export function tickSecondsOf(model: object): number | undefined {
  const t = (model as { readonly tickSeconds?: unknown }).tickSeconds;
  return typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : undefined;
}

/** A `recovers` property's bounds in the units the search counts. */
export interface RecoveryBounds {
  /** `seconds`: only ticks count; `steps`: every move does. */
  readonly unit: 'steps' | 'seconds';
  /** Most ticks (seconds) or steps before `pred` must hold. */
  readonly bound: number;
  /** Ticks (seconds) or steps `pred` must keep holding; Infinity: until the next fault. */
  readonly hold: number;
  /** Most zero-time steps in a row (seconds); Infinity for steps. */
  readonly maxRun: number;
  /** Seconds per tick (seconds). */
  readonly tickSeconds?: number;
}

/** Whole ticks in `seconds` (a bound of 90 s on a 60 s clock allows one tick). */
function ticksIn(seconds: number, tickSeconds: number): number {
  return Math.floor(seconds / tickSeconds + 1e-9);
}

/** The bounds of `property` on `model`; withinSeconds on a model without a clock is a one-line InputError. */
export function recoveryBounds<S, A extends Action>(model: Model<S, A>, property: RecoversProperty<S>): RecoveryBounds {
  if (property.withinSeconds === undefined) {
    const bound = property.within ?? 0;
    return { unit: 'steps', bound, hold: property.hold === 'untilNextFault' || property.hold === undefined ? Infinity : property.hold, maxRun: Infinity };
  }
  const tickSeconds = tickSecondsOf(model);
  if (tickSeconds === undefined) {
    throw new InputError(`recovers ${property.name}: withinSeconds needs a model with a clock (tickSeconds, as a composition with timers has); without one give within (steps)`);
  }
  return {
    unit: 'seconds',
    bound: ticksIn(property.withinSeconds, tickSeconds),
    hold: property.hold === 'untilNextFault' || property.hold === undefined ? Infinity : ticksIn(property.hold, tickSeconds),
    maxRun: property.maxStepsBetweenTicks ?? DEFAULT_MAX_STEPS_BETWEEN_TICKS,
    tickSeconds,
  };
}

/** A recovery path that fails, from the state it starts in. */
export interface RecoveryFailure<A> {
  readonly actions: A[];
  /** When the path ends in a state it passed before: the position (0 = the start) it loops back to. */
  readonly loop?: number;
}

const INFINITE = 0x7fffffff;
/** `status`: not met yet, on the search's stack, decided. */
const NEW = 0;
const OPEN = 1;
const DONE = 2;
/** `stable`: not known, stable, unstable. */
const UNKNOWN = 0;
const STABLE = 1;
const UNSTABLE = 2;
/** `predBits`: evaluated, and its value. */
const KNOWN = 1;
const TRUE = 2;

function add(w: number, v: number): number {
  return v >= INFINITE - w ? INFINITE : v + w;
}

/** One state being expanded by a search: its successors sit in the edge stack from `edgeStart`. */
interface Frame<S> {
  id: number;
  state: S;
  edgeStart: number;
  edgeEnd: number;
  cursor: number;
  /** Most weight + cost over the moves decided so far (INFINITE when there is none). */
  cost: number;
  /** Longest run of zero-time steps starting here, and anywhere below. */
  lead: number;
  run: number;
  /** A move to itself (a cycle of one). */
  selfLoop: boolean;
  /** The weight of the move to the child being searched. */
  pendingWeight: number;
}

export class RecoveryChecker<S, A extends Action> {
  readonly bounds: RecoveryBounds;
  private readonly memo: StateStore;
  private predBits = new Uint8Array(1024);
  private status = new Uint8Array(1024);
  private stable = new Uint8Array(1024);
  private index = new Int32Array(1024);
  private low = new Int32Array(1024);
  private cost = new Int32Array(1024);
  private lead = new Int32Array(1024);
  private run = new Int32Array(1024);
  private counter = 0;
  private readonly scratch: Uint32Array;
  private normalize: Normalizer | undefined;

  constructor(
    private readonly model: Model<S, A>,
    readonly property: RecoversProperty<S>,
    private readonly keyer: Keyer<S>,
  ) {
    this.bounds = recoveryBounds(model, property);
    this.memo = new StateStore(keyer.words);
    this.scratch = new Uint32Array(keyer.words);
  }

  /** Whether `pred` is restored within the bound, and then stays, on every recovery path from `s`. */
  holds(s: S): boolean {
    try {
      const id = this.idOf(s);
      if (this.pred(id, s)) return this.isStable(id, s);
      if (this.status[id] !== DONE) this.solve(id, s);
      return this.cost[id] <= this.bounds.bound && this.run[id] <= this.bounds.maxRun;
    } catch (e) {
      throw this.inSearch(e);
    }
  }

  /**
   * A recovery path from `s` that shows the failure (empty if it holds at s): it ends where
   * the bound is passed without `pred`, where no move is enabled, where it loops back to a
   * state it passed (`loop`), after the zero-time steps pass their limit, or, for a flap,
   * where `pred`, restored on the way, is lost again.
   */
  failure(s: S): RecoveryFailure<A> {
    if (this.holds(s)) return { actions: [] }; // holds says "in the recovery search" itself: said once
    try {
      return this.walk(s);
    } catch (e) {
      throw this.inSearch(e);
    }
  }

  /**
   * The most ticks (steps) a recovery path from `s` takes to its first `pred` state, stable:
   * 0 where `pred` holds stably, Infinity where some path never gets there or `pred`, holding,
   * is lost again (the `cost` `holds` compares with the bound). For a measured property's worst.
   */
  timeOf(s: S): number {
    try {
      const id = this.idOf(s);
      if (this.pred(id, s)) return this.isStable(id, s) ? 0 : Infinity;
      if (this.status[id] !== DONE) this.solve(id, s);
      return this.cost[id] >= INFINITE ? Infinity : this.cost[id];
    } catch (e) {
      throw this.inSearch(e);
    }
  }

  /**
   * A recovery path from `s` (`timeOf(s)` finite) that takes `timeOf(s)`: at each step a move
   * with the most weight + cost (the first such, in the model's order), to the first `pred`
   * state. Finite cost means no cycle of states without `pred`, so the walk ends.
   */
  longestPath(s: S): A[] {
    try {
      const actions: A[] = [];
      let cur = s;
      let id = this.idOf(s);
      if (!this.pred(id, s) && this.status[id] !== DONE) this.solve(id, s);
      while (!this.pred(id, cur)) {
        if (this.cost[id] >= INFINITE) throw new Error(`${this.property.name}: longestPath from a state that never recovers`);
        let best: { a: A; t: S; id: number; c: number } | undefined;
        for (const a of recoveryMoves(this.model, cur)) {
          const t = this.successor(cur, a);
          const tid = this.idOf(t);
          const c = add(this.weight(a), this.costOf(tid, t));
          if (best === undefined || c > best.c) best = { a, t, id: tid, c };
        }
        actions.push(best!.a);
        cur = best!.t;
        id = best!.id;
      }
      return actions;
    } catch (e) {
      throw this.inSearch(e);
    }
  }

  /**
   * A recovery path from `s` (`timeOf(s)` Infinity) that shows it never recovers, with no
   * bound: moves that keep the cost INFINITE (the first such, in the model's order) until the
   * path is stuck, loops back to a state it passed (`loop`), or reaches a `pred` state that is
   * not stable, followed by the path on which `pred` is lost again (a flap).
   */
  neverPath(s: S): RecoveryFailure<A> {
    try {
      const actions: A[] = [];
      const seenAt = new Map<number, number>();
      let cur = s;
      let id = this.idOf(s);
      if (!this.pred(id, s) && this.status[id] !== DONE) this.solve(id, s);
      for (;;) {
        if (this.pred(id, cur)) {
          actions.push(...(this.flapWithin(cur) ?? []));
          return { actions };
        }
        const at = seenAt.get(id);
        if (at !== undefined) return { actions, loop: at };
        seenAt.set(id, actions.length);
        let next: { a: A; t: S; id: number } | undefined;
        for (const a of recoveryMoves(this.model, cur)) {
          const t = this.successor(cur, a);
          const tid = this.idOf(t);
          if (add(this.weight(a), this.costOf(tid, t)) >= INFINITE) {
            next = { a, t, id: tid };
            break;
          }
        }
        if (next === undefined) return { actions }; // stuck: no move at all (a state with a move of finite cost costs finite)
        actions.push(next.a);
        cur = next.t;
        id = next.id;
      }
    } catch (e) {
      throw this.inSearch(e);
    }
  }

  /** The actions of `failure(s)`. */
  failingPath(s: S): A[] {
    return this.failure(s).actions;
  }

  /** A contract error met in the recovery search, saying so (the explorer adds the step it started from). */
  private inSearch(e: unknown): unknown {
    return e instanceof ModelError && e.place.step === undefined ? new ModelError(`${e.what} in ${this.property.name}'s recovery search`) : e;
  }

  /** Successors as the explorers see states (the first state checked is one already seen so). */
  private successor(s: S, a: A): S {
    this.normalize ??= stateNormalizer(this.model, s);
    return successorOf(this.model, s, a, this.normalize);
  }

  private weight(a: A): number {
    return this.bounds.unit === 'steps' || a.type === TICK ? 1 : 0;
  }

  private idOf(s: S): number {
    this.keyer.key(s, this.scratch, 0);
    const id = this.memo.find(this.scratch, 0);
    if (id >= 0) return id;
    const nid = this.memo.insert(this.scratch, 0, -1, 0);
    if (nid >= this.status.length) this.grow();
    return nid;
  }

  private pred(id: number, s: S): boolean {
    const bits = this.predBits[id];
    if (bits & KNOWN) return (bits & TRUE) !== 0;
    const v = predOf(this.property, s);
    this.predBits[id] = KNOWN | (v ? TRUE : 0);
    return v;
  }

  private grow(): void {
    const n = this.status.length * 2;
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.predBits = u8(this.predBits);
    this.status = u8(this.status);
    this.stable = u8(this.stable);
    this.index = i32(this.index);
    this.low = i32(this.low);
    this.cost = i32(this.cost);
    this.lead = i32(this.lead);
    this.run = i32(this.run);
  }

  /** The value a move into `id` contributes: a `pred` state costs 0 if stable, else INFINITE. */
  private costOf(id: number, s: S): number {
    return this.pred(id, s) ? (this.isStable(id, s) ? 0 : INFINITE) : this.cost[id];
  }

  /** Tarjan's step into a state: numbered, on the search's stack. */
  private enter(id: number, sccStack: number[]): void {
    this.status[id] = OPEN;
    this.index[id] = this.low[id] = this.counter++;
    sccStack.push(id);
  }

  /**
   * Appends the recovery moves' successors of `s` (their ids and states, and the moves'
   * weights when asked) to a Tarjan pass's edge lists; returns how many moves there are.
   */
  private expand(s: S, ids: number[], states: S[], weights?: number[]): number {
    const moves = recoveryMoves(this.model, s);
    for (let i = 0; i < moves.length; i++) {
      const t = this.successor(s, moves[i]);
      ids.push(this.idOf(t));
      states.push(t);
      weights?.push(this.weight(moves[i]));
    }
    return moves.length;
  }

  /**
   * Tarjan's strongly connected components over the states without `pred` reachable from
   * `root`, on an explicit stack; sets `cost`, `lead` and `run` of every state it completes.
   */
  private solve(root: number, rootState: S): void {
    const frames: Frame<S>[] = [];
    const edgeIds: number[] = [];
    const edgeStates: S[] = [];
    const edgeWeights: number[] = [];
    const sccStack: number[] = [];
    const open = (id: number, s: S): void => {
      this.enter(id, sccStack);
      const edgeStart = edgeIds.length;
      const count = this.expand(s, edgeIds, edgeStates, edgeWeights);
      frames.push({ id, state: s, edgeStart, edgeEnd: edgeIds.length, cursor: edgeStart, cost: count === 0 ? INFINITE : 0, lead: 0, run: 0, selfLoop: false, pendingWeight: 0 });
    };
    /** Takes a decided successor `v` (reached by a move of weight `w`) into frame `f`. */
    const take = (f: Frame<S>, v: number, vs: S, w: number): void => {
      const c = add(w, this.costOf(v, vs));
      if (c > f.cost) f.cost = c;
      if (this.pred(v, vs)) {
        // The run of zero-time steps ends at restoration: the step into it is its last.
        if (w === 0 && f.lead < 1) f.lead = 1;
        return;
      }
      if (w === 0) {
        const l = add(1, this.lead[v]);
        if (l > f.lead) f.lead = l;
      }
      if (this.run[v] > f.run) f.run = this.run[v];
    };
    open(root, rootState);
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      if (f.cursor < f.edgeEnd) {
        const e = f.cursor++;
        const v = edgeIds[e];
        const vs = edgeStates[e];
        const w = edgeWeights[e];
        if (this.pred(v, vs)) take(f, v, vs, w);
        else if (this.status[v] === NEW) {
          f.pendingWeight = w;
          open(v, vs);
        } else if (this.status[v] === OPEN) {
          // A cycle through states without pred: the whole component costs INFINITE.
          if (v === f.id) f.selfLoop = true;
          if (this.index[v] < this.low[f.id]) this.low[f.id] = this.index[v];
        } else take(f, v, vs, w);
        continue;
      }
      frames.pop();
      const id = f.id;
      if (this.low[id] === this.index[id]) {
        let size = 0;
        let member: number;
        do {
          member = sccStack.pop()!;
          size++;
          this.status[member] = DONE;
          this.cost[member] = INFINITE;
          this.lead[member] = INFINITE;
          this.run[member] = INFINITE;
        } while (member !== id);
        if (size === 1 && !f.selfLoop) {
          this.cost[id] = f.cost;
          this.lead[id] = f.lead;
          this.run[id] = Math.max(f.lead, f.run);
        }
      }
      edgeIds.length = edgeStates.length = edgeWeights.length = f.edgeStart;
      const parent = frames[frames.length - 1];
      if (parent === undefined) continue;
      if (this.low[id] < this.low[parent.id]) this.low[parent.id] = this.low[id];
      if (this.status[id] === DONE) take(parent, id, f.state, parent.pendingWeight);
    }
  }

  /** Whether `pred` keeps holding for the hold time on every recovery path from `pred` state `id`. */
  private isStable(id: number, s: S): boolean {
    const known = this.stable[id];
    if (known !== UNKNOWN) return known === STABLE;
    const ok = this.bounds.hold === Infinity ? this.stableForever(id, s) : this.flapWithin(s) === undefined;
    this.stable[id] = ok ? STABLE : UNSTABLE;
    return ok;
  }

  /**
   * Whether every state reachable from `pred` state `root` by recovery moves satisfies `pred`:
   * an iterative depth-first search over `pred` states. The first move out of them (or into a
   * state known unstable) makes every state on the search's stack unstable, since each of
   * them reaches the current one; a component completed without one is stable.
   */
  private stableForever(root: number, rootState: S): boolean {
    const frames: { id: number; state: S; edgeStart: number; edgeEnd: number; cursor: number }[] = [];
    const edgeIds: number[] = [];
    const edgeStates: S[] = [];
    const sccStack: number[] = [];
    const open = (id: number, s: S): void => {
      this.enter(id, sccStack);
      const edgeStart = edgeIds.length;
      this.expand(s, edgeIds, edgeStates);
      frames.push({ id, state: s, edgeStart, edgeEnd: edgeIds.length, cursor: edgeStart });
    };
    open(root, rootState);
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      if (f.cursor < f.edgeEnd) {
        const e = f.cursor++;
        const v = edgeIds[e];
        if (!this.pred(v, edgeStates[e]) || this.stable[v] === UNSTABLE) {
          for (const m of sccStack) {
            this.status[m] = DONE;
            this.stable[m] = UNSTABLE;
          }
          return false;
        }
        if (this.status[v] === NEW) open(v, edgeStates[e]);
        else if (this.status[v] === OPEN && this.index[v] < this.low[f.id]) this.low[f.id] = this.index[v];
        continue;
      }
      frames.pop();
      if (this.low[f.id] === this.index[f.id]) {
        let m: number;
        do {
          m = sccStack.pop()!;
          this.status[m] = DONE;
          this.stable[m] = STABLE;
        } while (m !== f.id);
      }
      const parent = frames[frames.length - 1];
      if (parent && this.low[f.id] < this.low[parent.id]) this.low[parent.id] = this.low[f.id];
    }
    return this.stable[root] === STABLE;
  }

  /**
   * A shortest recovery path from `pred` state `s` to a state without `pred`, within the hold
   * (ticks or steps; any length for "until the next fault"), or undefined: a breadth-first
   * search over `pred` states, zero-time steps before ticks (0-1 BFS).
   */
  private flapWithin(s: S): A[] | undefined {
    const hold = this.bounds.hold;
    const seen = new Map<number, number>();
    type Node = { id: number; state: S; dist: number; from: Node | undefined; by: A | undefined };
    const start: Node = { id: this.idOf(s), state: s, dist: 0, from: undefined, by: undefined };
    seen.set(start.id, 0);
    // A deque as two stacks: `now` holds the current distance, `later` the next one.
    let now: Node[] = [start];
    let later: Node[] = [];
    while (now.length > 0) {
      for (let i = 0; i < now.length; i++) {
        const n = now[i];
        const moves = recoveryMoves(this.model, n.state);
        for (const a of moves) {
          const t = this.successor(n.state, a);
          const w = this.weight(a);
          const d = n.dist + w;
          if (d > hold) continue;
          const id = this.idOf(t);
          const best = seen.get(id);
          if (best !== undefined && best <= d) continue;
          seen.set(id, d);
          const node: Node = { id, state: t, dist: d, from: n, by: a };
          if (!this.pred(id, t)) {
            const path: A[] = [];
            for (let x: Node | undefined = node; x?.by !== undefined; x = x.from) path.push(x.by);
            return path.reverse();
          }
          (w === 0 ? now : later).push(node);
        }
      }
      now = later;
      later = [];
    }
    return undefined;
  }

  /** Follows the moves that keep the failure, from `s` (which fails), to where it shows. */
  private walk(s: S): RecoveryFailure<A> {
    const { bound } = this.bounds;
    const actions: A[] = [];
    let cur = s;
    let id = this.idOf(s);
    if (this.pred(id, s)) return { actions: this.flapWithin(s) ?? [] };
    if (this.cost[id] <= bound) return this.walkRun(s);
    const seenAt = new Map<number, number>();
    let spent = 0;
    const steps = this.bounds.unit === 'steps';
    for (;;) {
      // Not restored within the bound: in seconds, once a tick passes it (steps at that
      // instant still count); in steps, once the bound is used up.
      if (!steps && spent > bound) break;
      if (this.pred(id, cur)) {
        actions.push(...(this.flapWithin(cur) ?? []));
        break;
      }
      if (steps && spent >= bound) break;
      const at = seenAt.get(id);
      if (at !== undefined) return { actions, loop: at };
      seenAt.set(id, actions.length);
      const moves = recoveryMoves(this.model, cur);
      if (moves.length === 0) break; // stuck
      let best: { a: A; t: S; id: number; c: number } | undefined;
      for (const a of moves) {
        const t = this.successor(cur, a);
        const tid = this.idOf(t);
        const c = add(this.weight(a), this.costOf(tid, t));
        if (best === undefined || c > best.c) best = { a, t, id: tid, c };
      }
      actions.push(best!.a);
      spent += this.weight(best!.a);
      cur = best!.t;
      id = best!.id;
    }
    return { actions };
  }

  /** A path with more than `maxRun` zero-time steps in a row, from `s` (restored in time, but only after such a run). */
  private walkRun(s: S): RecoveryFailure<A> {
    const maxRun = this.bounds.maxRun;
    const actions: A[] = [];
    let cur = s;
    let id = this.idOf(s);
    // To a state whose own zero-time run is too long, then along that run.
    while (this.lead[id] <= maxRun) {
      const next = this.stepBy(cur, (a, tid, t) => (this.pred(tid, t) ? -1 : this.run[tid]));
      actions.push(next.a);
      cur = next.t;
      id = next.id;
    }
    for (let k = 0; k <= maxRun; k++) {
      const next = this.stepBy(cur, (a, tid, t) => (this.weight(a) !== 0 ? -1 : this.pred(tid, t) ? 0 : add(1, this.lead[tid])));
      actions.push(next.a);
      cur = next.t;
    }
    return { actions };
  }

  /** The move from `s` with the largest `score`. */
  private stepBy(s: S, score: (a: A, id: number, t: S) => number): { a: A; t: S; id: number } {
    let best: { a: A; t: S; id: number; v: number } | undefined;
    for (const a of recoveryMoves(this.model, s)) {
      const t = this.successor(s, a);
      const id = this.idOf(t);
      const v = score(a, id, t);
      if (best === undefined || v > best.v) best = { a, t, id, v };
    }
    return best!;
  }
}
