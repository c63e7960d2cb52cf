/**
 * `npm run bench`: faultline's figures on sqs-pool beside the anchors' (SPIN, fast-check,
 * Quint) measured in the same run on this machine, with the ratios; medians of --reps runs,
 * every measurement in its own process.
 *
 *   npm run bench                 large, xlarge, xxlarge (several minutes)
 *   npm run bench -- quick        small and medium, one repetition (under a minute)
 *   npm run bench -- --reps=5 --no-anchors
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSpin, ensureAnchorDeps, runFastCheck, runQuint, timed, which, type SpinRun } from './anchors-runner.js';
import type { BenchResult } from './bench-sqs-pool.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const ANCHORS = join(ROOT, 'bench/anchors');
const BIN = join(ROOT, 'dist/cli/bin.js');
const argv = process.argv.slice(2);
const QUICK = argv.includes('quick');
const REPS = Number(argv.find((a) => a.startsWith('--reps='))?.slice(7) ?? (QUICK ? 1 : 3));
const ANCHORS_ON = !argv.includes('--no-anchors');
const SIZES = QUICK ? ['small', 'medium'] : ['large', 'xlarge', 'xxlarge'];
const RANDOM_SIZE = QUICK ? 'medium' : 'xlarge';
const log = (s: string) => process.stderr.write(s + '\n');

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function faultline(args: string[]): BenchResult {
  const t = timed(process.execPath, [BIN, 'bench', 'sqs-pool', ...args, '--json'], ROOT);
  if (t.status !== 0) throw new Error(`faultline bench ${args.join(' ')} failed: ${t.stderr}`);
  return JSON.parse(t.stdout.trim().split('\n').pop()!) as BenchResult;
}

function repeat<T>(label: string, n: number, f: () => T): T[] {
  const out: T[] = [];
  for (let k = 0; k < n; k++) {
    out.push(f());
    log(`  ${label} rep ${k + 1}/${n}`);
  }
  return out;
}

interface Row {
  what: string;
  faultline: string;
  anchor: string;
  ratio: string;
}
const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const fmt = (x: number | null | undefined, d = 0) => (x === null || x === undefined ? '-' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));

const notes: string[] = [];
const hasSpin = ANCHORS_ON && which('spin') && which('gcc');
if (ANCHORS_ON && !hasSpin) notes.push('SPIN (or gcc) is not installed (Debian: apt-get install spin gcc): faultline\'s exhaustive figures are printed alone.');
const depsError = ANCHORS_ON ? ensureAnchorDeps(ANCHORS) : 'anchors disabled (--no-anchors)';
if (depsError) notes.push(`${depsError}: fast-check and Quint anchors are skipped.`);

// ---- exhaustive: faultline (plain objects, schema codec) beside SPIN's DFS
const scratch = join(ROOT, 'bench/out');
mkdirSync(scratch, { recursive: true });
/** Each size's runs of a path, and SPIN's, for the goals' ratios below. */
const runsOf = new Map<string, BenchResult[]>();
const spinOf = new Map<string, SpinRun>();
for (const size of SIZES) {
  const big = size === 'xxlarge';
  const n = big ? 1 : REPS;
  let spin: SpinRun | undefined;
  if (hasSpin) {
    const run = buildSpin(ANCHORS, size, scratch);
    const runs = repeat(`spin ${size}`, n, run);
    spin = { ...runs[0], statesPerSecond: median(runs.map((r) => r.statesPerSecond)) };
    raw[`spin-${size}`] = runs;
    spinOf.set(size, spin);
  }
  for (const path of ['plain', 'fingerprints', 'encoded', 'codec-only'] as const) {
    if (big && path === 'fingerprints' && !argv.includes('--plain-xxlarge')) continue; // ~15 M live objects: minutes and GBs
    const args = ['--size', size, ...(path === 'encoded' ? ['--encoded'] : path === 'codec-only' ? ['--codec-only'] : path === 'fingerprints' ? ['--fingerprints'] : [])];
    const rs = repeat(`faultline ${size} ${path}`, n, () => faultline(args));
    raw[`faultline-${size}-${path}`] = rs;
    runsOf.set(`${size} ${path}`, rs);
    const sps = median(rs.map((r) => r.statesPerSecond));
    const r0 = rs[0];
    if (spin && spin.states !== r0.distinctStates) throw new Error(`count mismatch at ${size}: SPIN ${spin.states}, faultline ${r0.distinctStates}`);
    rows.push({
      what: `exhaustive ${size} (${path}): states/s; ${fmt(r0.distinctStates)} states, ${fmt(r0.transitions)} transitions, depth ${r0.maxDepth}`,
      faultline: `${fmt(sps)} st/s, ${fmt(median(rs.map((r) => r.structBytesPerState ?? 0)), 1)} B/st struct, ${fmt(median(rs.map((r) => r.rssBytesPerState ?? 0)), 1)} B/st RSS`,
      anchor: spin ? `SPIN DFS ${fmt(spin.statesPerSecond)} st/s, ${fmt(spin.structBytesPerState, 1)} B/st struct` : '-',
      ratio: spin ? `${(sps / spin.statesPerSecond).toFixed(2)}x SPIN` : '-',
    });
  }
}

