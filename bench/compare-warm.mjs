// node bench/compare-warm.mjs MODEL [--rounds=15] DIR_A DIR_B
//
// Two builds of faultline (each DIR with its dist/ built) explore the same model in ONE process,
// alternately, round after round: the second and later rounds measure each build's warm
// (optimized) code, which a process per run (bench/compare-builds.mjs) mixes with JIT warm-up.
// MODEL: compose-aws-2 (bench/compose-aws.ts's composition) or an sqs-pool size run as
// `--encoded` (xlarge, ...). Prints each build's first run, warm median and minimum, and the
// median of the rounds' time ratios B/A (the first round dropped). Issue 16, sixth session.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_MODELS, benchModel } from './bench-models.mjs';

const argv = process.argv.slice(2);
const rounds = Number(argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 15);
const [model, ...dirs] = argv.filter((a) => !a.startsWith('--')).map((a, i) => (i === 0 ? a : resolve(a)));
if (model === undefined || dirs.length !== 2 || dirs.some((d) => !existsSync(join(d, 'dist/engine/bfs.js'))) || !(rounds >= 2)) {
  console.error(`usage: node bench/compare-warm.mjs ${BENCH_MODELS} [--rounds=15] DIR_A DIR_B (each DIR with dist/ built)`);
  process.exit(2);
}

/** The model from build `dir`, and its explorer. */
async function setup(dir) {
  const dist = join(dir, 'dist');
  const m = await benchModel(dist, model);
  if (m === undefined) {
    console.error(`compare-warm: no model ${model} (${BENCH_MODELS})`);
    process.exit(2);
  }
  const { exploreExhaustive } = await import(pathToFileURL(join(dist, 'engine/bfs.js')).href);
  return () => exploreExhaustive(m, {}).stats;
}

const runs = await Promise.all(dirs.map(setup));
const times = dirs.map(() => []);
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < runs.length; i++) {
    const s = runs[i]();
    times[i].push(s.searchMs);
    if (r === 0) console.log(`${dirs[i]}: first run ${Math.round(s.searchMs)} ms, ${s.distinctStates} states, ${s.transitions} transitions`);
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[(xs.length - 1) >> 1];
for (let i = 0; i < runs.length; i++) {
  const warm = times[i].slice(1);
  console.log(`${dirs[i]}: warm median ${Math.round(median(warm))} ms, min ${Math.round(Math.min(...warm))} ms (${warm.length} rounds)`);
}
console.log(`B/A time, median of the rounds' ratios: ${median(times[1].slice(1).map((b, r) => b / times[0][r + 1])).toFixed(3)}`);
