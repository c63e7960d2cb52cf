/**
 * faultline's public API. Every export is named here (no `export *`), so the surface is
 * deliberate: modelling (Model, schemas, components), properties, explorers, scenarios, traces.
 */
export { assertNever, defineModel, formatAction, labelOf, type Action, type ActionKind, type Model, type PackedProperty, type PackedTransitions } from './model/core/model.js';
export { accessor, checkAccessors, type FieldAccessor } from './model/core/accessors.js';
export { t, SchemaError, fieldLayout, type Schema, type Codec, type Infer } from './model/core/schema.js';
export { withSchema } from './model/core/with-schema.js';
export { compileSymmetry, type SlotSet, type Symmetry } from './model/core/symmetry.js';
export {
  sliceOf, ticksFor, type Component, type World, type WorldOf, type SliceOf, type ParameterInfo, type ActionCatalog, type Plane, type ControlPlaneRole,
  type PackedComponent, type PackedGate, type PackedLayout, type PackedReducer, type PackedSlotRead,
} from './model/compose/component.js';
export { registerPackedRead } from './model/compose/packed.js';
export {
  always,
  sometimes,
  recovers,
  eventually,
  leadsTo,
  eventuallyAlways,
  alwaysEventually,
  onInstances,
  type RecoversOptions,
  type Measure,
  type LivenessProperty,
  type Property,
  type PropertyKind,
  type Expectation,
  type Verdict,
} from './model/core/property.js';
export * as invariants from './properties/index.js';
export { exploreExhaustive, type ExhaustiveOptions, type ExhaustiveProgress } from './engine/bfs.js';
export { checkSymmetry, type SymmetryCheck, type SymmetryCheckOptions } from './engine/symmetry.js';
export { checkPacked, type PackedCheck, type PackedCheckOptions } from './engine/packed-check.js';
export { exploreRandom, DEFAULT_SEED, type RandomOptions } from './engine/random.js';
export { checked, deepFreeze, ModelContractError } from './engine/checked.js';
export { checkScenario, allMet, type CheckResult, type CheckOptions, type PropertyOutcome } from './engine/check.js';
export { defineScenario, InputError, type Scenario, type ScenarioSpec, type Parameters } from './engine/scenario.js';
export { loadTrace, parseTrace, replay, saveTrace, toTrace, TraceError, type Trace, type TraceStep } from './engine/trace.js';
export type { Report, Stats, Counterexample, PropertyResult, Coverage, Mode, StopReason, Worst } from './engine/report.js';
export { bundledScenarios } from './scenarios/index.js';
export { compose, TICK, type ComposeOptions, type ComposedModel, type ComposedWorld, type FaultsState } from './model/compose/compose.js';
export type { InstanceOptions } from './model/compose/instances.js';
export type { DependsOn } from './model/compose/dependencies.js';
export { componentCatalog, type CatalogEntry } from './model/aws/catalog.js';
// The AWS components: each factory, its options, its slice's types, and the reads that
// properties and other components use. Where two components name a read alike, the
// component's name prefixes it (`ebsNoAckedWriteLost`, `rdsNoAckedWriteLost`); the
// properties built on the reads are in `invariants`.
export { asg, type AsgMember, type AsgState, type AsgOptions, type AzStrategy, type HealthCheckType, type MaintenancePolicy } from './model/aws/asg/index.js';
export { az, azEbsOk, azGray, azUp, lbReaches, type AzFaultType, type AzState, type AzOptions } from './model/aws/az/index.js';
export { capacity, capacityAdmits, isShort, spareHostFor, type CapacityState, type CapacityOptions } from './model/aws/capacity/index.js';
export {
  controlPlane, apiCallsThisTick, controlPlaneImpairedNow, controlPlaneSlice, lockedOut, type ControlPlaneState, type ControlPlaneOptions,
} from './model/aws/control-plane/index.js';
export { dynamodb, ackedWritesAvailable, dynamodbSlice, itemCount, noLostUpdate, noStaleRead, type DdbRegion, type DdbReplica, type DynamoDbState, type DynamoDbOptions } from './model/aws/dynamodb/index.js';
export {
  ebs, ackedWrites as ebsAckedWrites, dataServed, dataSurvivesReplacement, ebsSlice, ebsWithinBounds, noAckedWriteLost as ebsNoAckedWriteLost,
  recoveryPointBounded as ebsRecoveryPointBounded, volumeInstance, volumeOf, volumeUsable, writesAtRisk,
  type EbsState, type Volume, type VolumeKind, type VolumeState, type EbsOptions, type EbsVolumeSpec,
} from './model/aws/ebs/index.js';
export {
  ec2, ebsStatusOk, ec2Slice, firstFreeSlot, healthyCount, holdsCapacity, holdsCapacityState, inAz, instanceAz, instanceState, instanceStoreIntact, isFree,
  isHealthy, isImpaired, isLaunched, isReachable, isRunning, launchAdmitted, occupiedInAz, statusChecksOk, systemStatusOk,
  type Ec2State, type Instance, type InstanceState, type Ec2Options, type RootDevice, type ShutdownBehavior,
} from './model/aws/ec2/index.js';
export { eip, addressOf, eipReachable, eipReachesHealthy, eipTarget, type Address, type EipState, type EipOptions } from './model/aws/eip/index.js';
export {
  elb, elbHealthy, failingOpen, lbHealthy, nodeUp, onlyHealthyTargets, onlyHealthyTargetsAfterDetection, reachesTarget, routedMask, routedTargets, routesTo,
  servesHealthyTarget, servesRequests, servingCount, targetShare, targetState, type ElbState, type LbType, type Target, type TargetState, type ElbOptions,
} from './model/aws/elb/index.js';
export {
  rds, ackedWrites as rdsAckedWrites, dbAvailable, endpointNode, noAckedWriteLost as rdsNoAckedWriteLost, rdsSlice,
  recoveryPointBounded as rdsRecoveryPointBounded,
  type DbPhase, type Endpoint, type Loss, type NodeState, type RdsNode, type RdsState, type WriteState, type RdsOptions, type RdsRunbookStep,
} from './model/aws/rds/index.js';
export { route53, clientReachesEndpoint, dnsAnswer, dnsFailsOver, failoverBoundTicks, route53Slice, type DnsEndpoint, type Route53State, type Route53Options } from './model/aws/route53/index.js';
export { region, regionSlice, regionUp, regionUpByName, type RegionState, type RegionOptions } from './model/aws/region/index.js';
export {
  rdsReplica, RDS_REPLICA_RECOVERY, rdsReplicaSlice, recoveryPointSeconds, replicaPromoted, writesLostByPromotion,
  type RdsReplicaState, type RdsReplicaOptions, type RdsReplicaRunbookStep,
} from './model/aws/rds-replica/index.js';
export { s3Replica, RTC_SECONDS, objectRecoveryPointSeconds, s3ReplicaSlice, type S3ReplicaState, type S3ReplicaOptions } from './model/aws/s3-replica/index.js';
export {
  snapshotCopy, SNAPSHOT_COPY_RECOVERY, copyRecoveryPointSeconds, restoreComplete, restoredWrites, snapshotCopySlice,
  type SnapshotCopyState, type SnapshotCopyOptions, type SnapshotCopyRunbookStep,
} from './model/aws/snapshot-copy/index.js';
export { runbook, RUNBOOK_RECOVERY, runbookDone, runbookSlice, type RunbookState, type RunbookOptions } from './model/aws/runbook/index.js';
export {
  s3, currentContent, currentIsGood, deletedObjectRecoverable, goodVersionRetrievable, s3Slice, someObjectDamaged,
  type S3Object, type S3State, type S3Version, type VersionKind, type Versioning, type S3Options,
} from './model/aws/s3/index.js';
export {
  sqs, isHeld, isLost, messagesSettled, noDuplicateProcessing, noLostMessage, someMessageIs, someRedelivered, someWorkerDown, sqsSlice,
  type MessageStatus, type SqsMessage, type SqsState, type SqsWorker, type WorkerStatus, type SqsOptions,
} from './model/aws/sqs/index.js';
