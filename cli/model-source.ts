/**
 * Models by name for worker threads (`--workers`): the engine's parallel explorer imports this
 * module in each worker (through a ModelRef) and calls one of its builders, so the engine itself
 * never loads scenarios or files.
 */
import type { ModelRef } from '../engine/model-ref.js';
import { InputError, type Parameters } from '../engine/scenario.js';
import { bundledScenarios } from '../scenarios/index.js';
import { loadFileScenario } from './load.js';

// Under Vitest this module runs from source: the workers must import the .ts file.
const SELF = import.meta.url;

/** The bundled scenario `name` (exact, with its variant) built with `params`. */
export function bundledModel(name: string, params?: Parameters) {
  const scenario = bundledScenarios.find((s) => s.name === name);
  if (!scenario) throw new InputError(`no bundled scenario named ${JSON.stringify(name)}`);
  return scenario.build(params);
}

/** The scenario in `file` (as `faultline check <file>` loads it; a template's unit `scenario`) built with `params`. */
export async function fileModel(file: string, params?: Parameters, scenario = '') {
  return (await loadFileScenario(file, scenario)).build(params);
}

/** A reference to a bundled scenario's model. */
export function bundledRef(name: string, params?: Parameters): ModelRef {
  return { module: SELF, export: 'bundledModel', args: [name, params] };
}

/** A reference to a scenario file's model. */
export function fileRef(file: string, params?: Parameters, scenario?: string): ModelRef {
  return { module: SELF, export: 'fileModel', args: scenario === undefined ? [file, params] : [file, params, scenario] };
}
