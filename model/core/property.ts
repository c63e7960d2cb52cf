/**
 * Properties are data; the explorers loop over a list of them.
 *
 * - `always(name, pred)`: holds in every reachable state (safety).
 * - `sometimes(name, pred)`: some reachable state satisfies it (reachability; a suite that
 *   never reaches its interesting states has checked nothing).
 * - `recovers(name, pred, { within | withinSeconds, hold })`: bounded, stable recovery. From
 *   every reachable state, on every path of recovery moves (control actions plus the ops the
 *   model marks as recovery, `Tick` taken only when no other recovery move is enabled), `pred`
 *   is restored within the bound and then keeps holding for the hold time (default: on every
 *   fault-free continuation). A path that gets stuck first, or that restores `pred` and loses
 *   it again (a flap), is a violation. `within` counts steps; `withinSeconds` counts the
 *   model's `Tick`s (its one clock, `tickSeconds`), with the zero-time control steps between
 *   two ticks bounded by `maxStepsBetweenTicks`.
 * - Liveness, checked by the exhaustive explorer on the whole reachable graph, on the paths
 *   that are weakly fair to every control action, `Tick` and recovery op (each such action,
 *   by its type and arguments, that stays enabled is eventually taken; faults and other ops
 *   need never happen, and a state in which no fair action is enabled may last for ever):
 *   `eventually(pred)`, `leadsTo(p, q)` (every p-state is followed by a q-state),
 *   `eventuallyAlways(pred)` and `alwaysEventually(pred)`. A violation is a lasso: a path and
 *   a fair cycle that repeats for ever.
 */
export type PropertyKind = 'always' | 'sometimes' | 'recovers' | LivenessKind;

/** The liveness kinds: decided on the complete graph, with lasso counterexamples. */
export type LivenessKind = 'eventually' | 'leadsTo' | 'eventuallyAlways' | 'alwaysEventually';

export const LIVENESS_KINDS: readonly LivenessKind[] = ['eventually', 'leadsTo', 'eventuallyAlways', 'alwaysEventually'];

/** Every property kind, in the order the docs list them. */
export const PROPERTY_KINDS: readonly PropertyKind[] = ['always', 'sometimes', 'recovers', ...LIVENESS_KINDS];

/** What a scenario declares a property must come out as. */
export type Expectation = 'holds' | 'fails' | 'reached' | 'unreached';

/** What a run found. `unknown`: an exhaustive run stopped by a bound before deciding, or a mode that does not check the kind. */
export type Verdict = Expectation | 'unknown';

interface Common {
  readonly name: string;
  readonly description?: string;
  /** The world slices (components) the predicates read; `compose` refuses the property without them. */
  readonly needs?: readonly string[];
  /**
   * The component instances its predicates read, by kind (`{ asg: 'web' }`), where a
   * composition has several of a kind: `compose` gives the predicates that instance's view of
   * the world (model/compose/instances.ts). Set with `onInstances`.
   */
  readonly on?: Readonly<Record<string, string>>;
}

/** What a measured property's figure is called and counted in (`{ label: 'RPO', unit: 's' }`). */
export interface MeasureInfo {
  readonly label: string;
  readonly unit: string;
}

/**
 * A number each state carries (an age, a delay), given to `always` to measure: exhaustive
 * search reports its worst (largest) value over the reachable states and a shortest path to it.
 */
export interface Measure<S> extends MeasureInfo {
  of(s: S): number;
}

export interface AlwaysProperty<S> extends Common {
  readonly kind: 'always';
  /** Method syntax on purpose: a property over a wider world (the invariant library's) applies to a narrower one. */
  pred(s: S): boolean;
  /** With `measureOf`: the figure's label and unit (`always`'s `measure` argument). */
  readonly measure?: MeasureInfo;
  /** The measured number of a state (top-level, so that compose gives it the property's view of the world, as `pred`). */
  measureOf?(s: S): number;
}
export interface SometimesProperty<S> extends Common {
  readonly kind: 'sometimes';
  pred(s: S): boolean;
}

/** How long a restored predicate must keep holding: on every fault-free continuation, or a number in the bound's unit. */
export type Hold = 'untilNextFault' | number;

export interface RecoversProperty<S> extends Common {
  readonly kind: 'recovers';
  pred(s: S): boolean;
  /** The bound in recovery steps (every move counts, `Tick` included); absent with `withinSeconds`. */
  readonly within?: number;
  /** The bound in seconds of model time: only `Tick`s count (needs a model with `tickSeconds`). */
  readonly withinSeconds?: number;
  /** After restoration `pred` keeps holding this long: steps with `within`, seconds with `withinSeconds`. */
  readonly hold: Hold;
  /** With `withinSeconds`: at most this many control steps in a row without a `Tick` (zero-time steps). */
  readonly maxStepsBetweenTicks?: number;
  /** Report the worst recovery time under this label (seconds with `withinSeconds`, steps with `within`). */
  readonly measure?: { readonly label: string };
}

