/**
 * The parallel exhaustive explorer's wire protocol: what the coordinator (explore.ts) and each
 * worker (worker.ts, holding a Shard) send each other, and how states are assigned to workers.
 */
import type { Coverage } from '../report.js';
import type { ModelRef } from '../model-ref.js';
import type { Shape } from '../inferred.js';

/** Why a model cannot be explored in parallel. */
export const NEEDS_CODEC = '--workers needs a model with a state schema or encode/decode';

/**
 * The code layout every worker of a plain-object model uses (engine/inferred.ts): the shape
 * and field width inferred once, in the coordinator, from the initial states, and the string
 * dictionary so far (ids in this order). Workers extend the dictionary only at a level's
 * barrier, all the same way, so equal states have equal codes in every worker.
 */
export interface InferredLayout {
  readonly shape: Shape;
  readonly width: 8 | 16 | 32;
  readonly strings: readonly string[];
}

/** Records per chunk; a record is a code, the parent's local id and the action index. */
export const CHUNK_RECORDS = 1 << 13;
/** The cache of codes a worker already routed: 2^16 entries of up to 2 words (512 KiB, in L2); fewer for longer codes. */
export function sentBits(words: number): number {
  return 16 - Math.max(0, Math.ceil(Math.log2(words)) - 1);
}
/** Poll the coordinator's stop flag this often (states expanded, records inserted). */
export const POLL_EVERY = 1024;

export interface WorkerSetup {
  readonly faultlineParallel: true;
  readonly ref: ModelRef;
  /** A plain-object model's inferred layout (absent: the model's own codec). */
  readonly layout?: InferredLayout;
  readonly index: number;
  readonly workers: number;
  readonly symmetry: boolean;
  readonly coverage: boolean;
  readonly full: boolean;
  /** This worker's share of ExhaustiveOptions.expectedStates (absent: none given). */
  readonly expectedStates?: number;
  /** `Tick` waits while a control action or recovery op is enabled (ExhaustiveOptions.promptControl). */
  readonly promptControl: boolean;
  /** Expand with the object functions, never packed transitions (ExhaustiveOptions.onObjects). */
  readonly onObjects?: boolean;
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
  /** `incoming` null: go on inserting what was left at the last cap. */
  | { readonly type: 'insert'; readonly incoming: readonly (Batch | null)[] | null; readonly cap: number }
  /**
   * The strings first seen in the last expansion, merged in worker order: appended to the
   * dictionary. `redo`: this worker's provisional ids for its new strings differ from the
   * merged ones: it discards its expansion and expands the level again (replying 'expanded').
   */
  | { readonly type: 'strings'; readonly added: readonly string[]; readonly redo: boolean; readonly decided: readonly boolean[]; readonly checkOnly: boolean }
  | { readonly type: 'lookup'; readonly id: number }
  /** The totals; the worker then drops its shard and waits for a next run's 'setup' (pool.ts keeps it). */
  | { readonly type: 'finish' }
  /** A kept worker's next run: build this model and shard, reply 'ready' (a new worker gets its setup as workerData). */
  | { readonly type: 'setup'; readonly setup: WorkerSetup };

export type WorkerReply =
  | { readonly type: 'ready' }
  /** `capped`: stopped at the cap with routed states left to insert. */
  | { readonly type: 'level'; readonly levelSize: number; readonly count: number; readonly capped: boolean; readonly aborted: boolean }
  | {
      readonly type: 'expanded';
      /** Per property: the lowest local id at this level deciding it, or -1. */
      readonly findings: readonly number[];
      /** With measured properties: per property, the largest raw measure at this level (-Infinity: none) and the lowest local id holding it. */
      readonly worst?: { readonly value: readonly number[]; readonly id: readonly number[] };
      readonly transitions: number;
      /** Per destination (null for this worker: it keeps its own). */
      readonly out: readonly (Batch | null)[];
      readonly aborted: boolean;
      /** Strings not in the dictionary, in order of first sight here (given provisional ids after it). */
      readonly strings?: readonly string[];
    }
  /** A state does not fit the inferred layout (engine/inferred.ts ShapeMismatch): the run restarts wider. */
  | { readonly type: 'mismatch'; readonly message: string }
  | { readonly type: 'entry'; readonly parent: number; readonly action: number }
  | { readonly type: 'done'; readonly structBytes: number; readonly coverage?: Coverage };

/** Bits of a global parent reference that name the worker (at least 1). */
export function workerBits(workers: number): number {
  return Math.max(1, Math.ceil(Math.log2(workers)));
}

/**
 * The worker owning a code. The store's table uses the hash's low bits (slot) and top byte
 * (tag); the owner comes from the top bits of a Fibonacci remix of the hash, so that within
 * a shard both stay uniformly spread.
 */
export function ownerOf(hash: number, workers: number): number {
  return ((Math.imul(hash, 0x9e3779b1) >>> 16) * workers) >>> 16;
}
