// engine/trace.ts on small hand-made models: the action checks behind a counterexample's
// labels, the nesting limit, the fields toTrace writes, how saveTrace names and never
// replaces files, deepEqual, and the replay of plain, recovers and lasso (liveness) traces.
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, type PathLike } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../engine/model-error.js';
import { traceChecksum } from '../../engine/trace-integrity.js';
import { buildCounterexample, deepEqual, loadTrace, parseTrace, replay, saveTrace, toTrace, traceFileStem, TraceDiverged, TraceError, type Trace } from '../../engine/trace.js';
import type { Action, Model } from '../../model/core/model.js';
import { always, alwaysEventually, eventually, eventuallyAlways, leadsTo, recovers, type Property } from '../../model/core/property.js';
import { errorOf } from '../fixtures/error-of.js';

type N = { readonly n: number };
const op = (type: string): Action => ({ type, kind: 'op' });
const ctl = (type: string): Action => ({ type, kind: 'control' });

/** A model on numbered states: `edges[n]` lists the actions enabled in state n, in order, and where each leads. */
function graph(edges: Record<number, readonly (readonly [Action, number])[]>, extra: Partial<Model<N, Action>> = {}): Model<N, Action> {
  return {
    init: () => [{ n: 0 }],
    actions: (s) => (edges[s.n] ?? []).map(([a]) => a),
    next: (s, a) => ({ n: edges[s.n]!.find(([b]) => b.type === a.type)![1] }),
    properties: [],
    ...extra,
  };
}

const stepsOf = (...actions: Action[]) => actions.map((action) => ({ action }));

/** A format() that cannot label the actions of type `bad`. */
const formatExcept =
  (bad: string) =>
  (a: Action): string => {
    if (a.type === bad) throw new Error(`no label for ${bad}`);
    return `<${a.type}>`;
  };

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'faultline-trace-surv-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * Runs `run` with `existsSync` (as engine/trace.ts imports it) replaced by `fake`, restored
 * before returning: a way to stage a file that appears between the check and the write.
 */
const fsCjs = createRequire(import.meta.url)('node:fs') as { existsSync: (p: PathLike) => boolean };
function withExistsSync<T>(fake: (p: string, real: (p: PathLike) => boolean) => boolean, run: () => T): T {
  const real = fsCjs.existsSync;
  fsCjs.existsSync = (p: PathLike) => fake(String(p), real);
  syncBuiltinESMExports();
  try {
    return run();
  } finally {
    fsCjs.existsSync = real;
    syncBuiltinESMExports();
  }
}

describe('buildCounterexample: what a model lists must be a plain action object', () => {
  const model = graph({ 0: [[op('Go'), 1]] }, { format: formatExcept('Bogus') });
  const build = (...actions: unknown[]) => buildCounterexample(model, actions as Action[], 0, undefined);
  const expected = (d: string) => `actions(s) listed ${d} (expected an action object with a string type and kind)`;

  it.each<[string, unknown, string]>([
    ['a number', 5, 'a number'],
    ['null', null, 'null'],
    ['a string', 'Go', 'a string'],
    ['an object whose type is a number', { type: 1, kind: 'op' }, 'an object'],
    ['an object without a kind', { type: 'Go' }, 'an object'],
    ['a function with a type and a kind', Object.assign(() => undefined, { type: 'Fn', kind: 'op' }), 'a function'],
  ])('%s is refused in one line naming its step', (_what, bad, d) => {
    const e = errorOf(() => build(op('Go'), bad));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toBe(`${expected(d)} at step 2`);
  });

  it('an action that is not plain data is named with the part that is not', () => {
    class Put {
      readonly type = 'Put';
      readonly kind = 'op';
    }
    expect(errorOf(() => build(new Put())).message).toBe('actions(s) listed Put holding a Put (actions are plain data, saved in traces) at step 1');
    // Only a trailing " in the state itself" is dropped, not the same words inside a key.
    const odd = { type: 'Put', kind: 'op', ' in the state itself': new Map() };
    expect(errorOf(() => build(odd)).message).toBe('actions(s) listed Put holding a Map at [" in the state itself"] (actions are plain data, saved in traces) at step 1');
  });

  it('a label that cannot be made is one line naming the step', () => {
    const e = errorOf(() => build(op('Go'), op('Go'), op('Bogus')));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toBe('the label of Bogus could not be made: Error: no label for Bogus at step 3');
  });

  it('has exactly the fields given: no recoveryFrom or loopIndex key unless set', () => {
    const plain = buildCounterexample(model, [op('Go')], 0, undefined);
    expect(Object.keys(plain)).toEqual(['actions', 'labels', 'length', 'initIndex']);
    expect(plain.labels).toEqual(['<Go>']);
    const lasso = buildCounterexample(model, [op('Go')], 1, 0, [op('Go')], { loopIndex: 1, seed: 3 });
    expect(lasso).toStrictEqual({ actions: [op('Go'), op('Go')], labels: ['<Go>', '<Go>'], length: 2, initIndex: 1, recoveryFrom: 0, loopIndex: 1, seed: 3 });
  });
});

