/**
 * Standby designs with the Region's control plane in the composition (model/aws/control-plane):
 * an active instance in zone 0 and a standby in zone 1; one AZ outage may strike (maxFaults 1);
 * `staticallyStable` impairs the control plane for good from any settled state (`LockOut`),
 * then lets the outage happen. What decides the verdict is the plane the failover runs on.
 *
 * - `static-stability:eip-remap` (the 2011 whitepaper's Elastic IP failover, without its EBS
 *   half: see `eip-standby-failover`): clients use an Elastic IP on the active; the failover
 *   script remaps it to the standby. AssociateAddress is an EC2 control-plane call (INV-EIP-1):
 *   with a working control plane the address reaches a healthy instance again
 *   (EipReachesHealthy holds), with the control plane gone it never does
 *   (StaticallyStableEipReachesHealthy fails).
 * - `static-stability:lb-standby`: both instances are registered with an ALB. Its health checks
 *   and routing are data plane: the outage is detected and requests go to the standby with no
 *   API call (StaticallyStableLbReachesHealthy holds) [CP1][Z5].
 * - `static-stability:dns-record-edit` and `static-stability:dns-failover-records`: the same
 *   choice in Route 53 (abstract endpoints, the primary failing). Editing the records to point
 *   at the secondary (`ChangeRecord`, ChangeResourceRecordSets) needs the Route 53 control plane
 *   (StaticallyStableDnsFailsOver fails); failover records with a health check on the primary
 *   fail over on the health-check data plane (StaticallyStableDnsFailsOver holds) [CP2]
 *   (INV-R53-5).
 *
 * The properties beside the static-stability ones are `ignoringLockOut`: their verdicts are the
 * design's with a working control plane. Parameter `callsPerTick` (0: no throttle) throttles the
 * control plane.
 *
 * Sources: [CP1] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/control-planes-and-data-planes.html
 * · [CP2] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/appendix-b---edge-network-global-service-guidance.html
 * · [Z5] https://aws.amazon.com/builders-library/static-stability-using-availability-zones/
 */
import { defineScenario } from '../../engine/scenario.js';
import { az } from '../../model/aws/az/index.js';
import { controlPlane, type ControlPlaneOptions } from '../../model/aws/control-plane/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { EIP_RECOVERY, eip } from '../../model/aws/eip/index.js';
import { elb, onlyHealthyTargets, servesHealthyTarget } from '../../model/aws/elb/index.js';
import { ROUTE53_RECOVERY, route53 } from '../../model/aws/route53/index.js';
import type { World } from '../../model/compose/component.js';
import { compose } from '../../model/compose/compose.js';
import { needing, recovers, type RecoversProperty } from '../../model/core/property.js';
import { dnsFailsOver, reachedEndpointFailure } from '../../properties/data.js';
import { eipReachesHealthyAgain, reachedAzOutage } from '../../properties/fleet.js';
import { ignoringLockOut, reachedControlPlaneImpaired, reachedWhileLockedOut, staticallyStable } from '../../properties/static-stability.js';
import type { ThrottleParams } from './static-stability-asg.js';

/** One minute a tick: EC2's status-check period and the ALB's check interval (30 s) round up to one tick. */
const TICK_SECONDS = 60;
const ACTIVE = 0;

/** The control plane of these scenarios: no impairment fault of its own (LockOut is the one), throttled when asked. */
function plane(callsPerTick: number): ControlPlaneOptions {
  return { faults: [], lockOut: true, ...(callsPerTick > 0 ? { callsPerTick } : {}) };
}

/**
 * The failover script's remap comes after the zone's outage, at once: a control step that
 * takes no model time, so 0 s (nothing shorter to test).
 */
const REMAP_BOUND = { withinSeconds: 0 };

export function staticStabilityEipModel(callsPerTick = 0) {
  const reaches = eipReachesHealthyAgain(REMAP_BOUND);
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: false }),
      ec2({ slots: 2, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoRecovery: false, faults: [] }),
      eip({ count: 1, slots: 2, associated: [ACTIVE], ops: ['RemapAddress'], remapTo: [1] }),
      controlPlane(plane(callsPerTick)),
    ],
    {
      maxFaults: 1,
      recovery: EIP_RECOVERY,
      properties: [ignoringLockOut(reaches), staticallyStable(reaches), reachedWhileLockedOut(reachedAzOutage()), reachedControlPlaneImpaired()],
    },
  );
}

/**
 * LbReachesHealthy (recovers): once faults stop, within `withinSeconds` of model time the load
 * balancer sends requests to some really healthy instance and to no other (a request through
 * it succeeds).
 */
