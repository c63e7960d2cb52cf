// node bench/compare-builds.mjs [--rounds=5] [--xxlarge-rounds=3] [--no-spin] DIR...
//
// Issue 16's measurement: builds of faultline (each DIR holds a checkout with its dist/ built)
// run interleaved, round after round, one process a measurement, beside SPIN in the same
// rounds, so that every ratio compares runs taken under the same load. Rows: sqs-pool xlarge
// --encoded (and, for the last DIR, with --expected-states), the plain path at xlarge,
// compose-aws 2 per transition, and xxlarge --encoded for the first and last DIR. SPIN's pan is
// built and run as `npm run bench` does (this checkout's dist/bench/anchors-runner.js); without
// spin and gcc, or with --no-spin, the SPIN rows are left out.
// Prints medians as a Markdown table; every run is in bench/out/compare-builds.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name, dflt) => Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const rounds = flag('rounds', 5);
const bigRounds = flag('xxlarge-rounds', 3);
const dirs = argv.filter((a) => !a.startsWith('--')).map((d) => resolve(d));
if (dirs.length === 0 || dirs.some((d) => !existsSync(join(d, 'dist/cli/bin.js')))) {
  console.error('usage: node bench/compare-builds.mjs [--rounds=5] [--xxlarge-rounds=3] [--no-spin] DIR... (each DIR with dist/ built)');
  process.exit(2);
}
const STATES = { xlarge: 2_314_686, xxlarge: 14_756_553 };
const { buildSpin, which } = await import(join(ROOT, 'dist/bench/anchors-runner.js'));
const spinOn = !argv.includes('--no-spin') && which('spin') && which('gcc');
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
const spinRuns = spinOn ? Object.fromEntries(Object.keys(STATES).map((size) => [size, buildSpin(join(ROOT, 'bench/anchors'), size, join(ROOT, 'bench/out'))])) : {};

