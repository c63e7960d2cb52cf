/**
 * The worker steps both the explicit actions and a Tick's flush take: receive, process,
 * delete. They edit fresh working copies `ms`/`ws` (never the input slice's arrays).
 */
import type { SqsConfig } from './options.js';
import { IDLE_WORKER, sqsMessage, sqsWorker, type SqsMessage, type SqsWorker } from './state.js';

/** `x` moved to the DLQ: standard queues keep the enqueue clock, FIFO restarts it (INV-SQS-5). */
function deadLettered(c: SqsConfig, x: SqsMessage): SqsMessage {
  let ttl = 0; // 0: the DLQ's retention is not modelled (Infinity, or a standard source without retention)
  if (c.dlqTicks > 0) {
    if (c.fifo) ttl = c.dlqTicks;
    else if (x.ttl > 0) {
      ttl = x.ttl + c.dlqTicks - c.retentionTicks; // the DLQ's retention minus the message's age
      if (ttl <= 0) return sqsMessage('expired', 0, 0, x.receives, x.processed, x.copies, x.age);
    }
  }
  return sqsMessage('deadLettered', 0, ttl, x.receives, x.processed, x.copies, x.age);
}

/** Worker `w` receives message `m` (past maxReceiveCount with a DLQ: `m` moves there instead). */
export function receiveInto(c: SqsConfig, ms: SqsMessage[], ws: SqsWorker[], w: number, m: number): void {
  const x = ms[m];
  if (c.dlq && x.receives >= c.maxReceiveCount) {
    ms[m] = deadLettered(c, x);
    return;
  }
  const receiveCap = c.receiveCap;
  const receives = x.receives < receiveCap ? x.receives + 1 : receiveCap;
  if (c.deleteOnReceive) ms[m] = sqsMessage('deleted', 0, 0, receives, x.processed, x.copies, x.age);
  else if (c.visTicks === 0) ms[m] = sqsMessage('visible', 0, x.ttl, receives, x.processed, x.copies, x.age);
  else ms[m] = sqsMessage('inflight', c.visTicks, x.ttl, receives, x.processed, x.copies, x.age);
  // A new receipt handle: every earlier one for this message is stale now.
  staleHandles(c, ws, m);
  ws[w] = c.busyWith[m];
}

/** Every valid receipt handle of message `m` goes stale (its holders' deletes will delete nothing). */
export function staleHandles(c: SqsConfig, ws: SqsWorker[], m: number): void {
  for (let o = 0; o < c.workers; o++) {
    const y = ws[o];
    if (y.message === m && y.handleValid) ws[o] = sqsWorker(y.status, m, false, y.timer);
  }
}

/** Worker `w` finishes processing its message (a poison message is abandoned instead). */
export function processInto(c: SqsConfig, ms: SqsMessage[], ws: SqsWorker[], w: number): void {
  const y = ws[w];
  const m = y.message;
  if (c.poison[m]) {
    ws[w] = IDLE_WORKER; // processing failed: abandoned undeleted, visible again after the timeout
    return;
  }
  const x = ms[m];
  ms[m] = sqsMessage(x.status, x.timer, x.ttl, x.receives, x.processed < 2 ? x.processed + 1 : 2, x.copies, x.age);
  ws[w] = c.deleteOnReceive ? IDLE_WORKER : sqsWorker('done', m, y.handleValid, 0);
}

/** Worker `w` deletes its processed message with its receipt handle, and is idle again. */
export function deleteInto(ms: SqsMessage[], ws: SqsWorker[], w: number): void {
  const y = ws[w];
  const x = ms[y.message];
  // A stale handle "succeeds" and deletes nothing (INV-SQS-3); so does a message gone to the DLQ or expired.
  if (y.handleValid && (x.status === 'visible' || x.status === 'inflight')) ms[y.message] = sqsMessage('deleted', 0, 0, x.receives, x.processed, x.copies, x.age);
  ws[w] = IDLE_WORKER;
}
