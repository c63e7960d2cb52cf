// Mutation survivors of engine/recovery.ts (chunk d1, reports/mutation/engine-d1.incremental.json):
// which moves are recovery moves, prompt control on objects and on packed numbers, the bounds,
// memoisation, the stability search, zero-time runs, the flap search and the failing paths.
// The recovery graphs are small tables (state -> moves), so every path is known. Every model is
// built inside its `it` (Stryker's per-test coverage does not see code run in a `describe`).
import { describe, expect, it } from 'vitest';
import { keyerFor, type Keyer } from '../../engine/keyer.js';
import { ModelError } from '../../engine/model-error.js';
import {
  deferredPackedTick,
  deferredTick,
  packedMoveKinds,
  RecoveryChecker,
  recoveryBounds,
  recoveryMoves,
  tickSecondsOf,
} from '../../engine/recovery.js';
import { InputError } from '../../engine/scenario.js';
import type { Action, Model } from '../../model/core/model.js';
import { recovers, type RecoversOptions, type RecoversProperty } from '../../model/core/property.js';

type Kind = Action['kind'];

/** A recovery graph: per state, its moves in the model's order as [action type, target]. */
interface Table {
  readonly moves: Readonly<Record<string, readonly (readonly [string, string])[]>>;
  /** The states where the predicate holds. */
  readonly good: readonly string[];
  /** Action kinds other than control (Tick is control). */
  readonly kinds?: Readonly<Record<string, Kind>>;
  /** `state/Action` pairs that may wait while time passes (mayDefer). */
  readonly defer?: readonly string[];
  readonly tickSeconds?: number;
  readonly isRecovery?: (a: Action) => boolean;
}

type Counted = Model<string, Action> & { readonly tickSeconds?: number; calls: { actions: number; pred: number } };

function tableModel(t: Table, opts: RecoversOptions): Counted {
  const objects = new Map<string, Action>();
  const action = (type: string): Action => {
    let a = objects.get(type);
    if (!a) objects.set(type, (a = Object.freeze({ type, kind: t.kinds?.[type] ?? 'control' })));
    return a;
  };
  const calls = { actions: 0, pred: 0 };
  const model: Counted = {
    init: () => [Object.keys(t.moves)[0]],
    actions: (s) => {
      calls.actions++;
      const moves = t.moves[s];
      if (!moves) throw new Error(`no state ${String(s)}`);
      return moves.map(([type]) => action(type));
    },
    next: (s, a) => t.moves[s]!.find(([type]) => type === a.type)![1],
    properties: [
      recovers(
        'Good',
        (s: string) => {
          calls.pred++;
          return t.good.includes(s);
        },
        opts,
      ),
    ],
    ...(t.defer ? { mayDefer: (s: string, a: Action) => t.defer!.includes(`${s}/${a.type}`) } : {}),
    ...(t.isRecovery ? { isRecovery: t.isRecovery } : {}),
    ...(t.tickSeconds !== undefined ? { tickSeconds: t.tickSeconds } : {}),
    calls,
  };
  return model;
}

function checkerOf(t: Table, opts: RecoversOptions, keyer?: (model: Counted) => Keyer<string>) {
  const model = tableModel(t, opts);
  const checker = new RecoveryChecker(model, model.properties[0] as RecoversProperty<string>, keyer ? keyer(model) : keyerFor(model));
  return { model, checker, path: (s: string) => checker.failure(s).actions.map((a) => a.type) };
}

const act = (type: string, kind: Kind): Action => Object.freeze({ type, kind });
const TICK = act('Tick', 'control');


/** The model's own keyer, except that keying state `at` throws what `error()` gives. */
function throwingKeyAt(at: string, error: () => unknown) {
  return (model: Counted): Keyer<string> => {
    const inner = keyerFor(model);
    return {
      ...inner,
      key: (s, out, off) => {
        if (s === at) throw error();
        inner.key(s, out, off);
      },
    };
  };
}

