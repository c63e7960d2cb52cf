/**
 * Die Hard's water jugs (TLA+'s DieHard, xstate's dieHard test): a 3-gallon and a 5-gallon
 * jug, fill, empty and pour; NotSolved (the big jug never holds 4) must fail, and the
 * shortest counterexample is 6 actions. A model other tools have counted: 16 states.
 */
import { assertNever, type Model } from '../model/core/model.js';
import { always } from '../model/core/property.js';
import { t, type Schema } from '../model/core/schema.js';
import { defineScenario } from '../engine/scenario.js';

export interface Jugs {
  readonly small: number;
  readonly big: number;
}
export type JugAction = {
  readonly type: 'FillSmall' | 'FillBig' | 'EmptySmall' | 'EmptyBig' | 'SmallToBig' | 'BigToSmall';
  readonly kind: 'op';
};

const SMALL = 3;
const BIG = 5;
const jugs = (small: number, big: number): Jugs => ({ small, big });
const ACTIONS: readonly JugAction[] = (['FillSmall', 'FillBig', 'EmptySmall', 'EmptyBig', 'SmallToBig', 'BigToSmall'] as const).map(
  (type) => ({ type, kind: 'op' }),
);

/** The jugs' state schema: exact two-field codes. */
export const jugsSchema: Schema<Jugs> = t.record('Jugs', { small: t.int(0, SMALL), big: t.int(0, BIG) });

export const dieHardModel: Model<Jugs, JugAction> = {
  schema: jugsSchema,
  init: () => [jugs(0, 0)],
  // Every action is always enabled, as in TLA+ (some leave the state unchanged).
  actions: () => ACTIONS,
  next(s, a) {
    switch (a.type) {
      case 'FillSmall':
        return jugs(SMALL, s.big);
      case 'FillBig':
        return jugs(s.small, BIG);
      case 'EmptySmall':
        return jugs(0, s.big);
      case 'EmptyBig':
        return jugs(s.small, 0);
      case 'SmallToBig': {
        const pour = Math.min(s.small, BIG - s.big);
        return jugs(s.small - pour, s.big + pour);
      }
      case 'BigToSmall': {
        const pour = Math.min(s.big, SMALL - s.small);
        return jugs(s.small + pour, s.big - pour);
      }
      default:
        return assertNever(a.type);
    }
  },
  properties: [always<Jugs>('NotSolved', (s) => s.big !== 4, 'the big jug never holds exactly 4 gallons (the puzzle is unsolvable)')],
};

export const dieHard = defineScenario({
  name: 'die-hard',
  description: "Die Hard's water jugs (3 and 5 gallons): NotSolved fails, shortest solution 6 actions",
  model: dieHardModel,
  expect: { NotSolved: 'fails' },
});
