/**
 * One step of a disaster-recovery runbook in the standby Region (issue 15; the "Disaster
 * Recovery of Workloads on AWS" whitepaper [DR1]): an AWS API call an operator or an
 * automation makes once the primary Region is down, and the time until what it creates serves.
 * Warm standby "scales up" a running, scaled-down fleet [DR1]: an Auto Scaling group's new
 * desired capacity (UpdateAutoScalingGroup), then the group's launches, boots and health
 * checks; pilot light "turns on" its application servers; backup and restore deploys its
 * stack (CloudFormation). Each is an API call on the standby Region's control plane, and takes
 * time the design must know (AWS publishes none).
 *
 * - `RunbookStep` (op; list `RUNBOOK_RECOVERY` in compose's `recovery`): enabled while the Region
 *   `after` names is down, the runbook's own Region (its view's, `uses.region`) is up and the
 *   step has not started; compose gates it on the control plane its view has, so a runbook that
 *   needs the failed Region's control plane never runs.
 * - Done `seconds` later (counted at `Tick`s while its Region is up): `runbookDone`.
 *
 * It abstracts what the step does (the fleet's instances are not modelled here: an
 * Auto Scaling group's desired capacity is fixed in model/aws/asg). Not modelled: a step that
 * fails and is retried, steps in a sequence (compose several), failing back.
 *
 * Sources: [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 * · [CP1] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/control-planes-and-data-planes.html
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { RUNBOOK_OPS, type RunbookAction, type RunbookSubscribed } from './actions.js';
import { runbookActions, runbookTicking } from './enabled.js';
import { RUNBOOK_DEFAULT_TICK_SECONDS, RUNBOOK_PARAMETERS, initialRunbook, resolveRunbookOptions, type RunbookOptions } from './options.js';
import { reduceRunbook } from './reduce.js';
import { RUNBOOK, runbookSchema, type RunbookState } from './state.js';
import { regionUp } from '../region/index.js';

export { RUNBOOK_OPS, RUNBOOK_RECOVERY, runbookStep, type RunbookAction, type RunbookStep, type RunbookSubscribed } from './actions.js';
export { runbookDone, runbookSlice } from './reads.js';
export { RUNBOOK, runbookSchema, type RunbookState } from './state.js';
export type { RunbookOptions } from './options.js';

/** The step is an AWS API call: control plane. */
const RUNBOOK_PLANES: Readonly<Record<RunbookAction['type'], Plane>> = { RunbookStep: 'control' };

/**
 * The runbook step component.
 *
 * @example
 * const scaleOut = runbook({ name: 'scaleOut', after: 'west', seconds: 300, uses: { region: 'east', controlPlane: 'eastCp' } });
 */
export function runbook<const N extends string>(options: RunbookOptions & InstanceOptions<N> & { readonly name: N }): Component<RunbookState, RunbookSubscribed, N>;
export function runbook(options?: RunbookOptions & InstanceOptions<'runbook'>): Component<RunbookState, RunbookSubscribed, 'runbook'>;
export function runbook(options: RunbookOptions & InstanceOptions = {}): Component<RunbookState, RunbookSubscribed, string> {
  return instance(runbookComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `runbook` makes it the instance its options name. */
function runbookComponent(options: RunbookOptions): Component<RunbookState, RunbookSubscribed, 'runbook'> {
  const c = resolveRunbookOptions(options);
  const initial = initialRunbook(c);
  return {
    name: RUNBOOK,
    schema: runbookSchema(c.ticks),
    parameters: RUNBOOK_PARAMETERS,
    catalog: { op: RUNBOOK_OPS, fault: [], control: [], plane: RUNBOOK_PLANES },
    subscribes: [...RUNBOOK_OPS, 'Tick'],
    tickSeconds: options.tickSeconds ?? RUNBOOK_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => runbook({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => runbookActions(c, world, out as RunbookAction[]),
    reduce: (s, a, world) => reduceRunbook(c, s, a, world),
    ticking: (s, world) => runbookTicking(s, world),
    // What the step created serves once it is done, while its Region is up.
    available: (s, world) => s.left === 0 && regionUp(world),
  };
}
