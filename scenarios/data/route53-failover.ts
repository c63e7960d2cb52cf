/**
 * `route53-failover` (INV-R53-1, -2): failover routing between a primary and a secondary
 * Region. The primary endpoint may fail; the client's resolver caches the answer for the
 * record's TTL.
 *
 * - `health-checked`: a health check on the primary (every 30 s, failure threshold 3) marks
 *   it unhealthy after at most 90 s, Route 53 then answers with the secondary, and the client
 *   moves when its cached answer expires (TTL 60 s). DnsFailsOver holds.
 * - `no-health-check`: a record without a health check is always healthy, so Route 53 keeps
 *   answering with the dead primary and the client never moves. DnsFailsOver fails.
 *
 * The bound, in model time: detection is threshold x interval = 3 x 30 s = 90 s, plus the TTL
 * 60 s: 150 s (`failoverBoundTicks` = 15 ten-second ticks). The worst case is 140 s (the
 * primary fails just after a probe, and the client re-resolved just before the health check
 * flipped), so 130 s is not enough: the verdict test checks both.
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { route53, type Route53Options } from '../../model/aws/route53/index.js';
import { dnsFailsOver, reachedDnsFailover, reachedEndpointFailure } from '../../properties/data.js';

function failoverModel(primaryHealthCheck: boolean) {
  const options: Route53Options = {
    tickSeconds: 10,
    requestIntervalSeconds: 30,
    failureThreshold: 3,
    ttlSeconds: 60,
    primaryHealthCheck,
    secondaryHealthCheck: true,
    maxEndpointFailures: 1,
  };
  return compose([route53(options)], {
    properties: [
      // Detection (failureThreshold x requestInterval) + TTL: 3 x 30 s + 60 s = 150 s.
      dnsFailsOver({ withinSeconds: 3 * 30 + 60 }),
      reachedEndpointFailure(),
      // Traffic really moves with the health check; without it the secondary is never answered.
      ...(primaryHealthCheck ? [reachedDnsFailover()] : []),
    ],
  });
}

/** Failover records with a health check on the primary: clients move within detection + TTL. */
export const route53FailoverHealthChecked = defineScenario({
  name: 'route53-failover:health-checked',
  description: 'Failover records with a health check on the primary: clients reach the secondary within detection + TTL',
  model: failoverModel(true),
  modes: ['exhaustive', 'random'],
});

/** No health check on the primary: clients never move. */
export const route53FailoverNoHealthCheck = defineScenario({
  name: 'route53-failover:no-health-check',
  description: 'No health check on the primary: it counts as healthy for ever and clients never fail over; DnsFailsOver fails',
  model: failoverModel(false),
  modes: ['exhaustive', 'random'],
  expect: { DnsFailsOver: 'fails' },
});
