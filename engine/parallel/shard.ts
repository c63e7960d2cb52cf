/**
 * One worker of the parallel exhaustive explorer (`explore.ts` coordinates): it owns the
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
 * A sender drops a successor it already routed (a small cache): the owner would reject it.
 * Models with packed transitions are expanded on codes, as the serial explorer does.
 *
 * A plain-object model is coded with the layout the coordinator inferred (`setup.layout`):
 * a string first seen here gets a provisional id after the dictionary; the expansion reports
 * its new strings, the coordinator merges every worker's in worker order and sends them back
 * (`strings`), and a worker whose provisional ids differ from the merged ones expands the
 * level again, so that no code with a provisional id is ever stored. Recovery searches key
 * their states with a codec of their own (their codes never leave the worker).
 */
import type { Action, Model } from '../../model/core/model.js';
import { CoverageCounter } from '../coverage.js';
import { codecOf, type ModelCodec } from '../codec.js';
import { inferredCodec, ShapeMismatch, type InferredCodec } from '../inferred.js';
import { keyerFor, type Keyer } from '../keyer.js';
import { Call, initialStates, modelErrorFor, NO_ACTION, notAnActionList, notAState, propertyError } from '../model-error.js';
import { deferredPackedTick, deferredTick, defersOnObjectsOnly, packedMoveKinds, RecoveryChecker } from '../recovery.js';
import { hashWords, StateStore } from '../visited.js';
import { measuredIndices, WorstValues } from '../worst.js';
import { confirmPacked, packedPredicates, SAMPLE_EVERY } from '../packed-properties.js';
import { confirmTransitions, shouldConfirm } from '../packed-check.js';
import type { Coverage } from '../report.js';
import { CHUNK_RECORDS, NEEDS_CODEC, ownerOf, POLL_EVERY, sentBits, workerBits, type Batch, type InferredLayout, type WorkerReply, type WorkerRequest, type WorkerSetup } from './protocol.js';

export class Shard<S, A extends Action> {
  private readonly keyer: Keyer<S>;
  private readonly decode: (code: Uint32Array, off: number) => S;
  private readonly words: number;
  private readonly store: StateStore;
  private readonly scratch: Uint32Array;
  private readonly recoveries: (RecoveryChecker<S, A> | undefined)[];
  /** Measured properties' worst per level (engine/worst.ts); undefined when none is measured. */
  private readonly worst: WorstValues<S, A> | undefined;
  private coverage: CoverageCounter | undefined;
  /** The inferred codec of a plain-object model, and the dictionary every worker agrees on (its prefix). */
  private readonly inferred: InferredCodec | undefined;
  private readonly known: string[] = [];
  /** What the last expansion started from, to undo it for a redo. */
  private before = { transitions: 0, coverage: undefined as Coverage['actions'] | undefined };
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
  /** The expansion's output: per destination its chunks, the one being filled, and the fill position. */
  private outChunks: Uint32Array[][] = [];
  private outCur: Uint32Array[] = [];
  private outPos: number[] = [];
  private actBuf: Int32Array | undefined;
  private moveKinds: Uint8Array | undefined;
  /** Per property, its predicate on codes (`packed.properties`, engine/packed-properties.ts); null: not every property has one. */
  private codePredicates: readonly ((code: Uint32Array, off: number) => boolean)[] | null | undefined;
  /** Codes this worker already routed (direct-mapped by hash), and which entries are set. */
  private readonly sent: Uint32Array;
  private readonly sentUsed: Uint8Array;
  private readonly sentShift: number;
  /** The level's routed chunks being inserted, and where the insert stopped (at a cap). */
  private queue: { chunk: Uint32Array; n: number; high: number }[] = [];
  private queueAt = 0;
  private recordAt = 0;
  /** Actions from an initial state to the current level (for a contract error's step). */
  private depth = 0;
  /** Whether states are objects (a successor that is not one breaks the contract). */
  private objects = true;

