/**
 * `asg-capacity`: the N+1 group of 2 across two zones loses a zone while the surviving zone
 * has no spare on-demand capacity for the instance type (InsufficientInstanceCapacity,
 * INV-EC2-5, INV-ASG-8). Faults: one AZ outage and one capacity shortage (maxFaults 2).
 *
 * - `asg-capacity:no-reservation`: the replacement cannot be launched anywhere (the failed
 *   zone is down, the other is short): NPlusOneRestored fails.
 * - `asg-capacity:reserved`: an On-Demand Capacity Reservation of 2 in each zone (enough for
 *   the whole group in either zone) admits the launch despite the shortage: it holds.
 * AtLeastNHealthy (N = 1) holds in both: the survivor keeps serving.
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { capacity } from '../../model/aws/capacity/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { atLeastNHealthy, nPlusOneRestored, reachedAzOutage, reachedCapacityShortage, reachedReplacement } from '../../properties/fleet.js';

/** One minute a tick: boot and the ASG's impaired wait are one tick each. */
const TICK_SECONDS = 60;
const N = 1;
/**
 * The group's path to N+1 after an outage in model time: the impaired wait (60 s), then mark
 * unhealthy, terminate, termination done, launch (control steps, no time), the boot (60 s),
 * running: 60 + 60 = 120 s. Tight.
 */
const RESTORE = { withinSeconds: 60 + 60 };

/** The group with `reservedPerZone` reserved instances in each zone (0: none). */
export function asgCapacityModel(reservedPerZone: number) {
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: false }),
      capacity({ azs: 2, reserved: reservedPerZone, maxShort: 1, restorable: false }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: [] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: N + 1, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
    ],
    {
      maxFaults: 2,
      properties: [atLeastNHealthy(N), nPlusOneRestored(N, RESTORE), reachedAzOutage(), reachedCapacityShortage(), reachedReplacement()],
    },
  );
}

export const asgCapacityNoReservation = defineScenario({
  name: 'asg-capacity:no-reservation',
  description: 'An AZ outage while the surviving zone has no spare capacity: the group stays one short (NPlusOneRestored fails)',
  model: () => asgCapacityModel(0),
  modes: ['exhaustive', 'random'],
  expect: { NPlusOneRestored: 'fails' },
  random: { runs: 300, steps: 30 },
});

export const asgCapacityReserved = defineScenario({
  name: 'asg-capacity:reserved',
  description: 'The same outage and shortage with a capacity reservation of 2 per zone: the replacement launches (NPlusOneRestored holds)',
  model: () => asgCapacityModel(N + 1),
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 30 },
});
