/**
 * The fleet half of the invariant library: properties of EC2 instances, Auto Scaling groups,
 * load balancers, EBS-held data and Elastic IPs, each a factory returning a `Property<World>`
 * named as issue 4 names it. The `Reached…` checks (kind `sometimes`) say a scenario's fault
 * really happened, so no verdict is vacuous.
 *
 * Every predicate reads the world through the components' exported reads (ec2's `isHealthy`,
 * elb's `routesTo`, ebs's counters...), loops without allocating, and runs on every explored
 * state. The RDS flavours of `NoAckedWriteLost` and `RecoveryPointBounded` live in
 * `properties/data.ts`; the EBS ones here are made by `noAckedWriteLostOnVolumes` and
 * `recoveryPointBoundedOnVolumes`, with the same property names.
 */
import { ASG, type AsgState } from '../model/aws/asg/index.js';
import { AZ, azEbsOk, azUp, lbReaches, type AzState } from '../model/aws/az/index.js';
import { CAPACITY, type CapacityState } from '../model/aws/capacity/index.js';
import type { World } from '../model/compose/component.js';
import { EBS, dataSurvivesReplacement, noAckedWriteLost, recoveryPointBounded, volumeInstance, type EbsState } from '../model/aws/ebs/index.js';
import { EC2, healthyCount, instanceStoreIntact, isHealthy, type Ec2State } from '../model/aws/ec2/index.js';
import { eipReachesHealthy } from '../model/aws/eip/index.js';
import { onlyHealthyTargets as lbRoutesOnlyToHealthy, servesHealthyTarget, servingCount } from '../model/aws/elb/index.js';
import { dbAvailable, rdsSlice } from '../model/aws/rds/index.js';
import { always, needing, recovers, sometimes, type AlwaysProperty, type RecoversProperty, type SometimesProperty } from '../model/core/property.js';
import { recoveryBound, type RecoveryBound } from './bound.js';

// ---- Instances -------------------------------------------------------------------------

/**
 * AtLeastNHealthy (always): at least `n` instances pass an application health check at every
 * moment (ec2's `isHealthy`: running, both status checks ok, application up, zone up).
 *
 * @example atLeastNHealthy(1) // N = 1 of an N+1 fleet
 */
export function atLeastNHealthy(n: number): AlwaysProperty<World> {
  return needing(['ec2'], always('AtLeastNHealthy', (w: World) => healthyCount(w) >= n, `at least ${n} instance${n === 1 ? '' : 's'} healthy (running, status checks ok, application up, zone up) at every moment`));
}

/**
 * NPlusOneRestored (recovers): once faults stop, AWS's own control loops (health checks, Auto
 * Scaling replacement, boot) bring the fleet back to `n + 1` healthy instances within `within`:
 * `{ withinSeconds }` of model time derived from the design (detection, replacement, boot), or
 * a number of steps for a hand-written model without a clock.
 */
export function nPlusOneRestored(n: number, within: RecoveryBound): RecoversProperty<World> {
  const b = recoveryBound(within);
  return needing(['ec2'], recovers('NPlusOneRestored', (w: World) => healthyCount(w) >= n + 1, {
    ...b.opts,
    description: `once faults stop, ${n + 1} instances are healthy again within ${b.text} (detection, replacement, boot)`,
  }));
}

/**
 * NoHealthyInstanceReplaced (always): the Auto Scaling group never marks a really healthy
 * member unhealthy (ec2's `isHealthy`), so it replaces only instances that failed. Fails when
 * the group acts on a view that disagrees with the instance: a replacement registered with the
 * load balancer while still booting (before issue 12's fix), a deep health check on a shared
 * dependency (INV-ASG-11), a zone the load balancer cannot reach (a gray failure).
 * `firstSlot` is the group's (asg `firstSlot`): member `k` is ec2 slot `firstSlot + k`.
 */
export function noHealthyInstanceReplaced(firstSlot = 0): AlwaysProperty<World> {
  return needing(['asg', 'ec2'], always('NoHealthyInstanceReplaced', (w: World) => {
    const ms = (w[ASG] as AsgState).members;
    for (let k = 0; k < ms.length; k++) if (ms[k].unhealthy && isHealthy(w, firstSlot + k)) return false;
    return true;
  }, 'the Auto Scaling group marks only failed instances unhealthy, never a healthy one'));
}

// ---- Load balancing ---------------------------------------------------------------------

/**
 * RequestsServedAgain (recovers): once faults stop, a client request through the load
 * balancer reaches a really healthy instance (elb's `servesHealthyTarget`) and the database
 * behind the application accepts writes (rds's `dbAvailable`) within `within`. A Multi-AZ
 * failover alone costs its 60-120 s; a deep health check that also replaces the fleet adds
 * the replacements' boot and health checks on top.
 */
