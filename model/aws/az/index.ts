/**
 * Availability Zones (aws-semantics §9): each zone is up or down.
 *
 * The `az` component owns the zones' state and originates the two zone faults that every
 * zonal component reacts to (or reads through `azUp`):
 * - `AzOutage { az }` (kind `fault`): zone `az` fails as a whole: its instances become
 *   unreachable and impaired, launches into it fail, its EBS volumes stick, its LB node loses
 *   its targets, an RDS primary there fails over.
 * - `AzRecover { az }` (kind `fault`): zone `az` comes back. Repairing a zone is a fault-kind
 *   action on purpose: once faults stop (under `recovers`), a failed zone stays down and the
 *   design must cope without it.
 *
 * Budget: at most `maxDown` zones are down at once (default 1), so the space stays finite
 * without a counter in state; compose's `maxFaults` bounds the total number of fault steps.
 * Not modelled: gray (partial, slow) zone failures (`AzDegrade`), a degraded regional
 * control plane during a zone event.
 */
import type { Component } from '../../compose/component.js';
import { AZ_FAULTS, type AzAction } from './actions.js';
import { azActions } from './enabled.js';
import { azParameters, initialAz, resolveAzOptions, type AzOptions } from './options.js';
import { reduceAz } from './reduce.js';
import { AZ, azSchema, type AzState } from './state.js';

export { AZ_FAULTS, azOutage, azRecover, type AzAction, type AzOutage, type AzRecover } from './actions.js';
export { azUp } from './reads.js';
export { AZ, azSchema, type AzState } from './state.js';
export type { AzOptions } from './options.js';

/**
 * The Availability Zones component.
 *
 * @example
 * const zones = az({ azs: 3, maxDown: 1 });
 * // actions: AzOutage(0..2) while no zone is down, AzRecover(z) for a down zone
 */
export function az(options: AzOptions = {}): Component<AzState, AzAction, 'az'> {
  const c = resolveAzOptions(options);
  const initial = initialAz(c);
  return {
    name: AZ,
    schema: azSchema(c.azs),
    parameters: azParameters(c),
    catalog: { op: [], fault: AZ_FAULTS, control: [] },
    subscribes: AZ_FAULTS,
    init: () => initial,
    actions: (world, out) => azActions(c, world, out as AzAction[]),
    reduce: (slice, a, world) => reduceAz(c, slice, a, world),
  };
}
