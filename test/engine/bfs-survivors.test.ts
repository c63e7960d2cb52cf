// Mutation survivors of engine/bfs.ts (/tmp/mut/bfs-left.json): the storage path a run takes
// (inferred codes, fingerprints, a hand-written codec with `encodeFrom`, `canonicalCode`,
// `packed` transitions) pinned by counting the model's calls; prompt control on packed
// transitions; the liveness graph; checkpoints (periodic ones on a fake clock, a stop inside
// an expansion, resumes of crafted checkpoints); partial-order reduction's notices; and the
// errors a run throws. Small hand-written models, each built inside its `it`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { exploreExhaustive, LIVENESS_SYMMETRY_NOTICE, type ExhaustiveOptions, type ExhaustiveProgress } from '../../engine/bfs.js';
import { loadCheckpoint, type Checkpoint } from '../../engine/checkpoint.js';
import { ModelError } from '../../engine/model-error.js';
import { InputError } from '../../engine/scenario.js';
import type { Report } from '../../engine/report.js';
import type { Action, Model, PackedTransitions } from '../../model/core/model.js';
import { always, eventually, recovers, sometimes, type Property } from '../../model/core/property.js';
import { compose } from '../../model/compose/compose.js';
import type { Component, World } from '../../model/compose/component.js';
import { t } from '../../model/core/schema.js';
import { countOf, counter, timer, type Slice } from '../fixtures/counter-components.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-bfs-survivors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = (): string => join(dir, `run-${files++}.ckpt`);

const act = (type: string, kind: Action['kind'] = 'op'): Action => Object.freeze({ type, kind });

/** Calls into a model, counted. */
interface Calls {
  actions: number;
  next: number;
  encode: number;
  encodeFrom: number;
  decode: number;
  canonicalCode: number;
  packedNext: number;
}
const noCalls = (): Calls => ({ actions: 0, next: 0, encode: 0, encodeFrom: 0, decode: 0, canonicalCode: 0, packedNext: 0 });

/** Gives a model of numeric states a one-word hand-written codec (`encodeFrom` too), each call counted. */
function coded<S, A extends Action>(model: Model<S, A>, c: Calls, enc: (s: S) => number, dec: (code: number) => S, extra: Partial<Model<S, A>> = {}): Model<S, A> {
  return {
    ...model,
    codeWords: 1,
    encode: (s, out, off) => {
      c.encode++;
      out[off] = enc(s);
    },
    decode: (code, off) => {
      c.decode++;
      return dec(code[off]);
    },
    encodeFrom: (s, _parent, _pc, _po, out, off) => {
      c.encodeFrom++;
      out[off] = enc(s);
    },
    ...extra,
  };
}

// ---- a symmetric pair: [a, b], each 0..2, swapping them is a symmetry (9 states, 6 classes) ----
type Pair = readonly [number, number];
const INC_A = act('IncA');
const INC_B = act('IncB');
const sorted = (s: Pair): Pair => (s[0] <= s[1] ? s : [s[1], s[0]]);

/** IncA before IncB in every state: an action index of a representative names another action in its mirror image. */
function pairModel(c: Calls, properties: Property<Pair>[] = [], form: 'plain' | 'codec' | 'canonicalCode' = 'plain'): Model<Pair, Action> {
  const base: Model<Pair, Action> = {
    init: () => [[0, 0]],
    actions: (s) => {
      c.actions++;
      const as = s[0] < 2 ? [INC_A] : [];
      const bs = s[1] < 2 ? [INC_B] : [];
      return [...as, ...bs];
    },
    next: (s, a) => {
      c.next++;
      return a.type === 'IncA' ? [s[0] + 1, s[1]] : [s[0], s[1] + 1];
    },
    canonical: sorted,
    properties,
  };
  if (form === 'plain') return base;
  const enc = (s: Pair): number => s[0] + 3 * s[1];
  const dec = (code: number): Pair => [code % 3, Math.floor(code / 3)];
  if (form === 'codec') return coded(base, c, enc, dec);
  return coded(base, c, enc, dec, {
    canonicalCode: (s, out, off) => {
      c.canonicalCode++;
      const r = sorted(s);
      out[off] = enc(r);
      return r !== s;
    },
  });
}

/**
 * A model of numeric states with a one-word codec: every action of `table` is enabled, in table
 * order, where `enabled(s)`; action `i` leads to `to(s, i)`. `packed`: the same transitions on
 * codes as well (each call counted), so the packed and plain runs agree by construction.
 */
function numbers(c: Calls, table: readonly Action[], enabled: (s: number) => boolean, to: (s: number, i: number) => number, properties: Property<number>[], packed: boolean): Model<number, Action> {
  const base: Model<number, Action> = {
    init: () => [0],
    actions: (s) => {
      c.actions++;
      return enabled(s) ? [...table] : [];
    },
    next: (s, a) => {
      c.next++;
      return to(s, table.indexOf(a));
    },
    properties,
  };
  const withCodes = coded(base, c, (s) => s, (code) => code);
  if (!packed) return withCodes;
  const transitions: PackedTransitions<Action> = {
    table,
    actions(code, off, out) {
      if (!enabled(code[off])) return 0;
      for (let i = 0; i < table.length; i++) out[i] = i;
      return table.length;
    },
    next(code, off, action, out, outOff) {
      c.packedNext++;
      out[outOff] = to(code[off], action);
    },
  };
  return { ...withCodes, packed: transitions };
}

// ---- a ring with a Tick: 0 -> 1 -> 2 -> 0 by Go (control), Tick to 3 from each (4 states) ----
const TICK = act('Tick', 'control');
const GO = act('Go', 'control');

