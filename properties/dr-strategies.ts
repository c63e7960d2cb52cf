/**
 * Disaster recovery across Regions, for AWS's four strategies (issue 15; the "Disaster
 * Recovery of Workloads on AWS" whitepaper [DR1]): the recovery time of a design whatever
 * serves the application in each Region (a database, a promoted replica, a volume restored
 * from a copied snapshot, a global table's replica, a running fleet, a finished runbook
 * step), and the recovery point of scheduled snapshot copies and of global tables.
 * properties/dr.ts has the pilot light's (an RDS database and its cross-Region replica).
 *
 * [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
import type { World } from '../model/compose/component.js';
import { rootOf } from '../model/compose/instances.js';
import { dataServed, type EbsState } from '../model/aws/ebs/index.js';
import { healthyCount } from '../model/aws/ec2/index.js';
import { endpointNode, type RdsState } from '../model/aws/rds/index.js';
import type { RdsReplicaState } from '../model/aws/rds-replica/index.js';
import { regionUpByName } from '../model/aws/region/index.js';
import type { DynamoDbState } from '../model/aws/dynamodb/index.js';
import { SECONDARY, route53Slice } from '../model/aws/route53/index.js';
import { copyRecoveryPointSeconds, restoreComplete, snapshotCopySlice, type SnapshotCopyState } from '../model/aws/snapshot-copy/index.js';
import { runbookDone, type RunbookState } from '../model/aws/runbook/index.js';
import { always, needing, recovers, sometimes, type AlwaysProperty, type RecoversProperty, type SometimesProperty } from '../model/core/property.js';

/**
 * What must answer in a Region for the application to serve there, each by instance name:
 * `rds` accepts writes; `rdsReplica` was promoted; `restore` (a snapshotCopy) finished its
 * restore; `ebs` + `ec2` (a volume) holds every acknowledged write, attached to a healthy
 * instance; `fleet` (an ec2) has a healthy instance; `dynamodb` + `replica` (a global table)
 * answers in that replica's Region; `runbook` finished its step.
 */
export type Serving =
  | { readonly rds: string }
  | { readonly rdsReplica: string }
  | { readonly restore: string }
  | { readonly ebs: string; readonly ec2: string }
  | { readonly fleet: string }
  | { readonly dynamodb: string; readonly replica: number }
  | { readonly runbook: string };

/** One Route 53 endpoint's Region (an instance name, as route53's `endpointRegions`) and what serves there. */
export interface RegionSite {
  readonly region: string;
  readonly serves: readonly Serving[];
}

/** The two endpoints' sites, primary first. */
export type Sites = readonly [primary: RegionSite, standby: RegionSite];

type Check = (root: World) => boolean;

/** The instance names a serving check reads. */
function namesOf(s: Serving): string[] {
  if ('rds' in s) return [s.rds];
  if ('rdsReplica' in s) return [s.rdsReplica];
  if ('restore' in s) return [s.restore];
  if ('ebs' in s) return [s.ebs, s.ec2];
  if ('fleet' in s) return [s.fleet];
  if ('dynamodb' in s) return [s.dynamodb];
  return [s.runbook];
}

/** `s` as a check on the whole world, in Region `region`. */
function checkOf(s: Serving, region: string): Check {
  if ('rds' in s) {
    return (root) => {
      const db = root[s.rds] as RdsState;
      return db.phase === 'available' && endpointNode(db).state === 'up';
    };
  }
  if ('rdsReplica' in s) return (root) => (root[s.rdsReplica] as RdsReplicaState).promoted;
  if ('restore' in s) return (root) => restoreComplete(root[s.restore] as SnapshotCopyState);
  if ('runbook' in s) return (root) => runbookDone(root[s.runbook] as RunbookState);
  if ('dynamodb' in s) return (root) => (root[s.dynamodb] as DynamoDbState).regions[s.replica].up;
  // ebs's and ec2's own reads, on a view of the site (reused, not allocated per state: the
  // reads take a world with the kinds they read: ebs, ec2, and the Region their zones follow).
  const view: { ebs?: unknown; ec2?: unknown; region?: unknown } = {};
  if ('ebs' in s) {
    return (root) => {
      view.ebs = root[s.ebs];
      view.ec2 = root[s.ec2];
      view.region = root[region];
      return dataServed(view as World);
    };
  }
  return (root) => {
    view.ec2 = root[s.fleet];
    view.region = root[region];
    return healthyCount(view as World) > 0;
  };
}

