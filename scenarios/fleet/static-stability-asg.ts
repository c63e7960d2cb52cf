/**
 * `static-stability:launch-on-demand` and `static-stability:pre-provisioned`: the Builders'
 * Library's "Static stability using Availability Zones" [Z5] on an Auto Scaling group across two
 * zones, with the Region's control plane in the composition (model/aws/control-plane). The load
 * needs N = 2 instances; one AZ outage may strike (maxFaults 1); `staticallyStable` impairs the
 * control plane for good from any settled state (`LockOut`), then lets the outage happen.
 *
 * - `launch-on-demand`: N+1 = 3 instances, two in zone 0 and one in zone 1. N+1 covers an
 *   instance failure, not a zone: losing zone 0 leaves one instance, and the design relies on the
 *   group launching replacements into zone 1. With the control plane it does (NPlusOneRestored
 *   holds); without, no launch happens (StaticallyStableNPlusOneRestored fails), and N healthy
 *   never holds through the outage (StaticallyStableAtLeastNHealthy fails, as AtLeastNHealthy).
 * - `pre-provisioned`: 2N = 4 instances, two per zone: each zone alone carries the load, so an
 *   AZ loss needs no control-plane action (StaticallyStableAtLeastNHealthy holds). Restoring the
 *   spare capacity still needs launches (StaticallyStableNPlusOneRestored fails): static
 *   stability keeps the promise, not the redundancy.
 *
 * The properties beside the static-stability ones are `ignoringLockOut`: their verdicts are the
 * design's with a working control plane. Parameter `callsPerTick` (0: no throttle) throttles the
 * control plane: the group's terminations and launches then wait for ticks, and recovery takes
 * longer (test/properties/static-stability.test.ts).
 *
 * Sources: [Z5] https://aws.amazon.com/builders-library/static-stability-using-availability-zones/
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { controlPlane } from '../../model/aws/control-plane/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { compose } from '../../model/compose/compose.js';
import { atLeastNHealthy, nPlusOneRestored, reachedAzOutage, reachedReplacement } from '../../properties/fleet.js';
import { ignoringLockOut, reachedControlPlaneImpaired, reachedWhileLockedOut, staticallyStable } from '../../properties/static-stability.js';

/** One minute a tick: EC2's status-check period; boot and the group's impaired wait are one tick each. */
const TICK_SECONDS = 60;
/** The load needs N instances. */
const N = 2;

/** How the group is provisioned. */
export type Provisioning = 'launch-on-demand' | 'pre-provisioned';

/** Zones of the group's instances at the start. */
const INITIAL: Readonly<Record<Provisioning, readonly number[]>> = {
  'launch-on-demand': [0, 0, 1],
  'pre-provisioned': [0, 0, 1, 1],
};

/**
 * The group's path back to N+1 after losing zone 0's two instances, in model time: the
 * impaired wait (60 s), then the marks, terminations and their completions (terminate-first)
 * and the launches (control steps, no time), the boot (60 s), the runs: 60 + 60 = 120 s, for
 * launch-on-demand (two launches, both running) and pre-provisioned (one of the two it
 * launches running) alike. Measured tight (one tick less fails). Throttled to one call per
 * tick, the terminations and launches wait for ticks (test/properties/static-stability.test.ts).
 */
const RESTORE = { withinSeconds: 60 + 60 };

/** The scenarios' parameter: the control plane's API calls per tick (0: no throttle). */
export type ThrottleParams = { readonly callsPerTick: number };

export function staticStabilityAsgModel(provisioning: Provisioning, callsPerTick = 0) {
  const initial = INITIAL[provisioning];
  const restore = nPlusOneRestored(N, RESTORE);
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: false }),
      ec2({ slots: initial.length + 1, azs: 2, tickSeconds: TICK_SECONDS, initial, autoScaling: true, autoRecovery: false, faults: [] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: initial.length, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
      controlPlane({ faults: [], lockOut: true, ...(callsPerTick > 0 ? { callsPerTick } : {}) }),
    ],
    {
      maxFaults: 1,
      properties: [
        ignoringLockOut(atLeastNHealthy(N)),
        ignoringLockOut(restore),
        staticallyStable(atLeastNHealthy(N)),
        staticallyStable(restore),
        reachedWhileLockedOut(reachedAzOutage()),
        reachedControlPlaneImpaired(),
        ignoringLockOut(reachedReplacement()),
      ],
    },
  );
}

export const staticStabilityLaunchOnDemand = defineScenario<ThrottleParams>({
  name: 'static-stability:launch-on-demand',
  description: 'An N+1 group (N = 2) over two zones that replaces a lost zone by launching: with the control plane impaired for good, an AZ loss leaves it below N (StaticallyStableAtLeastNHealthy fails)',
  model: (p) => staticStabilityAsgModel('launch-on-demand', p.callsPerTick),
  parameters: { callsPerTick: 0 },
  modes: ['exhaustive'],
  expect: { AtLeastNHealthy: 'fails', StaticallyStableAtLeastNHealthy: 'fails', StaticallyStableNPlusOneRestored: 'fails' },
});

export const staticStabilityPreProvisioned = defineScenario<ThrottleParams>({
  name: 'static-stability:pre-provisioned',
  description: 'The group pre-provisioned with N per zone (2N = 4): an AZ loss needs no launch, so N stay healthy with the control plane impaired for good (StaticallyStableAtLeastNHealthy holds)',
  model: (p) => staticStabilityAsgModel('pre-provisioned', p.callsPerTick),
  parameters: { callsPerTick: 0 },
  modes: ['exhaustive'],
  expect: { StaticallyStableNPlusOneRestored: 'fails' },
});
