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
 * Each `Tick` runs the probes first, then the client's cache. Not modelled: editing records
 * (a control-plane action, INV-R53-5), per-checker views, calculated and alarm checks.
 */
import { ticksFor, type Component, type ParameterInfo, type World } from '../../compose/component.js';
import type { Tick } from '../../compose/compose.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';

/** The route53 component's name: its slice is `world.route53`. */
export const ROUTE53 = 'route53';
/** Endpoint indices: 0 is the primary record's, 1 the secondary's. */
export const PRIMARY = 0;
export const SECONDARY = 1;

/** Schema of one endpoint: what it is (`up`, `reachable` by users) and what its health check says. */
export function dnsEndpointSchema(threshold: number) {
  return t.record('DnsEndpoint', { up: t.bool(), reachable: t.bool(), healthy: t.bool(), streak: t.int(0, threshold - 1) });
}
export type DnsEndpoint = Infer<ReturnType<typeof dnsEndpointSchema>>;

/** Schema of the route53 slice: endpoints, the probe phase, the client's cached answer, the failover clock. */
export function route53Schema(threshold: number, intervalTicks: number, ttlTicks: number, boundTicks: number, maxFailures: number) {
  return t.record('Route53State', {
    endpoints: t.array(dnsEndpointSchema(threshold), 2),
    probeTimer: t.int(1, intervalTicks),
    target: t.int(0, 1),
    ttl: t.int(0, ttlTicks),
    stranded: t.int(0, boundTicks),
    late: t.bool(),
    failures: t.int(0, maxFailures),
  });
}
export type Route53State = Infer<ReturnType<typeof route53Schema>>;

// ---- Actions ---------------------------------------------------------------------------

/** Endpoint `endpoint` fails: down for checkers and users alike. */
export interface DnsEndpointDown { readonly type: 'DnsEndpointDown'; readonly kind: 'fault'; readonly endpoint: number }
/** Endpoint `endpoint` is repaired (a fault-kind repair). */
export interface DnsEndpointUp { readonly type: 'DnsEndpointUp'; readonly kind: 'fault'; readonly endpoint: number }
/** Users can no longer reach `endpoint`, but most health checkers still do. */
export interface DnsEndpointIsolated { readonly type: 'DnsEndpointIsolated'; readonly kind: 'fault'; readonly endpoint: number }

/** The client's resolver queries again before its cached answer expires (resolvers may; never later). */
export interface DnsResolve { readonly type: 'DnsResolve'; readonly kind: 'op' }

/** Every action route53 originates. */
export type Route53Action = DnsResolve | DnsEndpointDown | DnsEndpointUp | DnsEndpointIsolated;
/** Every action route53 reduces. */
export type Route53Subscribed = Route53Action | Tick;

export const ROUTE53_OPS = ['DnsResolve'] as const;
export const ROUTE53_FAULTS = ['DnsEndpointDown', 'DnsEndpointUp', 'DnsEndpointIsolated'] as const;

export const dnsResolve = (): DnsResolve => ({ type: 'DnsResolve', kind: 'op' });
export const dnsEndpointDown = (endpoint: number): DnsEndpointDown => ({ type: 'DnsEndpointDown', kind: 'fault', endpoint });
export const dnsEndpointUp = (endpoint: number): DnsEndpointUp => ({ type: 'DnsEndpointUp', kind: 'fault', endpoint });
export const dnsEndpointIsolated = (endpoint: number): DnsEndpointIsolated => ({ type: 'DnsEndpointIsolated', kind: 'fault', endpoint });

// ---- Reads for properties -------------------------------------------------------------------

