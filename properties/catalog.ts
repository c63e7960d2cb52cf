/**
 * The invariant library's catalog (`faultline invariants`): each factory with its arguments,
 * the property it makes (name, kind, what it checks) and the components it reads. Built from
 * sample instances, so the listing cannot drift from the factories.
 */
import type { Property, PropertyKind } from '../model/core/property.js';
import * as fleet from './fleet.js';
import * as data from './data.js';
import * as staticStability from './static-stability.js';
import * as dr from './dr.js';
import * as drStrategies from './dr-strategies.js';

export interface InvariantEntry {
  /** How to call it from `invariants`: `atLeastNHealthy(n)`. */
  readonly call: string;
  /** The property's name in reports and `expect`. */
  readonly property: string;
  readonly kind: PropertyKind;
  /** The components (world slices) it reads: compose refuses it without them. */
  readonly needs: readonly string[];
  /** What it checks, as the sample instance describes it. */
  readonly description: string;
}

/** The sites of the samples: a database in `west`, a volume restored from a copied snapshot in `east`. */
const SAMPLE_SITES: drStrategies.Sites = [
  { region: 'west', serves: [{ rds: 'db' }] },
  { region: 'east', serves: [{ restore: 'backup' }] },
];

/** Each factory with a sample call: the arguments name what a scenario must choose. */
const SAMPLES: readonly [string, () => Property<any>][] = [
  ['atLeastNHealthy(n)', () => fleet.atLeastNHealthy(1)],
  ['nPlusOneRestored(n, within)', () => fleet.nPlusOneRestored(1, 12)],
  ['noHealthyInstanceReplaced(firstSlot = 0)', () => fleet.noHealthyInstanceReplaced()],
  ['atLeastNServing(n)', () => fleet.atLeastNServing(1)],
  ['nPlusOneServing(n, within)', () => fleet.nPlusOneServing(1, 12)],
  ['requestsServedAgain(within)', () => fleet.requestsServedAgain(12)],
  ['onlyHealthyTargets()', () => fleet.onlyHealthyTargets()],
  ['onlyHealthyTargetsAfterDetection(within)', () => fleet.onlyHealthyTargetsAfterDetection(8)],
  ['dataSurvivesReplacementOnVolumes()', () => fleet.dataSurvivesReplacementOnVolumes()],
  ['dataSurvivesReplacementOnInstanceStore(instance)', () => fleet.dataSurvivesReplacementOnInstanceStore(0)],
  ['noAckedWriteLostOnVolumes()', () => fleet.noAckedWriteLostOnVolumes()],
  ['recoveryPointBoundedOnVolumes({ snapshotPolicy })', () => fleet.recoveryPointBoundedOnVolumes({ snapshotPolicy: true })],
  ['eipReachesHealthyAgain(within, eip = 0)', () => fleet.eipReachesHealthyAgain(10)],
  ['noLostMessage()', () => data.noLostMessage()],
  ['noDuplicateProcessing()', () => data.noDuplicateProcessing()],
  ['noEndlessRedelivery({ within })', () => data.noEndlessRedelivery({ within: 20 })],
  ['noAckedWriteLost()', () => data.noAckedWriteLost()],
  ['recoveryPointBounded()', () => data.recoveryPointBounded()],
  ['deletedObjectRecoverable()', () => data.deletedObjectRecoverable()],
  ['dnsFailsOver({ within })', () => data.dnsFailsOver({ within: 10 })],
  ['reachedInstanceFailure()', () => fleet.reachedInstanceFailure()],
  ['reachedAzOutage()', () => fleet.reachedAzOutage()],
  ['reachedAppCrash()', () => fleet.reachedAppCrash()],
  ['reachedCapacityShortage()', () => fleet.reachedCapacityShortage()],
  ['reachedReplacement()', () => fleet.reachedReplacement()],
  ['reachedInstanceExpiry()', () => fleet.reachedInstanceExpiry()],
  ['reachedVolumeKept()', () => fleet.reachedVolumeKept()],
  ['reachedVolumeReattached(volume, original)', () => fleet.reachedVolumeReattached(0, 0)],
  ['reachedSnapshotRestored(original)', () => fleet.reachedSnapshotRestored(0)],
  ['reachedAzEbsStuck()', () => fleet.reachedAzEbsStuck()],
  ['reachedAzLbUnreachable()', () => fleet.reachedAzLbUnreachable()],
  ['reachedWorkerCrashMidMessage()', () => data.reachedWorkerCrashMidMessage()],
  ['reachedVisibilityTimeoutMidProcessing()', () => data.reachedVisibilityTimeoutMidProcessing()],
  ['reachedRedelivery()', () => data.reachedRedelivery()],
  ['reachedDeadLetter()', () => data.reachedDeadLetter()],
  ['reachedMessageExpired()', () => data.reachedMessageExpired()],
  ['reachedAllWorkersDown()', () => data.reachedAllWorkersDown()],
  ['reachedDuplicateDelivery()', () => data.reachedDuplicateDelivery()],
  ['reachedProducerRetry()', () => data.reachedProducerRetry()],
  ['reachedPrimaryFailure()', () => data.reachedPrimaryFailure()],
  ['reachedAccidentalDelete()', () => data.reachedAccidentalDelete()],
  ['reachedAccidentalOverwrite()', () => data.reachedAccidentalOverwrite()],
  ['reachedEndpointFailure()', () => data.reachedEndpointFailure()],
  ['reachedDnsFailover()', () => data.reachedDnsFailover()],
  ['staticallyStable(p | pred)', () => staticStability.staticallyStable(fleet.atLeastNHealthy(1))],
  ['ignoringLockOut(p)', () => staticStability.ignoringLockOut(fleet.nPlusOneRestored(1, 12))],
  ['reachedControlPlaneImpaired()', () => staticStability.reachedControlPlaneImpaired()],
  ['reachedWhileLockedOut(reached)', () => staticStability.reachedWhileLockedOut(fleet.reachedAzOutage())],
  ['recoveryPointWithin(seconds)', () => dr.recoveryPointWithin(300)],
  ['objectRecoveryPointWithin(seconds)', () => dr.objectRecoveryPointWithin(900)],
  ['recoveryTimeWithin(seconds, regions?)', () => dr.recoveryTimeWithin(600, ['west', 'east'])],
  ['reachedRegionOutage()', () => dr.reachedRegionOutage()],
  ['reachedRegionFailover()', () => dr.reachedRegionFailover()],
  ['recoveryTimeAcross(seconds, sites, { name })', () => drStrategies.recoveryTimeAcross(7_200, SAMPLE_SITES)],
  ['reachedStandbyServing(sites)', () => drStrategies.reachedStandbyServing(SAMPLE_SITES)],
  ['backupRecoveryPointWithin(seconds)', () => drStrategies.backupRecoveryPointWithin(7_200)],
  ['recoveryPointZero(table, regions)', () => drStrategies.recoveryPointZero('table', ['west', 'east'])],
  ['replicationLagWithin(seconds, table, regions)', () => drStrategies.replicationLagWithin(0, 'table', ['west', 'east'])],
];

/** Every factory of the invariant library (`invariants.*`), in the order `faultline invariants` lists them. */
export function invariantCatalog(): InvariantEntry[] {
  return SAMPLES.map(([call, make]) => {
    const p = make();
    return { call, property: p.name, kind: p.kind, needs: p.needs ?? [], description: p.description ?? '' };
  });
}

/** The factory names the catalog lists (a test checks every exported factory is among them). */
export const CATALOGUED: readonly string[] = SAMPLES.map(([call]) => call.slice(0, call.indexOf('(')));
