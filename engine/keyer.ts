/**
 * How an explorer turns a state into the words it stores: the model's exact code when it
 * has one, else a 64-bit structural fingerprint; under symmetry reduction, of the state's
 * canonical representative.
 */
import type { Action, Model } from '../model/model.js';
import { fingerprint } from './fingerprint.js';

export interface Keyer<S> {
  readonly words: number;
  /** True when keys are exact codes (no collisions possible). */
  readonly exact: boolean;
  key(s: S, out: Uint32Array, off: number): void;
}

export function keyerFor<S, A extends Action>(model: Model<S, A>, symmetry = false): Keyer<S> {
  const canonical = symmetry ? model.canonical?.bind(model) : undefined;
  if (symmetry && !canonical) throw new Error('symmetry reduction needs the model to define canonical(s)');
  const { encode, codeWords } = model;
  if (encode && codeWords) {
    const enc = encode.bind(model);
    return canonical
      ? { words: codeWords, exact: true, key: (s, out, off) => enc(canonical(s), out, off) }
      : { words: codeWords, exact: true, key: enc };
  }
  return canonical
    ? { words: 2, exact: false, key: (s, out, off) => fingerprint(canonical(s), out, off) }
    : { words: 2, exact: false, key: fingerprint };
}
