/**
 * The component issue's speed check: az + capacity + ec2 + asg + elb (2 AZs, min 2, ELB health
 * checks) composed and explored exhaustively with a global fault budget.
 *
 *   node dist/bench/compose-aws.js [maxFaults=2]
 */
import { az } from '../model/aws/az/index.js';
import { ec2 } from '../model/aws/ec2/index.js';
import { capacity } from '../model/aws/capacity/index.js';
import { asg } from '../model/aws/asg/index.js';
import { elb, elbHealthy } from '../model/aws/elb/index.js';
import { compose } from '../model/compose/compose.js';
import { exploreExhaustive } from '../engine/bfs.js';

const maxFaults = Number(process.argv[2] ?? 2);
const model = compose(
  [az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), elb({ registered: [0, 1], attachedToAsg: true })],
  { maxFaults },
);
const r = exploreExhaustive(model);
console.log(JSON.stringify({ maxFaults, codeWords: model.codeWords, ...r.stats }));