/** A one-line error unless `sites` are two sites, each a Region name with a list of serving checks. */
function checkSites(factory: string, sites: Sites): void {
  const ok = Array.isArray(sites) && sites.length === 2 && sites.every((x) => typeof x?.region === 'string' && Array.isArray(x.serves) && x.serves.every((v) => namesOf(v).every((n) => typeof n === 'string')));
  if (!ok) throw new Error(`${factory}: sites must be two { region, serves } (route53's endpoints, primary first), got ${JSON.stringify(sites)}`);
}

/** Everything a sites property reads: route53, both Regions, every serving instance. */
function needsOf(sites: Sites): string[] {
  return [...new Set(['route53', ...sites.flatMap((x) => [x.region, ...x.serves.flatMap(namesOf)])])];
}

/** The sites as checks: per endpoint, its Region up and every serving check. */
function servedBy(sites: Sites): readonly [Check, Check] {
  const one = (x: RegionSite): Check => {
    const checks = x.serves.map((v) => checkOf(v, x.region));
    return (root) => {
      if (!regionUpByName(root, x.region)) return false;
      for (let i = 0; i < checks.length; i++) if (!checks[i](root)) return false;
      return true;
    };
  };
  return [one(sites[0]), one(sites[1])];
}

/** In words: `east (dbEast promoted, webEast)`. */
function describeSite(x: RegionSite): string {
  const word = (s: Serving): string =>
    'rds' in s ? s.rds : 'rdsReplica' in s ? `${s.rdsReplica} promoted` : 'restore' in s ? `${s.restore} restored`
      : 'ebs' in s ? s.ebs : 'fleet' in s ? s.fleet : 'dynamodb' in s ? `${s.dynamodb}[${s.replica}]` : `${s.runbook} done`;
  return `${x.region}${x.serves.length === 0 ? '' : ` (${x.serves.map(word).join(', ')})`}`;
}

/**
 * `RecoveryTimeWithin` (recovers) for any strategy: once faults stop, clients are served again
 * within `seconds` of model time, and stay served: the endpoint their cached DNS answer names
 * is reachable, its Region (`sites[i].region`) is up, and everything `sites[i].serves` lists
 * answers there. Counts Route 53's detection, the TTL, and the runbook's calls and durations
 * (a restore's, a scale-out's), each on the control plane of its Region. `name` renames it
 * (`FullCapacityWithin` for a site that must also have scaled out).
 */
export function recoveryTimeAcross(seconds: number, sites: Sites, opts: { readonly name?: string } = {}): RecoversProperty<World> {
  checkSites('recoveryTimeAcross', sites);
  const served = servedBy(sites);
  const name = opts.name ?? 'RecoveryTimeWithin';
  return needing(needsOf(sites), recovers<World>(name, (w) => {
    const r = route53Slice(w);
    return r.endpoints[r.target].reachable && served[r.target](rootOf(w));
  }, {
    withinSeconds: seconds,
    description: `once faults stop, clients reach a Region that serves (${describeSite(sites[0])} / ${describeSite(sites[1])}) within ${seconds} s, and stay served (RTO)`,
  }));
}

/** `ReachedRegionFailover`: clients resolve to the standby Region, which serves (`sites[1]`). */
export function reachedStandbyServing(sites: Sites): SometimesProperty<World> {
  checkSites('reachedStandbyServing', sites);
  const served = servedBy(sites);
  return needing(needsOf(sites), sometimes<World>(
    'ReachedRegionFailover',
    (w) => route53Slice(w).target === SECONDARY && served[SECONDARY](rootOf(w)),
    `clients resolve to the standby Region, which serves: ${describeSite(sites[1])}`,
  ));
}

