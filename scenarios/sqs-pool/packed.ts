/**
 * sqs-pool with packed transitions: the same model (object `actions`/`next` for random runs,
 * traces and replay) plus `packed`, written with the schema's generated accessors, so the
 * exhaustive explorer never builds objects for the states it expands, and NoLostMessage on
 * codes, so that it does not decode the new ones either. `--encoded` in the bench.
 */
import { accessor } from '../../model/core/accessors.js';
import type { Model } from '../../model/core/model.js';
import { poolSchema } from './schema.js';
import { sqsPool, type PoolAction, type PoolSize, type PoolState, type PoolVariant } from './model.js';
import { withSchema } from '../../model/core/with-schema.js';

export function packedSqsPool(size: PoolSize, variant: PoolVariant = 'correct'): Model<PoolState, PoolAction> {
  const { M, W, V, F } = size;
  const schema = poolSchema(size);
  const words = schema.codec().words;
  const base = withSchema(sqsPool(size, variant), schema);
  const q = accessor(schema, 'msgs[].q');
  const timer = accessor(schema, 'msgs[].timer');
  const done = accessor(schema, 'msgs[].done');
  const w = accessor(schema, 'workers[].w');
  const wm = accessor(schema, 'workers[].wm');
  const crashes = accessor(schema, 'crashes');
  const [UNSENT, VISIBLE, INFLIGHT, DELETED] = ['unsent', 'visible', 'inflight', 'deleted'].map((v) => q.index(v));
  const [IDLE, BUSY, DOWN] = ['idle', 'busy', 'down'].map((v) => w.index(v));
  const early = variant === 'early-delete';

  // Action numbers, in the order sqsPool's actions(s) lists them.
  const SEND = 0;
  const RECEIVE = SEND + M;
  const FINISH = RECEIVE + W * M;
  const TICK = FINISH + W;
  const CRASH = TICK + 1;
  const RESTART = CRASH + W;
  const table: PoolAction[] = [];
  for (let i = 0; i < M; i++) table.push({ type: 'Send', kind: 'op', msg: i });
  for (let j = 0; j < W; j++) for (let i = 0; i < M; i++) table.push({ type: 'Receive', kind: 'op', worker: j, msg: i });
  for (let j = 0; j < W; j++) table.push({ type: 'Finish', kind: 'op', worker: j });
  table.push({ type: 'Tick', kind: 'control' });
  for (let j = 0; j < W; j++) table.push({ type: 'Crash', kind: 'fault', worker: j });
  for (let j = 0; j < W; j++) table.push({ type: 'Restart', kind: 'fault', worker: j });

  const packed = {
    table,
    // NoLostMessage on codes: the explorer checks new states without decoding them.
    properties: [
      {
        property: base.properties[0],
        pred(c: Uint32Array, o: number): boolean {
          for (let i = 0; i < M; i++) {
            if (q.get(c, o, i) !== DELETED || done.get(c, o, i) === 1) continue;
            let held = false;
            for (let j = 0; j < W; j++) {
              if (w.get(c, o, j) === BUSY && wm.get(c, o, j) === i) {
                held = true;
                break;
              }
            }
            if (!held) return false;
          }
          return true;
        },
      },
    ],
    actions(c: Uint32Array, o: number, out: Int32Array): number {
      let n = 0;
      for (let i = 0; i < M; i++) if (q.get(c, o, i) === UNSENT) out[n++] = SEND + i;
      for (let j = 0; j < W; j++) {
        if (w.get(c, o, j) !== IDLE) continue;
        for (let i = 0; i < M; i++) if (q.get(c, o, i) === VISIBLE) out[n++] = RECEIVE + j * M + i;
      }
      for (let j = 0; j < W; j++) if (w.get(c, o, j) === BUSY) out[n++] = FINISH + j;
      for (let i = 0; i < M; i++) {
        if (q.get(c, o, i) === INFLIGHT) {
          out[n++] = TICK;
          break;
        }
      }
      if (crashes.get(c, o) < F) for (let j = 0; j < W; j++) if (w.get(c, o, j) !== DOWN) out[n++] = CRASH + j;
      for (let j = 0; j < W; j++) if (w.get(c, o, j) === DOWN) out[n++] = RESTART + j;
      return n;
    },
    next(c: Uint32Array, o: number, a: number, d: Uint32Array, p: number): void {
      for (let k = 0; k < words; k++) d[p + k] = c[o + k];
      if (a < RECEIVE) {
        q.set(d, p, a - SEND, VISIBLE);
      } else if (a < FINISH) {
        const j = ((a - RECEIVE) / M) | 0;
        const i = a - RECEIVE - j * M;
        q.set(d, p, i, early ? DELETED : INFLIGHT);
        timer.set(d, p, i, early ? 0 : V);
        w.set(d, p, j, BUSY);
        wm.set(d, p, j, i);
      } else if (a < TICK) {
        const j = a - FINISH;
        const i = wm.get(c, o, j);
        done.set(d, p, i, 1);
        q.set(d, p, i, DELETED);
        timer.set(d, p, i, 0);
        w.set(d, p, j, IDLE);
        wm.set(d, p, j, -1);
      } else if (a === TICK) {
        for (let i = 0; i < M; i++) {
          if (q.get(c, o, i) !== INFLIGHT) continue;
          const t = timer.get(c, o, i) - 1;
          timer.set(d, p, i, t);
          if (t === 0) q.set(d, p, i, VISIBLE);
        }
      } else if (a < RESTART) {
        const j = a - CRASH;
        w.set(d, p, j, DOWN);
        wm.set(d, p, j, -1);
        crashes.set(d, p, crashes.get(c, o) + 1);
      } else {
        w.set(d, p, a - RESTART, IDLE);
      }
    },
  };
  return Object.create(base, { packed: { value: packed, enumerable: true } }) as Model<PoolState, PoolAction>;
}