describe('recovery moves and prompt control', () => {
  it('recovery moves are control actions and recovery ops, never a fault or another op', () => {
    const crash = act('Crash', 'fault');
    const receive = act('Receive', 'op');
    const write = act('Write', 'op');
    const launch = act('Launch', 'control');
    const model: Model<number, Action> = {
      init: () => [0],
      actions: () => [crash, receive, write, launch, TICK],
      next: (s) => s,
      properties: [],
      // Says yes to the fault too: a fault is still never a recovery move.
      isRecovery: (a) => a.type !== 'Write',
    };
    expect(recoveryMoves(model, 0)).toEqual([receive, launch]);
  });

  it('a recovery op never waits, even when mayDefer says yes; a control action may', () => {
    const receive = act('Receive', 'op');
    const launch = act('Launch', 'control');
    const base = { init: () => [0], next: (s: number) => s, properties: [], isRecovery: () => true, mayDefer: () => true };
    expect(recoveryMoves({ ...base, actions: () => [receive, TICK] }, 0)).toEqual([receive]);
    expect(recoveryMoves({ ...base, actions: () => [launch, TICK] }, 0)).toEqual([launch, TICK]);
  });

  it('deferredTick: the Tick is left out only while a control action or a recovery op is due', () => {
    const crash = act('Crash', 'fault');
    const receive = act('Receive', 'op');
    const write = act('Write', 'op');
    const launch = act('Launch', 'control');
    const model: Model<number, Action> = { init: () => [0], actions: () => [], next: (s) => s, properties: [], isRecovery: (a) => a.type !== 'Write' };
    expect(deferredTick(model, [crash, TICK], 0)).toBe(-1);
    expect(deferredTick(model, [write, TICK], 0)).toBe(-1);
    expect(deferredTick(model, [receive, TICK], 0)).toBe(1);
    expect(deferredTick(model, [launch, crash, TICK], 0)).toBe(2);
    expect(deferredTick(model, [TICK], 0)).toBe(-1);
    // A model without isRecovery: an op is not due (and is not asked about).
    const plain: Model<number, Action> = { init: () => [0], actions: () => [], next: (s) => s, properties: [] };
    expect(deferredTick(plain, [write, TICK], 0)).toBe(-1);
  });

  it('packedMoveKinds: 1 for Tick, 2 for a control action or recovery op, 0 otherwise', () => {
    const table = [TICK, act('Launch', 'control'), act('Crash', 'fault'), act('Receive', 'op'), act('Write', 'op')];
    const base: Model<number, Action> = { init: () => [0], actions: () => [], next: (s) => s, properties: [] };
    const kinds = packedMoveKinds({ ...base, isRecovery: (a) => a.type !== 'Write' }, table);
    expect(kinds).toBeInstanceOf(Uint8Array);
    expect(Array.from(kinds)).toEqual([1, 2, 0, 2, 0]);
    expect(Array.from(packedMoveKinds(base, table))).toEqual([1, 2, 0, 0, 0]);
  });

  it('packedMoveKinds refuses a model with mayDefer only on objects in one line', () => {
    const base: Model<number, Action> = { init: () => [0], actions: () => [], next: (s) => s, properties: [] };
    expect(() => packedMoveKinds({ ...base, mayDefer: () => false }, [TICK])).toThrow(InputError);
    expect(() => packedMoveKinds({ ...base, mayDefer: () => false }, [TICK])).toThrow(
      'prompt control on packed transitions needs every control action due at once, or mayDefer on codes (packed.mayDefer); this model declares mayDefer only on objects',
    );
  });

  it('with mayDefer on codes, control actions are asked (3) and recovery ops stay due (2)', () => {
    const table = [TICK, act('Launch', 'control'), act('Crash', 'fault'), act('Receive', 'op')];
    const base: Model<number, Action> = { init: () => [0], actions: () => [], next: (s) => s, properties: [], isRecovery: (a) => a.type === 'Receive' };
    const packed = { table, actions: () => 0, next: () => {}, mayDefer: () => true };
    expect(Array.from(packedMoveKinds({ ...base, mayDefer: () => true, packed }, table))).toEqual([1, 3, 0, 2]);
    const kinds = Uint8Array.of(1, 3, 0, 2);
    const code = Uint32Array.of(7);
    const asked: number[][] = [];
    const waits = (c: Uint32Array, off: number, action: number) => (asked.push([c[off], action]), true);
    const due = (c: Uint32Array, off: number, action: number) => (asked.push([c[off], action]), false);
    // The launch may wait: Tick stays.
    expect(deferredPackedTick(kinds, Int32Array.of(1, 0), 2, code, 0, waits)).toBe(-1);
    expect(asked).toEqual([[7, 1]]);
    // It is due: Tick (at index 1) is left out.
    expect(deferredPackedTick(kinds, Int32Array.of(1, 0), 2, code, 0, due)).toBe(1);
    // A due recovery op decides without asking.
    asked.length = 0;
    expect(deferredPackedTick(kinds, Int32Array.of(3, 1, 0), 3, code, 0, waits)).toBe(2);
    expect(asked).toEqual([]);
  });

  it('deferredPackedTick reads the first n action numbers: the Tick\'s index when a move is due, else -1', () => {
    const kinds = Uint8Array.of(0, 1, 2); // action 0: a fault, 1: Tick, 2: a control action
    expect(deferredPackedTick(kinds, Int32Array.of(0, 2, 1), 3)).toBe(2);
    expect(deferredPackedTick(kinds, Int32Array.of(1, 2), 2)).toBe(0);
    expect(deferredPackedTick(kinds, Int32Array.of(0, 1), 2)).toBe(-1);
    expect(deferredPackedTick(kinds, Int32Array.of(2), 1)).toBe(-1); // due, but no Tick
    expect(deferredPackedTick(kinds, Int32Array.of(1, 2, 2), 1)).toBe(-1); // entries past n are not read
  });
});

