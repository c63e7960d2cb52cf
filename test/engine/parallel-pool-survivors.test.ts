// Mutation survivors of engine/parallel/pool.ts and explore.ts 303-331 (MUTATION.md, engine-h): WorkerPool driven
// by small eval workers (early replies, some(), an exit, close()), the idle workers kept between runs, and a
// report's stats (mode, searchMs, statesPerSecond). The compiled entry and the Node flags: parallel-processes.slow.test.ts.
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { endIdleWorkers, idleWorkerIds, startWorker, WorkerPool } from '../../engine/parallel/pool.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from '../../engine/parallel/protocol.js';
import type { ModelRef } from '../../engine/model-ref.js';
import { counter } from '../fixtures/parallel-plain-models.js';

/**
 * A worker speaking the pool's protocol without a model: 'setup' -> ready, lookup(id) -> an
 * entry with action id, 'finish' -> done; for the tests, 'twice' answers two entries, 'exit'
 * ends the thread with a code, 'throw' throws (the Worker's 'error').
 */
const FAKE = `
const { parentPort } = require('node:worker_threads');
const entry = (action) => ({ type: 'entry', parent: 0xffffffff, action });
parentPort.on('message', (m) => {
  if (m.type === 'setup') parentPort.postMessage({ type: 'ready' });
  else if (m.type === 'lookup') parentPort.postMessage(entry(m.id));
  else if (m.type === 'twice') { parentPort.postMessage(entry(m.id)); parentPort.postMessage(entry(m.id + 1)); }
  else if (m.type === 'finish') parentPort.postMessage({ type: 'done', structBytes: 0 });
  else if (m.type === 'exit') process.exit(m.code);
  else if (m.type === 'throw') throw new Error(m.message);
});`;
const started: Worker[] = [];
const fake = (): Worker => {
  const w = new Worker(FAKE, { eval: true });
  started.push(w);
  return w;
};
const lookup = (id: number): WorkerRequest => ({ type: 'lookup', id });
const twice = (id: number): WorkerRequest => ({ type: 'twice', id }) as unknown as WorkerRequest;
const exit = (code: number): WorkerRequest => ({ type: 'exit', code }) as unknown as WorkerRequest;
const entry = (action: number): WorkerReply => ({ type: 'entry', parent: 0xffffffff, action });
const DONE: WorkerReply = { type: 'done', structBytes: 0 };
/** A model's setup is not read by the fake workers. */
const SETUP = {} as WorkerSetup;

/** `n` fake workers that finished a run cleanly and were kept, waiting in this order. */
async function keptFakes(n: number): Promise<Worker[]> {
  const pool = new WorkerPool();
  const ws = Array.from({ length: n }, fake);
  for (const w of ws) pool.add(w);
  expect(await pool.finish()).toEqual(ws.map(() => DONE));
  await pool.close();
  expect(idleWorkerIds()).toEqual(ws.map((w) => w.threadId));
  return ws;
}

/** Fake workers must never wait for a real run: each test of theirs ends the waiting ones and its own. */
async function endFakes(): Promise<void> {
  vi.useRealTimers();
  await endIdleWorkers();
  await Promise.all(started.splice(0).map((w) => w.terminate()));
}

describe('WorkerPool: request and reply', () => {
  afterEach(endFakes);

  it('replies come back in order, one per request, one that arrived before it was awaited included', async () => {
    const w = fake();
    const pool = new WorkerPool();
    pool.add(w);
    const seen: unknown[] = [];
    w.on('message', (m) => seen.push(m));
    // Two replies to one request: the second arrives while nothing waits for it.
    expect(await pool.call(0, twice(1))).toEqual(entry(1));
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 10_000 });
    // It is the next reply: the one to this request comes after it.
    expect(await pool.all(() => lookup(7))).toEqual([entry(2)]);
    expect(await pool.all(() => undefined)).toEqual([entry(7)]);
    await pool.close();
  });

  it('some() asks only the workers listed and gives their replies in that order', async () => {
    const pool = new WorkerPool();
    for (let i = 0; i < 3; i++) pool.add(fake());
    expect(await pool.some([0, 2], (i) => lookup(10 + i))).toEqual([entry(10), entry(12)]);
    // Worker 1 was asked nothing: its next reply answers this request.
    expect(await pool.all((i) => lookup(20 + i))).toEqual([entry(20), entry(21), entry(22)]);
    await pool.close();
  });

  it('a worker that exits fails every request, pending or later, naming it and its exit code; close() ends the others', async () => {
    const ws = [fake(), fake()];
    const pool = new WorkerPool();
    for (const w of ws) pool.add(w);
    expect(await pool.all((i) => lookup(i))).toEqual([entry(0), entry(1)]);
    // Worker 1 is asked nothing and waits: the failure of worker 0 ends its wait too.
    await expect(pool.all((i) => (i === 0 ? exit(3) : undefined))).rejects.toThrow('worker 0 exited unexpectedly (code 3)');
    await expect(pool.call(1, lookup(5))).rejects.toThrow('worker 0 exited unexpectedly (code 3)');
    await pool.close();
    expect(ws.map((w) => w.threadId)).toEqual([-1, -1]);
    expect(idleWorkerIds()).toEqual([]);
  }, 20_000);

  it('close() after a run cut short (no finish, no failure) ends its workers: none waits', async () => {
    await endIdleWorkers();
    const ws = [fake(), fake()];
    const pool = new WorkerPool();
    for (const w of ws) pool.add(w);
    expect(await pool.all((i) => lookup(i))).toEqual([entry(0), entry(1)]);
    await pool.close();
    expect(ws.map((w) => w.threadId)).toEqual([-1, -1]);
    expect(idleWorkerIds()).toEqual([]);
  });

  it('close() after a finish keeps the workers, unless one failed after it: then it ends them all', async () => {
    await endIdleWorkers();
    const kept = await keptFakes(2);
    expect(kept.every((w) => w.threadId > 0)).toBe(true);
    await endIdleWorkers();
    const ws = [fake(), fake()];
    const pool = new WorkerPool();
    for (const w of ws) pool.add(w);
    expect(await pool.finish()).toEqual([DONE, DONE]);
    ws[1].postMessage(exit(4));
    await vi.waitFor(() => expect(ws[1].threadId).toBe(-1), { timeout: 10_000 });
    await pool.close();
    expect(ws[0].threadId).toBe(-1);
    expect(idleWorkerIds()).toEqual([]);
  });
});

