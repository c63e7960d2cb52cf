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
import { azUp } from '../az/index.js';
import { ticksFor, type Component, type ParameterInfo, type World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';
import {
  SQS_CONTROLS, SQS_FAULTS, SQS_OPS, changeMessageVisibility, deleteMessage, processMessage, receiveMessage, sendMessage,
  workerCrash, workerRestart, type SqsAction, type SqsSubscribed,
} from './actions.js';
import { SQS } from './reads.js';

export {
  SQS_CONTROLS, SQS_FAULTS, SQS_OPS, changeMessageVisibility, deleteMessage, processMessage, receiveMessage, sendMessage,
  workerCrash, workerRestart,
  type ChangeMessageVisibility, type DeleteMessage, type ProcessMessage, type ReceiveMessage, type SendMessage, type SqsAction,
  type SqsOp, type SqsSubscribed, type WorkerCrash, type WorkerRestart,
} from './actions.js';
export {
  SQS, isHeld, isLost, messagesSettled, noDuplicateProcessing, noLostMessage, someMessageIs, someRedelivered, someWorkerDown,
  sqsSlice,
} from './reads.js';

/** The longest visibility timeout, counted from the receive (12 h). */
export const MAX_VISIBILITY_SECONDS = 43_200;
/** AWS defaults (seconds). */
export const SQS_DEFAULTS = {
  visibilityTimeoutSeconds: 30,
  retentionSeconds: 345_600,
  delaySeconds: 0,
  maxReceiveCount: 10,
} as const;

export const MESSAGE_STATUSES = ['unsent', 'delayed', 'visible', 'inflight', 'deleted', 'deadLettered', 'expired'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const WORKER_STATUSES = ['idle', 'busy', 'done', 'down'] as const;
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
export type SqsWorker = Infer<ReturnType<typeof sqsWorkerSchema>>;

/** Schema of the sqs slice; `crashes` counts `WorkerCrash` against `maxCrashes`. */
export function sqsSchema(messages: number, workers: number, maxMessageTimer: number, maxTtl: number, maxReceives: number, maxWorkerTimer: number, maxCrashes: number) {
  return t.record('SqsState', {
    messages: t.array(sqsMessageSchema(maxMessageTimer, maxTtl, maxReceives), messages),
    workers: t.array(sqsWorkerSchema(messages, maxWorkerTimer), workers),
    crashes: t.int(0, maxCrashes),
  });
}
export type SqsState = Infer<ReturnType<typeof sqsSchema>>;

// ---- The component -----------------------------------------------------------------------

/** Parameters of the sqs component (times in seconds, AWS defaults where AWS has one). */
export interface SqsOptions {
  /** Seconds per `Tick`; default 10. */
  readonly tickSeconds?: number;
  /** Messages the producer sends (indices 0..messages-1); default 2. */
  readonly messages?: number;
  /** Consumer slots; default 2. */
  readonly workers?: number;
  /** `WorkerCrash` budget; default 1. */
  readonly maxCrashes?: number;
  /** VisibilityTimeout; default 30 (0..43,200). */
  readonly visibilityTimeoutSeconds?: number;
  /** How long a worker processes a message; default 0 (instant). */
  readonly processingSeconds?: number;
  /** How long a crashed worker stays down; default 0. */
  readonly restartSeconds?: number;
  /** MessageRetentionPeriod; default 345,600 (4 days); `Infinity` leaves retention out of the model. */
  readonly retentionSeconds?: number;
  /** DelaySeconds; default 0 (0..900). */
  readonly delaySeconds?: number;
  /** The anti-pattern: the worker deletes the message when it receives it (INV-SQS-1). */
  readonly deleteOnReceive?: boolean;
  /** Messages whose processing always fails (the worker abandons them undeleted). */
  readonly poisonMessages?: readonly number[];
  /** A dead-letter queue with a redrive policy; default false. */
  readonly deadLetterQueue?: boolean;
  /** Redrive policy maxReceiveCount (1..1,000; required by AWS, no default there); default 10. */
  readonly maxReceiveCount?: number;
  /** The DLQ's MessageRetentionPeriod; default 345,600; `Infinity`: never expires there. */
  readonly dlqRetentionSeconds?: number;
  /** A FIFO queue (message-group order); default false. */
  readonly fifo?: boolean;
  /** FIFO: the message group of each message; default all in group 0. */
  readonly messageGroups?: readonly number[];
  /** The zone of each worker; with it sqs reduces `AzOutage` (requires the az component). */
  readonly workerAzs?: readonly number[];
  /** Workers heartbeat: they extend a visibility timeout about to end while processing (ChangeMessageVisibility). */
  readonly extendVisibility?: boolean;
  /** Workers may release their message (visibility 0) instead of processing it. */
  readonly releaseVisibility?: boolean;
}

const IDLE_WORKER: SqsWorker = sqsWorker('idle', -1, false, 0);

/** The single factory of message records (one object shape). */
function sqsMessage(status: MessageStatus, timer: number, ttl: number, receives: number, processed: number): SqsMessage {
  return { status, timer, ttl, receives, processed };
}
/** The single factory of worker records. */
function sqsWorker(status: WorkerStatus, message: number, handleValid: boolean, timer: number): SqsWorker {
  return { status, message, handleValid, timer };
}
/** The single factory of sqs slices. */
function sqsState(messages: readonly SqsMessage[], workers: readonly SqsWorker[], crashes: number): SqsState {
  return { messages, workers, crashes };
}

/** Throws unless `v` is an integer in `lo..hi` (or, with `infinite`, `Infinity`). */
function checkRange(what: string, v: number, lo: number, hi: number, infinite = false): void {
  if (infinite && v === Infinity) return;
  if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`sqs: ${what} must be an integer in ${lo}..${hi}${infinite ? ' or Infinity' : ''}, got ${v}`);
}

/**
 * The SQS component: a queue, its producer and its consumer pool.
 *
 * @example
 * // The sqs-pool benchmark's early-delete bug: Send, Receive, WorkerCrash loses message 0.
 * const queue = sqs({ tickSeconds: 10, messages: 1, workers: 1, retentionSeconds: Infinity, deleteOnReceive: true });
 */
export function sqs(options: SqsOptions = {}): Component<SqsState, SqsSubscribed> {
  const tickSeconds = options.tickSeconds ?? 10;
  const M = options.messages ?? 2;
  const W = options.workers ?? 2;
  const maxCrashes = options.maxCrashes ?? 1;
  const visibilitySeconds = options.visibilityTimeoutSeconds ?? SQS_DEFAULTS.visibilityTimeoutSeconds;
  const processingSeconds = options.processingSeconds ?? 0;
  const restartSeconds = options.restartSeconds ?? 0;
  const retentionSeconds = options.retentionSeconds ?? SQS_DEFAULTS.retentionSeconds;
  const delaySeconds = options.delaySeconds ?? SQS_DEFAULTS.delaySeconds;
  const deleteOnReceive = options.deleteOnReceive ?? false;
  const dlq = options.deadLetterQueue ?? false;
  const maxReceiveCount = options.maxReceiveCount ?? SQS_DEFAULTS.maxReceiveCount;
  const dlqRetentionSeconds = options.dlqRetentionSeconds ?? SQS_DEFAULTS.retentionSeconds;
  const fifo = options.fifo ?? false;
  const extendVisibility = options.extendVisibility ?? false;
  const releaseVisibility = options.releaseVisibility ?? false;
  const workerAzs = options.workerAzs;

  if (!(tickSeconds > 0)) throw new Error(`sqs: tickSeconds must be positive, got ${tickSeconds}`);
  checkRange('messages', M, 1, 16);
  checkRange('workers', W, 1, 16);
  checkRange('maxCrashes', maxCrashes, 0, 64);
  checkRange('visibilityTimeoutSeconds', visibilitySeconds, 0, MAX_VISIBILITY_SECONDS);
  checkRange('processingSeconds', processingSeconds, 0, 1_209_600);
  checkRange('restartSeconds', restartSeconds, 0, 1_209_600);
  checkRange('retentionSeconds', retentionSeconds, 60, 1_209_600, true);
  checkRange('delaySeconds', delaySeconds, 0, 900);
  checkRange('maxReceiveCount', maxReceiveCount, 1, 1_000);
  checkRange('dlqRetentionSeconds', dlqRetentionSeconds, 60, 1_209_600, true);
  const poison: boolean[] = new Array<boolean>(M).fill(false);
  for (const m of options.poisonMessages ?? []) {
    checkRange('a poison message', m, 0, M - 1);
    poison[m] = true;
  }
  const groups = options.messageGroups ?? new Array<number>(M).fill(0);
  if (groups.length !== M) throw new Error(`sqs: messageGroups must list one group per message (${M}), got ${groups.length}`);
  if (workerAzs !== undefined) {
    if (workerAzs.length !== W) throw new Error(`sqs: workerAzs must list one zone per worker (${W}), got ${workerAzs.length}`);
    for (const z of workerAzs) checkRange('a worker zone', z, 0, 15);
  }

  const visTicks = ticksFor(visibilitySeconds, tickSeconds);
  const maxVisTicks = ticksFor(MAX_VISIBILITY_SECONDS, tickSeconds);
  const procTicks = ticksFor(processingSeconds, tickSeconds);
  const restartTicks = ticksFor(restartSeconds, tickSeconds);
  const delayTicks = ticksFor(delaySeconds, tickSeconds);
  const retentionTicks = retentionSeconds === Infinity ? 0 : ticksFor(retentionSeconds, tickSeconds);
  const dlqTicks = !dlq || dlqRetentionSeconds === Infinity ? 0 : ticksFor(dlqRetentionSeconds, tickSeconds);
  const receiveCap = dlq ? maxReceiveCount : 2;
  // Bounds every flush loop: per message at most a receive, a process and a delete (or a DLQ move).
  const flushSteps = 3 * (M + 1);

  // Constant records and actions, built once: the hot path only picks them.
  const sent = delayTicks > 0 ? sqsMessage('delayed', delayTicks, retentionTicks, 0, 0) : sqsMessage('visible', 0, retentionTicks, 0, 0);
  const downWorker = sqsWorker('down', -1, false, restartTicks);
  const busyWith: SqsWorker[] = [];
  for (let m = 0; m < M; m++) busyWith.push(sqsWorker('busy', m, true, procTicks));
  const A = {
    send: Array.from({ length: M }, (_, m) => sendMessage(m)),
    receive: Array.from({ length: W * M }, (_, i) => receiveMessage(Math.floor(i / M), i % M)),
    process: Array.from({ length: W }, (_, w) => processMessage(w)),
    delete: Array.from({ length: W }, (_, w) => deleteMessage(w)),
    extend: Array.from({ length: W }, (_, w) => changeMessageVisibility(w, visibilitySeconds)),
    release: Array.from({ length: W }, (_, w) => changeMessageVisibility(w, 0)),
    crash: Array.from({ length: W }, (_, w) => workerCrash(w)),
    restart: Array.from({ length: W }, (_, w) => workerRestart(w)),
  };
  const initial = sqsState(
    Array.from({ length: M }, () => sqsMessage('unsent', 0, 0, 0, 0)),
    Array.from({ length: W }, () => IDLE_WORKER),
    0,
  );

  function zoneUp(world: World, w: number): boolean {
    return workerAzs === undefined || azUp(world, workerAzs[w]);
  }
  /** Message `m` can be received now: visible and, FIFO, the oldest queued message of its group. */
  function receivable(ms: readonly SqsMessage[], m: number): boolean {
    if (ms[m].status !== 'visible') return false;
    if (!fifo) return true;
    for (let k = 0; k < m; k++) if (groups[k] === groups[m] && isQueued(ms[k].status)) return false;
    return true;
  }
  function firstReceivable(ms: readonly SqsMessage[]): number {
    for (let m = 0; m < M; m++) if (receivable(ms, m)) return m;
    return -1;
  }
  /** `x` moved to the DLQ: standard queues keep the enqueue clock, FIFO restarts it (INV-SQS-5). */
  function deadLettered(x: SqsMessage): SqsMessage {
    let ttl = 0; // 0: the DLQ's retention is not modelled (Infinity, or a standard source without retention)
    if (dlqTicks > 0) {
      if (fifo) ttl = dlqTicks;
      else if (x.ttl > 0) {
        ttl = x.ttl + dlqTicks - retentionTicks; // the DLQ's retention minus the message's age
        if (ttl <= 0) return sqsMessage('expired', 0, 0, x.receives, x.processed);
      }
    }
    return sqsMessage('deadLettered', 0, ttl, x.receives, x.processed);
  }

  // Step helpers: they edit fresh working copies `ms`/`ws` (never the input slice's arrays).
  function receiveInto(ms: SqsMessage[], ws: SqsWorker[], w: number, m: number): void {
    const x = ms[m];
    if (dlq && x.receives >= maxReceiveCount) {
      ms[m] = deadLettered(x);
      return;
    }
    const receives = x.receives < receiveCap ? x.receives + 1 : receiveCap;
    if (deleteOnReceive) ms[m] = sqsMessage('deleted', 0, 0, receives, x.processed);
    else if (visTicks === 0) ms[m] = sqsMessage('visible', 0, x.ttl, receives, x.processed);
    else ms[m] = sqsMessage('inflight', visTicks, x.ttl, receives, x.processed);
    // A new receipt handle: every earlier one for this message is stale now.
    for (let o = 0; o < W; o++) {
      const y = ws[o];
      if (y.message === m && y.handleValid) ws[o] = sqsWorker(y.status, m, false, y.timer);
    }
    ws[w] = busyWith[m];
  }
  function processInto(ms: SqsMessage[], ws: SqsWorker[], w: number): void {
    const y = ws[w];
    const m = y.message;
    if (poison[m]) {
      ws[w] = IDLE_WORKER; // processing failed: abandoned undeleted, visible again after the timeout
      return;
    }
    const x = ms[m];
    ms[m] = sqsMessage(x.status, x.timer, x.ttl, x.receives, x.processed < 2 ? x.processed + 1 : 2);
    ws[w] = deleteOnReceive ? IDLE_WORKER : sqsWorker('done', m, y.handleValid, 0);
  }
  function deleteInto(ms: SqsMessage[], ws: SqsWorker[], w: number): void {
    const y = ws[w];
    const x = ms[y.message];
    // A stale handle "succeeds" and deletes nothing (INV-SQS-3); so does a message gone to the DLQ or expired.
    if (y.handleValid && (x.status === 'visible' || x.status === 'inflight')) ms[y.message] = sqsMessage('deleted', 0, 0, x.receives, x.processed);
    ws[w] = IDLE_WORKER;
  }

  /** A heartbeating worker extends its message's visibility that is about to end, as far as the 12 h cap allows. */
  function heartbeat(ms: SqsMessage[], y: SqsWorker): void {
    const x = ms[y.message];
    if (!y.handleValid || x.status !== 'inflight' || x.timer !== 1) return;
    const timer = Math.min(visTicks, maxVisTicks - (procTicks - y.timer));
    if (timer > 1) ms[y.message] = sqsMessage('inflight', timer, x.ttl, x.receives, x.processed);
  }
  /** Something a Tick's flush would do: a worker due to restart, finish or delete, or an idle one with a message to receive. */
  function pendingWork(s: SqsState, world: World): boolean {
    const ws = s.workers;
    let idle = false;
    for (let w = 0; w < W; w++) {
      const y = ws[w];
      if (y.status === 'done' || (y.timer === 0 && (y.status === 'busy' || (y.status === 'down' && zoneUp(world, w))))) return true;
      if (y.status === 'idle') idle = true;
    }
    return idle && firstReceivable(s.messages) >= 0;
  }

  /** Tick, part 1: live workers do what needs no time (restart, finish, delete, receive). */
  function flush(ms: SqsMessage[], ws: SqsWorker[], world: World): void {
    for (let w = 0; w < W; w++) {
      if (ws[w].status === 'down') {
        if (ws[w].timer > 0 || !zoneUp(world, w)) continue;
        ws[w] = IDLE_WORKER;
      }
      for (let step = 0; step < flushSteps; step++) {
        const y = ws[w];
        if (y.status === 'busy') {
          if (y.timer > 0) {
            if (extendVisibility) heartbeat(ms, y);
            break;
          }
          processInto(ms, ws, w);
        } else if (y.status === 'done') {
          deleteInto(ms, ws, w);
        } else {
          const m = firstReceivable(ms);
          if (m < 0) break;
          receiveInto(ms, ws, w, m);
        }
      }
    }
  }
  /** Tick, part 2: every countdown moves one step. */
  function advance(ms: SqsMessage[], ws: SqsWorker[]): void {
    for (let m = 0; m < M; m++) {
      const x = ms[m];
      let status = x.status;
      let timer = x.timer;
      let ttl = x.ttl;
      if (timer > 0 && (status === 'delayed' || status === 'inflight')) {
        timer--;
        if (timer === 0) status = 'visible';
      }
      if (ttl > 0 && (isQueued(status) || status === 'deadLettered')) {
        ttl--;
        if (ttl === 0) {
          status = 'expired';
          timer = 0;
        }
      }
      if (status !== x.status || timer !== x.timer || ttl !== x.ttl) ms[m] = sqsMessage(status, timer, ttl, x.receives, x.processed);
    }
    for (let w = 0; w < W; w++) {
      const y = ws[w];
      if (y.timer > 0) ws[w] = sqsWorker(y.status, y.message, y.handleValid, y.timer - 1);
    }
  }

  /** `slice` with the working copies, or `slice` itself when nothing changed. */
  function commit(slice: SqsState, ms: SqsMessage[], ws: SqsWorker[], crashes: number): SqsState {
    if (crashes === slice.crashes && sameItems(ms, slice.messages) && sameItems(ws, slice.workers)) return slice;
    return sqsState(sameItems(ms, slice.messages) ? slice.messages : ms, sameItems(ws, slice.workers) ? slice.workers : ws, crashes);
  }

  function reduce(slice: SqsState, a: SqsSubscribed, world: World): SqsState {
    const ms = slice.messages.slice();
    const ws = slice.workers.slice();
    switch (a.type) {
      case 'SendMessage':
        ms[a.message] = sent;
        break;
      case 'ReceiveMessage':
        receiveInto(ms, ws, a.worker, a.message);
        break;
      case 'ProcessMessage':
        processInto(ms, ws, a.worker);
        break;
      case 'DeleteMessage':
        deleteInto(ms, ws, a.worker);
        break;
      case 'ChangeMessageVisibility': {
        const m = ws[a.worker].message;
        const x = ms[m];
        if (a.seconds === 0) {
          ms[m] = sqsMessage('visible', 0, x.ttl, x.receives, x.processed);
          ws[a.worker] = IDLE_WORKER;
        } else {
          ms[m] = sqsMessage('inflight', Math.min(ticksFor(a.seconds, tickSeconds), visTicks), x.ttl, x.receives, x.processed);
        }
        break;
      }
      case 'WorkerCrash':
        ws[a.worker] = downWorker;
        return commit(slice, ms, ws, slice.crashes + 1);
      case 'WorkerRestart':
        ws[a.worker] = IDLE_WORKER;
        break;
      case 'AzOutage':
        // The zone's workers crash with it (outside the crash budget: the az component has its own).
        for (let w = 0; w < W; w++) if (workerAzs !== undefined && workerAzs[w] === a.az && ws[w].status !== 'down') ws[w] = downWorker;
        break;
      case 'Tick':
        flush(ms, ws, world);
        advance(ms, ws);
        break;
      default:
        return assertNever(a);
    }
    return commit(slice, ms, ws, slice.crashes);
  }

  function actions(world: World, out: SqsAction[]): void {
    const s = world[SQS] as SqsState;
    const ms = s.messages;
    const ws = s.workers;
    for (let m = 0; m < M; m++) {
      if (ms[m].status === 'unsent' && (!fifo || m === 0 || ms[m - 1].status !== 'unsent')) out.push(A.send[m]);
    }
    const canCrash = s.crashes < maxCrashes;
    for (let w = 0; w < W; w++) {
      const y = ws[w];
      switch (y.status) {
        case 'idle':
          for (let m = 0; m < M; m++) if (receivable(ms, m)) out.push(A.receive[w * M + m]);
          break;
        case 'busy': {
          if (y.timer === 0) out.push(A.process[w]);
          const x = ms[y.message];
          if (y.handleValid && x.status === 'inflight') {
            if (extendVisibility && x.timer < visTicks && procTicks - y.timer + visTicks <= maxVisTicks) out.push(A.extend[w]);
            if (releaseVisibility) out.push(A.release[w]);
          }
          break;
        }
        case 'done':
          out.push(A.delete[w]);
          break;
        case 'down':
          if (y.timer === 0 && zoneUp(world, w)) out.push(A.restart[w]);
          break;
        default:
          assertNever(y.status);
      }
      if (canCrash && y.status !== 'down') out.push(A.crash[w]);
    }
  }

  /** A countdown runs, or a worker has something to do that the next Tick's flush would do. */
  function ticking(slice: SqsState, world: World): boolean {
    const ms = slice.messages;
    for (let m = 0; m < M; m++) {
      const x = ms[m];
      if (x.timer > 0 || x.ttl > 0) return true;
    }
    const ws = slice.workers;
    for (let w = 0; w < W; w++) if (ws[w].timer > 0) return true;
    return pendingWork(slice, world);
  }

  const subscribes: string[] = [...SQS_OPS, ...SQS_FAULTS, ...SQS_CONTROLS, 'Tick'];
  if (workerAzs !== undefined) subscribes.push('AzOutage');

  const parameters: ParameterInfo[] = [
    { name: 'tickSeconds', default: 10, unit: 's', range: [1, 86_400] },
    { name: 'messages', default: 2, unit: 'count', range: [1, 16], description: 'messages the producer sends' },
    { name: 'workers', default: 2, unit: 'count', range: [1, 16], description: 'consumer slots' },
    { name: 'maxCrashes', default: 1, unit: 'count', range: [0, 64], description: 'WorkerCrash budget' },
    { name: 'visibilityTimeoutSeconds', default: 30, unit: 's', range: [0, MAX_VISIBILITY_SECONDS] },
    { name: 'processingSeconds', default: 0, unit: 's', range: [0, 1_209_600], description: 'time a worker takes per message' },
    { name: 'restartSeconds', default: 0, unit: 's', range: [0, 1_209_600], description: 'time a crashed worker stays down' },
    { name: 'retentionSeconds', default: 345_600, unit: 's', range: [60, 1_209_600], description: 'MessageRetentionPeriod (Infinity: not modelled)' },
    { name: 'delaySeconds', default: 0, unit: 's', range: [0, 900] },
    { name: 'deleteOnReceive', default: false, unit: 'bool', range: ['true', 'false'], description: 'anti-pattern: delete before processing' },
    { name: 'poisonMessages', default: 'none', unit: 'list', range: [0, 15], description: 'messages whose processing always fails' },
    { name: 'deadLetterQueue', default: false, unit: 'bool', range: ['true', 'false'] },
    { name: 'maxReceiveCount', default: 10, unit: 'count', range: [1, 1_000], description: 'redrive policy' },
    { name: 'dlqRetentionSeconds', default: 345_600, unit: 's', range: [60, 1_209_600] },
    { name: 'fifo', default: false, unit: 'bool', range: ['true', 'false'] },
    { name: 'messageGroups', default: 'all 0', unit: 'list', range: [0, 15], description: 'FIFO message group per message' },
    { name: 'workerAzs', default: 'none', unit: 'list', range: [0, 15], description: 'zone per worker (reduces AzOutage)' },
    { name: 'extendVisibility', default: false, unit: 'bool', range: ['true', 'false'], description: 'workers heartbeat ChangeMessageVisibility' },
    { name: 'releaseVisibility', default: false, unit: 'bool', range: ['true', 'false'], description: 'workers may release a message (visibility 0)' },
  ];

  return {
    name: SQS,
    schema: sqsSchema(M, W, Math.max(visTicks, delayTicks), Math.max(retentionTicks, dlqTicks), receiveCap, Math.max(procTicks, restartTicks), maxCrashes),
    parameters,
    catalog: { op: SQS_OPS, fault: SQS_FAULTS, control: SQS_CONTROLS },
    subscribes,
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
    ticking,
  };
}

/** A message still in the source queue (delayed, visible or in flight). */
function isQueued(status: MessageStatus): boolean {
  return status === 'delayed' || status === 'visible' || status === 'inflight';
}
/** Same length and the same items by identity. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
