// Liveness under weak fairness (engine/liveness.ts): small hand-written models with known
// answers, each lasso replayed to show that its cycle closes and violates the property.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive, LIVENESS_SYMMETRY_NOTICE } from '../../engine/bfs.js';
import { exploreParallel, LIVENESS_WORKERS_NOTICE } from '../../engine/parallel/explore.js';
import { exploreRandom, LIVENESS_NOT_RANDOM } from '../../engine/random.js';
import type { Counterexample, PropertyResult } from '../../engine/report.js';
import { replayVerdict } from '../../engine/replay-rule.js';
import { parseTrace, replay, toTrace } from '../../engine/trace.js';
import { fileRef } from '../../cli/model-source.js';
import type { Action, Model } from '../../model/core/model.js';
import { always, alwaysEventually, eventually, eventuallyAlways, leadsTo, type Property } from '../../model/core/property.js';

type Kind = Action['kind'];
const act = <T extends string>(type: T, kind: Kind) => Object.freeze({ type, kind });

/** Replays a result's lasso: the cycle must close and the property must still be violated. */
function replaysAsLasso<S, A extends Action>(model: Model<S, A>, result: PropertyResult<A>): Counterexample<A> {
  expect(result.verdict).toBe('fails');
  const cx = result.counterexample!;
  expect(cx.loopIndex).toBeDefined();
  const prop = model.properties.find((p) => p.name === result.name)!;
  const r = replay(model, prop, cx.actions.map((action) => ({ action })), { initIndex: cx.initIndex, loopIndex: cx.loopIndex });
  expect(r.loopCloses).toBe(true);
  expect(r.violated).toBe(true);
  return cx;
}

/** x spins 0 → 1 → 2 → 0 while not done; Finish ends it. `spin` and `finish` say which of the two is fair. */
type Spin = { readonly x: number; readonly done: boolean };
function spinner(spinKind: Kind, finishKind: Kind, properties: Property<Spin>[]): Model<Spin, Action> {
  const spin = act('Spin', spinKind);
  const finish = act('Finish', finishKind);
  return {
    init: () => [{ x: 0, done: false }],
    actions: (s) => (s.done ? [] : [spin, finish]),
    next: (s, a) => (a.type === 'Spin' ? { x: (s.x + 1) % 3, done: false } : { x: s.x, done: true }),
    properties,
  };
}

