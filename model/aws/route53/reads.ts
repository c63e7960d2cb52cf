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
  return answerOf(s.endpoints, s.primary);
}
/**
 * `dnsAnswer` over the endpoints and the primary record's endpoint `primary` (`PRIMARY` until a
 * `ChangeRecord`; the reducer's `Tick` answers from endpoints it has just probed).
 */
export function answerOf(endpoints: readonly DnsEndpoint[], primary: number): number {
  if (endpoints[primary].healthy) return primary;
  const secondary = primary === PRIMARY ? SECONDARY : PRIMARY;
  return endpoints[secondary].healthy ? secondary : primary;
}
/** The client's cached answer points at an endpoint it can reach. */
export function clientReachesEndpoint(s: Route53State): boolean {
  return s.endpoints[s.target].reachable;
}
/** DnsFailsOver: the client never stayed on an unreachable endpoint longer than detection + TTL while the other was reachable. */
export function dnsFailsOver(s: Route53State): boolean {
  return !s.late;
}
