/**
 * Availability by simulation (issue 18), for designs too large to build as a chain: the same
 * timing as build.ts (`Timing`: exponential clocks at their rates, immediate steps in zero
 * time), simulated on the model itself from its (first) initial state: where the design always
 * comes back, the long-run figure does not depend on the start. Only the states a run visits
 * are ever expanded, each once (their successors, rates and predicate are cached by exact code,
 * or by 64-bit fingerprint when the model has none).
 *
 * The estimator:
 * - Regenerative method. The regeneration point is the state where 16 short plain warm-up
 *   runs spend most of their time (all up: the initial state itself may never come back, e.g.
 *   when a group replaces an instance in another slot); every run must keep visiting it, or the
 *   design is refused as one that never comes back from some fault (the runs settled in
 *   different places). In a Markov chain each return to it starts an independent, identically
 *   distributed cycle. Unavailability = E[downtime in a cycle] /
 *   E[cycle length] (a ratio estimator), its confidence interval by the delta method, normal
 *   quantile.
 * - Discrete-time conversion (Fox and Glynn): the run draws only the jumps; each visit to a
 *   state is credited with its expected holding time, 1 / (its total rate out). Same mean,
 *   less variance, no exponential draws.
 * - Rare events: balanced failure biasing (Shahabuddin 1994). Where a state can both fail
 *   further and do something else (a repair, a tick of AWS's clock), the jump is a failure with
 *   probability `bias` (0.5), split evenly among the failures; where only failures can happen
 *   (a quiet state: nothing to repair or wait for), they are split evenly. The likelihood
 *   ratio of the jumps (natural over biased probability) weights the downtime, which stays
 *   unbiased. Biasing runs in episodes: each cycle is run plain (its length), and from each
 *   quiet state it enters, one biased episode runs until the next quiet state; the cycle's
 *   downtime is the sum of its episodes' weighted downtime. A likelihood ratio then never spans
 *   more than one failure-and-repair episode: over a whole cycle (a group whose replacement
 *   lands in another slot comes back to the regeneration state only after several episodes)
 *   it would multiply up, its variance grow without bound, and the estimate come out low with
 *   a confident, wrong interval. An episode stops biasing at its first downtime (the ratio is
 *   frozen from there: the way back is not rare). `importance: 'auto'` runs a plain pilot
 *   first and biases only when fewer than 5 % of its cycles see downtime.
 * - Failures: the fault actions (kind 'fault') whose types are enabled in the regeneration
 *   state, where nothing is broken: a repair (AzRecover, Repair) is not enabled there.
 *   `isFailure` overrides this.
 * - Stops when the interval's half-width is within `precision` of the estimate (after at
 *   least `minCycles` cycles and `minHits` cycles with downtime), or at `maxCycles`: then it
 *   says it did not converge, and by how much.
 *
 * Zero-time steps are resolved as build.ts does: a state with an immediate action enabled
 * spends no time, its timed actions are pre-empted, and one of its immediate actions is taken,
 * each with equal probability. A self-loop (a timed action that leaves the state as it was)
 * changes nothing in a Markov chain and is dropped, as the chain builder drops it.
 */
import type { Action, Model } from '../../model/core/model.js';
import { keyerFor, type Keyer } from '../keyer.js';
import { actionsOf, successorOf } from '../model-calls.js';
import { InputError } from '../scenario.js';
import { StateStore } from '../visited.js';
import { MINUTES_PER_YEAR } from './analyze.js';
import { rateSumError, type Timing } from './build.js';

