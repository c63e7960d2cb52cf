/**
 * One worker of the parallel exhaustive explorer (`parallel.ts` coordinates): it owns the
 * shard of the state space whose codes hash to its index, in a `StateStore` of its own.
 *
 * Per BFS level the coordinator sends two requests:
 * - `expand`: decode each state of the shard's current level, check the undecided
 *   properties on it (every stored state is checked exactly once, here), and route each
 *   successor's code with its parent (local id) and action index to the successor's owner,
 *   in fixed-size chunks (one list per destination; never one message per state);
 * - `insert`: store what every worker routed here, in sender order 0..N-1 (so runs are
 *   reproducible), deduplicating; the new ids are the next level. Parents are stored as
 *   global references: sender index in the high bits, its local id in the low bits.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Action, Model } from '../model/model.js';
import type { Coverage } from './report.js';
import { CoverageCounter } from './coverage.js';
import { codecOf, keyerFor, type Keyer } from './keyer.js';
import { loadModelRef, type ModelRef } from './model-ref.js';
import { RecoveryChecker } from './recovery.js';
import { hashWords, StateStore } from './visited.js';

/** Records per chunk; a record is a code, the parent's local id and the action index. */
const CHUNK_RECORDS = 1 << 13;
/** Poll the coordinator's stop flag this often (states expanded, records inserted). */
const POLL_EVERY = 1024;

export interface WorkerSetup {
  readonly faultlineParallel: true;
  readonly ref: ModelRef;
  readonly index: number;
  readonly workers: number;
  readonly symmetry: boolean;
  readonly coverage: boolean;
  readonly full: boolean;
  /** Int32Array[1]: non-zero asks every worker to stop at its next poll. */
  readonly stop: SharedArrayBuffer;
  /** Float64Array[2 * workers]: per worker, transitions so far and states expanded this level. */
  readonly progress: SharedArrayBuffer;
}

/** Routed successors for one destination: chunks of `words + 2` u32 records, the last one partly filled. */
export interface Batch {
  readonly chunks: Uint32Array[];
  readonly records: number;
}

export type WorkerRequest =
  | { readonly type: 'init' }
  | { readonly type: 'expand'; readonly decided: readonly boolean[]; readonly checkOnly: boolean }
  | { readonly type: 'insert'; readonly incoming: readonly (Batch | null)[]; readonly cap: number }
  | { readonly type: 'lookup'; readonly id: number }
  | { readonly type: 'finish' };

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'level'; readonly levelSize: number; readonly count: number; readonly capped: boolean; readonly aborted: boolean }
  | {
      readonly type: 'expanded';
      /** Per property: the lowest local id at this level deciding it, or -1. */
      readonly findings: readonly number[];
      readonly transitions: number;
      /** Per destination (null for this worker: it keeps its own). */
      readonly out: readonly (Batch | null)[];
      readonly aborted: boolean;
    }
  | { readonly type: 'entry'; readonly parent: number; readonly action: number }
  | { readonly type: 'done'; readonly structBytes: number; readonly coverage?: Coverage };

/** Bits of a global parent reference that name the worker (at least 1). */
export function workerBits(workers: number): number {
  return Math.max(1, Math.ceil(Math.log2(workers)));
}

/** The worker owning a code: from its hash's high bits, so each shard's table slots (low bits) stay uniform. */
export function ownerOf(hash: number, workers: number): number {
  return ((hash >>> 16) * workers) >>> 16;
}

class Shard<S, A extends Action> {
  private readonly keyer: Keyer<S>;
  private readonly decode: (code: Uint32Array, off: number) => S;
  private readonly words: number;
  private readonly store: StateStore;
  private readonly scratch: Uint32Array;
  private readonly recoveries: (RecoveryChecker<S, A> | undefined)[];
  private readonly coverage: CoverageCounter | undefined;
  private readonly stop: Int32Array;
  private readonly progress: Float64Array;
  private readonly localBits: number;
  /** Local ids stay below this, so no global reference equals the store's "no parent" word. */
  private readonly maxLocal: number;
  private levelStart = 0;
  private levelEnd = 0;
  private transitions = 0;
  /** Successors this worker routed to itself in the last expansion. */
  private own: Batch | null = null;
  /** Consumed chunks, reused for the next expansion's output. */
  private readonly pool: Uint32Array[] = [];

