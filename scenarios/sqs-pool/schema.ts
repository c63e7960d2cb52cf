/**
 * sqs-pool's state schema: the same plain objects, declared so that faultline derives the
 * exact bit-packed codec (42 bits at xlarge: two words).
 */
import { t, type Schema } from '../../model/core/schema.js';
import { withSchema } from '../../model/core/with-schema.js';
import type { Model } from '../../model/core/model.js';
import { sqsPool, type PoolAction, type PoolSize, type PoolState, type PoolVariant } from './model.js';

export function poolSchema({ M, W, V, F }: PoolSize): Schema<PoolState> {
  const Msg = t.record('Msg', { q: t.enumOf(['unsent', 'visible', 'inflight', 'deleted'] as const), timer: t.int(0, V), done: t.bool() });
  const Worker = t.record('Worker', { w: t.enumOf(['idle', 'busy', 'down'] as const), wm: t.int(-1, M - 1) });
  return t.record('PoolState', { msgs: t.array(Msg, M), workers: t.array(Worker, W), crashes: t.int(0, F) }) as unknown as Schema<PoolState>;
}

/** sqs-pool with its schema's codec: the `--encoded` path of the benchmark. */
export function encodedSqsPool(size: PoolSize, variant: PoolVariant = 'correct'): Model<PoolState, PoolAction> {
  return withSchema(sqsPool(size, variant), poolSchema(size));
}
