/**
 * The sqs reducer: every case edits fresh working copies of the message and worker arrays,
 * then `commit` returns the new slice, or `slice` itself when nothing changed.
 */
import { ticksFor, type World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { ChangeMessageVisibility, SqsSubscribed } from './actions.js';
import type { SqsConfig } from './options.js';
import { deleteInto, processInto, receiveInto } from './reduce-steps.js';
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
      return commit(slice, ms, ws, slice.crashes + 1);
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
  return commit(slice, ms, ws, slice.crashes);
}

/** Visibility 0 releases the message at once (the worker lets go); V restarts the timeout from now. */
function changeVisibilityInto(c: SqsConfig, ms: SqsMessage[], ws: SqsWorker[], a: ChangeMessageVisibility): void {
  const m = ws[a.worker].message;
  const x = ms[m];
  if (a.seconds === 0) {
    ms[m] = sqsMessage('visible', 0, x.ttl, x.receives, x.processed);
    ws[a.worker] = IDLE_WORKER;
  } else {
    ms[m] = sqsMessage('inflight', Math.min(ticksFor(a.seconds, c.tickSeconds), c.visTicks), x.ttl, x.receives, x.processed);
  }
}

/** The zone's workers crash with it (outside the crash budget: the az component has its own). */
function zoneOutageInto(c: SqsConfig, ws: SqsWorker[], az: number): void {
  const workerAzs = c.workerAzs;
  for (let w = 0; w < c.workers; w++) if (workerAzs !== undefined && workerAzs[w] === az && ws[w].status !== 'down') ws[w] = c.downWorker;
}

/** `slice` with the working copies, or `slice` itself when nothing changed. */
function commit(slice: SqsState, ms: SqsMessage[], ws: SqsWorker[], crashes: number): SqsState {
  if (crashes === slice.crashes && sameItems(ms, slice.messages) && sameItems(ws, slice.workers)) return slice;
  return sqsState(sameItems(ms, slice.messages) ? slice.messages : ms, sameItems(ws, slice.workers) ? slice.workers : ws, crashes);
}

/** Same length and the same items by identity. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