export interface MonteCarloOptions<A extends Action = Action> {
  /** The generator's seed (a 32-bit integer; default 1): the same seed gives the same figures. */
  readonly seed?: number;
  /** Stop when the interval's half-width is at most this share of the estimate (default 0.1). */
  readonly precision?: number;
  /** Confidence of the interval (default 0.95). */
  readonly confidence?: number;
  /** Cycles to run at most, plain and biased together (default 1,000,000). */
  readonly maxCycles?: number;
  /** Cycles before the stopping rule applies (default 1,000). */
  readonly minCycles?: number;
  /** Cycles with downtime the estimate needs before it may stop (default 30). */
  readonly minHits?: number;
  /** 'auto' (default): a plain pilot, then failure biasing if downtime is rare in it; 'on'; 'off'. */
  readonly importance?: 'auto' | 'on' | 'off';
  /** Balanced failure biasing's probability of a failure where something else can happen (default 0.5). */
  readonly bias?: number;
  /** Which timed actions are failures (default: fault actions of the types enabled in the regeneration state). */
  readonly isFailure?: (a: A) => boolean;
  /** Give up on a cycle that has not come back after this many jumps (default 10,000,000). */
  readonly maxCycleEvents?: number;
  /** Distinct states to cache at most (default 2,000,000). */
  readonly maxStates?: number;
}

export interface MonteCarloResult {
  /** The estimate of the long-run share of time the predicate fails, and of 1 minus it. */
  readonly unavailability: number;
  readonly availability: number;
  /** The confidence interval on unavailability (low clipped at 0). */
  readonly low: number;
  readonly high: number;
  /** Half-width over the estimate (Infinity with no downtime seen). */
  readonly relativeHalfWidth: number;
  readonly confidence: number;
  /** -log10 of the estimate and of the interval's ends (ninesLow from high, ninesHigh from low). */
  readonly nines: number;
  readonly ninesLow: number;
  readonly ninesHigh: number;
  readonly downtimeMinutesPerYear: number;
  /** Regeneration cycles run (with the plain pilot), and biased episodes within them. */
  readonly cycles: number;
  readonly biasedEpisodes: number;
  /** Cycles of the estimate that saw any downtime. */
  readonly hits: number;
  /** Jumps simulated (zero-time steps not counted) and distinct states expanded. */
  readonly events: number;
  readonly statesVisited: number;
  /** Mean length of a regeneration cycle (seconds), from the plain cycles. */
  readonly meanCycleSeconds: number;
  readonly importanceSampling: boolean;
  readonly converged: boolean;
  /** Why it did not converge, or why the choice of biasing was made; one line. */
  readonly note: string;
  readonly seed: number;
  readonly precision: number;
  readonly method: string;
}

/** xoshiro128** seeded by splitmix32: small, fast, and the same on every platform (exported for its tests). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    let x = seed >>> 0;
    const split = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }
  private u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }
  /** Uniform on [0, 1) with 53 random bits: probabilities of 1e-12 are still drawn faithfully. */
  next(): number {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992;
  }
}
const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lowTail = 0.02425;
  if (p < lowTail) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lowTail) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** A run that cannot go on (too many states, a cycle that never returns): reported as not converged. */
class Stopped extends Error {}

/**
 * The part of the model's chain a run has visited: states interned by code, each expanded once
 * into its jumps (targets, natural and biased probabilities) or, for a zero-time state, its
 * immediate steps. Exported for its tests.
 */
export class Explored<S, A extends Action> {
  private readonly keyer: Keyer<S>;
  private readonly store: StateStore;
  private readonly buf: Uint32Array;
  /** The state object of a node until it is expanded (then dropped: only its jumps are kept). */
  private readonly pending: (S | undefined)[] = [];
  /** The action a node was first reached by (for the path in an error message). */
  private readonly via: (A | undefined)[] = [];
  /** Per node: first jump (-1 while unexpanded), jump count, 1 for zero-time, 1 where the predicate fails, expected holding time. */
  readonly start: number[] = [];
  readonly count: number[] = [];
  readonly vanishing: number[] = [];
  readonly bad: number[] = [];
  readonly hold: number[] = [];
  /** Per jump: target, natural probability, biased probability (timed jumps; zero-time ones are uniform). */
  readonly to: number[] = [];
  readonly p: number[] = [];
  readonly q: number[] = [];
  /** Per jump: the failure class of its action (a type's number; -1: never a failure). */
  private readonly cls: number[] = [];
  private readonly typeIds = new Map<string, number>();
  /** By failure class: whether it is a failure (set by `classify`). */
  private failure: boolean[] = [];
  /** Per node: 1 once its biased probabilities are set; then 1 where it is quiet (only failures can happen). */
  readonly biased: number[] = [];
  readonly quiet: number[] = [];