const runs = {};
const note = (key, r) => (runs[key] ??= []).push(r);
const lastLine = (s) => JSON.parse(s.trim().split('\n').pop());
function node(args) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: ${r.stderr.split('\n')[0]}`);
  return lastLine(r.stdout);
}
const bench = (dir, args) => node([join(dir, 'dist/cli/bin.js'), 'bench', 'sqs-pool', ...args, '--json']);
function spin(size) {
  const r = spinRuns[size]();
  if (r.states !== STATES[size]) throw new Error(`SPIN ${size}: ${r.states} states, expected ${STATES[size]}`);
  return r;
}
const last = dirs.at(-1);
const name = (d) => d.split('/').filter(Boolean).pop();
for (let round = 1; round <= rounds; round++) {
  for (const d of dirs) note(`${name(d)} xlarge encoded`, bench(d, ['--size', 'xlarge', '--encoded']));
  note(`${name(last)} xlarge encoded --expected-states`, bench(last, ['--size', 'xlarge', '--encoded', '--expected-states', String(STATES.xlarge)]));
  for (const d of dirs) note(`${name(d)} xlarge plain`, bench(d, ['--size', 'xlarge']));
  for (const d of dirs) note(`${name(d)} compose-aws 2`, node([join(d, 'dist/bench/compose-aws.js'), '2']));
  if (spinOn) note('SPIN xlarge', spin('xlarge'));
  console.error(`round ${round}/${rounds}`);
}
for (let round = 1; round <= bigRounds; round++) {
  for (const d of [...new Set([dirs[0], last])]) note(`${name(d)} xxlarge encoded`, bench(d, ['--size', 'xxlarge', '--encoded']));
  note(`${name(last)} xxlarge encoded --expected-states`, bench(last, ['--size', 'xxlarge', '--encoded', '--expected-states', String(STATES.xxlarge)]));
  if (spinOn) note('SPIN xxlarge', spin('xxlarge'));
  console.error(`xxlarge round ${round}/${bigRounds}`);
}
writeFileSync(join(ROOT, 'bench/out/compare-builds.json'), JSON.stringify(runs, null, 1));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rate = (r) => r.statesPerSecond;
const perTransition = (r) => (r.transitions / r.searchMs) * 1000;
const fmt = (x) => Math.round(x).toLocaleString('en-US');
console.log(`| measurement (median of ${rounds}; xxlarge ${bigRounds}) | states or transitions | rate | search ms |`);
console.log('| --- | ---: | ---: | ---: |');
for (const [key, rs] of Object.entries(runs)) {
  const spinRow = key.startsWith('SPIN');
  const compose = key.endsWith('compose-aws 2');
  const count = spinRow ? rs[0].states : compose ? rs[0].transitions : rs[0].distinctStates;
  const r = median(rs.map(spinRow ? rate : compose ? perTransition : rate));
  const ms = median(rs.map((x) => (spinRow ? x.wallS * 1000 : x.searchMs)));
  console.log(`| ${key} | ${fmt(count)}${compose ? ' transitions' : ' states'} | ${fmt(r)}${compose ? ' tr/s' : ' st/s'} | ${fmt(ms)} |`);
}
// The goals' ratios, per round (each against the same round's runs), then the median.
const perRound = (a, b, f = rate, g = rate) => median(runs[a].map((x, i) => f(x) / g(runs[b][i])));
console.log('\n| ratio (median of the rounds\' ratios) | value |\n| --- | ---: |');
for (const d of dirs) {
  const n = name(d);
  console.log(`| ${n}: compose-aws 2 per transition / xlarge --encoded per transition | ${perRound(`${n} compose-aws 2`, `${n} xlarge encoded`, perTransition, perTransition).toFixed(2)} |`);
  console.log(`| ${n}: plain / --encoded, xlarge | ${perRound(`${n} xlarge plain`, `${n} xlarge encoded`).toFixed(2)} |`);
  if (spinOn) console.log(`| ${n}: xlarge --encoded / SPIN | ${perRound(`${n} xlarge encoded`, 'SPIN xlarge').toFixed(2)} |`);
  if (runs[`${n} xxlarge encoded`] && runs['SPIN xxlarge']) console.log(`| ${n}: xxlarge --encoded / SPIN | ${perRound(`${n} xxlarge encoded`, 'SPIN xxlarge').toFixed(2)} |`);
  if (runs[`${n} xxlarge encoded`]) console.log(`| ${n}: xxlarge / xlarge --encoded, states/s | ${(median(runs[`${n} xxlarge encoded`].map(rate)) / median(runs[`${n} xlarge encoded`].map(rate))).toFixed(2)} |`);
  if (d !== dirs[0]) console.log(`| ${n} / ${name(dirs[0])}: xlarge --encoded, plain, compose-aws 2 | ${perRound(`${n} xlarge encoded`, `${name(dirs[0])} xlarge encoded`).toFixed(2)}, ${perRound(`${n} xlarge plain`, `${name(dirs[0])} xlarge plain`).toFixed(2)}, ${perRound(`${n} compose-aws 2`, `${name(dirs[0])} compose-aws 2`, perTransition, perTransition).toFixed(2)} |`);
}
const n = name(last);
console.log(`| ${n} --expected-states / growing, xlarge | ${perRound(`${n} xlarge encoded --expected-states`, `${n} xlarge encoded`).toFixed(2)} |`);
if (spinOn) console.log(`| ${n} --expected-states xlarge / SPIN | ${perRound(`${n} xlarge encoded --expected-states`, 'SPIN xlarge').toFixed(2)} |`);
if (runs['SPIN xxlarge']) console.log(`| ${n} --expected-states xxlarge / SPIN | ${perRound(`${n} xxlarge encoded --expected-states`, 'SPIN xxlarge').toFixed(2)} |`);
if (runs[`${n} xxlarge encoded --expected-states`]) console.log(`| ${n} --expected-states: xxlarge / xlarge, states/s | ${(median(runs[`${n} xxlarge encoded --expected-states`].map(rate)) / median(runs[`${n} xlarge encoded --expected-states`].map(rate))).toFixed(2)} |`);
if (spinOn && runs['SPIN xxlarge']) console.log(`| SPIN: xxlarge / xlarge, states/s | ${(median(runs['SPIN xxlarge'].map(rate)) / median(runs['SPIN xlarge'].map(rate))).toFixed(2)} |`);