describe('eventually under weak fairness', () => {
  it('a fair cycle that never finishes is found, and its lasso closes', () => {
    // Spin is control (fair) and taken on the cycle; Finish is an op, which need never happen.
    const model = spinner('control', 'op', [eventually('Done', (s) => s.done)]);
    const r = exploreExhaustive(model);
    const cx = replaysAsLasso(model, r.properties[0]);
    expect(cx.labels).toEqual(['Spin', 'Spin', 'Spin']);
    expect(cx.loopIndex).toBe(0);
  });

  it('a cycle through an op that leaves a fair action enabled and untaken is not a violation', () => {
    // Spin is an ordinary op; Finish (control) is enabled all along the spin cycle, so a fair
    // path takes it: the cycle is unfair and Done holds.
    const model = spinner('op', 'control', [eventually('Done', (s) => s.done)]);
    expect(exploreExhaustive(model).properties[0].verdict).toBe('holds');
  });

  it('a cycle through a fault is not fair either when a control action waits', () => {
    const model = spinner('fault', 'control', [eventually('Done', (s) => s.done)]);
    expect(exploreExhaustive(model).properties[0].verdict).toBe('holds');
  });

  it('a recovery op is fair: a cycle that skips it is not a violation', () => {
    const model: Model<Spin, Action> = { ...spinner('op', 'op', [eventually('Done', (s) => s.done)]), isRecovery: (a) => a.type === 'Finish' };
    expect(exploreExhaustive(model).properties[0].verdict).toBe('holds');
    const plain = spinner('op', 'op', [eventually('Done', (s) => s.done)]);
    // Without it nothing is fair: the initial state may last for ever.
    const cx = replaysAsLasso(plain, exploreExhaustive(plain).properties[0]);
    expect(cx).toMatchObject({ labels: [], loopIndex: 0 });
  });

  it('holds when the predicate holds initially, and the counts are the safety search\'s', () => {
    const model = spinner('control', 'op', [eventually('Started', (s) => s.x === 0), always('Small', (s) => s.x < 3)]);
    const r = exploreExhaustive(model);
    expect(r.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
    expect(r.stats).toMatchObject({ distinctStates: 6, transitions: 6, complete: true });
    expect(r.stats.livenessMs).toBeGreaterThanOrEqual(0);
  });
});

/** A client sends (op), the service delivers (control) unless `lossy`, where a Retry (control) loop may spin instead. */
type Msg = { readonly sent: boolean; readonly delivered: boolean; readonly retry: number };
function courier(lossy: boolean, properties: Property<Msg>[]): Model<Msg, Action> {
  const send = act('Send', 'op');
  const deliver = act('Deliver', lossy ? 'op' : 'control');
  const retry = act('Retry', 'control');
  return {
    init: () => [{ sent: false, delivered: false, retry: 0 }],
    actions: (s) => [...(!s.sent ? [send] : []), ...(s.sent && !s.delivered ? [deliver] : []), ...(lossy && s.sent && !s.delivered ? [retry] : [])],
    next: (s, a) => (a.type === 'Send' ? { ...s, sent: true } : a.type === 'Deliver' ? { ...s, delivered: true } : { ...s, retry: 1 - s.retry }),
    properties,
  };
}

describe('leadsTo, and states that may last for ever', () => {
  it('eventually fails by stuttering where no fair action is enabled; leadsTo from the send holds', () => {
    const model = courier(false, [eventually('Delivered', (s) => s.delivered), leadsTo('SentIsDelivered', (s) => s.sent, (s) => s.delivered)]);
    const r = exploreExhaustive(model);
    // Nobody has to send: the initial state may last for ever.
    const cx = replaysAsLasso(model, r.properties[0]);
    expect(cx).toMatchObject({ labels: [], loopIndex: 0, length: 0 });
    expect(r.properties[1].verdict).toBe('holds');
  });

  it('leadsTo fails on a fair retry loop once delivery is an op: the lasso is the send, then the loop', () => {
    const model = courier(true, [leadsTo('SentIsDelivered', (s) => s.sent, (s) => s.delivered)]);
    const cx = replaysAsLasso(model, exploreExhaustive(model).properties[0]);
    expect(cx.labels).toEqual(['Send', 'Retry', 'Retry']);
    expect(cx.loopIndex).toBe(1);
  });
});

type Lamp = { readonly on: boolean; readonly broken: boolean };
function lamp(properties: Property<Lamp>[]): Model<Lamp, Action> {
  const toggle = act('Toggle', 'control');
  const brk = act('Break', 'fault');
  return {
    init: () => [{ on: true, broken: false }],
    actions: (s) => [...(!s.broken ? [toggle, brk] : [])],
    next: (s, a) => (a.type === 'Toggle' ? { ...s, on: !s.on } : { on: false, broken: true }),
    properties,
  };
}

describe('eventuallyAlways and alwaysEventually', () => {
  it('a fair blinking cycle breaks eventuallyAlways; a broken lamp that stays off breaks alwaysEventually', () => {
    const model = lamp([eventuallyAlways('StaysOn', (s) => s.on), alwaysEventually('OnAgain', (s) => s.on)]);
    const r = exploreExhaustive(model);
    const blink = replaysAsLasso(model, r.properties[0]);
    expect(blink.labels).toEqual(['Toggle', 'Toggle']);
    expect(blink.loopIndex).toBe(0);
    // After Break nothing is enabled: the dark state lasts for ever.
    const dark = replaysAsLasso(model, r.properties[1]);
    expect(dark).toMatchObject({ labels: ['Break'], loopIndex: 1 });
  });

  it('alwaysEventually holds while the lamp cannot break', () => {
    const toggleOnly: Model<Lamp, Action> = { ...lamp([alwaysEventually('OnAgain', (s) => s.on)]), actions: () => [act('Toggle', 'control')] };
    expect(exploreExhaustive(toggleOnly).properties[0].verdict).toBe('holds');
  });
});

/** Two interchangeable workers: Start (op) makes one busy, Done (control) idle again. */
type Pair = { readonly w: readonly number[] };
const starts = [act('Start', 'op'), act('Start', 'op')].map((a, i) => ({ ...a, i }));
const dones = [act('Done', 'control'), act('Done', 'control')].map((a, i) => ({ ...a, i }));
function pair(): Model<Pair, Action & { i: number }> {
  return {
    init: () => [{ w: [0, 0] }],
    actions: (s) => [0, 1].map((i): Action & { i: number } => (s.w[i] === 0 ? starts[i] : dones[i])),
    next: (s, a) => ({ w: s.w.map((x, i) => (i === a.i ? (a.type === 'Start' ? 1 : 0) : x)) }),
    canonical: (s) => ({ w: [...s.w].sort() }),
    properties: [
      // Each Done is taken again and again, yet the workers can take turns being busy for ever.
      alwaysEventually('AllIdleAgain', (s) => s.w.every((x) => x === 0)),
      leadsTo('BusyLeadsToIdle', (s) => s.w.some((x) => x === 1), (s) => s.w.some((x) => x === 0)),
    ],
  };
}

describe('the same verdicts with --symmetry, --workers and in random mode', () => {
  it('symmetry: liveness is checked on the full graph, with a notice, and the verdicts are the plain run\'s', () => {
    const model = pair();
    const plain = exploreExhaustive(model);
    const sym = exploreExhaustive(model, { symmetry: true });
    expect(plain.properties.map((p) => p.verdict)).toEqual(['fails', 'holds']);
    expect(sym.properties.map((p) => p.verdict)).toEqual(['fails', 'holds']);
    expect(sym.properties[0].counterexample).toEqual(plain.properties[0].counterexample);
    expect(sym.notices).toEqual([LIVENESS_SYMMETRY_NOTICE]);
    expect(plain.notices).toBeUndefined();
    const cx = replaysAsLasso(model, sym.properties[0]);
    // The cycle takes both Done actions (each loop is served) and never has both idle.
    expect(cx.labels.slice(cx.loopIndex)).toEqual(expect.arrayContaining(['Done(0)', 'Done(1)']));
  });

  it('--workers: the serial explorer decides liveness, with a one-line notice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-liveness-')), 'spin.mjs');
    writeFileSync(
      file,
      `const spin = { type: 'Spin', kind: 'control' };
const finish = { type: 'Finish', kind: 'op' };
export default {
  init: () => [{ x: 0, done: false }],
  actions: (s) => (s.done ? [] : [spin, finish]),
  next: (s, a) => (a.type === 'Spin' ? { x: (s.x + 1) % 3, done: false } : { x: s.x, done: true }),
  properties: [{ kind: 'eventually', name: 'Done', pred: (s) => s.done }],
};
`,
    );
    const r = await exploreParallel(fileRef(file), { workers: 2 });
    expect(r.notices).toEqual([LIVENESS_WORKERS_NOTICE]);
    expect(r.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { labels: ['Spin', 'Spin', 'Spin'], loopIndex: 0 } });
    expect(r.stats).toMatchObject({ distinctStates: 6, complete: true });
  });

  it('random mode reports liveness as not checked, never as holding', () => {
    const model = spinner('op', 'control', [eventually('Done', (s) => s.done), always('Small', (s) => s.x < 3)]);
    const r = exploreRandom(model, { runs: 20 });
    expect(r.properties[0]).toEqual({ name: 'Done', kind: 'eventually', verdict: 'unknown', reason: LIVENESS_NOT_RANDOM });
    expect(r.properties[1].verdict).toBe('holds');
  });

  it('a bounded search leaves liveness unknown', () => {
    const model = spinner('control', 'op', [eventually('Done', (s) => s.done)]);
    expect(exploreExhaustive(model, { maxDepth: 1 }).properties[0].verdict).toBe('unknown');
  });

  it('a checkpointed run refuses liveness in one line', () => {
    const model = spinner('control', 'op', [eventually('Done', (s) => s.done)]);
    expect(() => exploreExhaustive(model, { checkpoint: { file: join(tmpdir(), 'never-written.ckpt') } })).toThrow(/^--checkpoint: liveness properties are decided on the whole graph/);
  });
});

