/**
 * A model by reference: what a worker thread needs to rebuild, in its own isolate, the same
 * model the main thread explores (functions cannot be sent between threads, names can).
 * Every field is structured-cloneable. The engine knows no scenario registry and no file
 * loader: whoever starts the workers names a module whose export builds the model (the CLI's
 * `cli/model-source.ts` does this for bundled scenarios and scenario files).
 */
import type { Action, Model } from '../model/core/model.js';
import { InputError, isModel } from './scenario.js';

export interface ModelRef {
  /** An ES module by file URL. Under Vitest (workers run through tsx) a `.ts` URL works. */
  readonly module: string;
  /** The exported function that builds the model (it may return a promise of one). */
  readonly export: string;
  /** Its arguments (structured-cloneable). */
  readonly args?: readonly unknown[];
}

/** Builds the model a reference names; throws InputError when it names nothing usable. */
export async function loadModelRef(ref: ModelRef): Promise<Model<unknown, Action>> {
  const mod = (await import(ref.module)) as Record<string, unknown>;
  const factory = mod[ref.export];
  if (typeof factory !== 'function') throw new InputError(`${ref.module}: no exported function ${ref.export}`);
  const model: unknown = await factory(...(ref.args ?? []));
  if (!isModel(model)) throw new InputError(`${ref.module}: ${ref.export}(...) did not return a Model`);
  return model;
}
