/**
 * `asg-health-check`: the N+1 group of 2 behind an ALB, and the application dies on a
 * running, healthy OS (one `AppCrash`): the EC2 status checks keep passing.
 *
 * - `asg-health-check:ec2`: the group uses EC2 health checks only (the default): it never
 *   sees the dead application, never replaces it (INV-ASG-1): NPlusOneRestored fails. The
 *   ALB stops routing to it, so the group silently runs on one instance.
 * - `asg-health-check:elb`: the group also uses the ALB's health checks: the instance is
 *   marked unhealthy once the ALB reports it, and replaced: NPlusOneRestored holds.
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg, type HealthCheckType } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { elb, elbHealthy } from '../../model/aws/elb/index.js';
import { atLeastNHealthy, nPlusOneRestored, reachedAppCrash, reachedReplacement } from '../../properties/fleet.js';

/** One minute a tick: boot and the ALB's 30 s check interval are one tick each. */
const TICK_SECONDS = 60;
const N = 1;
/** The ALB's thresholds: 2 failed checks to unhealthy, 2 passes back (the lowest allowed, to keep the space small). */
const UNHEALTHY_THRESHOLD = 2;
const HEALTHY_THRESHOLD = 2;
/**
 * The console's default grace period (5 ticks). The group registers a replacement with the
 * ALB only once it is running (InService), and the ALB marks a new target healthy after one
 * passing check, so a booting replacement never fails a check: even a grace period of 0 does
 * not make the group replace its replacements (`asg-elb-grace-zero` checks that). A grace
 * period matters when the application needs time after boot (INV-ASG-2), which this model
 * does not have: the application serves as soon as the instance runs.
 */
const GRACE_SECONDS = 300;
/**
 * The ELB-checked group's path to N+1 in model time: detection (2 failed checks one interval,
 * a tick, apart; the first at once: (U - 1) x 60 s = 60 s), then mark, terminate, termination
 * done, launch (control steps, no time), the boot (60 s), running: 60 + 60 = 120 s. The replacement is registered when it runs, and counts as healthy at once. Tight.
 */
const RESTORE = { withinSeconds: (UNHEALTHY_THRESHOLD - 1) * TICK_SECONDS + 60 };

/** The group acting on `healthCheckType`. */
export function asgHealthCheckModel(healthCheckType: HealthCheckType) {
  return compose(
    [
      az({ azs: 2, maxDown: 0 }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['AppCrash'] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: N + 1, healthCheckType, elbHealthy, gracePeriodSeconds: GRACE_SECONDS }),
      elb({
        slots: 3, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], attachedToAsg: true, unhealthyThreshold: UNHEALTHY_THRESHOLD,
        healthyThreshold: HEALTHY_THRESHOLD, deregistrationDelaySeconds: 0, faults: [],
      }),
    ],
    { maxFaults: 1, properties: [atLeastNHealthy(N), nPlusOneRestored(N, RESTORE), reachedAppCrash(), reachedReplacement()] },
  );
}

export const asgHealthCheckEc2 = defineScenario({
  name: 'asg-health-check:ec2',
  description: 'The application dies on a running OS and the group checks only EC2 status: it is never replaced (NPlusOneRestored fails)',
  model: () => asgHealthCheckModel('EC2'),
  modes: ['exhaustive', 'random'],
  expect: { NPlusOneRestored: 'fails', ReachedReplacement: 'unreached' },
  random: { runs: 300, steps: 30 },
});

export const asgHealthCheckElb = defineScenario({
  name: 'asg-health-check:elb',
  description: "The same crash with the group using the ALB's health checks: the instance is replaced (NPlusOneRestored holds)",
  model: () => asgHealthCheckModel('ELB'),
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 30 },
});
