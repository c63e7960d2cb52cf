// Mutation survivors of engine/parallel/worker.ts and shard.ts, which run only in worker threads
// (Stryker cannot see a mutant there; tools/mutation/apply-mutants.mjs can): worker.ts's entry
// guard, and a Shard driven directly in this thread, request by request.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Action, Model } from '../../model/core/model.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { inferLayout } from '../../engine/parallel/explore.js';
import { Shard } from '../../engine/parallel/shard.js';
import { ShapeMismatch } from '../../engine/inferred.js';
import { codecOf } from '../../engine/codec.js';
import { counter, grid, service, type Op, type Service } from '../fixtures/parallel-plain-models.js';
import { peak, PEAKS } from '../fixtures/worst-models.js';
import { manyInits, type Pick } from '../fixtures/boundary-models.js';
import { brokenCounter } from '../fixtures/contract-models.js';
import { always, sometimes } from '../../model/core/property.js';
import { t } from '../../model/core/schema.js';
import { withSchema } from '../../model/core/with-schema.js';
import { mergeCoverage } from '../../engine/parallel/results.js';
import { CHUNK_RECORDS, NEEDS_CODEC, sentBits, type Batch } from '../../engine/parallel/protocol.js';
import { hashWords } from '../../engine/visited.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from '../../engine/parallel/protocol.js';

const WORKER_TS = new URL('../../engine/parallel/worker.ts', import.meta.url).href;

/**
 * A worker thread (not the parallel explorer's) that imports worker.ts through tsx and reports
 * whether the import succeeded and whether the module started serving (a 'message' listener on
 * its port, which a parallel worker's entry adds at once).
 */
function importInWorker(workerData?: unknown): Promise<{ imported: string; listeners: number }> {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `const { parentPort } = await import('node:worker_threads');
const tsx = await import(${JSON.stringify(tsxApi)});
tsx.register();
let imported = 'ok';
try { await import(${JSON.stringify(WORKER_TS)}); } catch (e) { imported = String(e && e.message); }
parentPort.postMessage({ imported, listeners: parentPort.listenerCount('message') });`;
  const w = new Worker(`(async () => { ${boot} })();`, { eval: true, ...(workerData === undefined ? {} : { workerData }) });
  return new Promise((resolve, reject) => {
    w.once('message', (m: { imported: string; listeners: number }) => {
      void w.terminate().then(() => resolve(m));
    });
    w.once('error', (e) => {
      void w.terminate().then(() => reject(e));
    });
  });
}

