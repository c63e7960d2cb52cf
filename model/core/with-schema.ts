/**
 * Gives a model its state schema, so the explorers use the schema's exact codec: exact
 * codes instead of fingerprints, and a frontier kept as codes. A schema that declares slot
 * sets (`t.slots`) also gives a model without a `canonical` the one derived from them
 * (model/core/symmetry.ts), used only under symmetry reduction.
 */
import type { Action, Model } from './model.js';
import type { Schema } from './schema.js';
import { compileSymmetry } from './symmetry.js';

export function withSchema<S, A extends Action>(model: Model<S, A>, schema: Schema<S>): Model<S, A> {
  const symmetry = model.canonical === undefined ? compileSymmetry(schema) : undefined;
  const props: PropertyDescriptorMap = { schema: { value: schema, enumerable: true } };
  if (symmetry) props.canonical = { value: (s: S) => symmetry.canonical(s), enumerable: true };
  // Its codes are the schema's: only where the model has no encoder of its own.
  if (symmetry && model.encode === undefined) props.canonicalCode = { value: (s: S, out: Uint32Array, off: number, parent?: S, parentCode?: Uint32Array) => symmetry.canonicalCode(s, out, off, parent, parentCode), enumerable: true };
  return Object.create(model, props) as Model<S, A>;
}
