// A hand-written codec counts only when it is complete: encode, decode and codeWords.
import { describe, expect, it } from 'vitest';
import { codecOf } from '../../engine/codec.js';
import type { Model } from '../../model/core/model.js';

const base: Model<number, { type: 'Inc'; kind: 'control' }> = {
  init: () => [0],
  actions: () => [],
  next: (s) => s,
  properties: [],
};
const encode = (s: number, out: Uint32Array, off: number): void => void (out[off] = s);
const decode = (code: Uint32Array, off: number): number => code[off];

describe('codecOf', () => {
  it('takes a complete hand-written codec, bound to the model', () => {
    const c = codecOf({ ...base, codeWords: 1, encode, decode });
    expect(c?.words).toBe(1);
    const code = new Uint32Array(1);
    c!.encode(41, code, 0);
    expect(c!.decode(code, 0)).toBe(41);
  });

  it('ignores an incomplete one: without decode, encode or codeWords there is no exact codec', () => {
    expect(codecOf({ ...base, codeWords: 1, encode })).toBeUndefined();
    expect(codecOf({ ...base, codeWords: 1, decode })).toBeUndefined();
    expect(codecOf({ ...base, encode, decode })).toBeUndefined();
    expect(codecOf(base)).toBeUndefined();
  });
});
