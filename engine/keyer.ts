/**
 * How an explorer turns a state into the words it stores: the model's exact code when it
 * has one, else a 64-bit structural fingerprint; under symmetry reduction, of the state's
 * canonical representative.
 */
import type { Action, Model } from '../model/core/model.js';
import { codecOf, type ModelCodec } from './codec.js';
import { Fingerprinter } from './fingerprint.js';
import { inferShape, inferredCodec } from './inferred.js';

export interface Keyer<S> {
  readonly words: number;
  /** True when keys are exact codes (no collisions possible). */
  readonly exact: boolean;
  key(s: S, out: Uint32Array, off: number): void;
  /** Called before a state's successors are keyed (fingerprints reuse its nodes' hashes). */
  prime?(s: S): void;
  /** The exact codec behind the keys, when there is one (the model's, or one inferred). */
  readonly codec?: ModelCodec<S>;
}

/**
 * Keys for `model`'s states. With `inferWidth`, a model without a codec gets one inferred
 * from its initial states (engine/inferred.ts), whose encoder throws ShapeMismatch on a state
 * that does not fit: only an explorer that restarts on it (the exhaustive one) asks for that.
 */
export function keyerFor<S, A extends Action>(model: Model<S, A>, symmetry = false, inferWidth?: 8 | 16 | 32): Keyer<S> {
  const canonical = symmetry ? model.canonical?.bind(model) : undefined;
  if (symmetry && !canonical) throw new Error('symmetry reduction needs the model to define canonical(s)');
  const codec = codecOf(model) ?? (inferWidth && !symmetry ? inferCodecFor(model, inferWidth) : undefined);
  if (codec) {
    const codeWords = codec.words;
    const enc = codec.encode;
    return canonical
      ? { words: codeWords, exact: true, key: (s, out, off) => enc(canonical(s), out, off), codec }
      : { words: codeWords, exact: true, key: enc, codec };
  }
  const fp = new Fingerprinter();
  return canonical
    ? { words: 2, exact: false, key: (s, out, off) => fp.fingerprint(canonical(s), out, off), prime: (s) => fp.prime(s) }
    : { words: 2, exact: false, key: (s, out, off) => fp.fingerprint(s, out, off), prime: (s) => fp.prime(s) };
}

/** A codec inferred from the initial states, when they all have one shape a code can hold. */
function inferCodecFor<S, A extends Action>(model: Model<S, A>, width: 8 | 16 | 32): ModelCodec<S> | undefined {
  const inits = model.init();
  if (inits.length === 0) return undefined;
  const shape = inferShape(inits[0]);
  if (!shape) return undefined;
  const codec = inferredCodec(shape, width) as ModelCodec<S>;
  const probe = new Uint32Array(codec.words);
  try {
    for (const s of inits) codec.encode(s, probe, 0);
  } catch {
    return undefined;
  }
  return codec;
}