export interface EventuallyProperty<S> extends Common {
  readonly kind: 'eventually';
  /** Holds in some state of every fair path from an initial state. */
  pred(s: S): boolean;
}
export interface LeadsToProperty<S> extends Common {
  readonly kind: 'leadsTo';
  /** The trigger p: every state satisfying it is followed (or is itself) a state satisfying `pred`. */
  from(s: S): boolean;
  /** The target q. */
  pred(s: S): boolean;
}
export interface EventuallyAlwaysProperty<S> extends Common {
  readonly kind: 'eventuallyAlways';
  /** On every fair path, from some point on, holds for ever. */
  pred(s: S): boolean;
}
export interface AlwaysEventuallyProperty<S> extends Common {
  readonly kind: 'alwaysEventually';
  /** On every fair path, holds again and again (infinitely often). */
  pred(s: S): boolean;
}

export type LivenessProperty<S> = EventuallyProperty<S> | LeadsToProperty<S> | EventuallyAlwaysProperty<S> | AlwaysEventuallyProperty<S>;

export type Property<S> = AlwaysProperty<S> | SometimesProperty<S> | RecoversProperty<S> | LivenessProperty<S>;

/** Whether `kind` is decided on the complete graph under fairness (a lasso counterexample). */
export function isLivenessKind(kind: PropertyKind): kind is LivenessKind {
  return kind === 'eventually' || kind === 'leadsTo' || kind === 'eventuallyAlways' || kind === 'alwaysEventually';
}

/** Whether `prop` is a liveness property. */
export function isLiveness<S>(prop: Property<S>): prop is LivenessProperty<S> {
  return isLivenessKind(prop.kind);
}

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

function checkName(name: string): void {
  if (!PASCAL.test(name)) throw new Error(`property name must be PascalCase: ${JSON.stringify(name)}`);
}

/**
 * A safety property: `pred` holds in every reachable state. With `measure`, exhaustive search
 * also reports the worst (largest) `measure.of` over the reachable states, and a path to it.
 */
export function always<S>(name: string, pred: (s: S) => boolean, description?: string, measure?: Measure<S>): AlwaysProperty<S> {
  checkName(name);
  if (measure === undefined) return Object.freeze({ kind: 'always', name, pred, description });
  if (typeof measure?.of !== 'function') throw new Error(`always ${name}: measure.of must be a function of the state`);
  const info = measureInfo(`always ${name}`, measure);
  return Object.freeze({ kind: 'always', name, pred, description, measure: info, measureOf: measure.of });
}

/** `measure`'s label and unit, checked: short non-empty strings, printed beside the figure. */
function measureInfo(name: string, m: { readonly label?: unknown; readonly unit?: unknown }): MeasureInfo {
  for (const key of ['label', 'unit'] as const) {
    const v = m[key];
    if (typeof v !== 'string' || v.trim() === '' || v.length > 40 || /[\n\r]/.test(v)) throw new Error(`${name}: measure.${key} must be a short one-line string, got ${JSON.stringify(v)}`);
  }
  return Object.freeze({ label: m.label as string, unit: m.unit as string });
}

/** A reachability property: some reachable state satisfies `pred`. */
export function sometimes<S>(name: string, pred: (s: S) => boolean, description?: string): SometimesProperty<S> {
  checkName(name);
  return Object.freeze({ kind: 'sometimes', name, pred, description });
}

export interface RecoversOptions {
  /** The bound in recovery steps (hand-written models without time). Give exactly one of `within` and `withinSeconds`. */
  readonly within?: number;
  /** The bound in seconds of model time: only `Tick`s count, each `tickSeconds` long. */
  readonly withinSeconds?: number;
  /**
   * How long `pred` must keep holding once restored (default `'untilNextFault'`: in every
   * state any fault-free continuation reaches). A number is steps with `within`, seconds with
   * `withinSeconds`; `hold: 0` asks only that `pred` is reached once.
   */
  readonly hold?: Hold;
  /** With `withinSeconds`: most control steps in a row without a `Tick` (default 100). */
  readonly maxStepsBetweenTicks?: number;
  readonly description?: string;
  /** Report the worst recovery time under this label (`{ label: 'RTO' }`): seconds with `withinSeconds`, steps with `within`. */
  readonly measure?: { readonly label: string };
}

/** The default bound on zero-time control steps between two ticks. */
export const DEFAULT_MAX_STEPS_BETWEEN_TICKS = 100;

/**
 * Bounded, stable recovery: once faults and ops stop, control actions restore `pred` within
 * the bound (`within` steps or `withinSeconds` of model time), and it then keeps holding for
 * `hold` (default: until the next fault).
 */