export function requestsServedAgain(within: RecoveryBound): RecoversProperty<World> {
  const b = recoveryBound(within);
  return needing(['elb', 'ec2', 'rds'], recovers('RequestsServedAgain', (w: World) => servesHealthyTarget(w) && dbAvailable(rdsSlice(w), w), {
    ...b.opts,
    description: `once faults stop, requests through the load balancer reach a healthy instance and the database accepts writes again within ${b.text}`,
  }));
}

/**
 * AtLeastNServing (always): at least `n` instances serve clients through the load balancer at
 * every moment: registered, really healthy and reachable from it (elb's `servingCount`). Unlike
 * AtLeastNHealthy it sees a zone the load balancer cannot reach (a gray failure).
 */
export function atLeastNServing(n: number): AlwaysProperty<World> {
  return needing(['elb', 'ec2'], always('AtLeastNServing', (w: World) => servingCount(w) >= n, `at least ${n} instance${n === 1 ? '' : 's'} serving through the load balancer (registered, healthy, reachable) at every moment`));
}

/**
 * NPlusOneServing (recovers): once faults stop, `n + 1` instances serve through the load
 * balancer again within `within` (seconds or steps, as for NPlusOneRestored; elb's `servingCount`): NPlusOneRestored as the clients
 * see it. A gray failure that cuts a zone off from the load balancer leaves NPlusOneRestored
 * holding (every instance is healthy) while this one fails until the group replaces the
 * cut-off instances outside that zone.
 */
export function nPlusOneServing(n: number, within: RecoveryBound): RecoversProperty<World> {
  const b = recoveryBound(within);
  return needing(['elb', 'ec2'], recovers('NPlusOneServing', (w: World) => servingCount(w) >= n + 1, {
    ...b.opts,
    description: `once faults stop, ${n + 1} instances serve through the load balancer again within ${b.text}`,
  }));
}

/**
 * OnlyHealthyTargets (always): the load balancer sends new requests only to instances that
 * are really healthy (its routing, elb's `routesTo`, against ec2's `isHealthy`). It fails in
 * every design with health checks: a dead target keeps its traffic until `U` checks fail
 * (INV-ELB-2), and fail-open routes to unhealthy targets (INV-ELB-1).
 */
export function onlyHealthyTargets(): AlwaysProperty<World> {
  return needing(['elb', 'ec2'], always('OnlyHealthyTargets', lbRoutesOnlyToHealthy, 'the load balancer sends requests only to really healthy instances, at every moment (no detection window)'));
}

/**
 * OnlyHealthyTargetsAfterDetection (recovers): once faults stop, the load balancer's routing
 * catches up with reality within `within` (seconds or steps): the health checks mark a dead target
 * unhealthy (or the group deregisters it) and requests go only to healthy instances.
 *
 * Chosen over an `always` that excuses targets the LB still sees healthy: that reading would
 * hold even if detection never came, while this one bounds the window (`U` failed checks, an
 * interval apart, plus the group's own steps) and fails on fail-open, which detection never ends.
 */
export function onlyHealthyTargetsAfterDetection(within: RecoveryBound): RecoversProperty<World> {
  const b = recoveryBound(within);
  return needing(['elb', 'ec2'], recovers('OnlyHealthyTargetsAfterDetection', lbRoutesOnlyToHealthy, {
    ...b.opts,
    description: `once faults stop, within ${b.text} (the health checks' detection window) the load balancer sends requests only to healthy instances`,
  }));
}

// ---- Data -------------------------------------------------------------------------------

/**
 * DataSurvivesReplacement (always), data on EBS: every acknowledged write still exists on some
 * volume (not only in a snapshot), so an instance replacing the one that wrote it can be
 * given the data again. Fails when DeleteOnTermination deletes the only copy (INV-EBS-4).
 */
export function dataSurvivesReplacementOnVolumes(): AlwaysProperty<World> {
  return needing(['ebs'], always('DataSurvivesReplacement', dataSurvivesReplacement, "every acknowledged write still exists on an EBS volume, whatever happened to the instance that wrote it"));
}

/**
 * DataSurvivesReplacement (always), data on the instance store of instance `instance`: it
 * survives only while that instance keeps its store. Replacing the instance (terminate, then
 * launch from the AMI) or losing its host erases it (INV-EC2-1); the replacement's store
 * starts empty, so the replacement must run in another slot than `instance` for the check
 * to mean "the original's data".
 */
