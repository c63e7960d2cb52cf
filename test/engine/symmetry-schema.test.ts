// Symmetry declared in schemas (model/core/symmetry.ts): the declarations, the derived
// canonical form on random states (idempotent, one per orbit, inside its orbit, references
// rewritten with their slots), and symmetry reduction with it (engine/bfs.ts, engine/path.ts):
// the reduced count equals a naive BFS over a brute-force canonical form, verdicts and
// counterexamples as without it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { checkSymmetry } from '../../engine/symmetry.js';
import { replay } from '../../engine/trace.js';
import { arbitraryOf } from '../../model/core/schema-arbitrary.js';
import { SchemaError, t, type Infer, type Schema } from '../../model/core/schema.js';
import { compileSymmetry, type SlotSet } from '../../model/core/symmetry.js';
import { withSchema } from '../../model/core/with-schema.js';
import { sqsPool, SIZES, type PoolSize, type PoolState } from '../../scenarios/sqs-pool/model.js';
import { referenceBfs } from './reference-bfs.js';

const SEED = 17;

// Nodes reference nodes (cycles, self-loops) and agents; agents reference nodes; a per-slot
// weight moves with its node; fixed places reference both sets; agents come in two groups.
const Node = t.record('Node', { state: t.enumOf(['idle', 'busy', 'down'] as const), next: t.slotRef('nodes', 4, { none: -1 }), agent: t.slotRef('agents', 3, { none: -1 }) });
const Agent = t.record('Agent', { up: t.bool(), node: t.slotRef('nodes', 4, { none: -2 }) });
const Graph = t.record('Graph', {
  nodes: t.slots('nodes', Node, 4),
  weight: t.perSlot('nodes', t.int(0, 2), 4),
  agents: t.slots('agents', Agent, 3, { groups: [0, 0, 1] }),
  leader: t.slotRef('nodes', 4, { none: -1 }),
  pins: t.array(t.record('Pin', { at: t.slotRef('agents', 3) }), 2),
});
type GraphState = Infer<typeof Graph>;