describe('bounds', () => {
  it('tickSecondsOf: a positive finite number, else undefined', () => {
    expect(tickSecondsOf({ tickSeconds: 60 })).toBe(60);
    expect(tickSecondsOf({ tickSeconds: 0.5 })).toBe(0.5);
    for (const t of [undefined, '60', Infinity, NaN, 0, -5]) expect(tickSecondsOf({ tickSeconds: t })).toBeUndefined();
    expect(tickSecondsOf({})).toBeUndefined();
  });

  it('recoveryBounds in steps: the hold in steps, until the next fault by default', () => {
    const model = tableModel({ moves: { a: [] }, good: [] }, { within: 3 });
    const up = (s: string) => s === 'a';
    expect(recoveryBounds(model, recovers('P', up, { within: 3 }))).toEqual({ unit: 'steps', bound: 3, hold: Infinity, maxRun: Infinity });
    expect(recoveryBounds(model, recovers('P', up, { within: 3, hold: 2 }))).toEqual({ unit: 'steps', bound: 3, hold: 2, maxRun: Infinity });
    // A property written by hand without a hold (a JavaScript model) holds until the next fault.
    const bare = { kind: 'recovers', name: 'P', pred: up, within: 3 } as unknown as RecoversProperty<string>;
    expect(recoveryBounds(model, bare).hold).toBe(Infinity);
  });

  it('recoveryBounds in seconds: whole ticks, the hold in ticks, the zero-time run limit', () => {
    const model = tableModel({ moves: { a: [] }, good: [], tickSeconds: 60 }, { within: 3 });
    const up = (s: string) => s === 'a';
    expect(recoveryBounds(model, recovers('P', up, { withinSeconds: 150 }))).toEqual({ unit: 'seconds', bound: 2, hold: Infinity, maxRun: 100, tickSeconds: 60 });
    expect(recoveryBounds(model, recovers('P', up, { withinSeconds: 150, hold: 120, maxStepsBetweenTicks: 7 }))).toEqual({
      unit: 'seconds',
      bound: 2,
      hold: 2,
      maxRun: 7,
      tickSeconds: 60,
    });
    const bare = { kind: 'recovers', name: 'P', pred: up, withinSeconds: 150 } as unknown as RecoversProperty<string>;
    expect(recoveryBounds(model, bare)).toEqual({ unit: 'seconds', bound: 2, hold: Infinity, maxRun: 100, tickSeconds: 60 });
    const clockless = tableModel({ moves: { a: [] }, good: [] }, { within: 3 });
    expect(() => recoveryBounds(clockless, recovers('P', up, { withinSeconds: 150 }))).toThrow(InputError);
  });
});

