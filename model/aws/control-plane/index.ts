/**
 * The Region's control plane (aws-semantics §9 and the opening conventions): the AWS APIs that
 * create, change and delete resources, apart from the data plane that serves with what is
 * already provisioned. "Control planes provide the administrative APIs used to create,
 * read/describe, update, delete, and list (CRUDL) resources ... The data plane is what
 * provides the primary function of the service" [CP1]; control planes are statistically more
 * likely to fail, and data planes keep working when they do ("existing resources remain
 * available") [Z4]; a design that reacts to an AZ loss by launching depends on the control
 * plane when it is most stressed [Z5] (INV-AZ-2, INV-ASG-8, INV-EIP-1, INV-R53-5).
 *
 * Every component's catalog gives each action type a plane (`catalog.plane`, listed by
 * `faultline components`): `control` for an AWS API call (`LaunchInstance`, `AsgLaunch`,
 * `AttachVolume`, `RemapAddress`, `RegisterTarget`, `PromoteReadReplica`, Route 53's
 * `ChangeRecord`...), `data` for the rest (a running instance, ELB routing and health checks,
 * Route 53 health checks and failover records, RDS Multi-AZ failover, SQS). With this component
 * in the composition, compose routes every API call here as well and leaves API calls out of
 * the enabled actions while the control plane is closed:
 * - impaired: `ControlPlaneImpaired` (fault), until `ControlPlaneRecovered` (a fault-kind
 *   repair: once faults stop, an impaired control plane stays impaired);
 * - throttled (`callsPerTick: k`): after k calls in one tick, no call until the next `Tick`
 *   (the calls fail and their callers retry on a later tick: a caller's next attempt is simply
 *   its action being enabled again). `Tick` is enabled while the window has calls in it.
 * - `LockOut` (with `lockOut: true`; fault-kind, outside the fault budget): enabled in a settled
 *   world (no component enables a control-kind action but `Tick`, judged before gating), it
 *   impairs the control plane for good; `staticallyStable` (properties/static-stability.ts)
 *   checks what holds after it. The other properties of the composition see its states too
 *   (`ignoringLockOut` keeps their verdicts as without it).
 * Faults are `data` (events, not calls), so recovery is never gated.
 *
 * One per Region: with several Regions (model/aws/region), each Region's control plane is an
 * instance in it (`controlPlane({ name: 'westCp', uses: { region: 'west' } })`), closed while
 * that Region is down, and compose gates every API call on the control plane its originator
 * sees (its `uses.controlPlane`, or the only one). Route 53's control plane is hosted in
 * us-east-1 [CP2]: give route53 the control plane of the Region standing for us-east-1. With
 * one control plane and no Region, Route 53's and the Region's are the same one. Not modelled: partial impairments (some APIs, some
 * callers), slow calls, a token bucket's burst (the window is one tick), the `Describe`/`List`
 * calls a real automation makes before acting.
 *
 * Sources: [CP1] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/control-planes-and-data-planes.html
 * · [CP2] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/appendix-b---edge-network-global-service-guidance.html
 * · [Z4] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/static-stability.html
 * · [Z5] https://aws.amazon.com/builders-library/static-stability-using-availability-zones/
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { CONTROL_PLANE_FAULTS, type ControlPlaneAction, type ControlPlaneSubscribed } from './actions.js';
import { controlPlaneActions, controlPlaneOpen, controlPlaneSettled, controlPlaneTicking } from './enabled.js';
import { CONTROL_PLANE_PARAMETERS, initialControlPlane, resolveControlPlaneOptions, type ControlPlaneOptions } from './options.js';
import { packedControlPlane } from './packed.js';
import { reduceControlPlane } from './reduce.js';
import { regionUp } from '../region/index.js';
import { CONTROL_PLANE, controlPlaneSchema, type ControlPlaneState } from './state.js';

export {
  CONTROL_PLANE_FAULTS, CONTROL_PLANE_WEATHER, controlPlaneImpaired, controlPlaneRecovered, lockOut,
  type ApiCall, type ControlPlaneAction, type ControlPlaneFaultType, type ControlPlaneImpaired, type ControlPlaneRecovered,
  type ControlPlaneSubscribed, type LockOut,
} from './actions.js';
export { apiCallsThisTick, controlPlaneImpairedNow, controlPlaneSlice, lockedOut } from './reads.js';
export { CONTROL_PLANE, controlPlaneSchema, type ControlPlaneState } from './state.js';
export type { ControlPlaneOptions } from './options.js';

/** The controlPlane's own actions are events, not calls: all data plane (so never gated). */
const CONTROL_PLANE_PLANES: Readonly<Record<ControlPlaneAction['type'], Plane>> = {
  ControlPlaneImpaired: 'data', ControlPlaneRecovered: 'data', LockOut: 'data',
};
/** What `staticallyStable` needs of the composition: `controlPlane({ lockOut: true })`. */
export const LOCK_OUT_CAPABILITY = 'controlPlane.lockOut';

/**
 * The control plane component.
 *
 * @example
 * const cp = controlPlane({ callsPerTick: 1 }); // one API call per tick; impairment faults on
 * const model = compose([az(), ec2({ initial: [0, 1], autoScaling: true }), asg({ min: 2 }), cp], { maxFaults: 2 });
 */
export function controlPlane<const N extends string>(options: ControlPlaneOptions & InstanceOptions<N> & { readonly name: N }): Component<ControlPlaneState, ControlPlaneSubscribed, N>;
export function controlPlane(options?: ControlPlaneOptions & InstanceOptions<'controlPlane'>): Component<ControlPlaneState, ControlPlaneSubscribed, 'controlPlane'>;
export function controlPlane(options: ControlPlaneOptions & InstanceOptions = {}): Component<ControlPlaneState, ControlPlaneSubscribed, string> {
  return instance(controlPlaneComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `controlPlane` makes it the instance its options name. */
function controlPlaneComponent(options: ControlPlaneOptions): Component<ControlPlaneState, ControlPlaneSubscribed, 'controlPlane'> {
  const c = resolveControlPlaneOptions(options);
  const initial = initialControlPlane(c);
  const subscribes: string[] = [...CONTROL_PLANE_FAULTS];
  if (c.throttled) subscribes.push('Tick');
  return {
    name: CONTROL_PLANE,
    schema: controlPlaneSchema(c.maxCalls),
    parameters: CONTROL_PLANE_PARAMETERS,
    catalog: { op: [], fault: CONTROL_PLANE_FAULTS, control: [], plane: CONTROL_PLANE_PLANES },
    subscribes,
    init: () => initial,
    actions: (world, out) => controlPlaneActions(c, world, out as ControlPlaneAction[]),
    reduce: (s, a, world) => reduceControlPlane(c, s, a, world),
    ticking: c.throttled ? controlPlaneTicking : undefined,
    controlPlane: {
      // A control plane in a down Region (its view's, model/aws/region) answers no call; without a region component, up.
      open: (s, world) => controlPlaneOpen(c, s) && regionUp(world),
      settledTypes: ['LockOut'],
      settled: (s, _world, out) => controlPlaneSettled(c, s, out),
    },
    provides: c.lockOut ? [LOCK_OUT_CAPABILITY] : [],
    packed: (layout) => packedControlPlane(c, layout),
  };
}
