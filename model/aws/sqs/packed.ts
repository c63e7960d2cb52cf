/**
 * The sqs component on the composed world's code (model/compose/packed.ts): `sqsActions`,
 * `reduceSqs` (its steps and its Tick's flush) and `sqsTicking`, line for line, on its messages
 * and workers. A reducer reads the slice from `out`, which compose fills with the world before
 * and only sqs writes sqs's fields into: it is the object reducer's working copy, so a Tick's
 * flush sees its own earlier steps as `tickInto` does. Other slices (a worker's zone) are read
 * from the world before, `code`, as the object reducer reads `world`.
 */
import { ticksFor, type PackedComponent, type PackedLayout, type PackedReducer } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import type { Action } from '../../core/model.js';
import { azPackedReads } from '../az/index.js';
import type { SqsConfig } from './options.js';
import { MESSAGE_STATUSES, SQS, WORKER_STATUSES, type MessageStatus, type WorkerStatus } from './state.js';

const msgIndex = (s: MessageStatus): number => MESSAGE_STATUSES.indexOf(s);
const workerIndex = (s: WorkerStatus): number => WORKER_STATUSES.indexOf(s);
const UNSENT = msgIndex('unsent'), DELAYED = msgIndex('delayed'), VISIBLE = msgIndex('visible'), INFLIGHT = msgIndex('inflight');
const DELETED = msgIndex('deleted'), DEAD_LETTERED = msgIndex('deadLettered'), EXPIRED = msgIndex('expired');
const IDLE = workerIndex('idle'), BUSY = workerIndex('busy'), DONE = workerIndex('done'), DOWN = workerIndex('down');

/** `isQueued` on a status index: delayed, visible or in flight. */
function queued(st: number): boolean {
  return st === DELAYED || st === VISIBLE || st === INFLIGHT;
}

