/** `faultline bench sqs-pool`: one measurement, printed as text or JSON. */
import { InputError } from '../engine/scenario.js';
import { runBench } from '../bench/bench-sqs-pool.js';
import { SIZES } from '../scenarios/sqs-pool/model.js';

export async function benchCommand(
  model: string,
  o: { size: string; variant: 'correct' | 'early-delete'; full?: boolean; mode: 'exhaustive' | 'random'; encoded?: boolean; codecOnly?: boolean; fingerprints?: boolean; symmetry?: boolean; runs: number; steps: number; seed: number; json?: boolean; workers?: number; expectedStates?: number },
): Promise<void> {
  if (model !== 'sqs-pool') throw new InputError(`unknown benchmark model ${JSON.stringify(model)} (known: sqs-pool)`);
  if (!(o.size in SIZES)) throw new InputError(`--size must be one of ${Object.keys(SIZES).join(', ')}, got ${JSON.stringify(o.size)}`);
  if (o.workers !== undefined && o.fingerprints) throw new InputError('--workers needs exact codes (the workers decode the states they exchange): leave out --fingerprints');
  const r = await runBench({ size: o.size, variant: o.variant, mode: o.mode, full: !!o.full, encoded: !!o.encoded || !!o.codecOnly, codecOnly: !!o.codecOnly, fingerprints: !!o.fingerprints, symmetry: !!o.symmetry, runs: o.runs, steps: o.steps, seed: o.seed, ...(o.workers !== undefined ? { workers: o.workers } : {}), ...(o.expectedStates !== undefined ? { expectedStates: o.expectedStates } : {}) });
  if (o.json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const fmt = (n: number | undefined) => (n === undefined ? '-' : Math.round(n).toLocaleString('en-US'));
  const lines = [`sqs-pool ${r.size} ${r.variant} ${r.mode} (${r.path}${r.workers ? `, ${r.workers} workers` : ''}): NoLostMessage ${r.verdict}`];
  if (r.mode === 'exhaustive') {
    lines.push(`  ${fmt(r.distinctStates ?? 0)} distinct states, ${fmt(r.transitions)} transitions, depth ${r.maxDepth}`);
    lines.push(`  ${(r.searchMs / 1000).toFixed(3)} s, ${fmt(r.statesPerSecond)} states/s, peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(1)} MB`);
    lines.push(`  ${r.structBytesPerState?.toFixed(1)} B/state of structures, ${r.rssBytesPerState?.toFixed(1)} B/state RSS`);
    if (r.collisionProbability !== undefined) lines.push(`  fingerprint collision probability <= ${r.collisionProbability.toExponential(2)}`);
  } else {
    lines.push(`  ${fmt(r.runs)} runs, ${fmt(r.steps)} steps, ${(r.searchMs / 1000).toFixed(3)} s, ${fmt(r.stepsPerSecond)} steps/s`);
    if (r.timeToFailureMs !== undefined) lines.push(`  first failure after ${r.timeToFailureMs.toFixed(2)} ms, counterexample ${r.counterexampleLength} actions`);
  }
  if (r.counterexampleLength !== undefined && r.mode === 'exhaustive') lines.push(`  counterexample: ${r.counterexampleLength} actions`);
  process.stdout.write(lines.join('\n') + '\n');
}
