/**
 * Reads of the sqs slice for properties (slice-level; re-exported by `index.ts`, import from
 * there), and the reads the reducer and the enabling code share (which message a worker can
 * receive, whether a worker's zone is up).
 */
import type { World } from '../../compose/component.js';
import { azUp } from '../az/index.js';
import type { SqsConfig } from './options.js';
import { SQS, isQueued, type MessageStatus, type SqsMessage, type SqsState } from './state.js';

/** The sqs slice of `world`. */
export function sqsSlice(world: World): SqsState {
  return world[SQS] as SqsState;
}
/** Some live worker holds message `m` and will still process it (busy with it). */
export function isHeld(s: SqsState, m: number): boolean {
  const ws = s.workers;
  for (let w = 0; w < ws.length; w++) if (ws[w].status === 'busy' && ws[w].message === m) return true;
  return false;
}
/** Message `m` is gone (deleted or expired) without ever being processed, and no worker will process it. */
export function isLost(s: SqsState, m: number): boolean {
  const x = s.messages[m];
  return (x.status === 'deleted' || x.status === 'expired') && x.processed === 0 && !isHeld(s, m);
}
/** NoLostMessage: every sent message is processed, queued, in flight, held, or dead-lettered. */
export function noLostMessage(s: SqsState): boolean {
  for (let m = 0; m < s.messages.length; m++) if (isLost(s, m)) return false;
  return true;
}
/** NoDuplicateProcessing: no message was processed twice. */
export function noDuplicateProcessing(s: SqsState): boolean {
  const ms = s.messages;
  for (let m = 0; m < ms.length; m++) if (ms[m].processed > 1) return false;
  return true;
}
/** Every sent message has ended processed or dead-lettered (the goal of `NoEndlessRedelivery`). */
export function messagesSettled(s: SqsState): boolean {
  const ms = s.messages;
  for (let m = 0; m < ms.length; m++) {
    const x = ms[m];
    if (x.status !== 'unsent' && x.processed === 0 && x.status !== 'deadLettered') return false;
  }
  return true;
}
/** Some message was received more than once (redelivered). */
export function someRedelivered(s: SqsState): boolean {
  for (const x of s.messages) if (x.receives > 1) return true;
  return false;
}
/** Some worker is down. */
export function someWorkerDown(s: SqsState): boolean {
  for (const w of s.workers) if (w.status === 'down') return true;
  return false;
}
/** Some message has status `status`. */
export function someMessageIs(s: SqsState, status: MessageStatus): boolean {
  for (const x of s.messages) if (x.status === status) return true;
  return false;
}

/** A processed message is queued again (visible): a copy delivered, or a redelivery after its worker never deleted it. */
export function someProcessedRequeued(s: SqsState): boolean {
  for (const x of s.messages) if (x.processed > 0 && x.status === 'visible') return true;
  return false;
}
/** Some SendMessage response was lost (and the producer retried). */
export function someSendRetried(s: SqsState): boolean {
  return s.lostResponses > 0;
}

// ---- Shared by the reducer and the enabling code ---------------------------------------

/** Worker `w`'s zone is up (always, without `workerAzs`). */
export function zoneUp(c: SqsConfig, world: World, w: number): boolean {
  return c.workerAzs === undefined || azUp(world, c.workerAzs[w]);
}
/** Message `m` can be received now: visible and, FIFO, the oldest queued message of its group. */
export function receivable(c: SqsConfig, ms: readonly SqsMessage[], m: number): boolean {
  if (ms[m].status !== 'visible') return false;
  if (!c.fifo) return true;
  const groups = c.groups;
  for (let k = 0; k < m; k++) if (groups[k] === groups[m] && isQueued(ms[k].status)) return false;
  return true;
}
/**
 * Another copy of `x` can be delivered now: one is left, and the message was received (a copy
 * queued beside an unreceived one is the same visible message until one of them is received).
 * Standard queues deliver it while the first is in flight or after it was deleted; in a FIFO
 * queue a retry's copy comes after the first in its group, so only once the first is deleted.
 */
export function copyDeliverable(c: SqsConfig, x: SqsMessage): boolean {
  return x.copies > 0 && (x.status === 'deleted' || (x.status === 'inflight' && !c.fifo));
}
/** The lowest receivable message, or -1. */
export function firstReceivable(c: SqsConfig, ms: readonly SqsMessage[]): number {
  for (let m = 0; m < c.messages; m++) if (receivable(c, ms, m)) return m;
  return -1;
}