/** sqs's packed form, or undefined with a Region in the world (a worker's zone reads it through `azUp`). */
export function packedSqs(c: SqsConfig, layout: PackedLayout): PackedComponent | undefined {
  const zone = azPackedReads(layout);
  if (zone === undefined) return undefined;
  const M = c.messages;
  const W = c.workers;
  const { fifo, maxCrashes, maxCopies, maxLostResponses, retryTicks, extendVisibility, releaseVisibility, visTicks, maxVisTicks, procTicks } = c;
  const { deleteOnReceive, dlq, maxReceiveCount, receiveCap, dlqTicks, retentionTicks, restartTicks, delayTicks, ageCap, dedupAge, flushSteps, tickSeconds } = c;
  const groups = Int32Array.from(c.groups);
  const poison = Uint8Array.from(c.poison, (p) => (p ? 1 : 0));
  const workerAzs = c.workerAzs === undefined ? undefined : Int32Array.from(c.workerAzs);
  const sentStatus = msgIndex(c.sent.status);
  const sentCopies = c.sent.copies;

  const status = layout.field(`${SQS}.messages[].status`);
  const timer = layout.field(`${SQS}.messages[].timer`);
  const ttl = layout.field(`${SQS}.messages[].ttl`);
  const receives = layout.field(`${SQS}.messages[].receives`);
  const processed = layout.field(`${SQS}.messages[].processed`);
  const copies = layout.field(`${SQS}.messages[].copies`);
  const age = layout.field(`${SQS}.messages[].age`);
  const wStatus = layout.field(`${SQS}.workers[].status`);
  const wMessage = layout.field(`${SQS}.workers[].message`);
  const wHandle = layout.field(`${SQS}.workers[].handleValid`);
  const wTimer = layout.field(`${SQS}.workers[].timer`);
  const crashes = layout.field(`${SQS}.crashes`);
  const lostResponses = layout.field(`${SQS}.lostResponses`);

  // Table: the order `sqsActions` pushes them in, kind by kind.
  const { A } = c;
  const table: Action[] = [...A.send, ...A.receive, ...A.process, ...A.delete, ...A.extend, ...A.release, ...A.crash, ...A.restart, ...A.copy, ...A.lost];
  const SEND = 0, RECEIVE = M, PROCESS = M + W * M, DELETE = PROCESS + W, EXTEND = DELETE + W, RELEASE = EXTEND + W;
  const CRASH = RELEASE + W, RESTART = CRASH + W, COPY = RESTART + W, LOST = COPY + M;

  /** `zoneUp`: worker `w`'s zone is up in the world before (always, without `workerAzs`). */
  const zoneUp = (code: Uint32Array, off: number, w: number): boolean => workerAzs === undefined || zone.up(code, off, workerAzs[w]);
  /** `receivable`: message `m` is visible and, FIFO, the oldest queued message of its group. */
  const receivable = (buf: Uint32Array, o: number, m: number): boolean => {
    if (status.get(buf, o, m) !== VISIBLE) return false;
    if (!fifo) return true;
    const g = groups[m];
    for (let k = 0; k < m; k++) if (groups[k] === g && queued(status.get(buf, o, k))) return false;
    return true;
  };
  const firstReceivable = (buf: Uint32Array, o: number): number => {
    for (let m = 0; m < M; m++) if (receivable(buf, o, m)) return m;
    return -1;
  };
  const setWorker = (out: Uint32Array, o: number, w: number, st: number, m: number, handle: number, t: number): void => {
    wStatus.set(out, o, w, st);
    wMessage.set(out, o, w, m);
    wHandle.set(out, o, w, handle);
    wTimer.set(out, o, w, t);
  };
  const idle = (out: Uint32Array, o: number, w: number): void => setWorker(out, o, w, IDLE, -1, 0, 0);
  const down = (out: Uint32Array, o: number, w: number): void => setWorker(out, o, w, DOWN, -1, 0, restartTicks);
  /** Message `m`'s status and countdowns (its counts and age stay). */
  const setQueue = (out: Uint32Array, o: number, m: number, st: number, t: number, life: number): void => {
    status.set(out, o, m, st);
    timer.set(out, o, m, t);
    ttl.set(out, o, m, life);
  };

  /** `staleHandles`: every valid handle of message `m` goes stale. */
  const staleHandles = (out: Uint32Array, o: number, m: number): void => {
    for (let v = 0; v < W; v++) if (wMessage.get(out, o, v) === m && wHandle.get(out, o, v) === 1) wHandle.set(out, o, v, 0);
  };
  /** `receiveInto` (with `deadLettered`). */
  const receive = (out: Uint32Array, o: number, w: number, m: number): void => {
    const r = receives.get(out, o, m);
    if (dlq && r >= maxReceiveCount) {
      let life = 0;
      if (dlqTicks > 0) {
        if (fifo) life = dlqTicks;
        else {
          const left = ttl.get(out, o, m);
          if (left > 0) {
            life = left + dlqTicks - retentionTicks;
            if (life <= 0) {
              setQueue(out, o, m, EXPIRED, 0, 0);
              return;
            }
          }
        }
      }
      setQueue(out, o, m, DEAD_LETTERED, 0, life);
      return;
    }
    receives.set(out, o, m, r < receiveCap ? r + 1 : receiveCap);
    if (deleteOnReceive) setQueue(out, o, m, DELETED, 0, 0);
    else if (visTicks === 0) setQueue(out, o, m, VISIBLE, 0, ttl.get(out, o, m));
    else setQueue(out, o, m, INFLIGHT, visTicks, ttl.get(out, o, m));
    staleHandles(out, o, m);
    setWorker(out, o, w, BUSY, m, 1, procTicks);
  };
  /** `processInto`. */
  const process = (out: Uint32Array, o: number, w: number): void => {
    const m = wMessage.get(out, o, w);
    if (poison[m] === 1) {
      idle(out, o, w);
      return;
    }
    const p = processed.get(out, o, m);
    processed.set(out, o, m, p < 2 ? p + 1 : 2);
    if (deleteOnReceive) idle(out, o, w);
    else setWorker(out, o, w, DONE, m, wHandle.get(out, o, w), 0);
  };
  /** `deleteInto`. */
  const remove = (out: Uint32Array, o: number, w: number): void => {
    const m = wMessage.get(out, o, w);
    const st = status.get(out, o, m);
    if (wHandle.get(out, o, w) === 1 && (st === VISIBLE || st === INFLIGHT)) setQueue(out, o, m, DELETED, 0, 0);
    idle(out, o, w);
  };
  /** `heartbeat`: worker `w` extends its message's visibility that is about to end. */
  const heartbeat = (out: Uint32Array, o: number, w: number): void => {
    const m = wMessage.get(out, o, w);
    if (wHandle.get(out, o, w) === 0 || status.get(out, o, m) !== INFLIGHT || timer.get(out, o, m) !== 1) return;
    const t = Math.min(visTicks, maxVisTicks - (procTicks - wTimer.get(out, o, w)));
    if (t > 1) timer.set(out, o, m, t);
  };

  // The action's parameters, each a named property read (no string key on the hot path).
  const messageOf = (a: Action): number => (a as unknown as { readonly message: number }).message;
  const workerOf = (a: Action): number => (a as unknown as { readonly worker: number }).worker;
  const secondsOf = (a: Action): number => (a as unknown as { readonly seconds: number }).seconds;
  const azOf = (a: Action): number => (a as unknown as { readonly az: number }).az;
  const reducers: Record<string, PackedReducer> = {
    SendMessage: (a, _code, _off, out, o) => {
      const m = messageOf(a);
      setQueue(out, o, m, sentStatus, delayTicks, retentionTicks);
      receives.set(out, o, m, 0);
      processed.set(out, o, m, 0);
      copies.set(out, o, m, sentCopies);
      age.set(out, o, m, 0);
    },
    ReceiveMessage: (a, _code, _off, out, o) => receive(out, o, workerOf(a), messageOf(a)),
    ProcessMessage: (a, _code, _off, out, o) => process(out, o, workerOf(a)),
    DeleteMessage: (a, _code, _off, out, o) => remove(out, o, workerOf(a)),
    ChangeMessageVisibility: (a, _code, _off, out, o) => {
      const w = workerOf(a);
      const m = wMessage.get(out, o, w);
      const seconds = secondsOf(a);
      if (seconds === 0) {
        setQueue(out, o, m, VISIBLE, 0, ttl.get(out, o, m));
        idle(out, o, w);
      } else setQueue(out, o, m, INFLIGHT, Math.min(ticksFor(seconds, tickSeconds), visTicks), ttl.get(out, o, m));
    },
    WorkerCrash: (a, code, off, out, o) => {
      down(out, o, workerOf(a));
      crashes.set(out, o, crashes.get(code, off) + 1);
    },
    CopyDelivered: (a, _code, _off, out, o) => {
      const m = messageOf(a);
      const life = status.get(out, o, m) === INFLIGHT ? ttl.get(out, o, m) : retentionTicks;
      setQueue(out, o, m, VISIBLE, 0, life);
      copies.set(out, o, m, copies.get(out, o, m) - 1);
      staleHandles(out, o, m);
    },
    SendResponseLost: (a, code, off, out, o) => {
      const m = messageOf(a);
      // Within FIFO's deduplication interval the retry is accepted and not delivered.
      if (age.get(out, o, m) >= dedupAge) copies.set(out, o, m, copies.get(out, o, m) + 1);
      lostResponses.set(out, o, lostResponses.get(code, off) + 1);
    },
    WorkerRestart: (a, _code, _off, out, o) => idle(out, o, workerOf(a)),
    AzOutage: (a, _code, _off, out, o) => {
      const z = azOf(a);
      if (workerAzs === undefined) return;
      for (let w = 0; w < W; w++) if (workerAzs[w] === z && wStatus.get(out, o, w) !== DOWN) down(out, o, w);
    },
    Tick: (_a, code, off, out, o) => {
      // The flush: live workers do what needs no time, lowest worker and message first.
      for (let w = 0; w < W; w++) {
        if (wStatus.get(out, o, w) === DOWN) {
          if (wTimer.get(out, o, w) > 0 || !zoneUp(code, off, w)) continue;
          idle(out, o, w);
        }
        for (let step = 0; step < flushSteps; step++) {
          const st = wStatus.get(out, o, w);
          if (st === BUSY) {
            if (wTimer.get(out, o, w) > 0) {
              if (extendVisibility) heartbeat(out, o, w);
              break;
            }
            process(out, o, w);
          } else if (st === DONE) {
            remove(out, o, w);
          } else {
            const m = firstReceivable(out, o);
            if (m < 0) break;
            receive(out, o, w, m);
          }
        }
      }
      // The countdowns, and every sent message's age (up to the cap the retries need).
      for (let m = 0; m < M; m++) {
        let st = status.get(out, o, m);
        let t = timer.get(out, o, m);
        let life = ttl.get(out, o, m);
        const a = age.get(out, o, m);
        if (a < ageCap && st !== UNSENT) age.set(out, o, m, a + 1);
        if (t > 0 && (st === DELAYED || st === INFLIGHT)) {
          t--;
          if (t === 0) st = VISIBLE;
        }
        if (life > 0 && (queued(st) || st === DEAD_LETTERED)) {
          life--;
          if (life === 0) {
            st = EXPIRED;
            t = 0;
          }
        }
        setQueue(out, o, m, st, t, life);
      }
      for (let w = 0; w < W; w++) {
        const t = wTimer.get(out, o, w);
        if (t > 0) wTimer.set(out, o, w, t - 1);
      }
    },
  };

  return {
    table,
    actions(code, off, out, n, base) {
      for (let m = 0; m < M; m++) {
        if (status.get(code, off, m) === UNSENT && (!fifo || m === 0 || status.get(code, off, m - 1) !== UNSENT)) out[n++] = base + SEND + m;
      }
      const canCrash = crashes.get(code, off) < maxCrashes;
      for (let w = 0; w < W; w++) {
        const st = wStatus.get(code, off, w);
        if (st === IDLE) {
          for (let m = 0; m < M; m++) if (receivable(code, off, m)) out[n++] = base + RECEIVE + w * M + m;
        } else if (st === BUSY) {
          const t = wTimer.get(code, off, w);
          if (t === 0) out[n++] = base + PROCESS + w;
          const m = wMessage.get(code, off, w);
          if (wHandle.get(code, off, w) === 1 && status.get(code, off, m) === INFLIGHT) {
            if (extendVisibility && timer.get(code, off, m) < visTicks && procTicks - t + visTicks <= maxVisTicks) out[n++] = base + EXTEND + w;
            if (releaseVisibility) out[n++] = base + RELEASE + w;
          }
        } else if (st === DONE) {
          out[n++] = base + DELETE + w;
        } else if (wTimer.get(code, off, w) === 0 && zoneUp(code, off, w)) {
          out[n++] = base + RESTART + w;
        }
        if (canCrash && st !== DOWN) out[n++] = base + CRASH + w;
      }
      if (maxCopies > 0) {
        for (let m = 0; m < M; m++) {
          // `copyDeliverable`: a copy left, the first deleted or (standard) in flight.
          const st = status.get(code, off, m);
          if (copies.get(code, off, m) > 0 && (st === DELETED || (st === INFLIGHT && !fifo))) out[n++] = base + COPY + m;
        }
      }
      if (lostResponses.get(code, off) < maxLostResponses) {
        for (let m = 0; m < M; m++) {
          if (status.get(code, off, m) !== UNSENT && (retryTicks === 0 || age.get(code, off, m) < retryTicks)) out[n++] = base + LOST + m;
        }
      }
      return n;
    },
    reducer: reducerOf('sqs', reducers),
    ticking(code, off) {
      for (let m = 0; m < M; m++) {
        if (timer.get(code, off, m) > 0 || ttl.get(code, off, m) > 0 || (age.get(code, off, m) < ageCap && status.get(code, off, m) !== UNSENT)) return true;
      }
      for (let w = 0; w < W; w++) if (wTimer.get(code, off, w) > 0) return true;
      // `pendingWork`: something the next Tick's flush would do.
      let anyIdle = false;
      for (let w = 0; w < W; w++) {
        const st = wStatus.get(code, off, w);
        if (st === DONE || (wTimer.get(code, off, w) === 0 && (st === BUSY || (st === DOWN && zoneUp(code, off, w))))) return true;
        if (st === IDLE) anyIdle = true;
      }
      return anyIdle && firstReceivable(code, off) >= 0;
    },
  };
}
