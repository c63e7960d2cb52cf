/**
 * A model by reference: what a worker thread needs to rebuild, in its own isolate, the same
 * model the main thread explores (functions cannot be sent between threads, names can).
 * Every field is structured-cloneable.
 */
import type { Action, Model } from '../model/core/model.js';
import { InputError, isModel, type Parameters } from './scenario.js';

export type ModelRef =
  /** A bundled scenario by its exact name (`sqs-pool`, `sqs-pool:early-delete`), built with `params`. */
  | { readonly kind: 'bundled'; readonly scenario: string; readonly params?: Parameters }
  /** A scenario file (as `faultline check <file>` loads it), built with `params`. */
  | { readonly kind: 'file'; readonly file: string; readonly params?: Parameters }
  /**
   * `export(...args)` of an ES module given by file URL, returning a Model; e.g. the bench's
   * `encodedSqsPool(size, variant)`. Under Vitest (workers run through tsx) a `.ts` URL works.
   */
  | { readonly kind: 'module'; readonly module: string; readonly export: string; readonly args?: readonly unknown[] };

/** Builds the model a reference names; throws InputError when it names nothing usable. */
export async function loadModelRef(ref: ModelRef): Promise<Model<unknown, Action>> {
  switch (ref.kind) {
    case 'bundled': {
      const { bundledScenarios } = await import('../scenarios/index.js');
      const scenario = bundledScenarios.find((s) => s.name === ref.scenario);
      if (!scenario) throw new InputError(`no bundled scenario named ${JSON.stringify(ref.scenario)}`);
      return scenario.build(ref.params);
    }
    case 'file': {
      // Loaded lazily: only file references need the CLI's loader (and tsx for .ts files).
      const { loadScenarioFile } = await import('../cli/load.js');
      return (await loadScenarioFile(ref.file)).build(ref.params);
    }
    case 'module': {
      const mod = (await import(ref.module)) as Record<string, unknown>;
      const factory = mod[ref.export];
      if (typeof factory !== 'function') throw new InputError(`${ref.module}: no exported function ${ref.export}`);
      const model: unknown = factory(...(ref.args ?? []));
      if (!isModel(model)) throw new InputError(`${ref.module}: ${ref.export}(...) did not return a Model`);
      return model;
    }
    default:
      throw new InputError(`unknown model reference ${JSON.stringify(ref)}`);
  }
}
