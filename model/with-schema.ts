/**
 * Gives a model the exact codec of its state schema, so the exhaustive explorer stores
 * exact codes (no fingerprints, no collisions) and keeps its frontier as codes.
 */
import type { Action, Model } from './model.js';
import type { Schema } from './schema.js';

export function withSchema<S, A extends Action>(model: Model<S, A>, schema: Schema<S>): Model<S, A> {
  const codec = schema.codec();
  return Object.create(model, {
    codeWords: { value: codec.words, enumerable: true },
    encode: { value: codec.encode, enumerable: true },
    decode: { value: codec.decode, enumerable: true },
  }) as Model<S, A>;
}