// ---- issue 16: the store sized up front, a composed AWS model, and the goals' ratios
const statesPerSecond = (rs: readonly BenchResult[]) => median(rs.map((r) => r.statesPerSecond));
const transitionsPerSecond = (rs: readonly { transitions: number; searchMs: number }[]) => median(rs.map((r) => (r.transitions / r.searchMs) * 1000));
const [MID, BIG] = SIZES.slice(-2);
for (const size of [MID, BIG]) {
  // The estimate a re-run of a suite has: the count of the run before (the default row above).
  const grown = runsOf.get(`${size} encoded`)!;
  const estimate = grown[0].distinctStates!;
  const rs = repeat(`faultline ${size} encoded --expected-states`, size === 'xxlarge' ? 1 : REPS, () => faultline(['--size', size, '--encoded', '--expected-states', String(estimate)]));
  raw[`faultline-${size}-encoded-expected`] = rs;
  if (rs[0].distinctStates !== estimate || rs[0].transitions !== grown[0].transitions) throw new Error(`--expected-states count mismatch at ${size}`);
  runsOf.set(`${size} encoded-expected`, rs);
  const spin = spinOf.get(size);
  const sps = statesPerSecond(rs);
  rows.push({
    what: `exhaustive ${size} (encoded, --expected-states ${fmt(estimate)}: the count of the run above, as a suite's re-run knows it)`,
    faultline: `${fmt(sps)} st/s, ${fmt(median(rs.map((r) => r.structBytesPerState ?? 0)), 1)} B/st struct; growing store ${fmt(statesPerSecond(grown))} st/s`,
    anchor: spin ? `SPIN DFS ${fmt(spin.statesPerSecond)} st/s (-w table sized up front too)` : '-',
    ratio: `${(sps / statesPerSecond(grown)).toFixed(2)}x growing${spin ? `, ${(sps / spin.statesPerSecond).toFixed(2)}x SPIN` : ''}`,
  });
}
{
  const composeAws = (maxFaults: number): { distinctStates: number; transitions: number; searchMs: number } => {
    const t = timed(process.execPath, [join(ROOT, 'dist/bench/compose-aws.js'), String(maxFaults)], ROOT);
    if (t.status !== 0) throw new Error(`compose-aws ${maxFaults} failed: ${t.stderr}`);
    return JSON.parse(t.stdout.trim().split('\n').pop()!);
  };
  const rs = repeat('compose-aws 2', REPS, () => composeAws(2));
  raw['compose-aws-2'] = rs;
  const tps = transitionsPerSecond(rs);
  const ref = transitionsPerSecond(runsOf.get(`${MID} encoded`)!);
  rows.push({
    what: `compose-aws 2 (az, capacity, ec2 3 slots, asg min 2 with ELB checks, elb; 2 faults): transitions/s; ${fmt(rs[0].distinctStates)} states, ${fmt(rs[0].transitions)} transitions`,
    faultline: `${fmt(tps)} tr/s`,
    anchor: `sqs-pool ${MID} --encoded ${fmt(ref)} tr/s (same run)`,
    ratio: `${(tps / ref).toFixed(2)}x (issue 16's goal: 0.8x)`,
  });
  const plain = statesPerSecond(runsOf.get(`${MID} plain`)!);
  const encoded = statesPerSecond(runsOf.get(`${MID} encoded`)!);
  rows.push({ what: `plain path against --encoded, ${MID}: states/s`, faultline: `${fmt(plain)} vs ${fmt(encoded)} st/s`, anchor: '-', ratio: `${(plain / encoded).toFixed(2)}x (goal: 0.8x)` });
  for (const path of ['encoded', 'encoded-expected']) {
    const mid = statesPerSecond(runsOf.get(`${MID} ${path}`)!);
    const big = statesPerSecond(runsOf.get(`${BIG} ${path}`)!);
    rows.push({ what: `${BIG} against ${MID} (${path === 'encoded' ? 'encoded' : 'encoded, --expected-states'}): states/s`, faultline: `${fmt(big)} vs ${fmt(mid)} st/s`, anchor: spinOf.has(BIG) && spinOf.has(MID) ? `SPIN ${(spinOf.get(BIG)!.statesPerSecond / spinOf.get(MID)!.statesPerSecond).toFixed(2)}` : '-', ratio: `${(big / mid).toFixed(2)} (goal: within 15 %)` });
  }
}

