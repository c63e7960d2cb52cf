/**
 * The route53 component's options, their validation, and the resolved configuration its
 * reducer and enabling code read: every default applied, the derived tick counts, the shared
 * endpoint record, and the action objects built once (the enabling code pushes these, never new ones).
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import {
  changeRecord, dnsEndpointDown, dnsEndpointIsolated, dnsEndpointUp, dnsResolve,
  type ChangeRecord, type DnsEndpointDown, type DnsEndpointIsolated, type DnsEndpointUp, type DnsResolve,
} from './actions.js';
import { PRIMARY, SECONDARY, dnsEndpoint, route53State, type DnsEndpoint, type Route53State } from './state.js';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise. */
export const ROUTE53_DEFAULT_TICK_SECONDS = 10;

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
  /**
   * Enable `ChangeRecord`: an operator or script edits the records to make the other endpoint
   * the primary while the primary's endpoint is unreachable (failover by editing records, a
   * control-plane call, INV-R53-5); default false.
   */
  readonly recordChanges?: boolean;
  /**
   * What the primary record answers with: `endpoint` (default), an abstract endpoint with its
   * own faults; `elb`, an alias to the composition's load balancer (route53's `uses.elb` where
   * there are several) with Evaluate Target Health: healthy while the load balancer has a
   * healthy target, reachable while it serves one, failing only through the components behind
   * it. Evaluate Target Health has no interval or threshold of its own (the load balancer's
   * checks have them): the primary's status follows the load balancer at every tick.
   */
  readonly primaryTarget?: 'endpoint' | 'elb';
  /**
   * The Region instance each record's endpoint is in (`['west', 'east']`; `null` for one that
   * is not in a modelled Region): such an endpoint is up and reachable while its Region is up
   * (read at each `Tick`, model/aws/region) and has no faults of its own; its health check
   * still takes threshold x interval to see the outage. Route 53 is global: its health checks
   * and answers keep working whatever Region fails [CP2]. An alias primary follows its load
   * balancer instead. Default: none.
   */
  readonly endpointRegions?: readonly (string | null)[];
}

