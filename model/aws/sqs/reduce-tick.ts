/**
 * A `Tick` with prompt workers: first every live worker does what it can without time passing
 * (restart when due, finish due processing and delete, receive visible messages, lowest
 * worker and message first; with `extendVisibility`, heartbeat a visibility timeout about to
 * end), then every countdown moves one step.
 */
import type { World } from '../../compose/component.js';
import type { SqsConfig } from './options.js';
import { firstReceivable, zoneUp } from './reads.js';
import { deleteInto, processInto, receiveInto } from './reduce-steps.js';
import { IDLE_WORKER, isQueued, sqsMessage, sqsWorker, type SqsMessage, type SqsWorker } from './state.js';

/** A Tick on the working copies `ms`/`ws`: the flush, then the countdowns. */
export function tickInto(c: SqsConfig, ms: SqsMessage[], ws: SqsWorker[], world: World): void {
  flush(c, ms, ws, world);
  advance(c, ms, ws);
}

/** A heartbeating worker extends its message's visibility that is about to end, as far as the 12 h cap allows. */
function heartbeat(c: SqsConfig, ms: SqsMessage[], y: SqsWorker): void {
  const x = ms[y.message];
  if (!y.handleValid || x.status !== 'inflight' || x.timer !== 1) return;
  const timer = Math.min(c.visTicks, c.maxVisTicks - (c.procTicks - y.timer));
  if (timer > 1) ms[y.message] = sqsMessage('inflight', timer, x.ttl, x.receives, x.processed, x.copies, x.age);
}

/** Tick, part 1: live workers do what needs no time (restart, finish, delete, receive). */
function flush(c: SqsConfig, ms: SqsMessage[], ws: SqsWorker[], world: World): void {
  const W = c.workers;
  const flushSteps = c.flushSteps;
  for (let w = 0; w < W; w++) {
    if (ws[w].status === 'down') {
      if (ws[w].timer > 0 || !zoneUp(c, world, w)) continue;
      ws[w] = IDLE_WORKER;
    }
    for (let step = 0; step < flushSteps; step++) {
      const y = ws[w];
      if (y.status === 'busy') {
        if (y.timer > 0) {
          if (c.extendVisibility) heartbeat(c, ms, y);
          break;
        }
        processInto(c, ms, ws, w);
      } else if (y.status === 'done') {
        deleteInto(ms, ws, w);
      } else {
        const m = firstReceivable(c, ms);
        if (m < 0) break;
        receiveInto(c, ms, ws, w, m);
      }
    }
  }
}

/** Tick, part 2: every countdown moves one step, and every sent message ages (up to the cap the retries need). */
function advance(c: SqsConfig, ms: SqsMessage[], ws: SqsWorker[]): void {
  const M = c.messages;
  const W = c.workers;
  const ageCap = c.ageCap;
  for (let m = 0; m < M; m++) {
    const x = ms[m];
    let status = x.status;
    let timer = x.timer;
    let ttl = x.ttl;
    const age = x.age < ageCap && status !== 'unsent' ? x.age + 1 : x.age;
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
    if (status !== x.status || timer !== x.timer || ttl !== x.ttl || age !== x.age) ms[m] = sqsMessage(status, timer, ttl, x.receives, x.processed, x.copies, age);
  }
  for (let w = 0; w < W; w++) {
    const y = ws[w];
    if (y.timer > 0) ws[w] = sqsWorker(y.status, y.message, y.handleValid, y.timer - 1);
  }
}
