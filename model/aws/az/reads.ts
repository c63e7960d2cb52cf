/**
 * Reads of the az slice for other components and properties. Each treats a world without an
 * `az` component (or a hand-built slice without the gray fields) as every zone fine.
 */
import type { World } from '../../compose/component.js';
import { regionUp } from '../region/index.js';
import { AZ, type AzState } from './state.js';

/**
 * True when zone `az` is up in `world`; also true when the world has no `az` component
 * (a composition without zone faults has every zone up). False in a down Region (the
 * caller's Region, `regionUp` of its view): a Region outage takes all its zones, so every
 * component that reads its zones here follows it (model/aws/region). Without a region
 * component `regionUp` is true and nothing changes.
 */
export function azUp(world: World, az: number): boolean {
  const slice = world[AZ] as AzState | undefined;
  // `=== true`: a zone past az's zones is down, and the answer a boolean (an undefined once
  // made elb's "a check that changes nothing" test enable a check it meant to leave out).
  return (slice === undefined || slice.up[az] === true) && regionUp(world);
}
/**
 * The EBS volumes of zone `az` serve I/O: false while the zone's EBS is stuck (`AzEbsStuck`, a
 * gray failure: aws-semantics INV-EBS-7, the April 2011 event https://aws.amazon.com/message/65648/).
 * An outage is `azUp`'s business: check both where both matter.
 */
export function azEbsOk(world: World, az: number): boolean {
  const slice = world[AZ] as AzState | undefined;
  return slice?.ebsOk?.[az] !== false;
}
/**
 * The load balancer reaches the instances of zone `az`: false while they are unreachable
 * from it (`AzLbUnreachable`, a gray failure: the instances' EC2 status checks still pass).
 */
export function lbReaches(world: World, az: number): boolean {
  const slice = world[AZ] as AzState | undefined;
  return slice?.lbReachable?.[az] !== false;
}
/** Zone `az` is up with a gray failure: its EBS stuck or the load balancer cut off from it. */
export function azGray(world: World, az: number): boolean {
  return azUp(world, az) && !(azEbsOk(world, az) && lbReaches(world, az));
}
