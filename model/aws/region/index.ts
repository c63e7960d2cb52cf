/**
 * AWS Regions (aws-semantics §9; the Fault Isolation Boundaries whitepaper, "Regions": each
 * Region is isolated from the others and independent of them, with its own zones and its own
 * control planes [RG1]): a Region is up or down.
 *
 * Several Regions are named instances (`region({ name: 'west' })`, `region({ name: 'east' })`)
 * and a component is in the Region its view has (`uses: { region: 'west' }`, or the only one).
 * The Region's state reaches the components through reads, not actions (`regionUp` of the
 * caller's view), so no component subscribes to a Region's faults:
 * - az's `azUp` is false in a down Region, so every zonal component (ec2, ebs, elb, rds, sqs
 *   workers) sees all its zones down: a Region outage takes all its zones;
 * - rds accepts no write while its Region is down; sqs (its `available`) does not answer;
 * - a control plane in a down Region is closed: no API call of that Region succeeds
 *   (compose gates each call on the control plane its originator sees).
 * A caller that sees no Region (no region component, or a global service among several
 * Regions) treats it as up: a composition without a region component is exactly what it was.
 *
 * Faults: `RegionOutage` (at most `maxOutages` per run) and `RegionRecover` (with
 * `recoverable`; a fault-kind repair: once faults stop, a failed Region stays down). Both are
 * data plane: events, not calls. A Region-wide impairment of one service is that Region's
 * control plane impaired (`controlPlane`'s `ControlPlaneImpaired`, in the Region's view).
 * Not modelled: partial (gray) Region events, a service down in one Region while others work
 * (other than its control plane), inter-Region network partitions.
 *
 * Sources: [RG1] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/regions.html
 * · [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { REGION_FAULTS, type RegionAction } from './actions.js';
import { regionActions } from './enabled.js';
import { REGION_PARAMETERS, initialRegion, resolveRegionOptions, type RegionOptions } from './options.js';
import { reduceRegion } from './reduce.js';
import { REGION, regionSchema, type RegionState } from './state.js';

export { REGION_FAULTS, regionOutage, regionRecover, type RegionAction, type RegionOutage, type RegionRecover } from './actions.js';
export { regionSlice, regionUp, regionUpByName } from './reads.js';
export { REGION, regionSchema, type RegionState } from './state.js';
export type { RegionOptions } from './options.js';

/** A Region's events are data plane (see the module comment). */
const REGION_PLANES: Readonly<Record<RegionAction['type'], Plane>> = { RegionOutage: 'data', RegionRecover: 'data' };

/**
 * The Region component.
 *
 * @example
 * const west = region({ name: 'west', recoverable: false }); // west.RegionOutage, once
 * const east = region({ name: 'east', maxOutages: 0 });       // never fails
 */
export function region<const N extends string>(options: RegionOptions & InstanceOptions<N> & { readonly name: N }): Component<RegionState, RegionAction, N>;
export function region(options?: RegionOptions & InstanceOptions<'region'>): Component<RegionState, RegionAction, 'region'>;
export function region(options: RegionOptions & InstanceOptions = {}): Component<RegionState, RegionAction, string> {
  return instance(regionComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `region` makes it the instance its options name. */
function regionComponent(options: RegionOptions): Component<RegionState, RegionAction, 'region'> {
  const c = resolveRegionOptions(options);
  const initial = initialRegion(c);
  return {
    name: REGION,
    schema: regionSchema(c.maxOutages),
    parameters: REGION_PARAMETERS,
    catalog: { op: [], fault: REGION_FAULTS, control: [], plane: REGION_PLANES },
    subscribes: REGION_FAULTS,
    init: () => initial,
    actions: (world, out) => regionActions(c, world, out as RegionAction[]),
    reduce: (s, a, world) => reduceRegion(c, s, a as RegionAction, world),
  };
}
