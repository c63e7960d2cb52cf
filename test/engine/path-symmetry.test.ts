// Counterexamples under symmetry reduction (engine/path.ts): the explorer stores paths over
// representatives, and the rebuild picks, at each step, the concrete action whose successor
// has the representative's successor as its canonical form, comparing every word of the code.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { always, type Model } from '../../index.js';

interface Pair {
  readonly a: number;
  readonly b: number;
  /** Steps taken: a word every successor's code shares, so a match on one word is not enough. */
  readonly n: number;
}
type Inc = { readonly type: 'IncA' | 'IncB'; readonly kind: 'op' };

const INC_A: Inc = { type: 'IncA', kind: 'op' };
const INC_B: Inc = { type: 'IncB', kind: 'op' };

const apart = (s: Pair) => !(Math.min(s.a, s.b) === 1 && Math.max(s.a, s.b) === 2);

/** Two interchangeable counters (at most 3 each, 7 steps in all); `canonical` is given. */
function pairModel(canonical: (s: Pair) => Pair, property = always('NotOneAndTwo', apart)): Model<Pair, Inc> {
  return {
    init: () => [{ a: 0, b: 0, n: 0 }],
    actions: (s) => (s.n >= 7 ? [] : [...(s.a < 3 ? [INC_A] : []), ...(s.b < 3 ? [INC_B] : [])]),
    next: (s, act) => (act.type === 'IncA' ? { a: s.a + 1, b: s.b, n: s.n + 1 } : { a: s.a, b: s.b + 1, n: s.n + 1 }),
    canonical,
    // An exact three-word code: a, b and n each in its own word.
    codeWords: 3,
    encode: (s, out, off) => {
      out[off] = s.a;
      out[off + 1] = s.b;
      out[off + 2] = s.n;
    },
    decode: (code, off) => ({ a: code[off], b: code[off + 1], n: code[off + 2] }),
    properties: [property],
  };
}

const sorted = (s: Pair): Pair => (s.a <= s.b ? s : { a: s.b, b: s.a, n: s.n });

describe('counterexamples under symmetry reduction', () => {
  it('take the concrete action whose successor matches the representative in every word', () => {
    const model = pairModel(sorted);
    const result = exploreExhaustive(model, { symmetry: true }).properties[0];
    expect(result.verdict).toBe('fails');
    // From {a:1, b:0}, IncA leads to {2, 0, n 2}, which shares only n's word with the
    // representative {1, 1, n 2}: IncB is the step that matches.
    expect(result.counterexample!.labels).toEqual(['IncA', 'IncB', 'IncA']);
    let s = model.init()[0];
    for (const a of result.counterexample!.actions) s = model.next(s, a as Inc);
    expect(apart(s)).toBe(false);
  });

  it('a canonical form that is not a symmetry of the model is reported, not papered over', () => {
    // Forgetting the counters: the representative {0, 0, n 6} can still step, the concrete
    // {3, 3, n 6} it stands for cannot.
    const forget = (s: Pair): Pair => ({ a: 0, b: 0, n: s.n });
    const model = pairModel(forget, always('Short', (s) => s.n < 7));
    expect(() => exploreExhaustive(model, { symmetry: true })).toThrow('symmetry: canonical(s) is not a symmetry of the model (no matching action)');
  });
});