export function recovers<S>(name: string, pred: (s: S) => boolean, opts: RecoversOptions): RecoversProperty<S> {
  checkName(name);
  const { within, withinSeconds, description } = opts;
  if ((within === undefined) === (withinSeconds === undefined)) throw new Error(`recovers ${name}: give exactly one of within (steps) and withinSeconds`);
  if (within !== undefined && (!Number.isInteger(within) || within < 0)) throw new Error(`recovers ${name}: within must be a non-negative integer`);
  if (withinSeconds !== undefined && !(Number.isFinite(withinSeconds) && withinSeconds >= 0)) throw new Error(`recovers ${name}: withinSeconds must be a non-negative number of seconds`);
  const hold = opts.hold ?? 'untilNextFault';
  if (hold !== 'untilNextFault') {
    const ok = within !== undefined ? Number.isInteger(hold) && hold >= 0 : Number.isFinite(hold) && hold >= 0;
    if (!ok) throw new Error(`recovers ${name}: hold must be 'untilNextFault' or a non-negative ${within !== undefined ? 'integer (steps)' : 'number of seconds'}`);
  }
  if (opts.maxStepsBetweenTicks !== undefined) {
    if (withinSeconds === undefined) throw new Error(`recovers ${name}: maxStepsBetweenTicks bounds the steps between ticks, so it needs withinSeconds`);
    if (!Number.isInteger(opts.maxStepsBetweenTicks) || opts.maxStepsBetweenTicks < 1) throw new Error(`recovers ${name}: maxStepsBetweenTicks must be a positive integer`);
  }
  const measure = opts.measure === undefined ? undefined : { label: measureInfo(`recovers ${name}`, { label: opts.measure?.label, unit: within !== undefined ? 'steps' : 's' }).label };
  return Object.freeze({
    kind: 'recovers',
    name,
    pred,
    ...(within !== undefined ? { within } : { withinSeconds, maxStepsBetweenTicks: opts.maxStepsBetweenTicks ?? DEFAULT_MAX_STEPS_BETWEEN_TICKS }),
    hold,
    description,
    ...(measure ? { measure: Object.freeze(measure) } : {}),
  });
}

/** Liveness: every fair path from an initial state reaches a state satisfying `pred`. */
export function eventually<S>(name: string, pred: (s: S) => boolean, description?: string): EventuallyProperty<S> {
  checkName(name);
  return Object.freeze({ kind: 'eventually', name, pred, description });
}

/** Liveness: on every fair path, every state satisfying `p` is followed by (or is) one satisfying `q` (TLA's p ~> q). */
export function leadsTo<S>(name: string, p: (s: S) => boolean, q: (s: S) => boolean, description?: string): LeadsToProperty<S> {
  checkName(name);
  return Object.freeze({ kind: 'leadsTo', name, from: p, pred: q, description });
}

/** Liveness: on every fair path, `pred` holds from some point on for ever (TLA's <>[]pred). */
export function eventuallyAlways<S>(name: string, pred: (s: S) => boolean, description?: string): EventuallyAlwaysProperty<S> {
  checkName(name);
  return Object.freeze({ kind: 'eventuallyAlways', name, pred, description });
}

/** Liveness: on every fair path, `pred` holds infinitely often (TLA's []<>pred). */
export function alwaysEventually<S>(name: string, pred: (s: S) => boolean, description?: string): AlwaysEventuallyProperty<S> {
  checkName(name);
  return Object.freeze({ kind: 'alwaysEventually', name, pred, description });
}

/** `prop`, declaring the world slices (components) its predicate reads. */
export function needing<P extends Property<any>>(needs: readonly string[], prop: P): P {
  return Object.freeze({ ...(prop as Property<unknown>), needs: Object.freeze([...needs]) }) as unknown as P;
}

/**
 * `prop` reading the named component instances (`onInstances({ asg: 'web' }, atLeastNHealthy(1))`):
 * every kind it reads is `instances`' instance, or the one those instances work with.
 */
export function onInstances<P extends Property<any>>(instances: Readonly<Record<string, string>>, prop: P): P {
  if (typeof instances !== 'object' || instances === null || Array.isArray(instances) || Object.keys(instances).length === 0) {
    throw new Error(`property ${prop.name}: onInstances needs a map of component kinds to instance names, got ${JSON.stringify(instances)}`);
  }
  return Object.freeze({ ...(prop as Property<unknown>), on: Object.freeze({ ...instances }) }) as unknown as P;
}

/** The expectation a property has unless a scenario says otherwise. */
export function defaultExpectation(kind: PropertyKind): Expectation {
  return kind === 'sometimes' ? 'reached' : 'holds';
}

/** Whether a verdict meets an expectation; `unknown` never does. */
export function meets(verdict: Verdict, expected: Expectation): boolean {
  return verdict === expected;
}