export function dataSurvivesReplacementOnInstanceStore(instance: number): AlwaysProperty<World> {
  return needing(['ec2'], always('DataSurvivesReplacement', (w: World) => instanceStoreIntact(w, instance), `the application's data, on the instance store of instance ${instance}, still exists`));
}

/** NoAckedWriteLost (always), data on EBS: every acknowledged write still exists, and no write landed on a copy missing earlier ones. */
export function noAckedWriteLostOnVolumes(): AlwaysProperty<World> {
  return needing(['ebs'], always('NoAckedWriteLost', noAckedWriteLost, 'every acknowledged write survives: on a volume or a completed snapshot, and never overwritten by a stale copy'));
}

/** Options of `recoveryPointBoundedOnVolumes`. */
export interface VolumeRecoveryPoint {
  /** The scenario's ebs `snapshotEverySeconds` is set (a Data Lifecycle Manager policy). */
  readonly snapshotPolicy: boolean;
}

/**
 * RecoveryPointBounded (always), data on EBS: an outage striking now would cost at most the
 * RPO (ebs `rpoSeconds`) of writes. While every zone is up, no acknowledged write older than
 * the RPO is missing from a completed snapshot (ebs's `recoveryPointBounded`, INV-EBS-2).
 *
 * Two readings are deliberate. (1) Only states with every zone up count: after an outage the
 * writes not in a snapshot keep ageing on the stuck volume, but what a restore loses was fixed
 * when the zone failed, and that state was checked. (2) A snapshot the policy has due or in
 * progress excuses the age: the model does not bound how late the policy or a snapshot's
 * completion runs (time may pass before any control action), so the check is that the
 * schedule itself keeps the recovery point within the RPO: it fails without a policy, with a
 * period longer than the RPO, or when snapshots capture a stale copy.
 */
export function recoveryPointBoundedOnVolumes(opts: VolumeRecoveryPoint): AlwaysProperty<World> {
  const policy = opts.snapshotPolicy;
  return needing(['ebs'], always(
    'RecoveryPointBounded',
    (w: World) => {
      if (!allZonesUp(w) || recoveryPointBounded(w)) return true;
      const s = w[EBS] as EbsState;
      return s.pending >= 0 || (policy && s.policyTimer === 0);
    },
    'while every zone is up, no acknowledged write older than the RPO is missing from a completed EBS snapshot (a snapshot the policy has due or in progress excuses the age)',
  ));
}

// ---- Elastic IP -------------------------------------------------------------------------

/**
 * EipReachesHealthy (recovers): once faults stop, the failover script (the `RemapAddress` op,
 * listed in compose's `recovery`) and AWS's control loops make Elastic IP `eip` reach a
 * healthy instance within `within` (seconds or steps).
 */
export function eipReachesHealthyAgain(within: RecoveryBound, eip = 0): RecoversProperty<World> {
  const b = recoveryBound(within);
  return needing(['eip', 'ec2'], recovers('EipReachesHealthy', (w: World) => eipReachesHealthy(w, eip), {
    ...b.opts,
    description: `once faults stop, the Elastic IP reaches a healthy instance within ${b.text} (the failover script remaps it)`,
  }));
}

// ---- Reached… (the fault or event each scenario is about) --------------------------------

/** ReachedInstanceFailure: a running instance has failed its system (host) or instance (guest OS) status check. */
export function reachedInstanceFailure(): SometimesProperty<World> {
  return needing(['ec2'], sometimes('ReachedInstanceFailure', (w: World) => {
    const ins = (w[EC2] as Ec2State).instances;
    for (let i = 0; i < ins.length; i++) if (ins[i].state === 'running' && !(ins[i].systemOk && ins[i].instanceOk)) return true;
    return false;
  }, 'an instance failed (host or guest OS)'));
}

/** ReachedAzOutage: some Availability Zone is down. */
export function reachedAzOutage(): SometimesProperty<World> {
  return needing(['az'], sometimes('ReachedAzOutage', someZoneDown, 'an Availability Zone is down'));
}

/** ReachedAppCrash: an application died on a running instance whose status checks pass. */
export function reachedAppCrash(): SometimesProperty<World> {
  return needing(['ec2'], sometimes('ReachedAppCrash', (w: World) => {
    const ins = (w[EC2] as Ec2State).instances;
    for (let i = 0; i < ins.length; i++) if (ins[i].state === 'running' && ins[i].systemOk && ins[i].instanceOk && !ins[i].appUp) return true;
    return false;
  }, 'an application crashed on a running instance with passing status checks'));
}

