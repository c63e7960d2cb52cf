/**
 * Properties checked on packed states (issue 16): a model with packed transitions may give
 * its `always` and `sometimes` properties predicates on codes (`packed.properties`), and
 * the exhaustive explorer then checks a new state without decoding it, which was a tenth of
 * its time on sqs-pool.
 *
 * A predicate on codes is written by hand, like the packed transitions, and a wrong one would
 * make a design come back green: so both predicates are compared on the initial states, on
 * every state that decides a property (the counterexample's last state), and on every
 * state whose id is a multiple of SAMPLE_EVERY (at a cost of one decode in 4,096); a
 * disagreement stops the run with a one-line error naming the property. Tests compare them on
 * random states of each size, and the explorer with and without them (test/engine/packed-properties.test.ts).
 */
import type { Action, Model, PackedProperty, PackedTransitions } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { ModelError, oneLine, propertyError } from './model-error.js';

/** One state in this many (by id) is decoded to confirm that both predicates agree. */
export const SAMPLE_EVERY = 4096;

type CodePredicate = (code: Uint32Array, off: number) => boolean;

/**
 * Per property of `model`, its predicate on packed states, when `packed` gives one for every
 * property; undefined otherwise (the states are then decoded, as without any). An entry for a
 * property the model does not have (its properties were replaced) is left out; one for a
 * property decided on states, or without a function, is an error.
 */
export function packedPredicates<S, A extends Action>(model: Model<S, A>, packed: PackedTransitions<A>): readonly CodePredicate[] | undefined {
  const given = packed.properties;
  if (given === undefined) return undefined;
  if (!Array.isArray(given)) throw new ModelError('packed.properties is not a list of { property, pred }');
  const props = model.properties as readonly Property<S>[];
  const preds: (CodePredicate | undefined)[] = props.map(() => undefined);
  for (const entry of given as readonly PackedProperty[]) {
    const p = props.indexOf(entry?.property as Property<S>);
    if (p < 0) continue;
    const prop = props[p];
    if (prop.kind !== 'always' && prop.kind !== 'sometimes') throw new ModelError(`packed.properties gives ${oneLine(prop.name)} a predicate on codes, but it is a ${prop.kind} property, decided on states`);
    if (typeof entry.pred !== 'function') throw new ModelError(`packed.properties: the entry of ${oneLine(prop.name)} has no pred function`);
    if (preds[p] !== undefined) throw new ModelError(`packed.properties gives ${oneLine(prop.name)} two predicates on codes`);
    preds[p] = entry.pred.bind(entry);
  }
  return preds.every((f) => f !== undefined) ? (preds as CodePredicate[]) : undefined;
}

/** Compares a property's predicate on codes with its predicate on the decoded state. */
export function confirmPacked<S>(prop: Property<S>, onCode: boolean, s: S): void {
  let onState: boolean;
  try {
    onState = Boolean((prop as { pred(s: S): boolean }).pred(s));
  } catch (e) {
    throw propertyError(prop, e);
  }
  if (onState !== Boolean(onCode)) {
    throw new ModelError(`property ${oneLine(prop.name)}: its predicate on packed states gives ${String(onCode)} where its predicate gives ${String(onState)} on the same state (packed.properties must agree with pred)`);
  }
}
