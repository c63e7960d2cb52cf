/**
 * The runbook component's options, their validation, and the resolved configuration its
 * reducer and enabling code read: the step's duration in ticks, every slice and the action
 * object, built once.
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import { runbookStep, type RunbookStep } from './actions.js';
import { runbookState, type RunbookState } from './state.js';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise. */
export const RUNBOOK_DEFAULT_TICK_SECONDS = 60;

/** Parameters of the runbook component. */
export interface RunbookOptions {
  /** Seconds per `Tick`; default 60. */
  readonly tickSeconds?: number;
  /** The Region instance whose outage starts the step (the primary); default none: nothing starts it. */
  readonly after?: string;
  /** How long the step takes from its call until what it creates serves (AWS publishes none: the design's figure); default 300. */
  readonly seconds?: number;
}

/** The options resolved: defaults applied, validated. */
export interface RunbookConfig {
  readonly after: string | undefined;
  readonly ticks: number;
  /** Every slice, at `slices[left + 1]`. */
  readonly slices: readonly RunbookState[];
  readonly A: { readonly step: RunbookStep };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Applies the defaults and validates `options` (throws `runbook: ...` on the first problem). */
export function resolveRunbookOptions(options: RunbookOptions): RunbookConfig {
  checkOptions('runbook', options, RUNBOOK_OPTION_NAMES);
  const tickSeconds = options.tickSeconds ?? RUNBOOK_DEFAULT_TICK_SECONDS;
  const after = options.after;
  const seconds = options.seconds ?? 300;
  if (after !== undefined && (typeof after !== 'string' || !IDENTIFIER.test(after))) throw new Error(`runbook: after must be a region instance name, got ${JSON.stringify(after)}`);
  intIn('runbook', 'seconds', seconds, 0, 2_592_000);
  const ticks = ticksFor(seconds, tickSeconds);
  const slices: RunbookState[] = [];
  for (let left = -1; left <= ticks; left++) slices.push(runbookState(left));
  return { after, ticks, slices, A: { step: runbookStep() } };
}

/** The slice at the start: the step not started. */
export function initialRunbook(c: RunbookConfig): RunbookState {
  return c.slices[0];
}

/** Every option for the catalog, with its default (`tsc` checks the list against `RunbookOptions`). */
export const RUNBOOK_PARAMETERS = parameterList<RunbookOptions>({
  tickSeconds: { default: 60, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
  after: { default: 'none', unit: 'name', range: [], description: 'the Region instance whose outage starts the step (none: never)' },
  seconds: { default: 300, unit: 's', range: [0, 2_592_000], description: 'time from the call until what it creates serves (the design figure)' },
});
const RUNBOOK_OPTION_NAMES = optionNames(RUNBOOK_PARAMETERS);
