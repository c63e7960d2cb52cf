/**
 * `multi-az-web`: the 2011 whitepaper's Figure 6. Route 53 answers clients with the web
 * tier's load balancer (the primary failover record, health-checked; the secondary a static
 * fallback); an ALB spreads requests over an Auto Scaling group of N+1 = 2 web servers across
 * two zones; the data lives in an RDS Multi-AZ DB instance (primary in zone 0, synchronous
 * standby in zone 1).
 *
 * One fault (maxFaults 1): an AZ outage, or the primary DNS endpoint failing. Route 53's
 * endpoints are abstract (the route53 component has no link to the zones or the ALB), so the
 * DNS half is exercised by its own endpoint failure; in an AZ outage the ALB keeps a node in
 * the surviving zone and DNS needs to do nothing.
 *
 * Verdicts, all holding: AtLeastNHealthy (N = 1), NPlusOneRestored, OnlyHealthyTargetsAfterDetection,
 * NoAckedWriteLost (the Multi-AZ failover keeps every acknowledged write) and DnsFailsOver.
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { elb } from '../../model/aws/elb/index.js';
import { rds } from '../../model/aws/rds/index.js';
import { route53, type Route53Options } from '../../model/aws/route53/index.js';
import { dnsFailsOver, noAckedWriteLost, reachedEndpointFailure, reachedPrimaryFailure } from '../../properties/data.js';
import { atLeastNHealthy, nPlusOneRestored, onlyHealthyTargetsAfterDetection, reachedAzOutage } from '../../properties/fleet.js';

/** 30 s a tick: the ALB's and Route 53's check interval. Boot and the ASG's impaired wait (60 s) are 2 ticks, an RDS failover 2-4. */
const TICK_SECONDS = 30;
const N = 1;
const UNHEALTHY_THRESHOLD = 2;
/** Route 53's health check: every 30 s (1 tick), 3 failures to flip; the records' TTL 60 s (2 ticks). */
const DNS_FAILURE_THRESHOLD = 3;
const DNS_TTL_TICKS = 2;
const DNS: Route53Options = {
  tickSeconds: TICK_SECONDS, requestIntervalSeconds: 30, failureThreshold: DNS_FAILURE_THRESHOLD, ttlSeconds: DNS_TTL_TICKS * TICK_SECONDS,
  primaryHealthCheck: true, secondaryHealthCheck: true, maxEndpointFailures: 1,
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
 * Route 53's detection, 3 probes 30 s apart (90 s), then the client's cache expiry: it
 * re-resolves every TTL (60 s), in the same tick as a probe and after it, so at most TTL less
 * one tick more: 90 + 60 - 30 = 120 s. One tick less than `failoverBoundTicks` (detection +
 * TTL), which is the bound DnsFailsOver's `late` flag uses. Tight.
 */
const DNS_BOUND = { withinSeconds: DNS_FAILURE_THRESHOLD * 30 + DNS_TTL_TICKS * TICK_SECONDS - TICK_SECONDS };

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
      rds({ tickSeconds: TICK_SECONDS, deployment: 'multiAz', primaryAz: 0, standbyAz: 1, writes: 2, maxInstanceFailures: 0, backupRetentionDays: 0 }),
      route53(DNS),
    ],
    {
      maxFaults: 1,
      properties: [
        atLeastNHealthy(N),
        nPlusOneRestored(N, RESTORE),
        onlyHealthyTargetsAfterDetection(DETECTION_BOUND),
        noAckedWriteLost(),
        dnsFailsOver(DNS_BOUND),
        reachedAzOutage(),
        reachedPrimaryFailure(),
        reachedEndpointFailure(),
      ],
    },
  );
}

export const multiAzWeb = defineScenario({
  name: 'multi-az-web',
  description: 'Route 53, an ALB, an N+1 web tier across two zones and RDS Multi-AZ (Figure 6): one AZ outage or DNS endpoint failure is survived',
  model: multiAzWebModel,
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 40 },
});