  constructor(
    private readonly model: Model<S, A>,
    private readonly timing: (a: A, s: S) => Timing | undefined,
    private readonly pred: (s: S) => boolean,
    private readonly bias: number,
    private readonly isFailure: ((a: A) => boolean) | undefined,
    private readonly maxStates: number,
  ) {
    this.keyer = keyerFor(model, false);
    this.buf = new Uint32Array(this.keyer.words);
    this.store = new StateStore(this.keyer.words);
  }

  get states(): number {
    return this.store.count;
  }

  /** The node of state `t`, reached from node `parent` by `a` (a new one is expanded later). */
  intern(t: S, parent: number, a: A | undefined): number {
    this.keyer.key(t, this.buf, 0);
    const id = this.store.insert(this.buf, 0, parent, 0);
    if (id < 0) return this.store.find(this.buf, 0);
    if (id >= this.maxStates) throw new Stopped(`the run visited more than ${this.maxStates.toLocaleString('en-US')} distinct states`);
    this.pending.push(t);
    this.via.push(a);
    this.start.push(-1);
    this.count.push(0);
    this.vanishing.push(0);
    this.bad.push(0);
    this.hold.push(0);
    this.biased.push(0);
    this.quiet.push(0);
    return id;
  }

  expand(id: number): void {
    const { model } = this;
    const s = this.pending[id]!;
    this.pending[id] = undefined;
    const acts = actionsOf(model, s);
    const how: Timing[] = [];
    let immediate = false;
    for (const a of acts) {
      const t = this.timing(a, s);
      if (t === undefined) throw new InputError(`availability: no rate for ${this.label(a)} (${a.kind}); give ${a.type} a rate (per hour, or its mean time) or mark it immediate`);
      if (t !== 'immediate' && !(t.rate >= 0 && Number.isFinite(t.rate))) throw new InputError(`availability: ${a.type} has rate ${t.rate}; a rate is a finite number >= 0 per second`);
      if (t === 'immediate') immediate = true;
      how.push(t);
    }
    this.start[id] = this.to.length;
    if (immediate) {
      // Zero time: the immediate steps pre-empt the timed ones, each taken with equal probability.
      this.vanishing[id] = 1;
      for (let k = 0; k < acts.length; k++) {
        if (how[k] !== 'immediate') continue;
        const j = this.intern(successorOf(model, s, acts[k]), id, acts[k]);
        if (j === id) throw new InputError(`availability: a cycle of zero-time steps that never lets time pass, through the state reached by ${this.pathTo(id)}`);
        this.to.push(j);
        this.p.push(0);
        this.q.push(0);
        this.cls.push(-1);
      }
      this.count[id] = this.to.length - this.start[id];
      return;
    }
    this.bad[id] = this.pred(s) ? 0 : 1;
    let exit = 0;
    for (let k = 0; k < acts.length; k++) {
      const t = how[k] as { rate: number };
      if (t.rate === 0) continue;
      const j = this.intern(successorOf(model, s, acts[k]), id, acts[k]);
      if (j === id) continue;
      this.to.push(j);
      this.p.push(t.rate);
      this.q.push(-1);
      this.cls.push(this.isFailure ? (this.isFailure(acts[k]) ? 0 : -1) : acts[k].kind === 'fault' ? this.typeId(acts[k].type) : -1);
      exit += t.rate;
    }
    // Rates each finite may sum to Infinity: every jump's probability would be 0 and `draw` would take the last.
    if (!Number.isFinite(exit)) throw rateSumError(this.pathTo(id));
    const first = this.start[id];
    const n = this.to.length - first;
    this.count[id] = n;
    this.hold[id] = exit > 0 ? 1 / exit : Infinity;
    for (let e = first; e < first + n; e++) this.p[e] /= exit;
  }

