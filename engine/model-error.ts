/**
 * Model contract errors: a model that breaks the Model interface (`init()` with no states,
 * `actions(s)` that is not an array, `next` that returns no state, a property or a transition
 * that throws, a state that is not plain data). The explorers detect them with O(1) checks
 * (or catch what user code throws) and report one line naming the call, the action and the
 * step; `checkScenario` adds the scenario's name. A `ModelError` is an `InputError`: the CLI
 * prints it as `faultline: <message>` and exits 2, never with a stack trace and never with
 * a verdict.
 */
import { labelOf, type Action, type Model } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { InputError } from './scenario.js';

/** Where a contract error happened; each part is optional. */
export interface ErrorPlace {
  readonly scenario?: string;
  /** 0: an initial state; k: while taking the k-th action (or in the state it reached). */
  readonly step?: number;
  readonly mode?: string;
}

export class ModelError extends InputError {
  override name = 'ModelError';
  place: ErrorPlace = {};

  /** `what` says what went wrong (`next(s, Crash(0)) returned undefined`), without where. */
  constructor(
    readonly what: string,
    place?: ErrorPlace,
  ) {
    super(what);
    if (place) this.at(place);
  }

  /** Adds where it happened (parts already known are kept: the innermost explorer knows best). */
  at(place: ErrorPlace): this {
    this.place = { ...place, ...this.place };
    const { scenario, step, mode } = this.place;
    this.message = `${scenario ? `${scenario}: ` : ''}${this.what}${step !== undefined ? ` at step ${step}` : ''}${mode ? ` (${mode})` : ''}`;
    return this;
  }
}

/** A state holding what is not plain data: `what` is e.g. `a Map at .queue.items`. */
export class UnplainState extends ModelError {
  constructor(readonly part: string) {
    super(`a state holds ${part}`);
  }
}

/** One line of at most 200 characters, control characters shown as spaces. */
export function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

/**
 * What user code threw, in one line: `TypeError: x is undefined`. Never throws itself, whatever
 * was thrown: an object without a prototype, or whose toString or message getter throws, is
 * described by its kind instead.
 */
export function thrown(e: unknown): string {
  try {
    if (e instanceof Error) return oneLine(`${e.name}: ${e.message}`);
    return oneLine(`${typeof e === 'string' ? JSON.stringify(e) : String(e)}`);
  } catch {
    return `${describe(e)} that cannot be shown as text`;
  }
}

/** A value as a message shows it: `undefined`, `null`, `a number`, `a Map`... */
export function describe(v: unknown): string {
  if (v === undefined || v === null) return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : 'an array';
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
    const name = proto === null || proto === Object.prototype ? 'object' : proto.constructor?.name || 'non-plain object';
    return `${/^[aeiouAEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  }
  return `a ${typeof v}`;
}

/** An action's label for a message; never throws (the action may be anything a model listed). */
export function actionLabel<S, A extends Action>(model: Model<S, A>, a: unknown): string {
  try {
    if (typeof a === 'object' && a !== null) return oneLine(labelOf(model, a as A));
  } catch {
    // a format() that throws: fall back to the type
  }
  return typeof a === 'object' && a !== null && typeof (a as Action).type === 'string' ? oneLine((a as Action).type) : describe(a);
}

/** The model's initial states, checked: a non-empty array. */
export function initialStates<S, A extends Action>(model: Model<S, A>): readonly S[] {
  let inits: readonly S[];
  try {
    inits = model.init();
  } catch (e) {
    throw new ModelError(`init() threw ${thrown(e)}`);
  }
  if (!Array.isArray(inits)) throw new ModelError(`init() returned ${describe(inits)} (expected an array of initial states)`);
  let copy: S[];
  try {
    copy = Array.from(inits); // a Proxy whose reads throw fails here, once, not in an explorer
  } catch (e) {
    throw new ModelError(`init() returned an array that cannot be read: ${thrown(e)}`);
  }
  if (copy.length === 0) throw new ModelError('init() returned [] (a model needs at least one initial state)');
  return copy;
}

/** The error for `actions(s)` returning `acts`, which is not an array. */
export function notAnActionList(acts: unknown): ModelError {
  return new ModelError(`actions(s) returned ${describe(acts)} (expected an array)`);
}

/** The error for `next(s, a)` returning `t`, which is no state. */
export function notAState<S, A extends Action>(model: Model<S, A>, a: unknown, t: unknown): ModelError {
  return new ModelError(`next(s, ${actionLabel(model, a)}) returned ${describe(t)}`);
}

/**
 * The call an explorer was making into the model, for naming the one that failed (the hot
 * loops keep it in a local: a number store per call).
 */
export const Call = { None: 0, Actions: 1, Next: 2, Result: 3 } as const;
export type Call = (typeof Call)[keyof typeof Call];

/** The action argument of `modelErrorFor` when no action was being taken (an initial state). */
export const NO_ACTION: unique symbol = Symbol('no action');

/**
 * What to throw for `e`, caught while an explorer was in `call` (`a`: the action being taken,
 * or NO_ACTION), with its place. A ModelError keeps its own words; what user code threw is
 * named after the call that threw it; a state that is not plain data, or that its codec
 * rejects, after the call that returned it. Outside a call (`Call.None`) the error is the
 * explorer's own and is returned unchanged.
 */
export function modelErrorFor<S, A extends Action>(model: Model<S, A>, e: unknown, call: Call, a: unknown, place: ErrorPlace): unknown {
  if (call === Call.None && !(e instanceof ModelError)) return e;
  if (e instanceof ModelError && !(e instanceof UnplainState)) return e.at(place);
  if (call === Call.Actions) return new ModelError(`actions(s) threw ${thrown(e)}`).at(place);
  if (a !== NO_ACTION && (typeof a !== 'object' || a === null)) return new ModelError(`actions(s) listed ${describe(a)} (expected an action object)`).at(place);
  const next = a === NO_ACTION ? undefined : `next(s, ${actionLabel(model, a)})`;
  if (e instanceof UnplainState) return new ModelError(next ? `${next} returned a state holding ${e.part}` : `an initial state holds ${e.part}`).at(place);
  if (call === Call.Next) return new ModelError(`${next ?? 'the model'} threw ${thrown(e)}`).at(place);
  const schema = (e as Error)?.name === 'SchemaError';
  const what = next
    ? `${next} returned a state ${schema ? 'that does not fit its schema' : 'its codec rejects'}`
    : `an initial state ${schema ? 'does not fit its schema' : 'is rejected by its codec'}`;
  return new ModelError(`${what}: ${thrown(e)}`).at(place);
}

/** The error for an action list holding something that is not an action object, if it does. */
export function nonActionIn(acts: unknown): ModelError | undefined {
  if (!Array.isArray(acts)) return undefined;
  try {
    const i = acts.findIndex((a) => typeof a !== 'object' || a === null);
    return i < 0 ? undefined : new ModelError(`actions(s) listed ${describe(acts[i])} (expected an action object)`);
  } catch {
    return undefined; // a list whose reads throw: the error that led here says so
  }
}

/** The error for a property whose predicate threw `e` (a ModelError from inside it is kept). */
export function propertyError<S>(prop: Property<S>, e: unknown): ModelError {
  if (e instanceof ModelError) return e;
  return new ModelError(`property ${oneLine(prop.name)} threw ${thrown(e)}`);
}
