/**
 * Gives a model its state schema, so the explorers use the schema's exact codec: exact
 * codes instead of fingerprints, and a frontier kept as codes.
 */
import type { Action, Model } from './model.js';
import type { Schema } from './schema.js';

export function withSchema<S, A extends Action>(model: Model<S, A>, schema: Schema<S>): Model<S, A> {
  return Object.create(model, { schema: { value: schema, enumerable: true } }) as Model<S, A>;
}