/**
 * `RecoveryPointWithin` (always) for scheduled snapshot copies: at every moment, the oldest
 * acknowledged write that no completed copy outside the source's Region holds is at most
 * `seconds` old (ages stop when that Region fails): what a failover would lose. The copy
 * interval plus the copy's duration bounds it; copies kept in the source's Region bound
 * nothing (model/aws/snapshot-copy).
 */
export function backupRecoveryPointWithin(seconds: number): AlwaysProperty<World> {
  if (!(Number.isFinite(seconds) && seconds >= 0)) throw new Error(`backupRecoveryPointWithin: seconds must be a non-negative number, got ${seconds}`);
  return needing(['snapshotCopy'], always<World>(
    'RecoveryPointWithin',
    (w) => copyRecoveryPointSeconds(snapshotCopySlice(w)) <= seconds,
    `acknowledged writes no completed copy in another Region holds are at most ${seconds} s old (RPO of the backups)`,
  ));
}

/**
 * `RecoveryPointZero` (always) for a global table: no acknowledged write is held only by
 * replicas in Regions that are down (`regions[r]`: replica r's Region instance), so a
 * failover now loses nothing. Replication is asynchronous (aws-semantics INV-DDB-3): a Region
 * that fails before its newest writes replicate takes them along, so it fails; what it loses
 * is the tail acknowledged since the last replication (model/aws/dynamodb).
 */
export function recoveryPointZero(table: string, regions: readonly [string, string]): AlwaysProperty<World> {
  if (typeof table !== 'string' || !Array.isArray(regions) || regions.length !== 2 || !regions.every((r) => typeof r === 'string')) {
    throw new Error(`recoveryPointZero: give the dynamodb instance and its two replicas' Region instances, got ${JSON.stringify([table, regions])}`);
  }
  return needing([table, ...regions], always<World>('RecoveryPointZero', (w) => {
    const root = rootOf(w);
    const s = root[table] as DynamoDbState;
    for (let i = 0; i < s.lost.length; i++) {
      let lost = 0;
      let kept = 0;
      for (let r = 0; r < 2; r++) {
        const v = s.regions[r].items[i].value;
        if (s.regions[r].up && regionUpByName(root, regions[r])) kept |= v;
        else lost |= v;
      }
      if ((lost & ~kept) !== 0) return false;
    }
    return true;
  }, `no acknowledged write of ${table} is held only in a Region that is down (RPO 0)`));
}

/**
 * `ReplicationLagWithin` (recovers) for a global table: once faults stop, the replicas in up
 * Regions (`regions[r]`: replica r's Region instance) hold the same writes within `seconds`
 * of model time, and keep doing so: how long the newest writes stay in one Region only. AWS:
 * "typically within a second" (aws-semantics §11); replication is DynamoDB's control step
 * here, so it comes before the next `Tick`: `withinSeconds: 0` holds, a lag under one tick.
 */
export function replicationLagWithin(seconds: number, table: string, regions: readonly [string, string]): RecoversProperty<World> {
  if (typeof table !== 'string' || !Array.isArray(regions) || regions.length !== 2 || !regions.every((r) => typeof r === 'string')) {
    throw new Error(`replicationLagWithin: give the dynamodb instance and its two replicas' Region instances, got ${JSON.stringify([table, regions])}`);
  }
  return needing([table, ...regions], recovers<World>('ReplicationLagWithin', (w) => {
    const root = rootOf(w);
    const s = root[table] as DynamoDbState;
    if (!(s.regions[0].up && s.regions[1].up && regionUpByName(root, regions[0]) && regionUpByName(root, regions[1]))) return true;
    for (let i = 0; i < s.lost.length; i++) if (s.regions[0].items[i].value !== s.regions[1].items[i].value) return false;
    return true;
  }, {
    withinSeconds: seconds,
    description: `once faults stop, the replicas of ${table} in up Regions hold the same writes within ${seconds} s (replication lag)`,
  }));
}
