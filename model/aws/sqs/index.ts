/**
 * Amazon SQS (aws-semantics §6): one standard or FIFO queue, its producer, and a small pool
 * of consumer slots ("workers") that receive, process and delete.
 *
 * Messages are indices `0..messages-1`; each is `unsent`, `delayed`, `visible`, `inflight`,
 * `deleted`, `deadLettered` or `expired`, with one countdown (`timer`: the delay or the
 * visibility timeout), a retention countdown (`ttl`), a capped receive count, a capped
 * processed count (0, 1, 2+), the other copies of it that can still be delivered (`copies`)
 * and, where a FIFO deduplication interval needs it, its age since the first send. A worker
 * is `idle`, `busy` (holding a message, `timer` ticks of processing left), `done` (processed,
 * about to delete) or `down` (`timer` ticks to restart).
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
 * - At-least-once delivery, with no fault: SQS keeps each message on several servers, and a
 *   copy on a server unavailable during a receive or a delete is neither hidden nor deleted,
 *   and is delivered again ([Q2]; AWS developer guide, "Amazon SQS at-least-once delivery",
 *   standard-queues-at-least-once-delivery.html). On a standard queue each message may so be
 *   delivered once more (`CopyDelivered`, on by default; `inherentDuplicates: false` is an
 *   unsafe assumption): while it is in flight or after it was deleted, it is visible again,
 *   and the handles of the earlier receive no longer reach it. One per message bounds the
 *   state space. It is an op, not a fault: it is the queue's contract, so `maxFaults: 0` keeps
 *   it; and a control action would be forced on every path of a `recovers` check.
 * - Producer retries: a lost SendMessage response (`SendResponseLost`, a fault: a network
 *   failure, budget `maxLostSendResponses`, default 0) makes the producer send the message
 *   again: another copy, delivered after the first was received (two queued copies of one
 *   body are one visible message until one is received); on a FIFO queue only once the first
 *   is deleted (the retry is later in its group).
 * - FIFO deduplication (INV-SQS-7; [Q9][Q10]; AWS, "Exactly-once processing", "Using the
 *   message deduplication ID"): a send whose deduplication ID was sent less than 5 minutes
 *   before is accepted and not delivered, even if the first copy was received and deleted; after
 *   the interval it is a new message. So a retry within `producerRetrySeconds` of the first send
 *   is harmless when that is at most 5 minutes, and may duplicate when the producer retries
 *   longer (the age is counted in ticks, a tick straddling the end of the interval on the side
 *   of the duplicate), or gives each attempt a new ID (`dedupIdPerAttempt`). FIFO queues have no
 *   duplicates of their own.
 *
 * Time and prompt workers: a `Tick` first lets every live worker do what it can without
 * time passing (restart when due, finish due processing and delete, receive visible
 * messages, lowest worker and message first; with `extendVisibility`, heartbeat a visibility
 * timeout about to end as far as the 12 h cap allows), then moves every countdown one step.
 * `Tick` is enabled while a countdown runs or a worker has such work pending. Between
 * ticks the explicit actions interleave freely (another worker receiving, a crash between
 * processing and deleting). So the visibility timeout never ends during a processing that is
 * shorter, while processing as long as the timeout or longer duplicates with no fault
 * (INV-SQS-2), and a live worker never lets a visible message age unreceived.
 *
 * Zones: with `workerAzs`, `AzOutage(z)` (from the az component) crashes the workers in zone
 * `z` (outside the crash budget), and they restart only once the zone is up again.
 *
 * Not modelled: more than one copy of its own per message (one suffices to duplicate); a
 * copy's own enqueue time after a delete (it gets the whole retention period, the longest it
 * can live) and the DelaySeconds of a retry (a copy is delivered at any later time anyway);
 * copies of a message that expired or was dead-lettered; a retry's copy overtaking later
 * messages of its FIFO group (it is received in its index's place); the interval of a retry's
 * own deduplication ID (a second late retry duplicates again); batches, long polling,
 * in-flight caps, redrive.
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): every sqs action is data. SendMessage,
 * ReceiveMessage, DeleteMessage and ChangeMessageVisibility are SQS's message API, its
 * primary function (where "describing an Amazon SQS queue" is the whitepaper's control-plane
 * example [CP1]); processing, the copies the queue delivers, and the workers' crashes and
 * restarts (a process on its instance) involve no AWS API. So a queue keeps its messages
 * moving while the control plane is impaired.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { SQS_CONTROLS, SQS_FAULTS, SQS_OPS, type SqsAction, type SqsSubscribed } from './actions.js';
import { sqsActions, sqsTicking } from './enabled.js';
import { SQS_PARAMETERS, initialSqs, resolveSqsOptions, type SqsConfig, type SqsOptions, SQS_DEFAULT_TICK_SECONDS } from './options.js';
import { packedSqs } from './packed.js';
import { reduceSqs } from './reduce.js';
import { regionUp } from '../region/index.js';
import { SQS, sqsSchema, type SqsState } from './state.js';

export {
  SQS_CONTROLS, SQS_FAULTS, SQS_OPS, changeMessageVisibility, copyDelivered, deleteMessage, processMessage, receiveMessage,
  sendMessage, sendResponseLost, workerCrash, workerRestart,
  type ChangeMessageVisibility, type CopyDelivered, type DeleteMessage, type ProcessMessage, type ReceiveMessage, type SendMessage,
  type SendResponseLost, type SqsAction, type SqsOp, type SqsSubscribed, type WorkerCrash, type WorkerRestart,
} from './actions.js';
export { DEDUPLICATION_INTERVAL_SECONDS, MAX_VISIBILITY_SECONDS, SQS_DEFAULTS, type SqsOptions } from './options.js';
export {
  isHeld, isLost, messagesSettled, noDuplicateProcessing, noLostMessage, someMessageIs, someProcessedRequeued, someRedelivered,
  someSendRetried, someWorkerDown, sqsSlice,
} from './reads.js';
export {
  MESSAGE_STATUSES, SQS, WORKER_STATUSES, sqsMessageSchema, sqsSchema, sqsWorkerSchema,
  type MessageStatus, type SqsBounds, type SqsMessage, type SqsState, type SqsWorker, type WorkerStatus,
} from './state.js';

/** Each action's plane (see the module comment). */
const SQS_PLANES: Readonly<Record<SqsAction['type'], Plane>> = {
  SendMessage: 'data', ReceiveMessage: 'data', ProcessMessage: 'data', DeleteMessage: 'data', ChangeMessageVisibility: 'data', CopyDelivered: 'data',
  WorkerCrash: 'data', SendResponseLost: 'data', WorkerRestart: 'data',
};