describe('a lasso that no longer shows the violation', () => {
  it('replay says the cycle does not close when the last state differs from the loop state', () => {
    const model = spinner('control', 'op', [eventually('Done', (s) => s.done)]);
    const spin = act('Spin', 'control');
    const r = replay(model, model.properties[0], [{ action: spin }, { action: spin }], { loopIndex: 0 });
    expect(r).toMatchObject({ loopCloses: false, violated: false });
  });

  it('an unfair cycle does not violate on replay: Finish (control) stays enabled and is never taken', () => {
    const model = spinner('op', 'control', [eventually('Done', (s) => s.done)]);
    const spin = act('Spin', 'op');
    const r = replay(model, model.properties[0], [{ action: spin }, { action: spin }, { action: spin }], { loopIndex: 0 });
    expect(r).toMatchObject({ loopCloses: true, violated: false });
  });
});

describe('scale', () => {
  it('a ring of 100,000 states with one fair cycle: found, and the recorded graph is linear in its size (13 bytes a state and transition here, plus growth slack)', () => {
    const n = 100_000;
    const step = act('Step', 'control');
    const model: Model<number, Action> = {
      init: () => [0],
      actions: () => [step],
      next: (s) => (s + 1) % n,
      properties: [eventually('ReachesNegative', (s) => s < 0)],
    };
    const r = exploreExhaustive(model);
    expect(r.stats.distinctStates).toBe(n);
    const cx = replaysAsLasso(model, r.properties[0]);
    expect(cx).toMatchObject({ length: n, loopIndex: 0 });
    expect(r.stats.graphBytes!).toBeLessThan(n * 13 * 1.5 + 65_536);
  });
});

