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

/** Schema of one message; `timer`: delay (delayed) or visibility (inflight) countdown, else 0. */
export function sqsMessageSchema(maxTimer: number, maxTtl: number, maxReceives: number) {
  return t.record('SqsMessage', {
    status: t.enumOf(MESSAGE_STATUSES),
    timer: t.int(0, maxTimer),
    ttl: t.int(0, maxTtl),
    receives: t.int(0, maxReceives),
    processed: t.int(0, 2),
  });
}
/** One message: its status, its delay or visibility countdown, its retention countdown (`ttl`), its receive count and processed count (0, 1, 2+). */
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

/** Schema of the sqs slice; `crashes` counts `WorkerCrash` against `maxCrashes`. */
export function sqsSchema(messages: number, workers: number, maxMessageTimer: number, maxTtl: number, maxReceives: number, maxWorkerTimer: number, maxCrashes: number) {
  return t.record('SqsState', {
    messages: t.array(sqsMessageSchema(maxMessageTimer, maxTtl, maxReceives), messages),
    workers: t.array(sqsWorkerSchema(messages, maxWorkerTimer), workers),
    crashes: t.int(0, maxCrashes),
  });
}
/** The sqs slice: messages by index, consumers, and crashes so far. */
export type SqsState = Infer<ReturnType<typeof sqsSchema>>;

/** The single factory of message records (one object shape). */
export function sqsMessage(status: MessageStatus, timer: number, ttl: number, receives: number, processed: number): SqsMessage {
  return { status, timer, ttl, receives, processed };
}
/** The single factory of worker records. */
export function sqsWorker(status: WorkerStatus, message: number, handleValid: boolean, timer: number): SqsWorker {
  return { status, message, handleValid, timer };
}
/** The single factory of sqs slices. */
export function sqsState(messages: readonly SqsMessage[], workers: readonly SqsWorker[], crashes: number): SqsState {
  return { messages, workers, crashes };
}

/** The idle worker, shared by every slot. */
export const IDLE_WORKER: SqsWorker = sqsWorker('idle', -1, false, 0);

/** A message still in the source queue (delayed, visible or in flight). */
export function isQueued(status: MessageStatus): boolean {
  return status === 'delayed' || status === 'visible' || status === 'inflight';
}
