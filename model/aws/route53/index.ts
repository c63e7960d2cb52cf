/**
 * Amazon Route 53 failover routing (aws-semantics §10): a primary and a secondary endpoint
 * (regions or load balancers, abstract), health checks on either, and a client whose
 * resolver caches the answer for the record's TTL.
 *
 * - Endpoints go down and come back (`DnsEndpointDown`, `DnsEndpointUp`, fault-kind), or,
 *   with `isolationFaults`, become unreachable for users while most checker locations still
 *   reach them (`DnsEndpointIsolated`: the >18 % rule keeps them healthy, INV-R53-4).
 * - Health checks probe every `requestIntervalSeconds` (one shared phase); a status flips
 *   after `failureThreshold` consecutive results against it. An endpoint without a health
 *   check is always healthy (INV-R53-2).
 * - The answer: the primary if healthy, else the secondary if healthy, else the primary
 *   (all unhealthy means all healthy: DNS fails open, INV-R53-3).
 * - The client re-resolves when its cached answer's TTL ends, or earlier (`DnsResolve`: a
 *   resolver may query again before expiry, never later), unless it ignores TTLs (INV-R53-1:
 *   it never moves).
 * - `stranded` counts ticks the client has spent on an unreachable endpoint while the other
 *   one was reachable; past `failoverBoundTicks` = threshold x interval + TTL (each rounded up
 *   to ticks) `late` is set for good: `DnsFailsOver` is `!late`.
 * - With `recordChanges`, `ChangeRecord(e)` (op): while the primary's endpoint is unreachable
 *   for users, an operator or script edits the failover records so that endpoint `e` is the
 *   primary (ChangeResourceRecordSets); `primary` in the slice (0 bits otherwise) names it, and
 *   clients follow when their cached answers expire. List `ROUTE53_RECOVERY` in compose's
 *   `recovery` so `recovers` may take it.
 * Each `Tick` runs the probes first, then the client's cache.
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes"; [CP2] its Appendix B): `ChangeRecord` is control: "The Route 53
 * control plane consists of all public Route 53 APIs covering functionality for hosted zones,
 * records, health checks ..." (hosted in us-east-1), and changing records to fail over depends
 * on it [CP2] (INV-R53-5). Everything else is data: answering queries (`DnsResolve`), the
 * health checks and the failover they drive ("DNS resolution and health checks, and updates to
 * routing resulting from changes in health checks, will continue to work" [CP2]), and the
 * endpoint faults.
 * Not modelled: per-checker views, calculated and alarm checks, weighted records.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { ROUTE53_FAULTS, ROUTE53_OPS, type Route53Action, type Route53Subscribed } from './actions.js';
import { route53Actions, route53Ticking } from './enabled.js';
import { ROUTE53_PARAMETERS, initialRoute53, resolveRoute53Options, type Route53Options, ROUTE53_DEFAULT_TICK_SECONDS } from './options.js';
import { packedRoute53 } from './packed.js';
import { reduceRoute53 } from './reduce.js';
import { ROUTE53, route53Schema, type Route53State } from './state.js';

export {
  ROUTE53_FAULTS, ROUTE53_OPS, ROUTE53_RECOVERY, changeRecord, dnsEndpointDown, dnsEndpointIsolated, dnsEndpointUp, dnsResolve,
  type ChangeRecord, type DnsEndpointDown, type DnsEndpointIsolated, type DnsEndpointUp, type DnsResolve, type Route53Action,
  type Route53Subscribed,
} from './actions.js';
export { clientReachesEndpoint, dnsAnswer, dnsFailsOver, route53Slice } from './reads.js';
export { PRIMARY, ROUTE53, SECONDARY, dnsEndpointSchema, route53Schema, type DnsEndpoint, type Route53State } from './state.js';
export { failoverBoundTicks, type Route53Options } from './options.js';

/** Each action's plane (see the module comment). */
const ROUTE53_PLANES: Readonly<Record<Route53Action['type'], Plane>> = {
  DnsResolve: 'data', ChangeRecord: 'control', DnsEndpointDown: 'data', DnsEndpointUp: 'data', DnsEndpointIsolated: 'data',
};

/**
 * The Route 53 failover component.
 *
 * @example
 * const dns = route53({ tickSeconds: 10, primaryHealthCheck: true }); // DnsFailsOver holds
 */
export function route53<const N extends string>(options: Route53Options & InstanceOptions<N> & { readonly name: N }): Component<Route53State, Route53Subscribed, N>;
export function route53(options?: Route53Options & InstanceOptions<'route53'>): Component<Route53State, Route53Subscribed, 'route53'>;
export function route53(options: Route53Options & InstanceOptions = {}): Component<Route53State, Route53Subscribed, string> {
  return instance(route53Component(ownOptions(options)), options);
}

/** The component under its kind's name; `route53` makes it the instance its options name. */
function route53Component(options: Route53Options): Component<Route53State, Route53Subscribed, 'route53'> {
  const c = resolveRoute53Options(options);
  const initial = initialRoute53(c);
  return {
    name: ROUTE53,
    schema: route53Schema(c.threshold, c.intervalTicks, c.ttlTicks, c.boundTicks, c.maxFailures, c.recordChanges),
    parameters: ROUTE53_PARAMETERS,
    catalog: { op: ROUTE53_OPS, fault: ROUTE53_FAULTS, control: [], plane: ROUTE53_PLANES },
    subscribes: [...ROUTE53_OPS, ...ROUTE53_FAULTS, 'Tick'],
    tickSeconds: options.tickSeconds ?? ROUTE53_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => route53({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => route53Actions(c, world, out as Route53Action[]),
    reduce: (s, a, world) => reduceRoute53(c, s, a, world),
    ticking: route53Ticking,
    packed: (layout) => packedRoute53(c, layout),
  };
}
