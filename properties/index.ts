/**
 * The invariant library: reusable properties over composed AWS worlds, named as the
 * scenarios and reports use them. Fleet (instances, groups, load balancers, volumes, Elastic
 * IPs) and data (queues, databases, objects, DNS) halves; `always`, `sometimes` and
 * `recovers` build new ones.
 */
export { always, sometimes, recovers, defaultExpectation, meets } from '../model/core/property.js';
export type { Property, PropertyKind, Expectation, Verdict, AlwaysProperty, SometimesProperty, RecoversProperty } from '../model/core/property.js';
export * from './fleet.js';
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
  reachedPrimaryFailure,
  reachedAccidentalDelete,
  reachedAccidentalOverwrite,
  reachedEndpointFailure,
  reachedDnsFailover,
} from './data.js';
