/**
 * The runbook component's action: its type, the unions it originates and reduces, the catalog
 * constants and its creator. Re-exported by `index.ts` (import from there).
 */
import type { Tick } from '../../compose/compose.js';

/**
 * An operator or an automation starts the step: an AWS API call in the runbook's Region (an
 * Auto Scaling group's new desired capacity, a CloudFormation stack...), done `seconds` later.
 */
export interface RunbookStep { readonly type: 'RunbookStep'; readonly kind: 'op' }

/** Every action runbook originates. */
export type RunbookAction = RunbookStep;
/** Every action runbook reduces. */
export type RunbookSubscribed = RunbookAction | Tick;

export const RUNBOOK_OPS = ['RunbookStep'] as const;
/** The recovery ops (list them in compose's `recovery`: the step is part of how the design recovers). */
export const RUNBOOK_RECOVERY = ['RunbookStep'] as const;

export const runbookStep = (): RunbookStep => ({ type: 'RunbookStep', kind: 'op' });