  constructor(
    private readonly model: Model<S, A>,
    private readonly setup: WorkerSetup,
  ) {
    const layout = setup.layout;
    let recoveryKeyer: Keyer<S>;
    if (layout) {
      this.inferred = layoutCodec(layout);
      this.known.push(...layout.strings);
      this.keyer = exactKeyer(this.inferred as ModelCodec<unknown> as ModelCodec<S>);
      // The canonical representative is taken before keying (init, expand); a recovery search keys raw states.
      const own = layoutCodec(layout) as ModelCodec<unknown> as ModelCodec<S>;
      const canonical = setup.symmetry ? model.canonical!.bind(model) : undefined;
      recoveryKeyer = canonical ? { ...exactKeyer(own), key: (s, out, off) => own.encode(canonical(s), out, off) } : exactKeyer(own);
    } else {
      if (!codecOf(model)) throw new Error(NEEDS_CODEC);
      this.keyer = recoveryKeyer = keyerFor(model, setup.symmetry);
    }
    this.decode = this.keyer.codec!.decode;
    this.words = this.keyer.words;
    this.store = new StateStore(this.words, setup.expectedStates);
    this.scratch = new Uint32Array(this.words);
    const bits = sentBits(this.words);
    this.sent = new Uint32Array((1 << bits) * this.words);
    this.sentUsed = new Uint8Array(1 << bits);
    this.sentShift = 32 - bits;
    this.recoveries = model.properties.map((p) => (p.kind === 'recovers' ? new RecoveryChecker(model, p, recoveryKeyer) : undefined));
    this.worst = measuredIndices(model.properties).length > 0 ? new WorstValues(model.properties, this.recoveries) : undefined;
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
      case 'strings': {
        this.known.push(...req.added);
        this.inferred!.restoreStrings(this.known);
        if (!req.redo) return { reply: { type: 'ready' }, transfer: [] };
        this.undoExpansion();
        return this.expand(req.decided, req.checkOnly);
      }
      case 'lookup':
        return { reply: { type: 'entry', parent: this.store.parents[req.id], action: this.store.actionIndex[req.id] }, transfer: [] };
      case 'finish':
        return { reply: { type: 'done', structBytes: this.store.structBytes(), coverage: this.coverage?.result() }, transfer: [] };
      case 'setup':
        throw new Error('a setup request is for the worker (worker.ts), not its shard');
    }
  }

  /** Stores the initial states this worker owns (parent none, action = index in `init()`). */
  private init(): WorkerReply {
    const inits = initialStates(this.model);
    this.objects = typeof inits[0] === 'object';
    const { index, workers, symmetry } = this.setup;
    for (let i = 0; i < inits.length; i++) {
      this.keyer.key(symmetry ? this.model.canonical!(inits[i]) : inits[i], this.scratch, 0);
      if (ownerOf(hashWords(this.scratch, 0, this.words), workers) === index) this.store.insert(this.scratch, 0, -1, i);
    }
    this.levelEnd = this.store.count;
    return { type: 'level', levelSize: this.levelEnd, count: this.store.count, capped: false, aborted: false };
  }

  /**
   * Checks and (unless `checkOnly`) expands the current level. With packed transitions
   * (and no symmetry) states are expanded as codes, and decoded only to check properties.
   */
  private expand(decided: readonly boolean[], checkOnly: boolean): { reply: WorkerReply; transfer: ArrayBuffer[] } {
    // Only an inferred layout's expansion may be redone (coverage is copied for it, per level).
    this.before = { transitions: this.transitions, coverage: this.inferred ? this.coverage?.result().actions : undefined };
    const { model, store, words, scratch, coverage, stop, progress } = this;
    const { index, workers, symmetry, full } = this.setup;
    // Packed transitions act on the model's own codes, not on an inferred layout.
    // Not under prompt control with ranged delays unless the model answers them on codes.
    const packed = symmetry || this.inferred || this.setup.onObjects === true || (this.setup.promptControl && defersOnObjectsOnly(model)) ? undefined : model.packed;
    const encodeFrom = symmetry ? undefined : this.keyer.codec?.encodeFrom;
    const actBuf = packed ? (this.actBuf ??= new Int32Array(Math.max(1, packed.table.length))) : undefined;
    const prompt = this.setup.promptControl;
    const moveKinds = prompt && packed ? (this.moveKinds ??= packedMoveKinds(model, packed.table)) : undefined;
    const deferOnCodes = moveKinds ? packed!.mayDefer?.bind(packed) : undefined;
    if (packed && this.codePredicates === undefined) this.codePredicates = packedPredicates(model, packed) ?? null;
    // A measure reads the decoded state, which is then decoded anyway; properties stay on codes.
    const onCodes = packed ? (this.codePredicates ?? undefined) : undefined;
    const props = model.properties;
    const nProps = props.length;
    const findings = props.map(() => -1);
    let undecided = decided.filter((d) => !d).length;
    const worst = this.worst;
    worst?.reset();
    const chunkLen = CHUNK_RECORDS * (words + 2);
    this.outChunks = [];
    this.outCur = [];
    this.outPos = [];
    for (let d = 0; d < workers; d++) {
      this.outCur.push(this.pool.pop() ?? new Uint32Array(chunkLen));
      this.outChunks.push([this.outCur[d]]);
      this.outPos.push(0);
    }
    let transitions = this.transitions;
    let aborted = false;
    const codes = store.codes;
    const end = this.levelEnd;
    const objects = this.objects;
    // For a contract error's message: the call into the model, the actions listed, the action, the property.
    let call: Call = Call.None;
    let acts: readonly A[] = [];
    let k = 0;
    let p = 0;
    try {
      for (let id = this.levelStart; id < end; id++) {
        if ((id - this.levelStart) % POLL_EVERY === 0) {
          progress[2 * index] = transitions;
          progress[2 * index + 1] = id - this.levelStart;
          if (Atomics.load(stop, 0) !== 0) {
            aborted = true;
            break;
          }
        }
        const off = id * words;
        const s = packed && (undecided === 0 || onCodes) && !worst ? undefined : this.decode(codes, off);
        if (undecided > 0) {
          call = PROPERTY;
          // With predicates on codes, the state is decoded only to confirm them (as the serial explorer does).
          let sampled: S | undefined;
          for (p = 0; p < nProps; p++) {
            if (decided[p] || findings[p] >= 0) continue;
            const prop = props[p];
            let v: boolean;
            if (onCodes) {
              v = onCodes[p](codes, off);
              if ((prop.kind === 'sometimes' ? v : !v) || id % SAMPLE_EVERY === 0) confirmPacked(prop, v, (sampled ??= this.decode(codes, off)));
            } else v = prop.kind === 'recovers' ? this.recoveries[p]!.holds(s!) : prop.pred(s!);
            if (prop.kind === 'sometimes' ? v : !v) {
              findings[p] = id;
              undecided--;
            }
          }
        }
        if (worst) {
          call = PROPERTY;
          worst.observe(s!, id);
        }
        // Every property is now decided (the coordinator stops): the rest of the level is moot,
        // but for the measures of a level stored in part (at maxStates), as the serial run measures every state it stores.
        if (undecided === 0 && !full && !(worst && checkOnly)) break;
        if (checkOnly) continue;
        call = Call.Actions;
        if (packed) {
          const n = packed.actions(codes, off, actBuf!);
          acts = packed.table;
          const skip = moveKinds ? deferredPackedTick(moveKinds, actBuf!, n, codes, off, deferOnCodes) : -1;
          call = Call.Next;
          for (k = 0; k < n; k++) {
            if (k === skip) continue;
            packed.next(codes, off, actBuf![k], scratch, 0);
            transitions++;
            if (coverage) coverage.count(packed.table[actBuf![k]]);
            this.route(id, k);
          }
          // The net under trusted packed code, as the serial explorer casts it (local ids here).
          if (shouldConfirm(id)) {
            call = Call.None;
            confirmTransitions(model, packed, this.keyer.codec!, codes, off, actBuf!, n, skip);
          }
          continue;
        }
        acts = model.actions(s!);
        if (!Array.isArray(acts)) throw notAnActionList(acts);
        const skip = prompt ? deferredTick(model, acts, s!) : -1;
        for (k = 0; k < acts.length; k++) {
          if (k === skip) continue;
          const a = acts[k];
          call = Call.Next;
          let t = model.next(s!, a);
          if (t === undefined || t === null || (objects && typeof t !== 'object')) throw notAState(model, a, t);
          transitions++;
          if (coverage) coverage.count(a);
          call = Call.Result;
          if (symmetry) t = model.canonical!(t);
          // As the serial explorer: re-encode only what the successor does not share with its parent.
          if (encodeFrom) encodeFrom(t, s!, codes, off, scratch, 0);
          else this.keyer.key(t, scratch, 0);
          call = Call.None;
          this.route(id, k);
        }
      }
    } catch (e) {
      // A state that does not fit the inferred layout (in a recovery search too): the coordinator restarts wider.
      if (e instanceof ShapeMismatch) throw e;
      const place = { step: call === PROPERTY ? this.depth : this.depth + 1, mode: 'exhaustive' };
      if (call === PROPERTY) throw propertyError(props[p], e).at(place);
      throw modelErrorFor(model, e, call, call === Call.Actions ? NO_ACTION : packed ? acts[actBuf![k]] : acts[k], place);
    }
    const out: (Batch | null)[] = [];
    const transfer: ArrayBuffer[] = [];
    for (let d = 0; d < workers; d++) {
      const chunks = this.outChunks[d];
      const batch = { chunks, records: ((chunks.length - 1) * chunkLen + this.outPos[d]) / (words + 2) };
      if (d === index) {
        this.own = batch;
        out.push(null);
      } else {
        out.push(batch);
        for (const c of chunks) transfer.push(c.buffer as ArrayBuffer);
      }
    }
    this.outChunks = this.outCur = [];
    progress[2 * index] = transitions;
    const measured = worst ? { worst: { value: Array.from(worst.value), id: Array.from(worst.id) } } : {};
    const seen = this.inferred?.strings();
    const fresh = seen && seen.length > this.known.length ? { strings: seen.slice(this.known.length) } : {};
    const reply: WorkerReply = { type: 'expanded', findings, ...measured, transitions: transitions - this.transitions, out, aborted, ...fresh };
    this.transitions = transitions;
    return { reply, transfer };
  }

  /**
   * Forgets the last expansion (its successors carry provisional string ids): its counts and
   * coverage, its own batch, and the cache of routed codes (which now holds such codes).
   */
  private undoExpansion(): void {
    this.transitions = this.before.transitions;
    if (this.coverage) {
      this.coverage = new CoverageCounter((a) => (this.model.component ? this.model.component(a as A) : 'model'));
      this.coverage.restore(this.before.coverage ?? {});
    }
    if (this.own) for (const c of this.own.chunks) this.pool.push(c);
    this.own = null;
    this.sentUsed.fill(0);
  }

  /**
   * Appends the successor code in `scratch`, reached from local `id` by action `k`, to its
   * owner's chunks, unless this worker routed the same code before (a small direct-mapped
   * cache, in L2): that earlier record is stored first, so this one would be a duplicate.
   * Dropping it changes no result, and saves the owner a cache-missing table probe.
   */
  private route(id: number, k: number): void {
    const { words, scratch, sent } = this;
    const h = hashWords(scratch, 0, words);
    const slot = Math.imul(h, 0x85ebca6b) >>> this.sentShift;
    const base = slot * words;
    if (this.sentUsed[slot] === 1) {
      let same = true;
      for (let i = 0; i < words; i++) {
        if (sent[base + i] !== scratch[i]) {
          same = false;
          break;
        }
      }
      if (same) return;
    } else this.sentUsed[slot] = 1;
    for (let i = 0; i < words; i++) sent[base + i] = scratch[i];
    const d = ownerOf(h, this.setup.workers);
    let buf = this.outCur[d];
    let at = this.outPos[d];
    if (at === buf.length) {
      buf = this.outCur[d] = this.pool.pop() ?? new Uint32Array(buf.length);
      this.outChunks[d].push(buf);
      at = 0;
    }
    for (let i = 0; i < words; i++) buf[at + i] = scratch[i];
    buf[at + words] = id;
    buf[at + words + 1] = k;
    this.outPos[d] = at + words + 2;
  }

  /**
   * Stores the routed successors in sender order (each sender's in its expansion order, which
   * keeps siblings' duplicate successors close together: cache-friendly), until the shard
   * holds `cap` states; `incoming` null resumes where the last call stopped at its cap.
   */
  private insert(incoming: readonly (Batch | null)[] | null, cap: number): WorkerReply {
    const { store } = this;
    if (incoming) {
      this.depth++;
      this.levelStart = this.levelEnd;
      this.queue = [];
      for (let src = 0; src < incoming.length; src++) {
        const batch = src === this.setup.index ? this.own : incoming[src];
        if (!batch) continue;
        let left = batch.records;
        for (const chunk of batch.chunks) {
          this.queue.push({ chunk, n: Math.min(left, CHUNK_RECORDS), high: src << this.localBits });
          left -= CHUNK_RECORDS;
        }
      }
      this.own = null;
      this.queueAt = 0;
      this.recordAt = 0;
    }
    const limit = Math.min(cap, this.maxLocal);
    let status = INSERTED;
    while (this.queueAt < this.queue.length) {
      const { chunk, n, high } = this.queue[this.queueAt];
      const at = this.insertRecords(chunk, this.recordAt, n, high, limit);
      if (at < n) {
        this.recordAt = at;
        status = Atomics.load(this.stop, 0) !== 0 ? ABORTED : CAPPED;
        break;
      }
      this.pool.push(chunk);
      this.queueAt++;
      this.recordAt = 0;
    }
    if (status === CAPPED && store.count >= this.maxLocal) throw new Error(`a shard outgrew ${this.maxLocal} states: use fewer workers`);
    this.levelEnd = store.count;
    return { type: 'level', levelSize: this.levelEnd - this.levelStart, count: store.count, capped: status === CAPPED, aborted: status === ABORTED };
  }

  /**
   * Inserts records `from..n-1` of `chunk` (parents: local ids of the shard of worker
   * `high`, its index shifted) while the store holds fewer than `limit`; returns where it stopped.
   */
  private insertRecords(chunk: Uint32Array, from: number, n: number, high: number, limit: number): number {
    const { store, words, stop } = this;
    const rec = words + 2;
    for (let r = from, off = from * rec; r < n; r++, off += rec) {
      if (r % POLL_EVERY === 0 && Atomics.load(stop, 0) !== 0) return r;
      if (store.count >= limit) return r;
      store.insert(chunk, off, (high | chunk[off + words]) >>> 0, chunk[off + words + 1]);
    }
    return n;
  }
}

/** The explorer was checking a property (the shard's own phase beside the model calls). */
const PROPERTY = -1 as Call;
const INSERTED = 0;
const CAPPED = 1;
const ABORTED = 2;

/** A codec of `layout`, its dictionary the layout's. */
function layoutCodec(layout: InferredLayout): InferredCodec {
  const codec = inferredCodec(layout.shape, layout.width);
  codec.restoreStrings(layout.strings);
  return codec;
}

/** Keys that are a codec's codes (the shard takes canonical representatives itself). */
function exactKeyer<S>(codec: ModelCodec<S>): Keyer<S> {
  return { words: codec.words, exact: true, key: codec.encode, codec, normalize: (_t, _p, code, off) => codec.decode(code, off) };
}