/** Tick is listed first; under prompt control it waits for the due Go, so 3 is never reached. */
function ring(c: Calls, properties: Property<number>[], packed: boolean): Model<number, Action> {
  return numbers(c, [TICK, GO], (s) => s < 3, (s, i) => (i === 0 ? 3 : (s + 1) % 3), properties, packed);
}

// ---- a binary tree: n -> 2n + 1 by A, 2n + 2 by B while n < 15 (31 states) ----
const A = act('A');
const B = act('B');

function tree(c: Calls, properties: Property<number>[] = [], packed = false): Model<number, Action> {
  return numbers(c, [A, B], (s) => s < 15, (s, i) => 2 * s + 1 + i, properties, packed);
}

// ---- a chain 0 -> 1 -> ... -> n by Step, with a codec; `clock` advances by `tick` per expansion ----
const STEP = act('Step');
const clock = { now: 0, tick: 1 };

function chain(n: number, c: Calls = noCalls(), properties: Property<number>[] = []): Model<number, Action> {
  return coded(
    {
      init: () => [0],
      actions: (s) => {
        c.actions++;
        clock.now += clock.tick;
        return s < n ? [STEP] : [];
      },
      next: (s) => s + 1,
      properties,
    },
    c,
    (s) => s,
    (code) => code,
  );
}

/** Runs `f` with performance.now() reading `clock.now` (set to `from`, advancing by `tick` per expansion of `chain`). */
function onClock<T>(from: number, tick: number, f: () => T): T {
  clock.now = from;
  clock.tick = tick;
  const spy = vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
  try {
    return f();
  } finally {
    spy.mockRestore();
    clock.tick = 1;
  }
}

/** A plain-object chain { n } (inferred codes): 0 .. last by Step, from `from`. */
function plainChain(last: number, from = 0, properties: Property<{ n: number }>[] = []): Model<{ n: number }, Action> {
  return { init: () => [{ n: from }], actions: (s) => (s.n < last ? [STEP] : []), next: (s) => ({ n: s.n + 1 }), properties };
}

const outcome = (r: Report) => ({ states: r.stats.distinctStates, transitions: r.stats.transitions, complete: r.stats.complete, verdicts: r.properties.map((p) => p.verdict) });

describe('which storage path a run takes', () => {
  it('a plain model without a codec: fingerprints only when infer is false', () => {
    const inferred = exploreExhaustive(pairModel(noCalls()));
    expect(inferred.stats.collisionProbability).toBeUndefined();
    const fingerprints = exploreExhaustive(pairModel(noCalls()), { infer: false });
    expect(fingerprints.stats.collisionProbability).toBeGreaterThan(0);
    expect([inferred.stats.distinctStates, fingerprints.stats.distinctStates]).toEqual([9, 9]);
  });

  it('symmetry on a plain model keys representatives (fingerprints): 6 classes of 9 states', () => {
    const r = exploreExhaustive(pairModel(noCalls()), { symmetry: true });
    expect(outcome(r)).toEqual({ states: 6, transitions: 8, complete: true, verdicts: [] });
    expect(r.stats.collisionProbability).toBeGreaterThan(0);
  });

  it('a hand-written codec: its own codes, successors by encodeFrom (never encode), no canonicalCode without symmetry', () => {
    const c = noCalls();
    const r = exploreExhaustive(pairModel(c, [], 'canonicalCode'));
    expect(outcome(r)).toEqual({ states: 9, transitions: 12, complete: true, verdicts: [] });
    expect(r.stats.collisionProbability).toBeUndefined();
    expect(c.encodeFrom).toBe(12);
    expect(c.canonicalCode).toBe(0);
    // The initial state (and the normalizer's probe of it) only.
    expect(c.encode).toBe(2);
    expect(c.decode).toBe(18); // expanded, and each new one normalized (a hand-written codec has no shape to check)
  });

  it('symmetry with a codec and canonical (no canonicalCode): representatives encoded, no encodeFrom', () => {
    const c = noCalls();
    const r = exploreExhaustive(pairModel(c, [], 'codec'), { symmetry: true });
    expect(outcome(r)).toEqual({ states: 6, transitions: 8, complete: true, verdicts: [] });
    expect(c.encodeFrom).toBe(0);
    expect(c.encode).toBe(10);
  });

  it('symmetry with canonicalCode: every successor keyed by it, a moved one decoded once it is new', () => {
    const c = noCalls();
    // Sorted holds on representatives only: the state checked must be the decoded representative.
    // With a schema (a shape to check) a clean successor is kept as it is: a moved one must be replaced by its representative.
    const model: Model<Pair, Action> = { ...pairModel(c, [always('Sorted', (s) => s[0] <= s[1])], 'canonicalCode'), schema: t.array(t.int(0, 2), 2) as never };
    const r = exploreExhaustive(model, { symmetry: true });
    expect(outcome(r)).toEqual({ states: 6, transitions: 8, complete: true, verdicts: ['holds'] });
    expect(c.canonicalCode).toBe(8);
    expect([c.encode, c.encodeFrom]).toEqual([2, 0]);
  });

  it('a ShapeMismatch is the only error that widens the inferred layout: a model error is thrown at once', () => {
    let thrown = 0;
    const model: Model<{ n: number }, Action> = {
      ...plainChain(5),
      next: (s) => {
        if (s.n === 2 && thrown++ === 0) throw new Error('boom');
        return { n: s.n + 1 };
      },
    };
    expect(() => exploreExhaustive(model)).toThrow(/^next\(s, Step\) threw Error: boom/);
    expect(thrown).toBe(1);
  });

  it('a duplicate initial state is stored once and not expanded twice (fingerprints)', () => {
    const model: Model<{ n: number }, Action> = { ...plainChain(3), init: () => [{ n: 0 }, { n: 0 }, { n: 10 }], actions: (s) => (s.n < 3 || (s.n >= 10 && s.n < 12) ? [STEP] : []) };
    const r = exploreExhaustive(model, { infer: false });
    expect(outcome(r)).toEqual({ states: 7, transitions: 5, complete: true, verdicts: [] });
  });

  it('next returning undefined is named as such, also for states that are not objects', () => {
    const numbers: Model<number, Action> = { ...tree(noCalls()), next: () => undefined as never };
    expect(() => exploreExhaustive(numbers)).toThrow(/^next\(s, A\) returned undefined/);
  });

  it('next returning undefined is named as such', () => {
    const model: Model<{ n: number }, Action> = { ...plainChain(3), next: () => undefined as never };
    let e: unknown;
    try {
      exploreExhaustive(model);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ModelError);
    expect((e as Error).message).toMatch(/^next\(s, Step\) returned undefined/);
  });
});

