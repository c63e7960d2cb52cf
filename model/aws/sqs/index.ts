/**
 * Amazon SQS (aws-semantics §6): one standard or FIFO queue, its producer, and a small pool
 * of consumer slots ("workers") that receive, process and delete.
 *
 * Messages are indices `0..messages-1`; each is `unsent`, `delayed`, `visible`, `inflight`,
 * `deleted`, `deadLettered` or `expired`, with one countdown (`timer`: the delay or the
 * visibility timeout), a retention countdown (`ttl`), a capped receive count and a capped
 * processed count (0, 1, 2+). A worker is `idle`, `busy` (holding a message, `timer` ticks of
 * processing left), `done` (processed, about to delete) or `down` (`timer` ticks to restart).
 *
 * Semantics kept from AWS:
 * - Receiving does not delete; an undeleted message is visible again when its visibility
 *   timeout ends, and is received again with a higher receive count (at-least-once).
 * - Receipt handles: each receive makes the handles of earlier receives stale (`handleValid`
 *   is cleared on the other holders). `DeleteMessage` with a stale handle "succeeds" but
 *   deletes nothing (INV-SQS-3). The latest handle still deletes after its visibility
 *   timeout ended, as long as nobody received the message since (standard queues).
 * - `ChangeMessageVisibility(w, V)` restarts the timeout from now, capped at 12 h from the
 *   receive (INV-SQS-9); `ChangeMessageVisibility(w, 0)` releases the message at once.
 * - Retention: a queued message (and, with the same clock, a dead-lettered one) older than the
 *   retention period is deleted silently (`expired`, INV-SQS-6).
 * - Dead-letter queue: a receive attempt on a message already received `maxReceiveCount`
 *   times moves it to the DLQ instead (nobody polling, no move). Standard queues keep the
 *   original enqueue time (a DLQ retention not above the source's can expire it at once,
 *   INV-SQS-5); FIFO queues restart the clock.
 * - FIFO: messages are sent in index order; within a message group only the oldest queued
 *   message can be received, so one in flight blocks its group (INV-SQS-8).
 *
 * Time and prompt workers: a `Tick` first lets every live worker do what it can without
 * time passing (restart when due, finish due processing and delete, receive visible
 * messages, lowest worker and message first; with `extendVisibility`, heartbeat a visibility
 * timeout about to end as far as the 12 h cap allows), then moves every countdown one step.
 * `Tick` is enabled while a countdown runs or a worker has such work pending. Between
 * ticks the explicit actions interleave freely (another worker receiving, a crash between
 * processing and deleting). So processing that ends before the visibility timeout never
 * duplicates without a fault, while processing as long as the timeout or longer does
 * (INV-SQS-2), and a live worker never lets a visible message age unreceived.
 *
 * Zones: with `workerAzs`, `AzOutage(z)` (from the az component) crashes the workers in zone
 * `z` (outside the crash budget), and they restart only once the zone is up again.
 *
 * Not modelled: delete-after-delete duplicates of standard queues (`deleteLost`), the FIFO
 * deduplication window (INV-SQS-7), batches, long polling, in-flight caps, redrive.
 */
import type { Component } from '../../compose/component.js';
import { SQS_CONTROLS, SQS_FAULTS, SQS_OPS, type SqsAction, type SqsSubscribed } from './actions.js';
import { sqsActions, sqsTicking } from './enabled.js';
import { SQS_PARAMETERS, initialSqs, resolveSqsOptions, type SqsConfig, type SqsOptions, SQS_DEFAULT_TICK_SECONDS } from './options.js';
import { reduceSqs } from './reduce.js';
import { SQS, sqsSchema, type SqsState } from './state.js';

export {
  SQS_CONTROLS, SQS_FAULTS, SQS_OPS, changeMessageVisibility, deleteMessage, processMessage, receiveMessage, sendMessage,
  workerCrash, workerRestart,
  type ChangeMessageVisibility, type DeleteMessage, type ProcessMessage, type ReceiveMessage, type SendMessage, type SqsAction,
  type SqsOp, type SqsSubscribed, type WorkerCrash, type WorkerRestart,
} from './actions.js';
export { MAX_VISIBILITY_SECONDS, SQS_DEFAULTS, type SqsOptions } from './options.js';
export {
  isHeld, isLost, messagesSettled, noDuplicateProcessing, noLostMessage, someMessageIs, someRedelivered, someWorkerDown, sqsSlice,
} from './reads.js';
export {
  MESSAGE_STATUSES, SQS, WORKER_STATUSES, sqsMessageSchema, sqsSchema, sqsWorkerSchema,
  type MessageStatus, type SqsMessage, type SqsState, type SqsWorker, type WorkerStatus,
} from './state.js';

/**
 * The SQS component: a queue, its producer and its consumer pool.
 *
 * @example
 * // The sqs-pool benchmark's early-delete bug: Send, Receive, WorkerCrash loses message 0.
 * const queue = sqs({ tickSeconds: 10, messages: 1, workers: 1, retentionSeconds: Infinity, deleteOnReceive: true });
 */
export function sqs(options: SqsOptions = {}): Component<SqsState, SqsSubscribed, 'sqs'> {
  const c = resolveSqsOptions(options);
  const initial = initialSqs(c);
  const subscribes: string[] = [...SQS_OPS, ...SQS_FAULTS, ...SQS_CONTROLS, 'Tick'];
  if (c.workerAzs !== undefined) subscribes.push('AzOutage');

  return {
    name: SQS,
    schema: sqsSchema(
      c.messages, c.workers, Math.max(c.visTicks, c.delayTicks), Math.max(c.retentionTicks, c.dlqTicks), c.receiveCap,
      Math.max(c.procTicks, c.restartTicks), c.maxCrashes,
    ),
    parameters: SQS_PARAMETERS,
    catalog: { op: SQS_OPS, fault: SQS_FAULTS, control: SQS_CONTROLS },
    subscribes,
    tickSeconds: options.tickSeconds ?? SQS_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => sqs({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => sqsActions(c, world, out as SqsAction[]),
    reduce: (slice, a, world) => reduceSqs(c, slice, a, world),
    ticking: (slice, world) => sqsTicking(c, slice, world),
    explainField: (field) => explainSqsField(c, field),
  };
}

/** Where the sqs slice's large fields come from: the periods, in ticks of `tickSeconds`. */
function explainSqsField(c: SqsConfig, field: string): string | undefined {
  const ticks = (what: string, seconds: number, option: string) =>
    `${what} ${seconds.toLocaleString('en-US')} s in ${c.tickSeconds} s ticks; set ${option} or a coarser tickSeconds`;
  switch (field) {
    case 'messages[].ttl':
      return ticks('retention', c.retentionSeconds, 'retentionSeconds (Infinity leaves retention out)');
    case 'messages[].timer':
      return ticks('visibility timeout', c.visibilitySeconds, 'visibilityTimeoutSeconds');
    case 'workers[].timer':
      return `processing and restart times in ${c.tickSeconds} s ticks; set processingSeconds, restartSeconds or a coarser tickSeconds`;
    default:
      return undefined;
  }
}
