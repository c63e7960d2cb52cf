/**
 * The availability modes of the N+1 group scenarios (`faultline availability`, issue 18): the
 * same group with faults that recur and are repaired (no fault budget; a zone comes back,
 * hosts are replaced by the group), timed by rates: host failures and zone outages at the
 * defaults of engine/availability/rates.ts (assumptions: AWS publishes no rate for either),
 * a zone outage lasting 4 h on average, AWS's loops on the one-minute clock.
 */
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { atLeastNHealthy } from '../../properties/fleet.js';

const TICK_SECONDS = 60;

/** The N+1 = 2 group with its instances in the zones `initial` gives (`[0, 1]` across two, `[0, 0]` one). */
export function groupAvailabilityModel(initial: readonly [number, number]) {
  const zones = initial[0] === initial[1] ? 1 : 2;
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: true }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [...initial], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
      asg({ azs: zones, tickSeconds: TICK_SECONDS, min: 2, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
    ],
    { properties: [atLeastNHealthy(1)] },
  );
}