describe('fingerprints and inferred codes', () => {
  it('fingerprints: a subtree a successor shares with its parent is not walked again (the parent is primed)', () => {
    let reads = 0;
    const shared = new Proxy({ a: 1, b: 2, c: 3, d: 4 }, {
      get(target: Record<string, number>, k) {
        if (typeof k === 'string') reads++;
        return target[k as string];
      },
    });
    const jumps = Array.from({ length: 10 }, (_, j) => ({ type: 'Jump', kind: 'op' as const, j }));
    type J = { readonly n: number; readonly shared: Record<string, number> };
    const model: Model<J, (typeof jumps)[number]> = { init: () => [{ n: 0, shared }], actions: () => jumps, next: (s, a) => ({ n: (s.n + a.j) % 10, shared: s.shared }), properties: [] };
    const r = exploreExhaustive(model, { infer: false });
    expect(outcome(r)).toEqual({ states: 10, transitions: 100, complete: true, verdicts: [] });
    // A walk per state expanded (4 reads each), not one per transition (400).
    expect(reads).toBeLessThan(100);
  });

  it('a recovery search meeting a state wider than the inferred fields widens them, as the search does', () => {
    const crash = act('Crash', 'fault');
    const heal = act('Heal', 'control');
    // Eight fields share a word: 4 bits each at first, so n fits up to 15.
    type R = { readonly n: number; readonly p: readonly [number, number, number, number, number, number, number] };
    const P = [0, 0, 0, 0, 0, 0, 0] as const;
    const model: Model<R, Action> = {
      init: () => [{ n: 0, p: P }],
      actions: (s) => (s.n === 0 ? [crash] : s.n <= 24 ? [heal] : []),
      next: (s, a) => ({ n: a.type === 'Crash' ? 1 : s.n + 6, p: P }),
      // From 1 the recovery search reaches 7, 13, 19 (past 4 bits) and 25 before the breadth-first search does.
      properties: [recovers('R', (s) => s.n === 0 || s.n > 24, { within: 4, hold: 0 })],
    };
    const r = exploreExhaustive(model);
    expect(outcome(r)).toEqual({ states: 6, transitions: 5, complete: true, verdicts: ['holds'] });
    expect(r.stats.collisionProbability).toBeUndefined();
  });
});

describe('symmetry and the recovery search', () => {
  it('its states are keyed by representative too: [1, 0] is [0, 1], searched once', () => {
    const crash = [act('CrashA', 'fault'), act('CrashB', 'fault')];
    const heal = [act('HealA', 'control'), act('HealB', 'control')];
    let nexts = 0;
    const model: Model<Pair, Action> = {
      init: () => [[0, 0]],
      actions: (s) => [s[0] === 0 ? crash[0] : heal[0], s[1] === 0 ? crash[1] : heal[1]],
      next: (s, a) => {
        nexts++;
        const v = a.kind === 'fault' ? 1 : 0;
        return a.type.endsWith('A') ? [v, s[1]] : [s[0], v];
      },
      canonical: sorted,
      properties: [recovers('Up', (s) => s[0] === 0 && s[1] === 0, { within: 2, hold: 0 })],
    };
    // With a codec too (checkpoints need exact codes): decodes the pair, the code is a + 3b.
    const coded_ = coded(model, noCalls(), (s) => s[0] + 3 * s[1], (code): Pair => [code % 3, Math.floor(code / 3)]);
    for (const [m, opts] of [
      [model, {}],
      [coded_, { checkpoint: { file: fresh() } }],
    ] as const) {
      nexts = 0;
      const r = exploreExhaustive(m, { ...opts, symmetry: true });
      expect(outcome(r)).toEqual({ states: 3, transitions: 6, complete: true, verdicts: ['holds'] });
      // 6 transitions, then the recovery search: HealB from [0, 1]; HealA and HealB from [1, 1], to [0, 1] and [1, 0] (known).
      expect(nexts).toBe(9);
    }
  });
});

