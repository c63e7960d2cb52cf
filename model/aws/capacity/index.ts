/**
 * EC2 capacity per Availability Zone (aws-semantics §1 "Capacity", INV-EC2-5).
 *
 * Launches, starts and recoveries can fail with `InsufficientInstanceCapacity` per zone.
 * Only a zonal Reserved Instance or an On-Demand Capacity Reservation reserves capacity (a
 * regional RI is a billing discount and is not modelled here). The slice holds, per zone:
 * - `limit[z]`: how many instances AWS can place in zone `z` for this account and type
 *   (on-demand, reservations included); a constant of the scenario;
 * - `reserved[z]`: instances covered by a Capacity Reservation / zonal RI in `z`; a constant;
 * - `short[z]`: an `InsufficientCapacity` event is going on in `z`: no on-demand launches.
 *
 * The free capacity of a zone is derived, not stored: `limit - occupied`, where "occupied"
 * counts the instances that hold a host there (ec2's `holdsCapacity`: pending, running,
 * stopping, shutting-down). Running instances consume reservations first, as AWS matches
 * open reservations automatically, so a launch in `z` is admitted iff
 * `occupied < reserved[z]`, or `!short[z]` and `occupied < limit[z]`.
 * ec2's `launchAdmitted(world, az)` combines this with the zone being up; ASG launches,
 * `LaunchInstance`, `StartInstance` and `AutoRecover` all go through it.
 *
 * Faults: `InsufficientCapacity { az }` takes the zone's spare on-demand capacity away;
 * `CapacityRestored { az }` gives it back (a fault-kind repair, like `AzRecover`). At most
 * `maxShort` zones are short at once.
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): both faults are data: events in the zone, not
 * API calls (the launches they refuse are ec2's and asg's, control).
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { CAPACITY_FAULTS, type CapacityAction } from './actions.js';
import { capacityActions } from './enabled.js';
import { capacityParameters, initialCapacity, resolveCapacityOptions, type CapacityOptions } from './options.js';
import { packedCapacity } from './packed.js';
import { reduceCapacity } from './reduce.js';
import { CAPACITY, capacitySchema, type CapacityState } from './state.js';

export {
  CAPACITY_FAULTS, capacityRestored, insufficientCapacity, type CapacityAction, type CapacityRestored, type InsufficientCapacity,
} from './actions.js';
export { capacityAdmits, isShort, spareHostFor } from './reads.js';
export { capacityPackedReads, type CapacityPackedReads } from './packed.js';
export { CAPACITY, MAX_CAPACITY, capacitySchema, type CapacityState } from './state.js';
export type { CapacityOptions } from './options.js';

/** Each action's plane (see the module comment). */
const CAPACITY_PLANES: Readonly<Record<CapacityAction['type'], Plane>> = { InsufficientCapacity: 'data', CapacityRestored: 'data' };

/**
 * The per-zone capacity component.
 *
 * @example
 * const cap = capacity({ azs: 2, reserved: [1, 0] }); // zone 0 keeps one guaranteed launch
 */
export function capacity<const N extends string>(options: CapacityOptions & InstanceOptions<N> & { readonly name: N }): Component<CapacityState, CapacityAction, N>;
export function capacity(options?: CapacityOptions & InstanceOptions<'capacity'>): Component<CapacityState, CapacityAction, 'capacity'>;
export function capacity(options: CapacityOptions & InstanceOptions = {}): Component<CapacityState, CapacityAction, string> {
  return instance(capacityComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `capacity` makes it the instance its options name. */
function capacityComponent(options: CapacityOptions): Component<CapacityState, CapacityAction, 'capacity'> {
  const c = resolveCapacityOptions(options);
  const initial = initialCapacity(c);
  return {
    name: CAPACITY,
    schema: capacitySchema(c.limit, c.reserved),
    parameters: capacityParameters(c),
    catalog: { op: [], fault: CAPACITY_FAULTS, control: [], plane: CAPACITY_PLANES },
    subscribes: [...CAPACITY_FAULTS],
    init: () => initial,
    actions: (world, out) => capacityActions(c, world, out as CapacityAction[]),
    reduce: (slice, a, world) => reduceCapacity(c, slice, a, world),
    packed: (layout) => packedCapacity(c, layout),
  };
}
