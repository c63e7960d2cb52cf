/**
 * Reads of the ec2 slice for other components, properties and scenarios (all take the whole
 * world; `i` is a slot index). Re-exported by `index.ts` (import from there).
 */
import { azEbsOk, azUp } from '../az/index.js';
import { capacityAdmits } from '../capacity/index.js';
import type { World } from '../../compose/component.js';
import { EC2, type Ec2State, type InstanceState } from './state.js';

/** The ec2 slice of `world`. */
export function ec2Slice(world: World): Ec2State {
  return world[EC2] as Ec2State;
}
/** The lifecycle state of instance `i`. */
export function instanceState(world: World, i: number): InstanceState {
  return (world[EC2] as Ec2State).instances[i].state;
}
/** The zone of instance `i` (meaningful while `isLaunched`). */
export function instanceAz(world: World, i: number): number {
  return (world[EC2] as Ec2State).instances[i].az;
}
/** Slot `i` is free for a launch: never used, or terminated. */
export function isFree(world: World, i: number): boolean {
  const s = (world[EC2] as Ec2State).instances[i].state;
  return s === 'none' || s === 'terminated';
}
/** Instance `i` exists: pending, running, stopping, stopped or shutting-down. */
export function isLaunched(world: World, i: number): boolean {
  return !isFree(world, i);
}
/** Instance `i` exists in zone `az`. */
export function inAz(world: World, i: number, az: number): boolean {
  const x = (world[EC2] as Ec2State).instances[i];
  return x.az === az && x.state !== 'none' && x.state !== 'terminated';
}
/** Instance `i` is in the `running` state (whatever its health). */
export function isRunning(world: World, i: number): boolean {
  return (world[EC2] as Ec2State).instances[i].state === 'running';
}
/** A state that holds a host (and capacity): pending, running, stopping, shutting-down. */
export function holdsCapacityState(s: InstanceState): boolean {
  return s === 'pending' || s === 'running' || s === 'stopping' || s === 'shutting-down';
}
/** Instance `i` holds a host in its zone. */
export function holdsCapacity(world: World, i: number): boolean {
  return holdsCapacityState((world[EC2] as Ec2State).instances[i].state);
}
/** Instance `i` is running and reachable over the network: its host works and its zone is up. */
export function isReachable(world: World, i: number): boolean {
  const x = (world[EC2] as Ec2State).instances[i];
  return x.state === 'running' && x.systemOk && azUp(world, x.az);
}
/** The system status check of a running instance passes (host and zone fine). */
export const systemStatusOk = isReachable;
/** Both status checks of a running instance pass (host, zone and guest OS fine). */
export function statusChecksOk(world: World, i: number): boolean {
  const x = (world[EC2] as Ec2State).instances[i];
  return x.state === 'running' && x.systemOk && x.instanceOk && azUp(world, x.az);
}
/** Running, and a status check reports `impaired` (system or instance). */
export function isImpaired(world: World, i: number): boolean {
  const x = (world[EC2] as Ec2State).instances[i];
  return x.state === 'running' && !(x.systemOk && x.instanceOk && azUp(world, x.az));
}
/**
 * What an application health check (ELB, Route 53) would see now: running, status checks ok,
 * application up, and (EBS-backed) its zone's EBS serving I/O: an application on a stuck root
 * volume hangs while the status checks still pass (az's `AzEbsStuck`).
 */
export function isHealthy(world: World, i: number): boolean {
  const s = world[EC2] as Ec2State;
  const x = s.instances[i];
  return x.state === 'running' && x.systemOk && x.instanceOk && x.appUp && azUp(world, x.az) && (s.rootDevice !== 'ebs' || azEbsOk(world, x.az));
}
/**
 * The attached EBS status check of a running instance passes: its EBS volumes are reachable
 * and complete I/O (an instance-store-backed one has none here). A separate check from the
 * system and instance checks (`statusChecksOk`); an Auto Scaling group acts on it only with
 * the EBS health check type, which asg does not model. AWS: EbsStatusDetails,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsStatusDetails.html; "About the
 * health checks for your Auto Scaling group",
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/health-checks-overview.html.
 */
export function ebsStatusOk(world: World, i: number): boolean {
  const s = world[EC2] as Ec2State;
  const x = s.instances[i];
  return x.state === 'running' && azUp(world, x.az) && (s.rootDevice !== 'ebs' || azEbsOk(world, x.az));
}
/** Instance `i` exists and its instance store still holds everything written since launch. */
export function instanceStoreIntact(world: World, i: number): boolean {
  const x = (world[EC2] as Ec2State).instances[i];
  return x.storeData && x.state !== 'none' && x.state !== 'terminated';
}
/** How many instances `isHealthy` (for "at least N healthy" properties). */
export function healthyCount(world: World): number {
  const ins = (world[EC2] as Ec2State).instances;
  let n = 0;
  for (let i = 0; i < ins.length; i++) if (isHealthy(world, i)) n++;
  return n;
}
/** Instances holding a host in zone `az`. */
export function occupiedInAz(world: World, az: number): number {
  const ins = (world[EC2] as Ec2State).instances;
  let n = 0;
  for (let i = 0; i < ins.length; i++) if (ins[i].az === az && holdsCapacityState(ins[i].state)) n++;
  return n;
}
/**
 * A new instance (launch or start) in zone `az` would succeed: the zone is up and has
 * capacity, and (EBS-backed) its EBS completes the root volume's creation and attachment,
 * which a stuck zone's does not (az's `AzEbsStuck`; in April 2011 AWS disabled the zone's EBS
 * control APIs, https://aws.amazon.com/message/65648/).
 */
export function launchAdmitted(world: World, az: number): boolean {
  return azUp(world, az) && ((world[EC2] as Ec2State).rootDevice !== 'ebs' || azEbsOk(world, az)) && capacityAdmits(world, az, occupiedInAz(world, az));
}
/** The lowest free slot in `first .. first+count-1`, or -1. */
export function firstFreeSlot(world: World, first: number, count: number): number {
  const ins = (world[EC2] as Ec2State).instances;
  for (let i = first; i < first + count; i++) if (ins[i].state === 'none' || ins[i].state === 'terminated') return i;
  return -1;
}