/** The action objects the enabling code pushes: per endpoint (`PRIMARY`, `SECONDARY`), and the one resolve. */
export interface Route53ActionTables {
  readonly resolve: DnsResolve;
  readonly down: readonly DnsEndpointDown[];
  readonly up: readonly DnsEndpointUp[];
  readonly isolated: readonly DnsEndpointIsolated[];
  /** `ChangeRecord(e)` at index `e`. */
  readonly change: readonly ChangeRecord[];
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface Route53Config {
  /** Consecutive results to flip a status. */
  readonly threshold: number;
  /** Per endpoint: it has a health check. */
  readonly checked: readonly boolean[];
  readonly ignoresTtl: boolean;
  readonly maxFailures: number;
  /** `DnsEndpointIsolated` is enabled. */
  readonly isolation: boolean;
  /** `ChangeRecord` is enabled. */
  readonly recordChanges: boolean;
  /** The primary record is an alias to the composition's load balancer (`primaryTarget: 'elb'`). */
  readonly alias: boolean;
  /** Per endpoint, the Region instance it follows, or undefined. */
  readonly regions: readonly (string | undefined)[];
  /** Some endpoint follows a Region. */
  readonly followsRegions: boolean;
  readonly intervalTicks: number;
  readonly ttlTicks: number;
  /** Detection + TTL in ticks (`failoverBoundTicks`). */
  readonly boundTicks: number;
  /** The shared record of an endpoint up, reachable and healthy. */
  readonly UP: DnsEndpoint;
  readonly A: Route53ActionTables;
}

/** Applies the defaults and validates `options` (throws `route53: ...` on the first problem). */
export function resolveRoute53Options(options: Route53Options): Route53Config {
  checkOptions('route53', options, ROUTE53_OPTION_NAMES);
  const tickSeconds = options.tickSeconds ?? ROUTE53_DEFAULT_TICK_SECONDS;
  const interval = options.requestIntervalSeconds ?? 30;
  const threshold = options.failureThreshold ?? 3;
  const ttlSeconds = options.ttlSeconds ?? 60;
  const checked = [options.primaryHealthCheck ?? true, options.secondaryHealthCheck ?? true];
  const ignoresTtl = options.clientIgnoresTtl ?? false;
  const maxFailures = options.maxEndpointFailures ?? 1;
  const isolation = options.isolationFaults ?? false;
  const recordChanges = options.recordChanges ?? false;
  const primaryTarget = options.primaryTarget ?? 'endpoint';
  const endpointRegions = options.endpointRegions ?? [null, null];
  if (!Array.isArray(endpointRegions) || endpointRegions.length !== 2 || !endpointRegions.every((r) => r === null || (typeof r === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(r)))) {
    throw new Error(`route53: endpointRegions must be two Region instance names (or null), primary first, got ${JSON.stringify(endpointRegions)}`);
  }
  const regions = endpointRegions.map((r) => r ?? undefined);
  if (primaryTarget !== 'endpoint' && primaryTarget !== 'elb') throw new Error(`route53: primaryTarget must be 'endpoint' or 'elb', got ${JSON.stringify(primaryTarget)}`);
  if (interval !== 10 && interval !== 30) throw new Error(`route53: requestIntervalSeconds must be 10 or 30, got ${interval}`);
  intIn('route53', 'failureThreshold', threshold, 1, 10);
  intIn('route53', 'ttlSeconds', ttlSeconds, 0, 172_800);
  intIn('route53', 'maxEndpointFailures', maxFailures, 0, 8);

  const intervalTicks = ticksFor(interval, tickSeconds);
  const ttlTicks = ticksFor(ttlSeconds, tickSeconds);
  return {
    threshold,
    checked,
    ignoresTtl,
    maxFailures,
    isolation,
    recordChanges,
    alias: primaryTarget === 'elb',
    regions,
    followsRegions: regions.some((r, i) => r !== undefined && !(i === PRIMARY && primaryTarget === 'elb')),
    intervalTicks,
    ttlTicks,
    boundTicks: threshold * intervalTicks + ttlTicks,
    UP: dnsEndpoint(true, true, true, 0),
    A: {
      resolve: dnsResolve(),
      down: [dnsEndpointDown(PRIMARY), dnsEndpointDown(SECONDARY)],
      up: [dnsEndpointUp(PRIMARY), dnsEndpointUp(SECONDARY)],
      isolated: [dnsEndpointIsolated(PRIMARY), dnsEndpointIsolated(SECONDARY)],
      change: [changeRecord(PRIMARY), changeRecord(SECONDARY)],
    },
  };
}

/** The slice at the start: both endpoints up and healthy, a full probe interval and TTL ahead, the client on the primary. */
export function initialRoute53(c: Route53Config): Route53State {
  return route53State([c.UP, c.UP], c.intervalTicks, PRIMARY, c.ttlTicks, 0, false, 0, PRIMARY);
}

/** Detection time + TTL in ticks: how long `DnsFailsOver` lets a client stay on an unreachable endpoint. */
export function failoverBoundTicks(options: Route53Options = {}): number {
  const tickSeconds = options.tickSeconds ?? ROUTE53_DEFAULT_TICK_SECONDS;
  return (options.failureThreshold ?? 3) * ticksFor(options.requestIntervalSeconds ?? 30, tickSeconds) + ticksFor(options.ttlSeconds ?? 60, tickSeconds);
}

/** Every option for the catalog, with its default (`tsc` checks the list against `Route53Options`). */
export const ROUTE53_PARAMETERS = parameterList<Route53Options>({
  tickSeconds: { default: 10, unit: 's', range: [1, 3_600], description: 'seconds per Tick' },
  requestIntervalSeconds: { default: 30, unit: 's', range: ['10', '30'], description: 'health check RequestInterval' },
  failureThreshold: { default: 3, unit: 'count', range: [1, 10], description: 'consecutive results to flip a health status' },
  ttlSeconds: { default: 60, unit: 's', range: [0, 172_800], description: 'failover records TTL' },
  primaryHealthCheck: { default: true, unit: 'bool', range: ['true', 'false'], description: 'a health check (or Evaluate Target Health) on the primary' },
  secondaryHealthCheck: { default: true, unit: 'bool', range: ['true', 'false'], description: 'a health check on the secondary record' },
  clientIgnoresTtl: { default: false, unit: 'bool', range: ['true', 'false'], description: 'the client caches its first answer forever (JVM DNS cache)' },
  maxEndpointFailures: { default: 1, unit: 'count', range: [0, 8], description: 'DnsEndpointDown + DnsEndpointIsolated budget' },
  isolationFaults: { default: false, unit: 'bool', range: ['true', 'false'], description: 'DnsEndpointIsolated (>18 % rule)' },
  recordChanges: { default: false, unit: 'bool', range: ['true', 'false'], description: 'ChangeRecord: an operator repoints the primary record (control plane)' },
  primaryTarget: { default: 'endpoint', unit: 'enum', range: ['endpoint', 'elb'], description: "elb: the primary is an alias to the composition's load balancer (Evaluate Target Health)" },
  endpointRegions: { default: [null, null], unit: 'names', range: [], description: 'Region instance of each endpoint (primary, secondary): up while its Region is up' },
});
const ROUTE53_OPTION_NAMES = optionNames(ROUTE53_PARAMETERS);
