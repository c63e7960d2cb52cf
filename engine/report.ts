/**
 * What the explorers return: plain data, never formatted. Both explorers return `Report`;
 * `report/` renders it and `cli/` adds the scenario's expectations.
 */
import type { Action } from '../model/core/model.js';
import type { PropertyKind, Verdict } from '../model/core/property.js';

export type Mode = 'random' | 'exhaustive';

/** Why an exhaustive run stopped before deciding everything. */
export type StopReason = 'depth' | 'max-states' | 'time-limit' | 'max-memory' | 'interrupted';

export interface Counterexample<A extends Action = Action> {
  /** The actions from the initial state, in order; `length` is their number. */
  readonly actions: readonly A[];
  readonly labels: readonly string[];
  readonly length: number;
  /** Which initial state the trace starts from (index into `init()`). */
  readonly initIndex: number;
  /** For `recovers`: steps from this index on are the recovery path that failed. */
  readonly recoveryFrom?: number;
  /**
   * A lasso (liveness, or a recovery path that cycles): the state after the last step is the
   * state after step `loopIndex` (0: the initial state), so steps `loopIndex + 1..length`
   * repeat for ever. `loopIndex === length`: the last state lasts for ever (no fair action
   * is enabled in it).
   */
  readonly loopIndex?: number;
  /** Found under prompt control (`Tick` waits while a control action is due): replay and its re-check use the same rule. */
  readonly promptControl?: boolean;
  /** Random mode: fast-check's seed and path that reproduce the run. */
  readonly seed?: number;
  readonly path?: string;
}

/**
 * The worst value of a measured property (an `always` with `measure`, a `recovers` with
 * `measure`): the largest measure over the states exhaustive search stored, with a witness.
 */
export interface Worst<A extends Action = Action> {
  readonly label: string;
  readonly unit: string;
  /**
   * The largest value found. Infinity: unbounded; for `recovers`, some recovery path never
   * restores the predicate for good ("never").
   */
  readonly value: number;
  /** The search stored and measured every reachable state (within the model): false, `value` is a lower bound. */
  readonly complete: boolean;
  /**
   * A shortest path (fewest actions from an initial state) to a state where the measure takes
   * `value`: the first such state the search stored at that depth (in BFS order; with
   * `--workers`, the lowest worker and id at that depth). For `recovers`, the steps from
   * `recoveryFrom` on are the recovery path that takes that long; for "never", a recovery
   * path that shows it with no bound: it gets stuck, cycles (`loopIndex`), or restores the
   * predicate and loses it again.
   */
  readonly trace: Counterexample<A>;
}

export interface PropertyResult<A extends Action = Action> {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly verdict: Verdict;
  readonly counterexample?: Counterexample<A>;
  /** A measured property's worst value (exhaustive mode only). */
  readonly worst?: Worst<A>;
  /** Why the verdict is `unknown` when no bound explains it (a mode that does not check the kind). */
  readonly reason?: string;
}

export interface Stats {
  /** Exhaustive: distinct states stored. Random: null. */
  readonly distinctStates: number | null;
  /** Every successor generated from every explored state (random: steps applied). */
  readonly transitions: number;
  /** The most actions from an initial state to a stored (or visited) state. */
  readonly maxDepth: number;
  readonly searchMs: number;
  /** Exhaustive: distinct states per second; random: steps per second. */
  readonly statesPerSecond: number;
  /** Exhaustive: the whole reachable space (within bounds) was explored. Random: all runs ran. */
  readonly complete: boolean;
  readonly stoppedBy?: StopReason;
  /** Exhaustive over fingerprints: birthday-bound estimate that a state was missed. */
  readonly collisionProbability?: number;
  /** States per level (exhaustive), for "how far it got". */
  readonly frontier?: number;
  readonly structBytes?: number;
  readonly runs?: number;
  readonly steps?: number;
  /** Random: ms from the start of the search to the first violation. */
  readonly timeToFailureMs?: number;
  /** Exhaustive with liveness properties: ms of the liveness pass (included in searchMs), and the bytes of the recorded graph. */
  readonly livenessMs?: number;
  readonly graphBytes?: number;
}

export interface Coverage {
  /** Times each action type fired, per component (`component` -> type -> count). */
  readonly actions: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface Report<A extends Action = Action> {
  readonly mode: Mode;
  readonly properties: readonly PropertyResult<A>[];
  readonly stats: Stats;
  readonly coverage?: Coverage;
  readonly seed?: number;
  /** One-line notices about how the run differs from what was asked (a serial fallback...). */
  readonly notices?: readonly string[];
}