describe('packed transitions', () => {
  it('expand codes with one packed.next per transition, the object functions only where they confirm the packed ones', () => {
    const c = noCalls();
    // The tree to depth 7: 255 states, the 64 expanded first confirmed (engine/packed-check.ts).
    const r = exploreExhaustive(numbers(c, [A, B], (s) => s < 127, (s, i) => 2 * s + 1 + i, [], true));
    expect(outcome(r)).toEqual({ states: 255, transitions: 254, complete: true, verdicts: [] });
    // Confirming states 0..63 (two actions each): one decode, one actions(s) and two next(s, a)
    // and packed.next each; besides, one packed.next per transition and the normalizer's decode.
    expect([c.next, c.actions, c.packedNext, c.decode]).toEqual([128, 64, 254 + 128, 1 + 64]);
  });

  it('decode each new state (and no other) while a property is undecided, besides the confirmations', () => {
    const c = noCalls();
    const r = exploreExhaustive(ring(c, [always('NotFive', (s) => s !== 5)], true));
    expect(outcome(r)).toEqual({ states: 4, transitions: 6, complete: true, verdicts: ['holds'] });
    // The normalizer's look at the initial state, then 3, 1 and 2 as they are stored (not the 3
    // revisits), and each of the 4 expanded states once to confirm its packed transitions.
    expect(c.decode).toBe(4 + 4);
  });

  it('are not used under symmetry (canonical states only)', () => {
    const c = noCalls();
    const model: Model<number, Action> = { ...tree(c, [], true), canonical: (s) => (s % 2 === 0 && s > 0 ? s - 1 : s) };
    const r = exploreExhaustive(model, { symmetry: true });
    expect(c.packedNext).toBe(0);
    // Representatives 0, 1, 3, 7, 15 (an even state stands for the odd one below it).
    expect(r.stats.distinctStates).toBe(5);
  });

  it('count coverage by the table\'s actions', () => {
    const r = exploreExhaustive(tree(noCalls(), [], true), { coverage: true });
    expect(r.coverage).toEqual({ actions: { model: { A: 15, B: 15 } } });
  });

  it('prompt control: the deferred Tick is neither computed nor stored (packed and unpacked agree)', () => {
    for (const packed of [true, false]) {
      const c = noCalls();
      const r = exploreExhaustive(ring(c, [always('NotThree', (s) => s !== 3)], packed), { promptControl: true });
      expect(outcome(r)).toEqual({ states: 3, transitions: 3, complete: true, verdicts: ['holds'] });
      // Packed, each successor is computed again to confirm it, but the deferred Tick never.
      expect(packed ? c.packedNext : c.next).toBe(packed ? 3 + 3 : 3);
    }
  });
});

describe('liveness on the recorded graph', () => {
  const props = (): Property<number>[] => [eventually('Three', (s) => s === 3), eventually('One', (s) => s === 1)];

  it('the Go cycle violates Three (a lasso of Go steps) and One holds, packed or not, with prompt control', () => {
    for (const packed of [false, true]) {
      const r = exploreExhaustive(ring(noCalls(), props(), packed), { promptControl: true });
      expect(outcome(r)).toEqual({ states: 3, transitions: 3, complete: true, verdicts: ['fails', 'holds'] });
      const cx = r.properties[0].counterexample!;
      expect([cx.labels, cx.loopIndex, cx.promptControl]).toEqual([['Go', 'Go', 'Go'], 0, true]);
      expect(r.stats.graphBytes).toBeGreaterThan(0);
      expect(r.stats.livenessMs).toBeGreaterThanOrEqual(0);
      expect(r.stats.livenessMs).toBeLessThanOrEqual(r.stats.searchMs);
    }
  });

  it('without prompt control Tick leads to 3 and stops there: Three holds, One does not', () => {
    for (const packed of [false, true]) {
      const r = exploreExhaustive(ring(noCalls(), props(), packed));
      expect(outcome(r)).toEqual({ states: 4, transitions: 6, complete: true, verdicts: ['holds', 'fails'] });
      const cx = r.properties[1].counterexample!;
      expect([cx.labels, cx.loopIndex]).toEqual([['Tick'], 1]);
    }
  });

  it('a run stopped early decides no liveness property', () => {
    const r = exploreExhaustive(ring(noCalls(), props(), false), { maxStates: 2 });
    expect(r.stats.stoppedBy).toBe('max-states');
    expect(r.properties.map((p) => [p.verdict, p.counterexample])).toEqual([
      ['unknown', undefined],
      ['unknown', undefined],
    ]);
  });

  it('a liveness predicate that throws is the property\'s error', () => {
    const model = ring(noCalls(), [eventually('Bad', (s) => {
      if (s === 2) throw new Error('no');
      return false;
    })], false);
    expect(() => exploreExhaustive(model)).toThrow(/^property Bad threw Error: no/);
  });

  it('with symmetry asked: checked on the full graph, every other option kept', () => {
    const model: Model<number, Action> = { ...ring(noCalls(), props(), false), canonical: () => 0 };
    const r = exploreExhaustive(model, { symmetry: true, coverage: true, promptControl: true });
    expect(r.notices).toEqual([LIVENESS_SYMMETRY_NOTICE]);
    expect(outcome(r)).toEqual({ states: 3, transitions: 3, complete: true, verdicts: ['fails', 'holds'] });
    expect(r.coverage).toEqual({ actions: { model: { Go: 3 } } });
  });
});

