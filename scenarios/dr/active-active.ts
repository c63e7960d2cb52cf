/**
 * `dr:active-active`: AWS's "Multi-site active/active" strategy (the "Disaster Recovery of
 * Workloads on AWS" whitepaper [DR1]: "RPO near zero", with "data replication ... asynchronous
 * ... DynamoDB global tables"). Both Regions serve: the application's data is a DynamoDB
 * global table with a replica in `west` and one in `east` (`replicaRegions`), both taking
 * writes; replication is asynchronous, "typically within a second" (aws-semantics §11). The
 * clients of the failed Region move through Route 53 health-checked failover records (30 s
 * probes, 3 failures, TTL 60 s): no runbook, no control-plane call, nothing to promote.
 *
 * Ticks of one minute:
 * - Recovery point: replication is a control step, taken before time passes
 *   (ReplicationLagWithin(0) holds: the replicas agree before the next tick), so a Region
 *   failover loses only the writes acknowledged there since the last replication, less than a
 *   tick old; it does lose them (INV-DDB-3): RecoveryPointZero fails. Near zero, not zero.
 * - Recovery time: Route 53's detection (3 probes, one a tick) with the TTL expiring at the
 *   same tick: 180 s (RecoveryTimeWithin(180) holds; 120 s would not).
 *
 * Not modelled: latency-based or weighted routing (the failover pair stands for the clients of
 * the failed Region; those of `east` are served throughout), the application tier, the
 * multi-Region strong consistency mode, failing back.
 *
 * [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { dynamodb } from '../../model/aws/dynamodb/index.js';
import { region } from '../../model/aws/region/index.js';
import { route53 } from '../../model/aws/route53/index.js';
import { onInstances } from '../../model/core/property.js';
import { reachedRegionOutage } from '../../properties/dr.js';
import { reachedStandbyServing, recoveryPointZero, recoveryTimeAcross, replicationLagWithin, type Sites } from '../../properties/dr-strategies.js';

/** One minute a tick. */
const TICK_SECONDS = 60;
/** The design's RTO: detection (3 probes at one a tick) with the 60 s TTL ending at the same tick. */
const RTO_SECONDS = 180;

/** Each Region serves from its replica of the global table. */
export const ACTIVE_SITES: Sites = [
  { region: 'west', serves: [{ dynamodb: 'table', replica: 0 }] },
  { region: 'east', serves: [{ dynamodb: 'table', replica: 1 }] },
];

/** The design, checked against the RTO `targets.rtoSeconds` (default 180). */
export function drActiveActiveModel(targets: { readonly rtoSeconds?: number } = {}) {
  return compose(
    [
      region({ name: 'west', recoverable: false }),
      region({ name: 'east', maxOutages: 0 }),
      // The Region is the failure here: no DynamoDB-only outage; strongly consistent reads (stale reads are another property).
      dynamodb({ name: 'table', regions: 2, items: 1, writes: 2, consistentReads: true, maxRegionOutages: 0, replicaRegions: ['west', 'east'] }),
      route53({ requestIntervalSeconds: 30, failureThreshold: 3, ttlSeconds: 60, primaryHealthCheck: true, maxEndpointFailures: 0, endpointRegions: ['west', 'east'] }),
    ],
    {
      tickSeconds: TICK_SECONDS,
      maxFaults: 1,
      properties: [
        replicationLagWithin(0, 'table', ['west', 'east']),
        recoveryPointZero('table', ['west', 'east']),
        recoveryTimeAcross(targets.rtoSeconds ?? RTO_SECONDS, ACTIVE_SITES),
        onInstances({ region: 'west' }, reachedRegionOutage()),
        reachedStandbyServing(ACTIVE_SITES),
      ],
    },
  );
}

export const drActiveActive = defineScenario({
  name: 'dr:active-active',
  description: 'Active/active: a DynamoDB global table written in both Regions, Route 53 health-checked failover: replication lags under a tick (RPO near zero, not zero), RTO 180 s',
  model: () => drActiveActiveModel(),
  modes: ['exhaustive'],
  expect: { RecoveryPointZero: 'fails' },
});
