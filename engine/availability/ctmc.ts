/**
 * Continuous-time Markov chains, sparse, and the two numbers availability needs (issue 18):
 * the steady-state distribution (the long-run share of time in each state) and the mean time
 * until a set of states is first entered.
 *
 * A chain is `n` states and rates `q[i][j] > 0` (per second) for `i != j`, stored twice: by
 * source (`out`: what leaves a state) and by target (`inc`: what enters one). Both solvers are
 * Gauss-Seidel sweeps over these arrays, with no allocation per sweep; they stop on a stated
 * relative tolerance, or report that they did not converge within `maxSweeps`.
 */

/** A sparse chain: transitions by source and by target, each in compressed-row form. */
export interface Chain {
  readonly n: number;
  /** Row `i` of transitions leaving `i`: targets `outTo[outStart[i] .. outStart[i+1])`, rates `outRate[...]`. */
  readonly outStart: Uint32Array;
  readonly outTo: Uint32Array;
  readonly outRate: Float64Array;
  /** Column `j` of transitions entering `j`: sources `incFrom[incStart[j] .. incStart[j+1])`, rates `incRate[...]`. */
  readonly incStart: Uint32Array;
  readonly incFrom: Uint32Array;
  readonly incRate: Float64Array;
  /** Total rate out of each state (`-q[i][i]`). */
  readonly exit: Float64Array;
}

/** Builds a chain from transitions `from[k] -> to[k]` at `rate[k]` (self-loops dropped, parallel ones summed by the solvers). */
export function chainOf(n: number, from: ArrayLike<number>, to: ArrayLike<number>, rate: ArrayLike<number>): Chain {
  const m = from.length;
  const outCount = new Uint32Array(n + 1);
  const incCount = new Uint32Array(n + 1);
  let kept = 0;
  for (let k = 0; k < m; k++) {
    const r = rate[k];
    if (!(r >= 0) || !Number.isFinite(r)) throw new RangeError(`chain: transition ${from[k]} -> ${to[k]} has rate ${r}; a rate is a finite number >= 0`);
    if (from[k] === to[k] || r === 0) continue;
    outCount[from[k] + 1]++;
    incCount[to[k] + 1]++;
    kept++;
  }
  for (let i = 0; i < n; i++) {
    outCount[i + 1] += outCount[i];
    incCount[i + 1] += incCount[i];
  }
  const outTo = new Uint32Array(kept);
  const outRate = new Float64Array(kept);
  const incFrom = new Uint32Array(kept);
  const incRate = new Float64Array(kept);
  const exit = new Float64Array(n);
  const outFill = outCount.slice(0, n);
  const incFill = incCount.slice(0, n);
  for (let k = 0; k < m; k++) {
    const i = from[k];
    const j = to[k];
    const r = rate[k];
    if (i === j || r === 0) continue;
    outTo[outFill[i]] = j;
    outRate[outFill[i]++] = r;
    incFrom[incFill[j]] = i;
    incRate[incFill[j]++] = r;
    exit[i] += r;
  }
  return { n, outStart: outCount, outTo, outRate, incStart: incCount, incFrom, incRate, exit };
}

/** Probabilities below this are treated as zero by the convergence test (they cannot change a reported figure). */
const FLOOR = 1e-60;

export interface SolveOptions {
  /** Stop when no state's value changes by more than this, relative to it, in a sweep. Default 1e-12. */
  readonly tolerance?: number;
  /** Give up after this many sweeps. Default 1,000,000. */
  readonly maxSweeps?: number;
}

export interface Solution {
  readonly values: Float64Array;
  readonly sweeps: number;
  readonly converged: boolean;
}

/**
 * The steady-state distribution `pi` (`pi Q = 0`, `sum pi = 1`) of an irreducible chain, by
 * Gauss-Seidel: `pi[j] = sum_i pi[i] q[i][j] / exit[j]`, normalised after every sweep. A state
 * with no way out makes the chain absorbing: refused (the caller names the fault without a repair).
 */
