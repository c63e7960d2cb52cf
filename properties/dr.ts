/**
 * Disaster recovery across Regions (issue 15): the recovery point and recovery time objectives
 * of a design, in seconds of the composition's clock, as checked properties.
 *
 * AWS's "Disaster Recovery of Workloads on AWS" whitepaper [DR1] defines them: the recovery
 * point objective (RPO) is "the maximum acceptable amount of time since the last data recovery
 * point", the recovery time objective (RTO) "the maximum acceptable delay between the
 * interruption of service and restoration of service". Here the recovery point is what a
 * cross-Region read replica held when it was promoted (model/aws/rds-replica), and service is
 * restored when clients, through Route 53, reach a Region whose database accepts writes.
 *
 * [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
import type { World } from '../model/compose/component.js';
import { endpointNode, rdsSlice, type RdsState } from '../model/aws/rds/index.js';
import { rdsReplicaSlice, recoveryPointSeconds } from '../model/aws/rds-replica/index.js';
import { objectRecoveryPointSeconds, s3ReplicaSlice } from '../model/aws/s3-replica/index.js';
import { regionSlice, regionUpByName } from '../model/aws/region/index.js';
import { rootOf, withInstanceRegions } from '../model/compose/instances.js';
import { PRIMARY, route53Slice } from '../model/aws/route53/index.js';
import { always, needing, recovers, sometimes, type AlwaysProperty, type RecoversProperty, type SometimesProperty } from '../model/core/property.js';

/**
 * `RecoveryPointWithin` (always): the acknowledged writes a Region failover lost (those the
 * cross-Region replica had not applied when the runbook promoted it) were at most `seconds`
 * old when the source's Region failed. With asynchronous replication this is the replica's lag
 * bound (`lagSeconds`, in ticks of the clock): choose `seconds` from the design's RPO.
 */
export function recoveryPointWithin(seconds: number): AlwaysProperty<World> {
  if (!(Number.isFinite(seconds) && seconds >= 0)) throw new Error(`recoveryPointWithin: seconds must be a non-negative number, got ${seconds}`);
  return needing(['rdsReplica'], always<World>(
    'RecoveryPointWithin',
    (w) => recoveryPointSeconds(rdsReplicaSlice(w)) <= seconds,
    `acknowledged writes lost by a Region failover were at most ${seconds} s old (RPO)`,
    // The worst RPO found: `faultline check` prints it (engine/worst.ts).
    { of: (w) => recoveryPointSeconds(rdsReplicaSlice(w)), unit: 's', label: 'RPO' },
  ));
}

/**
 * `ObjectRecoveryPointWithin` (always): at every moment, the newest object writes the
 * Cross-Region Replication destination lacks are at most `seconds` old (ages stop when the
 * source's Region fails): what a Region failover of the objects would lose. With S3
 * Replication Time Control it holds at 900 s (15 minutes); without it, for no bound.
 */
export function objectRecoveryPointWithin(seconds: number): AlwaysProperty<World> {
  if (!(Number.isFinite(seconds) && seconds >= 0)) throw new Error(`objectRecoveryPointWithin: seconds must be a non-negative number, got ${seconds}`);
  return needing(['s3Replica'], always<World>(
    'ObjectRecoveryPointWithin',
    (w) => objectRecoveryPointSeconds(s3ReplicaSlice(w)) <= seconds,
    `object writes not yet replicated to the other Region are at most ${seconds} s old (RPO of the objects)`,
    { of: (w) => objectRecoveryPointSeconds(s3ReplicaSlice(w)), unit: 's', label: 'RPO' },
  ));
}

/** The database accepts writes, as its slice says (its Region is the endpoint's, read by Route 53). */
function dbWritable(s: RdsState): boolean {
  return s.phase === 'available' && endpointNode(s).state === 'up';
}

/**
 * Clients are served: the endpoint their cached DNS answer names is reachable, its Region
 * (`regions[i]`, an instance name: route53's `endpointRegions`) is up, and the database of
 * that Region accepts writes: endpoint 0 (the primary Region) the `rds` instance, endpoint 1
 * (the standby Region) the promoted `rdsReplica`. Route 53 sees a Region's outage at its next
 * `Tick`; `regions` makes the clients see it at once, as they do.
 */
function clientsServed(w: World, regions?: readonly (string | undefined)[]): boolean {
  const r = route53Slice(w);
  const target = r.target;
  if (!r.endpoints[target].reachable) return false;
  const region = regions?.[target];
  if (region !== undefined && !regionUpByName(rootOf(w), region)) return false;
  return target === PRIMARY ? dbWritable(rdsSlice(w)) : rdsReplicaSlice(w).promoted;
}

/**
 * `RecoveryTimeWithin` (recovers): once faults stop, clients are served again (`clientsServed`)
 * within `seconds` of model time, and stay served: Route 53's detection (failure threshold x
 * interval), the record's TTL, and the runbook's control-plane calls (list them in compose's
 * `recovery`), all in the Region that survives. A failover that needs the failed Region's
 * control plane, or a TTL far above the objective, fails it. `regions`: the Region instance of
 * each Route 53 endpoint, primary first (route53's `endpointRegions`); left out, compose finds
 * them: the Region of the `rds` instance (the primary's) and of the `rdsReplica` (the
 * standby's), each its `uses.region` (or the only one); without Regions, none is read.
 */
export function recoveryTimeWithin(seconds: number, regions?: readonly [primary: string, standby: string]): RecoversProperty<World> {
  if (regions !== undefined && (!Array.isArray(regions) || regions.length !== 2 || !regions.every((r) => typeof r === 'string'))) {
    throw new Error(`recoveryTimeWithin: regions must be the two Region instance names of route53's endpoints, primary first, got ${JSON.stringify(regions)}`);
  }
  const make = (rs: readonly (string | undefined)[] | undefined) => needing(
    ['route53', 'rds', 'rdsReplica', ...(rs ?? []).filter((r): r is string => r !== undefined)],
    recovers<World>('RecoveryTimeWithin', (w) => clientsServed(w, rs), {
      withinSeconds: seconds,
      description: `once faults stop, clients reach a Region whose database accepts writes within ${seconds} s, and stay served (RTO)`,
      // The worst recovery time found: `faultline check` prints it (engine/worst.ts).
      measure: { label: 'RTO' },
    }),
  );
  if (regions !== undefined) return make(regions);
  // The Regions the composition gives the database and its replica (model/compose/instances.ts).
  return withInstanceRegions(make(undefined), ['rds', 'rdsReplica'], (found) => make(found));
}

/** `ReachedRegionOutage`: the Region the property sees is down (with several, `onInstances({ region: 'west' }, ...)`). */
export function reachedRegionOutage(): SometimesProperty<World> {
  return needing(['region'], sometimes<World>('ReachedRegionOutage', (w) => regionSlice(w)?.up === false, 'the Region is down'));
}

/** `ReachedRegionFailover`: the cross-Region replica was promoted and clients are on the standby Region. */
export function reachedRegionFailover(): SometimesProperty<World> {
  return needing(['rdsReplica', 'route53'], sometimes<World>(
    'ReachedRegionFailover',
    (w) => rdsReplicaSlice(w).promoted && route53Slice(w).target !== PRIMARY,
    'the cross-Region replica is promoted and clients resolve to the standby Region',
  ));
}
