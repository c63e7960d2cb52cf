/** The coordinator's side of the worker threads: starting them, and request/reply over their ports. */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ShapeMismatch } from '../inferred.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol.js';

/**
 * Starts one worker: the compiled entry next to this file when running from `dist/`; from
 * source (under Vitest) the TypeScript entry, through tsx's loader registered in the worker.
 */
export function spawnWorker(setup: WorkerSetup): Worker {
  const here = import.meta.url;
  // Workers inherit Node's flags; given explicitly they may not hold V8 flags (such as
  // --max-old-space-size), so only drop the one that breaks a file entry (`--input-type`).
  const execArgv = process.execArgv.some((a) => a.startsWith('--input-type')) ? process.execArgv.filter((a) => !a.startsWith('--input-type')) : undefined;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here), { workerData: setup, execArgv });
  const entry = new URL('./worker.ts', here).href;
  // tsx's ESM API (the .mjs build: its CommonJS build registers the loader from a wrong path).
  const tsxApi = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: setup, execArgv });
}

/** Request/reply over each worker's port: replies come back in order, one per request. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }[][] = [];
  private readonly inbox: WorkerReply[][] = [];
  private failure: Error | undefined;
  private closing = false;

  add(w: Worker): void {
    const i = this.workers.length;
    this.workers.push(w);
    this.waiting.push([]);
    this.inbox.push([]);
    w.on('message', (m: WorkerReply) => {
      // A worker met a state its inferred layout cannot hold: every pending request fails with it (the run restarts).
      if (m.type === 'mismatch') return this.fail(new ShapeMismatch(m.message));
      const next = this.waiting[i].shift();
      if (next) next.resolve(m);
      else this.inbox[i].push(m);
    });
    w.on('error', (e: Error) => this.fail(e));
    w.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`worker ${i} exited unexpectedly (code ${code})`));
    });
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

  /** Asks every worker for its totals; each then closes its port and exits. */
  finish(): Promise<WorkerReply[]> {
    this.closing = true;
    return this.all(() => ({ type: 'finish' }));
  }

  /** Sends `request(i)` to the workers listed only, and awaits their replies. */
  some(indices: readonly number[], request: (i: number) => WorkerRequest): Promise<WorkerReply[]> {
    return Promise.all(indices.map((i) => this.call(i, request(i))));
  }

  call(i: number, req: WorkerRequest): Promise<WorkerReply> {
    this.workers[i].postMessage(req);
    return this.next(i);
  }

  async terminate(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
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