  private typeId(type: string): number {
    let id = this.typeIds.get(type);
    if (id === undefined) {
      id = this.typeIds.size;
      this.typeIds.set(type, id);
    }
    return id;
  }

  /**
   * Which jumps are failures: with `isFailure`, the ones it names; else the fault actions of the
   * types that `home` (the state the run spends most time in: nothing broken) can take. True
   * when there is any.
   */
  classify(home: number): boolean {
    this.failure = this.isFailure ? [true] : [];
    if (!this.isFailure) for (let e = this.start[home]; e < this.start[home] + this.count[home]; e++) if (this.cls[e] >= 0) this.failure[this.cls[e]] = true;
    return this.failure.some(Boolean);
  }

  /** The biased probabilities of node `id`'s jumps (balanced failure biasing), once. */
  biasNode(id: number): void {
    const first = this.start[id];
    const last = first + this.count[id];
    let failures = 0;
    let other = 0;
    for (let e = first; e < last; e++) {
      if (this.cls[e] >= 0 && this.failure[this.cls[e]]) failures++;
      else other += this.p[e];
    }
    for (let e = first; e < last; e++) {
      const f = this.cls[e] >= 0 && this.failure[this.cls[e]] === true;
      // Failures share `bias` evenly where something else can happen, all of it where nothing else can.
      if (failures === 0) this.q[e] = this.p[e];
      else if (other === 0) this.q[e] = f ? 1 / failures : 0;
      else this.q[e] = f ? this.bias / failures : ((1 - this.bias) * this.p[e]) / other;
    }
    this.biased[id] = 1;
    // Quiet: failures are all that can happen here (nothing to repair or wait for).
    this.quiet[id] = failures > 0 && other === 0 ? 1 : 0;
  }

  private label(a: A): string {
    return this.model.format ? this.model.format(a) : a.type;
  }

  /** The actions from the initial state to node `id`, as labels. */
  pathTo(id: number): string {
    const path: string[] = [];
    let at = id;
    for (let guard = 0; guard < 50; guard++) {
      const a = this.via[at];
      const parent = this.store.parentOf(at);
      if (parent < 0 || a === undefined) break;
      path.push(this.label(a));
      at = parent;
    }
    return path.length === 0 ? 'the initial state' : path.reverse().join(' ');
  }
}

/** Running sums of a sample of cycles: downtime y and length t (exported, with `add` and `ratio`, for their tests). */
export interface Sums {
  n: number;
  /** Whether two cycles so far differed in downtime or length. */
  spread: boolean;
  y0: number;
  t0: number;
  hits: number;
  y: number;
  yy: number;
  t: number;
  tt: number;
  yt: number;
}
export const sums = (): Sums => ({ n: 0, spread: false, y0: 0, t0: 0, hits: 0, y: 0, yy: 0, t: 0, tt: 0, yt: 0 });
export const add = (s: Sums, y: number, t: number): void => {
  if (s.n === 0) {
    s.y0 = y;
    s.t0 = t;
  } else if (y !== s.y0 || t !== s.t0) s.spread = true;
  s.n++;
  if (y > 0) s.hits++;
  s.y += y;
  s.yy += y * y;
  s.t += t;
  s.tt += t * t;
  s.yt += y * t;
};
/**
 * The ratio estimate sum(y) / sum(t) and its relative variance by the delta method:
 * Var(Y - U T) / (n E[T]^2), over U^2.
 */
export function ratio(s: Sums): { u: number; relVar: number } {
  const n = s.n;
  const u = s.y / s.t;
  if (n < 2 || !(u > 0)) return { u, relVar: Infinity };
  // Identical cycles: no spread (the sums' rounding would make up a tiny one).
  if (!s.spread) return { u, relVar: 0 };
  const tBar = s.t / n;
  const vY = (s.yy - (s.y * s.y) / n) / (n - 1);
  const vT = (s.tt - (s.t * s.t) / n) / (n - 1);
  const cov = (s.yt - (s.y * s.t) / n) / (n - 1);
  const v = Math.max(0, vY - 2 * u * cov + u * u * vT) / (n * tBar * tBar);
  return { u, relVar: v / (u * u) };
}