// ---- several cores: --workers 2 on the largest size beside the serial schema path
{
  const size = QUICK ? 'medium' : 'xxlarge';
  const n = size === 'xxlarge' ? 1 : REPS;
  const serial = repeat(`faultline ${size} encoded (serial)`, n, () => faultline(['--size', size, '--encoded']));
  const two = repeat(`faultline ${size} encoded --workers 2`, n, () => faultline(['--size', size, '--encoded', '--workers', '2']));
  raw[`workers-${size}`] = { serial, two };
  if (two[0].distinctStates !== serial[0].distinctStates || two[0].transitions !== serial[0].transitions) throw new Error(`--workers 2 count mismatch at ${size}`);
  const t0 = median(serial.map((r) => r.searchMs));
  const t1 = median(two.map((r) => r.searchMs));
  rows.push({
    what: `--workers 2, ${size} (encoded): search s, serial vs 2 workers`,
    faultline: `${fmt(t0 / 1000, 2)} s vs ${fmt(t1 / 1000, 2)} s (${fmt(two[0].distinctStates)} states either way)`,
    anchor: '-',
    ratio: `${(t0 / t1).toFixed(2)}x speed-up`,
  });
}

// ---- symmetry reduction
{
  const size = QUICK ? 'medium' : 'xlarge';
  const full = repeat(`faultline ${size} encoded`, REPS, () => faultline(['--size', size, '--encoded']));
  const sym = repeat(`faultline ${size} --symmetry`, REPS, () => faultline(['--size', size, '--encoded', '--symmetry']));
  raw[`symmetry-${size}`] = sym;
  const t0 = median(full.map((r) => r.searchMs));
  const t1 = median(sym.map((r) => r.searchMs));
  rows.push({
    what: `symmetry ${size}: distinct states (search ms)`,
    faultline: `${fmt(sym[0].distinctStates)} (${fmt(t1, 1)} ms) vs ${fmt(full[0].distinctStates)} (${fmt(t0, 1)} ms)`,
    anchor: '-',
    ratio: `${(t0 / t1).toFixed(1)}x faster`,
  });
}

// ---- random: steps per second, and time to the early-delete bug
{
  const rs = repeat(`faultline random ${RANDOM_SIZE}`, REPS, () => faultline(['--size', RANDOM_SIZE, '--mode', 'random', '--runs', '20000', '--steps', '20']));
  raw[`random-${RANDOM_SIZE}`] = rs;
  const sps = median(rs.map((r) => r.stepsPerSecond ?? 0));
  let fc: number | undefined;
  let quint: number | undefined;
  if (!depsError) {
    fc = median(repeat(`fast-check array ${RANDOM_SIZE}`, REPS, () => runFastCheck(ANCHORS, RANDOM_SIZE, 'correct', 1000).stepsPerSecond!));
    try {
      quint = runQuint(ANCHORS, RANDOM_SIZE, QUICK ? 300 : 3000).stepsPerSecond;
    } catch (e) {
      notes.push(`Quint did not run: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  rows.push({
    what: `random ${RANDOM_SIZE}: steps/s (20,000 runs of up to 20 steps)`,
    faultline: fmt(sps),
    anchor: `fast-check array ${fmt(fc)}; Quint ${fmt(quint)}`,
    ratio: `${fc ? (sps / fc).toFixed(2) : '-'}x fast-check, ${quint ? Math.round(sps / quint) : '-'}x Quint`,
  });
  const seeds = [1, 2, 3, 4, 5];
  const bugs = seeds.map((seed) => faultline(['--size', RANDOM_SIZE, '--variant', 'early-delete', '--mode', 'random', '--seed', String(seed)]));
  raw[`early-delete-${RANDOM_SIZE}`] = bugs;
  const fcBugs = depsError ? [] : seeds.map((seed) => runFastCheck(ANCHORS, RANDOM_SIZE, 'early-delete', seed));
  rows.push({
    what: `early-delete ${RANDOM_SIZE}: time to first failure, median of 5 seeds (counterexample lengths)`,
    faultline: `${fmt(median(bugs.map((b) => b.timeToFailureMs ?? NaN)), 2)} ms (${bugs.map((b) => b.counterexampleLength).join('/')})`,
    anchor: fcBugs.length ? `fast-check ${fmt(median(fcBugs.map((b) => b.timeToFailureMs!)), 2)} ms (${fcBugs.map((b) => b.shrunkLength).join('/')})` : '-',
    ratio: '-',
  });
}

const table = [
  `sqs-pool benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, medians of ${REPS} (xxlarge: 1)`,
  '',
  '| measurement | faultline | anchor (same run) | ratio |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.what} | ${r.faultline} | ${r.anchor} | ${r.ratio} |`),
  ...notes.map((n) => `\nNote: ${n}`),
].join('\n');
writeFileSync(join(scratch, 'results.json'), JSON.stringify(raw, null, 1));
console.log(table);
