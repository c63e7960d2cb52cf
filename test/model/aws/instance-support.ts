/**
 * Test helpers for the components that sit on ec2 instances (elb, ebs, eip): random walks
 * over a small composition that check the model contract on every step.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { checked } from '../../../engine/checked.js';
import type { Component, World } from '../../../model/compose/component.js';
import type { Action, Model } from '../../../model/core/model.js';

/**
 * fast-check over random enabled-action sequences of `model` (built by `compose` from
 * `components`), with a fixed seed. `checked` deep-freezes every state (a mutating reducer
 * throws), lists `actions` twice (stable order) and runs `next` twice (determinism); on top
 * of that every reached world must fit every component's schema, survive the codec round
 * trip, and satisfy `invariant(prev, next, a)`. Returns the action types taken, so a test can
 * say the walks reached the interesting transitions.
 */
export function randomWalks(
  model: Model<World, Action>,
  components: readonly Component<any, any>[],
  invariant: (prev: World, next: World, a: Action) => void,
  opts: { seed?: number; numRuns?: number; maxSteps?: number } = {},
): Set<string> {
  const m = checked(model);
  const code = new Uint32Array(model.codeWords!);
  const taken = new Set<string>();
  const validate = (s: World): void => {
    for (const c of components) c.schema.validate(s[c.name], c.name);
    model.encode!(s, code, 0);
    expect(model.decode!(code, 0)).toEqual(s);
  };
  fc.assert(
    fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: opts.maxSteps ?? 60 }), (choices) => {
      let s = m.init()[0];
      validate(s);
      for (const choice of choices) {
        const enabled = m.actions(s);
        if (enabled.length === 0) return;
        const a = enabled[choice % enabled.length];
        taken.add(a.type);
        const next = m.next(s, a);
        validate(next);
        invariant(s, next, a);
        s = next;
      }
    }),
    { seed: opts.seed ?? 42, numRuns: opts.numRuns ?? 200 },
  );
  return taken;
}

/** `n` copies of `a`. */
export function times(n: number, a: Action): Action[] {
  return Array.from({ length: n }, () => a);
}
