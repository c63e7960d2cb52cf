/**
 * The generic Model interface: every explorer takes only this.
 *
 * The one hard rule (as in Stateright's `Model` trait): `actions(s)` lists every enabled
 * action in a deterministic order, and `next(s, a)` is pure. The explorers rely on both:
 * a counterexample is stored as action indices and replayed from the initial state.
 */
import type { Property } from './property.js';
import type { Schema } from './schema.js';

/** `op`: clients and operators; `fault`: failures and repairs; `control`: what AWS itself does, and `tick`. */
export type ActionKind = 'op' | 'fault' | 'control';

/** An action is plain data: a `type` (PascalCase), its `kind`, and its arguments. */
export interface Action {
  readonly type: string;
  readonly kind: ActionKind;
}

/**
 * Transitions on packed states (codes of the model's schema), written with the generated
 * accessors of model/accessors.ts: the exhaustive explorer then expands a state without
 * decoding it or encoding its successors.
 */
export interface PackedTransitions<A extends Action> {
  /**
   * Writes the numbers of the actions enabled in the packed state into `out`, in the same
   * order as `actions(s)` lists them, and returns how many. `out` has `table.length` entries: each
   * action number is enabled at most once in a state.
   */
  actions(code: Uint32Array, off: number, out: Int32Array): number;
  /** Writes the successor of the packed state under action number `action` at `out[outOff..]`. */
  next(code: Uint32Array, off: number, action: number, out: Uint32Array, outOff: number): void;
  /** Action number to action object, for traces and coverage. */
  readonly table: readonly A[];
  /**
   * Predicates on packed states for some of the model's `always` and `sometimes` properties
   * (each entry names its property object: a model whose properties are replaced keeps none of
   * them, however they are named), giving the same answer as `property.pred` on the decoded
   * state. With one for every property, the exhaustive explorer checks new states without
   * decoding them, and confirms agreement on the initial states, on every state that decides a
   * property, and on one state in 4,096 (engine/packed-properties.ts).
   */
  readonly properties?: readonly PackedProperty[];
  /**
   * The model's `mayDefer` on packed states: control action number `action`, enabled in the
   * state, may wait while time passes. Required for prompt control on packed transitions when
   * the model has `mayDefer` (without it the explorer expands such a model on objects).
   */
  mayDefer?(code: Uint32Array, off: number, action: number): boolean;
}

/** A property's predicate on packed states (`PackedTransitions.properties`). */
export interface PackedProperty {
  /** The model's property object it stands for (compared by identity). */
  readonly property: object;
  pred(code: Uint32Array, off: number): boolean;
}

/**
 * A state machine to check.
 *
 * Optional members:
 * - `format(a)`: the action's label in traces (`Receive(0, 0)`); defaults to `formatAction`.
 * - `canonical(s)`: a representative of `s`'s symmetry class (interchangeable workers...).
 * - `canonicalCode(s, out, offset, parent?, parentCode?)`: with `canonical` and the model's own
 *   exact codec, writes the code of `canonical(s)` and says whether it differs from `s`'s: the
 *   exhaustive explorer then keys a successor without building its representative (decoded
 *   only when new); given `s`'s parent and its code, only what changed is re-encoded.
 * - `encode`/`decode`/`codeWords`: an exact code of `codeWords` 32-bit words; written by
 *   hand or derived from a state schema (`schema.codec()`). With it the exhaustive explorer
 *   stores exact codes instead of fingerprints and keeps its frontier as codes.
 * - `schema`: the state's schema; when given (and `encode` is not), the explorers use its
 *   exact codec.
 * - `isRecovery(a)`: ops that count as recovery (a worker receiving again) for `recovers`.
 * - `mayDefer(s, a)`: a control action enabled in `s` whose delay is a range (an RDS failover
 *   takes 60-120 s) may wait while time passes, up to the deadline its model enforces. Without
 *   it every control action is due at once: recovery paths and `--prompt-control` take no
 *   `Tick` while one is enabled, which would check a ranged delay only at its low end.
 * - `component(a)`: the component an action belongs to, for reports.
 */
export interface Model<S, A extends Action = Action> {
  init(): readonly S[];
  actions(s: S): readonly A[];
  next(s: S, a: A): S;
  readonly properties: readonly Property<S>[];
  format?(a: A): string;
  canonical?(s: S): S;
  canonicalCode?(s: S, out: Uint32Array, offset: number, parent?: S, parentCode?: Uint32Array): boolean;
  readonly schema?: Schema<S>;
  readonly codeWords?: number;
  encode?(s: S, out: Uint32Array, offset: number): void;
  decode?(code: Uint32Array, offset: number): S;
  /** With `encode`: a successor's code from its parent's, re-encoding only what changed (a schema codec's). */
  encodeFrom?(s: S, parent: S, parentCode: Uint32Array, parentOffset: number, out: Uint32Array, offset: number): void;
  /** Transitions on packed codes (needs `schema`); the object `actions`/`next` must agree. */
  readonly packed?: PackedTransitions<A>;
  isRecovery?(a: A): boolean;
  mayDefer?(s: S, a: A): boolean;
  component?(a: A): string;
}

/** Default label of an action: `Type(arg1, arg2)` from its own fields in insertion order. */
export function formatAction(a: Action): string {
  const args: string[] = [];
  for (const key of Object.keys(a)) {
    if (key === 'type' || key === 'kind') continue;
    const v = (a as unknown as Record<string, unknown>)[key];
    args.push(typeof v === 'string' ? v : JSON.stringify(v));
  }
  return args.length === 0 ? a.type : `${a.type}(${args.join(', ')})`;
}

/** The label of `a` under `model`. */
export function labelOf<S, A extends Action>(model: Model<S, A>, a: A): string {
  return model.format ? model.format(a) : formatAction(a);
}

/** Identity helper that fixes the type parameters of a hand-written model. */
export function defineModel<S, A extends Action>(model: Model<S, A>): Model<S, A> {
  return model;
}

/** Compile-time exhaustiveness for reducers' `switch (a.type)`. */
export function assertNever(x: never): never {
  throw new Error(`unhandled action: ${JSON.stringify(x)}`);
}
