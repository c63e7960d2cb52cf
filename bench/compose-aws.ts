/**
 * The component issue's speed check: az + capacity + ec2 + asg + elb (2 AZs, min 2, ELB health
 * checks) composed and explored exhaustively with a global fault budget.
 *
 *   node dist/bench/compose-aws.js [maxFaults=2] [--liveness]
 *
 * `--liveness` adds one liveness property, leadsTo(fewer than 2 healthy, 2 healthy), to measure
 * what the liveness pass costs against the same search without it (BENCHMARKS.md "Liveness").
 */
import { az } from '../model/aws/az/index.js';
import { ec2, healthyCount } from '../model/aws/ec2/index.js';
import { capacity } from '../model/aws/capacity/index.js';
import { asg } from '../model/aws/asg/index.js';
import { elb, elbHealthy } from '../model/aws/elb/index.js';
import { compose } from '../model/compose/compose.js';
import { exploreExhaustive } from '../engine/bfs.js';
import { leadsTo } from '../model/core/property.js';
import type { World } from '../model/compose/component.js';

const maxFaults = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 2);
const liveness = process.argv.includes('--liveness');
const properties = liveness ? [leadsTo<World>('NPlusOneAgain', (w) => healthyCount(w) < 2, (w) => healthyCount(w) >= 2)] : [];
const model = compose(
  [az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), elb({ registered: [0, 1], attachedToAsg: true })],
  { maxFaults, properties },
);
const r = exploreExhaustive(model);
const verdicts = r.properties.map((p) => `${p.name} ${p.verdict}`);
console.log(JSON.stringify({ maxFaults, liveness, verdicts, codeWords: model.codeWords, ...r.stats }));