/**
 * The explorer against the definition on random small graphs: a violation is a set of states
 * of X that is strongly connected by edges inside it (a single state needs an edge to itself),
 * reachable within X from a start, whose tour of every inside edge is weakly fair (each fair
 * action enabled in all of its states is taken inside), and holding a bad state; or a bad
 * state of X, reachable so, in which no fair action is enabled. Every subset is tried.
 */
describe('against the definition on random graphs', () => {
  const TYPES = ['A', 'B', 'C'] as const;
  type G = { readonly to: readonly (readonly (number | null)[])[]; readonly kinds: readonly Kind[]; readonly p: readonly boolean[]; readonly q: readonly boolean[] };
  type Node = number;
  const graphModel = (g: G, props: Property<Node>[]): Model<Node, Action> => ({
    init: () => [0],
    actions: (s) => TYPES.flatMap((t, k) => (g.to[s][k] === null ? [] : [{ type: t, kind: g.kinds[k] }])),
    next: (s, a) => g.to[s][TYPES.indexOf(a.type as (typeof TYPES)[number])]!,
    properties: props,
  });
  const fairTypes = (g: G) => TYPES.map((_, k) => g.kinds[k] === 'control');

  function violates(g: G, kind: 'eventually' | 'alwaysEventually' | 'eventuallyAlways' | 'leadsTo'): boolean {
    // Reachable states from the initial state 0 (any edges).
    const reach = new Set([0]);
    for (const q of reach) for (const t of g.to[q]) if (t !== null) reach.add(t);
    const inX = (v: number) => kind === 'eventuallyAlways' || !g.p[v];
    const bad = (v: number) => !g.p[v];
    const starts = [...reach].filter((v) => (kind === 'eventually' ? v === 0 && inX(v) : kind === 'leadsTo' ? g.q[v] && !g.p[v] : inX(v)));
    const fromStarts = new Set(starts);
    for (const v of fromStarts) for (const t of g.to[v]) if (t !== null && inX(t)) fromStarts.add(t);
    const fair = fairTypes(g);
    for (const v of fromStarts) if (bad(v) && !g.to[v].some((t, k) => t !== null && fair[k])) return true;
    const xs = [...fromStarts];
    for (let mask = 1; mask < 1 << xs.length; mask++) {
      const c = xs.filter((_, i) => mask & (1 << i));
      const inC = new Set(c);
      if (!c.some(bad)) continue;
      // Strongly connected by inside edges, with at least one inside edge.
      const insideEdges = c.flatMap((u) => g.to[u].flatMap((t, k) => (t !== null && inC.has(t) ? [{ u, t, k }] : [])));
      if (insideEdges.length === 0) continue;
      const connected = c.every((a) => {
        const seen = new Set([a]);
        for (const x of seen) for (const e of insideEdges) if (e.u === x) seen.add(e.t);
        return c.every((b) => seen.has(b));
      });
      if (!connected) continue;
      const isFair = TYPES.every((_, k) => !fair[k] || !c.every((u) => g.to[u][k] !== null) || insideEdges.some((e) => e.k === k));
      if (isFair) return true;
    }
    return false;
  }

  const graphs = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.record({
      to: fc.array(fc.array(fc.option(fc.nat({ max: n - 1 }), { freq: 2 }), { minLength: 3, maxLength: 3 }), { minLength: n, maxLength: n }),
      kinds: fc.array(fc.constantFrom<Kind>('control', 'op', 'fault'), { minLength: 3, maxLength: 3 }),
      p: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      q: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    }),
  );

  it('every kind: the verdict is the definition\'s, and every lasso closes and replays as a violation', () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const props: Property<Node>[] = [
          eventually('Ev', (s) => g.p[s]),
          alwaysEventually('GF', (s) => g.p[s]),
          eventuallyAlways('FG', (s) => g.p[s]),
          leadsTo('LeadsTo', (s) => g.q[s], (s) => g.p[s]),
        ];
        const model = graphModel(g, props);
        const r = exploreExhaustive(model);
        const kinds = ['eventually', 'alwaysEventually', 'eventuallyAlways', 'leadsTo'] as const;
        r.properties.forEach((res, i) => {
          expect(res.verdict, res.name).toBe(violates(g, kinds[i]) ? 'fails' : 'holds');
          if (res.verdict === 'fails') replaysAsLasso(model, res);
        });
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});

