/** The coordinator's side of the worker threads: starting them, and request/reply over their ports. */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ShapeMismatch } from '../inferred.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol.js';

/**
 * Workers whose last run ended cleanly, kept for the next run in this process: starting one
 * costs a thread, a module graph and the model (about half a second from source under tsx), which
 * a suite that explores many models in parallel pays per run otherwise. Unreferenced, so they
 * never keep the process alive, and ended after IDLE_WORKER_MS unused; a run that failed in any
 * way terminates its workers instead.
 */
const idle: Kept[] = [];
interface Kept {
  readonly worker: Worker;
  /** Ends the worker after IDLE_WORKER_MS unused (a long-lived process need not hold it). */
  readonly timer: NodeJS.Timeout;
  /** Drops it from the list (it exited or failed while waiting). */
  readonly gone: () => void;
}
/** At most this many workers wait between runs (the rest are terminated). */
export const MAX_IDLE_WORKERS = 16;
/** A waiting worker is terminated after this long unused. */
export const IDLE_WORKER_MS = 10_000;

/** The thread ids of the workers waiting for a next run (for tests). */
export function idleWorkerIds(): number[] {
  return idle.map((k) => k.worker.threadId);
}

/**
 * Ends every waiting worker now (a long-lived process that is done with parallel runs need not
 * wait IDLE_WORKER_MS for its threads to go); a later run starts new ones.
 */
export async function endIdleWorkers(): Promise<void> {
  const ending = idle.splice(0);
  for (const k of ending) {
    clearTimeout(k.timer);
    k.worker.off('exit', k.gone).off('error', k.gone);
  }
  await Promise.all(ending.map((k) => k.worker.terminate()));
}

function keep(worker: Worker): void {
  const gone = (): void => {
    const k = idle.findIndex((x) => x.worker === worker);
    if (k < 0) return;
    clearTimeout(idle[k].timer);
    idle.splice(k, 1);
  };
  const timer = setTimeout(() => {
    gone();
    void worker.terminate();
  }, IDLE_WORKER_MS).unref();
  worker.on('exit', gone).on('error', gone);
  worker.unref();
  idle.push({ worker, timer, gone });
}

function take(): Worker | undefined {
  const k = idle.pop();
  if (!k) return undefined;
  clearTimeout(k.timer);
  k.worker.off('exit', k.gone).off('error', k.gone);
  k.worker.ref();
  return k.worker;
}

/**
 * A worker for `setup`: a kept one, sent the setup, or a new one: the compiled entry next to
 * this file when running from `dist/`; from source (under Vitest) the TypeScript entry, through
 * tsx's loader registered in the worker. Either replies 'ready' once its model is built.
 */
export function startWorker(setup: WorkerSetup): Worker {
  const kept = take();
  if (kept) {
    kept.postMessage({ type: 'setup', setup } satisfies WorkerRequest);
    return kept;
  }
  const here = import.meta.url;
  // An inline boot script, never a file entry: the worker inherits every Node flag, V8's
  // included (an explicit execArgv may not hold them), and `--input-type`, which refuses a
  // file entry, applies to an eval'd script without harm.
  if (!here.endsWith('.ts')) return new Worker(`import(${JSON.stringify(new URL('./worker.js', here).href)});`, { eval: true, workerData: setup });
  const entry = new URL('./worker.ts', here).href;
  // tsx's ESM API (the .mjs build: its CommonJS build registers the loader from a wrong path).
  const tsxApi = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

const ignore = (): void => {};

/** Request/reply over each worker's port: replies come back in order, one per request. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }[][] = [];
  private readonly inbox: WorkerReply[][] = [];
  private readonly detach: (() => void)[] = [];
  private failure: Error | undefined;
  /** Every worker answered 'finish': each dropped its shard and can serve another run. */
  private finished = false;

  add(w: Worker): void {
    const i = this.workers.length;
    this.workers.push(w);
    this.waiting.push([]);
    this.inbox.push([]);
    const onMessage = (m: WorkerReply): void => {
      // A worker met a state its inferred layout cannot hold: every pending request fails with it (the run restarts).
      if (m.type === 'mismatch') return this.fail(new ShapeMismatch(m.message));
      const next = this.waiting[i].shift();
      if (next) next.resolve(m);
      else this.inbox[i].push(m);
    };
    const onError = (e: Error): void => this.fail(e);
    // Workers no longer exit after 'finish', and close() detaches this before it ends any: an exit is always unexpected.
    const onExit = (code: number): void => this.fail(new Error(`worker ${i} exited unexpectedly (code ${code})`));
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
    this.detach.push(() => w.off('message', onMessage).off('error', onError).off('exit', onExit));
  }

  /** Sends what `request(i)` gives to every worker i (nothing when undefined) and awaits each one's next reply. */
  all(request: (i: number) => WorkerRequest | [WorkerRequest, ArrayBuffer[]] | undefined): Promise<WorkerReply[]> {
    return Promise.all(
      this.workers.map((w, i) => {
        const r = request(i);
        if (r) {
          const [req, transfer] = Array.isArray(r) ? r : [r, []];
          w.postMessage(req, transfer);
        }
        return this.next(i);
      }),
    );
  }

  /** Asks every worker for its totals; each then drops its shard (close() keeps or ends it). */
  async finish(): Promise<WorkerReply[]> {
    const done = await this.all(() => ({ type: 'finish' }));
    this.finished = true;
    return done;
  }

  /** Sends `request(i)` to the workers listed only, and awaits their replies. */
  some(indices: readonly number[], request: (i: number) => WorkerRequest): Promise<WorkerReply[]> {
    return Promise.all(indices.map((i) => this.call(i, request(i))));
  }

  call(i: number, req: WorkerRequest): Promise<WorkerReply> {
    this.workers[i].postMessage(req);
    return this.next(i);
  }

  /**
   * Ends the run: after a clean finish the workers wait (unreferenced) for the next run, up to
   * MAX_IDLE_WORKERS; after anything else (an error, a mismatch, a run cut short) they are
   * terminated, so no worker is ever reused in the middle of a conversation.
   */
  async close(): Promise<void> {
    for (const d of this.detach.splice(0)) d();
    const ending: Worker[] = [];
    for (const w of this.workers) {
      if (this.finished && !this.failure && idle.length < MAX_IDLE_WORKERS) keep(w);
      else ending.push(w);
    }
    // A worker ended after a failure may still raise its own error (several workers meeting the
    // same model error in one level): the run already failed with the first, and an 'error' event
    // with no listener would crash the process.
    for (const w of ending) w.on('error', ignore);
    await Promise.all(ending.map((w) => w.terminate()));
  }

  private next(i: number): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    const ready = this.inbox[i].shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => this.waiting[i].push({ resolve, reject }));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const queue of this.waiting) for (const w of queue.splice(0)) w.reject(this.failure);
  }
}
