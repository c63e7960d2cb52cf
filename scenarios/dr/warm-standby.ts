/**
 * `dr:warm-standby`: AWS's "Warm standby" strategy (the "Disaster Recovery of Workloads on
 * AWS" whitepaper [DR1]: "a scaled down, but fully functional, copy of your production
 * environment in another Region ... can handle traffic (at reduced capacity levels)
 * immediately", then scales up). The pilot light's data path (an RDS cross-Region read replica
 * in `east`, lag at most 5 minutes, promoted by the runbook on `east`'s control plane; Route 53
 * health-checked failover records, TTL 60 s) with the application already running in `east`
 * at reduced capacity (an instance, `webEast`), and a runbook step that scales it out to full
 * capacity: the Auto Scaling group's new desired capacity (UpdateAutoScalingGroup, an API call
 * on `east`'s control plane), its launches and boots, 5 minutes in all.
 *
 * Ticks of one minute:
 * - Recovery time: clients are served at reduced capacity once Route 53 moves them (3 probes
 *   at one a tick, the TTL ending at the same tick: 180 s); the promotion takes no model time
 *   and the fleet already runs. RecoveryTimeWithin(300) holds (120 s would not).
 * - Full capacity: the scale-out starts at the outage and takes 5 minutes:
 *   FullCapacityWithin(300) holds (240 s would not); with the scale-out on the failed Region's
 *   control plane it never comes (a test checks it).
 * - Recovery point: the replica's lag bound, 300 s: a write acknowledged, unapplied for 5 ticks
 *   (the apply may wait while time passes, up to the bound), then the outage and the promotion
 *   (RecoveryPointWithin(300) holds; 240 s would not).
 *
 * Not modelled: the fleet's own faults and the group's instances during the scale-out (the
 * runbook step stands for them), the promotion's minutes, failing back.
 *
 * [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { az } from '../../model/aws/az/index.js';
import { controlPlane } from '../../model/aws/control-plane/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { rds } from '../../model/aws/rds/index.js';
import { rdsReplica } from '../../model/aws/rds-replica/index.js';
import { region } from '../../model/aws/region/index.js';
import { route53 } from '../../model/aws/route53/index.js';
import { runbook } from '../../model/aws/runbook/index.js';
import { onInstances } from '../../model/core/property.js';
import { reachedRegionOutage, recoveryPointWithin } from '../../properties/dr.js';
import { reachedStandbyServing, recoveryTimeAcross, type Sites } from '../../properties/dr-strategies.js';

/** One minute a tick. */
const TICK_SECONDS = 60;
/** The replica's lag bound, and the design's RPO: 5 minutes. */
const LAG_SECONDS = 300;
const RPO_SECONDS = 300;
/** The scale-out: new desired capacity, launches, boots. */
const SCALE_OUT_SECONDS = 300;
/** The design's objectives: served within 5 minutes, at full capacity within 5 minutes. */
const RTO_SECONDS = 300;
const FULL_SECONDS = 300;

/** Served: the database in `west`; the promoted replica and the running fleet in `east`. */
export const WARM_SITES: Sites = [
  { region: 'west', serves: [{ rds: 'db' }] },
  { region: 'east', serves: [{ rdsReplica: 'dbEast' }, { fleet: 'webEast' }] },
];
/** At full capacity: in `east`, once the scale-out is done too. */
export const WARM_FULL_SITES: Sites = [
  WARM_SITES[0],
  { region: 'east', serves: [...WARM_SITES[1].serves, { runbook: 'scaleOut' }] },
];

/** The design, its scale-out on the control plane of `scaleOutVia`, checked against the `targets` (seconds). */
export function drWarmStandbyModel(
  targets: { readonly rpoSeconds?: number; readonly rtoSeconds?: number; readonly fullSeconds?: number } = {},
  scaleOutVia: 'east' | 'west' = 'east',
) {
  return compose(
    [
      region({ name: 'west', recoverable: false }),
      region({ name: 'east', maxOutages: 0 }),
      controlPlane({ name: 'westCp', faults: [], uses: { region: 'west' } }),
      controlPlane({ name: 'eastCp', faults: [], uses: { region: 'east' } }),
      rds({ name: 'db', deployment: 'singleAz', writes: 2, maxInstanceFailures: 0, azFaults: false, uses: { region: 'west', controlPlane: 'westCp' } }),
      rdsReplica({
        name: 'dbEast', source: 'db', sourceRegion: 'west', writes: 2, lagSeconds: LAG_SECONDS, runbook: ['promote'],
        uses: { region: 'east', controlPlane: 'eastCp' },
      }),
      // The scaled-down fleet: one instance running in `east` (no faults of its own here).
      az({ name: 'eastZones', azs: 1, maxDown: 0, uses: { region: 'east' } }),
      ec2({ name: 'webEast', slots: 1, azs: 1, initial: [0], faults: [], autoRecovery: false, uses: { region: 'east', controlPlane: 'eastCp' } }),
      runbook({ name: 'scaleOut', after: 'west', seconds: SCALE_OUT_SECONDS, uses: { region: 'east', controlPlane: scaleOutVia === 'east' ? 'eastCp' : 'westCp' } }),
      route53({
        requestIntervalSeconds: 30, failureThreshold: 3, ttlSeconds: 60, primaryHealthCheck: true, maxEndpointFailures: 0, endpointRegions: ['west', 'east'],
        uses: { controlPlane: 'westCp' },
      }),
    ],
    {
      tickSeconds: TICK_SECONDS,
      maxFaults: 1,
      recovery: ['dbEast.PromoteCrossRegionReplica', 'scaleOut.RunbookStep'],
      properties: [
        recoveryPointWithin(targets.rpoSeconds ?? RPO_SECONDS),
        recoveryTimeAcross(targets.rtoSeconds ?? RTO_SECONDS, WARM_SITES),
        recoveryTimeAcross(targets.fullSeconds ?? FULL_SECONDS, WARM_FULL_SITES, { name: 'FullCapacityWithin' }),
        onInstances({ region: 'west' }, reachedRegionOutage()),
        reachedStandbyServing(WARM_SITES),
      ],
    },
  );
}

export const drWarmStandby = defineScenario({
  name: 'dr:warm-standby',
  description: 'Warm standby: a cross-Region replica and a scaled-down fleet running in the standby Region, scaled out by the runbook (5 min): served within 180 s, at full capacity within 300 s',
  model: () => drWarmStandbyModel(),
  modes: ['exhaustive'],
});