describe('trace errors', () => {
  it('are named TraceError, a divergence too', () => {
    expect(new TraceError('x').name).toBe('TraceError');
    const d = new TraceDiverged(2, 'Go');
    expect([d.name, d.message, d.step]).toEqual(['TraceError', 'step 2: Go is not enabled', 2]);
  });

  it('loadTrace: a file that cannot be read is named with the error code', () => {
    const file = join(tempDir(), 'missing.json');
    const e = errorOf(() => loadTrace(file));
    expect(e).toBeInstanceOf(TraceError);
    expect(e.message).toBe(`cannot read ${file}: ENOENT`);
  });
});

describe('parseTrace: nesting and liveness kinds', () => {
  // The document object is level 0; each nested array one more.
  const deep = (n: number) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;

  it('refuses an array 100 levels below the document, and reads one 99 levels below', () => {
    expect(() => parseTrace(deep(100), 'my.json')).toThrow('my.json: nested more than 100 levels deep');
    expect(() => parseTrace(deep(99), 'my.json')).toThrow('my.json: format must be "faultline-trace"');
  });

  it('null values (and a null document) are not objects to descend into', () => {
    expect(() => parseTrace('{"a":null,"b":[null]}', 'my.json')).toThrow('my.json: format must be "faultline-trace"');
    expect(() => parseTrace('null', 'my.json')).toThrow('my.json: expected a JSON object');
  });

  it.each(['eventually', 'leadsTo', 'eventuallyAlways', 'alwaysEventually'])('a %s trace needs version 3', (kind) => {
    const doc = JSON.stringify({ format: 'faultline-trace', version: 2, scenario: 's', property: 'P', kind, mode: 'random', steps: [] });
    expect(() => parseTrace(doc, 'my.json')).toThrow(`my.json: kind ${kind} needs version 3`);
  });
});

describe('toTrace', () => {
  const META = { scenario: 's', parameters: { n: 1 }, property: 'P', kind: 'always', mode: 'random' } as const;

  it('writes no optional key that is not set (initIndex 0 is the default, left out)', () => {
    const t = toTrace({ actions: [op('Go')], labels: ['Go'], length: 1, initIndex: 0 }, META);
    expect(Object.keys(t)).toEqual(['format', 'version', 'scenario', 'parameters', 'property', 'kind', 'mode', 'steps', 'checksum']);
  });

  it('writes every optional field that is set, under the checksum', () => {
    const cx = { actions: [op('Go')], labels: ['Go'], length: 1, initIndex: 2, recoveryFrom: 1, loopIndex: 0, promptControl: true, seed: 7, path: '0:1' };
    const t = toTrace(cx, { ...META, file: 'x.yaml' });
    const { checksum, ...content } = t;
    expect(content).toStrictEqual({
      format: 'faultline-trace',
      version: 3,
      scenario: 's',
      file: 'x.yaml',
      parameters: { n: 1 },
      property: 'P',
      kind: 'always',
      mode: 'random',
      seed: 7,
      path: '0:1',
      recoveryFrom: 1,
      initIndex: 2,
      loopIndex: 0,
      promptControl: true,
      steps: [{ action: op('Go'), label: 'Go' }],
    });
    expect(checksum).toBe(traceChecksum(content));
  });
});

