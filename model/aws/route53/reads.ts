/**
 * Reads of the route53 slice for properties and the reducer. Re-exported by `index.ts`
 * (import from there).
 */
import type { World } from '../../compose/component.js';
import { PRIMARY, ROUTE53, SECONDARY, type DnsEndpoint, type Route53State } from './state.js';

/** The route53 slice of `world`. */
export function route53Slice(world: World): Route53State {
  return world[ROUTE53] as Route53State;
}
/** What Route 53 answers now: the healthy primary, else the healthy secondary, else (fail-open) the primary. */
export function dnsAnswer(s: Route53State): number {
  return answerOf(s.endpoints);
}
/** `dnsAnswer` over the endpoints alone (the reducer's `Tick` answers from endpoints it has just probed). */
export function answerOf(endpoints: readonly DnsEndpoint[]): number {
  if (endpoints[PRIMARY].healthy) return PRIMARY;
  return endpoints[SECONDARY].healthy ? SECONDARY : PRIMARY;
}
/** The client's cached answer points at an endpoint it can reach. */
export function clientReachesEndpoint(s: Route53State): boolean {
  return s.endpoints[s.target].reachable;
}
/** DnsFailsOver: the client never stayed on an unreachable endpoint longer than detection + TTL while the other was reachable. */
export function dnsFailsOver(s: Route53State): boolean {
  return !s.late;
}