  constructor(
    private readonly model: Model<S, A>,
    private readonly setup: WorkerSetup,
  ) {
    const codec = codecOf(model);
    if (!codec) throw new Error('--workers needs a model with a state schema or encode/decode');
    this.keyer = keyerFor(model, setup.symmetry);
    this.decode = codec.decode;
    this.words = this.keyer.words;
    this.store = new StateStore(this.words);
    this.scratch = new Uint32Array(this.words);
    this.recoveries = model.properties.map((p) => (p.kind === 'recovers' ? new RecoveryChecker(model, p, this.keyer) : undefined));
    this.coverage = setup.coverage ? new CoverageCounter((a) => (model.component ? model.component(a as A) : 'model')) : undefined;
    this.stop = new Int32Array(setup.stop);
    this.progress = new Float64Array(setup.progress);
    this.localBits = 32 - workerBits(setup.workers);
    this.maxLocal = 2 ** this.localBits - 1;
  }

  handle(req: WorkerRequest): { reply: WorkerReply; transfer: ArrayBuffer[] } {
    switch (req.type) {
      case 'init':
        return { reply: this.init(), transfer: [] };
      case 'expand':
        return this.expand(req.decided, req.checkOnly);
      case 'insert':
        return { reply: this.insert(req.incoming, req.cap), transfer: [] };
      case 'lookup':
        return { reply: { type: 'entry', parent: this.store.parents[req.id], action: this.store.actionIndex[req.id] }, transfer: [] };
      case 'finish':
        return { reply: { type: 'done', structBytes: this.store.structBytes(), coverage: this.coverage?.result() }, transfer: [] };
    }
  }

  /** Stores the initial states this worker owns (parent none, action = index in `init()`). */
  private init(): WorkerReply {
    const inits = this.model.init();
    const { index, workers, symmetry } = this.setup;
    for (let i = 0; i < inits.length; i++) {
      this.keyer.key(symmetry ? this.model.canonical!(inits[i]) : inits[i], this.scratch, 0);
      if (ownerOf(hashWords(this.scratch, 0, this.words), workers) === index) this.store.insert(this.scratch, 0, -1, i);
    }
    this.levelEnd = this.store.count;
    return { type: 'level', levelSize: this.levelEnd, count: this.store.count, capped: false, aborted: false };
  }