/** ReachedCapacityShortage: some zone is out of spare on-demand capacity (InsufficientInstanceCapacity). */
export function reachedCapacityShortage(): SometimesProperty<World> {
  return needing(['capacity'], sometimes('ReachedCapacityShortage', (w: World) => {
    const short = (w[CAPACITY] as CapacityState).short;
    for (let z = 0; z < short.length; z++) if (short[z]) return true;
    return false;
  }, 'a zone has no spare on-demand capacity'));
}

/**
 * ReachedReplacement: a new instance is booting. Every instance present at the start is
 * already running, so a pending one was launched during the run (a replacement from the AMI,
 * or the group's).
 */
export function reachedReplacement(): SometimesProperty<World> {
  return needing(['ec2'], sometimes('ReachedReplacement', (w: World) => {
    const ins = (w[EC2] as Ec2State).instances;
    for (let i = 0; i < ins.length; i++) if (ins[i].state === 'pending') return true;
    return false;
  }, 'a replacement instance is being launched'));
}

/** ReachedInstanceExpiry: a group member reached its maximum instance lifetime and is due for replacement. */
export function reachedInstanceExpiry(): SometimesProperty<World> {
  return needing(['asg'], sometimes('ReachedInstanceExpiry', (w: World) => {
    const ms = (w[ASG] as AsgState).members;
    for (let k = 0; k < ms.length; k++) if (ms[k].replace) return true;
    return false;
  }, 'an instance reached its maximum lifetime'));
}

/**
 * ReachedVolumeKept: a volume holding the application's data (a data volume, or a root
 * volume the application writes to) outlived its instance: detached, with every acknowledged
 * write (at least one) on it.
 */
export function reachedVolumeKept(): SometimesProperty<World> {
  return needing(['ebs'], sometimes('ReachedVolumeKept', (w: World) => {
    const s = w[EBS] as EbsState;
    if (s.acked === 0) return false;
    for (let v = 0; v < s.volumes.length; v++) {
      const x = s.volumes[v];
      if (x.state === 'available' && x.kind !== 'root' && x.version >= s.acked) return true;
    }
    return false;
  }, "a volume with the application's data outlived its instance (detached, every acknowledged write on it)"));
}

/** ReachedVolumeReattached: data volume `volume` serves from a healthy instance other than `original`. */
export function reachedVolumeReattached(volume: number, original: number): SometimesProperty<World> {
  return needing(['ebs', 'ec2'], sometimes('ReachedVolumeReattached', (w: World) => {
    const i = volumeInstance(w, volume);
    return i >= 0 && i !== original && isHealthy(w, i);
  }, `data volume ${volume} is attached to a healthy instance other than ${original}`));
}

/** ReachedSnapshotRestored: a data volume restored from a snapshot (any data volume but `original`) is attached to a healthy instance. */
export function reachedSnapshotRestored(original: number): SometimesProperty<World> {
  return needing(['ebs', 'ec2'], sometimes('ReachedSnapshotRestored', (w: World) => {
    const vs = (w[EBS] as EbsState).volumes;
    for (let v = 0; v < vs.length; v++) {
      if (v !== original && vs[v].kind === 'data' && vs[v].state === 'attached' && isHealthy(w, vs[v].instance)) return true;
    }
    return false;
  }, 'a volume restored from a snapshot serves from a healthy instance'));
}

/** ReachedAzEbsStuck: some zone is up with its EBS volumes stuck (az's `AzEbsStuck`, a gray failure). */
export function reachedAzEbsStuck(): SometimesProperty<World> {
  return needing(['az'], sometimes('ReachedAzEbsStuck', (w: World) => {
    const zones = (w[AZ] as AzState).up.length;
    for (let z = 0; z < zones; z++) if (azUp(w, z) && !azEbsOk(w, z)) return true;
    return false;
  }, "a zone's EBS volumes are stuck while its instances run (gray failure)"));
}

/** ReachedAzLbUnreachable: some zone is up and cut off from the load balancer (az's `AzLbUnreachable`, a gray failure). */
export function reachedAzLbUnreachable(): SometimesProperty<World> {
  return needing(['az'], sometimes('ReachedAzLbUnreachable', (w: World) => {
    const zones = (w[AZ] as AzState).up.length;
    for (let z = 0; z < zones; z++) if (azUp(w, z) && !lbReaches(w, z)) return true;
    return false;
  }, "a zone's instances run but the load balancer cannot reach them (gray failure)"));
}

// ---- Helpers ----------------------------------------------------------------------------

/** Every zone is up (true without an az component). */
function allZonesUp(w: World): boolean {
  const slice = w[AZ] as AzState | undefined;
  if (slice === undefined) return true;
  for (let z = 0; z < slice.up.length; z++) if (!slice.up[z]) return false;
  return true;
}

/** Some zone is down. */
function someZoneDown(w: World): boolean {
  return !allZonesUp(w);
}
