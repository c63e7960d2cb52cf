/**
 * Availability of a design (issue 18): the long-run share of time a predicate holds, and the
 * mean time until it first fails, on the chain `buildChain` makes of the model's state graph.
 */
import type { Action, Model } from '../../model/core/model.js';
import { buildChain, type BuildOptions, type Timing } from './build.js';
import { meanTimeToFrom, steadyState } from './ctmc.js';

export const MINUTES_PER_YEAR = 365.25 * 24 * 60;

export interface AvailabilityOptions extends BuildOptions {
  /** Relative tolerance of the iterative solvers (default 1e-12). */
  readonly tolerance?: number;
}

export interface AvailabilityResult {
  /** Long-run share of time the predicate holds. */
  readonly availability: number;
  /** 1 - availability, computed as the mass of the violating states (not by subtraction). */
  readonly unavailability: number;
  /** -log10(unavailability): 3 is 99.9 %. Infinity when the predicate never fails. */
  readonly nines: number;
  readonly downtimeMinutesPerYear: number;
  /** Mean time (seconds) from the initial state to the first state where the predicate fails; Infinity if never. */
  readonly meanTimeToFailureSeconds: number;
  readonly tangibleStates: number;
  readonly vanishingStates: number;
  readonly sweeps: number;
  readonly converged: boolean;
}

export function analyzeAvailability<S, A extends Action>(
  model: Model<S, A>,
  timing: (a: A, s: S) => Timing | undefined,
  pred: (s: S) => boolean,
  opts: AvailabilityOptions = {},
): AvailabilityResult {
  const built = buildChain(model, timing, opts);
  const { chain, states, initial } = built;
  const bad = new Uint8Array(chain.n);
  for (let i = 0; i < chain.n; i++) if (!pred(states[i])) bad[i] = 1;
  const pi = steadyState(chain, { tolerance: opts.tolerance });
  let unavailability = 0;
  for (let i = 0; i < chain.n; i++) if (bad[i]) unavailability += pi.values[i];
  const m = meanTimeToFrom(chain, bad, initial, { tolerance: opts.tolerance });
  const mttf = m.value;
  return {
    availability: 1 - unavailability,
    unavailability,
    nines: unavailability > 0 ? -Math.log10(unavailability) : Infinity,
    downtimeMinutesPerYear: unavailability * MINUTES_PER_YEAR,
    meanTimeToFailureSeconds: mttf,
    tangibleStates: chain.n,
    vanishingStates: built.vanishing,
    sweeps: pi.sweeps + m.sweeps,
    converged: pi.converged && m.converged,
  };
}
