/**
 * An exact codec as the explorers use it: a state to `words` 32-bit words and back. It comes
 * from the model (hand-written `encode`/`decode`, or its schema) or is inferred from the
 * initial state (engine/inferred.ts).
 */
import type { Action, Model } from '../model/core/model.js';

export interface ModelCodec<S> {
  readonly words: number;
  encode(s: S, out: Uint32Array, off: number): void;
  decode(code: Uint32Array, off: number): S;
  /** Encodes a successor reusing the parent's code for what it shares (schema codecs). */
  encodeFrom?(s: S, parent: S, parentCode: Uint32Array, parentOff: number, out: Uint32Array, off: number): void;
}

/** The model's exact codec: hand-written `encode`/`decode`, else its schema's; or undefined. */
export function codecOf<S, A extends Action>(model: Model<S, A>): ModelCodec<S> | undefined {
  if (model.encode && model.decode && model.codeWords) {
    const encodeFrom = model.encodeFrom?.bind(model);
    return { words: model.codeWords, encode: model.encode.bind(model), decode: model.decode.bind(model), ...(encodeFrom ? { encodeFrom } : {}) };
  }
  return model.schema?.codec();
}

