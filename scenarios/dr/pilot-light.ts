/**
 * `dr:*`: disaster recovery across two Regions (issue 15; AWS's "Disaster Recovery of
 * Workloads on AWS" whitepaper [DR1], "Pilot light"). The application's database is an RDS
 * instance in the primary Region (`west`); a cross-Region read replica in the standby Region
 * (`east`) receives its writes asynchronously, with a lag of at most 5 minutes. Route 53
 * failover records name one endpoint per Region (`endpointRegions`), the primary
 * health-checked every 30 s, 3 failures to flip. Each Region has its own control plane. One
 * fault: the primary Region fails, for good. The runbook (a recovery op) promotes the replica
 * with an RDS API call to the standby Region.
 *
 * Ticks of one minute: figures are multiples of it (a write's age, Route 53's detection).
 * - `dr:pilot-light`: health checks move clients in 3 ticks (180 s: three failed probes, one
 *   a tick; the 60 s TTL expires at the same tick), the promotion takes no model time:
 *   RecoveryTimeWithin(300) holds; the writes lost are those in the replica's lag, at most
 *   300 s old (the apply may wait while time passes, up to the bound: `faultline check`'s
 *   prompt control meets every lag): RecoveryPointWithin(300) holds, RecoveryPointWithin(240)
 *   would not.
 * - `dr:ttl-too-long` (anti-pattern): the same design with a one-hour TTL: clients keep the
 *   dead Region's answer for up to an hour; RecoveryTimeWithin(300) fails.
 * - `dr:record-edit-in-failed-region` (anti-pattern): no health check; the runbook fails over
 *   by editing the records (ChangeResourceRecordSets), a Route 53 control-plane call, and Route
 *   53's control plane is hosted in us-east-1 [CP2], here the failed primary Region: the edit is
 *   never possible, clients never move; RecoveryTimeWithin fails.
 * - `dr:record-edit-in-standby-region`: the same runbook where the Region hosting the control
 *   plane the edit needs survives: the edit moves clients within the TTL; it holds.
 *
 * Not modelled: the standby Region's application tier (pilot light scales it up with
 * control-plane calls in that Region; here the endpoint serves once the database is promoted),
 * the promotion's minutes, failing back.
 *
 * [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 * · [CP2] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/appendix-b---edge-network-global-service-guidance.html
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { controlPlane } from '../../model/aws/control-plane/index.js';
import { rds } from '../../model/aws/rds/index.js';
import { rdsReplica } from '../../model/aws/rds-replica/index.js';
import { region } from '../../model/aws/region/index.js';
import { route53, type Route53Options } from '../../model/aws/route53/index.js';
import { onInstances } from '../../model/core/property.js';
import { reachedRegionFailover, reachedRegionOutage, recoveryPointWithin, recoveryTimeWithin } from '../../properties/dr.js';

/** One minute a tick: DR objectives are minutes to hours. */
const TICK_SECONDS = 60;
/** The replica's lag bound, and the design's RPO: 5 minutes. */
const LAG_SECONDS = 300;
const RPO_SECONDS = 300;
/** The design's RTO: 5 minutes; detection (3 probes, one a tick: 180 s) + TTL (60 s, expiring at the same tick) fits. */
const RTO_SECONDS = 300;

/** How the design fails over: Route 53's health check, or a record edit on the control plane of Region `via`. */
type Failover = { readonly by: 'healthCheck'; readonly ttlSeconds: number } | { readonly by: 'recordEdit'; readonly via: 'west' | 'east' };

/** The design failing over by `failover`, checked against the RPO and RTO `targets` (seconds; default the design's 300 and 300). */
export function drModel(failover: Failover, targets: { readonly rpoSeconds?: number; readonly rtoSeconds?: number } = {}) {
  const dns: Route53Options = {
    tickSeconds: TICK_SECONDS, requestIntervalSeconds: 30, failureThreshold: 3, maxEndpointFailures: 0, endpointRegions: ['west', 'east'],
    ...(failover.by === 'healthCheck'
      ? { ttlSeconds: failover.ttlSeconds, primaryHealthCheck: true }
      : { ttlSeconds: 60, primaryHealthCheck: false, recordChanges: true }),
  };
  return compose(
    [
      region({ name: 'west', recoverable: false }),
      region({ name: 'east', maxOutages: 0 }),
      controlPlane({ name: 'westCp', faults: [], uses: { region: 'west' } }),
      controlPlane({ name: 'eastCp', faults: [], uses: { region: 'east' } }),
      // Backups on: a read replica's source needs them (AWS; INV-RDS-5). No zone faults: the Region is the failure here.
      rds({ name: 'db', tickSeconds: TICK_SECONDS, deployment: 'singleAz', writes: 2, maxInstanceFailures: 0, azFaults: false, uses: { region: 'west', controlPlane: 'westCp' } }),
      rdsReplica({
        name: 'dbEast', tickSeconds: TICK_SECONDS, source: 'db', sourceRegion: 'west', writes: 2, lagSeconds: LAG_SECONDS, runbook: ['promote'],
        uses: { region: 'east', controlPlane: 'eastCp' },
      }),
      // Route 53 is global; its control plane (record edits) is us-east-1's: which Region stands for it is the design's question.
      route53({ ...dns, uses: { controlPlane: failover.by === 'recordEdit' && failover.via === 'east' ? 'eastCp' : 'westCp' } }),
    ],
    {
      maxFaults: 1,
      recovery: ['dbEast.PromoteCrossRegionReplica', ...(failover.by === 'recordEdit' ? ['ChangeRecord'] : [])],
      properties: [
        recoveryPointWithin(targets.rpoSeconds ?? RPO_SECONDS),
        // Its Regions (west for db, east for dbEast) come from the composition.
        recoveryTimeWithin(targets.rtoSeconds ?? RTO_SECONDS),
        onInstances({ region: 'west' }, reachedRegionOutage()),
        reachedRegionFailover(),
      ],
    },
  );
}

export const drPilotLight = defineScenario({
  name: 'dr:pilot-light',
  description: 'Pilot light: a cross-Region read replica (lag ≤ 5 min) promoted by the runbook, Route 53 health-checked failover between Regions: RPO and RTO of 5 minutes hold',
  model: () => drModel({ by: 'healthCheck', ttlSeconds: 60 }),
  modes: ['exhaustive'],
});

export const drTtlTooLong = defineScenario({
  name: 'dr:ttl-too-long',
  description: 'Pilot light with a one-hour DNS TTL: clients stay on the failed Region far past the 5-minute RTO',
  model: () => drModel({ by: 'healthCheck', ttlSeconds: 3_600 }),
  modes: ['exhaustive'],
  expect: { RecoveryTimeWithin: 'fails' },
});

export const drRecordEditInFailedRegion = defineScenario({
  name: 'dr:record-edit-in-failed-region',
  description: "Failover by editing DNS records, a Route 53 control-plane call hosted in the failed Region: clients never move",
  model: () => drModel({ by: 'recordEdit', via: 'west' }),
  modes: ['exhaustive'],
  expect: { RecoveryTimeWithin: 'fails', ReachedRegionFailover: 'unreached' },
});

export const drRecordEditInStandbyRegion = defineScenario({
  name: 'dr:record-edit-in-standby-region',
  description: 'The same record edit where the control plane it needs is in the surviving Region: clients move within the TTL',
  model: () => drModel({ by: 'recordEdit', via: 'east' }),
  modes: ['exhaustive'],
});
