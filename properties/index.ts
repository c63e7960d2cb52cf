/**
 * The invariant library: reusable properties over composed AWS worlds, named as the
 * scenarios and reports use them. Fleet (instances, groups, load balancers, volumes, Elastic
 * IPs) and data (queues, databases, objects, DNS) halves, and static stability (the control
 * plane impaired for good: `staticallyStable`); `always`, `sometimes` and `recovers` build new ones.
 */
export { always, sometimes, recovers, defaultExpectation, meets, onInstances } from '../model/core/property.js';
export type { Property, PropertyKind, Expectation, Verdict, AlwaysProperty, SometimesProperty, RecoversProperty } from '../model/core/property.js';
export * from './fleet.js';
export { staticallyStable, ignoringLockOut, reachedControlPlaneImpaired, reachedWhileLockedOut } from './static-stability.js';
export { recoveryPointWithin, objectRecoveryPointWithin, recoveryTimeWithin, reachedRegionOutage, reachedRegionFailover } from './dr.js';
export {
  recoveryTimeAcross, reachedStandbyServing, backupRecoveryPointWithin, recoveryPointZero, replicationLagWithin,
  type RegionSite, type Serving, type Sites,
} from './dr-strategies.js';
export {
  noLostMessage,
  noDuplicateProcessing,
  noEndlessRedelivery,
  noAckedWriteLost,
  recoveryPointBounded,
  deletedObjectRecoverable,
  dnsFailsOver,
  reachedWorkerCrashMidMessage,
  reachedVisibilityTimeoutMidProcessing,
  reachedRedelivery,
  reachedDeadLetter,
  reachedMessageExpired,
  reachedAllWorkersDown,
  reachedDuplicateDelivery,
  reachedProducerRetry,
  reachedPrimaryFailure,
  reachedAccidentalDelete,
  reachedAccidentalOverwrite,
  reachedEndpointFailure,
  reachedDnsFailover,
} from './data.js';
