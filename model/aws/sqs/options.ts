/**
 * The sqs component's options, their validation, and the resolved configuration its reducer
 * and enabling code read: every default applied, the countdowns in ticks, the shared records
 * and the action objects built once (the hot path only picks them).
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import {
  changeMessageVisibility, copyDelivered, deleteMessage, processMessage, receiveMessage, sendMessage, sendResponseLost, workerCrash,
  workerRestart, type ChangeMessageVisibility, type CopyDelivered, type DeleteMessage, type ProcessMessage, type ReceiveMessage,
  type SendMessage, type SendResponseLost, type WorkerCrash, type WorkerRestart,
} from './actions.js';
import { IDLE_WORKER, sqsMessage, sqsState, sqsWorker, type SqsMessage, type SqsState, type SqsWorker } from './state.js';

/** The longest visibility timeout, counted from the receive (12 h). */
export const MAX_VISIBILITY_SECONDS = 43_200;
/** AWS defaults (seconds). */
export const SQS_DEFAULTS = {
  visibilityTimeoutSeconds: 30,
  retentionSeconds: 345_600,
  delaySeconds: 0,
  maxReceiveCount: 10,
} as const;

/** The FIFO deduplication interval: a send with a deduplication ID already sent within it is accepted, not delivered (fixed by AWS). */
export const DEDUPLICATION_INTERVAL_SECONDS = 300;

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise. */
export const SQS_DEFAULT_TICK_SECONDS = 10;

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
  /**
   * Standard queues: each message may be delivered once more after a receive or a delete
   * (`CopyDelivered`: a copy on a server that was unavailable, at-least-once delivery); default
   * true. `false` is an unsafe assumption (AWS promises at-least-once only); FIFO queues have none.
   */
  readonly inherentDuplicates?: boolean;
  /** `SendResponseLost` budget: SendMessage responses lost, each followed by the producer's retry; default 0. */
  readonly maxLostSendResponses?: number;
  /** How long after the first send the producer may still retry (its SDK's attempts and backoff, or a resend); default `Infinity`. */
  readonly producerRetrySeconds?: number;
  /** FIFO: the producer gives every attempt a new MessageDeduplicationId, so a retry is never deduplicated; default false. */
  readonly dedupIdPerAttempt?: boolean;
}

