/**
 * One benchmark measurement of sqs-pool in this process: `faultline bench sqs-pool`.
 * Each measurement runs in its own process (the harness spawns one per run), so the peak
 * RSS belongs to it alone.
 */
import { pathToFileURL } from 'node:url';
import { exploreExhaustive } from '../engine/bfs.js';
import { exploreParallel } from '../engine/parallel/explore.js';
import { exploreRandom } from '../engine/random.js';
import type { Model } from '../model/core/model.js';
import { encodedSqsPool } from '../scenarios/sqs-pool/schema.js';
import { packedSqsPool } from '../scenarios/sqs-pool/packed.js';
import { SIZES, sqsPool, type PoolAction, type PoolState, type PoolVariant } from '../scenarios/sqs-pool/model.js';

export interface BenchOptions {
  readonly size: string;
  readonly variant: PoolVariant;
  readonly mode: 'exhaustive' | 'random';
  /** Explore the whole space even after the first violation (early-delete). */
  readonly full: boolean;
  /**
   * The schema path: the model's state schema (exact bit-packed codes) and its packed
   * transitions, written with the schema's generated accessors.
   */
  readonly encoded: boolean;
  /** The schema's codec only: transitions still run on decoded objects. */
  readonly codecOnly?: boolean;
  readonly symmetry: boolean;
  readonly runs: number;
  readonly steps: number;
  readonly seed: number;
  /** Exhaustive on this many worker threads (the plain path with inferred codes, or the schema path). */
  readonly workers?: number;
  /** Plain path with 64-bit fingerprints instead of codes inferred from the initial state. */
  readonly fingerprints?: boolean;
  /** Exhaustive: size the store for this many states up front (ExhaustiveOptions.expectedStates). */
  readonly expectedStates?: number;
}

export interface BenchResult {
  readonly model: string;
  readonly size: string;
  readonly variant: PoolVariant;
  readonly mode: 'exhaustive' | 'random';
  readonly path: 'plain' | 'fingerprints' | 'encoded' | 'codec-only';
  readonly workers?: number;
  readonly expectedStates?: number;
  readonly distinctStates: number | null;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly searchMs: number;
  readonly statesPerSecond: number;
  readonly complete: boolean;
  readonly verdict: string;
  readonly peakRssBytes: number;
  readonly structBytesPerState?: number;
  readonly rssBytesPerState?: number;
  readonly collisionProbability?: number;
  readonly runs?: number;
  readonly steps?: number;
  readonly stepsPerSecond?: number;
  readonly timeToFailureMs?: number;
  readonly counterexampleLength?: number;
}

export function benchModel(opts: BenchOptions): Model<PoolState, PoolAction> {
  const size = SIZES[opts.size];
  if (opts.codecOnly) return encodedSqsPool(size, opts.variant);
  return opts.encoded ? packedSqsPool(size, opts.variant) : sqsPool(size, opts.variant);
}

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const model = benchModel(opts);
  const base = { model: 'sqs-pool', size: opts.size, variant: opts.variant, mode: opts.mode, path: opts.codecOnly ? 'codec-only' : opts.encoded ? 'encoded' : opts.fingerprints ? 'fingerprints' : 'plain' } as const;
  if (opts.mode === 'random') {
    const r = exploreRandom(model, { runs: opts.runs, steps: opts.steps, seed: opts.seed, faultBias: false });
    const cx = r.properties[0].counterexample;
    return {
      ...base,
      distinctStates: null,
      transitions: r.stats.transitions,
      maxDepth: r.stats.maxDepth,
      searchMs: r.stats.searchMs,
      statesPerSecond: r.stats.statesPerSecond,
      complete: r.stats.complete,
      verdict: r.properties[0].verdict,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      runs: r.stats.runs,
      steps: r.stats.steps,
      stepsPerSecond: r.stats.statesPerSecond,
      ...(r.stats.timeToFailureMs !== undefined ? { timeToFailureMs: r.stats.timeToFailureMs } : {}),
      ...(cx ? { counterexampleLength: cx.length } : {}),
    };
  }
  const expected = opts.expectedStates !== undefined ? { expectedStates: opts.expectedStates } : {};
  const r =
    opts.workers !== undefined
      ? await exploreParallel(
          {
            module: pathToFileURL(new URL(opts.codecOnly ? '../scenarios/sqs-pool/schema.js' : opts.encoded ? '../scenarios/sqs-pool/packed.js' : '../scenarios/sqs-pool/model.js', import.meta.url).pathname).href,
            export: opts.codecOnly ? 'encodedSqsPool' : opts.encoded ? 'packedSqsPool' : 'sqsPool',
            args: [SIZES[opts.size], opts.variant],
          },
          { workers: opts.workers, full: opts.full, symmetry: opts.symmetry, ...expected },
        )
      : exploreExhaustive(model, { full: opts.full, symmetry: opts.symmetry, ...(opts.fingerprints ? { infer: false } : {}), ...expected });
  const n = r.stats.distinctStates ?? 0;
  const peak = process.resourceUsage().maxRSS * 1024;
  const cx = r.properties[0].counterexample;
  return {
    ...base,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...expected,
    distinctStates: n,
    transitions: r.stats.transitions,
    maxDepth: r.stats.maxDepth,
    searchMs: r.stats.searchMs,
    statesPerSecond: r.stats.statesPerSecond,
    complete: r.stats.complete,
    verdict: r.properties[0].verdict,
    peakRssBytes: peak,
    structBytesPerState: n > 0 ? (r.stats.structBytes ?? 0) / n : 0,
    rssBytesPerState: n > 0 ? peak / n : 0,
    ...(r.stats.collisionProbability !== undefined ? { collisionProbability: r.stats.collisionProbability } : {}),
    ...(cx ? { counterexampleLength: cx.length } : {}),
  };
}
