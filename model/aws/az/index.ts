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
 * Gray (partial) zone failures, opt-in through `faults` (aws-semantics §9: "AZ failures may be
 * gray"; AWS's "Advanced Multi-AZ Resilience Patterns" whitepaper: a gray failure is one that
 * the system's own checks do not see while its users do, differential observability,
 * https://docs.aws.amazon.com/whitepapers/latest/advanced-multi-az-resilience-patterns/gray-failures.html):
 * - `AzEbsStuck { az }`: the zone's EBS volumes are stuck, I/O hangs and attach, create and
 *   snapshot do not complete (INV-EBS-7; the April 2011 event, https://aws.amazon.com/message/65648/).
 *   Instances keep running and pass their EC2 status checks; an EBS-backed one's application
 *   hangs (ec2's `isHealthy` is false, its attached-EBS status check fails, `ebsStatusOk`), and
 *   an EBS-backed launch into the zone is not admitted. Repaired by `AzEbsRecover { az }`.
 * - `AzLbUnreachable { az }`: the load balancer cannot reach the zone's instances: their
 *   targets fail health checks and requests to them fail, while the instances run, pass
 *   their EC2 status checks and accept launches. Repaired by `AzLbReachable { az }`.
 * A zone has at most one failure at a time. Each repair is a fault-kind action, like
 * `AzRecover`, enabled with `recoverable`.
 *
 * Budget: at most `maxDown` zones are down or gray at once (default 1), so the space stays
 * finite without a counter in state; compose's `maxFaults` bounds the total number of fault
 * steps. Compositions that enable only `AzOutage` (the default) explore exactly the states
 * they did before the gray failures existed.
 * Not modelled: slow (rather than stuck) I/O, packet loss, a gray failure of part of a zone, a
 * degraded regional control plane during a zone event.
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): every zone event is data: it happens to what runs
 * in the zone, no API is called. A regional control plane degraded with the zone (2011, 2012)
 * is the controlPlane component's `ControlPlaneImpaired`, in the same fault budget.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { AZ_FAULTS, type AzAction } from './actions.js';
import { azActions } from './enabled.js';
import { azParameters, initialAz, resolveAzOptions, type AzOptions } from './options.js';
import { packedAz } from './packed.js';
import { reduceAz } from './reduce.js';
import { AZ, azSchema, type AzState } from './state.js';

export {
  AZ_FAILURES, AZ_FAULTS, azEbsRecover, azEbsStuck, azLbReachable, azLbUnreachable, azOutage, azRecover,
  type AzAction, type AzEbsRecover, type AzEbsStuck, type AzFaultType, type AzLbReachable, type AzLbUnreachable, type AzOutage, type AzRecover,
} from './actions.js';
export { azEbsOk, azGray, azUp, lbReaches } from './reads.js';
export { azPackedReads, type AzPackedReads } from './packed.js';
export { AZ, azSchema, type AzState } from './state.js';
export type { AzOptions } from './options.js';

/** Each action's plane (see the module comment). */
const AZ_PLANES: Readonly<Record<AzAction['type'], Plane>> = {
  AzOutage: 'data', AzRecover: 'data', AzEbsStuck: 'data', AzEbsRecover: 'data', AzLbUnreachable: 'data', AzLbReachable: 'data',
};

/**
 * The Availability Zones component.
 *
 * @example
 * const zones = az({ azs: 3, maxDown: 1 });
 * // actions: AzOutage(0..2) while no zone is down, AzRecover(z) for a down zone
 * const gray = az({ faults: ['AzLbUnreachable'], recoverable: false });
 * // actions: AzLbUnreachable(0..1) while every zone is fine, nothing after
 */
export function az<const N extends string>(options: AzOptions & InstanceOptions<N> & { readonly name: N }): Component<AzState, AzAction, N>;
export function az(options?: AzOptions & InstanceOptions<'az'>): Component<AzState, AzAction, 'az'>;
export function az(options: AzOptions & InstanceOptions = {}): Component<AzState, AzAction, string> {
  return instance(azComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `az` makes it the instance its options name. */
function azComponent(options: AzOptions): Component<AzState, AzAction, 'az'> {
  const c = resolveAzOptions(options);
  const initial = initialAz(c);
  return {
    name: AZ,
    schema: azSchema(c.azs),
    parameters: azParameters(c),
    catalog: { op: [], fault: AZ_FAULTS, control: [], plane: AZ_PLANES },
    subscribes: AZ_FAULTS,
    init: () => initial,
    actions: (world, out) => azActions(c, world, out as AzAction[]),
    reduce: (slice, a, world) => reduceAz(c, slice, a, world),
    packed: (layout) => packedAz(c, layout),
  };
}
