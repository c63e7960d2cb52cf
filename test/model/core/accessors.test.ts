import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessor } from '../../../model/core/accessors.js';
import { t } from '../../../model/core/schema.js';
import { arbitraryOf } from '../../../model/core/schema-arbitrary.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { exploreRandom } from '../../../engine/random.js';
import { SIZES } from '../../../scenarios/sqs-pool/model.js';
import { packedSqsPool } from '../../../scenarios/sqs-pool/packed.js';

// 3 + 17 + 1 = 21 bits a record, so records straddle word boundaries at varying offsets.
const Rec = t.record('Rec', { e: t.enumOf(['a', 'b', 'c', 'd', 'e'] as const), n: t.int(-5, 130_000), f: t.bool() });
const State = t.record('State', { head: t.int(0, 6), recs: t.array(Rec, 7), tail: t.int(-1, 1) });

describe('generated accessors', () => {
  it('read what the codec wrote, and write what the codec reads, at any offset', () => {
    const codec = State.codec();
    const e = accessor(State, 'recs[].e');
    const n = accessor(State, 'recs[].n');
    const f = accessor(State, 'recs[].f');
    const head = accessor(State, 'head');
    const tail = accessor(State, 'tail');
    fc.assert(
      fc.property(arbitraryOf(State as never), arbitraryOf(State as never), (x: any, y: any) => {
        const buf = new Uint32Array(codec.words + 3).fill(0xdeadbeef);
        codec.encode(x, buf, 2);
        expect(head.get(buf, 2)).toBe(x.head);
        expect(tail.get(buf, 2)).toBe(x.tail);
        for (let i = 0; i < 7; i++) {
          expect(e.values![e.get(buf, 2, i)]).toBe(x.recs[i].e);
          expect(n.get(buf, 2, i)).toBe(x.recs[i].n);
          expect(f.get(buf, 2, i)).toBe(x.recs[i].f ? 1 : 0);
        }
        // Rewrite every field to y's values in place: the codec then reads y, and the guard words are untouched.
        head.set(buf, 2, y.head);
        tail.set(buf, 2, y.tail);
        for (let i = 0; i < 7; i++) {
          e.set(buf, 2, i, e.index(y.recs[i].e));
          n.set(buf, 2, i, y.recs[i].n);
          f.set(buf, 2, i, y.recs[i].f ? 1 : 0);
        }
        expect(codec.decode(buf, 2)).toEqual(y);
        expect([buf[0], buf[1], buf[codec.words + 2]]).toEqual([0xdeadbeef, 0xdeadbeef, 0xdeadbeef]);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('reject paths that are not leaves or do not exist', () => {
    expect(() => accessor(State, 'recs')).toThrow(/not a leaf/);
    expect(() => accessor(State, 'recs[].zz')).toThrow(/no field zz/);
    expect(() => accessor(State, 'head[]')).toThrow(/\[\] on a int/);
    expect(() => accessor(State, 'recs[].e').index('z')).toThrow(/not one of a\|b\|c\|d\|e/);
  });
});

describe('packed transitions (sqs-pool)', () => {
  it('explore exactly the anchors\' counts and find the same 3-action bug', () => {
    expect(exploreExhaustive(packedSqsPool(SIZES.small)).stats).toMatchObject({ distinctStates: 382, transitions: 1206, maxDepth: 12 });
    expect(exploreExhaustive(packedSqsPool(SIZES.medium)).stats).toMatchObject({ distinctStates: 38_895, transitions: 204_090, maxDepth: 23 });
    expect(exploreExhaustive(packedSqsPool(SIZES.small, 'early-delete'), { full: true }).stats).toMatchObject({ distinctStates: 102, transitions: 238 });
    const cx = exploreExhaustive(packedSqsPool(SIZES.medium, 'early-delete')).properties[0].counterexample!;
    expect(cx.labels).toEqual(['Send(0)', 'Receive(0, 0)', 'Crash(0)']);
  });

  it('list actions in the order the object model does, with the same successors', () => {
    const model = packedSqsPool(SIZES.medium);
    const codec = model.schema!.codec();
    const packed = model.packed!;
    const code = new Uint32Array(codec.words);
    const succ = new Uint32Array(codec.words);
    const out = new Int32Array(64);
    // States reached by random runs (a bounded random sample of the space).
    const seen: unknown[] = [];
    const sampler = Object.create(model, { properties: { value: [{ kind: 'always', name: 'Sample', pred: (s: unknown) => (seen.push(s), true) }] } });
    exploreRandom(sampler, { seed: 3, runs: 200, steps: 30 });
    expect(seen.length).toBeGreaterThan(1000);
    for (const s of seen as never[]) {
      codec.encode(s, code, 0);
      const n = packed.actions(code, 0, out);
      const acts = model.actions(s);
      expect(Array.from(out.subarray(0, n), (a) => packed.table[a])).toEqual(acts);
      for (let k = 0; k < n; k++) {
        packed.next(code, 0, out[k], succ, 0);
        expect(codec.decode(succ, 0)).toEqual(model.next(s, acts[k]));
      }
    }
  });
});