describe('memoised: each state is asked about once', () => {
  it('the predicate once per state; a second question about a decided state calls the model no more', () => {
    const t: Table = {
      moves: { s0: [['Go', 'q1']], q1: [['Go', 'q2']], q2: [], p1: [['Go', 'p2']], p2: [['Go', 'n']], n: [] },
      good: ['q1', 'q2', 'p1', 'p2'],
    };
    const { model, checker } = checkerOf(t, { within: 2 });
    expect(checker.holds('s0')).toBe(true);
    expect(model.calls.pred).toBe(3); // s0, q1, q2
    const actions = model.calls.actions;
    expect(checker.holds('s0')).toBe(true); // decided: not solved again
    expect(checker.holds('q1')).toBe(true); // known stable
    expect(checker.holds('q2')).toBe(true); // found stable by q1's search
    expect(model.calls.actions).toBe(actions);
    expect(model.calls.pred).toBe(3);
    expect(checker.holds('p1')).toBe(false); // p1 -> p2 -> n: the predicate is lost
    const after = model.calls.actions;
    expect(checker.holds('p2')).toBe(false); // on p1's search stack: known unstable
    expect(model.calls.actions).toBe(after);
  });
});

describe('the stability search', () => {
  it('a state with a move to itself is still unstable when an earlier state on the stack loses the predicate', () => {
    // r -> s, s -> r and s -> s; then r -> t, where the predicate fails.
    const t: Table = { moves: { r: [['Go', 's'], ['Drop', 't']], s: [['Back', 'r'], ['Stay', 's']], t: [] }, good: ['r', 's'] };
    const { checker } = checkerOf(t, { within: 1 });
    expect(checker.holds('r')).toBe(false);
    expect(checker.holds('s')).toBe(false);
  });

  it('a cycle through three states is one component: all unstable when one of them can lose the predicate', () => {
    // r -> s -> u -> r, and r -> t later.
    const t: Table = { moves: { r: [['Go', 's'], ['Drop', 't']], s: [['Go', 'u']], u: [['Back', 'r']], t: [] }, good: ['r', 's', 'u'] };
    const { checker } = checkerOf(t, { within: 1 });
    expect(checker.holds('r')).toBe(false);
    expect(checker.holds('s')).toBe(false);
    expect(checker.holds('u')).toBe(false);
  });
});

describe('zero-time runs (withinSeconds, maxStepsBetweenTicks)', () => {
  const seconds = (maxStepsBetweenTicks: number): RecoversOptions => ({ withinSeconds: 60, maxStepsBetweenTicks });

  it('the step into the restored state is the run\'s last: two control steps to restoration are a run of two', () => {
    const t: Table = { moves: { s0: [['A', 's1']], s1: [['B', 'p']], p: [] }, good: ['p'], tickSeconds: 60 };
    expect(checkerOf(t, seconds(1)).checker.holds('s0')).toBe(false);
    expect(checkerOf(t, seconds(2)).checker.holds('s0')).toBe(true);
  });

  it('a shorter way to restoration does not hide a longer run beside it', () => {
    // s0 -A-> s1 -B-> s2 -C-> p is a run of 3; s0 -D-> p a run of 1, listed after it.
    const t: Table = { moves: { s0: [['A', 's1'], ['D', 'p']], s1: [['B', 's2']], s2: [['C', 'p']], p: [] }, good: ['p'], tickSeconds: 60 };
    expect(checkerOf(t, seconds(2)).checker.holds('s0')).toBe(false);
    expect(checkerOf(t, seconds(3)).checker.holds('s0')).toBe(true);
  });

  it('the longest run wins over a later, shorter one that is not restored yet', () => {
    // s0 -A-> s1 -B-> s2 -C-> p (a run of 3); s0 -D-> s3, which waits for a Tick.
    const t: Table = { moves: { s0: [['A', 's1'], ['D', 's3']], s1: [['B', 's2']], s2: [['C', 'p']], s3: [['Tick', 'p']], p: [] }, good: ['p'], tickSeconds: 60 };
    expect(checkerOf(t, seconds(2)).checker.holds('s0')).toBe(false);
    expect(checkerOf(t, seconds(3)).checker.holds('s0')).toBe(true);
  });

  it('a long run after a tick is kept, whatever the later moves\' runs', () => {
    // s0 -A-> s1 -Tick-> s4, then 3 control steps to p; s0 -B-> s2 -Tick-> p.
    const t: Table = {
      moves: { s0: [['A', 's1'], ['B', 's2']], s1: [['Tick', 's4']], s4: [['C', 's5']], s5: [['C', 's6']], s6: [['C', 'p']], s2: [['Tick', 'p']], p: [] },
      good: ['p'],
      tickSeconds: 60,
    };
    expect(checkerOf(t, seconds(2)).checker.holds('s0')).toBe(false);
    expect(checkerOf(t, seconds(3)).checker.holds('s0')).toBe(true);
  });
});

