/**
 * How an explorer turns a state into the words it stores: the model's exact code when it
 * has one, else a 64-bit structural fingerprint; under symmetry reduction, of the state's
 * canonical representative.
 */
import type { Action, Model } from '../model/model.js';
import { Fingerprinter } from './fingerprint.js';

export interface Keyer<S> {
  readonly words: number;
  /** True when keys are exact codes (no collisions possible). */
  readonly exact: boolean;
  key(s: S, out: Uint32Array, off: number): void;
  /** Called before a state's successors are keyed (fingerprints reuse its nodes' hashes). */
  prime?(s: S): void;
}

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
    return { words: model.codeWords, encode: model.encode.bind(model), decode: model.decode.bind(model) };
  }
  return model.schema?.codec();
}

export function keyerFor<S, A extends Action>(model: Model<S, A>, symmetry = false): Keyer<S> {
  const canonical = symmetry ? model.canonical?.bind(model) : undefined;
  if (symmetry && !canonical) throw new Error('symmetry reduction needs the model to define canonical(s)');
  const codec = codecOf(model);
  if (codec) {
    const codeWords = codec.words;
    const enc = codec.encode;
    return canonical
      ? { words: codeWords, exact: true, key: (s, out, off) => enc(canonical(s), out, off) }
      : { words: codeWords, exact: true, key: enc };
  }
  const fp = new Fingerprinter();
  return canonical
    ? { words: 2, exact: false, key: (s, out, off) => fp.fingerprint(canonical(s), out, off), prime: (s) => fp.prime(s) }
    : { words: 2, exact: false, key: (s, out, off) => fp.fingerprint(s, out, off), prime: (s) => fp.prime(s) };
}