describe('saveTrace', () => {
  const META = { scenario: 'sc', parameters: {}, property: 'P', kind: 'always', mode: 'exhaustive' } as const;
  const trace = (initIndex = 0, scenario = 'sc'): Trace => toTrace({ actions: [op('Go')], labels: ['Go'], length: 1, initIndex }, { ...META, scenario });
  const HASHED = /^sc-P-exhaustive-[0-9a-f]{8}\.json$/;

  it('the file stem replaces each run of other characters by one underscore', () => {
    expect(traceFileStem({ scenario: 'a::b c', property: 'P', mode: 'random' })).toBe('a_b_c-P-random');
  });

  it('writes the document and a final newline once; saving again returns the same file', () => {
    const dir = tempDir();
    const t = trace();
    const file = saveTrace(t, dir);
    expect(file).toBe(join(dir, 'sc-P-exhaustive.json'));
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(t, null, 2) + '\n');
    expect(saveTrace(t, dir)).toBe(file);
    expect(readdirSync(dir)).toEqual(['sc-P-exhaustive.json']);
  });

  it('another initial state is another trace, whatever its index', () => {
    const dir = tempDir();
    const a = saveTrace(trace(3), dir);
    const b = saveTrace(trace(5), dir);
    expect(a).toBe(join(dir, 'sc-P-exhaustive.json'));
    expect(b.slice(dir.length + 1)).toMatch(HASHED);
  });

  it('a dangling symlink at the name is never written through: the trace takes the hashed name', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'target.json'), join(dir, 'sc-P-exhaustive.json'));
    const file = saveTrace(trace(), dir);
    expect(file.slice(dir.length + 1)).toMatch(HASHED);
    expect(existsSync(join(dir, 'target.json'))).toBe(false);
    expect(lstatSync(join(dir, 'sc-P-exhaustive.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['sc-P-exhaustive.json', file.slice(dir.length + 1)].sort());
  });

  it('the same trace written meanwhile (by a parallel check) is reused, not duplicated', () => {
    const dir = tempDir();
    const t = trace();
    const stem = join(dir, 'sc-P-exhaustive.json');
    writeFileSync(stem, JSON.stringify(t, null, 2) + '\n');
    // The first look misses it, as when another process writes it just after.
    let missed = false;
    const file = withExistsSync(
      (p, real) => {
        if (p !== stem || missed) return real(p);
        missed = true;
        return false;
      },
      () => saveTrace(t, dir),
    );
    expect(missed).toBe(true);
    expect(file).toBe(stem);
    expect(readdirSync(dir)).toEqual(['sc-P-exhaustive.json']);
  });

  it('an error other than "exists" is thrown, not passed over', () => {
    const dir = tempDir();
    let looks = 0;
    // The guard stops a save that would pass over the error and try names for ever.
    const e = withExistsSync(
      (p, real) => {
        if (++looks > 20) throw new Error('saveTrace kept trying names');
        return real(p);
      },
      () => errorOf(() => saveTrace(trace(0, 'x'.repeat(300)), dir)),
    );
    expect((e as NodeJS.ErrnoException).code).toBe('ENAMETOOLONG');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('deepEqual', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
    [1, 2, false],
    [1, {}, false],
    [{}, 1, false],
    ['ab', { 0: 'a', 1: 'b' }, false],
    [null, {}, false],
    [{}, null, false],
    [[], {}, false],
    [{}, [], false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: undefined }, { b: undefined }, false],
  ])('deepEqual(%j, %j) is %s', (x, y, want) => {
    expect(deepEqual(x, y)).toBe(want);
  });
});

