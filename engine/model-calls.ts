/**
 * The model's calls with their contract checked, for the paths that are not hot loops
 * (replay, the recovery search): each failure is a ModelError naming the call and the action.
 * The hot loops make the same O(1) checks inline and name the call in their catch.
 */
import type { Action, Model } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { Call, initialStates, modelErrorFor, NO_ACTION, nonActionIn, notAnActionList, notAState, propertyError } from './model-error.js';
import { normalizerParts, plainState, stateNormalizer, type Normalizer } from './plain-data.js';

/** `actions(s)`, checked: an array of action objects. */
export function actionsOf<S, A extends Action>(model: Model<S, A>, s: S): readonly A[] {
  let acts: readonly A[];
  try {
    acts = model.actions(s);
  } catch (e) {
    throw modelErrorFor(model, e, Call.Actions, NO_ACTION, {});
  }
  if (!Array.isArray(acts)) throw notAnActionList(acts);
  const listed = nonActionIn(acts);
  if (listed) throw listed;
  return acts;
}

/** `next(s, a)`, checked: a state of `s`'s type, seen as every explorer sees states (`normalize`). */
export function successorOf<S, A extends Action>(model: Model<S, A>, s: S, a: A, normalize: Normalizer = plainState): S {
  let t: S;
  try {
    t = model.next(s, a);
  } catch (e) {
    throw modelErrorFor(model, e, Call.Next, a, {});
  }
  if (t === undefined || t === null || typeof t !== typeof s) throw notAState(model, a, t);
  try {
    return normalize(t, s);
  } catch (e) {
    throw modelErrorFor(model, e, Call.Result, a, {});
  }
}

/**
 * `model`'s initial states as every explorer sees them, and the two paths of the normalizer
 * of its successors (engine/plain-data.ts); a contract error here is at step 0.
 */
export function normalizedInitials<S, A extends Action>(model: Model<S, A>): { fits: (t: unknown, parent: unknown) => boolean; slow: Normalizer; inits: readonly S[] } {
  const raw = initialStates(model);
  try {
    const { fits, slow } = normalizerParts(model, raw[0]);
    return { fits, slow, inits: raw.map((s) => (fits(s, undefined) ? s : slow(s))) };
  } catch (e) {
    throw modelErrorFor(model, e, Call.Result, NO_ACTION, { step: 0 });
  }
}

/** The normalizer of `model`'s states and `init` seen through it (see engine/plain-data.ts). */
export function normalizedInitial<S, A extends Action>(model: Model<S, A>, init: S): { normalize: Normalizer; initial: S } {
  try {
    const normalize = stateNormalizer(model, init);
    return { normalize, initial: normalize(init) };
  } catch (e) {
    throw modelErrorFor(model, e, Call.Result, NO_ACTION, {});
  }
}

/** `prop.pred(s)`, a property that throws named. */
export function predOf<S>(prop: Property<S>, s: S): boolean {
  try {
    return prop.pred(s);
  } catch (e) {
    throw propertyError(prop, e);
  }
}
