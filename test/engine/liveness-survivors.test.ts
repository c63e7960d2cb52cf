// Mutation survivors of engine/liveness.ts (chunk d1, reports/mutation/engine-d1.incremental.json):
// the recorded graph, its memory accounting, and the lasso construction, on graphs built by hand
// so each lasso's action indices are known. Every graph and model is built inside its `it`
// (Stryker's per-test coverage does not see code run while a `describe` is collected).
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { FairActions, findLasso, isFairAction, LivenessGraph, type GraphLasso } from '../../engine/liveness.js';
import type { Action, Model } from '../../model/core/model.js';
import { eventually, eventuallyAlways, leadsTo, type LivenessProperty, type Property } from '../../model/core/property.js';

const act = (type: string, kind: Action['kind']): Action => Object.freeze({ type, kind });

/** A model whose states are numbers: only its properties (and isRecovery / packed) matter to the graph. */
function numbers(properties: Property<number>[], extra: Partial<Model<number, Action>> = {}): Model<number, Action> {
  return { init: () => [0], actions: () => [], next: (s) => s, properties, ...extra };
}

/** An edge: to a state by an action, or 'skip' (a Tick prompt control left out). */
type Edge = readonly [number, Action] | 'skip';

/** Records a graph the way bfs.ts does: state ids in order, each labelled, its edges in action order. */
function record(model: Model<number, Action>, edges: readonly (readonly Edge[])[]): LivenessGraph<number, Action> {
  const g = new LivenessGraph(model);
  edges.forEach((es, id) => {
    g.label(id, id, (_p, e) => {
      throw e;
    });
    g.begin(id);
    for (const e of es) {
      if (e === 'skip') g.omittedEdge();
      else g.edge(e[0], e[1]);
    }
  });
  g.finish();
  return g;
}

/** The lasso of the model's first property on the recorded graph; state 0 is the only initial state. */
function lasso(model: Model<number, Action>, edges: readonly (readonly Edge[])[]): GraphLasso | undefined {
  const g = record(model, edges);
  return findLasso(g, 0, model.properties[0] as LivenessProperty<number>, edges.length, (v) => v === 0);
}

describe('fair actions', () => {
  it('a fault is never fair, even when isRecovery says yes; a recovery op and a control action are', () => {
    const model = numbers([], { isRecovery: () => true });
    expect(isFairAction(model, act('Crash', 'fault'))).toBe(false);
    expect(isFairAction(model, act('Receive', 'op'))).toBe(true);
    expect(isFairAction(model, act('Launch', 'control'))).toBe(true);
    expect(isFairAction(numbers([]), act('Receive', 'op'))).toBe(false);
  });

  it('numbers fair actions from 0 by content, and keeps one object per number', () => {
    const fa = new FairActions(numbers([]));
    const a = act('Launch', 'control');
    expect(fa.count).toBe(0);
    expect(fa.actions).toEqual([]);
    expect(fa.idOf(act('Crash', 'fault'))).toBe(-1);
    expect(fa.idOf(a)).toBe(0);
    expect(fa.idOf({ type: 'Launch', kind: 'control' })).toBe(0);
    expect(fa.idOf(act('Reap', 'control'))).toBe(1);
    expect(fa.count).toBe(2);
    expect(fa.actions[0]).toBe(a);
  });

  it('looks a known action object up by identity, not by serialising it again, for the first 64 Ki objects', () => {
    const fa = new FairActions(numbers([]));
    let reads = 0;
    /** An action whose `arg` counts how often it is read (canonicalJson reads it; the identity lookup does not). */
    const counted = (): Action => ({
      type: 'Work',
      kind: 'control',
      get arg() {
        reads++;
        return 1;
      },
    }) as Action;
    const first = counted();
    expect(fa.idOf(first)).toBe(0);
    const once = reads;
    expect(once).toBeGreaterThan(0);
    expect(fa.idOf(first)).toBe(0);
    expect(reads).toBe(once); // found by identity
    // Fill the identity cache to its limit (65,536 objects, the first included).
    for (let i = 1; i < 1 << 16; i++) fa.idOf({ type: 'Work', kind: 'control' } as Action);
    const late = counted();
    const before = reads;
    // The fillers have no arg: they are number 1; late has first's content, number 0.
    expect(fa.idOf(late)).toBe(0);
    expect(fa.idOf(late)).toBe(0);
    expect(reads - before).toBe(2 * once); // past the limit: serialised each time, never cached
  });
});

