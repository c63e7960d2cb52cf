/**
 * `asg-single-az`: the N+1 group of `asg-n-plus-1` with both instances in one zone (the
 * group has one subnet). A host failure is survived, an AZ outage takes both instances at
 * once (INV-AZ-1).
 *
 * Verdicts: AtLeastNHealthy fails (one step: the outage); NPlusOneRestored fails too: the
 * group can launch only into its own zone, which stays down once faults stop.
 */
import { defineScenario } from '../../engine/scenario.js';
import { groupAvailabilityModel } from './availability.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { atLeastNHealthy, nPlusOneRestored, reachedAzOutage, reachedInstanceFailure, reachedReplacement } from '../../properties/fleet.js';

/** One minute a tick: boot and the ASG's impaired wait are one tick each. */
const TICK_SECONDS = 60;
const N = 1;
/**
 * The group's path to N+1 after a host failure in model time: the impaired wait (60 s), then
 * mark unhealthy, terminate, termination done, launch (control steps, no time), the boot
 * (60 s), running: 60 + 60 = 120 s (tight for a host failure alone; no bound restores N+1
 * after the outage).
 */
const RESTORE = { withinSeconds: 60 + 60 };

export function asgSingleAzModel() {
  return compose(
    [
      // The Region has two zones; the group's one subnet is in zone 0.
      az({ azs: 2, maxDown: 1, recoverable: false }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 0], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
      asg({ azs: 1, tickSeconds: TICK_SECONDS, min: N + 1, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
    ],
    {
      maxFaults: 1,
      properties: [atLeastNHealthy(N), nPlusOneRestored(N, RESTORE), reachedInstanceFailure(), reachedAzOutage(), reachedReplacement()],
    },
  );
}

export const asgSingleAz = defineScenario({
  name: 'asg-single-az',
  description: 'The N+1 group with both instances in one zone: an AZ outage leaves none healthy, and the group cannot launch outside its zone',
  model: asgSingleAzModel,
  modes: ['exhaustive', 'random'],
  expect: { AtLeastNHealthy: 'fails', NPlusOneRestored: 'fails' },
  random: { runs: 300, steps: 30 },
  // Faults recurring at their rates: down exactly while the zone is (faultline availability asg-single-az).
  availability: { model: () => groupAvailabilityModel([0, 0]), rates: { AzRecover: { meanHours: 4 } } },
});