/** The action objects the enabling code pushes: per message, per worker, and per (worker, message) at `w * messages + m`. */
export interface SqsActionTables {
  readonly send: readonly SendMessage[];
  readonly receive: readonly ReceiveMessage[];
  readonly process: readonly ProcessMessage[];
  readonly delete: readonly DeleteMessage[];
  /** `ChangeMessageVisibility(w, visibilityTimeoutSeconds)`: a heartbeat. */
  readonly extend: readonly ChangeMessageVisibility[];
  /** `ChangeMessageVisibility(w, 0)`. */
  readonly release: readonly ChangeMessageVisibility[];
  readonly crash: readonly WorkerCrash[];
  readonly restart: readonly WorkerRestart[];
  /** Per message: `CopyDelivered(m)`. */
  readonly copy: readonly CopyDelivered[];
  /** Per message: `SendResponseLost(m)`. */
  readonly lost: readonly SendResponseLost[];
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface SqsConfig {
  readonly tickSeconds: number;
  /** Message count (indices 0..messages-1). */
  readonly messages: number;
  /** Worker count. */
  readonly workers: number;
  readonly maxCrashes: number;
  readonly visibilitySeconds: number;
  readonly processingSeconds: number;
  readonly restartSeconds: number;
  readonly retentionSeconds: number;
  readonly delaySeconds: number;
  readonly deleteOnReceive: boolean;
  /** A dead-letter queue with a redrive policy. */
  readonly dlq: boolean;
  readonly maxReceiveCount: number;
  readonly dlqRetentionSeconds: number;
  readonly fifo: boolean;
  readonly extendVisibility: boolean;
  readonly releaseVisibility: boolean;
  /** Per message: its processing always fails. */
  readonly poison: readonly boolean[];
  /** Per message: its FIFO message group. */
  readonly groups: readonly number[];
  /** Per worker: its zone; undefined without zones. */
  readonly workerAzs: readonly number[] | undefined;
  /** A standard queue whose messages may each be delivered once more (at-least-once). */
  readonly inherentDuplicates: boolean;
  /** `SendResponseLost` budget. */
  readonly maxLostResponses: number;
  readonly producerRetrySeconds: number;
  readonly dedupIdPerAttempt: boolean;
  /** The cap of a message's `copies`: its stray copy, plus one per retry that can be a new message. */
  readonly maxCopies: number;
  /** The cap of a message's `age` in ticks; 0: no retry depends on the time since the send (no clock). */
  readonly ageCap: number;
  /** A retry at `age` below this is deduplicated (FIFO, same deduplication ID, within the interval); 0: never. */
  readonly dedupAge: number;
  /** With the clock: a retry needs `age` below this (the producer's retry period); 0: any time. */
  readonly retryTicks: number;
  // Countdowns in ticks.
  readonly visTicks: number;
  readonly maxVisTicks: number;
  readonly procTicks: number;
  readonly restartTicks: number;
  readonly delayTicks: number;
  /** 0: retention not modelled. */
  readonly retentionTicks: number;
  /** 0: no DLQ, or its retention not modelled. */
  readonly dlqTicks: number;
  /** The cap of a message's receive count. */
  readonly receiveCap: number;
  /** Bounds every flush loop: per message at most a receive, a process and a delete (or a DLQ move). */
  readonly flushSteps: number;
  // Constant records and actions, built once: the hot path only picks them.
  /** A message just sent. */
  readonly sent: SqsMessage;
  /** A worker just crashed. */
  readonly downWorker: SqsWorker;
  /** Per message: the worker that just received it. */
  readonly busyWith: readonly SqsWorker[];
  readonly A: SqsActionTables;
}

/** Throws unless `v` is an integer in `lo..hi` (or, with `infinite`, `Infinity`). */
function checkRange(what: string, v: number, lo: number, hi: number, infinite = false): void {
  if (!infinite) return intIn('sqs', what, v, lo, hi);
  if (v !== Infinity && (!Number.isInteger(v) || v < lo || v > hi)) throw new Error(`sqs: ${what} must be an integer in ${lo}..${hi} or Infinity, got ${v}`);
}

/** Applies the defaults and validates `options` (throws `sqs: ...` on the first problem). */
export function resolveSqsOptions(options: SqsOptions): SqsConfig {
  checkOptions('sqs', options, SQS_OPTION_NAMES);
  const tickSeconds = options.tickSeconds ?? SQS_DEFAULT_TICK_SECONDS;
  const M = options.messages ?? 2;
  const W = options.workers ?? 2;
  const maxCrashes = options.maxCrashes ?? 1;
  const visibilitySeconds = options.visibilityTimeoutSeconds ?? SQS_DEFAULTS.visibilityTimeoutSeconds;
  const processingSeconds = options.processingSeconds ?? 0;
  const restartSeconds = options.restartSeconds ?? 0;
  const retentionSeconds = options.retentionSeconds ?? SQS_DEFAULTS.retentionSeconds;
  const delaySeconds = options.delaySeconds ?? SQS_DEFAULTS.delaySeconds;
  const dlq = options.deadLetterQueue ?? false;
  const maxReceiveCount = options.maxReceiveCount ?? SQS_DEFAULTS.maxReceiveCount;
  const dlqRetentionSeconds = options.dlqRetentionSeconds ?? SQS_DEFAULTS.retentionSeconds;
  const fifo = options.fifo ?? false;
  const workerAzs = options.workerAzs;
  const maxLostResponses = options.maxLostSendResponses ?? 0;
  const producerRetrySeconds = options.producerRetrySeconds ?? Infinity;
  const dedupIdPerAttempt = options.dedupIdPerAttempt ?? false;
  if (fifo && options.inherentDuplicates === true) throw new Error('sqs: inherentDuplicates is for standard queues; FIFO queues do not deliver a message twice by themselves');
  if (!fifo && dedupIdPerAttempt) throw new Error('sqs: dedupIdPerAttempt is for FIFO queues (standard queues have no deduplication ID)');
  const inherentDuplicates = !fifo && (options.inherentDuplicates ?? true);

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
  checkRange('maxLostSendResponses', maxLostResponses, 0, 64);
  checkRange('producerRetrySeconds', producerRetrySeconds, 1, 1_209_600, true);
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
  const procTicks = ticksFor(processingSeconds, tickSeconds);
  const restartTicks = ticksFor(restartSeconds, tickSeconds);
  const delayTicks = ticksFor(delaySeconds, tickSeconds);
  const retentionTicks = retentionSeconds === Infinity ? 0 : ticksFor(retentionSeconds, tickSeconds);
  const retry = retryTiming(fifo && !dedupIdPerAttempt, maxLostResponses, producerRetrySeconds, tickSeconds);
  const busyWith: SqsWorker[] = [];
  for (let m = 0; m < M; m++) busyWith.push(sqsWorker('busy', m, true, procTicks));

  return {
    tickSeconds,
    messages: M,
    workers: W,
    maxCrashes,
    visibilitySeconds,
    processingSeconds,
    restartSeconds,
    retentionSeconds,
    delaySeconds,
    deleteOnReceive: options.deleteOnReceive ?? false,
    dlq,
    maxReceiveCount,
    dlqRetentionSeconds,
    fifo,
    extendVisibility: options.extendVisibility ?? false,
    releaseVisibility: options.releaseVisibility ?? false,
    inherentDuplicates,
    maxLostResponses,
    producerRetrySeconds,
    dedupIdPerAttempt,
    maxCopies: (inherentDuplicates ? 1 : 0) + (retry.copies ? maxLostResponses : 0),
    ageCap: retry.ageCap,
    dedupAge: retry.dedupAge,
    retryTicks: retry.retryTicks,
    poison,
    groups,
    workerAzs,
    visTicks,
    maxVisTicks: ticksFor(MAX_VISIBILITY_SECONDS, tickSeconds),
    procTicks,
    restartTicks,
    delayTicks,
    retentionTicks,
    dlqTicks: !dlq || dlqRetentionSeconds === Infinity ? 0 : ticksFor(dlqRetentionSeconds, tickSeconds),
    receiveCap: dlq ? maxReceiveCount : 2,
    flushSteps: 3 * (M + 1),
    sent: sqsMessage(delayTicks > 0 ? 'delayed' : 'visible', delayTicks, retentionTicks, 0, 0, inherentDuplicates ? 1 : 0, 0),
    downWorker: sqsWorker('down', -1, false, restartTicks),
    busyWith,
    A: {
      send: Array.from({ length: M }, (_, m) => sendMessage(m)),
      receive: Array.from({ length: W * M }, (_, i) => receiveMessage(Math.floor(i / M), i % M)),
      process: Array.from({ length: W }, (_, w) => processMessage(w)),
      delete: Array.from({ length: W }, (_, w) => deleteMessage(w)),
      extend: Array.from({ length: W }, (_, w) => changeMessageVisibility(w, visibilitySeconds)),
      release: Array.from({ length: W }, (_, w) => changeMessageVisibility(w, 0)),
      crash: Array.from({ length: W }, (_, w) => workerCrash(w)),
      restart: Array.from({ length: W }, (_, w) => workerRestart(w)),
      copy: Array.from({ length: M }, (_, m) => copyDelivered(m)),
      lost: Array.from({ length: M }, (_, m) => sendResponseLost(m)),
    },
  };
}

/**
 * When a producer's retry is a new message, and what of the time since the send the state must
 * keep for it. A standard queue (or FIFO with a new deduplication ID per attempt) delivers every
 * retry: no clock. FIFO with one ID per message deduplicates a retry sent within the 5-minute
 * interval of the first send; a producer that gives up within those 5 minutes is always
 * deduplicated: no clock either. Otherwise each message keeps its age in ticks, up to the
 * producer's last retry (or the end of the interval if it never gives up). A tick boundary is
 * read on the side of the duplicate: age `a` is within the interval only if `(a + 1)` ticks are.
 */
function retryTiming(dedup: boolean, maxLost: number, retrySeconds: number, tickSeconds: number) {
  if (maxLost === 0) return { copies: false, ageCap: 0, dedupAge: 0, retryTicks: 0 };
  if (!dedup) return { copies: true, ageCap: 0, dedupAge: 0, retryTicks: 0 };
  if (retrySeconds <= DEDUPLICATION_INTERVAL_SECONDS) return { copies: false, ageCap: 0, dedupAge: 1, retryTicks: 0 };
  const dedupAge = Math.floor(DEDUPLICATION_INTERVAL_SECONDS / tickSeconds + 1e-9);
  const retryTicks = retrySeconds === Infinity ? 0 : ticksFor(retrySeconds, tickSeconds);
  return { copies: true, ageCap: retryTicks > 0 ? retryTicks : dedupAge, dedupAge, retryTicks };
}

/** The slice at the start: every message unsent, every worker idle, no crashes. */
export function initialSqs(c: SqsConfig): SqsState {
  return sqsState(
    Array.from({ length: c.messages }, () => sqsMessage('unsent', 0, 0, 0, 0, 0, 0)),
    Array.from({ length: c.workers }, () => IDLE_WORKER),
    0,
    0,
  );
}

/** Every option for the catalog, with its default (`tsc` checks the list against `SqsOptions`). */
export const SQS_PARAMETERS = parameterList<SqsOptions>({
  tickSeconds: { default: 10, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
  messages: { default: 2, unit: 'count', range: [1, 16], description: 'messages the producer sends' },
  workers: { default: 2, unit: 'count', range: [1, 16], description: 'consumer slots' },
  maxCrashes: { default: 1, unit: 'count', range: [0, 64], description: 'WorkerCrash budget' },
  visibilityTimeoutSeconds: { default: 30, unit: 's', range: [0, MAX_VISIBILITY_SECONDS], description: 'VisibilityTimeout' },
  processingSeconds: { default: 0, unit: 's', range: [0, 1_209_600], description: 'time a worker takes per message' },
  restartSeconds: { default: 0, unit: 's', range: [0, 1_209_600], description: 'time a crashed worker stays down' },
  retentionSeconds: { default: 345_600, unit: 's', range: [60, 1_209_600], description: 'MessageRetentionPeriod (Infinity: not modelled)' },
  delaySeconds: { default: 0, unit: 's', range: [0, 900], description: 'DelaySeconds' },
  deleteOnReceive: { default: false, unit: 'bool', range: ['true', 'false'], description: 'anti-pattern: delete before processing' },
  poisonMessages: { default: [], unit: 'messages', range: [0, 15], description: 'messages whose processing always fails' },
  deadLetterQueue: { default: false, unit: 'bool', range: ['true', 'false'], description: 'a dead-letter queue with a redrive policy' },
  maxReceiveCount: { default: 10, unit: 'count', range: [1, 1_000], description: 'redrive policy maxReceiveCount' },
  dlqRetentionSeconds: { default: 345_600, unit: 's', range: [60, 1_209_600], description: "the DLQ's MessageRetentionPeriod (Infinity: never expires)" },
  fifo: { default: false, unit: 'bool', range: ['true', 'false'], description: 'a FIFO queue (message-group order)' },
  messageGroups: { default: 'all 0', unit: 'list', range: [0, 15], description: 'FIFO message group per message' },
  workerAzs: { default: 'none', unit: 'zones', range: [0, 15], description: 'zone per worker (sqs then reduces AzOutage)' },
  extendVisibility: { default: false, unit: 'bool', range: ['true', 'false'], description: 'workers heartbeat ChangeMessageVisibility' },
  releaseVisibility: { default: false, unit: 'bool', range: ['true', 'false'], description: 'workers may release a message (visibility 0)' },
  inherentDuplicates: { default: 'true (standard)', unit: 'bool', range: ['true', 'false'], description: 'standard queue: a message may be delivered once more (at-least-once); false is unsafe' },
  maxLostSendResponses: { default: 0, unit: 'count', range: [0, 64], description: 'SendResponseLost budget (each followed by a producer retry)' },
  producerRetrySeconds: { default: 'Infinity', unit: 's', range: [1, 1_209_600], description: 'how long after the first send the producer may retry' },
  dedupIdPerAttempt: { default: false, unit: 'bool', range: ['true', 'false'], description: 'FIFO: a new deduplication ID per send attempt (retries never deduplicated)' },
});
const SQS_OPTION_NAMES = optionNames(SQS_PARAMETERS);
