/**
 * Minimising a random counterexample: a breadth-first search for a shorter violation of the
 * same property, bounded by the counterexample's length, a state budget, and the random
 * search's own deadline and stop signal (a stop ends it at its next poll).
 */
import type { Action, Model } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { exploreExhaustive } from './bfs.js';
import { ModelError } from './model-error.js';
import type { Counterexample, Report } from './report.js';

/**
 * A breadth-first search bounded by the counterexample's length (and by a state budget, the
 * run's deadline and its stop signal), for a shorter violation of the same property;
 * undefined when none is shorter or none was found before a stop.
 */
export function minimize<S, A extends Action>(
  model: Model<S, A>,
  prop: Property<S>,
  cx: Counterexample<A>,
  signal: { readonly aborted: boolean } | undefined,
  deadline: number,
): Counterexample<A> | undefined {
  const prefix = cx.recoveryFrom ?? cx.length;
  const timeLimitMs = Math.min(5_000, deadline - performance.now());
  if (prefix <= 1 || timeLimitMs <= 0 || signal?.aborted) return undefined;
  const only: Model<S, A> = Object.create(model, { properties: { value: [prop] } });
  let report: Report<A>;
  try {
    report = exploreExhaustive(only, { maxDepth: prefix - 1, maxStates: 500_000, timeLimitMs, signal });
  } catch (e) {
    // States the runs did not reach: still this random check's error.
    if (e instanceof ModelError) throw new ModelError(e.what, { ...e.place, mode: 'random, minimising' });
    throw e;
  }
  const shorter = report.properties[0].counterexample;
  if (!shorter || (shorter.recoveryFrom ?? shorter.length) >= prefix) return undefined;
  return { ...shorter, seed: cx.seed, path: cx.path };
}