const ZERO_TIME_STEPS = 100_000;
/** Plain runs, and jumps in each, that pick the regeneration state (a few milliseconds). */
const WARM_UPS = 16;
const WARM_UP = 2000;
/** Cycles between two looks at the stopping rule (and the plain pilot's size). */
const BATCH = 1000;

/**
 * Estimates the long-run share of time `pred` fails on `model` timed by `timing`, by
 * regenerative simulation (see the file's comment). Deterministic for a given seed.
 */
export function monteCarloAvailability<S, A extends Action>(
  model: Model<S, A>,
  timing: (a: A, s: S) => Timing | undefined,
  pred: (s: S) => boolean,
  opts: MonteCarloOptions<A> = {},
): MonteCarloResult {
  const seed = opts.seed ?? 1;
  const precision = opts.precision ?? 0.1;
  const confidence = opts.confidence ?? 0.95;
  const maxCycles = opts.maxCycles ?? 1_000_000;
  const minCycles = opts.minCycles ?? 1000;
  const minHits = opts.minHits ?? 30;
  const importance = opts.importance ?? 'auto';
  const bias = opts.bias ?? 0.5;
  const maxCycleEvents = opts.maxCycleEvents ?? 10_000_000;
  if (!(precision > 0 && precision < 1)) throw new InputError(`monte carlo: precision must be between 0 and 1 (a share of the estimate), got ${precision}`);
  if (!(confidence > 0 && confidence < 1)) throw new InputError(`monte carlo: confidence must be between 0 and 1, got ${confidence}`);
  if (!(bias > 0 && bias < 1)) throw new InputError(`monte carlo: bias must be between 0 and 1, got ${bias}`);
  if (!Number.isSafeInteger(maxCycles) || maxCycles < 1) throw new InputError(`monte carlo: the cycle budget must be a positive integer, got ${maxCycles}`);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const rng = new Rng(seed);
  const g = new Explored(model, timing, pred, bias, opts.isFailure, opts.maxStates ?? 2_000_000);
  const { start, count, vanishing, bad, hold, to, p, q, biased, quiet } = g;
  const neverBack = (at: number): InputError =>
    new InputError(`availability: the design never comes back from the state reached by ${g.pathTo(at)}: a fault without a repair (give it one, or a rate for the repair)`);

  /** From node `v` through zero-time steps (each immediate step equally likely) to a tangible node. */
  const settle = (v: number): number => {
    for (let steps = 0; ; steps++) {
      if (start[v] < 0) g.expand(v);
      if (!vanishing[v]) return v;
      if (steps >= ZERO_TIME_STEPS) throw new InputError(`availability: a cycle of zero-time steps that never lets time pass, through the state reached by ${g.pathTo(v)}`);
      const k = count[v];
      v = to[start[v] + (k === 1 ? 0 : Math.floor(rng.next() * k))];
    }
  };
  /** One jump from tangible node `at` by the probabilities `probs`: the jump's index. */
  const draw = (at: number, probs: readonly number[]): number => {
    const last = start[at] + count[at] - 1;
    let u = rng.next();
    let e = start[at];
    while (e < last && u >= probs[e]) u -= probs[e++];
    return e;
  };

  /**
   * The regeneration state: where WARM_UPS plain runs of WARM_UP jumps each from `from` spend
   * the most time in their second halves. The initial state need not come back (a group that
   * replaced an instance uses another slot), but the state the runs keep returning to does.
   * Each run must come back to it (within 50 times as many jumps more): one that does not has
   * settled somewhere else, from which the design does not come back (a fault without a
   * repair), and the long-run figure would depend on luck; the chain solver refuses such a
   * design too.
   */
  const warmUp = (from: number): number => {
    if (hold[from] === Infinity) return from;
    const time = new Map<number, number>();
    const ends: number[] = [];
    const seen: Set<number>[] = [];
    for (let k = 0; k < WARM_UPS; k++) {
      let at = from;
      const late = new Set<number>();
      for (let jump = 0; jump < WARM_UP; jump++) {
        const h = hold[at];
        if (h === Infinity) throw neverBack(at);
        if (jump >= WARM_UP / 2) {
          time.set(at, (time.get(at) ?? 0) + h);
          late.add(at);
        }
        at = settle(to[draw(at, p)]);
      }
      ends.push(at);
      seen.push(late);
    }
    let best = from;
    let most = -1;
    for (const [v, t] of time) if (t > most) [best, most] = [v, t];
    for (let k = 0; k < WARM_UPS; k++) {
      if (seen[k].has(best)) continue;
      // Not seen late in this run: go on with it (a slow design takes longer to come back).
      let at = ends[k];
      for (let jump = 0; jump < WARM_UP * 50 && at !== best; jump++) {
        if (hold[at] === Infinity) throw neverBack(at);
        at = settle(to[draw(at, p)]);
      }
      if (at !== best) throw new InputError(`availability: the design never comes back from the state reached by ${g.pathTo(ends[k])}: runs from the initial state settle in different places (a fault without a repair? give it one, or a rate for the repair)`);
    }
    return best;
  };

  const inits = model.init();
  if (inits.length === 0) throw new InputError('availability: the model has no initial state');
  let events = 0;
  let episodes = 0;
  let home = -1;
  let anyFailure = false;

  /**
   * A biased episode from `from` until the run next enters a quiet state or `home`: the
   * downtime in it, each visit weighted by the likelihood ratio of the jumps so far. Biasing
   * stops at the first state with downtime (the ratio is frozen from there): the way back is
   * not rare, and biasing it would only spread the ratio.
   */
  const episode = (from: number): number => {
    let at = from;
    let weight = 1;
    let y = 0;
    let biasing = true;
    let jumps = 0;
    for (;;) {
      if (!biased[at]) g.biasNode(at);
      const h = hold[at];
      if (h === Infinity) throw neverBack(at);
      if (bad[at]) {
        y += weight * h;
        biasing = false;
      }
      const e = draw(at, biasing ? q : p);
      if (biasing) weight *= p[e] / q[e];
      at = to[e];
      if (start[at] < 0 || vanishing[at]) at = settle(at);
      if (++jumps > maxCycleEvents) throw new Stopped(`a biased episode did not come back to a quiet state within ${maxCycleEvents.toLocaleString('en-US')} jumps (a fault that is never repaired?)`);
      if (!biased[at]) g.biasNode(at);
      if (quiet[at] || at === home) break;
    }
    events += jumps;
    episodes++;
    return y;
  };

  /**
   * One regeneration cycle, home to home, run plain; its length, and its downtime: plain, or
   * with `withIS` the sum of one biased episode from each quiet state (or home) it enters.
   * Either way the cycle's expected downtime is the same (the episodes are unbiased for the
   * downtime from where they start, until the next such state), and cycles stay independent:
   * the likelihood ratio never spans more than one episode.
   */
  let cycY = 0;
  let cycT = 0;
  const cycle = (withIS: boolean): void => {
    let at = home;
    let y = 0;
    let t = 0;
    let jumps = 0;
    do {
      const h = hold[at];
      if (h === Infinity) {
        if (at === home) break;
        throw neverBack(at);
      }
      t += h;
      if (withIS) {
        if (!biased[at]) g.biasNode(at);
        if (quiet[at] || at === home) y += episode(at);
      } else if (bad[at]) y += h;
      at = to[draw(at, p)];
      if (start[at] < 0 || vanishing[at]) at = settle(at);
      if (++jumps > maxCycleEvents) throw new Stopped(`a cycle did not come back to the regeneration state within ${maxCycleEvents.toLocaleString('en-US')} jumps (a fault that is never repaired?)`);
    } while (at !== home);
    events += jumps;
    cycY = y;
    cycT = t;
  };

  const pilot = sums();
  const sample = sums();
  let useIS = importance === 'on';
  let note = '';
  let converged = false;
  let exact = false;
  let stopped = false;
  const run = (s: Sums, k: number, withIS: boolean): void => {
    for (let i = 0; i < k; i++) {
      cycle(withIS);
      add(s, cycY, cycT);
    }
  };

  try {
    home = warmUp(settle(g.intern(inits[0], -1, undefined)));
    anyFailure = g.classify(home);
    if (hold[home] === Infinity) {
      // Nothing ever happens: the figure is exact.
      exact = true;
      converged = true;
      note = 'the regeneration state has no way out: nothing ever happens';
    } else {
      if (importance === 'auto') {
        // A plain pilot: is downtime rare?
        run(pilot, Math.min(BATCH, maxCycles), false);
        useIS = pilot.hits < 0.05 * pilot.n && anyFailure;
        note = `downtime in ${pilot.hits.toLocaleString('en-US')} of ${pilot.n.toLocaleString('en-US')} plain pilot cycles`;
        if (!useIS) Object.assign(sample, pilot);
      }
      if (useIS && !anyFailure) {
        useIS = false;
        note = 'no failure to bias (no fault action is enabled in the regeneration state)';
      }
      for (;;) {
        const e = ratio(sample);
        const half = Math.sqrt(e.relVar) * z;
        // A sample whose cycles all gave the same figures has no spread to build an interval
        // from (a rarer path has not shown up yet): not a zero-width interval.
        if (sample.n >= minCycles && sample.hits >= minHits && e.relVar > 0 && half <= precision) {
          converged = true;
          break;
        }
        const all = useIS ? pilot.n + sample.n : sample.n;
        if (all >= maxCycles) break;
        run(sample, Math.min(BATCH, maxCycles - all), useIS);
      }
    }
  } catch (err) {
    if (!(err instanceof Stopped)) throw err;
    stopped = true;
    note = err.message;
  }

  const cycles = useIS ? pilot.n + sample.n : sample.n;
  let u: number;
  let half: number;
  if (exact) {
    u = bad[home] ? 1 : 0;
    half = 0;
  } else {
    const e = sample.n > 0 ? ratio(sample) : { u: NaN, relVar: Infinity };
    u = e.u;
    half = u * Math.sqrt(e.relVar) * z;
  }
  const relHalf = u > 0 ? half / u : exact ? 0 : Infinity;
  if (!converged && !stopped) {
    const got =
      relHalf === 0 ? 'every cycle gave the same downtime and length (no spread to build an interval from)'
      : Number.isFinite(relHalf) ? `the interval is ±${(relHalf * 100).toPrecision(2)} %`
      : sample.hits === 0 ? 'no downtime seen'
      : 'too few cycles with downtime';
    note = `${got} after ${cycles.toLocaleString('en-US')} cycles (±${(precision * 100).toPrecision(2)} % asked for)${note ? `; ${note}` : ''}`;
  }
  const low = Number.isFinite(half) ? Math.max(0, u - half) : 0;
  const high = Number.isFinite(half) ? u + half : Infinity;
  const nines = (x: number): number => (x > 0 ? -Math.log10(x) : Infinity);
  return {
    unavailability: u,
    availability: 1 - u,
    low,
    high,
    relativeHalfWidth: relHalf,
    confidence,
    nines: nines(u),
    ninesLow: nines(high),
    ninesHigh: nines(low),
    downtimeMinutesPerYear: u * MINUTES_PER_YEAR,
    cycles,
    biasedEpisodes: episodes,
    hits: sample.hits,
    events,
    statesVisited: g.states,
    meanCycleSeconds: sample.n > 0 ? sample.t / sample.n : NaN,
    importanceSampling: useIS,
    converged,
    note,
    seed,
    precision,
    method: useIS
      ? `regenerative (returns to the most visited state), delta-method ${confidence * 100} % interval; the downtime of each cycle from one episode under balanced failure biasing (p = ${bias}) per quiet state it enters, weighted by the likelihood ratio`
      : `regenerative (returns to the most visited state), ratio of downtime to length over cycles, delta-method ${confidence * 100} % interval`,
  };
}
