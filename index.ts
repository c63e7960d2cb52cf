/**
 * faultline's public API. Every export is named here (no `export *`), so the surface is
 * deliberate: modelling (Model, schemas, components), properties, explorers, scenarios, traces.
 */
export { assertNever, defineModel, formatAction, labelOf, type Action, type ActionKind, type Model } from './model/model.js';
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
export { exploreExhaustive, type ExhaustiveOptions, type ExhaustiveProgress } from './engine/bfs.js';
export { exploreRandom, DEFAULT_SEED, type RandomOptions } from './engine/random.js';
export { checked, deepFreeze, ModelContractError } from './engine/checked.js';
export { checkScenario, allMet, type CheckResult, type CheckOptions, type PropertyOutcome } from './engine/check.js';
export { defineScenario, InputError, type Scenario, type ScenarioSpec, type Parameters } from './engine/scenario.js';
export { loadTrace, parseTrace, replay, saveTrace, toTrace, TraceError, type Trace, type TraceStep } from './engine/trace.js';
export type { Report, Stats, Counterexample, PropertyResult, Coverage, Mode, StopReason } from './engine/report.js';
export { bundledScenarios } from './scenarios/index.js';
