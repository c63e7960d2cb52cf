/**
 * The sqs reducer: every case edits fresh working copies of the message and worker arrays,
 * then `commit` returns the new slice, or `slice` itself when nothing changed.
 */
import { ticksFor, type World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { ChangeMessageVisibility, SqsSubscribed } from './actions.js';
import type { SqsConfig } from './options.js';
import { deleteInto, processInto, receiveInto, staleHandles } from './reduce-steps.js';
import { tickInto } from './reduce-tick.js';
import { IDLE_WORKER, sqsMessage, sqsState, type SqsMessage, type SqsState, type SqsWorker } from './state.js';

/** The slice after `a` (`world`, the world before it, gives the zones for a Tick's restarts). */
export function reduceSqs(c: SqsConfig, slice: SqsState, a: SqsSubscribed, world: World): SqsState {
  const ms = slice.messages.slice();
  const ws = slice.workers.slice();
  switch (a.type) {
    case 'SendMessage':
      ms[a.message] = c.sent;
      break;
    case 'ReceiveMessage':
      receiveInto(c, ms, ws, a.worker, a.message);
      break;
    case 'ProcessMessage':
      processInto(c, ms, ws, a.worker);
      break;
    case 'DeleteMessage':
      deleteInto(ms, ws, a.worker);
      break;
    case 'ChangeMessageVisibility':
      changeVisibilityInto(c, ms, ws, a);
      break;
    case 'WorkerCrash':
      ws[a.worker] = c.downWorker;
      return commit(slice, ms, ws, slice.crashes + 1, slice.lostResponses);
    case 'CopyDelivered':
      copyInto(c, ms, ws, a.message);
      break;
    case 'SendResponseLost':
      retryInto(c, ms, a.message);
      return commit(slice, ms, ws, slice.crashes, slice.lostResponses + 1);
    case 'WorkerRestart':
      ws[a.worker] = IDLE_WORKER;
      break;
    case 'AzOutage':
      zoneOutageInto(c, ws, a.az);
      break;
    case 'Tick':
      tickInto(c, ms, ws, world);
      break;
    default:
      return assertNever(a);
  }
  return commit(slice, ms, ws, slice.crashes, slice.lostResponses);
}

/**
 * Another copy of message `m` is delivered: the message is visible again (a copy is its own
 * message, so the handles of the one in flight or deleted no longer reach it: they go stale).
 * Its retention: kept from the one in flight; after a delete (which drops it from the state) the
 * whole period, the longest the copy can live.
 */
function copyInto(c: SqsConfig, ms: SqsMessage[], ws: SqsWorker[], m: number): void {
  const x = ms[m];
  const ttl = x.status === 'inflight' ? x.ttl : c.retentionTicks;
  ms[m] = sqsMessage('visible', 0, ttl, x.receives, x.processed, x.copies - 1, x.age);
  staleHandles(c, ws, m);
}

/** The producer sends message `m` again: a new copy, unless FIFO deduplicates it (same ID, within the interval). */
function retryInto(c: SqsConfig, ms: SqsMessage[], m: number): void {
  const x = ms[m];
  if (x.age < c.dedupAge) return; // accepted, not delivered
  ms[m] = sqsMessage(x.status, x.timer, x.ttl, x.receives, x.processed, x.copies + 1, x.age);
}

/** Visibility 0 releases the message at once (the worker lets go); V restarts the timeout from now. */
function changeVisibilityInto(c: SqsConfig, ms: SqsMessage[], ws: SqsWorker[], a: ChangeMessageVisibility): void {
  const m = ws[a.worker].message;
  const x = ms[m];
  if (a.seconds === 0) {
    ms[m] = sqsMessage('visible', 0, x.ttl, x.receives, x.processed, x.copies, x.age);
    ws[a.worker] = IDLE_WORKER;
  } else {
    ms[m] = sqsMessage('inflight', Math.min(ticksFor(a.seconds, c.tickSeconds), c.visTicks), x.ttl, x.receives, x.processed, x.copies, x.age);
  }
}

/** The zone's workers crash with it (outside the crash budget: the az component has its own). */
function zoneOutageInto(c: SqsConfig, ws: SqsWorker[], az: number): void {
  const workerAzs = c.workerAzs;
  for (let w = 0; w < c.workers; w++) if (workerAzs !== undefined && workerAzs[w] === az && ws[w].status !== 'down') ws[w] = c.downWorker;
}

/** `slice` with the working copies, or `slice` itself when nothing changed. */
function commit(slice: SqsState, ms: SqsMessage[], ws: SqsWorker[], crashes: number, lostResponses: number): SqsState {
  const sameMs = sameItems(ms, slice.messages);
  const sameWs = sameItems(ws, slice.workers);
  if (crashes === slice.crashes && lostResponses === slice.lostResponses && sameMs && sameWs) return slice;
  return sqsState(sameMs ? slice.messages : ms, sameWs ? slice.workers : ws, crashes, lostResponses);
}

/** Same length and the same items by identity. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