describe('a finite hold: the flap search (zero-time steps before ticks)', () => {
  it('a state reached again sooner is searched again from there: a flap within the hold', () => {
    // s: Defer (may wait) -> b, or Tick -> a; b -Go-> a at no time; a -Tick-> n (not good).
    // a is reached at 0 s by Defer, Go: n follows within the 60 s hold.
    const t: Table = {
      moves: { s: [['Defer', 'b'], ['Tick', 'a']], b: [['Go', 'a']], a: [['Tick', 'n']], n: [] },
      good: ['s', 'b', 'a'],
      defer: ['s/Defer'],
      tickSeconds: 60,
    };
    const { checker, path } = checkerOf(t, { withinSeconds: 60, hold: 60 });
    expect(checker.holds('s')).toBe(false);
    expect(path('s')).toEqual(['Defer', 'Go', 'Tick']);
  });

  it('zero-time states are searched before the next tick: the flap found is the one with fewest ticks', () => {
    // Defer, Step, Fall loses the predicate at 0 s; Tick, Drop at 60 s.
    const t: Table = {
      moves: { s: [['Defer', 'b'], ['Tick', 'a']], b: [['Step', 'b2']], b2: [['Fall', 'n']], a: [['Drop', 'n']], n: [] },
      good: ['s', 'b', 'b2', 'a'],
      defer: ['s/Defer'],
      tickSeconds: 60,
    };
    expect(checkerOf(t, { withinSeconds: 60, hold: 60 }).path('s')).toEqual(['Defer', 'Step', 'Fall']);
  });

  it('the search goes on tick by tick to the end of the hold, and only through states the model has', () => {
    // p1 -Tick-> p2 -Tick-> p3 -Tick-> n: stable for a hold of 2 ticks, a flap for 3.
    const t: Table = { moves: { p1: [['Tick', 'p2']], p2: [['Tick', 'p3']], p3: [['Tick', 'n']], n: [] }, good: ['p1', 'p2', 'p3'], tickSeconds: 60 };
    expect(checkerOf(t, { withinSeconds: 60, hold: 120 }).checker.holds('p1')).toBe(true);
    const { checker, path } = checkerOf(t, { withinSeconds: 60, hold: 180 });
    expect(checker.holds('p1')).toBe(false);
    expect(path('p1')).toEqual(['Tick', 'Tick', 'Tick']);
  });

  it('a zero-time cycle of good states is stable within the hold (and the search ends)', () => {
    const t: Table = { moves: { p1: [['Ping', 'p2']], p2: [['Pong', 'p1']] }, good: ['p1', 'p2'], tickSeconds: 60 };
    const { checker, path } = checkerOf(t, { withinSeconds: 60, hold: 60 });
    expect(checker.holds('p1')).toBe(true);
    expect(checker.failure('p1')).toEqual({ actions: [] });
    expect(path('p2')).toEqual([]);
  });
});

