/** Turning the workers' findings into results: paths across shards, counterexamples, merged coverage. */
import type { Action, Model } from '../../model/core/model.js';
import type { Property } from '../../model/core/property.js';
import { resultAt, undecidedResult } from '../path.js';
import { keyerFor } from '../keyer.js';
import { RecoveryChecker } from '../recovery.js';
import type { Coverage, PropertyResult, Worst } from '../report.js';
import { worstOf } from '../worst.js';
import { StateStore } from '../visited.js';
import { workerBits, type WorkerReply } from './protocol.js';
import type { WorkerPool } from './pool.js';

export type Reply<T extends WorkerReply['type']> = Extract<WorkerReply, { type: T }>;

/** Follows global parent references across shards back to an initial state. */
export async function pathOf(pool: WorkerPool, n: number, worker: number, id: number): Promise<{ indices: number[]; initIndex: number }> {
  const localBits = 32 - workerBits(n);
  const localMask = 2 ** localBits - 1;
  const indices: number[] = [];
  for (;;) {
    const e = (await pool.call(worker, { type: 'lookup', id })) as Reply<'entry'>;
    if (e.parent === 0xffffffff) {
      indices.reverse();
      return { indices, initIndex: e.action };
    }
    indices.push(e.action);
    worker = e.parent >>> localBits;
    id = e.parent & localMask;
  }
}

/** A property's result, as the serial explorer makes it: the path is laid out as a store of its own. */
export function resultFor<S, A extends Action>(
  model: Model<S, A>,
  prop: Property<S>,
  path: { indices: number[]; initIndex: number } | undefined,
  complete: boolean,
  symmetry: boolean,
): PropertyResult<A> {
  if (!path) return undecidedResult(prop, complete);
  const recovery = prop.kind === 'recovers' ? new RecoveryChecker(model, prop, keyerFor(model, symmetry)) : undefined;
  return resultAt(model, lineOf(path), prop, path.indices.length, complete, symmetry, recovery);
}

/** A measured property's worst (raw value `raw`, held by the state at the end of `path`), as the serial explorer makes it. */
export function worstFor<S, A extends Action>(
  model: Model<S, A>,
  prop: Property<S>,
  path: { indices: number[]; initIndex: number },
  raw: number,
  complete: boolean,
  symmetry: boolean,
): Worst<A> {
  const recovery = prop.kind === 'recovers' ? new RecoveryChecker(model, prop, keyerFor(model, symmetry)) : undefined;
  return worstOf(model, lineOf(path), prop, raw, path.indices.length, complete, symmetry, recovery);
}

/** The path laid out as a store of its own: state i + 1 is reached from state i by `indices[i]`. */
function lineOf(path: { indices: number[]; initIndex: number }): StateStore {
  const line = new StateStore(1, path.indices.length + 1);
  const step = new Uint32Array(1);
  line.insert(step, 0, -1, path.initIndex);
  path.indices.forEach((k, i) => {
    step[0] = i + 1;
    line.insert(step, 0, i, k);
  });
  return line;
}

export function mergeCoverage(parts: readonly (Coverage | undefined)[]): Coverage {
  const actions: Record<string, Record<string, number>> = {};
  for (const part of parts) {
    for (const [owner, types] of Object.entries(part?.actions ?? {})) {
      const into = (actions[owner] ??= {});
      for (const [type, count] of Object.entries(types)) into[type] = (into[type] ?? 0) + count;
    }
  }
  return { actions };
}

export function workersWhere<T>(xs: readonly T[], pred: (x: T) => boolean): number[] {
  const out: number[] = [];
  xs.forEach((x, i) => {
    if (pred(x)) out.push(i);
  });
  return out;
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
