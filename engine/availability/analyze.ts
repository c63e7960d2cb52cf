/**
 * Availability of a design (issue 18): the long-run share of time a predicate holds, and the
 * mean time until it first fails, on the chain `buildChain` makes of the model's state graph.
 */
import type { Action, Model } from '../../model/core/model.js';
import { buildChain, type BuildOptions, type Timing } from './build.js';
import { meanTimeToFrom, steadyState, type Chain } from './ctmc.js';
import { InputError } from '../scenario.js';

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
  for (let i = 0; i < chain.n; i++) {
    if (chain.exit[i] === 0 && chain.n > 1) throw new InputError(`availability: the design never comes back from the state reached by ${built.pathTo(i)}: a fault without a repair (give it one, or a rate for the repair)`);
  }
  const pi = steadyState(chain, { tolerance: opts.tolerance });
  // Long-run figures exist only when every reachable state leads back to where the chain
  // settles (one closed class): the most likely state must be reachable from all of them.
  let top = 0;
  for (let i = 1; i < chain.n; i++) if (pi.values[i] > pi.values[top]) top = i;
  const stranded = strandedState(chain, initial, top);
  if (stranded >= 0) {
    throw new InputError(`availability: the design never comes back from the state reached by ${built.pathTo(stranded)}: a fault without a repair (give it one, or a rate for the repair)`);
  }
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

/**
 * A state reachable from the start from which no path leads to `home` (where the chain
 * settles), or -1. The long-run figures are defined only when every reachable state leads
 * back into one closed class: a fault that is never repaired would make them depend on luck.
 */
function strandedState(chain: Chain, initial: Float64Array, home: number): number {
  const back = new Uint8Array(chain.n);
  const stack: number[] = [home];
  back[home] = 1;
  while (stack.length > 0) {
    const j = stack.pop()!;
    for (let k = chain.incStart[j]; k < chain.incStart[j + 1]; k++) {
      const i = chain.incFrom[k];
      if (!back[i]) {
        back[i] = 1;
        stack.push(i);
      }
    }
  }
  const seen = new Uint8Array(chain.n);
  for (let i = 0; i < chain.n; i++) if (initial[i] > 0) {
    seen[i] = 1;
    stack.push(i);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (!back[i]) return i;
    for (let k = chain.outStart[i]; k < chain.outStart[i + 1]; k++) {
      const j = chain.outTo[k];
      if (!seen[j]) {
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  return -1;
}
