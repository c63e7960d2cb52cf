/**
 * `dependency-cascade`: an N+1 web tier (2 instances over two zones) behind an ALB, an Auto
 * Scaling group that acts on the ALB's health checks (health check type ELB, grace period 0),
 * and an RDS Multi-AZ database the application needs (`dependsOn: { asg: ['rds'] }`). One
 * fault: the database's primary fails, and RDS fails over to the standby in 60-120 s [R2].
 *
 * - `:deep-health-check`: the ALB's health-check page queries the database (`elb({
 *   healthCheck: 'deep' })`). During the failover every target fails its checks together, the
 *   ALB marks them all unhealthy (and fails open), and the group replaces healthy instances:
 *   a database failover becomes a fleet-wide replacement storm (aws-semantics INV-ASG-11,
 *   INV-ELB-4; the Builders' Library, "Implementing health checks": "a deep health check ...
 *   can cause a fleet-wide failure when a shared dependency fails").
 * - `:shallow-health-check`: the page answers from the instance alone; the application
 *   checks its database itself (it answers errors for requests that need it and reconnects
 *   after the failover) and never fails its health check for it. The fleet stays, and requests
 *   succeed again as soon as the failover completes.
 *
 * Verdicts: NoHealthyInstanceReplaced and AtLeastNHealthy fail with the deep check and hold
 * with the shallow one; RequestsServedAgain (bounded by the failover's 120 s) fails with the
 * deep check (the replacements must boot and pass their checks first) and holds with the
 * shallow one; NoAckedWriteLost holds in both (the standby is synchronous).
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { elb, elbHealthy } from '../../model/aws/elb/index.js';
import { rds } from '../../model/aws/rds/index.js';
import { noAckedWriteLost, reachedPrimaryFailure } from '../../properties/data.js';
import { atLeastNHealthy, noHealthyInstanceReplaced, reachedReplacement, requestsServedAgain } from '../../properties/fleet.js';

/** 30 s a tick: the ALB's check interval; the boot (60 s) two ticks; the failover 2-4 ticks. */
const TICK_SECONDS = 30;
const N = 1;
const UNHEALTHY_THRESHOLD = 2;
const HEALTHY_THRESHOLD = 2;
/**
 * RDS's documented Multi-AZ failover time is 60-120 s [R2]; the model takes its worst case.
 * (Recovery paths take AWS's control actions as soon as they are enabled, so a 60-120 s range
 * would be checked at 60 s: optimistic for a recovery bound.)
 */
const FAILOVER_SECONDS = 120;
/** Requests succeed again when the failover completes (its deadline); the shallow check keeps every instance serving. Tight. */
const SERVED_AGAIN = { withinSeconds: FAILOVER_SECONDS };

export type HealthCheckDepth = 'deep' | 'shallow';

export function dependencyCascadeModel(depth: HealthCheckDepth) {
  return compose(
    [
      az({ azs: 2, maxDown: 0 }),
      ec2({ slots: 4, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: [] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: N + 1, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 0 }),
      elb({
        slots: 4, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], attachedToAsg: true, unhealthyThreshold: UNHEALTHY_THRESHOLD,
        healthyThreshold: HEALTHY_THRESHOLD, deregistrationDelaySeconds: 0, faults: [], healthCheck: depth,
      }),
      rds({
        tickSeconds: TICK_SECONDS, deployment: 'multiAz', primaryAz: 0, standbyAz: 1, writes: 1, maxInstanceFailures: 1, backupRetentionDays: 0,
        failoverMinSeconds: FAILOVER_SECONDS, failoverMaxSeconds: FAILOVER_SECONDS,
      }),
    ],
    {
      maxFaults: 1,
      // The application needs its database; only a deep health check makes the ALB act on it.
      ...(depth === 'deep' ? { dependsOn: { asg: ['rds'] } } : {}),
      properties: [
        noHealthyInstanceReplaced(),
        atLeastNHealthy(N),
        requestsServedAgain(SERVED_AGAIN),
        noAckedWriteLost(),
        reachedPrimaryFailure(),
        ...(depth === 'deep' ? [reachedReplacement()] : []),
      ],
    },
  );
}

export const dependencyCascadeDeep = defineScenario({
  name: 'dependency-cascade:deep-health-check',
  description: 'A deep ALB health check on the database: a Multi-AZ failover fails every target at once and the ELB-checked group replaces the whole healthy fleet (a replacement storm)',
  model: () => dependencyCascadeModel('deep'),
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 40 },
  expect: { NoHealthyInstanceReplaced: 'fails', AtLeastNHealthy: 'fails', RequestsServedAgain: 'fails' },
});

export const dependencyCascadeShallow = defineScenario({
  name: 'dependency-cascade:shallow-health-check',
  description: 'The same tier with a shallow health check and the database checked by the application itself: the failover costs its 60-120 s, and no instance is replaced',
  model: () => dependencyCascadeModel('shallow'),
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 40 },
});
