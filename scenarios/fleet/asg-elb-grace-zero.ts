/**
 * `asg-elb-grace-zero`: the N+1 group of 2 behind an ALB, acting on the ALB's health checks
 * with a health check grace period of 0 (the API's and CloudFormation's default) and a
 * 3-minute boot; the application dies on one instance (one `AppCrash`).
 *
 * The group registers a replacement with the load balancer when it enters InService (EC2
 * state `running`), not at launch ("Amazon EC2 Auto Scaling instance lifecycle",
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html), and
 * the ALB marks a new target healthy after one passing check [L1]. So the booting
 * replacement is never checked, the running one passes its first check, and the group keeps
 * it: NPlusOneRestored holds even with no grace period. Registered at launch instead (the
 * model before issue 12), the replacement failed two checks while still booting, the group
 * marked it unhealthy and replaced it, for ever (`AsgLaunch TargetHealthCheck Tick
 * TargetHealthCheck InstanceRunning AsgMarkUnhealthy ...`), and NPlusOneRestored failed.
 *
 * What a grace period still guards against is an application that needs time after the
 * instance runs (INV-ASG-2); this model's application serves as soon as the instance runs.
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { elb, elbHealthy } from '../../model/aws/elb/index.js';
import { atLeastNHealthy, noHealthyInstanceReplaced, nPlusOneRestored, reachedAppCrash, reachedReplacement } from '../../properties/fleet.js';

/** One minute a tick: the ALB's 30 s interval is one tick, the boot three. */
const TICK_SECONDS = 60;
/** Longer than the ALB's detection (2 failed checks, a tick apart): registered while booting, a replacement would be marked unhealthy before it runs. */
const BOOT_SECONDS = 180;
const N = 1;
const UNHEALTHY_THRESHOLD = 2;
const HEALTHY_THRESHOLD = 2;
/**
 * The path to N+1 in model time: detection of the dead application (2 failed checks one
 * interval, a tick, apart; the first at once: (U - 1) x 60 s = 60 s), then mark, terminate,
 * termination done, launch (control steps, no time), the boot (180 s), running: 60 + 180 =
 * 240 s. Tight.
 */
const RESTORE = { withinSeconds: (UNHEALTHY_THRESHOLD - 1) * TICK_SECONDS + BOOT_SECONDS };

export function asgElbGraceZeroModel() {
  return compose(
    [
      az({ azs: 2, maxDown: 0 }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, bootSeconds: BOOT_SECONDS, faults: ['AppCrash'] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: N + 1, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 0 }),
      elb({
        slots: 3, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], attachedToAsg: true, unhealthyThreshold: UNHEALTHY_THRESHOLD,
        healthyThreshold: HEALTHY_THRESHOLD, deregistrationDelaySeconds: 0, faults: [],
      }),
    ],
    { maxFaults: 1, properties: [atLeastNHealthy(N), nPlusOneRestored(N, RESTORE), noHealthyInstanceReplaced(), reachedAppCrash(), reachedReplacement()] },
  );
}

export const asgElbGraceZero = defineScenario({
  name: 'asg-elb-grace-zero',
  description: 'ELB health checks with a grace period of 0 and a 3-minute boot: the group registers a replacement once it runs, so it is not replaced again (NPlusOneRestored holds)',
  model: asgElbGraceZeroModel,
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 30 },
});
