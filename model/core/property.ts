/**
 * Properties are data; the explorers loop over a list of them.
 *
 * - `always(name, pred)`: holds in every reachable state (safety).
 * - `sometimes(name, pred)`: some reachable state satisfies it (reachability; a suite that
 *   never reaches its interesting states has checked nothing).
 * - `recovers(name, pred, { within })`: bounded recovery. From every reachable state, on
 *   every path of control actions (plus the ops the model marks as recovery), where `tick`
 *   is taken only when no other control action is enabled, `pred` holds within `within`
 *   steps. A path that gets stuck (no such action enabled) before `pred` holds is a
 *   violation. This is bounded recovery, not unbounded liveness under fairness.
 */
export type PropertyKind = 'always' | 'sometimes' | 'recovers';

/** What a scenario declares a property must come out as. */
export type Expectation = 'holds' | 'fails' | 'reached' | 'unreached';

/** What a run found. `unknown`: an exhaustive run stopped by a bound before deciding. */
export type Verdict = Expectation | 'unknown';

export interface AlwaysProperty<S> {
  readonly kind: 'always';
  readonly name: string;
  /** Method syntax on purpose: a property over a wider world (the invariant library's) applies to a narrower one. */
  pred(s: S): boolean;
  readonly description?: string;
  /** The world slices (components) the predicate reads; `compose` refuses the property without them. */
  readonly needs?: readonly string[];
}
export interface SometimesProperty<S> {
  readonly kind: 'sometimes';
  readonly name: string;
  pred(s: S): boolean;
  readonly description?: string;
  /** The world slices (components) the predicate reads; `compose` refuses the property without them. */
  readonly needs?: readonly string[];
}
export interface RecoversProperty<S> {
  readonly kind: 'recovers';
  readonly name: string;
  pred(s: S): boolean;
  readonly within: number;
  readonly description?: string;
  /** The world slices (components) the predicate reads; `compose` refuses the property without them. */
  readonly needs?: readonly string[];
}
export type Property<S> = AlwaysProperty<S> | SometimesProperty<S> | RecoversProperty<S>;

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

function checkName(name: string): void {
  if (!PASCAL.test(name)) throw new Error(`property name must be PascalCase: ${JSON.stringify(name)}`);
}

/** A safety property: `pred` holds in every reachable state. */
export function always<S>(name: string, pred: (s: S) => boolean, description?: string): AlwaysProperty<S> {
  checkName(name);
  return Object.freeze({ kind: 'always', name, pred, description });
}

/** A reachability property: some reachable state satisfies `pred`. */
export function sometimes<S>(name: string, pred: (s: S) => boolean, description?: string): SometimesProperty<S> {
  checkName(name);
  return Object.freeze({ kind: 'sometimes', name, pred, description });
}

/** Bounded recovery: once faults and ops stop, control actions restore `pred` within `within` steps. */
export function recovers<S>(
  name: string,
  pred: (s: S) => boolean,
  opts: { within: number; description?: string },
): RecoversProperty<S> {
  checkName(name);
  if (!Number.isInteger(opts.within) || opts.within < 0) throw new Error(`recovers ${name}: within must be a non-negative integer`);
  return Object.freeze({ kind: 'recovers', name, pred, within: opts.within, description: opts.description });
}

/** `prop`, declaring the world slices (components) its predicate reads. */
export function needing<P extends Property<any>>(needs: readonly string[], prop: P): P {
  return Object.freeze({ ...(prop as Property<unknown>), needs: Object.freeze([...needs]) }) as unknown as P;
}

/** The expectation a property has unless a scenario says otherwise. */
export function defaultExpectation(kind: PropertyKind): Expectation {
  return kind === 'sometimes' ? 'reached' : 'holds';
}

/** Whether a verdict meets an expectation; `unknown` never does. */
export function meets(verdict: Verdict, expected: Expectation): boolean {
  return verdict === expected;
}
