// node bench/packed-vs-objects.mjs control-plane|rds|SCENARIO [--param=K=V ...] [--rounds=7]
//
// A composition explored with its packed transitions and without them (the same model less its
// `packed` member), alternately in one process: what the packed forms of the control plane and
// rds give (issue 16, sixth session). Needs dist/ built (npm run build).
//   control-plane: az + ec2(3) + asg(2, ELB checks) + elb + controlPlane(1 call a tick, LockOut), 2 faults
//   rds:           az + ec2(3) + asg(2, ELB checks) + elb + rds(Multi-AZ, 2 writes), 2 faults, 60 s ticks (11.5 M states)
//   SCENARIO:      a bundled scenario's model at its default parameters, its properties left out
//                  (a run would stop once they are decided): the whole graph (seventh session);
//                  --param=K=V sets a parameter (`--param=messages=3 --param=workers=2`)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
const argv = process.argv.slice(2);
const which = argv.find((a) => !a.startsWith('--'));
const rounds = Number(argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 7);
const load = (path) => import(pathToFileURL(join(DIST, path)).href);
const [{ az }, { ec2 }, { asg }, { elb, elbHealthy }, { controlPlane }, { rds }, { compose }, { exploreExhaustive }] = await Promise.all(
  ['model/aws/az/index.js', 'model/aws/ec2/index.js', 'model/aws/asg/index.js', 'model/aws/elb/index.js', 'model/aws/control-plane/index.js', 'model/aws/rds/index.js', 'model/compose/compose.js', 'engine/bfs.js'].map(load),
);
const web = () => [az(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), elb({ registered: [0, 1], attachedToAsg: true })];
const scenario = which === 'control-plane' || which === 'rds' ? undefined : (await load('scenarios/index.js')).bundledScenarios.find((s) => s.name === which);
if (which === undefined || (which !== 'control-plane' && which !== 'rds' && scenario === undefined)) {
  console.error('usage: node bench/packed-vs-objects.mjs control-plane|rds|SCENARIO [--rounds=7] (SCENARIO: a bundled scenario, e.g. multi-az-web)');
  process.exit(2);
}
const params = Object.fromEntries(argv.filter((a) => a.startsWith('--param=')).map((a) => {
  const [k, v] = a.slice('--param='.length).split('=');
  return [k, Number.isNaN(Number(v)) ? v : Number(v)];
}));
const model = scenario !== undefined
  ? { ...scenario.build({ ...scenario.parameters, ...params }), properties: [] }
  : which === 'control-plane'
    ? compose([...web(), controlPlane({ callsPerTick: 1, lockOut: true })], { maxFaults: 2 })
    : compose([...web(), rds({ deployment: 'multiAz', writes: 2 })], { maxFaults: 2, tickSeconds: 60 });
const { packed, ...objects } = model;
if (packed === undefined) throw new Error('the composition has no packed transitions');
const times = { packed: [], objects: [] };
for (let r = 0; r < rounds; r++) {
  for (const [name, m] of [['packed', model], ['objects', objects]]) {
    const s = exploreExhaustive(m, {}).stats;
    times[name].push(s.searchMs);
    if (r === 0) console.log(`${name}: first run ${Math.round(s.searchMs)} ms, ${s.distinctStates} states, ${s.transitions} transitions`);
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[(xs.length - 1) >> 1];
console.log(`medians of ${rounds} rounds: packed ${Math.round(median(times.packed))} ms, objects ${Math.round(median(times.objects))} ms, ${(median(times.objects) / median(times.packed)).toFixed(2)}x`);
