/**
 * What every component's `resolveXxxOptions` shares: the unknown-option check, the option
 * catalogue (one documented entry per option, checked against the options interface by `tsc`),
 * and the validators the components repeat, with the messages they already had.
 */
import { checkOptions, unknownName } from '../core/options.js';
import type { ParameterInfo } from './component.js';

export { checkOptions, closestNames, editDistance, optionsProblem } from '../core/options.js';

/**
 * One catalogue entry per option of `O`, keyed by its name: a missing option or one that `O`
 * does not have fails `tsc`, so adding an option without documenting it cannot go unnoticed.
 */
export type OptionDocs<O> = { readonly [K in keyof O]-?: Omit<ParameterInfo, 'name'> };

/** The catalogue as the component lists it (`Component.parameters`), in the order written. */
export function parameterList<O>(docs: OptionDocs<O>): ParameterInfo[] {
  return Object.entries(docs as Record<string, Omit<ParameterInfo, 'name'>>).map(([name, doc]) => ({ name, ...doc }));
}

/**
 * The option names of a component's catalogue: what its `checkOptions` accepts, with the
 * instance options every factory takes (`name`, `uses`: model/compose/instances.ts), so that a
 * misspelt `nme` is named as `name`.
 */
export function optionNames(parameters: readonly ParameterInfo[]): readonly string[] {
  return [...parameters.map((p) => p.name), 'name', 'uses'];
}

/** Throws `<component>: <name> must be an integer in lo..hi, got <value>` unless `value` is one. */
export function intIn(component: string, name: string, value: number, lo: number, hi: number): void {
  if (!Number.isInteger(value) || value < lo || value > hi) throw new Error(`${component}: ${name} must be an integer in ${lo}..${hi}, got ${value}`);
}

/**
 * Throws `<component>: unknown <what> <x>` (with the closest allowed name) for an entry of
 * `values` not in `allowed`, and `<component>: <option> must be a list` when it is not an array
 * (a string would otherwise be read letter by letter).
 */
export function namesIn(component: string, option: string, what: string, values: readonly string[], allowed: readonly string[]): void {
  if (!Array.isArray(values)) throw new Error(`${component}: ${option} must be a list of ${what}s, got ${JSON.stringify(values)}`);
  for (const v of values) if (!allowed.includes(v)) throw new Error(`${component}: ${unknownName(what, String(v), allowed)}`);
}
