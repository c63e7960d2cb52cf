/**
 * `multi-az-web`: the 2011 whitepaper's Figure 6. Route 53 answers clients with the web
 * tier's load balancer (the primary failover record, health-checked; the secondary a static
 * fallback); an ALB spreads requests over an Auto Scaling group of N+1 = 2 web servers across
 * two zones; the data lives in an RDS Multi-AZ DB instance (primary in zone 0, synchronous
 * standby in zone 1).
 *
 * One connected system (issue 12): the primary failover record is an alias to the ALB with
 * Evaluate Target Health (`route53({ primaryTarget: 'elb' })`), so Route 53 watches the load
 * balancer itself, and RequestsServedAgain asks what clients see: a request reaches a healthy
 * web server and the database behind it accepts writes.
 *
 * One fault (maxFaults 1): an AZ outage. The ALB keeps a healthy target in the surviving
 * zone, so Route 53 keeps answering with it (ReachedDnsFailover is unreached: it never needs
 * to fail over), and requests fail only while the database fails over to its standby, within
 * RDS's 60-120 s (RequestsServedAgain).
 *
 * Verdicts, all holding: AtLeastNHealthy (N = 1), NPlusOneRestored, OnlyHealthyTargetsAfterDetection,
 * NoAckedWriteLost (the Multi-AZ failover keeps every acknowledged write) and RequestsServedAgain.
 * Before issue 12 the DNS half had abstract endpoints and its own fault (the primary endpoint
 * failing, DnsFailsOver holding): 1,245 states. Connected, with the AZ outage as the one fault:
 * 1,194 states. DNS failover on its own is route53-failover's and static-stability:dns-*'s subject.
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { elb } from '../../model/aws/elb/index.js';
import { rds } from '../../model/aws/rds/index.js';
import { route53, type Route53Options } from '../../model/aws/route53/index.js';
import { noAckedWriteLost, reachedDnsFailover, reachedPrimaryFailure } from '../../properties/data.js';
import { atLeastNHealthy, nPlusOneRestored, onlyHealthyTargetsAfterDetection, reachedAzOutage, requestsServedAgain } from '../../properties/fleet.js';

/** 30 s a tick: the ALB's and Route 53's check interval. Boot and the ASG's impaired wait (60 s) are 2 ticks, an RDS failover 2-4. */
const TICK_SECONDS = 30;
const N = 1;
const UNHEALTHY_THRESHOLD = 2;
/** Route 53: the primary an alias to the ALB (Evaluate Target Health), the secondary health-checked every 30 s, 3 failures to flip; TTL 60 s (2 ticks). */
const DNS_FAILURE_THRESHOLD = 3;
const DNS_TTL_TICKS = 2;
const DNS: Route53Options = {
  tickSeconds: TICK_SECONDS, requestIntervalSeconds: 30, failureThreshold: DNS_FAILURE_THRESHOLD, ttlSeconds: DNS_TTL_TICKS * TICK_SECONDS,
  primaryHealthCheck: true, secondaryHealthCheck: true, maxEndpointFailures: 0, primaryTarget: 'elb',
};

/**
 * The web tier's path to N+1 in model time, as in `asg-n-plus-1`: the impaired wait (60 s),
 * then mark, terminate, termination done, launch (control steps, no time), the boot (60 s),
 * running: 60 + 60 = 120 s; the ALB's failed checks of the dead target and the database's
 * failover completion interleave. The booting replacement is not checked: the group registers
 * it when it is running (InService). Tight.
 */
const RESTORE = { withinSeconds: 60 + 60 };
/** The ALB's detection: 2 failed checks one interval (30 s) apart, the first at once: (U - 1) x 30 s = 30 s. Tight. */
const DETECTION_BOUND = { withinSeconds: (UNHEALTHY_THRESHOLD - 1) * TICK_SECONDS };
/**
 * An AZ outage that takes the database's primary zone: requests fail until the Multi-AZ
 * failover completes, at worst 120 s [R2] (the model takes the worst case: recovery paths
 * take AWS's control actions as soon as enabled, so a 60-120 s range would be checked at 60 s). Tight.
 */
const FAILOVER_SECONDS = 120;
const SERVED_AGAIN = { withinSeconds: FAILOVER_SECONDS };

export function multiAzWebModel() {
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: false }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: [] }),
      asg({ azs: 2, tickSeconds: TICK_SECONDS, min: N + 1, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
      elb({
        slots: 3, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], attachedToAsg: true, unhealthyThreshold: UNHEALTHY_THRESHOLD,
        deregistrationDelaySeconds: 0, faults: [],
      }),
      // Automated backups play no part in a Multi-AZ failover (rds-single-az-pitr covers them): off, to keep the space small.
      rds({
        tickSeconds: TICK_SECONDS, deployment: 'multiAz', primaryAz: 0, standbyAz: 1, writes: 2, maxInstanceFailures: 0, backupRetentionDays: 0,
        failoverMinSeconds: FAILOVER_SECONDS, failoverMaxSeconds: FAILOVER_SECONDS,
      }),
      route53(DNS),
    ],
    {
      maxFaults: 1,
      properties: [
        atLeastNHealthy(N),
        nPlusOneRestored(N, RESTORE),
        onlyHealthyTargetsAfterDetection(DETECTION_BOUND),
        noAckedWriteLost(),
        requestsServedAgain(SERVED_AGAIN),
        reachedAzOutage(),
        reachedPrimaryFailure(),
        reachedDnsFailover(),
      ],
    },
  );
}

export const multiAzWeb = defineScenario({
  name: 'multi-az-web',
  description: 'Route 53 (an alias to the ALB), an N+1 web tier across two zones and RDS Multi-AZ (Figure 6), connected: an AZ outage is survived, requests fail only for the database failover',
  model: multiAzWebModel,
  modes: ['exhaustive', 'random'],
  expect: { ReachedDnsFailover: 'unreached' },
  random: { runs: 300, steps: 40 },
});