/** Every permutation of `xs`. */
function permutations(xs: readonly number[]): number[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Every permutation of each set within its groups, combined across sets. */
function allPerms(sets: readonly SlotSet[]): number[][][] {
  let out: number[][][] = [[]];
  for (const set of sets) {
    let per: number[][] = [Array.from({ length: set.length }, (_, i) => i)];
    for (const g of new Set(set.groups)) {
      const pos = set.groups.flatMap((x, i) => (x === g ? [i] : []));
      per = per.flatMap((p) => permutations(pos).map((o) => p.map((v, i) => (pos.includes(i) ? o[pos.indexOf(i)] : v))));
    }
    out = out.flatMap((c) => per.map((p) => [...c, p]));
  }
  return out;
}

const keyOf = <S>(schema: Schema<S>) => {
  const codec = schema.codec();
  const buf = new Uint32Array(codec.words);
  return (s: S) => {
    codec.encode(s, buf, 0);
    return buf.join(',');
  };
};

describe('declaring slot sets', () => {
  it('t.slots, t.perSlot and t.slotRef keep the codec of the plain schema and mark the nodes', () => {
    const plain = t.record('Graph', {
      nodes: t.array(t.record('Node', { state: t.enumOf(['idle', 'busy', 'down'] as const), next: t.int(-1, 3), agent: t.int(-1, 2) }), 4),
      weight: t.array(t.int(0, 2), 4),
      agents: t.array(t.record('Agent', { up: t.bool(), node: t.int(-2, 3) }), 3),
      leader: t.int(-1, 3),
      pins: t.array(t.record('Pin', { at: t.int(0, 2) }), 2),
    });
    expect(Graph.bits).toBe(plain.bits);
    const s = fc.sample(arbitraryOf(Graph), { seed: SEED, numRuns: 20 });
    for (const x of s) expect(keyOf(Graph)(x)).toBe(keyOf(plain as unknown as Schema<GraphState>)(x));
    expect(Graph.fields.nodes.slots).toEqual({ set: 'nodes' });
    expect(Graph.fields.agents.slots).toEqual({ set: 'agents', groups: [0, 0, 1] });
    expect(Graph.fields.weight.perSlot).toBe('nodes');
    expect(Graph.fields.leader.ref).toBe('nodes');
    expect([Graph.fields.leader.lo, Graph.fields.leader.hi]).toEqual([-1, 3]);
    expect([Graph.fields.pins.item.fields.at.lo, Graph.fields.pins.item.fields.at.hi]).toEqual([0, 2]);
  });

  it('bad declarations are one-line SchemaErrors', () => {
    const item = t.record('I', { x: t.bool() });
    expect(() => t.slots('w', item, 3, { groups: [0, 1] })).toThrow(SchemaError);
    expect(() => t.slots('w', item, 3, { groups: [0, 1] })).toThrow('t.slots w: groups must list one group per slot (3)');
    expect(() => t.slots('sqs.w', item, 3)).toThrow("names another component's set");
    expect(() => t.slots('bad name', item, 3)).toThrow('set name must be an identifier or kind.set');
    expect(() => t.slotRef('w', 3, { none: 1 })).toThrow('none must be a negative integer');
    expect(() => t.slotRef('w', 0)).toThrow('slots must be a positive integer');
    const twice = t.record('S', { a: t.slots('w', item, 2), b: t.slots('w', item, 2) });
    expect(() => compileSymmetry(twice)).toThrow('slot set w is declared twice');
    const short = t.record('S', { a: t.slots('w', item, 3), b: t.perSlot('w', t.bool(), 2) });
    expect(() => compileSymmetry(short)).toThrow('b: 2 items, but set w has 3 slots');
    const far = t.record('S', { a: t.slots('w', item, 3), r: t.slotRef('w', 4) });
    expect(() => compileSymmetry(far)).toThrow('r: references set w up to 3, but it has 3 slots');
    const nested = t.record('S', { a: t.slots('w', t.record('J', { b: t.slots('v', item, 2) }), 2) });
    expect(() => compileSymmetry(nested)).toThrow('slot arrays inside a slot are not supported');
  });

  it('a schema without slot sets has no symmetry, and references to an undeclared set are plain integers', () => {
    expect(compileSymmetry(t.record('S', { r: t.slotRef('w', 2), a: t.array(t.bool(), 2) }))).toBeUndefined();
    const sym = compileSymmetry(t.record('S', { a: t.slots('w', t.int(0, 3), 3), r: t.slotRef('v', 2) }))!;
    expect(sym.sets).toEqual([{ name: 'w', length: 3, groups: [0, 0, 0] }]);
    expect(sym.permute({ a: [3, 1, 2], r: 1 } as never, [[2, 0, 1]])).toEqual({ a: [2, 3, 1], r: 1 });
  });

  it('withSchema gives a model the derived canonical only when it declares slots and has none of its own', () => {
    const base = { init: () => [{ a: [1, 0] }], actions: () => [], next: (s: { a: number[] }) => s, properties: [] };
    const symmetric = t.record('S', { a: t.slots('w', t.int(0, 1), 2) }) as unknown as Schema<{ a: number[] }>;
    const plain = t.record('S', { a: t.array(t.int(0, 1), 2) }) as unknown as Schema<{ a: number[] }>;
    expect(withSchema(base, symmetric).canonical!({ a: [1, 0] })).toEqual({ a: [0, 1] });
    expect(withSchema(base, plain).canonical).toBeUndefined();
    const own = (s: { a: number[] }) => s;
    expect(withSchema({ ...base, canonical: own }, symmetric).canonical).toBe(own);
  });
});

describe('the derived canonical form', () => {
  const sym = compileSymmetry(Graph)!;
  const key = keyOf(Graph);
  const perms = allPerms(sym.sets);
  const state = arbitraryOf(Graph);
  const perm = fc.nat(perms.length - 1).map((i) => perms[i]);

  it('has 4! x 2 permutations on this schema', () => {
    expect(perms.length).toBe(48);
    expect(sym.sets.map((s) => s.name)).toEqual(['nodes', 'agents']);
  });

  it('is idempotent, the same on every permutation of a state, and a permutation of it (seeded)', () => {
    fc.assert(
      fc.property(state, perm, (s, p) => {
        const c = sym.canonical(s);
        expect(key(sym.canonical(c))).toBe(key(c));
        expect(key(sym.canonical(sym.permute(s, p)))).toBe(key(c));
        const orbit = new Set(perms.map((q) => key(sym.permute(s, q))));
        expect(orbit.has(key(c))).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('stays one per orbit where only references tell slots apart (the branching search, seeded)', () => {
    // Every node idle, every weight 0, every agent up: colours alone leave large cells to split.
    const plain = state.map((s) =>
      Graph.make({ ...s, nodes: s.nodes.map((n) => Node.make({ ...n, state: 'idle' })), weight: [0, 0, 0, 0], agents: s.agents.map((a) => Agent.make({ ...a, up: true })) }),
    );
    fc.assert(
      fc.property(plain, perm, (s, p) => {
        const c = sym.canonical(s);
        expect(key(sym.canonical(sym.permute(s, p)))).toBe(key(c));
        expect(perms.some((q) => key(sym.permute(s, q)) === key(c))).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('tries every slot of a cell that colour refinement cannot split into orbits (a 3-cycle and a 6-cycle)', () => {
    // Every node has one reference in and one out: refinement leaves one cell of nine, yet a
    // node of the 3-cycle is no image of a node of the 6-cycle. Only a search over every first
    // choice gives the same form whichever node has the lowest index.
    const Ring = t.record('Ring', { nodes: t.slots('n', t.record('RingNode', { next: t.slotRef('n', 9) }), 9) });
    const ring = compileSymmetry(Ring)!;
    const k = keyOf(Ring);
    const of = (next: number[]) => Ring.make({ nodes: next.map((n) => ({ next: n })) });
    const cycles = (s: Infer<typeof Ring>) => {
      const seen = new Set<number>();
      const lengths: number[] = [];
      for (let i = 0; i < 9; i++) {
        if (seen.has(i)) continue;
        let n = 0;
        for (let j = i; !seen.has(j); j = s.nodes[j].next) (seen.add(j), n++);
        lengths.push(n);
      }
      return lengths.sort((a, b) => a - b);
    };
    const threeSix = of([1, 2, 0, 4, 5, 6, 7, 8, 3]);
    const shuffle = fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8], { minLength: 9, maxLength: 9 });
    const form = k(ring.canonical(threeSix));
    fc.assert(
      fc.property(shuffle, (p) => {
        const moved = ring.permute(threeSix, [p]);
        expect(cycles(moved)).toEqual([3, 6]);
        expect(k(ring.canonical(moved))).toBe(form);
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(cycles(ring.canonical(threeSix))).toEqual([3, 6]);
    const others = [of([1, 2, 3, 4, 5, 6, 7, 8, 0]), of([1, 2, 0, 4, 5, 3, 7, 8, 6]), of([1, 0, 3, 4, 2, 6, 7, 8, 5])];
    expect(new Set([form, ...others.map((s) => k(ring.canonical(s)))]).size).toBe(4);
  });

  it('moves per-slot items with their slot and rewrites every reference (in slots and at fixed places)', () => {
    // Node 2 is the leader; agent 1 sits on node 2, which points back at it.
    const s: GraphState = Graph.make({
      nodes: [Node.make({ state: 'idle', next: -1, agent: -1 }), Node.make({ state: 'down', next: 0, agent: -1 }), Node.make({ state: 'busy', next: 2, agent: 1 }), Node.make({ state: 'idle', next: -1, agent: -1 })],
      weight: [0, 1, 2, 0],
      agents: [Agent.make({ up: true, node: -2 }), Agent.make({ up: true, node: 2 }), Agent.make({ up: false, node: 1 })],
      leader: 2,
      pins: [{ at: 1 }, { at: 2 }],
    });
    const moved = sym.permute(s, [[2, 0, 3, 1], [1, 0, 2]]);
    expect(moved.nodes.map((n) => n.state)).toEqual(['busy', 'idle', 'idle', 'down']);
    expect(moved.weight).toEqual([2, 0, 0, 1]);
    // Old node 2 is now 0, old 0 is 1, old 1 is 3; old agent 1 is now 0.
    expect(moved.nodes[0]).toEqual({ state: 'busy', next: 0, agent: 0 });
    expect(moved.nodes[3]).toEqual({ state: 'down', next: 1, agent: -1 });
    expect(moved.agents).toEqual([{ up: true, node: 0 }, { up: true, node: -2 }, { up: false, node: 3 }]);
    expect(moved.leader).toBe(0);
    expect(moved.pins).toEqual([{ at: 0 }, { at: 2 }]);
    expect(key(sym.canonical(moved))).toBe(key(sym.canonical(s)));
  });

  it('tells apart states that sorting slots by their own bits would merge', () => {
    // Two nodes alike but for who points at them: a 3-cycle is one orbit, a 2-cycle plus a self-loop another.
    const ring = (next: number[]): GraphState =>
      Graph.make({ nodes: next.map((n) => Node.make({ state: 'idle', next: n, agent: -1 })), weight: [0, 0, 0, 0], agents: [Agent.make({ up: true, node: -2 }), Agent.make({ up: true, node: -2 }), Agent.make({ up: true, node: -2 })], leader: -1, pins: [{ at: 0 }, { at: 0 }] });
    const c = (next: number[]) => key(sym.canonical(ring(next)));
    expect(c([1, 2, 0, -1])).toBe(c([2, 0, 1, -1]));
    expect(c([1, 2, 0, -1])).toBe(c([-1, 3, 1, 2]));
    expect(c([1, 0, 2, -1])).not.toBe(c([1, 2, 0, -1]));
    expect(c([1, 0, 2, -1])).not.toBe(c([0, 1, 2, -1]));
    // Every node's own bits are alike in all four: a sort by bits alone would give one form.
    expect(new Set([c([1, 2, 0, -1]), c([1, 0, 2, -1]), c([0, 1, 2, -1]), c([0, 0, 0, -1])]).size).toBe(4);
  });

  it('never exchanges slots of different groups', () => {
    const s = fc.sample(state, { seed: SEED, numRuns: 200 });
    for (const x of s) {
      const c = sym.canonical(x);
      // Agent 2 is alone in its group: its own bits (up) stay where they were.
      expect(c.agents[2].up).toBe(x.agents[2].up);
    }
    expect(() => sym.permute(s[0], [[0, 1, 2, 3], [2, 1, 0]])).toThrow('agents: slot 2 cannot move to 0 (another group)');
  });
});

/** sqs-pool's schema with messages and workers as slot sets and a worker's message as a reference. */
function symmetricPoolSchema({ M, W, V, F }: PoolSize): Schema<PoolState> {
  const Msg = t.record('Msg', { q: t.enumOf(['unsent', 'visible', 'inflight', 'deleted'] as const), timer: t.int(0, V), done: t.bool() });
  const Worker = t.record('Worker', { w: t.enumOf(['idle', 'busy', 'down'] as const), wm: t.slotRef('msgs', M, { none: -1 }) });
  return t.record('PoolState', { msgs: t.slots('msgs', Msg, M), workers: t.slots('workers', Worker, W), crashes: t.int(0, F) }) as unknown as Schema<PoolState>;
}

/** sqs-pool without its hand-written canonical, with the declared schema: the canonical form is derived. */
function derivedPool(size: PoolSize, variant: 'correct' | 'early-delete' = 'correct') {
  const { canonical: _own, ...model } = sqsPool(size, variant);
  return withSchema(model, symmetricPoolSchema(size));
}

/** The least JSON over every renaming of messages and workers, written here independently of symmetry.ts. */
function bruteForcePool(size: PoolSize): (s: PoolState) => PoolState {
  const pm = permutations(Array.from({ length: size.M }, (_, i) => i));
  const pw = permutations(Array.from({ length: size.W }, (_, i) => i));
  return (s) => {
    let best: PoolState | undefined;
    let bestKey = '';
    for (const m of pm) {
      const inv: number[] = [];
      m.forEach((old, pos) => (inv[old] = pos));
      for (const w of pw) {
        const t: PoolState = {
          msgs: m.map((i) => s.msgs[i]),
          workers: w.map((j) => ({ w: s.workers[j].w, wm: s.workers[j].wm < 0 ? -1 : inv[s.workers[j].wm] })),
          crashes: s.crashes,
        };
        const k = JSON.stringify(t);
        if (best === undefined || k < bestKey) [best, bestKey] = [t, k];
      }
    }
    return best!;
  };
}

describe('the derived canonical form of a small group (at most 24 permutations): every element tried', () => {
  // Three nodes referencing nodes and agents, two agents in groups of their own but one: 3! x 2 = 12.
  const SmallNode = t.record('Node', { state: t.enumOf(['idle', 'busy'] as const), next: t.slotRef('nodes', 3, { none: -1 }), agent: t.slotRef('agents', 3, { none: -1 }) });
  const Small = t.record('Small', {
    nodes: t.slots('nodes', SmallNode, 3),
    agents: t.slots('agents', t.record('Agent', { node: t.slotRef('nodes', 3) }), 3, { groups: [0, 0, 1] }),
    leader: t.slotRef('nodes', 3, { none: -1 }),
  });
  const sym = compileSymmetry(Small)!;
  const codec = Small.codec();
  const code = (x: Infer<typeof Small>) => {
    const buf = new Uint32Array(codec.words);
    codec.encode(x, buf, 0);
    return [...buf];
  };
  const less = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  };
  const perms = allPerms(sym.sets);

  it('is the least code of the orbit, the same on every permutation of a state (seeded)', () => {
    expect(perms.length).toBe(12);
    fc.assert(
      fc.property(arbitraryOf(Small), fc.nat(perms.length - 1), (s, i) => {
        let least = code(s);
        for (const q of perms) {
          const c = code(sym.permute(s, q));
          if (less(c, least)) least = c;
        }
        expect(code(sym.canonical(s))).toEqual(least);
        expect(code(sym.canonical(sym.permute(s, perms[i])))).toEqual(least);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('canonicalCode writes the code of canonical(s), and says whether it is not s own (both forms, seeded)', () => {
    const big = compileSymmetry(Graph)!;
    const bigCodec = Graph.codec();
    const cases: [typeof sym, typeof codec, fc.Arbitrary<any>][] = [[sym, codec, arbitraryOf(Small)], [big as unknown as typeof sym, bigCodec as unknown as typeof codec, arbitraryOf(Graph)]];
    for (const [y, cdc, arb] of cases) {
      fc.assert(
        fc.property(arb, (x) => {
          const want = new Uint32Array(cdc.words + 1);
          const got = new Uint32Array(cdc.words + 1);
          const own = new Uint32Array(cdc.words + 1);
          const c = y.canonical(x);
          cdc.encode(c, want, 1);
          cdc.encode(x, own, 1);
          const moved = y.canonicalCode(x, got, 1);
          expect([...got]).toEqual([...want]);
          expect(moved).toBe([...own].join() !== [...want].join());
        }),
        { seed: SEED, numRuns: 200 },
      );
    }
  });

  it('canonicalCode from a parent and its code (only what changed re-encoded) writes the same code (seeded)', () => {
    fc.assert(
      fc.property(arbitraryOf(Small), fc.integer({ min: -1, max: 2 }), (parent, leader) => {
        const child = { ...parent, leader }; // shares the parent's nodes and agents
        const parentCode = new Uint32Array(codec.words);
        codec.encode(parent, parentCode, 0);
        const want = new Uint32Array(codec.words);
        codec.encode(sym.canonical(child), want, 0);
        const got = new Uint32Array(codec.words);
        const moved = sym.canonicalCode(child, got, 0, parent, parentCode);
        expect([...got]).toEqual([...want]);
        expect(moved).toBe(code(child).join() !== [...want].join());
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('returns the state itself when it is the least of its orbit', () => {
    const s = Small.make({ nodes: [SmallNode.make({ state: 'idle', next: -1, agent: -1 }), SmallNode.make({ state: 'idle', next: -1, agent: -1 }), SmallNode.make({ state: 'idle', next: -1, agent: -1 })], agents: [{ node: 0 }, { node: 0 }, { node: 0 }], leader: -1 });
    expect(sym.canonical(s)).toBe(s);
  });
});

describe('symmetry reduction with the derived form (sqs-pool, messages and workers declared)', () => {
  it('the declaration holds on the model: every state and permutation (small)', () => {
    const model = derivedPool(SIZES.small);
    const c = checkSymmetry(model, compileSymmetry(symmetricPoolSchema(SIZES.small))!, { maxStates: 10_000 });
    expect(c).toMatchObject({ states: 382, exhaustive: true, violations: [] });
  });

  it('the reduced count equals a naive BFS over a brute-force canonical form, and the hand-written one', () => {
    for (const size of [SIZES.small, SIZES.medium]) {
      const model = derivedPool(size);
      const reduced = exploreExhaustive(model, { symmetry: true });
      const ref = referenceBfs(model, bruteForcePool(size));
      expect(reduced.stats.distinctStates).toBe(ref.states);
      expect(reduced.stats.transitions).toBe(ref.transitions);
      expect(reduced.stats.maxDepth).toBe(ref.maxDepth);
      expect(exploreExhaustive(sqsPool(size), { symmetry: true }).stats.distinctStates).toBe(ref.states);
      const full = exploreExhaustive(model);
      expect(reduced.stats.distinctStates).toBeLessThan(full.stats.distinctStates! / 3);
      expect(reduced.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
    }
    // The hand-written form agrees on which states are one.
    expect(exploreExhaustive(derivedPool(SIZES.large), { symmetry: true }).stats.distinctStates).toBe(exploreExhaustive(sqsPool(SIZES.large), { symmetry: true }).stats.distinctStates);
  });

  it('early-delete fails with the same shortest length, and the trace replays on the real model', () => {
    const model = derivedPool(SIZES.medium, 'early-delete');
    const prop = model.properties[0];
    const plain = exploreExhaustive(model).properties[0];
    const r = exploreExhaustive(model, { symmetry: true }).properties[0];
    expect(r.verdict).toBe('fails');
    expect(r.counterexample!.length).toBe(plain.counterexample!.length);
    const replayed = replay(model, prop, r.counterexample!.actions.map((action) => ({ action })));
    expect(replayed.violated).toBe(true);
  });

  it('canonical(s) of a reachable state is reachable: the representatives are states of the model', () => {
    const model = derivedPool(SIZES.small);
    const key = keyOf(symmetricPoolSchema(SIZES.small));
    const reachable = new Map<string, PoolState>();
    let level = [...model.init()];
    for (const s of level) reachable.set(key(s), s);
    while (level.length > 0) {
      const next: PoolState[] = [];
      for (const s of level) {
        for (const a of model.actions(s)) {
          const t = model.next(s, a);
          if (!reachable.has(key(t))) {
            reachable.set(key(t), t);
            next.push(t);
          }
        }
      }
      level = next;
    }
    expect(reachable.size).toBe(382);
    const representatives = new Set<string>();
    for (const s of reachable.values()) {
      const c = model.canonical!(s);
      expect(reachable.has(key(c))).toBe(true);
      representatives.add(key(c));
    }
    expect(representatives.size).toBe(exploreExhaustive(model, { symmetry: true }).stats.distinctStates);
  });
});
