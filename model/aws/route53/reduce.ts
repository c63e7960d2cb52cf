/**
 * The route53 reducer: endpoint faults and repairs, the client's early resolve, and `Tick`,
 * which runs the probes first, then the client's cache, then the failover clock.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { Route53Subscribed } from './actions.js';
import type { Route53Config } from './options.js';
import { answerOf } from './reads.js';
import { evaluateTargetHealth, servesHealthyTarget } from '../elb/index.js';
import { regionUpByName } from '../region/index.js';
import { rootOf } from '../../compose/instances.js';
import { PRIMARY, SECONDARY, dnsEndpoint, route53State, type DnsEndpoint, type Route53State } from './state.js';

/** The slice after `a` (`world` is the world before it: an alias primary reads its load balancer there at `Tick`). */
export function reduceRoute53(c: Route53Config, s: Route53State, a: Route53Subscribed, world: World): Route53State {
  switch (a.type) {
    case 'DnsEndpointDown':
      return endpointDown(s, a.endpoint);
    case 'DnsEndpointIsolated':
      return endpointIsolated(s, a.endpoint);
    case 'DnsEndpointUp':
      return endpointUp(s, a.endpoint);
    case 'DnsResolve':
      return resolve(c, s);
    case 'ChangeRecord':
      return changeRecord(s, a.endpoint);
    case 'Tick': {
      const aliased = c.alias ? withAliasPrimary(c, s, world) : s;
      return tick(c, c.followsRegions ? withRegions(c, aliased, world) : aliased);
    }
    default:
      return assertNever(a);
  }
}

function withEndpoint(s: Route53State, i: number, e: DnsEndpoint, failures: number): Route53State {
  const endpoints = s.endpoints.slice();
  endpoints[i] = e;
  return route53State(endpoints, s.probeTimer, s.target, s.ttl, s.stranded, s.late, failures, s.primary);
}
function endpointDown(s: Route53State, i: number): Route53State {
  const e = s.endpoints[i];
  return withEndpoint(s, i, dnsEndpoint(false, false, e.healthy, e.streak), s.failures + 1);
}
function endpointIsolated(s: Route53State, i: number): Route53State {
  const e = s.endpoints[i];
  return withEndpoint(s, i, dnsEndpoint(true, false, e.healthy, e.streak), s.failures + 1);
}
function endpointUp(s: Route53State, i: number): Route53State {
  const e = s.endpoints[i];
  return withEndpoint(s, i, dnsEndpoint(true, true, e.healthy, e.streak), s.failures);
}
/** The client takes Route 53's current answer with a fresh TTL; a move restarts its failover clock. */
function resolve(c: Route53Config, s: Route53State): Route53State {
  const target = answerOf(s.endpoints, s.primary);
  return route53State(s.endpoints, s.probeTimer, target, c.ttlTicks, target === s.target ? s.stranded : 0, s.late, s.failures, s.primary);
}
/** The primary record now names `endpoint`; clients see it when their cached answer expires (or they re-resolve). */
function changeRecord(s: Route53State, endpoint: number): Route53State {
  return route53State(s.endpoints, s.probeTimer, s.target, s.ttl, s.stranded, s.late, s.failures, endpoint);
}

/** One probe of endpoint `i`: a result against the current status extends the streak, which flips it at the threshold. */
function probe(c: Route53Config, e: DnsEndpoint, i: number): DnsEndpoint {
  if (!c.checked[i]) return e;
  if (e.up === e.healthy) return e.streak === 0 ? e : dnsEndpoint(e.up, e.reachable, e.healthy, 0);
  return e.streak + 1 >= c.threshold ? dnsEndpoint(e.up, e.reachable, e.up, 0) : dnsEndpoint(e.up, e.reachable, e.healthy, e.streak + 1);
}

/**
 * The alias primary as the load balancer has it now: up (Evaluate Target Health) while it has
 * a healthy target, reachable while it serves one; its status follows at once (no threshold of
 * Route 53's own), unless the record evaluates no health (`primaryHealthCheck: false`).
 */
function withAliasPrimary(c: Route53Config, s: Route53State, world: World): Route53State {
  const e = s.endpoints[PRIMARY];
  const up = evaluateTargetHealth(world);
  const reachable = servesHealthyTarget(world);
  const healthy = c.checked[PRIMARY] ? up : e.healthy;
  if (e.up === up && e.reachable === reachable && e.healthy === healthy) return s;
  return withEndpoint(s, PRIMARY, dnsEndpoint(up, reachable, healthy, 0), s.failures);
}

/**
 * The endpoints in a Region (`endpointRegions`) as their Regions are now: up and reachable
 * while the Region is up; the health check's verdict follows through `probe`'s threshold.
 */
function withRegions(c: Route53Config, s: Route53State, world: World): Route53State {
  let out = s;
  for (let i = c.alias ? SECONDARY : PRIMARY; i <= SECONDARY; i++) {
    const name = c.regions[i];
    if (name === undefined) continue;
    const e = out.endpoints[i];
    const up = regionUpByName(rootOf(world), name);
    if (e.up !== up || e.reachable !== up) out = withEndpoint(out, i, dnsEndpoint(up, up, e.healthy, e.streak), out.failures);
  }
  return out;
}

function tick(c: Route53Config, s: Route53State): Route53State {
  let endpoints = s.endpoints;
  let probeTimer = s.probeTimer - 1;
  if (probeTimer === 0) {
    probeTimer = c.intervalTicks;
    const p = c.alias ? endpoints[PRIMARY] : probe(c, endpoints[PRIMARY], PRIMARY);
    const q = probe(c, endpoints[SECONDARY], SECONDARY);
    if (p !== endpoints[PRIMARY] || q !== endpoints[SECONDARY]) endpoints = [p, q];
  }
  let target = s.target;
  let ttl = s.ttl;
  if (!c.ignoresTtl && --ttl <= 0) {
    ttl = c.ttlTicks;
    target = answerOf(endpoints, s.primary);
  }
  // The clock restarts when the client moves (a move is the failover the bound is about).
  let stranded = 0;
  let late = s.late;
  if (!endpoints[target].reachable && endpoints[1 - target].reachable) {
    const before = target === s.target ? s.stranded : 0;
    if (before < c.boundTicks) stranded = before + 1;
    else {
      stranded = c.boundTicks;
      late = true; // stranded longer than detection + TTL
    }
  }
  return route53State(endpoints, probeTimer, target, ttl, stranded, late, s.failures, s.primary);
}