describe('failing paths', () => {
  it('past the bound, the path follows the slowest move (the first of equals)', () => {
    // s0: B -> p (1 step), A1 -> x and A2 -> x2 (3 steps each). within 1: the path is A1.
    const t: Table = {
      moves: { s0: [['B', 'p'], ['A1', 'x'], ['A2', 'x2']], x: [['C', 'y']], x2: [['C', 'y']], y: [['C', 'p']], p: [] },
      good: ['p'],
    };
    const { checker, path } = checkerOf(t, { within: 1 });
    expect(checker.holds('s0')).toBe(false);
    expect(path('s0')).toEqual(['A1']);
  });

  it('a restored state on the path that is lost again ends the path with the flap', () => {
    // s0 -C-> p; from p, Stay -> p2 (good, stable) or Reap -> n: the flap is Reap.
    const t: Table = { moves: { s0: [['C', 'p']], p: [['Stay', 'p2'], ['Reap', 'n']], p2: [], n: [] }, good: ['p', 'p2'] };
    const { checker, path } = checkerOf(t, { within: 5 });
    expect(checker.holds('s0')).toBe(false);
    expect(path('s0')).toEqual(['C', 'Reap']);
    // A good start that flaps: the path is the flap itself.
    expect(path('p')).toEqual(['Reap']);
  });

  it('restored exactly at the bound but after too long a run: the path shows the run, not the way to restoration', () => {
    // s0 -C1-> sl, then L1, L2, L3 to p (a run of 4); s0 -C2-> st -Tick-> p (1 tick = the bound).
    const t: Table = {
      moves: { s0: [['C1', 'sl'], ['C2', 'st']], sl: [['L1', 'a']], a: [['L2', 'b']], b: [['L3', 'p']], st: [['Tick', 'p']], p: [] },
      good: ['p'],
      tickSeconds: 60,
    };
    const { checker, path } = checkerOf(t, { withinSeconds: 60, maxStepsBetweenTicks: 2 });
    expect(checker.holds('s0')).toBe(false);
    expect(path('s0')).toEqual(['C1', 'L1', 'L2']);
  });

  it('the run path goes to the state whose own run is too long, then along it', () => {
    // s0 -C0-> s1 -Tick-> s2 -C2-> s3 -C3-> p: s2's run of 2 passes the limit of 1.
    const t: Table = { moves: { s0: [['C0', 's1']], s1: [['Tick', 's2']], s2: [['C2', 's3']], s3: [['C3', 'p']], p: [] }, good: ['p'], tickSeconds: 60 };
    const { checker, path } = checkerOf(t, { withinSeconds: 60, maxStepsBetweenTicks: 1 });
    expect(checker.holds('s0')).toBe(false);
    expect(path('s0')).toEqual(['C0', 'Tick', 'C2', 'C3']);
  });

  it('on the way to the long run, the move with the longest run is taken (the first of equals)', () => {
    // s0: C1 -> sa and C3 -> sa2 (a tick to p), C2 -> sb and C4 -> sb2 (a tick to sc, whose run is 2).
    const t: Table = {
      moves: {
        s0: [['C1', 'sa'], ['C2', 'sb'], ['C3', 'sa2'], ['C4', 'sb2']],
        sa: [['Tick', 'p']],
        sa2: [['Tick', 'p']],
        sb: [['Tick', 'sc']],
        sb2: [['Tick', 'sc']],
        sc: [['C5', 'sd']],
        sd: [['C6', 'p']],
        p: [],
      },
      good: ['p'],
      tickSeconds: 60,
    };
    const { checker, path } = checkerOf(t, { withinSeconds: 60, maxStepsBetweenTicks: 1 });
    expect(checker.holds('s0')).toBe(false);
    expect(path('s0')).toEqual(['C2', 'Tick', 'C5', 'C6']);
  });

  it('along the run, only zero-time steps are taken, the longest first, a step into restoration last', () => {
    // sc: Cp -> p, Cd -> sd (both may wait), Tick -> sx (3 control steps to p);
    // sd: Cd2 -> p (may wait) or Tick -> p. sc's zero-time run is Cd, Cd2 (2 > 1).
    const t: Table = {
      moves: {
        sc: [['Cp', 'p'], ['Cd', 'sd'], ['Tick', 'sx']],
        sd: [['Cd2', 'p'], ['Tick', 'p']],
        sx: [['C', 'sy']],
        sy: [['C', 'sz']],
        sz: [['C', 'p']],
        p: [],
      },
      good: ['p'],
      defer: ['sc/Cp', 'sc/Cd', 'sd/Cd2'],
      tickSeconds: 60,
    };
    const { checker, path } = checkerOf(t, { withinSeconds: 60, maxStepsBetweenTicks: 1 });
    expect(checker.holds('sc')).toBe(false);
    expect(path('sc')).toEqual(['Cd', 'Cd2']);
  });
});

