/**
 * faultline's public API. Every export is named here (no `export *`), so the surface is
 * deliberate: modelling (Model, schemas, components), properties, explorers, scenarios, traces.
 */
export { assertNever, defineModel, formatAction, labelOf, type Action, type ActionKind, type Model, type PackedTransitions } from './model/model.js';
export { accessor, type FieldAccessor } from './model/accessors.js';
export { t, SchemaError, fieldLayout, type Schema, type Codec, type Infer } from './model/schema.js';
export { withSchema } from './model/with-schema.js';
export { sliceOf, ticksFor, type Component, type World, type ParameterInfo, type ActionCatalog } from './model/component.js';
export {
  always,
  sometimes,
  recovers,
  type Property,
  type PropertyKind,
  type Expectation,
  type Verdict,
} from './properties/property.js';
export * as invariants from './properties/index.js';
export { exploreExhaustive, type ExhaustiveOptions, type ExhaustiveProgress } from './engine/bfs.js';
export { exploreRandom, DEFAULT_SEED, type RandomOptions } from './engine/random.js';
export { checked, deepFreeze, ModelContractError } from './engine/checked.js';
export { checkScenario, allMet, type CheckResult, type CheckOptions, type PropertyOutcome } from './engine/check.js';
export { defineScenario, InputError, type Scenario, type ScenarioSpec, type Parameters } from './engine/scenario.js';
export { loadTrace, parseTrace, replay, saveTrace, toTrace, TraceError, type Trace, type TraceStep } from './engine/trace.js';
export type { Report, Stats, Counterexample, PropertyResult, Coverage, Mode, StopReason } from './engine/report.js';
export { bundledScenarios } from './scenarios/index.js';
export { compose, TICK, type ComposeOptions, type ComposedModel } from './model/compose.js';
export { componentCatalog, type CatalogEntry } from './model/catalog.js';
export { az } from './model/az.js';
export { ec2 } from './model/ec2.js';
export { asg } from './model/asg.js';
export { capacity } from './model/capacity.js';
export { elb } from './model/elb.js';
export { ebs } from './model/ebs.js';
export { eip } from './model/eip.js';
export { sqs } from './model/sqs.js';
export { s3 } from './model/s3.js';
export { rds } from './model/rds.js';
export { route53 } from './model/route53.js';
export { dynamodb } from './model/dynamodb.js';