export function steadyState(chain: Chain, opts: SolveOptions = {}): Solution {
  const { n, incStart, incFrom, incRate, exit } = chain;
  const tolerance = opts.tolerance ?? 1e-12;
  const maxSweeps = opts.maxSweeps ?? 1_000_000;
  for (let i = 0; i < n; i++) if (exit[i] === 0 && n > 1) throw new RangeError(`chain: state ${i} has no way out (the chain is absorbing)`);
  const pi = new Float64Array(n).fill(1 / n);
  if (n === 1) return { values: pi, sweeps: 0, converged: true };
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let worst = 0;
    let total = 0;
    for (let j = 0; j < n; j++) {
      let inflow = 0;
      for (let k = incStart[j]; k < incStart[j + 1]; k++) inflow += pi[incFrom[k]] * incRate[k];
      const v = inflow / exit[j];
      const old = pi[j];
      // Relative to the value, or to FLOOR for states too rare to move any figure.
      const change = Math.abs(v - old) / Math.max(v, old, FLOOR);
      if (change > worst) worst = change;
      pi[j] = v;
      total += v;
    }
    for (let j = 0; j < n; j++) pi[j] /= total;
    if (worst <= tolerance) return { values: pi, sweeps: sweep, converged: true };
  }
  return { values: pi, sweeps: maxSweeps, converged: false };
}

/**
 * Mean time (seconds) from the distribution `initial` until the chain first enters `target`,
 * by renewal: redirect every transition into a target state back to `initial`; in the steady
 * state of that chain, the rate of redirected transitions is one per cycle, so the mean time
 * is its reciprocal. It converges as fast as `steadyState` does, where Gauss-Seidel on the
 * mean times themselves crawls when failures are rare (each sweep adds about one mean holding
 * time). Infinity when no state the chain can reach leads to a target; 0 when `initial` is all
 * in `target`.
 */
export function meanTimeToFrom(chain: Chain, target: Uint8Array, initial: Float64Array, opts: SolveOptions = {}): { readonly value: number; readonly sweeps: number; readonly converged: boolean } {
  const { n, outStart, outTo, outRate } = chain;
  let good = 0;
  for (let i = 0; i < n; i++) if (!target[i]) good += initial[i];
  if (good === 0) return { value: 0, sweeps: 0, converged: true };
  // Reachable from the initial states without passing a target; does any of them lead to one?
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) if (initial[i] > 0 && !target[i]) {
    seen[i] = 1;
    stack.push(i);
  }
  let leads = false;
  while (stack.length > 0) {
    const i = stack.pop()!;
    for (let k = outStart[i]; k < outStart[i + 1]; k++) {
      const j = outTo[k];
      if (target[j]) leads = true;
      else if (!seen[j]) {
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  if (!leads) return { value: Infinity, sweeps: 0, converged: true };
  // The renewal chain over the reachable good states: into-target transitions return to `initial` (good part).
  const index = new Int32Array(n).fill(-1);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) if (seen[i]) {
    index[i] = ids.length;
    ids.push(i);
  }
  const from: number[] = [];
  const to: number[] = [];
  const rate: number[] = [];
  const restart: [number, number][] = [];
  for (let i = 0; i < n; i++) if (seen[i] && initial[i] > 0) restart.push([index[i], initial[i] / good]);
  const failRate = new Float64Array(ids.length);
  for (const i of ids) {
    for (let k = outStart[i]; k < outStart[i + 1]; k++) {
      const j = outTo[k];
      if (target[j]) {
        failRate[index[i]] += outRate[k];
        for (const [r, p] of restart) {
          from.push(index[i]);
          to.push(r);
          rate.push(outRate[k] * p);
        }
      } else {
        from.push(index[i]);
        to.push(index[j]);
        rate.push(outRate[k]);
      }
    }
  }
  // A restart into the state it left is a self-loop, which changes no steady state: `chainOf`
  // drops it, and the failure throughput below counts the full rate into target states.
  const pi = steadyState(chainOf(ids.length, from, to, rate), opts);
  let f = 0;
  for (let k = 0; k < ids.length; k++) f += pi.values[k] * failRate[k];
  return { value: f > 0 ? good / f : Infinity, sweeps: pi.sweeps, converged: pi.converged };
}
