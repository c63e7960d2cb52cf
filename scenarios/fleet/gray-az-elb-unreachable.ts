/**
 * `gray-az-elb-unreachable`: a gray failure of one zone. The N+1 group of 2 across two zones
 * behind an ALB; the load balancer loses its path to zone 0's instances (`AzLbUnreachable`):
 * their targets fail health checks and requests to them fail, while the instances run and
 * pass their EC2 status checks. Different observers see the zone differently (AWS's "Advanced
 * Multi-AZ Resilience Patterns", gray failures and differential observability,
 * https://docs.aws.amazon.com/whitepapers/latest/advanced-multi-az-resilience-patterns/gray-failures.html).
 *
 * - `:ec2-checks`: the group sees nothing wrong (status checks pass) and replaces nothing.
 *   Both instances stay healthy at every moment (AtLeastNHealthy with n = 2 holds), but only
 *   zone 1's instance serves clients: NPlusOneServing fails (5 steps: the fault, the ALB's
 *   two failed checks a tick apart, and the recovery path gets stuck).
 * - `:elb-checks`: the group sees the ALB's view, marks the cut-off instance unhealthy and
 *   replaces it: a healthy instance replaced (NoHealthyInstanceReplaced fails), and the
 *   replacement goes to the zone with the fewest members, the same sick zone, where it fails
 *   its checks and is replaced again: NPlusOneServing fails too, and so does AtLeastNHealthy
 *   with n = 2 (the group terminates a healthy instance). The model's group balances
 *   by member count only; moving capacity away from the impaired zone is what a zonal shift
 *   does (not modelled here; the whitepaper's "Availability Zone evacuation").
 *
 * In both, the other zone's instance keeps serving (AtLeastNServing holds): a design that
 * spreads N+1 over zones survives the gray zone at N, and only the N+1 promise breaks.
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg, type HealthCheckType } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { elb, elbHealthy } from '../../model/aws/elb/index.js';
import {
  atLeastNHealthy, atLeastNServing, noHealthyInstanceReplaced, nPlusOneServing, reachedAzLbUnreachable, reachedReplacement,
} from '../../properties/fleet.js';

/** One minute a tick: the boot and the ALB's 30 s check interval are one tick each. */
const TICK_SECONDS = 60;
const N = 1;
const UNHEALTHY_THRESHOLD = 2;
const HEALTHY_THRESHOLD = 2;
/**
 * The ELB-checked group's path to N+1 in model time: detection (2 failed checks one interval,
 * a tick, apart; the first at once: (U - 1) x 60 s = 60 s), then mark, terminate, termination
 * done, launch (control steps, no time), the boot (60 s), running: 60 + 60 = 120 s. The verdicts do not depend on it: no bound restores N+1 here.
 */
const RESTORE = { withinSeconds: (UNHEALTHY_THRESHOLD - 1) * TICK_SECONDS + 60 };

/** The group acting on `healthCheckType`, zone 0 cut off from the ALB once (no repair: faults stop). */
export function grayAzElbUnreachableModel(healthCheckType: HealthCheckType) {
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: false, faults: ['AzLbUnreachable'] }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: [] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: N + 1, healthCheckType, elbHealthy, gracePeriodSeconds: 0 }),
      elb({
        slots: 3, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], attachedToAsg: true, unhealthyThreshold: UNHEALTHY_THRESHOLD,
        healthyThreshold: HEALTHY_THRESHOLD, deregistrationDelaySeconds: 0, faults: [],
      }),
    ],
    {
      maxFaults: 1,
      properties: [
        atLeastNServing(N),
        nPlusOneServing(N, RESTORE),
        // Every instance healthy by its own checks: the other observer of the gray failure.
        atLeastNHealthy(N + 1),
        noHealthyInstanceReplaced(),
        reachedAzLbUnreachable(),
        reachedReplacement(),
      ],
    },
  );
}

export const grayAzElbUnreachableEc2 = defineScenario({
  name: 'gray-az-elb-unreachable:ec2-checks',
  description: 'The ALB cannot reach one zone, whose instances pass their EC2 status checks: a group on EC2 checks replaces nothing, both instances stay healthy, one serves (NPlusOneServing fails)',
  model: () => grayAzElbUnreachableModel('EC2'),
  modes: ['exhaustive', 'random'],
  expect: { NPlusOneServing: 'fails', ReachedReplacement: 'unreached' },
  random: { runs: 300, steps: 30 },
});

export const grayAzElbUnreachableElb = defineScenario({
  name: 'gray-az-elb-unreachable:elb-checks',
  description: "The same gray zone with the group on the ALB's checks: it replaces the healthy cut-off instance into the same zone, again and again (NoHealthyInstanceReplaced, NPlusOneServing and AtLeastNHealthy of 2 fail)",
  model: () => grayAzElbUnreachableModel('ELB'),
  modes: ['exhaustive', 'random'],
  expect: { NPlusOneServing: 'fails', AtLeastNHealthy: 'fails', NoHealthyInstanceReplaced: 'fails' },
  random: { runs: 300, steps: 30 },
});
