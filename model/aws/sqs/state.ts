/**
 * The sqs slice: its key, schemas, types, and the single record factories the reducer uses.
 */
import { t, type Infer } from '../../core/schema.js';

/** The sqs component's name: its slice is `world.sqs`. */
export const SQS = 'sqs';

/** Where a message is (see the component's documentation). */
export const MESSAGE_STATUSES = ['unsent', 'delayed', 'visible', 'inflight', 'deleted', 'deadLettered', 'expired'] as const;
/** See `MESSAGE_STATUSES`. */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/** A consumer slot: idle, busy processing, done (about to delete), or down. */
export const WORKER_STATUSES = ['idle', 'busy', 'done', 'down'] as const;
/** See `WORKER_STATUSES`. */
export type WorkerStatus = (typeof WORKER_STATUSES)[number];

/**
 * Schema of one message; `timer`: delay (delayed) or visibility (inflight) countdown, else 0;
 * `copies`: other copies of it that can still be delivered (0 where none can); `age`: ticks
 * since its first send, capped (0 where no FIFO deduplication window needs it).
 */
export function sqsMessageSchema(maxTimer: number, maxTtl: number, maxReceives: number, maxCopies = 0, maxAge = 0) {
  return t.record('SqsMessage', {
    status: t.enumOf(MESSAGE_STATUSES),
    timer: t.int(0, maxTimer),
    ttl: t.int(0, maxTtl),
    receives: t.int(0, maxReceives),
    processed: t.int(0, 2),
    copies: t.int(0, maxCopies),
    age: t.int(0, maxAge),
  });
}
/**
 * One message: its status, its delay or visibility countdown, its retention countdown (`ttl`),
 * its receive count, processed count (0, 1, 2+), the copies of it still deliverable (a standard
 * queue's stray copy, producer retries) and its age since the first send (FIFO deduplication).
 */
export type SqsMessage = Infer<ReturnType<typeof sqsMessageSchema>>;

/** Schema of one worker; `message` is -1 unless busy or done; `timer`: processing (busy) or restart (down). */
export function sqsWorkerSchema(messages: number, maxTimer: number) {
  return t.record('SqsWorker', {
    status: t.enumOf(WORKER_STATUSES),
    message: t.int(-1, messages - 1),
    handleValid: t.bool(),
    timer: t.int(0, maxTimer),
  });
}
/** One consumer: its status, the message it holds (-1: none), whether its receipt handle is still valid, and its countdown. */
export type SqsWorker = Infer<ReturnType<typeof sqsWorkerSchema>>;

/** The ranges of a message's fields and of the slice's fault counters (see `sqsSchema`). */
export interface SqsBounds {
  readonly messages: number;
  readonly workers: number;
  readonly maxMessageTimer: number;
  readonly maxTtl: number;
  readonly maxReceives: number;
  readonly maxWorkerTimer: number;
  readonly maxCrashes: number;
  readonly maxCopies: number;
  readonly maxAge: number;
  readonly maxLostResponses: number;
  /**
   * Present when the workers are interchangeable (see `sqsSchema`): they are the slot set
   * `workers`, exchanged only within a group (`groups[w]`: worker w's zone; default one group).
   */
  readonly workerSlots?: { readonly groups?: readonly number[] };
}

/**
 * Schema of the sqs slice; `crashes` counts `WorkerCrash` against `maxCrashes`, `lostResponses`
 * counts `SendResponseLost`. With `workerSlots`, the workers are the slot set `workers`
 * (model/core/symmetry.ts, used by symmetry reduction); messages never are (FIFO order,
 * message groups, poison messages and the flush's lowest-message-first receive name them).
 */
export function sqsSchema(b: SqsBounds) {
  const worker = sqsWorkerSchema(b.messages, b.maxWorkerTimer);
  return t.record('SqsState', {
    messages: t.array(sqsMessageSchema(b.maxMessageTimer, b.maxTtl, b.maxReceives, b.maxCopies, b.maxAge), b.messages),
    workers: b.workerSlots !== undefined ? t.slots('workers', worker, b.workers, b.workerSlots) : t.array(worker, b.workers),
    crashes: t.int(0, b.maxCrashes),
    lostResponses: t.int(0, b.maxLostResponses),
  });
}
/** The sqs slice: messages by index, consumers, crashes and lost SendMessage responses so far. */
export type SqsState = Infer<ReturnType<typeof sqsSchema>>;

/**
 * The single factory of message records (one object shape). The reducer passes every field;
 * `copies` and `age` default to 0 for hand-built slices in tests.
 */
export function sqsMessage(status: MessageStatus, timer: number, ttl: number, receives: number, processed: number, copies = 0, age = 0): SqsMessage {
  return { status, timer, ttl, receives, processed, copies, age };
}
/** The single factory of worker records. */
export function sqsWorker(status: WorkerStatus, message: number, handleValid: boolean, timer: number): SqsWorker {
  return { status, message, handleValid, timer };
}
/** The single factory of sqs slices (`lostResponses` defaults to 0 for hand-built slices in tests). */
export function sqsState(messages: readonly SqsMessage[], workers: readonly SqsWorker[], crashes: number, lostResponses = 0): SqsState {
  return { messages, workers, crashes, lostResponses };
}

/** The idle worker, shared by every slot. */
export const IDLE_WORKER: SqsWorker = sqsWorker('idle', -1, false, 0);

/** A message still in the source queue (delayed, visible or in flight). */
export function isQueued(status: MessageStatus): boolean {
  return status === 'delayed' || status === 'visible' || status === 'inflight';
}