describe('deciding and stopping', () => {
  it('a property violated by the initial state: no expansion, its counterexample has no step', () => {
    const r = exploreExhaustive(tree(noCalls(), [always('Never', () => false)]));
    expect(outcome(r)).toEqual({ states: 1, transitions: 0, complete: true, verdicts: ['fails'] });
  });

  it('a property decided at the initial state (id 0) is not decided again by a later state', () => {
    const r = exploreExhaustive(tree(noCalls(), [always('Never', () => false), always('Small', (s) => s < 100)]), { full: true });
    expect(r.properties[0].counterexample!.length).toBe(0);
    expect(r.properties[0].counterexample).toEqual({ actions: [], labels: [], length: 0, initIndex: 0 });
    expect(outcome(r)).toEqual({ states: 31, transitions: 30, complete: true, verdicts: ['fails', 'holds'] });
  });

  it('an always counterexample has no recovery part', () => {
    const r = exploreExhaustive(tree(noCalls(), [always('Small', (s) => s < 5)]));
    expect(r.properties[0].counterexample).toEqual({ actions: [B, A], labels: ['B', 'A'], length: 2, initIndex: 0 });
  });

  it('no memory probe without a memory limit', () => {
    const spy = vi.spyOn(process.memoryUsage, 'rss');
    try {
      exploreExhaustive(chain(3000));
      expect(spy).not.toHaveBeenCalled();
      exploreExhaustive(chain(3000), { maxMemoryMb: 1e6 });
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('progress every poll on a fake clock: exact counts, frontier and elapsed time', () => {
    const seen: ExhaustiveProgress[] = [];
    onClock(1e6, 100, () => exploreExhaustive(chain(3000), { onProgress: (p) => seen.push(p) }));
    expect(seen).toEqual([1023, 2047].map((id) => ({ distinctStates: id + 1, transitions: id, depth: id, frontier: 1, elapsedMs: 100 * id })));
  });

  it('the worst value under symmetry: its trace replays through representatives', () => {
    const measure = { label: 'gap', unit: 'steps', of: (s: Pair) => s[1] - s[0] };
    const r = exploreExhaustive(pairModel(noCalls(), [always('Gap', () => true, undefined, measure)], 'codec'), { symmetry: true });
    const w = r.properties[0].worst!;
    // [0, 0] -IncA-> [1, 0] ~ [0, 1], whose IncB (index 1) to [0, 2] is IncA in [1, 0]: to [2, 0] ~ [0, 2].
    expect([w.value, w.complete, w.trace.labels]).toEqual([2, true, ['IncA', 'IncA']]);
  });
});

// ---- partial-order reduction: compositions of counters ----
const nOf = countOf;
/** `wrap`: counts 0..max and round again (always enabled). */
const comp = (name: string, max: number, more: { type?: string; guard?: (w: World) => boolean; wrap?: boolean } = {}): Component<Slice> =>
  counter(name, max, { type: more.type, guard: more.guard ?? (more.wrap ? () => true : undefined), reduce: more.wrap ? (s) => ({ n: (s.n + 1) % (max + 1) }) : undefined });

describe('partial-order reduction', () => {
  it('a model it does not apply to: the unreduced run, one notice saying why', () => {
    const r = exploreExhaustive(tree(noCalls(), [always('Small', (s) => s < 100)]), { por: true });
    expect(r.notices).toEqual(['--por: not applied (the model is not a composition (no partialOrder))']);
    expect(outcome(r)).toEqual({ states: 31, transitions: 30, complete: true, verdicts: ['holds'] });
  });

  it('nothing found: the reduced run with one notice of its counts', () => {
    const model = compose([comp('a', 2), comp('b', 2)], { properties: [always('A', (w) => nOf(w, 'a') <= 2)] });
    const r = exploreExhaustive(model, { full: true, por: true });
    expect(r.notices).toEqual(['--por: 2 states expanded by an ample set, 0 fully by the cycle proviso, 0 restarts']);
    expect(outcome(r)).toEqual({ states: 5, transitions: 4, complete: true, verdicts: ['holds'] });
  });

  it('a violation: searched again unreduced, that property only, stopping once found', () => {
    const model = compose([comp('a', 2), comp('b', 3)], { properties: [always('A', (w) => nOf(w, 'a') <= 2), always('B', (w) => nOf(w, 'b') <= 1)] });
    const r = exploreExhaustive(model, { full: true, por: true });
    expect(r.notices).toEqual([
      '--por: 0 states expanded by an ample set, 0 fully by the cycle proviso, 0 restarts',
      '--por: 1 counterexample(s) searched again unreduced (6 states) for shortest length',
    ]);
    expect(r.properties.map((p) => [p.verdict, p.counterexample?.labels])).toEqual([
      ['holds', undefined],
      ['fails', ['IncB', 'IncB']],
    ]);
  });

  it('the unreduced search again keeps prompt control', () => {
    const model = compose([comp('a', 2), comp('b', 3)], { properties: [always('B', (w) => nOf(w, 'b') <= 1)] });
    const r = exploreExhaustive(model, { por: true, promptControl: true });
    expect(r.properties[0].counterexample?.promptControl).toBe(true);
  });

  it('Tick is not held back for a due recovery op without prompt control', () => {
    const parts = [comp('a', 1, { type: 'Go', guard: (w) => nOf(w, 'a') === 0 && nOf(w, 't') < 2 }), comp('b', 1), timer('t', 2, (s) => s.n < 2)];
    const model = compose(parts, { properties: [always('BSmall', (w) => nOf(w, 'b') <= 1)], recovery: ['Go'] });
    const r = exploreExhaustive(model, { full: true, por: true });
    const full = exploreExhaustive(model, { full: true });
    expect(r.notices).toEqual(['--por: 0 states expanded by an ample set, 0 fully by the cycle proviso, 0 restarts']);
    expect(r.stats.distinctStates).toBe(full.stats.distinctStates);
  });

  it('C3: an ample successor already stored expands the state fully, once', () => {
    const model = compose([comp('a', 1, { type: 'Toggle', wrap: true }), comp('b', 1, { type: 'Go' })], { properties: [sometimes('BDone', (w) => nOf(w, 'b') === 1)] });
    const r = exploreExhaustive(model, { full: true, por: true });
    expect(r.notices).toEqual(['--por: 1 states expanded by an ample set, 1 fully by the cycle proviso, 0 restarts']);
    expect(outcome(r)).toEqual({ states: 4, transitions: 5, complete: true, verdicts: ['reached'] });
  });

  it('an error in the reduced run is thrown, not taken for a restart', () => {
    let throws = 1;
    const model = compose([comp('a', 2), comp('b', 2)], {
      properties: [
        always('A', (w) => {
          if (nOf(w, 'a') === 1 && throws-- > 0) throw new Error('once');
          return true;
        }),
      ],
    });
    expect(() => exploreExhaustive(model, { full: true, por: true })).toThrow(/^property A threw Error: once/);
  });
});

describe('checkpoints', () => {
  it('periodic ones every everyMs of search time from the start (fake clock: 1 ms an expansion)', () => {
    const saves: number[] = [];
    const file = fresh();
    const r = onClock(10_000, 1, () => exploreExhaustive(chain(5000), { checkpoint: { file, everyMs: 1500, onSave: (x) => saves.push(x.file === file ? x.distinctStates : -1) } }));
    expect(outcome(r)).toEqual({ states: 5001, transitions: 5000, complete: true, verdicts: [] });
    // Polls at ids 1023, 2047, 3071, 4095 (now 11023, 12047, ...): due at 11500, then 12047 + 1500.
    expect(saves).toEqual([2048, 4096]);
    const ck = loadCheckpoint(file);
    expect([ck.nextId, ck.count, ck.transitions, ck.elapsedMs, ck.coverage]).toEqual([4095, 4096, 4095, 4095, undefined]);
  });

  it('one due exactly at a poll is taken there', () => {
    const saves: number[] = [];
    onClock(0, 1, () => exploreExhaustive(chain(5000), { checkpoint: { file: fresh(), everyMs: 1023, onSave: (x) => saves.push(x.distinctStates) } }));
    expect(saves).toEqual([1024, 2048, 3072, 4096]);
  });

  it('none when the run completes before the first is due', () => {
    const saves: number[] = [];
    const r = exploreExhaustive(tree(noCalls()), { checkpoint: { file: fresh(), onSave: (x) => saves.push(x.distinctStates) } });
    expect(outcome(r)).toEqual({ states: 31, transitions: 30, complete: true, verdicts: [] });
    expect(saves).toEqual([]);
  });

  it('a stop inside an expansion: its actions taken so far are not counted, and a resume counts them once', () => {
    for (const packed of [false, true]) {
      const file = fresh();
      const saves: number[] = [];
      const r = onClock(5000, 0, () => exploreExhaustive(tree(noCalls(), [], packed), { maxStates: 4, coverage: true, checkpoint: { file, onSave: (x) => saves.push(x.distinctStates) } }));
      expect([r.stats.stoppedBy, r.stats.transitions, saves]).toEqual(['max-states', 3, [4]]);
      const ck = loadCheckpoint(file);
      // State 1's A was taken (to 3), its B not yet.
      expect({ nextId: ck.nextId, levelStart: ck.levelStart, levelEnd: ck.levelEnd, depth: ck.depth, transitions: ck.transitions, elapsedMs: ck.elapsedMs, coverage: ck.coverage, count: ck.count }).toEqual({
        nextId: 1,
        levelStart: 1,
        levelEnd: 3,
        depth: 1,
        transitions: 2,
        elapsedMs: 0,
        coverage: { model: { A: 1, B: 1 } },
        count: 4,
      });
      const resumed = exploreExhaustive(tree(noCalls(), [], packed), { coverage: true, resume: ck });
      const whole = exploreExhaustive(tree(noCalls(), [], packed), { coverage: true });
      expect([outcome(resumed), resumed.coverage]).toEqual([outcome(whole), whole.coverage]);
      expect(whole.coverage).toEqual({ actions: { model: { A: 15, B: 15 } } });
    }
  });

  it('a stop inside an expansion under prompt control: the deferred Tick is not counted as taken (transitions and coverage as an uninterrupted run)', () => {
    // s < 9: [Tick -> 100 + s, Go -> s + 1, Up -> s + 10]; prompt control defers Tick (Go is due).
    const TICK_ = act('Tick', 'control');
    const GO_ = act('Go', 'control');
    const UP_ = act('Up');
    const ticking = (packed: boolean): Model<number, Action> => numbers(noCalls(), [TICK_, GO_, UP_], (s) => s < 9, (s, i) => (i === 0 ? 100 + s : i === 1 ? s + 1 : s + 10), [], packed);
    for (const packed of [false, true]) {
      const whole = exploreExhaustive(ticking(packed), { promptControl: true, coverage: true });
      expect(outcome(whole)).toEqual({ states: 19, transitions: 18, complete: true, verdicts: [] });
      for (const maxStates of [2, 3, 4, 5, 6, 7, 8]) {
        const file = fresh();
        const stopped = exploreExhaustive(ticking(packed), { promptControl: true, coverage: true, maxStates, checkpoint: { file } });
        expect(stopped.stats.stoppedBy).toBe('max-states');
        const resumed = exploreExhaustive(ticking(packed), { promptControl: true, coverage: true, resume: loadCheckpoint(file) });
        expect([packed, maxStates, outcome(resumed), resumed.coverage]).toEqual([packed, maxStates, outcome(whole), whole.coverage]);
      }
    }
  });

  it('a stop at the state that decides the last property: the resume still finishes that state\'s expansion', () => {
    const file = fresh();
    const props = (): Property<number>[] => [always('NotThree', (s) => s !== 3)];
    // 3 is the fourth state stored: by A from 1, whose B (to 4) is still to take.
    const r = exploreExhaustive(tree(noCalls(), props()), { maxStates: 4, checkpoint: { file } });
    expect([r.stats.stoppedBy, r.properties[0].verdict]).toEqual(['max-states', 'fails']);
    const whole = exploreExhaustive(tree(noCalls(), props()));
    expect(outcome(whole)).toEqual({ states: 5, transitions: 4, complete: true, verdicts: ['fails'] });
    expect(outcome(exploreExhaustive(tree(noCalls(), props()), { resume: loadCheckpoint(file) }))).toEqual(outcome(whole));
  });

  it('a checkpoint with coverage resumed by a run that does not count it', () => {
    const file = fresh();
    exploreExhaustive(tree(noCalls()), { maxStates: 4, coverage: true, checkpoint: { file } });
    const r = exploreExhaustive(tree(noCalls()), { resume: loadCheckpoint(file) });
    expect(outcome(r)).toEqual({ states: 31, transitions: 30, complete: true, verdicts: [] });
    expect(r.coverage).toBeUndefined();
  });

  it('a file that cannot be written: a one-line input error, at a stop or at a periodic save', () => {
    const file = join(dir, 'missing', 'x.ckpt');
    const errorOf = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    for (const e of [errorOf(() => exploreExhaustive(tree(noCalls()), { maxStates: 4, checkpoint: { file } })), errorOf(() => exploreExhaustive(chain(3000), { checkpoint: { file, everyMs: 0 } }))]) {
      expect(e).toBeInstanceOf(InputError);
      expect(e).not.toBeInstanceOf(ModelError);
      expect((e as Error).message).toBe(`--checkpoint ${file}: cannot write it (ENOENT)`);
    }
  });

  it('needs exact codes: fingerprints are refused, named by the option', () => {
    expect(() => exploreExhaustive(pairModel(noCalls()), { infer: false, checkpoint: { file: fresh() } })).toThrow(
      /^--checkpoint needs exact state codes \(a state schema, or plain-object states whose codes faultline infers\); this run would key states by fingerprint$/,
    );
    // A plain state without a shape codes can hold (a fraction): fingerprints, refused the same way.
    const fraction: Model<{ x: number }, Action> = { init: () => [{ x: 0.5 }], actions: () => [], next: (s) => s, properties: [] };
    expect(() => exploreExhaustive(fraction, { checkpoint: { file: fresh() } })).toThrow(/^--checkpoint needs exact state codes \(a state schema, or plain-object states whose codes faultline infers\); this run would key states by fingerprint$/);
    const file = fresh();
    exploreExhaustive(pairModel(noCalls()), { maxStates: 3, checkpoint: { file } });
    expect(() => exploreExhaustive(pairModel(noCalls()), { infer: false, resume: loadCheckpoint(file) })).toThrow(/^--resume needs exact state codes/);
  });

  it('symmetry: representatives stored, and a resume without symmetry refused', () => {
    const file = fresh();
    const whole = exploreExhaustive(pairModel(noCalls(), [], 'canonicalCode'), { symmetry: true, checkpoint: { file: fresh() } });
    expect(outcome(whole)).toEqual({ states: 6, transitions: 8, complete: true, verdicts: [] });
    exploreExhaustive(pairModel(noCalls(), [], 'canonicalCode'), { symmetry: true, maxStates: 3, checkpoint: { file } });
    expect(() => exploreExhaustive(pairModel(noCalls(), [], 'canonicalCode'), { resume: loadCheckpoint(file) })).toThrow(
      '--resume: the checkpoint is of another run: it was written with symmetry reduction, this run is without',
    );
    const resumed = exploreExhaustive(pairModel(noCalls(), [], 'canonicalCode'), { symmetry: true, resume: loadCheckpoint(file) });
    expect(outcome(resumed)).toEqual(outcome(whole));
  });

  it('the run named in a checkpoint: unnamed, or with prompt control', () => {
    const unnamed = fresh();
    exploreExhaustive(tree(noCalls()), { maxStates: 4, checkpoint: { file: unnamed } });
    expect(() => exploreExhaustive(tree(noCalls()), { identity: 'x', resume: loadCheckpoint(unnamed) })).toThrow('--resume: the checkpoint is of another run: it was written for an unnamed run, this run is x');
    const prompt = fresh();
    exploreExhaustive(tree(noCalls()), { maxStates: 4, promptControl: true, checkpoint: { file: prompt } });
    expect(() => exploreExhaustive(tree(noCalls()), { resume: loadCheckpoint(prompt) })).toThrow('--resume: the checkpoint is of another run: it was written for  --prompt-control, this run is an unnamed run');
    expect(outcome(exploreExhaustive(tree(noCalls()), { promptControl: true, resume: loadCheckpoint(prompt) }))).toEqual({ states: 31, transitions: 30, complete: true, verdicts: [] });
  });
});

describe('resuming crafted checkpoints', () => {
  /** A checkpoint of `model` stopped at `maxStates`. */
  function stopped<S>(model: Model<S, Action>, maxStates: number, opts: ExhaustiveOptions = {}): Checkpoint {
    const file = fresh();
    const r = exploreExhaustive(model, { ...opts, maxStates, checkpoint: { file } });
    expect(r.stats.stoppedBy).toBe('max-states');
    return loadCheckpoint(file);
  }

  it('a model\'s codec: a checkpoint of inferred codes, or of other words, is refused', () => {
    const ck = stopped(tree(noCalls(), [always('Small', (s) => s < 100)]), 4);
    const model = tree(noCalls(), [always('Small', (s) => s < 100)]);
    expect(() => exploreExhaustive(model, { resume: { ...ck, keys: { kind: 'inferred', width: 8, strings: [] } } })).toThrow(
      "--resume: the checkpoint's states are coded otherwise than this model's (1 words of 8-bit inferred fields, now 1 words from its codec)",
    );
    expect(() => exploreExhaustive(model, { resume: { ...ck, words: 2 } })).toThrow("--resume: the checkpoint's states are coded otherwise than this model's (2 words from a codec, now 1 words from its codec)");
    expect(() => exploreExhaustive(model, { resume: { ...ck, findings: [] } })).toThrow('--resume: the checkpoint holds findings for another number of properties');
    expect(outcome(exploreExhaustive(model, { resume: ck }))).toEqual({ states: 31, transitions: 30, complete: true, verdicts: ['holds'] });
  });

  it('worst values: a resumed run measures again every state the earlier session stored (two words a state)', () => {
    type P = { readonly a: number; readonly b: number };
    const X = act('X');
    const Y = act('Y');
    // Largest at [0, 1] (stored early); 1000 on a state whose code is not one a state stores (zeros: -1).
    const measure = { label: 'm', unit: 'u', of: (s: P) => (Number.isNaN(s.a) || s.a < 0 || Number.isNaN(s.b) || s.b < 0 ? 1000 : s.a === 0 && s.b === 1 ? 50 : s.a + s.b) };
    const model: Model<P, Action> = {
      init: () => [{ a: 0, b: 0 }],
      actions: (s) => [...(s.a < 5 ? [X] : []), ...(s.b < 5 ? [Y] : [])],
      next: (s, a) => (a.type === 'X' ? { a: s.a + 1, b: s.b } : { a: s.a, b: s.b + 1 }),
      properties: [always('M', () => true, undefined, measure)],
      codeWords: 2,
      encode: (s, out, off) => {
        out[off] = s.a + 1;
        out[off + 1] = s.b + 1;
      },
      decode: (code, off) => ({ a: code[off] - 1, b: code[off + 1] - 1 }),
    };
    const whole = exploreExhaustive(model);
    expect([whole.properties[0].worst!.value, whole.properties[0].worst!.trace.labels]).toEqual([50, ['Y']]);
    const resumed = exploreExhaustive(model, { resume: stopped(model, 20) });
    expect(resumed.properties[0].worst).toEqual(whole.properties[0].worst);
  });

  it('inferred codes: other words, or a string dictionary too large for the width, are refused', () => {
    const ck = stopped(plainChain(100), 10);
    expect(ck.keys).toEqual({ kind: 'inferred', width: 8, strings: [] });
    expect(() => exploreExhaustive(plainChain(100), { resume: { ...ck, words: 3 } })).toThrow("--resume: the checkpoint's states are coded otherwise than this model's (3 words of 8-bit inferred fields, now 1 words)");
    const strings = Array.from({ length: 257 }, (_, i) => `s${i}`);
    expect(() => exploreExhaustive(plainChain(100), { resume: { ...ck, keys: { kind: 'inferred', width: 8, strings } } })).toThrow('--resume: not a usable faultline checkpoint (257 strings do not fit 8-bit fields)');
  });

  it('the search time of earlier sessions is carried on, also past a widening of the fields', () => {
    for (const last of [100, 300]) {
      const ck = stopped(plainChain(last), 50);
      const r = exploreExhaustive(plainChain(last), { resume: { ...ck, elapsedMs: 1e9 } });
      expect(outcome(r)).toEqual({ states: last + 1, transitions: last, complete: true, verdicts: [] });
      expect(r.stats.searchMs).toBeGreaterThanOrEqual(1e9);
      expect(r.stats.searchMs).toBeLessThan(1e9 + 60_000);
    }
  });

  it('a widening at the first state a resume stores (the checkpoint\'s store not grown yet)', () => {
    // 0..127 fit 8 bits: the resume's first successor, 128, does not.
    const ck = stopped(plainChain(300), 128);
    expect(outcome(exploreExhaustive(plainChain(300), { resume: ck }))).toEqual({ states: 301, transitions: 300, complete: true, verdicts: [] });
  });

  it('a widening re-codes every stored state (two words of 8-bit fields to three of 16)', () => {
    type W = { readonly n: number; readonly a: number; readonly b: number; readonly c: number; readonly d: number };
    const wide = (n: number): W => ({ n, a: -n, b: 3, c: n % 7, d: 5 });
    const model: Model<W, Action> = { init: () => [wide(0)], actions: (s) => (s.n < 200 ? [STEP, act('Back')] : []), next: (s, a) => wide(a.type === 'Step' ? s.n + 1 : Math.max(0, s.n - 3)), properties: [always('Low', (s) => s.n < 190)] };
    const ck = stopped(model, 100);
    expect([ck.words, ck.keys]).toEqual([2, { kind: 'inferred', width: 8, strings: [] }]);
    const whole = exploreExhaustive(model);
    const resumed = exploreExhaustive(model, { resume: ck });
    expect(outcome(resumed)).toEqual(outcome(whole));
    expect(resumed.properties[0].counterexample!.length).toBe(190);
  });

  it('initial states that do not fit the checkpoint\'s width are refused; a run from them starts wider', () => {
    const ck = stopped(plainChain(100), 10);
    expect(() => exploreExhaustive(plainChain(400, 300), { resume: ck })).toThrow("--resume: this model's initial states do not fit the checkpoint's 8-bit codes");
    const file = fresh();
    const r = exploreExhaustive(plainChain(400, 300), { maxStates: 10, checkpoint: { file } });
    expect(r.stats.collisionProbability).toBeUndefined();
    expect(loadCheckpoint(file).keys).toEqual({ kind: 'inferred', width: 16, strings: [] });
  });

  it('a model error in a run with checkpoints is thrown as it is; states of another shape are refused', () => {
    const throwing: Model<{ n: number }, Action> = {
      ...plainChain(5),
      next: (s) => {
        if (s.n === 2) throw new Error('boom');
        return { n: s.n + 1 };
      },
    };
    expect(() => exploreExhaustive(throwing, { checkpoint: { file: fresh() } })).toThrow(/^next\(s, Step\) threw Error: boom/);
    const reshaped: Model<{ n: number; m?: number }, Action> = { ...plainChain(5), next: (s) => ({ n: s.n + 1, m: 0 }) };
    expect(() => exploreExhaustive(reshaped, { checkpoint: { file: fresh() } })).toThrow(
      "--checkpoint needs exact state codes, and this model's states do not all keep the shape and field sizes of its initial state (faultline falls back to fingerprints for it)",
    );
  });
});
