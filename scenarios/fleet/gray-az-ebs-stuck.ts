/**
 * `gray-az-ebs-stuck`: a gray failure of one zone's EBS. The N+1 group of 2 EBS-backed
 * instances across two zones behind an ALB; zone 0's EBS volumes get stuck (`AzEbsStuck`): I/O
 * hangs, and creating or attaching a volume there does not complete (aws-semantics INV-EBS-7;
 * the April 2011 event, https://aws.amazon.com/message/65648/). Zone 0's instance keeps
 * running and passes its system and instance status checks, but its application hangs on its
 * root volume: it serves nothing. Only the attached EBS status check (which the group reads
 * only with the EBS health check type, not modelled) and the ALB's health checks see it.
 *
 * - `:ec2-checks`: the group never replaces the hung instance: NPlusOneRestored fails (5
 *   steps: the fault, then ticks and the ALB's detection while the recovery path gets stuck).
 * - `:elb-checks`: the ALB reports it unhealthy, the group replaces it, and the replacement's
 *   launch into zone 0 is refused (an EBS-backed launch needs its root volume created there),
 *   so balanced-best-effort launches it in zone 1 [A3]: NPlusOneRestored holds, and the group
 *   does not rebalance back into zone 0 while its EBS is stuck.
 * - `:balanced-only`: the same, with the group keeping its zones balanced (`balanced-only`):
 *   it retries the stuck zone for ever and stays one short (INV-ASG-7): NPlusOneRestored fails
 *   (7 steps) and no replacement is ever launched (ReachedReplacement unreached).
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg, type AzStrategy, type HealthCheckType } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { elb, elbHealthy } from '../../model/aws/elb/index.js';
import { atLeastNHealthy, nPlusOneRestored, reachedAzEbsStuck, reachedReplacement } from '../../properties/fleet.js';

/** One minute a tick: the boot and the ALB's 30 s check interval are one tick each. */
const TICK_SECONDS = 60;
const N = 1;
const UNHEALTHY_THRESHOLD = 2;
const HEALTHY_THRESHOLD = 2;
/**
 * The ELB-checked group's path to N+1 in model time: detection (2 failed checks one interval,
 * a tick, apart; the first at once: (U - 1) x 60 s = 60 s), then mark, terminate, termination
 * done, launch (control steps, no time), the boot (60 s), running: 60 + 60 = 120 s. Tight (as in `asg-health-check:elb`).
 */
const RESTORE = { withinSeconds: (UNHEALTHY_THRESHOLD - 1) * TICK_SECONDS + 60 };

/** The group acting on `healthCheckType`, placing by `azStrategy`; zone 0's EBS stuck once (no repair: faults stop). */
export function grayAzEbsStuckModel(healthCheckType: HealthCheckType, azStrategy: AzStrategy = 'balanced-best-effort') {
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: false, faults: ['AzEbsStuck'] }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, rootDevice: 'ebs', faults: [] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: N + 1, healthCheckType, elbHealthy, gracePeriodSeconds: 0, azStrategy }),
      elb({
        slots: 3, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], attachedToAsg: true, unhealthyThreshold: UNHEALTHY_THRESHOLD,
        healthyThreshold: HEALTHY_THRESHOLD, deregistrationDelaySeconds: 0, faults: [],
      }),
    ],
    { maxFaults: 1, properties: [atLeastNHealthy(N), nPlusOneRestored(N, RESTORE), reachedAzEbsStuck(), reachedReplacement()] },
  );
}

export const grayAzEbsStuckEc2 = defineScenario({
  name: 'gray-az-ebs-stuck:ec2-checks',
  description: "One zone's EBS is stuck: its instance runs and passes its status checks but its application hangs; a group on EC2 checks never replaces it (NPlusOneRestored fails)",
  model: () => grayAzEbsStuckModel('EC2'),
  modes: ['exhaustive', 'random'],
  expect: { NPlusOneRestored: 'fails', ReachedReplacement: 'unreached' },
  random: { runs: 300, steps: 30 },
});

export const grayAzEbsStuckElb = defineScenario({
  name: 'gray-az-ebs-stuck:elb-checks',
  description: "The same stuck EBS with the group on the ALB's checks: the hung instance is replaced, in the other zone, since an EBS-backed launch into the stuck zone fails (NPlusOneRestored holds)",
  model: () => grayAzEbsStuckModel('ELB'),
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 30 },
});

export const grayAzEbsStuckBalancedOnly = defineScenario({
  name: 'gray-az-ebs-stuck:balanced-only',
  description: 'The same stuck EBS, ALB checks, and a group that keeps its zones balanced: it retries the stuck zone and stays one short (NPlusOneRestored fails)',
  model: () => grayAzEbsStuckModel('ELB', 'balanced-only'),
  modes: ['exhaustive', 'random'],
  expect: { NPlusOneRestored: 'fails', ReachedReplacement: 'unreached' },
  random: { runs: 300, steps: 30 },
});