describe('replay of plain traces', () => {
  const line = graph({ 0: [[op('Go'), 1]], 1: [[op('Go'), 2]] });

  it('numbers the steps from 1 and has no loopCloses key without a loop index', () => {
    const r = replay(line, always<N>('Small', (s) => s.n < 2), stepsOf(op('Go'), op('Go')));
    expect(r.steps.map((s) => [s.index, s.label, s.state.n, s.holds])).toEqual([
      [1, 'Go', 1, true],
      [2, 'Go', 2, false],
    ]);
    expect(Object.keys(r)).toEqual(['initial', 'steps', 'violated']);
    expect(r.violated).toBe(true);
  });

  it('a step not enabled whose label cannot be made is named by its JSON', () => {
    const m = graph({ 0: [[op('Go'), 1]] }, { format: formatExcept('Ghost') });
    const e = errorOf(() => replay(m, always<N>('Safe', () => true), stepsOf(op('Go'), op('Ghost'))));
    expect(e).toBeInstanceOf(TraceDiverged);
    expect(e.message).toBe('step 2: {"type":"Ghost","kind":"op"} is not enabled');
  });

  it('an action the list carries outside its elements is not enabled', () => {
    // A hostile actions() array with a "-1" property: only listed elements count.
    const ghost = op('Ghost');
    const m: Model<N, Action> = { ...line, actions: () => Object.assign([op('Go')], { '-1': ghost }), next: (s) => ({ n: s.n + 1 }) };
    expect(() => replay(m, always<N>('Safe', () => true), stepsOf(ghost))).toThrow('step 1: Ghost is not enabled');
  });

  it('a contract error is placed: before the initial state without a step, in it at step 0', () => {
    const safe = always<N>('Safe', () => true);
    const noInit: Model<N, Action> = { ...line, init: () => { throw new Error('no init'); } };
    expect(errorOf(() => replay(noInit, safe, [])).message).toBe('init() threw Error: no init (replay)');
    const picky = always<N>('Safe', (s) => {
      if (s.n === 0) throw new Error('cannot judge 0');
      return true;
    });
    const e = errorOf(() => replay(line, picky, stepsOf(op('Go'))));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toBe('property Safe threw Error: cannot judge 0 at step 0 (replay)');
  });

  it('a recovers property does not judge the initial state on its own (only always and sometimes do)', () => {
    // The predicate cannot read the initial state; the recovery starts after step 1.
    const m = graph({ 0: [[op('Go'), 1]], 1: [] });
    const picky = recovers<N>('Back', (s) => {
      if (s.n === 0) throw new Error('cannot judge 0');
      return s.n === 1;
    }, { within: 1 });
    expect(replay(m, picky, stepsOf(op('Go')), { recoveryFrom: 1 })).toMatchObject({ violated: false, steps: [{ index: 1, holds: true }] });
  });
});

describe('replay under prompt control', () => {
  // A control action Spin beside a Tick: under prompt control the Tick waits for Spin.
  const model = graph({ 0: [[ctl('Spin'), 1], [ctl('Tick'), 5]], 1: [[ctl('Spin'), 0], [ctl('Tick'), 5]], 5: [] });
  const done = eventually<N>('Done', (s) => s.n === 5);

  it('a Tick while a control action is due is not enabled; other steps are', () => {
    expect(() => replay(model, done, stepsOf(ctl('Tick')), { promptControl: true })).toThrow('step 1: Tick is not enabled');
    expect(replay(model, done, stepsOf(ctl('Spin'), ctl('Tick')), {}).steps.map((s) => s.state.n)).toEqual([1, 5]);
    expect(replay(model, done, stepsOf(ctl('Spin'), ctl('Spin')), { promptControl: true }).steps.map((s) => s.state.n)).toEqual([1, 0]);
  });

  it('a cycle of Spins is fair only when the Tick may wait', () => {
    const spins = stepsOf(ctl('Spin'), ctl('Spin'));
    expect(replay(model, done, spins, { loopIndex: 0, promptControl: true })).toMatchObject({ violated: true, loopCloses: true });
    expect(replay(model, done, spins, { loopIndex: 0 })).toMatchObject({ violated: false, loopCloses: true });
  });
});