describe('worker.ts serves only as a parallel worker', () => {
  it('imported in the main thread: nothing happens', async () => {
    await expect(import('../../engine/parallel/worker.js')).resolves.toBeDefined();
  });

  it('imported in a worker thread without workerData, or with workerData that is no setup: no error, no listener', async () => {
    expect(await importInWorker()).toEqual({ imported: 'ok', listeners: 0 });
    expect(await importInWorker({ faultlineParallel: 'yes', ref: { module: 'nowhere', export: 'none' } })).toEqual({ imported: 'ok', listeners: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// A Shard driven in this thread: the coordinator's requests (explore.ts) made by hand.

type AnyReply = WorkerReply;
type Expanded = Extract<WorkerReply, { type: 'expanded' }>;
type Level = Extract<WorkerReply, { type: 'level' }>;

/** `workers` shards of `model`, one setup each (as explore.ts builds them), sharing stop and progress. */
class Cluster<S, A extends Action> {
  readonly shards: Shard<S, A>[] = [];
  readonly stop = new Int32Array(new SharedArrayBuffer(4));
  readonly progress: Float64Array;
  readonly dictionary: string[];
  /** Expansions redone for new strings (explore.ts's redo). */
  redos = 0;
  constructor(
    readonly model: Model<S, A>,
    readonly workers: number,
    over: Partial<WorkerSetup> = {},
  ) {
    this.progress = new Float64Array(new SharedArrayBuffer(16 * workers));
    this.dictionary = [...(over.layout?.strings ?? [])];
    for (let index = 0; index < workers; index++) this.shards.push(new Shard(model, this.setup(index, over)));
  }
  setup(index: number, over: Partial<WorkerSetup> = {}): WorkerSetup {
    return {
      faultlineParallel: true,
      ref: { module: 'in-this-thread', export: 'none' },
      index,
      workers: this.workers,
      symmetry: false,
      coverage: false,
      full: false,
      promptControl: false,
      stop: this.stop.buffer as SharedArrayBuffer,
      progress: this.progress.buffer as SharedArrayBuffer,
      ...over,
    };
  }
  all(req: (i: number) => WorkerRequest): AnyReply[] {
    return this.shards.map((s, i) => s.handle(req(i)).reply);
  }
  init(): Level[] {
    return this.all(() => ({ type: 'init' })) as Level[];
  }
  /** An expansion, with explore.ts's string merge and redo for an inferred layout. */
  expand(decided: readonly boolean[], checkOnly = false): Expanded[] {
    let replies = this.all(() => ({ type: 'expand', decided, checkOnly })) as Expanded[];
    while (replies.some((r) => r.strings !== undefined)) {
      const base = this.dictionary.length;
      for (const r of replies) for (const s of r.strings ?? []) if (!this.dictionary.includes(s)) this.dictionary.push(s);
      const added = this.dictionary.slice(base);
      const redo = replies.map((r) => r.strings !== undefined && r.strings.some((s, i) => this.dictionary[base + i] !== s));
      this.redos += redo.filter(Boolean).length;
      const again = this.all((w) => ({ type: 'strings', added, redo: redo[w], decided, checkOnly }));
      replies = replies.map((r, w) => (redo[w] ? (again[w] as Expanded) : { ...r, strings: undefined }));
    }
    return replies;
  }
  insert(expanded: readonly Expanded[], cap: (d: number) => number = () => Infinity): Level[] {
    return this.all((d) => ({ type: 'insert', incoming: expanded.map((r) => r.out[d]), cap: cap(d) })) as Level[];
  }
  /** A full search (every level expanded, nothing decided): per level its total size, and the transitions. */
  bfs(decided: readonly boolean[] = this.model.properties.map(() => false)): { levels: number[]; transitions: number; states: number } {
    let levels = this.init();
    const sizes = [sum(levels.map((l) => l.levelSize))];
    let transitions = 0;
    while (sizes.at(-1)! > 0) {
      const ex = this.expand(decided);
      transitions += sum(ex.map((r) => r.transitions));
      levels = this.insert(ex);
      sizes.push(sum(levels.map((l) => l.levelSize)));
    }
    return { levels: sizes.slice(0, -1), transitions, states: sum(levels.map((l) => l.count)) };
  }
  /** The path to (worker w, local id) as action indices, from the shards' parents. */
  path(w: number, id: number): number[] {
    const bits = 32 - Math.max(1, Math.ceil(Math.log2(this.workers)));
    const out: number[] = [];
    for (;;) {
      const e = this.shards[w].handle({ type: 'lookup', id }).reply as Extract<WorkerReply, { type: 'entry' }>;
      out.unshift(e.action);
      if (e.parent === 0xffffffff) return out;
      w = e.parent >>> bits;
      id = e.parent & (2 ** bits - 1);
    }
  }
}
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('a Shard driven by hand: the serial counts', () => {
  it('one shard of grid(4) (an inferred layout): each level, the new strings in the order first seen, the serial counts', () => {
    const model = grid(4);
    const c = new Cluster(model, 1, { layout: inferLayout(model, 8)!, full: true });
    expect(c.init()).toEqual([{ type: 'level', levelSize: 1, count: 1, capped: false, aborted: false }]);
    const first = c.shards[0].handle({ type: 'expand', decided: [false, false], checkOnly: false }).reply as Expanded;
    expect(first).toMatchObject({ type: 'expanded', findings: [-1, -1], transitions: 2, out: [null], aborted: false, strings: ['c1-0', 'c0-1'] });
    // Provisional ids equal to the merged ones: no redo, a bare 'ready'.
    expect(c.shards[0].handle({ type: 'strings', added: ['c1-0', 'c0-1'], redo: false, decided: [false, false], checkOnly: false })).toEqual({ reply: { type: 'ready' }, transfer: [] });
    c.dictionary.push('c1-0', 'c0-1');
    const l1 = c.insert([first]);
    expect(l1).toEqual([{ type: 'level', levelSize: 2, count: 3, capped: false, aborted: false }]);
    const serial = exploreExhaustive(model, { full: true });
    let levels = l1;
    let transitions = first.transitions;
    while (levels[0].levelSize > 0) {
      const ex = c.expand([true, true]);
      transitions += ex[0].transitions;
      levels = c.insert(ex);
    }
    expect([levels[0].count, transitions]).toEqual([serial.stats.distinctStates, serial.stats.transitions]);
    expect(c.dictionary).toHaveLength(16);
  });

  it('three shards: the serial counts, level by level, for a schema model, a packed one and plain objects', () => {
    for (const model of [peak(10, 'schema'), peak(10, 'packed'), grid(5)] as Model<unknown, Action>[]) {
      const serial = exploreExhaustive(model, { full: true });
      const layout = codecOf(model) ? undefined : inferLayout(model, 8);
      const c = new Cluster(model, 3, { full: true, ...(layout ? { layout } : {}) });
      const r = c.bfs();
      expect([r.states, r.transitions, r.levels.length - 1]).toEqual([serial.stats.distinctStates, serial.stats.transitions, serial.stats.maxDepth]);
    }
  });
});

/** Levels until a shard reports a finding for property 0: the depth of its level, or -1 when none. */
function depthOfFinding<S, A extends Action>(c: Cluster<S, A>): number {
  let levels = c.init();
  for (let depth = 0; sum(levels.map((l) => l.levelSize)) > 0; depth++) {
    const ex = c.expand(c.model.properties.map(() => false));
    if (ex.some((r) => r.findings[0] >= 0)) return depth;
    levels = c.insert(ex);
  }
  return -1;
}

describe('a Shard\'s keys', () => {
  it('a model with neither an inferred layout nor a codec is refused (NEEDS_CODEC)', () => {
    expect(() => new Cluster(grid(3), 1)).toThrow(NEEDS_CODEC);
  });

  it('symmetry with an inferred layout: the recovery search keys each state by its canonical code (service: Heals fails after the kick, as serially)', () => {
    const model: Model<Service, Op> = { ...service(1), canonical: (s) => s };
    const serial = exploreExhaustive(model, { symmetry: true });
    expect(serial.properties[0].verdict).toBe('fails');
    const c = new Cluster(model, 1, { symmetry: true, layout: inferLayout(model, 8, true)! });
    // The state after the kick (depth 1) fails: the serial counterexample starts with it.
    expect(serial.properties[0].counterexample!.labels[0]).toMatch(/^Kick/);
    expect(depthOfFinding(c)).toBe(1);
  });
});

type Expand = Extract<WorkerRequest, { type: 'expand' }>;
const expandReq = (decided: boolean[], checkOnly = false): Expand => ({ type: 'expand', decided, checkOnly });
interface Xs {
  readonly x: number;
}
const PICK = (i: number): Pick => ({ type: 'Pick', kind: 'op', i });
/**
 * x from -1: `fan` actions Pick(i) to x = i, then none; coded by a schema. `props` replaces the
 * property (default: NotBad, never failing).
 */
function fanModel(fan: number, props?: Model<Xs, Pick>['properties']): Model<Xs, Pick> {
  const table = Array.from({ length: fan }, (_, i) => PICK(i));
  const model: Model<Xs, Pick> = {
    init: () => [{ x: -1 }],
    actions: (s) => (s.x === -1 ? table : []),
    next: (_s, a) => ({ x: a.i }),
    properties: props ?? [always<Xs>('NotBad', () => true)],
  };
  return withSchema(model, t.record('X', { x: t.int(-1, fan) }));
}
/** `n` initial states x = 0..n-1, no action, a schema; the property measures x (its worst is n - 1). */
function measuredInits(n: number): Model<Xs, Pick> {
  const model: Model<Xs, Pick> = {
    init: () => Array.from({ length: n }, (_, x) => ({ x })),
    actions: () => [],
    next: (s) => s,
    properties: [always<Xs>('Small', () => true, 'x is small', { of: (s) => s.x, unit: 's', label: 'X' })],
  };
  return withSchema(model, t.record('X', { x: t.int(0, n) }));
}

describe('a Shard\'s requests one by one', () => {
  it('init: three shards of manyInits(20) store each initial state once, with no parent and its index in init() as its action', () => {
    const c = new Cluster(manyInits(20, -1, 'schema'), 3);
    const levels = c.init();
    expect(sum(levels.map((l) => l.count))).toBe(20);
    expect(levels.filter((l) => l.count > 0).length).toBeGreaterThan(1);
    for (const l of levels) expect(l).toEqual({ type: 'level', levelSize: l.count, count: l.count, capped: false, aborted: false });
    const actions: number[] = [];
    for (let w = 0; w < 3; w++) {
      for (let id = 0; id < levels[w].count; id++) {
        const e = c.shards[w].handle({ type: 'lookup', id }).reply as Extract<WorkerReply, { type: 'entry' }>;
        expect(e).toMatchObject({ type: 'entry', parent: 0xffffffff });
        actions.push(e.action);
      }
    }
    expect(actions.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('lookup: the parents across three shards lead back to the initial state; the path replays to the violation, as long as the serial one', () => {
    for (const form of ['schema', 'packed'] as const) {
      const model = peak(3, form);
      const serial = exploreExhaustive(model);
      const c = new Cluster(model, 3);
      let levels = c.init();
      let found: [number, number] | undefined;
      while (!found && sum(levels.map((l) => l.levelSize)) > 0) {
        const ex = c.expand([false]);
        const w = ex.findIndex((r) => r.findings[0] >= 0);
        if (w >= 0) found = [w, ex[w].findings[0]];
        else levels = c.insert(ex);
      }
      const path = c.path(...found!);
      let s = model.init()[path[0]];
      for (const k of path.slice(1)) s = model.next(s, model.actions(s)[k]);
      expect(PEAKS[s.x]).toBeGreaterThanOrEqual(3);
      expect(path.length - 1).toBe(serial.properties[0].counterexample!.labels.length);
    }
  });

  it('a setup request is refused by the shard; finish reports the store\'s bytes, and coverage only when asked', () => {
    const c = new Cluster(peak(10, 'schema'), 1, { full: true });
    expect(() => c.shards[0].handle({ type: 'setup', setup: c.setup(0) })).toThrow('a setup request is for the worker (worker.ts), not its shard');
    c.bfs();
    const done = c.shards[0].handle({ type: 'finish' }).reply as Extract<WorkerReply, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(done.structBytes).toBeGreaterThan(0);
    expect(done.coverage).toBeUndefined();
  });

  it('coverage: two shards of grid(4) count every transition by component, as the serial run (a redone expansion counted once)', () => {
    const model = grid(4);
    const serial = exploreExhaustive(model, { full: true, coverage: true });
    const c = new Cluster(model, 2, { full: true, coverage: true, layout: inferLayout(model, 8)! });
    const r = c.bfs();
    expect(r.transitions).toBe(serial.stats.transitions);
    expect(c.redos).toBeGreaterThan(0);
    // Each worker's transitions so far (its progress slot), a redone expansion counted once.
    expect(c.progress[0] + c.progress[2]).toBe(serial.stats.transitions);
    const done = c.all(() => ({ type: 'finish' })) as Extract<WorkerReply, { type: 'done' }>[];
    expect(mergeCoverage(done.map((d) => d.coverage))).toEqual(serial.coverage);
  });

  it('coverage of a model without components: after a redone expansion its actions are still the model\'s, as the serial run counts them', () => {
    const { component: _component, ...model } = grid(4);
    const serial = exploreExhaustive(model, { full: true, coverage: true });
    expect(Object.keys(serial.coverage!.actions)).toEqual(['model']);
    const c = new Cluster(model, 2, { full: true, coverage: true, layout: inferLayout(model, 8)! });
    c.bfs();
    expect(c.redos).toBeGreaterThan(0);
    const done = c.all(() => ({ type: 'finish' })) as Extract<WorkerReply, { type: 'done' }>[];
    expect(mergeCoverage(done.map((d) => d.coverage))).toEqual(serial.coverage);
  });

  it('an expansion\'s reply carries worst values only when a property is measured', () => {
    const g = new Cluster(grid(3), 1, { layout: inferLayout(grid(3), 8)! });
    g.init();
    expect(g.shards[0].handle(expandReq([false, false])).reply).not.toHaveProperty('worst');
    const m = new Cluster(measuredInits(5), 1);
    m.init();
    expect(m.shards[0].handle(expandReq([false])).reply).toMatchObject({ worst: { value: [4], id: [4] } });
  });

  it('every property decided and not full: an expansion stops at the first state (nothing expanded), but with checkOnly a measured level is measured in full', () => {
    const m = new Cluster(measuredInits(5), 1);
    m.init();
    expect(m.shards[0].handle(expandReq([true], true)).reply).toMatchObject({ findings: [-1], transitions: 0, worst: { value: [4], id: [4] } });
    expect(m.shards[0].handle(expandReq([true], false)).reply).toMatchObject({ findings: [-1], transitions: 0, worst: { value: [0], id: [0] } });
    const f = new Cluster(fanModel(4), 1);
    f.init();
    expect(f.shards[0].handle(expandReq([true])).reply).toMatchObject({ transitions: 0, out: [null] });
    expect(f.insert([{ ...(f.shards[0].handle(expandReq([false])).reply as Expanded) }])).toEqual([{ type: 'level', levelSize: 4, count: 5, capped: false, aborted: false }]);
  });

  it('checkOnly: properties checked, nothing expanded or routed', () => {
    const c = new Cluster(fanModel(6), 2);
    c.init();
    const ex = c.expand([false], true);
    expect(ex.map((r) => r.transitions)).toEqual([0, 0]);
    for (const r of ex) for (const b of r.out) if (b) expect(b.records).toBe(0);
    expect(sum(c.insert(ex).map((l) => l.levelSize))).toBe(0);
  });

  it('findings: the lowest local id of the level deciding each undecided property; a decided one is not checked', () => {
    const bad = (x: number) => always<Xs>(`Not${x}`, (s) => s.x !== x);
    const c = new Cluster(fanModel(8, [bad(5), bad(2), bad(99), sometimes<Xs>('Three', (s) => s.x === 3), always<Xs>('Below2', (s) => s.x < 2)]), 1, { full: true });
    c.init();
    const first = c.expand([false, false, false, false, false]);
    expect(first[0].findings).toEqual([-1, -1, -1, -1, -1]);
    const ex = c.insert(first);
    expect(ex[0].levelSize).toBe(8);
    // Level 1 holds x = 0..7 at local ids 1..8; Below2 fails at x = 2..7, first at id 3.
    expect(c.expand([false, false, false, false, false])[0].findings).toEqual([6, 3, -1, 4, 3]);
    expect(c.expand([true, false, false, true, false])[0].findings).toEqual([-1, 3, -1, -1, 3]);
  });

  it('the last undecided property found (not full): the rest of the level is neither checked nor expanded', () => {
    // Initial states x = 0..4 (ids 0..4), each with one action to x + 5; NotTwo fails at id 2.
    const model = withSchema<Xs, Pick>(
      { init: () => [0, 1, 2, 3, 4].map((x) => ({ x })), actions: (s) => (s.x < 5 ? [PICK(s.x + 5)] : []), next: (_s, a) => ({ x: a.i }), properties: [always<Xs>('NotTwo', (s) => s.x !== 2)] },
      t.record('X', { x: t.int(0, 9) }),
    );
    const c = new Cluster(model, 1);
    c.init();
    expect(c.expand([false])[0]).toMatchObject({ findings: [2], transitions: 2 });
    const full = new Cluster(model, 1, { full: true });
    full.init();
    expect(full.expand([false])[0]).toMatchObject({ findings: [2], transitions: 5 });
  });

  it('a finding at local id 0 (the first initial state) is the lowest: later states do not replace it', () => {
    const model = withSchema<Xs, Pick>(
      { init: () => [{ x: 0 }, { x: 1 }], actions: () => [], next: (s) => s, properties: [always<Xs>('Negative', (s) => s.x < 0), always<Xs>('Any', () => true)] },
      t.record('X', { x: t.int(0, 1) }),
    );
    const c = new Cluster(model, 1);
    expect(c.init()[0].count).toBe(2);
    // Any stays undecided, so the next state is checked too.
    expect(c.expand([false, false])[0].findings).toEqual([0, -1]);
  });
});

describe('a Shard\'s stop flag, progress and caps', () => {
  it('progress: per poll (every POLL_EVERY states of the level) the transitions so far and the states expanded; a stop set in the level aborts at the next poll', () => {
    const stopAt = { x: 1500, stop: undefined as Int32Array | undefined };
    const model = fanModel(3000, [
      always<Xs>('Stops', (s) => {
        if (s.x === stopAt.x) Atomics.store(stopAt.stop!, 0, 1);
        return true;
      }),
    ]);
    const c = new Cluster(model, 1, { full: true });
    stopAt.stop = c.stop;
    c.init();
    const l0 = c.expand([false]);
    expect(l0[0]).toMatchObject({ transitions: 3000, aborted: false });
    expect([...c.progress]).toEqual([3000, 0]);
    expect(c.insert(l0)).toEqual([{ type: 'level', levelSize: 3000, count: 3001, capped: false, aborted: false }]);
    // Level 1 is local ids 1..3000 (x = id - 1): the stop is set at x = 1500, seen at the poll of the 2049th state.
    const l1 = c.expand([false]);
    expect(l1[0]).toMatchObject({ transitions: 0, aborted: true, findings: [-1] });
    expect([...c.progress]).toEqual([3000, 2048]);
  });

  it('the stop flag set: an expansion aborts before its first state, an insert before its first record; cleared, the insert resumes', () => {
    const c = new Cluster(fanModel(5), 1);
    c.init();
    Atomics.store(c.stop, 0, 1);
    expect(c.shards[0].handle(expandReq([false])).reply).toMatchObject({ transitions: 0, aborted: true });
    Atomics.store(c.stop, 0, 0);
    const ex = c.expand([false]);
    expect(ex[0]).toMatchObject({ transitions: 5, aborted: false });
    Atomics.store(c.stop, 0, 1);
    expect(c.insert(ex)).toEqual([{ type: 'level', levelSize: 0, count: 1, capped: false, aborted: true }]);
    Atomics.store(c.stop, 0, 0);
    expect(c.shards[0].handle({ type: 'insert', incoming: null, cap: Infinity }).reply).toEqual({ type: 'level', levelSize: 5, count: 6, capped: false, aborted: false });
  });

  it('a cap: the insert stops when the shard holds `cap` states (capped), and resumes where it stopped; the stored states as without a cap', () => {
    const model = fanModel(10);
    const c = new Cluster(model, 2);
    const l0 = c.init();
    const owner = l0.findIndex((l) => l.count === 1);
    const ex = c.expand([false]);
    const counts = c.insert(ex, (d) => (d === owner ? 4 : 0));
    expect(counts[owner]).toEqual({ type: 'level', levelSize: 3, count: 4, capped: true, aborted: false });
    const other = 1 - owner;
    const otherRecords = ex[owner].out[other]!.records;
    expect(counts[other]).toEqual({ type: 'level', levelSize: 0, count: 0, capped: otherRecords > 0, aborted: false });
    const more = c.shards[owner].handle({ type: 'insert', incoming: null, cap: 6 }).reply;
    expect(more).toMatchObject({ levelSize: 5, count: 6 });
    const rest = c.shards[owner].handle({ type: 'insert', incoming: null, cap: Infinity }).reply as Level;
    const otherRest = c.shards[other].handle({ type: 'insert', incoming: null, cap: Infinity }).reply as Level;
    expect(rest).toEqual({ type: 'level', levelSize: 10 - otherRecords, count: 11 - otherRecords, capped: false, aborted: false });
    expect(otherRest).toEqual({ type: 'level', levelSize: otherRecords, count: otherRecords, capped: false, aborted: false });
    // Resumed inserts keep the parents: every level-1 state leads back to the initial state.
    for (const [w, l] of [[owner, rest], [other, otherRest]] as const) for (let id = l.count - l.levelSize; id < l.count; id++) expect(c.path(w, id)).toHaveLength(2);
  });
});

/** The error a full search of `c` throws (or undefined). */
/** The serial explorer's error on `model`, if it throws. */
function serialError<S, A extends Action>(model: Model<S, A>): Error | undefined {
  try {
    exploreExhaustive(model);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}
function searchError<S, A extends Action>(c: Cluster<S, A>): Error | undefined {
  try {
    c.bfs();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}
interface Step extends Action {
  readonly type: 'A' | 'B' | 'C';
  readonly kind: 'op';
}
const STEPS: readonly Step[] = (['A', 'B', 'C'] as const).map((type) => ({ type, kind: 'op' }));
/**
 * x from 0 to 3 by packed transitions: from x only the action C (table index 2) is enabled, and it
 * adds 1; at x = `breakAt` it throws. The model's own `next` is never called on packed codes.
 */
function packedBreaking(breakAt: number): Model<Xs, Step> {
  const schema = t.record('X', { x: t.int(0, 3) });
  const base = withSchema<Xs, Step>(
    { init: () => [{ x: 0 }], actions: (s) => (s.x < 3 ? [STEPS[2]] : []), next: (s) => ({ x: s.x + 1 }), properties: [always<Xs>('Any', () => true)] },
    schema,
  );
  const codec = schema.codec();
  return Object.create(base, {
    packed: {
      value: {
        table: STEPS,
        actions(code: Uint32Array, off: number, out: Int32Array): number {
          if (codec.decode(code, off).x >= 3) return 0;
          out[0] = 2;
          return 1;
        },
        next(code: Uint32Array, off: number, _action: number, out: Uint32Array, outOff: number): void {
          const x = codec.decode(code, off).x;
          if (x === breakAt) throw new Error('packed boom');
          codec.encode({ x: x + 1 }, out, outOff);
        },
      },
    },
  }) as Model<Xs, Step>;
}

describe('a Shard\'s model errors: the serial explorer\'s words, step and action', () => {
  it.each(['actions-object', 'actions-null', 'actions-throws', 'actions-lists-null', 'next-undefined', 'next-null', 'next-number', 'next-throws', 'property-throws'] as const)('%s (a schema, 2 shards)', (bug) => {
    const model = brokenCounter(bug, true);
    const serial = serialError(model);
    expect(serial).toBeDefined();
    const e = searchError(new Cluster(model, 2));
    expect([e?.name, e?.message]).toEqual([serial!.name, serial!.message]);
  });

  it('packed transitions: the action named is the table\'s, at the step it was taken', () => {
    const model = packedBreaking(1);
    const serial = serialError(model);
    expect(serial?.message).toContain('C');
    const e = searchError(new Cluster(model, 2));
    expect([e?.name, e?.message]).toEqual([serial!.name, serial!.message]);
  });
});

interface Clock {
  readonly c: number;
  readonly f: number;
}
interface Move extends Action {
  readonly type: 'Tick' | 'Fix';
  readonly kind: 'op' | 'control';
}
const MOVES: readonly Move[] = [
  { type: 'Fix', kind: 'control' },
  { type: 'Tick', kind: 'op' },
];
/** c counts Ticks to 3, Fix (control) sets f once: under prompt control no Tick while Fix is enabled. `packed`: packed transitions. */
function clock(packed: boolean): Model<Clock, Move> {
  const schema = t.record('Clock', { c: t.int(0, 3), f: t.int(0, 1) });
  const enabled = (s: Clock): number[] => [...(s.f === 0 ? [0] : []), ...(s.c < 3 ? [1] : [])];
  const step = (s: Clock, m: number): Clock => (m === 0 ? { ...s, f: 1 } : { ...s, c: s.c + 1 });
  const base = withSchema<Clock, Move>(
    { init: () => [{ c: 0, f: 0 }], actions: (s) => enabled(s).map((m) => MOVES[m]), next: (s, a) => step(s, MOVES.indexOf(a)), properties: [always<Clock>('Any', () => true)] },
    schema,
  );
  if (!packed) return base;
  const codec = schema.codec();
  return Object.create(base, {
    packed: {
      value: {
        table: MOVES,
        actions(code: Uint32Array, off: number, out: Int32Array): number {
          const m = enabled(codec.decode(code, off));
          m.forEach((v, i) => (out[i] = v));
          return m.length;
        },
        next(code: Uint32Array, off: number, action: number, out: Uint32Array, outOff: number): void {
          codec.encode(step(codec.decode(code, off), action), out, outOff);
        },
      },
    },
  }) as Model<Clock, Move>;
}

describe('a Shard under prompt control', () => {
  it.each([false, true])('no Tick while a control action is enabled, as the serial explorer (packed: %s)', (packed) => {
    const model = clock(packed);
    const serial = exploreExhaustive(model, { promptControl: true, full: true });
    const plain = exploreExhaustive(model, { full: true });
    expect(serial.stats.transitions).toBeLessThan(plain.stats.transitions);
    for (const promptControl of [true, false]) {
      const r = new Cluster(model, 2, { promptControl, full: true }).bfs();
      const want = promptControl ? serial : plain;
      expect([r.states, r.transitions]).toEqual([want.stats.distinctStates, want.stats.transitions]);
    }
  });
});

interface Pair {
  readonly a: number;
  readonly b: number;
}
interface Inc2 extends Action {
  readonly type: 'IncA' | 'IncB';
  readonly kind: 'op';
}
const INCS: readonly Inc2[] = [
  { type: 'IncA', kind: 'op' },
  { type: 'IncB', kind: 'op' },
];
/** Two interchangeable counters to 3 from (2, 0), not canonical (canonical: a <= b); `Ordered` holds on every canonical state. */
function pair(): Model<Pair, Inc2> {
  return withSchema<Pair, Inc2>(
    {
      init: () => [{ a: 2, b: 0 }],
      actions: (s) => [...(s.a < 3 ? [INCS[0]] : []), ...(s.b < 3 ? [INCS[1]] : [])],
      next: (s, m) => (m.type === 'IncA' ? { a: s.a + 1, b: s.b } : { a: s.a, b: s.b + 1 }),
      canonical: (s) => (s.a <= s.b ? s : { a: s.b, b: s.a }),
      properties: [always<Pair>('Ordered', (s) => s.a <= s.b)],
    },
    t.record('Pair', { a: t.int(0, 3), b: t.int(0, 3) }),
  );
}

describe('a Shard under symmetry', () => {
  it('initial states and successors are stored and checked as their canonical representatives: the serial counts and verdict', () => {
    const model = pair();
    const serial = exploreExhaustive(model, { symmetry: true, full: true });
    expect(serial.properties[0].verdict).toBe('holds');
    expect(serial.stats.distinctStates as number).toBeLessThan(exploreExhaustive(model, { full: true }).stats.distinctStates as number);
    for (const workers of [1, 2]) {
      const c = new Cluster(model, workers, { symmetry: true, full: true });
      let levels = c.init();
      let states = 0;
      let transitions = 0;
      while (sum(levels.map((l) => l.levelSize)) > 0) {
        const ex = c.expand([false]);
        expect(ex.map((r) => r.findings[0])).toEqual(ex.map(() => -1));
        transitions += sum(ex.map((r) => r.transitions));
        levels = c.insert(ex);
      }
      states = sum(levels.map((l) => l.count));
      expect([states, transitions]).toEqual([serial.stats.distinctStates, serial.stats.transitions]);
    }
  });
});

describe('a Shard\'s cache of routed codes', () => {
  it('starts empty: a successor whose code is all zeros (x = 0, not an initial state) is routed and stored', () => {
    const model = withSchema<Xs, Pick>(
      { init: () => [{ x: 2 }], actions: (s) => (s.x > 0 ? [PICK(s.x - 1)] : []), next: (_s, a) => ({ x: a.i }), properties: [always<Xs>('Any', () => true)] },
      t.record('X', { x: t.int(0, 2) }),
    );
    const code = new Uint32Array(1);
    codecOf(model)!.encode({ x: 0 }, code, 0);
    expect(code[0]).toBe(0);
    expect(new Cluster(model, 1, { full: true }).bfs()).toEqual({ levels: [1, 1, 1], transitions: 2, states: 3 });
  });
});

/**
 * x from `n`: Pick(i) to x = i for i < n, then nothing; a schema from -1 (x = -1, code 0, is never
 * reached: a record read past a batch's end would store it).
 */
function bigFan(n: number): Model<Xs, Pick> {
  const table = Array.from({ length: n }, (_, i) => PICK(i));
  return withSchema<Xs, Pick>(
    { init: () => [{ x: n }], actions: (s) => (s.x === n ? table : []), next: (_s, a) => ({ x: a.i }), properties: [always<Xs>('Any', () => true)] },
    t.record('X', { x: t.int(-1, n) }),
  );
}
interface Wide extends Xs {
  readonly y: number;
}
/** bigFan with a second field, 30 bits wide and always 12345: codes of two words. */
function wideFan(n: number): Model<Wide, Pick> {
  const table = Array.from({ length: n }, (_, i) => PICK(i));
  return withSchema<Wide, Pick>(
    { init: () => [{ x: n, y: 12345 }], actions: (s) => (s.x === n ? table : []), next: (_s, a) => ({ x: a.i, y: 12345 }), properties: [always<Wide>('Y', (s) => s.y === 12345)] },
    t.record('W', { x: t.int(-1, n), y: t.int(0, 2 ** 30) }),
  );
}

describe('a Shard\'s chunks of routed records', () => {
  it('one sender\'s 20000 successors fill three chunks (8192 records each, the last in part): each stored once, with its parent and action', () => {
    const c = new Cluster(bigFan(20000), 1, { full: true });
    c.init();
    const ex = c.expand([false]);
    expect(ex[0].transitions).toBe(20000);
    expect(c.insert(ex)).toEqual([{ type: 'level', levelSize: 20000, count: 20001, capped: false, aborted: false }]);
    for (const id of [1, 8192, 8193, 16385, 20000]) expect(c.path(0, id)).toEqual([0, id - 1]);
    // The next level has no successors; the chunks consumed are reused without stale records.
    const next = c.expand([false]);
    expect(next[0].transitions).toBe(0);
    expect(c.insert(next)).toEqual([{ type: 'level', levelSize: 0, count: 20001, capped: false, aborted: false }]);
  });

  it('codes of two words: each record holds its code, parent and action (the property reads every stored state\'s second field)', () => {
    const model = wideFan(3000);
    expect(codecOf(model)!.words).toBe(2);
    const c = new Cluster(model, 1, { full: true });
    c.init();
    const ex = c.expand([false]);
    expect(c.insert(ex)).toEqual([{ type: 'level', levelSize: 3000, count: 3001, capped: false, aborted: false }]);
    for (const id of [1, 2, 1500, 3000]) expect(c.path(0, id)).toEqual([0, id - 1]);
    expect(c.expand([false])[0].findings).toEqual([-1]);
  });

  it('two shards, 20000 successors: each destination\'s batch holds what it owns, over several chunks', () => {
    const c = new Cluster(bigFan(20000), 2, { full: true });
    expect(c.bfs()).toEqual({ levels: [1, 20000], transitions: 20000, states: 20001 });
  });

  it('an insert resumed after a cap polls the stop flag every POLL_EVERY records of its chunk', () => {
    const c = new Cluster(bigFan(3000), 1, { full: true });
    c.init();
    const ex = c.expand([false]);
    expect(c.insert(ex, () => 6)).toEqual([{ type: 'level', levelSize: 5, count: 6, capped: true, aborted: false }]);
    Atomics.store(c.stop, 0, 1);
    // Records 5..1023 go in; the poll at record 1024 stops the insert.
    expect(c.shards[0].handle({ type: 'insert', incoming: null, cap: Infinity }).reply).toEqual({ type: 'level', levelSize: 1024, count: 1025, capped: false, aborted: true });
  });
});

describe('a Shard: more of the serial explorer\'s counts', () => {
  it('packed transitions under symmetry: successors are taken by the model\'s next and made canonical (no packed codes)', () => {
    const base = pair();
    const schema = t.record('Pair', { a: t.int(0, 3), b: t.int(0, 3) });
    const codec = schema.codec();
    const model = Object.create(base, {
      packed: {
        value: {
          table: INCS,
          actions(code: Uint32Array, off: number, out: Int32Array): number {
            const acts = base.actions(codec.decode(code, off));
            acts.forEach((a, i) => (out[i] = INCS.indexOf(a)));
            return acts.length;
          },
          next(code: Uint32Array, off: number, action: number, out: Uint32Array, outOff: number): void {
            codec.encode(base.next(codec.decode(code, off), INCS[action]), out, outOff);
          },
        },
      },
    }) as Model<Pair, Inc2>;
    const serial = exploreExhaustive(model, { symmetry: true, full: true });
    const r = new Cluster(model, 2, { symmetry: true, full: true }).bfs();
    expect([r.states, r.transitions]).toEqual([serial.stats.distinctStates, serial.stats.transitions]);
  });

  it('coverage with packed transitions: as the serial run', () => {
    const model = peak(10, 'packed');
    const serial = exploreExhaustive(model, { full: true, coverage: true });
    const c = new Cluster(model, 2, { full: true, coverage: true });
    c.bfs();
    const done = c.all(() => ({ type: 'finish' })) as Extract<WorkerReply, { type: 'done' }>[];
    expect(mergeCoverage(done.map((d) => d.coverage))).toEqual(serial.coverage);
  });

  it('an expansion that meets no new string reports none (no `strings`)', () => {
    const model = counter(20, -1);
    const c = new Cluster(model, 1, { layout: inferLayout(model, 8)!, full: true });
    c.init();
    const first = c.shards[0].handle(expandReq([false, false])).reply as Expanded;
    expect(first.strings).toEqual(['odd']);
    c.shards[0].handle({ type: 'strings', added: ['odd'], redo: false, decided: [false, false], checkOnly: false });
    c.insert([first]);
    expect(c.shards[0].handle(expandReq([false, false])).reply).not.toHaveProperty('strings');
  });
});

describe('a Shard\'s cache of routed codes holds the codes themselves', () => {
  it('a zero code routed after another code in the same cache slot is still routed (the slot holds the other code, not zeros)', () => {
    const slotOf = (c: number): number => Math.imul(hashWords(Uint32Array.of(c), 0, 1), 0x85ebca6b) >>> (32 - sentBits(1));
    let v = 1;
    while (slotOf(v) !== slotOf(0)) v++;
    // x in 0..v+1 coded as x: from v + 1, Pick(v) then Pick(0); their codes v and 0 share a slot.
    const model = withSchema<Xs, Pick>(
      { init: () => [{ x: v + 1 }], actions: (s) => (s.x === v + 1 ? [PICK(v), PICK(0)] : []), next: (_s, a) => ({ x: a.i }), properties: [always<Xs>('Any', () => true)] },
      t.record('X', { x: t.int(0, v + 1) }),
    );
    const code = new Uint32Array(1);
    for (const x of [0, v]) {
      codecOf(model)!.encode({ x }, code, 0);
      expect(code[0]).toBe(x);
    }
    expect(new Cluster(model, 1, { full: true }).bfs()).toEqual({ levels: [1, 2], transitions: 2, states: 3 });
  });
});

/** A state of two numbers with a hand-written code of exactly those two words. */
interface Ab {
  readonly a: number;
  readonly b: number;
}
interface Go extends Action {
  readonly type: 'Go';
  readonly to: Ab;
}
/** From a start state (a code no target has), one action to each target in order, then nothing. */
function fanOut(targets: readonly Ab[]): Model<Ab, Go> {
  const start: Ab = { a: 0xffffffff, b: 0xffffffff };
  return {
    init: () => [start],
    actions: (s) => (s.a === start.a && s.b === start.b ? targets.map((to) => ({ type: 'Go' as const, kind: 'op' as const, to })) : []),
    next: (_s, g) => g.to,
    properties: [always<Ab>('Any', () => true)],
    codeWords: 2,
    encode: (s, out, off) => {
      out[off] = s.a;
      out[off + 1] = s.b;
    },
    decode: (code, off) => ({ a: code[off], b: code[off + 1] }),
  };
}

describe('a Shard\'s cache of routed codes compares and keeps every word in its own slot', () => {
  const slotOf = (words: number[]): number => Math.imul(hashWords(Uint32Array.from(words), 0, words.length), 0x85ebca6b) >>> (32 - sentBits(words.length));
  /** The first value v from `from` on with slotOf(make(v)) === slot. */
  const search = (slot: number, make: (v: number) => number[], from = 1): number => {
    let v = from;
    while (slotOf(make(v)) !== slot) v++;
    return v;
  };
  const routedAll = (targets: Ab[]) => expect(new Cluster(fanOut(targets), 1, { full: true }).bfs()).toEqual({ levels: [1, targets.length], transitions: targets.length, states: targets.length + 1 });

  it('two codes of one slot that differ only in their second word are both routed (the second word is kept in the slot, not the one before)', () => {
    // (5, b) and (5, 0) share a slot: a write of the second word anywhere else leaves the slot's second word 0, a false hit for (5, 0).
    const b = search(slotOf([5, 0]), (v) => [5, v]);
    routedAll([{ a: 5, b }, { a: 5, b: 0 }]);
  });

  it('a code is compared with its own slot\'s second word, not the previous slot\'s last one', () => {
    // (7, b1) in slot z, then (p, b2) in slot z - 1 (its last word b2 just before slot z), then (7, b2) in slot z:
    // compared with the word before the slot, (7, b2) would look routed already.
    const z = slotOf([7, 1]) > 0 ? slotOf([7, 1]) : slotOf([7, 2]);
    const b1 = search(z, (v) => [7, v]);
    const b2 = search(z, (v) => [7, v], b1 + 1);
    const p = search(z - 1, (v) => [v, b2]);
    routedAll([{ a: 7, b: b1 }, { a: p, b: b2 }, { a: 7, b: b2 }]);
  });

  it('writing a code into its slot leaves the next slot\'s code alone', () => {
    // (d, 0) in slot z + 1, then (c, 0) in slot z, then (0, 0) in slot z + 1. Had writing
    // (c, 0) also zeroed the word after it, the slot of (d, 0) would read (0, 0): a false hit.
    const first = (v: number) => [v, 0];
    const z1 = slotOf([0, 0]);
    expect(z1).toBeGreaterThan(0);
    const d = search(z1, first);
    const c = search(z1 - 1, first);
    routedAll([{ a: d, b: 0 }, { a: c, b: 0 }, { a: 0, b: 0 }]);
  });
});

describe('a Shard\'s progress slots', () => {
  it('three shards: after each expansion, worker w\'s slots hold its own transitions so far and 0 states expanded at its last poll (levels under POLL_EVERY)', () => {
    const model = grid(6);
    const c = new Cluster(model, 3, { full: true, layout: inferLayout(model, 8)! });
    let levels = c.init();
    const mine = [0, 0, 0];
    let polledBy2 = 0;
    while (sum(levels.map((l) => l.levelSize)) > 0) {
      const ex = c.expand([false, false]);
      ex.forEach((r, w) => (mine[w] += r.transitions));
      if (levels[2].levelSize > 0 && mine[2] > 0) polledBy2++;
      expect([...c.progress]).toEqual([mine[0], 0, mine[1], 0, mine[2], 0]);
      levels = c.insert(ex);
    }
    expect(polledBy2).toBeGreaterThan(0);
    expect(sum(mine)).toBe(exploreExhaustive(model, { full: true }).stats.transitions);
  });
});

describe('a Shard: measures and redos', () => {
  it('packed transitions with a measured property decided: each state is still decoded and measured (the serial worst value)', () => {
    const model = peak(3, 'packed');
    const c = new Cluster(model, 1, { full: true });
    let levels = c.init();
    let worst = -Infinity;
    while (sum(levels.map((l) => l.levelSize)) > 0) {
      const ex = c.expand([true]);
      worst = Math.max(worst, ...ex.map((r) => r.worst!.value[0]));
      levels = c.insert(ex);
    }
    expect(worst).toBe(Math.max(...PEAKS));
    expect(sum(levels.map((l) => l.count))).toBe(PEAKS.length);
  });

  it('a redone expansion without coverage asked: finish reports none', () => {
    const model = grid(4);
    const c = new Cluster(model, 2, { full: true, layout: inferLayout(model, 8)! });
    expect(c.bfs().states).toBe(16);
    expect(c.redos).toBeGreaterThan(0);
    for (const d of c.all(() => ({ type: 'finish' }))) expect(d).toMatchObject({ type: 'done', coverage: undefined });
  });
});

describe('a Shard\'s local ids stay below 2^(32 - workerBits) - 1', () => {
  /** Shard 1 of 2^24 (8 bits of local id: at most 255 states), and `n` records routed to it by shard 0 (x = 0..n-1, parent 0). */
  function crowded(n: number) {
    const model = fanModel(400);
    const workers = 2 ** 24;
    const shard = new Shard(model, {
      faultlineParallel: true,
      ref: { module: 'in-this-thread', export: 'none' },
      index: 1,
      workers,
      symmetry: false,
      coverage: false,
      full: true,
      promptControl: false,
      stop: new SharedArrayBuffer(4),
      progress: new SharedArrayBuffer(16),
    });
    const codec = codecOf(model)!;
    const words = codec.words;
    const chunk = new Uint32Array(CHUNK_RECORDS * (words + 2));
    for (let r = 0; r < n; r++) {
      codec.encode({ x: r }, chunk, r * (words + 2));
      chunk[r * (words + 2) + words] = 0;
      chunk[r * (words + 2) + words + 1] = r;
    }
    const batch: Batch = { chunks: [chunk], records: n };
    return { shard, incoming: [batch, null] };
  }

  it('255 states fit; a 256th throws, naming the limit', () => {
    const fits = crowded(255);
    expect(fits.shard.handle({ type: 'insert', incoming: fits.incoming, cap: Infinity }).reply).toEqual({ type: 'level', levelSize: 255, count: 255, capped: false, aborted: false });
    const over = crowded(300);
    expect(() => over.shard.handle({ type: 'insert', incoming: over.incoming, cap: Infinity })).toThrow(new Error('a shard outgrew 255 states: use fewer workers'));
  });

  it('a cap below the limit stops there without an error', () => {
    const { shard, incoming } = crowded(300);
    expect(shard.handle({ type: 'insert', incoming, cap: 200 }).reply).toEqual({ type: 'level', levelSize: 200, count: 200, capped: true, aborted: false });
  });
});

describe('a Shard with states that are not objects, or plain objects under symmetry', () => {
  it('numbers as states (a codec of their own): a successor undefined is refused as the serial explorer refuses it', () => {
    const model: Model<number, Pick> = {
      init: () => [0],
      actions: (s) => (s < 2 ? [PICK(s + 1)] : []),
      next: (_s, a) => (a.i === 2 ? (undefined as unknown as number) : a.i),
      properties: [always<number>('Any', () => true)],
      codeWords: 1,
      encode: (s, out, off) => {
        out[off] = s;
      },
      decode: (code, off) => code[off],
    };
    const serial = serialError(model);
    expect(serial?.message).toContain('undefined');
    const e = searchError(new Cluster(model, 1));
    expect([e?.name, e?.message]).toEqual([serial!.name, serial!.message]);
  });

  it('plain objects under symmetry with an inferred layout: successors made canonical before keying (the serial counts)', () => {
    const base = pair();
    const model: Model<Pair, Inc2> = { init: base.init, actions: base.actions, next: base.next, canonical: base.canonical, properties: base.properties };
    const serial = exploreExhaustive(model, { symmetry: true, full: true });
    const r = new Cluster(model, 2, { symmetry: true, full: true, layout: inferLayout(model, 8, true)! }).bfs();
    expect([r.states, r.transitions]).toEqual([serial.stats.distinctStates, serial.stats.transitions]);
  });
});

describe('a Shard\'s expansion reply: what it hands on', () => {
  it('a state that outgrows the inferred layout is a ShapeMismatch (the coordinator widens), not a model error', () => {
    const model = counter(300, -1);
    const e = searchError(new Cluster(model, 1, { full: true, layout: inferLayout(model, 8)! }));
    expect(e).toBeInstanceOf(ShapeMismatch);
  });

  it('the transfer list is the other destinations\' chunk buffers (this worker keeps its own)', () => {
    const c = new Cluster(bigFan(100), 2);
    const owner = c.init().findIndex((l) => l.count === 1);
    const { reply, transfer } = c.shards[owner].handle(expandReq([false]));
    const out = (reply as Expanded).out;
    expect(out[owner]).toBeNull();
    expect(transfer).toEqual(out[1 - owner]!.chunks.map((ch) => ch.buffer));
    expect(transfer.every((b) => b instanceof ArrayBuffer)).toBe(true);
  });
});