/**
 * Prompt control (`promptControl`, `--prompt-control`): a timer t counts Ticks up to 3 while
 * Act (control) is due from the start. Interleaved, time may pass before Act; prompt, it may not.
 */
type Clock = { readonly t: number; readonly acted: boolean };
const ACT = act('Act', 'control');
const TICK = act('Tick', 'control');
const CLOCK_MODULE = `const act = { type: 'Act', kind: 'control' };
const tick = { type: 'Tick', kind: 'control' };
export default {
  codeWords: 1,
  encode: (s, out, off) => { out[off] = s.t | (s.acted ? 4 : 0); },
  decode: (code, off) => ({ t: code[off] & 3, acted: (code[off] & 4) !== 0 }),
  init: () => [{ t: 0, acted: false }],
  actions: (s) => [...(s.acted ? [] : [act]), ...(s.t < 3 ? [tick] : [])],
  next: (s, a) => (a.type === 'Act' ? { t: s.t, acted: true } : { t: s.t + 1, acted: s.acted }),
  properties: [{ kind: 'always', name: 'ActsBeforeTimePasses', pred: (s) => s.t === 0 || s.acted }],
};
`;
function clock(props: Property<Clock>[]): Model<Clock, Action> {
  return {
    init: () => [{ t: 0, acted: false }],
    actions: (s) => [...(s.acted ? [] : [ACT]), ...(s.t < 3 ? [TICK] : [])],
    next: (s, a) => (a.type === 'Act' ? { t: s.t, acted: true } : { t: s.t + 1, acted: s.acted }),
    properties: props,
  };
}

