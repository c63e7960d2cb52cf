/**
 * `instance-rotation`: "expiry dates". A group of N = 2 instances at min = N with a maximum
 * instance lifetime of one day: every instance is replaced when it expires, with no failure
 * at all (aws-semantics §2: replacements one at a time, terminate first unless an instance
 * maintenance policy says otherwise).
 *
 * - `instance-rotation:launch-first`: an instance maintenance policy launches the replacement
 *   and waits for it to serve before terminating the expired one: AtLeastNHealthy holds.
 * - `instance-rotation:terminate-first`: the expired instance is terminated first, and the
 *   group runs on N - 1 until the replacement boots: AtLeastNHealthy fails.
 * One tick is a day (the smallest lifetime AWS allows); a boot then rounds up to a tick.
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg, type MaintenancePolicy } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { atLeastNHealthy, reachedInstanceExpiry, reachedReplacement } from '../../properties/fleet.js';

const DAY = 86_400;
const N = 2;

/** The group of N at min = N rotating its instances daily under `policy`. */
export function instanceRotationModel(policy: MaintenancePolicy) {
  return compose(
    [
      az({ azs: 2, maxDown: 0 }),
      // Launch-first takes the group to N + 1 for a while: one slot beyond that for the overlap.
      ec2({ slots: N + 2, azs: 2, tickSeconds: DAY, initial: [0, 1], autoScaling: true, faults: [] }),
      asg({ azs: 2, tickSeconds: DAY, min: N, max: N + 1, gracePeriodSeconds: 0, maintenancePolicy: policy, maxInstanceLifetimeSeconds: DAY }),
    ],
    { properties: [atLeastNHealthy(N), reachedInstanceExpiry(), reachedReplacement()] },
  );
}

export const instanceRotationLaunchFirst = defineScenario({
  name: 'instance-rotation:launch-first',
  description: 'Daily max-lifetime rotation at min = N, launching each replacement before terminating: N stay healthy',
  model: () => instanceRotationModel('launch-first'),
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 40 },
});

export const instanceRotationTerminateFirst = defineScenario({
  name: 'instance-rotation:terminate-first',
  description: 'The same rotation terminating each expired instance first (the default): the group drops to N - 1 (AtLeastNHealthy fails)',
  model: () => instanceRotationModel('terminate-first'),
  // Exhaustive only: a random run stops at its first violation, which here always comes
  // before the replacement boots, so random mode could never reach ReachedReplacement.
  modes: ['exhaustive'],
  expect: { AtLeastNHealthy: 'fails' },
});