function lbReachesHealthyAgain(withinSeconds: number): RecoversProperty<World> {
  return needing(['elb', 'ec2'], recovers('LbReachesHealthy', (w: World) => servesHealthyTarget(w) && onlyHealthyTargets(w), {
    withinSeconds,
    description: `once faults stop, within ${withinSeconds} s the load balancer routes only to healthy instances, and to one at least`,
  }));
}
/** The ALB's detection of the lost target: two failed checks an interval (one tick) apart, the first at once: (2 - 1) x 60 s = 60 s. Tight. */
const LB_DETECTION_SECONDS = (2 - 1) * TICK_SECONDS;

export function staticStabilityLbModel(callsPerTick = 0) {
  const reaches = lbReachesHealthyAgain(LB_DETECTION_SECONDS);
  return compose(
    [
      az({ azs: 2, maxDown: 1, recoverable: false }),
      ec2({ slots: 2, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoRecovery: false, faults: [] }),
      elb({ slots: 2, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], unhealthyThreshold: 2, deregistrationDelaySeconds: 0, faults: [] }),
      controlPlane(plane(callsPerTick)),
    ],
    {
      maxFaults: 1,
      properties: [ignoringLockOut(reaches), staticallyStable(reaches), reachedWhileLockedOut(reachedAzOutage()), reachedControlPlaneImpaired()],
    },
  );
}

/** 30 s a tick: Route 53's check interval. */
const DNS_TICK_SECONDS = 30;
/**
 * Failover records: Route 53's detection (3 probes 30 s apart: 90 s) plus the TTL (60 s), less
 * one tick (see multi-az-web): 90 + 60 - 30 = 120 s. The record edit: the operator's
 * `ChangeRecord` (taken at once, no time: the model's operator watches the endpoint, not a
 * health check) and the TTL: 0 + 60 = 60 s. Tight.
 */
const DNS_SECONDS = { 'record-edit': 2 * DNS_TICK_SECONDS, 'failover-records': 3 * 30 + 2 * DNS_TICK_SECONDS - DNS_TICK_SECONDS } as const;

/** How the DNS failover is done. */
export type DnsFailover = keyof typeof DNS_SECONDS;

export function staticStabilityDnsModel(failover: DnsFailover, callsPerTick = 0) {
  const edits = failover === 'record-edit';
  const fails = dnsFailsOver({ withinSeconds: DNS_SECONDS[failover] });
  return compose(
    [
      route53({
        tickSeconds: DNS_TICK_SECONDS, requestIntervalSeconds: 30, failureThreshold: 3, ttlSeconds: 2 * DNS_TICK_SECONDS,
        primaryHealthCheck: !edits, secondaryHealthCheck: !edits, recordChanges: edits, maxEndpointFailures: 1,
      }),
      controlPlane(plane(callsPerTick)),
    ],
    {
      recovery: edits ? ROUTE53_RECOVERY : [],
      properties: [ignoringLockOut(fails), staticallyStable(fails), reachedWhileLockedOut(reachedEndpointFailure()), reachedControlPlaneImpaired()],
    },
  );
}

export const staticStabilityEipRemap = defineScenario<ThrottleParams>({
  name: 'static-stability:eip-remap',
  description: 'Active and standby in two zones behind an Elastic IP the failover script remaps: AssociateAddress is a control-plane call, so with the control plane impaired for good an AZ loss is never failed over (StaticallyStableEipReachesHealthy fails)',
  model: (p) => staticStabilityEipModel(p.callsPerTick),
  parameters: { callsPerTick: 0 },
  modes: ['exhaustive'],
  expect: { StaticallyStableEipReachesHealthy: 'fails' },
});

export const staticStabilityLbStandby = defineScenario<ThrottleParams>({
  name: 'static-stability:lb-standby',
  description: "Active and standby in two zones behind an ALB: its health checks and routing are data plane, so an AZ loss is failed over with the control plane impaired for good (StaticallyStableLbReachesHealthy holds)",
  model: (p) => staticStabilityLbModel(p.callsPerTick),
  parameters: { callsPerTick: 0 },
  modes: ['exhaustive'],
});

export const staticStabilityDnsRecordEdit = defineScenario<ThrottleParams>({
  name: 'static-stability:dns-record-edit',
  description: 'DNS failover by editing the record (ChangeResourceRecordSets) when the primary fails: a Route 53 control-plane call, so with it impaired for good clients stay on the dead endpoint (StaticallyStableDnsFailsOver fails)',
  model: (p) => staticStabilityDnsModel('record-edit', p.callsPerTick),
  parameters: { callsPerTick: 0 },
  modes: ['exhaustive'],
  expect: { StaticallyStableDnsFailsOver: 'fails' },
});

export const staticStabilityDnsFailoverRecords = defineScenario<ThrottleParams>({
  name: 'static-stability:dns-failover-records',
  description: 'Route 53 failover records with a health check on the primary: health checks and the answers they drive are data plane, so clients fail over with the control plane impaired for good (StaticallyStableDnsFailsOver holds)',
  model: (p) => staticStabilityDnsModel('failover-records', p.callsPerTick),
  parameters: { callsPerTick: 0 },
  modes: ['exhaustive'],
});