describe('prompt control: Tick waits while a control action is due', () => {
  const actsFirst = always<Clock>('ActsBeforeTimePasses', (s) => s.t === 0 || s.acted);

  it('interleaved, time passes before the control action; prompt, it cannot, and the graph is smaller', () => {
    const model = clock([actsFirst, eventually('Acted', (s) => s.acted)]);
    const loose = exploreExhaustive(model, { full: true });
    expect(loose.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { labels: ['Tick'] } });
    expect(loose.stats).toMatchObject({ distinctStates: 8, transitions: 10 });
    const prompt = exploreExhaustive(model, { full: true, promptControl: true });
    expect(prompt.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
    expect(prompt.stats).toMatchObject({ distinctStates: 5, transitions: 4 });
    // Acted holds either way: a cycle of Ticks cannot leave Act enabled and untaken (weak fairness).
    expect(loose.properties[1].verdict).toBe('holds');
  });

  it('a counterexample found under prompt control says so in its trace, and replays under the same rule', () => {
    const model = clock([always<Clock>('NeverThree', (s) => s.t < 3)]);
    const cx = exploreExhaustive(model, { promptControl: true }).properties[0].counterexample!;
    expect(cx).toMatchObject({ labels: ['Act', 'Tick', 'Tick', 'Tick'], promptControl: true });
    const trace = toTrace(cx, { scenario: 'clock', parameters: {}, property: 'NeverThree', kind: 'always', mode: 'exhaustive' });
    expect(trace.promptControl).toBe(true);
    expect(parseTrace(JSON.stringify(trace))).toEqual(trace);
    expect(() => parseTrace(JSON.stringify({ ...trace, promptControl: false }))).toThrow('trace: promptControl must be true when present');
    expect(() => parseTrace(JSON.stringify({ ...trace, promptControl: undefined }))).toThrow(/checksum mismatch/);
    expect(replayVerdict(model, trace).outcome).toBe('still-violates');
    // Interleaved, the shortest violation is three Ticks.
    expect(exploreExhaustive(model).properties[0].counterexample).toMatchObject({ labels: ['Tick', 'Tick', 'Tick'] });
  });

  it('replay under prompt control: a Tick taken while a control action was due is not enabled', () => {
    const model = clock([actsFirst]);
    const loose = exploreExhaustive(model).properties[0].counterexample!;
    const trace = toTrace({ ...loose, promptControl: true }, { scenario: 'clock', parameters: {}, property: 'ActsBeforeTimePasses', kind: 'always', mode: 'exhaustive' });
    const v = replayVerdict(model, trace);
    expect(v).toMatchObject({ outcome: 'no-longer-reproduces', line: 'no longer reproduces: step 1 Tick is not enabled; no violation within depth 5' });
    // The same steps without the rule still violate.
    expect(replayVerdict(model, toTrace(loose, { scenario: 'clock', parameters: {}, property: 'ActsBeforeTimePasses', kind: 'always', mode: 'exhaustive' })).outcome).toBe('still-violates');
  });

  it('--workers applies it in every worker: the serial counts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-prompt-')), 'clock.mjs');
    writeFileSync(file, CLOCK_MODULE);
    const r = await exploreParallel(fileRef(file), { workers: 2, full: true, promptControl: true });
    expect(r.stats).toMatchObject({ distinctStates: 5, transitions: 4 });
    expect(r.properties[0].verdict).toBe('holds');
    const loose = await exploreParallel(fileRef(file), { workers: 2, full: true });
    expect(loose.stats).toMatchObject({ distinctStates: 8, transitions: 10 });
    expect(loose.properties[0].counterexample).toMatchObject({ labels: ['Tick'] });
    expect(loose.properties[0].counterexample!.promptControl).toBeUndefined();
  });
});
