/**
 * Issue 16: the packed path computes a state's successors first, touches their table slots
 * (StateStore.touch), then inserts them. The search must be the one it was: counts,
 * counterexamples, a stop at the state limit, and a `next` that throws reported at its action.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { StateStore } from '../../engine/visited.js';
import type { Model } from '../../model/core/model.js';
import { always } from '../../model/core/property.js';
import { t } from '../../model/core/schema.js';
import { withSchema } from '../../model/core/with-schema.js';

interface S {
  readonly a: number;
  readonly b: number;
}
interface A {
  readonly type: 'IncA' | 'IncA2' | 'IncB' | 'Both';
  readonly kind: 'op';
}
const TABLE: readonly A[] = (['IncA', 'IncA2', 'IncB', 'Both'] as const).map((type) => ({ type, kind: 'op' }));
// Two words a code (62 bits), values 0..7: successors of one state share a batch, IncA and IncA2 lead to the same one.
const schema = t.record('S', { a: t.int(0, 2 ** 30), b: t.int(0, 2 ** 30) });
const codec = schema.codec();

function step(s: S, a: A): S {
  switch (a.type) {
    case 'IncA':
    case 'IncA2':
      return { a: (s.a + 1) % 8, b: s.b };
    case 'IncB':
      return { a: s.a, b: (s.b + 3) % 8 };
    case 'Both':
      return { a: (s.a + 2) % 8, b: (s.b + 1) % 8 };
  }
}

/** The object model; `packed` adds transitions on codes; `throwOn` makes packed `next` throw for that action in states with a = 2 (and b = `onlyB` when given). */
function model(packed: boolean, throwOn?: A['type'], onlyB?: number): Model<S, A> {
  const base: Model<S, A> = {
    init: () => [{ a: 0, b: 0 }],
    actions: (s) => TABLE.filter((a) => a.type !== 'Both' || s.b % 2 === 0),
    next: step,
    properties: [always('NotBoth7', (s) => !(s.a === 7 && s.b === 7))],
  };
  const withCodes = withSchema(base, schema);
  if (!packed) return withCodes;
  return Object.create(withCodes, {
    packed: {
      value: {
        table: TABLE,
        actions(code: Uint32Array, off: number, out: Int32Array): number {
          const acts = base.actions(codec.decode(code, off));
          for (let k = 0; k < acts.length; k++) out[k] = TABLE.indexOf(acts[k]);
          return acts.length;
        },
        next(code: Uint32Array, off: number, action: number, out: Uint32Array, outOff: number): void {
          const s = codec.decode(code, off);
          if (TABLE[action].type === throwOn && s.a === 2 && (onlyB === undefined || s.b === onlyB)) throw new Error(`no ${throwOn} from a = 2`);
          codec.encode(step(s, TABLE[action]), out, outOff);
        },
      },
    },
  }) as Model<S, A>;
}

