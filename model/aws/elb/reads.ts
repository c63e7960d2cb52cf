/**
 * Reads of the elb slice: the load balancer's view and its routing, for other components,
 * properties and scenarios (the whole world; `i` is an ec2 slot). Re-exported by `index.ts`
 * (import from there).
 */
import { azUp, lbReaches } from '../az/index.js';
import type { World } from '../../compose/component.js';
import { EC2, isHealthy, type Ec2State } from '../ec2/index.js';
import { ELB, type ElbState, type TargetState } from './state.js';

/**
 * The load balancer can reach instance `i` over the network: false while its zone is cut off
 * from the load balancer (az's `AzLbUnreachable`, a gray failure): its health checks fail and
 * the requests sent to it fail, whatever the instance's own health.
 */
export function reachesTarget(world: World, i: number): boolean {
  return lbReaches(world, (world[EC2] as Ec2State).instances[i].az);
}
/** Instance `i` can serve a request the load balancer sends it: really healthy (ec2's `isHealthy`) and reachable. */
export function servesRequests(world: World, i: number): boolean {
  return isHealthy(world, i) && reachesTarget(world, i);
}
/**
 * Instances that serve clients through the load balancer: registered (not launching, draining
 * or unused), really healthy and reachable from it. The capacity an N+1 design promises its
 * clients; ec2's `healthyCount` counts instances a gray failure cuts off as well.
 */
export function servingCount(world: World): number {
  const ts = (world[ELB] as ElbState).targets;
  let n = 0;
  for (let i = 0; i < ts.length; i++) {
    const s = ts[i].state;
    if ((s === 'initial' || s === 'healthy' || s === 'unhealthy') && servesRequests(world, i)) n++;
  }
  return n;
}
/** The load balancer's view of target `i`. */
export function targetState(world: World, i: number): TargetState {
  return (world[ELB] as ElbState).targets[i].state;
}
/** The load balancer currently sees target `i` as healthy. */
export function lbHealthy(world: World, i: number): boolean {
  return (world[ELB] as ElbState).targets[i].state === 'healthy';
}
/**
 * ASG's ELB health check: false only while the load balancer reports `i` unhealthy (an
 * `initial`, draining or unregistered target is not reported unhealthy). Pass it as
 * `asg({ healthCheckType: 'ELB', elbHealthy })`.
 */
export function elbHealthy(world: World, i: number): boolean {
  return (world[ELB] as ElbState).targets[i].state !== 'unhealthy';
}
/** LB node `z` serves: its zone is up and it has not failed. */
export function nodeUp(world: World, z: number): boolean {
  return (world[ELB] as ElbState).nodeUp[z] && azUp(world, z);
}
function inScope(world: World, lb: ElbState, i: number, z: number): boolean {
  return lb.crossZone || (world[EC2] as Ec2State).instances[i].az === z;
}
function healthyInScope(world: World, lb: ElbState, z: number): boolean {
  const ts = lb.targets;
  for (let i = 0; i < ts.length; i++) if (ts[i].state === 'healthy' && inScope(world, lb, i, z)) return true;
  return false;
}
/** Some up node has a healthy target in its scope (else every node fails open). */
function someNodeHealthy(world: World, lb: ElbState): boolean {
  for (let z = 0; z < lb.nodeUp.length; z++) if (nodeUp(world, z) && healthyInScope(world, lb, z)) return true;
  return false;
}
/**
 * Route 53's Evaluate Target Health on an alias record to this load balancer: healthy while
 * some up node has a healthy target to send requests to ("Evaluate Target Health": an ALB
 * alias is unhealthy when its target groups have no healthy target,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html).
 */
export function evaluateTargetHealth(world: World): boolean {
  return someNodeHealthy(world, world[ELB] as ElbState);
}
/** Node `z` sends new requests to target `i`; `anyHealthy` is `someNodeHealthy`. */
function nodeRoutes(world: World, lb: ElbState, z: number, i: number, anyHealthy: boolean): boolean {
  const s = lb.targets[i].state;
  if ((s !== 'healthy' && s !== 'unhealthy') || !nodeUp(world, z) || !inScope(world, lb, i, z)) return false;
  if (healthyInScope(world, lb, z)) return s === 'healthy';
  return !anyHealthy; // fail open
}
/** The load balancer sends new requests to instance `i` (through some node). */
export function routesTo(world: World, i: number): boolean {
  const lb = world[ELB] as ElbState;
  const anyHealthy = someNodeHealthy(world, lb);
  for (let z = 0; z < lb.nodeUp.length; z++) if (nodeRoutes(world, lb, z, i, anyHealthy)) return true;
  return false;
}
/** The routed targets as a bit mask (bit `i` for slot `i`). */
export function routedMask(world: World): number {
  const n = (world[ELB] as ElbState).targets.length;
  let mask = 0;
  for (let i = 0; i < n; i++) if (routesTo(world, i)) mask |= 1 << i;
  return mask;
}
/** The routed targets, in slot order (allocates: for reports and tests). */
export function routedTargets(world: World): number[] {
  const out: number[] = [];
  const n = (world[ELB] as ElbState).targets.length;
  for (let i = 0; i < n; i++) if (routesTo(world, i)) out.push(i);
  return out;
}
/** Some up node has no healthy target anywhere to use and routes to unhealthy ones (INV-ELB-1). */
export function failingOpen(world: World): boolean {
  const lb = world[ELB] as ElbState;
  if (someNodeHealthy(world, lb)) return false;
  for (let i = 0; i < lb.targets.length; i++) if (routesTo(world, i)) return true;
  return false;
}
/** OnlyHealthyTargets: every target that gets requests is really healthy (ec2's `isHealthy`) and reachable (`servesRequests`). */
export function onlyHealthyTargets(world: World): boolean {
  const n = (world[ELB] as ElbState).targets.length;
  for (let i = 0; i < n; i++) if (routesTo(world, i) && !servesRequests(world, i)) return false;
  return true;
}
/**
 * OnlyHealthyTargetsAfterDetection: a target that gets requests is really healthy (and
 * reachable), or its failure is not detected yet (the LB still sees it healthy). Fails only by
 * failing open.
 */
export function onlyHealthyTargetsAfterDetection(world: World): boolean {
  const lb = world[ELB] as ElbState;
  for (let i = 0; i < lb.targets.length; i++) {
    if (routesTo(world, i) && !servesRequests(world, i) && lb.targets[i].state !== 'healthy') return false;
  }
  return true;
}
/** Some routed target is really healthy and reachable: a request through the LB can succeed. */
export function servesHealthyTarget(world: World): boolean {
  const n = (world[ELB] as ElbState).targets.length;
  for (let i = 0; i < n; i++) if (routesTo(world, i) && servesRequests(world, i)) return true;
  return false;
}
/**
 * Target `i`'s share of the client requests (0..1): DNS spreads clients evenly over the nodes
 * that route somewhere, each node evenly over its targets (INV-ELB-3, INV-AZ-4).
 */
export function targetShare(world: World, i: number): number {
  const lb = world[ELB] as ElbState;
  const anyHealthy = someNodeHealthy(world, lb);
  let nodes = 0;
  let share = 0;
  for (let z = 0; z < lb.nodeUp.length; z++) {
    let count = 0;
    for (let j = 0; j < lb.targets.length; j++) if (nodeRoutes(world, lb, z, j, anyHealthy)) count++;
    if (count === 0) continue;
    nodes++;
    if (nodeRoutes(world, lb, z, i, anyHealthy)) share += 1 / count;
  }
  return nodes === 0 ? 0 : share / nodes;
}
