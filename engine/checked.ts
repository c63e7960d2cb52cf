/**
 * The checked mode for tests: deep-freezes every state, so a `next` that mutates its input
 * throws, and calls `actions` twice to catch an order that is not stable. Off in benchmarks.
 */
import type { Action, Model } from '../model/core/model.js';
import { ModelError } from './model-error.js';
import { deepEqual } from './trace.js';

/** A contract violation the checked mode caught: a one-line ModelError (exit 2 at the CLI). */
export class ModelContractError extends ModelError {
  override name = 'ModelContractError';
}

export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const key of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[key]);
  }
  return v;
}

/** Wraps `model` so contract violations fail loudly, naming the action. */
export function checked<S, A extends Action>(model: Model<S, A>): Model<S, A> {
  const label = (a: A) => (model.format ? model.format(a) : a.type);
  const wrapped: Model<S, A> = Object.create(model, {
    init: { value: () => model.init().map((s) => deepFreeze(s)) },
    actions: {
      value: (s: S) => {
        deepFreeze(s);
        const first = model.actions(s);
        const second = model.actions(s);
        if (first.length !== second.length || first.some((a, i) => !deepEqual(a, second[i]))) {
          throw new ModelContractError('actions(s) is not deterministic: two calls on the same state listed different actions');
        }
        return first;
      },
    },
    next: {
      value: (s: S, a: A) => {
        deepFreeze(s);
        let t: S;
        try {
          t = model.next(s, a);
        } catch (e) {
          if (e instanceof TypeError && /read.only|frozen|not extensible/i.test(e.message)) {
            throw new ModelContractError(`next(s, ${label(a)}) mutated its input state: ${e.message}`);
          }
          throw e;
        }
        const again = model.next(s, a);
        if (!deepEqual(t, again)) throw new ModelContractError(`next(s, ${label(a)}) is not deterministic`);
        return deepFreeze(t);
      },
    },
  });
  return wrapped;
}