describe('workers waiting between runs', () => {
  afterEach(endFakes);

  it('one that exits while waiting leaves the list, the others stay, and the next run is not handed the dead one', async () => {
    await endIdleWorkers();
    const [a, b] = await keptFakes(2);
    const aId = a.threadId;
    await b.terminate();
    expect(idleWorkerIds()).toEqual([aId]);
    const taken = startWorker(SETUP);
    if (taken !== a) started.push(taken);
    expect(taken).toBe(a);
    expect(idleWorkerIds()).toEqual([]);
  });

  it('one that fails while waiting leaves the list, its error handled (not the process\'s)', async () => {
    await endIdleWorkers();
    const [a, b] = await keptFakes(2);
    b.postMessage({ type: 'throw', message: 'a waiting worker failed' });
    await vi.waitFor(() => expect(idleWorkerIds()).toEqual([a.threadId]), { timeout: 10_000 });
  });

  it('endIdleWorkers ends every waiting worker now and leaves no countdown behind', async () => {
    await endIdleWorkers();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ws = await keptFakes(2);
    // Each waits IDLE_WORKER_MS on a timer of its own.
    expect(vi.getTimerCount()).toBe(2);
    await endIdleWorkers();
    expect(idleWorkerIds()).toEqual([]);
    expect(ws.map((w) => w.threadId)).toEqual([-1, -1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a worker that serves many runs holds no more listeners than after its first (no MaxListenersExceededWarning)', async () => {
    await endIdleWorkers();
    const [w] = await keptFakes(1);
    const warnings: Error[] = [];
    const onWarning = (e: Error): void => void warnings.push(e);
    process.on('warning', onWarning);
    try {
      const listeners = (): number[] => (['message', 'error', 'exit'] as const).map((e) => w.listenerCount(e));
      const first = listeners();
      for (let run = 0; run < 12; run++) {
        const taken = startWorker(SETUP);
        if (taken !== w) started.push(taken);
        expect(taken).toBe(w);
        const pool = new WorkerPool();
        pool.add(taken);
        expect(await pool.all(() => undefined)).toEqual([{ type: 'ready' }]);
        expect(await pool.finish()).toEqual([DONE]);
        await pool.close();
        expect(listeners()).toEqual(first);
      }
      expect(idleWorkerIds()).toEqual([w.threadId]);
      // A warning is emitted on the next tick: let it come.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((e) => e.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});

describe('a parallel report', () => {
  const WORST = new URL('../fixtures/worst-models.ts', import.meta.url).href;
  const PLAIN = new URL('../fixtures/parallel-plain-models.ts', import.meta.url).href;

  it('interrupted before the first level is measured: a report, with no worst value (nothing was measured)', async () => {
    const r = await exploreParallel({ module: WORST, export: 'peak', args: [10, 'schema'] }, { workers: 2, signal: AbortSignal.abort() });
    expect([r.stats.stoppedBy, r.stats.complete, r.properties[0].verdict]).toEqual(['interrupted', false, 'unknown']);
    expect(r.properties[0].worst).toBeUndefined();
  });

  it('mode exhaustive, the serial counts, searchMs within the call, statesPerSecond the states over it', async () => {
    const t0 = performance.now();
    const r = await exploreParallel({ module: PLAIN, export: 'counter', args: [20, 5] }, { workers: 2, full: true });
    const elapsed = performance.now() - t0;
    const serial = exploreExhaustive(counter(20, 5), { full: true });
    expect(r.mode).toBe('exhaustive');
    expect(r.mode).toBe(serial.mode);
    expect([r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth]).toEqual([serial.stats.distinctStates, serial.stats.transitions, serial.stats.maxDepth]);
    expect(r.stats.searchMs).toBeGreaterThan(0);
    expect(r.stats.searchMs).toBeLessThanOrEqual(elapsed);
    const states = r.stats.distinctStates ?? NaN;
    expect(r.stats.statesPerSecond).toBeCloseTo((states * 1000) / r.stats.searchMs, 6);
    // At least the states over the whole call.
    expect(r.stats.statesPerSecond).toBeGreaterThanOrEqual((states * 1000) / elapsed);
  });
});