/** The route53 slice of `world`. */
export function route53Slice(world: World): Route53State {
  return world[ROUTE53] as Route53State;
}
/** What Route 53 answers now: the healthy primary, else the healthy secondary, else (fail-open) the primary. */
export function dnsAnswer(s: Route53State): number {
  return answer(s.endpoints);
}
function answer(endpoints: readonly DnsEndpoint[]): number {
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

// ---- The component -----------------------------------------------------------------------

/** Parameters of the route53 component (seconds, Route 53's defaults). */
export interface Route53Options {
  /** Seconds per `Tick`; default 10. */
  readonly tickSeconds?: number;
  /** Health check RequestInterval: 30 (default) or 10. */
  readonly requestIntervalSeconds?: number;
  /** Consecutive results to flip a status, 1..10; default 3. */
  readonly failureThreshold?: number;
  /** The failover records' TTL; default 60. */
  readonly ttlSeconds?: number;
  /** A health check (or Evaluate Target Health) on the primary record; default true. */
  readonly primaryHealthCheck?: boolean;
  /** A health check on the secondary record; default true. */
  readonly secondaryHealthCheck?: boolean;
  /** The client caches its first answer forever (a JVM caching DNS); default false. */
  readonly clientIgnoresTtl?: boolean;
  /** `DnsEndpointDown` + `DnsEndpointIsolated` budget; default 1. */
  readonly maxEndpointFailures?: number;
  /** Enable `DnsEndpointIsolated` (INV-R53-4); default false. */
  readonly isolationFaults?: boolean;
}

/** The single factory of endpoint records. */
function dnsEndpoint(up: boolean, reachable: boolean, healthy: boolean, streak: number): DnsEndpoint {
  return { up, reachable, healthy, streak };
}
/** The single factory of route53 slices. */
function route53State(endpoints: readonly DnsEndpoint[], probeTimer: number, target: number, ttl: number, stranded: number, late: boolean, failures: number): Route53State {
  return { endpoints, probeTimer, target, ttl, stranded, late, failures };
}

/**
 * The Route 53 failover component.
 *
 * @example
 * const dns = route53({ tickSeconds: 10, primaryHealthCheck: true }); // DnsFailsOver holds
 */
export function route53(options: Route53Options = {}): Component<Route53State, Route53Subscribed> {
  const tickSeconds = options.tickSeconds ?? 10;
  const interval = options.requestIntervalSeconds ?? 30;
  const threshold = options.failureThreshold ?? 3;
  const ttlSeconds = options.ttlSeconds ?? 60;
  const checked = [options.primaryHealthCheck ?? true, options.secondaryHealthCheck ?? true];
  const ignoresTtl = options.clientIgnoresTtl ?? false;
  const maxFailures = options.maxEndpointFailures ?? 1;
  const isolation = options.isolationFaults ?? false;
  if (interval !== 10 && interval !== 30) throw new Error(`route53: requestIntervalSeconds must be 10 or 30, got ${interval}`);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 10) throw new Error(`route53: failureThreshold must be an integer in 1..10, got ${threshold}`);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 172_800) throw new Error(`route53: ttlSeconds must be an integer in 0..172800, got ${ttlSeconds}`);
  if (!Number.isInteger(maxFailures) || maxFailures < 0 || maxFailures > 8) throw new Error(`route53: maxEndpointFailures must be an integer in 0..8, got ${maxFailures}`);

  const intervalTicks = ticksFor(interval, tickSeconds);
  const ttlTicks = ticksFor(ttlSeconds, tickSeconds);
  const boundTicks = threshold * intervalTicks + ttlTicks;

  const UP = dnsEndpoint(true, true, true, 0);
  const A = {
    resolve: dnsResolve(),
    down: [dnsEndpointDown(PRIMARY), dnsEndpointDown(SECONDARY)],
    up: [dnsEndpointUp(PRIMARY), dnsEndpointUp(SECONDARY)],
    isolated: [dnsEndpointIsolated(PRIMARY), dnsEndpointIsolated(SECONDARY)],
  };
  const initial = route53State([UP, UP], intervalTicks, PRIMARY, ttlTicks, 0, false, 0);

  function withEndpoint(s: Route53State, i: number, e: DnsEndpoint, failures: number): Route53State {
    const endpoints = s.endpoints.slice();
    endpoints[i] = e;
    return route53State(endpoints, s.probeTimer, s.target, s.ttl, s.stranded, s.late, failures);
  }
  /** One probe of endpoint `i`: a result against the current status extends the streak, which flips it at the threshold. */
  function probe(e: DnsEndpoint, i: number): DnsEndpoint {
    if (!checked[i]) return e;
    if (e.up === e.healthy) return e.streak === 0 ? e : dnsEndpoint(e.up, e.reachable, e.healthy, 0);
    return e.streak + 1 >= threshold ? dnsEndpoint(e.up, e.reachable, e.up, 0) : dnsEndpoint(e.up, e.reachable, e.healthy, e.streak + 1);
  }

  function tick(s: Route53State): Route53State {
    let endpoints = s.endpoints;
    let probeTimer = s.probeTimer - 1;
    if (probeTimer === 0) {
      probeTimer = intervalTicks;
      const p = probe(endpoints[PRIMARY], PRIMARY);
      const q = probe(endpoints[SECONDARY], SECONDARY);
      if (p !== endpoints[PRIMARY] || q !== endpoints[SECONDARY]) endpoints = [p, q];
    }
    let target = s.target;
    let ttl = s.ttl;
    if (!ignoresTtl && --ttl <= 0) {
      ttl = ttlTicks;
      target = answer(endpoints);
    }
    // The clock restarts when the client moves (a move is the failover the bound is about).
    let stranded = 0;
    let late = s.late;
    if (!endpoints[target].reachable && endpoints[1 - target].reachable) {
      const before = target === s.target ? s.stranded : 0;
      if (before < boundTicks) stranded = before + 1;
      else {
        stranded = boundTicks;
        late = true; // stranded longer than detection + TTL
      }
    }
    return route53State(endpoints, probeTimer, target, ttl, stranded, late, s.failures);
  }

  function reduce(s: Route53State, a: Route53Subscribed): Route53State {
    switch (a.type) {
      case 'DnsEndpointDown': {
        const e = s.endpoints[a.endpoint];
        return withEndpoint(s, a.endpoint, dnsEndpoint(false, false, e.healthy, e.streak), s.failures + 1);
      }
      case 'DnsEndpointIsolated': {
        const e = s.endpoints[a.endpoint];
        return withEndpoint(s, a.endpoint, dnsEndpoint(true, false, e.healthy, e.streak), s.failures + 1);
      }
      case 'DnsEndpointUp': {
        const e = s.endpoints[a.endpoint];
        return withEndpoint(s, a.endpoint, dnsEndpoint(true, true, e.healthy, e.streak), s.failures);
      }
      case 'DnsResolve': {
        const target = answer(s.endpoints);
        return route53State(s.endpoints, s.probeTimer, target, ttlTicks, target === s.target ? s.stranded : 0, s.late, s.failures);
      }
      case 'Tick':
        return tick(s);
      default:
        return assertNever(a);
    }
  }

  function actions(world: World, out: Route53Action[]): void {
    const s = world[ROUTE53] as Route53State;
    const canFail = s.failures < maxFailures;
    if (!ignoresTtl && s.ttl < ttlTicks) out.push(A.resolve);
    for (let i = 0; i < 2; i++) {
      const e = s.endpoints[i];
      if (e.reachable) {
        if (canFail) {
          out.push(A.down[i]);
          if (isolation) out.push(A.isolated[i]);
        }
      } else {
        out.push(A.up[i]);
      }
    }
  }

  const parameters: ParameterInfo[] = [
    { name: 'tickSeconds', default: 10, unit: 's', range: [1, 3_600] },
    { name: 'requestIntervalSeconds', default: 30, unit: 's', range: ['10', '30'], description: 'health check RequestInterval' },
    { name: 'failureThreshold', default: 3, unit: 'count', range: [1, 10] },
    { name: 'ttlSeconds', default: 60, unit: 's', range: [0, 172_800], description: 'failover records TTL' },
    { name: 'primaryHealthCheck', default: true, unit: 'bool', range: ['true', 'false'] },
    { name: 'secondaryHealthCheck', default: true, unit: 'bool', range: ['true', 'false'] },
    { name: 'clientIgnoresTtl', default: false, unit: 'bool', range: ['true', 'false'] },
    { name: 'maxEndpointFailures', default: 1, unit: 'count', range: [0, 8] },
    { name: 'isolationFaults', default: false, unit: 'bool', range: ['true', 'false'], description: 'DnsEndpointIsolated (>18 % rule)' },
  ];

  return {
    name: ROUTE53,
    schema: route53Schema(threshold, intervalTicks, ttlTicks, boundTicks, maxFailures),
    parameters,
    catalog: { op: ROUTE53_OPS, fault: ROUTE53_FAULTS, control: [] },
    subscribes: [...ROUTE53_OPS, ...ROUTE53_FAULTS, 'Tick'],
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
    // Health checkers probe and caches expire forever: time always runs.
    ticking: () => true,
  };
}

/** Detection time + TTL in ticks: how long `DnsFailsOver` lets a client stay on an unreachable endpoint. */
export function failoverBoundTicks(options: Route53Options = {}): number {
  const tickSeconds = options.tickSeconds ?? 10;
  return (options.failureThreshold ?? 3) * ticksFor(options.requestIntervalSeconds ?? 30, tickSeconds) + ticksFor(options.ttlSeconds ?? 60, tickSeconds);
}
