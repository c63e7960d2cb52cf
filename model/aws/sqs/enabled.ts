/**
 * What sqs enables in a world (its `actions`, in a fixed order: sends, then per worker its
 * own actions and its crash, then per message its copy delivery and its lost send response),
 * and when it needs time to pass (its `ticking`).
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { SqsAction } from './actions.js';
import type { SqsConfig } from './options.js';
import { copyDeliverable, firstReceivable, receivable, zoneUp } from './reads.js';
import { SQS, type SqsState } from './state.js';

/** Pushes every action sqs enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function sqsActions(c: SqsConfig, world: World, out: SqsAction[]): void {
  const s = world[SQS] as SqsState;
  const ms = s.messages;
  const ws = s.workers;
  const M = c.messages;
  const W = c.workers;
  const A = c.A;
  for (let m = 0; m < M; m++) {
    if (ms[m].status === 'unsent' && (!c.fifo || m === 0 || ms[m - 1].status !== 'unsent')) out.push(A.send[m]);
  }
  const canCrash = s.crashes < c.maxCrashes;
  for (let w = 0; w < W; w++) {
    const y = ws[w];
    switch (y.status) {
      case 'idle':
        for (let m = 0; m < M; m++) if (receivable(c, ms, m)) out.push(A.receive[w * M + m]);
        break;
      case 'busy': {
        if (y.timer === 0) out.push(A.process[w]);
        const x = ms[y.message];
        if (y.handleValid && x.status === 'inflight') {
          if (c.extendVisibility && x.timer < c.visTicks && c.procTicks - y.timer + c.visTicks <= c.maxVisTicks) out.push(A.extend[w]);
          if (c.releaseVisibility) out.push(A.release[w]);
        }
        break;
      }
      case 'done':
        out.push(A.delete[w]);
        break;
      case 'down':
        if (y.timer === 0 && zoneUp(c, world, w)) out.push(A.restart[w]);
        break;
      default:
        assertNever(y.status);
    }
    if (canCrash && y.status !== 'down') out.push(A.crash[w]);
  }
  if (c.maxCopies > 0) for (let m = 0; m < M; m++) if (copyDeliverable(c, ms[m])) out.push(A.copy[m]);
  if (s.lostResponses < c.maxLostResponses) {
    for (let m = 0; m < M; m++) {
      const x = ms[m];
      if (x.status !== 'unsent' && (c.retryTicks === 0 || x.age < c.retryTicks)) out.push(A.lost[m]);
    }
  }
}

/** A countdown runs, or a worker has something to do that the next Tick's flush would do. */
export function sqsTicking(c: SqsConfig, slice: SqsState, world: World): boolean {
  const ms = slice.messages;
  for (let m = 0; m < c.messages; m++) {
    const x = ms[m];
    if (x.timer > 0 || x.ttl > 0 || (x.age < c.ageCap && x.status !== 'unsent')) return true;
  }
  const ws = slice.workers;
  for (let w = 0; w < c.workers; w++) if (ws[w].timer > 0) return true;
  return pendingWork(c, slice, world);
}

/** Something a Tick's flush would do: a worker due to restart, finish or delete, or an idle one with a message to receive. */
function pendingWork(c: SqsConfig, s: SqsState, world: World): boolean {
  const ws = s.workers;
  let idle = false;
  for (let w = 0; w < c.workers; w++) {
    const y = ws[w];
    if (y.status === 'done' || (y.timer === 0 && (y.status === 'busy' || (y.status === 'down' && zoneUp(c, world, w))))) return true;
    if (y.status === 'idle') idle = true;
  }
  return idle && firstReceivable(c, s.messages) >= 0;
}