describe('the recorded graph', () => {
  it('packed action numbers map to fair numbers: a fault is not fair, a control action is', () => {
    const fault = act('Crash', 'fault');
    const launch = act('Launch', 'control');
    const model = numbers([eventually('Up', (s) => s === 1)], {
      packed: { actions: () => 0, next: () => undefined, table: [fault, launch] },
    });
    const g = new LivenessGraph(model);
    g.begin(0);
    g.packedEdge(1, 0);
    g.packedEdge(1, 1);
    g.finish();
    expect(Array.from(g.fair.subarray(0, 2))).toEqual([-1, 0]);
    expect(Array.from(g.targets.subarray(0, 2))).toEqual([1, 1]);
    expect(g.fairActions.actions).toEqual([launch]);
  });

  it('a skipped Tick keeps its position: the next action is index 1', () => {
    const f = act('Step', 'control');
    // 0 -(skip, Step)-> 1, and 1 can do nothing: eventually(2) fails by stuttering in 1.
    expect(lasso(numbers([eventually('Two', (s) => s === 2)]), [['skip', [1, f]], [], []])).toEqual({ start: 0, steps: [1], loop: 1 });
  });

  it('a skipped Tick is no edge: it leads nowhere', () => {
    const f = act('Step', 'control');
    const spin = act('Spin', 'control');
    // 0 can only go to 2 (p); 1 spins for ever but is not reachable: eventually holds.
    expect(lasso(numbers([eventually('Two', (s) => s === 2)]), [['skip', [2, f]], [[1, spin]], []])).toBeUndefined();
  });

  it('a skipped Tick is not a fair action: a state with nothing else may last for ever', () => {
    expect(lasso(numbers([eventually('Two', (s) => s === 2)]), [['skip'], [], []])).toEqual({ start: 0, steps: [], loop: 0 });
  });

  it('a predicate that throws goes to onError with its property', () => {
    const g = new LivenessGraph(
      numbers([
        eventually('Boom', () => {
          throw new Error('boom');
        }),
      ]),
    );
    expect(() =>
      g.label(0, 0, (p, e) => {
        throw new Error(`${p.name}: ${(e as Error).message}`);
      }),
    ).toThrow('Boom: boom');
  });

  it('bytes() is what the arrays hold: 4 B an offset, 4 + 4 B an edge, 1 B a state per property, as allocated', () => {
    const f = act('Step', 'control');
    const g = record(numbers([eventually('Two', (s) => s === 2)]), [[[1, f]], [[2, f]], []]);
    // Initial sizes: 1,024 offsets, 4,096 edges, 1,024 predicate bytes; nothing grew.
    expect(g.offsets.length).toBe(1024);
    expect(g.bytes()).toBe(1024 * 4 + 4096 * 4 + 4096 * 4 + 1024);
    expect(g.states).toBe(3);
    expect(g.edges).toBe(2);
  });

  it('grows by half past 1,024 states, and labels the 1,025th state: a chain to it holds', () => {
    const f = act('Step', 'control');
    const n = 1025;
    const edges: Edge[][] = Array.from({ length: n }, (_, i) => (i < n - 1 ? [[i + 1, f] as const] : []));
    const model = numbers([eventually('Last', (s) => s === n - 1)]);
    const g = record(model, edges);
    expect(g.offsets.length).toBe(1536);
    expect(g.bytes()).toBe(1536 * 4 + 4096 * 4 + 4096 * 4 + 1536);
    // State 1,024 is the only one where Last holds; its label must have been kept.
    expect(findLasso(g, 0, model.properties[0] as LivenessProperty<number>, n, (v) => v === 0)).toBeUndefined();
    const other = numbers([eventually('NotLast', (s) => s !== n - 1 && s > n)]);
    expect(findLasso(record(other, edges), 0, other.properties[0] as LivenessProperty<number>, n, (v) => v === 0)).toEqual({ start: 0, steps: Array(n - 1).fill(0), loop: n - 1 });
  });
});