describe('packed transitions, successors touched before their inserts', () => {
  it('finds the states, transitions and shortest counterexample of the object path', () => {
    for (const full of [false, true]) {
      const objects = exploreExhaustive(model(false), { full });
      const packed = exploreExhaustive(model(true), { full });
      expect(packed.stats.distinctStates).toBe(objects.stats.distinctStates);
      expect(packed.stats.transitions).toBe(objects.stats.transitions);
      expect(packed.stats.maxDepth).toBe(objects.stats.maxDepth);
      expect(packed.properties[0].verdict).toBe('fails');
      expect(packed.properties[0].counterexample?.actions.map((a) => a.type)).toEqual(objects.properties[0].counterexample?.actions.map((a) => a.type));
    }
    expect(exploreExhaustive(model(true), { full: true }).stats).toMatchObject({ distinctStates: 64, transitions: 224, complete: true });
  });

  it('reports a next that throws at its own action, after the successors before it', () => {
    expect(() => exploreExhaustive(model(true, 'IncB'), { full: true })).toThrow(/IncB[\s\S]*no IncB from a = 2/);
    // Expanding { a: 2, b: 1 } (depth 1, from Both): IncA stores { a: 3, b: 1 } and decides the property before IncB throws.
    let message = '';
    try {
      exploreExhaustive(model(true, 'IncB'));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/IncB/);
    expect(message).toMatch(/step 2/);
  });

  it('stops at the state limit before an action whose next would throw', () => {
    // From { a: 0, b: 0 }: IncA stores { a: 1 } (2 states), IncB would store a third; with maxStates 2 the run stops at IncA.
    const r = exploreExhaustive(model(true, 'IncB'), { full: true, maxStates: 2 });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'max-states', distinctStates: 2 });
    // { a: 2, b: 0 } is expanded at depth 2; its IncA successor { a: 3, b: 0 } is the 10th state. With maxStates 10
    // the run stops there, and its IncB, which throws, is never taken (its successor computed ahead is dropped).
    expect(() => exploreExhaustive(model(true, 'IncB', 0), { full: true })).toThrow(/no IncB from a = 2/);
    const objects = exploreExhaustive(model(false), { full: true, maxStates: 10 });
    const packed = exploreExhaustive(model(true, 'IncB', 0), { full: true, maxStates: 10 });
    expect(objects.stats).toMatchObject({ stoppedBy: 'max-states', distinctStates: 10 });
    expect(packed.stats).toMatchObject({ stoppedBy: 'max-states', distinctStates: 10, transitions: objects.stats.transitions, maxDepth: objects.stats.maxDepth });
  });
});

describe('StateStore.touchBatch', () => {
  it('changes nothing: the same ids are found and inserted after any touches, on a table small or large', () => {
    // 16 states: no reads (a small table); 2^20: a table of 2^21 slots, where it reads.
    for (const expected of [16, 1 << 20]) {
      const store = new StateStore(2, expected);
      expect(store.missesCache).toBe(expected > 16);
      const buf = new Uint32Array(2 * 3);
      const fill = (i: number) => {
        for (let j = 0; j < 3; j++) {
          buf[2 * j] = i + j;
          buf[2 * j + 1] = (i + j) * 13;
        }
      };
      for (let i = 0; i < 5000; i += 3) {
        fill(i);
        store.touchBatch(buf, 3, 1);
        for (let j = 0; j < 3; j++) store.insert(buf, 2 * j, i - 1, j);
      }
      const count = store.count;
      const bytes = store.structBytes();
      for (let i = 0; i < 10_000; i += 3) {
        fill(i);
        store.touchBatch(buf, 3, -1);
      }
      expect(store.count).toBe(count);
      expect(store.structBytes()).toBe(bytes);
      for (let i = 0; i < count; i++) {
        buf[0] = i;
        buf[1] = i * 13;
        expect(store.find(buf, 0)).toBe(i);
        expect(store.insert(buf, 0, 0, 0)).toBe(-1);
      }
      // A new code after touches: the next id.
      buf[0] = count;
      buf[1] = 1;
      store.touchBatch(buf, 1, -1);
      expect(store.insert(buf, 0, 0, 0)).toBe(count);
    }
  });

  it('reads nothing below 2^21 slots; from there, a stored code\'s first word (what `sink` keeps)', () => {
    for (const expected of [16, 1 << 20]) {
      const store = new StateStore(2, expected);
      const buf = Uint32Array.of(0xabcd, 7, 0x1234, 9);
      store.insert(buf, 0, -1, 0);
      store.insert(buf, 2, 0, 0);
      store.sink = -1;
      // Both codes are stored; the one at index 1 is skipped: only code 0's first word is read.
      store.touchBatch(buf, 2, 1);
      expect(store.sink).toBe(expected > 16 ? 0xabcd : -1);
      store.touchBatch(buf, 2, -1);
      expect(store.sink).toBe(expected > 16 ? 0xabcd ^ 0x1234 : -1);
    }
  });
});