describe('replay of recovers traces', () => {
  const back = recovers<N>('Back', (s) => s.n === 1, { within: 3 });
  const stuck = graph({ 0: [[op('Go'), 1]] });

  it('recoveryFrom 0 judges the recovery from the initial state', () => {
    expect(replay(stuck, back, [], { recoveryFrom: 0 }).violated).toBe(true);
  });

  it('a recoveryFrom past the steps shows nothing', () => {
    expect(replay(stuck, back, [], { recoveryFrom: 2 }).violated).toBe(false);
  });

  it('a cycle that does not close shows nothing; one that closes does', () => {
    expect(replay(stuck, back, stepsOf(op('Go')), { recoveryFrom: 0, loopIndex: 0 })).toMatchObject({ violated: false, loopCloses: false });
    const ring = graph({ 0: [[ctl('Spin'), 1]], 1: [[ctl('Spin'), 0]] });
    const five = recovers<N>('Five', (s) => s.n === 5, { within: 3 });
    expect(replay(ring, five, stepsOf(ctl('Spin'), ctl('Spin')), { recoveryFrom: 0, loopIndex: 0 })).toMatchObject({ violated: true, loopCloses: true });
  });
});

describe('replay of lassos: fairness', () => {
  const never = eventually<N>('Done', (s) => s.n === 9);
  const lasso = (m: Model<N, Action>, p: Property<N>, actions: Action[], loopIndex: number) => {
    const r = replay(m, p, stepsOf(...actions), { loopIndex });
    expect(r.loopCloses).toBe(true);
    return r.violated;
  };

  it('a state that lasts for ever: a violation only when no fair action is enabled in it', () => {
    expect(lasso(graph({ 0: [[op('Finish'), 9]] }), never, [], 0)).toBe(true);
    expect(lasso(graph({ 0: [[ctl('Finish'), 9]] }), never, [], 0)).toBe(false);
  });

  it('a fair action enabled in only some of the cycle need not be taken', () => {
    const m = graph({ 0: [[op('Spin'), 1], [ctl('Finish'), 9]], 1: [[op('Spin'), 0]] });
    expect(lasso(m, never, [op('Spin'), op('Spin')], 0)).toBe(true);
  });

  it('a fair action enabled all through the cycle must be taken in it (wherever it sits in the list)', () => {
    const m = graph({ 0: [[op('Spin'), 1], [ctl('Finish'), 9]], 1: [[op('Spin'), 0], [ctl('Finish'), 9]] });
    expect(lasso(m, never, [op('Spin'), op('Spin')], 0)).toBe(false);
  });

  it('only the cycle counts: the prefix neither lacks the fair action nor takes it', () => {
    // Finish is not enabled in the prefix state 0...
    const lacking = graph({ 0: [[op('Go'), 1]], 1: [[op('Spin'), 2], [ctl('Finish'), 9]], 2: [[op('Spin'), 1], [ctl('Finish'), 9]] });
    expect(lasso(lacking, never, [op('Go'), op('Spin'), op('Spin')], 1)).toBe(false);
    // ...and taken there does not make the cycle fair to it.
    const taking = graph({ 0: [[ctl('Finish'), 1]], 1: [[op('Spin'), 2], [ctl('Finish'), 9]], 2: [[op('Spin'), 1], [ctl('Finish'), 9]] });
    expect(lasso(taking, never, [ctl('Finish'), op('Spin'), op('Spin')], 1)).toBe(false);
  });
});