describe('components and lassos', () => {
  it('eventuallyAlways holds on a fair cycle whose states all satisfy p', () => {
    const f = act('Blink', 'control');
    expect(lasso(numbers([eventuallyAlways('On', (s) => s < 2)]), [[[1, f]], [[0, f]]])).toBeUndefined();
  });

  it('a fair action listed twice in one state is enabled in one member, not two', () => {
    const g = act('Go', 'op');
    const f = act('Fix', 'control');
    const h = act('Heal', 'control');
    // Component {0, 1} by ops; Fix is enabled (twice) in 0 only, Heal in 1 only: both are
    // disabled somewhere on the tour, so the tour is fair and eventually(2) fails.
    const l = lasso(numbers([eventually('Two', (s) => s === 2)]), [[[1, g], [2, f], [2, f]], [[0, g], [2, h]], []]);
    expect(l).toEqual({ start: 0, steps: [0, 0], loop: 0 });
  });

  it('a leadsTo violation in state 0, reached from the trigger in state 1', () => {
    const g = act('Go', 'op');
    const f = act('Fix', 'control');
    // 1 (the trigger) -Go-> 0, where no fair action is enabled; Fix from 1 would reach q (3).
    const model = numbers([leadsTo('Answered', (s) => s === 1, (s) => s === 3)]);
    expect(lasso(model, [[], [[0, g], [3, f]], [], []])).toEqual({ start: 1, steps: [0], loop: 1 });
  });

  it('the stem runs from the root, state 0, in order', () => {
    const g = act('Go', 'op');
    const f = act('Fix', 'control');
    // 0 -Go (index 1)-> 1 -Go (index 0)-> 2, which stutters; Fix would reach 3 (p).
    const model = numbers([eventually('Three', (s) => s === 3)]);
    expect(lasso(model, [[[3, f], [1, g]], [[2, g], [3, f]], [], []])).toEqual({ start: 0, steps: [1, 0], loop: 2 });
  });

  it('a fair action enabled in part of the component is escaped by going where it is disabled', () => {
    const g = act('Go', 'op');
    const f = act('Fix', 'control');
    const h = act('Heal', 'control');
    // Fix is enabled in 0 only and leaves the component: the cycle goes to 1, where it is not.
    const model = numbers([eventually('Two', (s) => s === 2)]);
    expect(lasso(model, [[[1, g], [2, f]], [[0, g], [2, h]], []])).toEqual({ start: 0, steps: [0, 0], loop: 0 });
  });

  it('a fair action already disabled in the entry state needs no detour (eventuallyAlways)', () => {
    const g = act('Go', 'op');
    const f = act('Fix', 'control');
    // 0 (p) -> 1 (not p) -> 2 (p) or back to 0; Fix, enabled in 1 only, leaves for 3.
    // The cycle visits 1 and returns at once: Fix was disabled in 0, already visited.
    const model = numbers([eventuallyAlways('Good', (s) => s !== 1)]);
    expect(lasso(model, [[[1, g]], [[2, g], [0, g], [3, f]], [[0, g]], []])).toEqual({ start: 0, steps: [0, 1], loop: 0 });
  });

  it('a fair action taken on the way to the bad state needs no second turn (eventuallyAlways)', () => {
    const f = act('Fix', 'control');
    const g = act('Go', 'op');
    // 0 (p) -Fix-> 1 (not p) -Fix-> 2 (p) -Go-> 0, and 1 -Go-> 0. Fix (fair number 0) is
    // taken into 1, so the cycle closes from 1 straight back to 0.
    const model = numbers([eventuallyAlways('Good', (s) => s !== 1)]);
    expect(lasso(model, [[[1, f]], [[2, f], [0, g]], [[0, g]]])).toEqual({ start: 0, steps: [0, 1], loop: 0 });
  });

  it('a fair action enabled everywhere is taken from where the cycle is, when it can be', () => {
    const f = act('Fix', 'control');
    const g = act('Go', 'op');
    // 0 -Fix-> 1 -Go-> 0; in 1, Fix leaves the component (to 2, p).
    const model = numbers([eventually('Two', (s) => s === 2)]);
    expect(lasso(model, [[[1, f]], [[0, g], [2, f]], []])).toEqual({ start: 0, steps: [0, 0], loop: 0 });
  });

  it('the cycle ends as soon as it is back at the entry, and takes only the entry\'s own actions', () => {
    const f = act('Fix', 'control');
    const g = act('Go', 'op');
    // 0 -Go-> 1 -Fix-> 0; in 0, Fix leaves the component (to 2). Fix must be taken inside:
    // from 1, which ends the cycle in 0.
    const model = numbers([eventually('Two', (s) => s === 2)]);
    expect(lasso(model, [[[1, g], [2, f]], [[0, f]], []])).toEqual({ start: 0, steps: [0, 0], loop: 0 });
  });

  it('through the explorer: the lassos above are what exploreExhaustive reports', () => {
    // The last graph as a model: states 0, 1, 2; actions in the same order.
    const f = act('Fix', 'control');
    const g = act('Go', 'op');
    const model: Model<number, Action> = {
      init: () => [0],
      actions: (s) => (s === 0 ? [g, f] : s === 1 ? [f] : []),
      next: (s, a) => (s === 0 ? (a === g ? 1 : 2) : 0),
      properties: [eventually('Two', (s) => s === 2)],
    };
    const cx = exploreExhaustive(model).properties[0].counterexample!;
    expect(cx).toMatchObject({ labels: ['Go', 'Fix'], loopIndex: 0 });
  });
});
