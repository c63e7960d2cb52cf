/**
 * Multi-core scaling of the exhaustive explorer on sqs-pool (schema path): the serial run,
 * then `--workers` 1, 2, 4, ... each in its own process, with the speed-up over serial.
 * Needs only dist/ (no node_modules), so it can be carried to a many-core machine.
 *
 *   node dist/bench/scaling.js --size xxlarge --workers 1,2,4,8,16 [--packed] [--json]
 * (`--packed`: with the packed transitions, as `faultline bench --encoded` runs; default: codec only)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exploreExhaustive } from '../engine/bfs.js';
import { exploreParallel } from '../engine/parallel/explore.js';
import { encodedSqsPool } from '../scenarios/sqs-pool/schema.js';
import { packedSqsPool } from '../scenarios/sqs-pool/packed.js';
import { SIZES } from '../scenarios/sqs-pool/model.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const size = arg('--size', 'xlarge');
const packed = argv.includes('--packed');
if (!(size in SIZES)) throw new Error(`unknown size ${size}`);

interface Point {
  workers: number;
  states: number;
  transitions: number;
  searchMs: number;
  statesPerSecond: number;
  peakRssMb: number;
}

async function measure(workers: number): Promise<Point> {
  const report =
    workers === 0
      ? exploreExhaustive(packed ? packedSqsPool(SIZES[size]) : encodedSqsPool(SIZES[size]))
      : await exploreParallel(
          { module: new URL(packed ? '../scenarios/sqs-pool/packed.js' : '../scenarios/sqs-pool/schema.js', import.meta.url).href, export: packed ? 'packedSqsPool' : 'encodedSqsPool', args: [SIZES[size], 'correct'] },
          { workers },
        );
  const s = report.stats;
  return { workers, states: s.distinctStates ?? 0, transitions: s.transitions, searchMs: s.searchMs, statesPerSecond: s.statesPerSecond, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

if (argv.includes('--one')) {
  console.log(JSON.stringify(await measure(Number(arg('--one', '0')))));
} else {
  const counts = [0, ...arg('--workers', '1,2').split(',').map(Number)];
  const points: Point[] = [];
  for (const w of counts) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--size', size, ...(packed ? ['--packed'] : []), '--one', String(w)], { encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) throw new Error(`workers ${w}: ${r.stderr || r.error}`);
    const p = JSON.parse(r.stdout.trim().split('\n').pop()!) as Point;
    points.push(p);
    process.stderr.write(`${w === 0 ? 'serial' : `${w} workers`}: ${p.states} states, ${(p.searchMs / 1000).toFixed(2)} s\n`);
  }
  const serial = points[0];
  for (const p of points) if (p.states !== serial.states || p.transitions !== serial.transitions) throw new Error(`count mismatch at ${p.workers} workers`);
  if (argv.includes('--json')) console.log(JSON.stringify(points));
  else {
    console.log(`sqs-pool ${size} (${packed ? 'packed' : 'encoded'}), ${serial.states.toLocaleString('en-US')} states, ${serial.transitions.toLocaleString('en-US')} transitions`);
    console.log('| workers | search s | states/s | speed-up vs serial | peak RSS MB |\n| ---: | ---: | ---: | ---: | ---: |');
    for (const p of points) {
      console.log(`| ${p.workers === 0 ? 'serial' : p.workers} | ${(p.searchMs / 1000).toFixed(2)} | ${Math.round(p.statesPerSecond).toLocaleString('en-US')} | ${(serial.searchMs / p.searchMs).toFixed(2)}x | ${p.peakRssMb.toFixed(0)} |`);
    }
  }
}