  /** Checks and (unless `checkOnly`) expands the current level. */
  private expand(decided: readonly boolean[], checkOnly: boolean): { reply: WorkerReply; transfer: ArrayBuffer[] } {
    const { model, store, words, scratch, coverage, stop, progress } = this;
    const { index, workers, symmetry, full } = this.setup;
    const props = model.properties;
    const nProps = props.length;
    const findings = props.map(() => -1);
    let undecided = decided.filter((d) => !d).length;
    const rec = words + 2;
    const chunkLen = CHUNK_RECORDS * rec;
    const chunks: Uint32Array[][] = [];
    const cur: Uint32Array[] = [];
    const pos: number[] = [];
    for (let d = 0; d < workers; d++) {
      cur.push(this.pool.pop() ?? new Uint32Array(chunkLen));
      chunks.push([cur[d]]);
      pos.push(0);
    }
    let transitions = this.transitions;
    let aborted = false;
    const codes = store.codes;
    const end = this.levelEnd;
    for (let id = this.levelStart; id < end; id++) {
      if ((id - this.levelStart) % POLL_EVERY === 0) {
        progress[2 * index] = transitions;
        progress[2 * index + 1] = id - this.levelStart;
        if (Atomics.load(stop, 0) !== 0) {
          aborted = true;
          break;
        }
      }
      const s = this.decode(codes, id * words);
      if (undecided > 0) {
        for (let p = 0; p < nProps; p++) {
          if (decided[p] || findings[p] >= 0) continue;
          const prop = props[p];
          const v = prop.kind === 'recovers' ? this.recoveries[p]!.holds(s) : prop.pred(s);
          if (prop.kind === 'sometimes' ? v : !v) {
            findings[p] = id;
            undecided--;
          }
        }
        // Every property is now decided (the coordinator stops): the rest of the level is moot.
        if (undecided === 0 && !full) break;
      }
      if (checkOnly) continue;
      const acts = model.actions(s);
      for (let k = 0; k < acts.length; k++) {
        const a = acts[k];
        let t = model.next(s, a);
        transitions++;
        if (coverage) coverage.count(a);
        if (symmetry) t = model.canonical!(t);
        this.keyer.key(t, scratch, 0);
        const d = ownerOf(hashWords(scratch, 0, words), workers);
        let buf = cur[d];
        let at = pos[d];
        if (at === chunkLen) {
          buf = cur[d] = this.pool.pop() ?? new Uint32Array(chunkLen);
          chunks[d].push(buf);
          at = 0;
        }
        for (let i = 0; i < words; i++) buf[at + i] = scratch[i];
        buf[at + words] = id;
        buf[at + words + 1] = k;
        pos[d] = at + rec;
      }
    }
    const out: (Batch | null)[] = [];
    const transfer: ArrayBuffer[] = [];
    for (let d = 0; d < workers; d++) {
      const batch = { chunks: chunks[d], records: ((chunks[d].length - 1) * chunkLen + pos[d]) / rec };
      if (d === index) {
        this.own = batch;
        out.push(null);
      } else {
        out.push(batch);
        for (const c of chunks[d]) transfer.push(c.buffer as ArrayBuffer);
      }
    }
    progress[2 * index] = transitions;
    const reply: WorkerReply = { type: 'expanded', findings, transitions: transitions - this.transitions, out, aborted };
    this.transitions = transitions;
    return { reply, transfer };
  }

  /** Stores the routed successors, in sender order, up to `cap` states in this shard. */
  private insert(incoming: readonly (Batch | null)[], cap: number): WorkerReply {
    const { store, words, stop } = this;
    const rec = words + 2;
    const limit = Math.min(cap, this.maxLocal);
    let capped = false;
    let aborted = false;
    this.levelStart = this.levelEnd;
    for (let src = 0; src < incoming.length; src++) {
      const batch = src === this.setup.index ? this.own : incoming[src];
      if (!batch) continue;
      const high = src << this.localBits;
      let left = batch.records;
      for (const chunk of batch.chunks) {
        const n = Math.min(left, CHUNK_RECORDS);
        left -= n;
        for (let r = 0; r < n && !capped && !aborted; r++) {
          if (r % POLL_EVERY === 0 && Atomics.load(stop, 0) !== 0) aborted = true;
          else if (store.count >= limit) capped = true;
          else {
            const off = r * rec;
            store.insert(chunk, off, (high | chunk[off + words]) >>> 0, chunk[off + words + 1]);
          }
        }
        this.pool.push(chunk);
      }
    }
    this.own = null;
    if (store.count >= this.maxLocal && cap > this.maxLocal) throw new Error(`a shard outgrew ${this.maxLocal} states: use fewer workers`);
    this.levelEnd = store.count;
    return { type: 'level', levelSize: this.levelEnd - this.levelStart, count: store.count, capped, aborted };
  }
}

/** The worker entry: build the model from its reference, then answer requests in order. */
async function serve(setup: WorkerSetup): Promise<void> {
  const port = parentPort!;
  const shard = new Shard(await loadModelRef(setup.ref), setup);
  port.on('message', (req: WorkerRequest) => {
    const { reply, transfer } = shard.handle(req);
    port.postMessage(reply, transfer);
    if (req.type === 'finish') port.close();
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

if (!isMainThread && (workerData as WorkerSetup | undefined)?.faultlineParallel === true) {
  serve(workerData as WorkerSetup).catch((e: unknown) => {
    // Surfaces as the worker's 'error' event in the coordinator.
    throw e;
  });
}
