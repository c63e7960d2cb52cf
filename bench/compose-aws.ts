/**
 * The component issue's speed check: az + capacity + ec2 + asg + elb (2 AZs, min 2, ELB health
 * checks) composed and explored exhaustively with a global fault budget.
 *
 *   node dist/bench/compose-aws.js [maxFaults=2] [--liveness] [--always] [--recovers] [--symmetry] [--por] [--prompt-control]
 *
 * `--liveness` adds one liveness property, leadsTo(fewer than 2 healthy, 2 healthy), to measure
 * what the liveness pass costs against the same search without it (BENCHMARKS.md "Liveness").
 * `--always` adds AtLeastNHealthy(1) (always: one instance healthy at every moment; it holds
 * with a fault budget of 1 and fails in 2 steps with 2 or more) and `--recovers`
 * NPlusOneRestored(1) (once faults stop, 2 healthy again within 20 minutes; it fails, a 7-step
 * counterexample from a host failure, with any budget). A run stops once every property is
 * decided, so for the size of the whole space run it without properties. The search is the
 * bench's usual one (no prompt control); `--prompt-control` explores as `faultline check` does
 * for a composed model.
 * `--symmetry` asks for symmetry reduction (the slot sets the composition keeps: az's zones,
 * with each instance's zone, capacity's limits and elb's nodes moving along, and ec2's instance
 * slots, with asg's members and elb's targets; a run where none is kept says why and explores
 * the full graph). `--por`: partial-order reduction.
 */
import { az } from '../model/aws/az/index.js';
import { ec2, healthyCount } from '../model/aws/ec2/index.js';
import { capacity } from '../model/aws/capacity/index.js';
import { asg } from '../model/aws/asg/index.js';
import { elb, elbHealthy } from '../model/aws/elb/index.js';
import { compose } from '../model/compose/compose.js';
import { exploreExhaustive } from '../engine/bfs.js';
import { leadsTo, type Property } from '../model/core/property.js';
import { atLeastNHealthy, nPlusOneRestored } from '../properties/fleet.js';
import type { World } from '../model/compose/component.js';

const argv = process.argv.slice(2);
const maxFaults = Number(argv.find((a) => !a.startsWith('--')) ?? 2);
const liveness = argv.includes('--liveness');
const symmetryAsked = argv.includes('--symmetry');
const por = argv.includes('--por');
const properties: Property<World>[] = [];
if (liveness) properties.push(leadsTo<World>('NPlusOneAgain', (w) => healthyCount(w) < 2, (w) => healthyCount(w) >= 2));
if (argv.includes('--always')) properties.push(atLeastNHealthy(1));
if (argv.includes('--recovers')) properties.push(nPlusOneRestored(1, { withinSeconds: 1200 }));
const model = compose(
  [az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), elb({ registered: [0, 1], attachedToAsg: true })],
  { maxFaults, properties },
);
// Symmetry reduction needs a canonical form: without an applied slot set the run is the full search.
const symmetry = symmetryAsked && model.canonical !== undefined;
const notices = symmetryAsked && !symmetry ? [`--symmetry: not applied (${model.slotSymmetry.dropped.map((d) => `${d.set} dropped: ${d.reason}`).join('; ') || 'no slot set declared'})`] : [];
const r = exploreExhaustive(model, { symmetry, por, promptControl: argv.includes('--prompt-control') });
const verdicts = r.properties.map((p) => `${p.name} ${p.verdict}${p.counterexample ? ` ${p.counterexample.length} steps` : ''}`);
console.log(JSON.stringify({ maxFaults, liveness, symmetry, por, verdicts, notices: [...notices, ...(r.notices ?? [])], codeWords: model.codeWords, ...r.stats }));
