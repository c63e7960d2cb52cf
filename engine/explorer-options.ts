/**
 * The explorers' options checked by name: a misspelt option (`maxDepht`) would otherwise be
 * ignored and the run would check something other than what was asked, so it is a one-line
 * error (exit 2 in the CLI), with the nearest known name.
 */
import { optionsProblem } from '../model/core/options.js';
import { InputError } from './scenario.js';

/** Throws an InputError when `opts` holds a key that is not in `known`. */
export function assertKnownOptions(owner: string, opts: object, known: readonly string[]): void {
  const problem = optionsProblem(owner, opts, known);
  if (problem) throw new InputError(problem);
}