/**
 * The SQS component: a queue, its producer and its consumer pool.
 *
 * @example
 * // The sqs-pool benchmark's early-delete bug: Send, Receive, WorkerCrash loses message 0.
 * const queue = sqs({ tickSeconds: 10, messages: 1, workers: 1, retentionSeconds: Infinity, deleteOnReceive: true });
 */
export function sqs<const N extends string>(options: SqsOptions & InstanceOptions<N> & { readonly name: N }): Component<SqsState, SqsSubscribed, N>;
export function sqs(options?: SqsOptions & InstanceOptions<'sqs'>): Component<SqsState, SqsSubscribed, 'sqs'>;
export function sqs(options: SqsOptions & InstanceOptions = {}): Component<SqsState, SqsSubscribed, string> {
  return instance(sqsComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `sqs` makes it the instance its options name. */
function sqsComponent(options: SqsOptions): Component<SqsState, SqsSubscribed, 'sqs'> {
  const c = resolveSqsOptions(options);
  const initial = initialSqs(c);
  const subscribes: string[] = [...SQS_OPS, ...SQS_FAULTS, ...SQS_CONTROLS, 'Tick'];
  if (c.workerAzs !== undefined) subscribes.push('AzOutage');

  return {
    name: SQS,
    schema: sqsSchema({
      messages: c.messages,
      workers: c.workers,
      maxMessageTimer: Math.max(c.visTicks, c.delayTicks),
      maxTtl: Math.max(c.retentionTicks, c.dlqTicks),
      maxReceives: c.receiveCap,
      maxWorkerTimer: Math.max(c.procTicks, c.restartTicks),
      maxCrashes: c.maxCrashes,
      maxCopies: c.maxCopies,
      maxAge: c.ageCap,
      maxLostResponses: c.maxLostResponses,
      ...(symmetricWorkers(c) ? { workerSlots: c.workerAzs !== undefined ? { groups: c.workerAzs } : {} } : {}),
    }),
    parameters: SQS_PARAMETERS,
    catalog: { op: SQS_OPS, fault: SQS_FAULTS, control: SQS_CONTROLS, plane: SQS_PLANES },
    subscribes,
    tickSeconds: options.tickSeconds ?? SQS_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => sqs({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => sqsActions(c, world, out as SqsAction[]),
    reduce: (slice, a, world) => reduceSqs(c, slice, a, world),
    ticking: (slice, world) => sqsTicking(c, slice, world),
    packed: (layout) => packedSqs(c, layout),
    // SQS is a Regional service, redundant across zones: only its Region's outage takes it down
    // (model/aws/region; "Amazon SQS ... stores messages across multiple Availability Zones" in one Region).
    // Without a region component, always available. Sends and receives in a down Region are not yet gated.
    available: (_slice, world) => regionUp(world),
    explainField: (field) => explainSqsField(c, field),
  };
}

/**
 * Whether the workers are interchangeable (within a zone: an AzOutage names a zone, not a
 * worker), so that the schema may declare them a slot set. Nothing in the slice names a worker,
 * every read quantifies over all of them, and each action on one worker acts alike on any
 * other. A Tick's flush goes through the workers in index order, yet reaches a permutation of
 * the same slice in any order as long as a worker holding a valid receipt handle never sees
 * its message visible: then no worker's receive can make another's delete fail. A copy makes
 * the holders' handles stale when it is delivered, a release leaves the worker idle, and the
 * visibility timeout cannot end while the message is held if processing is shorter than it
 * (the holder processes and deletes at the latest in the flush before the timeout's last tick).
 * Processing as long as the timeout or longer (the duplicate of INV-SQS-2) breaks it: one
 * order deletes the message, the other lets a second worker receive it first. Checked state by
 * state in test/model/symmetry-sqs.test.ts.
 */
function symmetricWorkers(c: SqsConfig): boolean {
  return c.procTicks < c.visTicks;
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
    case 'messages[].age':
      return `time since the first send, up to the producer's retries (producerRetrySeconds ${c.producerRetrySeconds.toLocaleString('en-US')}) past the 5-minute deduplication interval, in ${c.tickSeconds} s ticks; a producerRetrySeconds of 300 or less needs no clock, or set a coarser tickSeconds`;
    case 'workers[].timer':
      return `processing and restart times in ${c.tickSeconds} s ticks; set processingSeconds, restartSeconds or a coarser tickSeconds`;
    default:
      return undefined;
  }
}
