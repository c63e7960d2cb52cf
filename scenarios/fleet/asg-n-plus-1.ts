/**
 * `asg-n-plus-1`: N+1 behind a load balancer. An Auto Scaling group of 2 (min 2) across two
 * zones, registered with an ALB, serves a load that needs N = 1 instance; one instance
 * failure (a host failure) or one AZ outage may strike (maxFaults 1).
 *
 * Verdicts: AtLeastNHealthy holds (the survivor serves); NPlusOneRestored holds (the group
 * replaces the lost instance in the surviving zone); OnlyHealthyTargets fails (the ALB keeps
 * routing to the dead instance until two health checks have failed, INV-ELB-2);
 * OnlyHealthyTargetsAfterDetection holds (the detection window is bounded).
 */
import { defineScenario } from '../../engine/scenario.js';
import { groupAvailabilityModel } from './availability.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { elb } from '../../model/aws/elb/index.js';
import {
  atLeastNHealthy, nPlusOneRestored, onlyHealthyTargets, onlyHealthyTargetsAfterDetection, reachedAzOutage, reachedInstanceFailure,
  reachedReplacement,
} from '../../properties/fleet.js';

/** One minute a tick: EC2's status-check period; boot, the ASG's impaired wait and the ALB's 30 s check interval are one tick each. */
const TICK_SECONDS = 60;
/** The load needs N instances; the group runs N + 1. */
const N = 1;
/** The ALB's default unhealthy threshold: consecutive failed checks, an interval (1 tick) apart. */
const UNHEALTHY_THRESHOLD = 2;

/** The group's impaired wait before it marks a failed instance unhealthy, and a replacement's boot. */
const IMPAIRED_WAIT_SECONDS = 60;
const BOOT_SECONDS = 60;
/**
 * The group's path to N+1 in model time: the impaired wait (60 s), then mark, terminate,
 * termination done and launch (control steps, no time), the boot (60 s), running:
 * 60 + 60 = 120 s. The ALB's failed checks of the dead target interleave within that time.
 * The booting replacement is not checked: the group registers it when it is running
 * (InService). Tight: 60 s fails.
 */
const RESTORE = { withinSeconds: IMPAIRED_WAIT_SECONDS + BOOT_SECONDS };
/**
 * The ALB stops routing to a dead target after U failed checks one interval (1 tick) apart: the
 * first comes at once, so (U - 1) x 60 s = 60 s; sooner when the group deregisters it. Tight:
 * 0 s fails.
 */
const DETECTION_BOUND = { withinSeconds: (UNHEALTHY_THRESHOLD - 1) * TICK_SECONDS };

export function asgNPlusOneModel() {
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: false }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: N + 1, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
      elb({
        slots: 3, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], attachedToAsg: true, unhealthyThreshold: UNHEALTHY_THRESHOLD,
        deregistrationDelaySeconds: 0, faults: [],
      }),
    ],
    {
      maxFaults: 1,
      properties: [
        atLeastNHealthy(N),
        nPlusOneRestored(N, RESTORE),
        onlyHealthyTargets(),
        onlyHealthyTargetsAfterDetection(DETECTION_BOUND),
        reachedInstanceFailure(),
        reachedAzOutage(),
        reachedReplacement(),
      ],
    },
  );
}

export const asgNPlusOne = defineScenario({
  name: 'asg-n-plus-1',
  description: 'An Auto Scaling group of N+1 = 2 across two zones behind an ALB; one host failure or AZ outage: N stay healthy, N+1 is restored, the ALB routes to the dead instance until detection',
  model: asgNPlusOneModel,
  modes: ['exhaustive', 'random'],
  expect: { OnlyHealthyTargets: 'fails' },
  random: { runs: 300, steps: 30 },
  // Faults recurring at their rates (faultline availability asg-n-plus-1).
  availability: { model: () => groupAvailabilityModel([0, 1]), rates: { AzRecover: { meanHours: 4 } } },
});
