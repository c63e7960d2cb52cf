/**
 * Reads of the sqs slice for properties (slice-level), and the component's name that locates
 * the slice. Re-exported by `sqs.ts` (import from there).
 */
import type { World } from '../../compose/component.js';
import type { MessageStatus, SqsState } from './index.js';

/** The sqs component's name: its slice is `world.sqs`. */
export const SQS = 'sqs';

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
