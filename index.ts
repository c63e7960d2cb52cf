/**
 * faultline's public API. Every export is named here (no `export *`), so the surface is
 * deliberate: modelling (Model, schemas, components), properties, explorers, scenarios, traces.
 */
export { assertNever, defineModel, formatAction, labelOf, type Action, type ActionKind, type Model, type PackedTransitions } from './model/core/model.js';
export { accessor, type FieldAccessor } from './model/core/accessors.js';
export { t, SchemaError, fieldLayout, type Schema, type Codec, type Infer } from './model/core/schema.js';
export { withSchema } from './model/core/with-schema.js';
export { sliceOf, ticksFor, type Component, type World, type ParameterInfo, type ActionCatalog } from './model/compose/component.js';
export {
  always,
  sometimes,
  recovers,
  type Property,
  type PropertyKind,
  type Expectation,
  type Verdict,
} from './model/core/property.js';
export * as invariants from './properties/index.js';
export { exploreExhaustive, type ExhaustiveOptions, type ExhaustiveProgress } from './engine/bfs.js';
export { exploreRandom, DEFAULT_SEED, type RandomOptions } from './engine/random.js';
export { checked, deepFreeze, ModelContractError } from './engine/checked.js';
export { checkScenario, allMet, type CheckResult, type CheckOptions, type PropertyOutcome } from './engine/check.js';
export { defineScenario, InputError, type Scenario, type ScenarioSpec, type Parameters } from './engine/scenario.js';
export { loadTrace, parseTrace, replay, saveTrace, toTrace, TraceError, type Trace, type TraceStep } from './engine/trace.js';
export type { Report, Stats, Counterexample, PropertyResult, Coverage, Mode, StopReason } from './engine/report.js';
export { bundledScenarios } from './scenarios/index.js';
export { compose, TICK, type ComposeOptions, type ComposedModel } from './model/compose/compose.js';
export { componentCatalog, type CatalogEntry } from './model/aws/catalog.js';
export { az } from './model/aws/az/index.js';
export { ec2 } from './model/aws/ec2/index.js';
export { asg } from './model/aws/asg/index.js';
export { capacity } from './model/aws/capacity/index.js';
export { elb } from './model/aws/elb/index.js';
export { ebs } from './model/aws/ebs/index.js';
export { eip } from './model/aws/eip/index.js';
export { sqs } from './model/aws/sqs/index.js';
export { s3 } from './model/aws/s3/index.js';
export { rds } from './model/aws/rds/index.js';
export { route53 } from './model/aws/route53/index.js';
export { dynamodb } from './model/aws/dynamodb/index.js';