describe('the states and errors of the search', () => {
  it('successors are seen as the explorers see them: a -0 is 0', () => {
    type X = { readonly x: number };
    const reset = act('Reset', 'control');
    const model: Model<X, Action> = {
      init: () => [{ x: -1 }],
      actions: () => [reset],
      next: () => ({ x: -0 }),
      properties: [],
    };
    // Good when x is +0 (1 / x is +Infinity), not -0 or -1.
    const checker = new RecoveryChecker(model, recovers<X>('Positive', (s) => 1 / s.x > 0, { within: 1 }), keyerFor(model));
    expect(checker.holds({ x: -1 })).toBe(true);
  });

  it('an error that is not the model\'s, or a model error that already names its step, passes through unchanged', () => {
    const t: Table = { moves: { s0: [['Go', 'boom']], boom: [] }, good: [] };
    const thrown: unknown[] = [new Error('disk full'), new ModelError('bad code', { step: 3 })];
    for (const err of thrown) {
      const { checker } = checkerOf(t, { within: 1 }, throwingKeyAt('boom', () => err));
      let caught: unknown;
      try {
        checker.holds('s0');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBe(err);
    }
  });

  it('a model error without a step says it was met in the recovery search', () => {
    const t: Table = { moves: { s0: [['Go', 'boom']], boom: [] }, good: [] };
    const { checker } = checkerOf(t, { within: 1 }, throwingKeyAt('boom', () => new ModelError('bad code')));
    expect(() => checker.holds('s0')).toThrow("bad code in Good's recovery search");
  });

  it('failure() on a fresh checker names the recovery search once (it used to say it twice)', () => {
    const t: Table = { moves: { s0: [['Go', 'boom']], boom: [] }, good: [] };
    const { checker } = checkerOf(t, { within: 1 }, throwingKeyAt('boom', () => new ModelError('bad code')));
    let caught: unknown;
    try {
      checker.failure('s0');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as ModelError).what).toBe("bad code in Good's recovery search");
  });

  it('failure() names a model error met on the failing path, past what holds() searched', () => {
    // holds() finds p unstable depth first (p, q1, r, then n) and never keys m; the failing
    // path's flap search from p goes breadth first and expands q2 before r: m's key throws.
    const t: Table = {
      moves: { s0: [['Go', 'p']], p: [['A', 'q1'], ['B', 'q2']], q1: [['C', 'r']], r: [['Drop', 'n']], q2: [['Up', 'm']], m: [], n: [] },
      good: ['p', 'q1', 'r', 'q2', 'm'],
    };
    const { checker } = checkerOf(t, { within: 3 }, throwingKeyAt('m', () => new ModelError('bad code')));
    expect(checker.holds('s0')).toBe(false);
    expect(() => checker.failure('s0')).toThrow("bad code in Good's recovery search");
  });

  it('failure() on a state that holds is the empty path', () => {
    const t: Table = { moves: { s0: [['Go', 'p']], p: [] }, good: ['p'] };
    const { checker } = checkerOf(t, { within: 1 });
    expect(checker.failure('s0')).toEqual({ actions: [] });
    expect(checker.failure('p')).toEqual({ actions: [] });
  });
});