describe('replay of lassos: each liveness kind', () => {
  const lasso = (m: Model<N, Action>, p: Property<N>, actions: Action[], loopIndex: number) => {
    const r = replay(m, p, stepsOf(...actions), { loopIndex });
    expect(r.loopCloses).toBe(true);
    return r.violated;
  };
  // 0 → 1, then 1 for ever.
  const tail = graph({ 0: [[op('Go'), 1]], 1: [[op('Stay'), 1]] });
  const tailSteps = [op('Go'), op('Stay')];
  // 0 → 1 → 0 → ...
  const ring = graph({ 0: [[op('Spin'), 1]], 1: [[op('Spin'), 0]] });
  const ringSteps = [op('Spin'), op('Spin')];

  it('eventually: violated only when no state of the lasso satisfies it', () => {
    expect(lasso(tail, eventually<N>('Zero', (s) => s.n === 0), tailSteps, 1)).toBe(false);
    expect(lasso(tail, eventually<N>('Two', (s) => s.n === 2), tailSteps, 1)).toBe(true);
  });

  it('alwaysEventually: the cycle must hold it somewhere; the prefix does not count', () => {
    expect(lasso(tail, alwaysEventually<N>('Zero', (s) => s.n === 0), tailSteps, 1)).toBe(true);
    expect(lasso(ring, alwaysEventually<N>('One', (s) => s.n === 1), ringSteps, 0)).toBe(false);
  });

  it('eventuallyAlways: the cycle must hold it everywhere; the prefix does not count', () => {
    expect(lasso(ring, eventuallyAlways<N>('One', (s) => s.n === 1), ringSteps, 0)).toBe(true);
    expect(lasso(ring, eventuallyAlways<N>('Nine', (s) => s.n === 9), ringSteps, 0)).toBe(true);
    expect(lasso(tail, eventuallyAlways<N>('One', (s) => s.n === 1), tailSteps, 1)).toBe(false);
  });

  it('leadsTo: a trigger with no target after it, the initial state included', () => {
    // Trigger 0 in the prefix, no target anywhere: violated (the search goes back to step 0).
    expect(lasso(tail, leadsTo<N>('ZeroToNine', (s) => s.n === 0, (s) => s.n === 9), tailSteps, 1)).toBe(true);
    // No trigger and no target anywhere: the search ends at the initial state.
    expect(lasso(tail, leadsTo<N>('SevenToNine', (s) => s.n === 7, (s) => s.n === 9), tailSteps, 1)).toBe(false);
  });

  it('leadsTo: a target in the cycle answers every trigger, even one at the cycle end', () => {
    expect(lasso(ring, leadsTo<N>('ZeroToOne', (s) => s.n === 0, (s) => s.n === 1), ringSteps, 0)).toBe(false);
  });

  it('leadsTo: a trigger answered before the cycle is no violation', () => {
    // 0 (trigger) → 1 (target) → 2 for ever.
    const m = graph({ 0: [[op('Go'), 1]], 1: [[op('Go'), 2]], 2: [[op('Stay'), 2]] });
    expect(lasso(m, leadsTo<N>('ZeroToOne', (s) => s.n === 0, (s) => s.n === 1), [op('Go'), op('Go'), op('Stay')], 2)).toBe(false);
  });

  it('leadsTo: a trigger that throws is a one-line error at the last step', () => {
    const p = leadsTo<N>(
      'Lead',
      () => {
        throw new Error('trigger unreadable');
      },
      (s) => s.n === 9,
    );
    const e = errorOf(() => replay(tail, p, stepsOf(...tailSteps), { loopIndex: 1 }));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toBe('property Lead threw Error: trigger unreadable at step 2 (replay)');
  });
});
