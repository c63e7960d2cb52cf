/**
 * The route53 slice: its key in the world, its schema, its types and the single factories of
 * its records.
 */
import { t, type Infer } from '../../core/schema.js';

/** The route53 component's name: its slice is `world.route53`. */
export const ROUTE53 = 'route53';
/** Endpoint indices: 0 is the primary record's, 1 the secondary's. */
export const PRIMARY = 0;
/** Index of the secondary record's endpoint. */
export const SECONDARY = 1;

/** Schema of one endpoint: what it is (`up`, `reachable` by users) and what its health check says. */
export function dnsEndpointSchema(threshold: number) {
  return t.record('DnsEndpoint', { up: t.bool(), reachable: t.bool(), healthy: t.bool(), streak: t.int(0, threshold - 1) });
}
/** One record's endpoint: up, reachable from the health checkers, its health-check verdict and the streak of checks contrary to it. */
export type DnsEndpoint = Infer<ReturnType<typeof dnsEndpointSchema>>;

/**
 * Schema of the route53 slice: endpoints, the probe phase, the client's cached answer, the
 * failover clock, and the endpoint the primary record names (`primary`: 0 bits unless
 * `recordChanges`, so compositions without record edits keep their codes and counts).
 */
export function route53Schema(threshold: number, intervalTicks: number, ttlTicks: number, boundTicks: number, maxFailures: number, recordChanges = false) {
  return t.record('Route53State', {
    endpoints: t.array(dnsEndpointSchema(threshold), 2),
    probeTimer: t.int(1, intervalTicks),
    target: t.int(0, 1),
    ttl: t.int(0, ttlTicks),
    stranded: t.int(0, boundTicks),
    late: t.bool(),
    failures: t.int(0, maxFailures),
    primary: t.int(0, recordChanges ? 1 : 0),
  });
}
/** The route53 slice: both endpoints, the health-check countdown, the answer clients get (`target`), the TTL countdown of cached answers, how long clients have been stranded, and the primary record's endpoint. */
export type Route53State = Infer<ReturnType<typeof route53Schema>>;

/** The single factory of endpoint records. */
export function dnsEndpoint(up: boolean, reachable: boolean, healthy: boolean, streak: number): DnsEndpoint {
  return { up, reachable, healthy, streak };
}
/** The single factory of route53 slices. */
export function route53State(
  endpoints: readonly DnsEndpoint[], probeTimer: number, target: number, ttl: number, stranded: number, late: boolean, failures: number, primary: number,
): Route53State {
  return { endpoints, probeTimer, target, ttl, stranded, late, failures, primary };
}
