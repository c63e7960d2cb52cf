/**
 * The verdict table of the fleet scenarios (issue 4), written out here rather than read from
 * the scenarios' own `expect`: each scenario, in each mode it declares, must give exactly
 * these verdicts; a failing property's counterexample must be at most the given length and
 * replay to the violation; every `Reached…` property must come out as listed.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { replay } from '../../engine/trace.js';
import { recovers, type Verdict } from '../../model/core/property.js';
import { fleetScenarios } from '../../scenarios/fleet/index.js';

/** Property -> verdict; a failing one as `[fails, most actions in its counterexample]`. */
type Row = Readonly<Record<string, Verdict | readonly ['fails', number]>>;

const TABLE: Readonly<Record<string, Row>> = {
  'ami-replacement:instance-store': {
    DataSurvivesReplacement: ['fails', 1],
    ReachedInstanceFailure: 'reached',
    ReachedReplacement: 'reached',
  },
  'ami-replacement:ebs-volume': {
    DataSurvivesReplacement: 'holds',
    ReachedInstanceFailure: 'reached',
    ReachedReplacement: 'reached',
    ReachedVolumeReattached: 'reached',
  },
  'eip-standby-failover:instance-failure': {
    EipReachesHealthy: 'holds',
    NoAckedWriteLost: 'holds',
    RecoveryPointBounded: 'holds',
    ReachedInstanceFailure: 'reached',
    ReachedVolumeReattached: 'reached',
  },
  'eip-standby-failover:az-outage': {
    EipReachesHealthy: 'holds',
    NoAckedWriteLost: ['fails', 7],
    RecoveryPointBounded: 'holds',
    ReachedAzOutage: 'reached',
    ReachedSnapshotRestored: 'reached',
  },
  'asg-n-plus-1': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: 'holds',
    OnlyHealthyTargets: ['fails', 1],
    OnlyHealthyTargetsAfterDetection: 'holds',
    ReachedInstanceFailure: 'reached',
    ReachedAzOutage: 'reached',
    ReachedReplacement: 'reached',
  },
  'asg-single-az': {
    AtLeastNHealthy: ['fails', 1],
    NPlusOneRestored: ['fails', 8],
    ReachedInstanceFailure: 'reached',
    ReachedAzOutage: 'reached',
    ReachedReplacement: 'reached',
  },
  'asg-capacity:no-reservation': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: ['fails', 6],
    ReachedAzOutage: 'reached',
    ReachedCapacityShortage: 'reached',
    ReachedReplacement: 'reached',
  },
  'asg-capacity:reserved': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: 'holds',
    ReachedAzOutage: 'reached',
    ReachedCapacityShortage: 'reached',
    ReachedReplacement: 'reached',
  },
  'asg-health-check:ec2': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: ['fails', 5],
    ReachedAppCrash: 'reached',
    ReachedReplacement: 'unreached',
  },
  'asg-health-check:elb': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: 'holds',
    ReachedAppCrash: 'reached',
    ReachedReplacement: 'reached',
  },
  'asg-elb-grace-zero': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: 'holds',
    NoHealthyInstanceReplaced: 'holds',
    ReachedAppCrash: 'reached',
    ReachedReplacement: 'reached',
  },
  'instance-rotation:launch-first': {
    AtLeastNHealthy: 'holds',
    ReachedInstanceExpiry: 'reached',
    ReachedReplacement: 'reached',
  },
  'instance-rotation:terminate-first': {
    AtLeastNHealthy: ['fails', 2],
    ReachedInstanceExpiry: 'reached',
    ReachedReplacement: 'reached',
  },
  'ebs-delete-on-termination:root-volume': {
    DataSurvivesReplacement: ['fails', 6],
    ReachedInstanceFailure: 'reached',
    ReachedReplacement: 'reached',
    ReachedVolumeKept: 'unreached',
  },
  'ebs-delete-on-termination:kept-volume': {
    DataSurvivesReplacement: 'holds',
    ReachedInstanceFailure: 'reached',
    ReachedReplacement: 'reached',
    ReachedVolumeKept: 'reached',
  },
  'multi-az-web': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: 'holds',
    OnlyHealthyTargetsAfterDetection: 'holds',
    NoAckedWriteLost: 'holds',
    RequestsServedAgain: 'holds',
    ReachedAzOutage: 'reached',
    ReachedPrimaryFailure: 'reached',
    ReachedDnsFailover: 'unreached',
  },
  'gray-az-elb-unreachable:ec2-checks': {
    AtLeastNServing: 'holds',
    NPlusOneServing: ['fails', 5],
    AtLeastNHealthy: 'holds',
    NoHealthyInstanceReplaced: 'holds',
    ReachedAzLbUnreachable: 'reached',
    ReachedReplacement: 'unreached',
  },
  'gray-az-elb-unreachable:elb-checks': {
    AtLeastNServing: 'holds',
    NPlusOneServing: ['fails', 12],
    AtLeastNHealthy: ['fails', 6],
    NoHealthyInstanceReplaced: ['fails', 6],
    ReachedAzLbUnreachable: 'reached',
    ReachedReplacement: 'reached',
  },
  'gray-az-ebs-stuck:ec2-checks': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: ['fails', 5],
    ReachedAzEbsStuck: 'reached',
    ReachedReplacement: 'unreached',
  },
  'gray-az-ebs-stuck:elb-checks': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: 'holds',
    ReachedAzEbsStuck: 'reached',
    ReachedReplacement: 'reached',
  },
  'gray-az-ebs-stuck:balanced-only': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: ['fails', 7],
    ReachedAzEbsStuck: 'reached',
    ReachedReplacement: 'unreached',
  },
  // Issue 12: the control plane locked out from a settled state (LockOut), then the fault budget.
  'static-stability:launch-on-demand': {
    AtLeastNHealthy: ['fails', 1],
    NPlusOneRestored: 'holds',
    StaticallyStableAtLeastNHealthy: ['fails', 2],
    StaticallyStableNPlusOneRestored: ['fails', 5],
    ReachedAzOutageWhileLockedOut: 'reached',
    ReachedControlPlaneImpaired: 'reached',
    ReachedReplacement: 'reached',
  },
  'static-stability:pre-provisioned': {
    AtLeastNHealthy: 'holds',
    NPlusOneRestored: 'holds',
    StaticallyStableAtLeastNHealthy: 'holds',
    StaticallyStableNPlusOneRestored: ['fails', 5],
    ReachedAzOutageWhileLockedOut: 'reached',
    ReachedControlPlaneImpaired: 'reached',
    ReachedReplacement: 'reached',
  },
  'static-stability:eip-remap': {
    EipReachesHealthy: 'holds',
    StaticallyStableEipReachesHealthy: ['fails', 2],
    ReachedAzOutageWhileLockedOut: 'reached',
    ReachedControlPlaneImpaired: 'reached',
  },
  'static-stability:lb-standby': {
    LbReachesHealthy: 'holds',
    StaticallyStableLbReachesHealthy: 'holds',
    ReachedAzOutageWhileLockedOut: 'reached',
    ReachedControlPlaneImpaired: 'reached',
  },
  'static-stability:dns-record-edit': {
    DnsFailsOver: 'holds',
    StaticallyStableDnsFailsOver: ['fails', 5],
    ReachedEndpointFailureWhileLockedOut: 'reached',
    ReachedControlPlaneImpaired: 'reached',
  },
  'static-stability:dns-failover-records': {
    DnsFailsOver: 'holds',
    StaticallyStableDnsFailsOver: 'holds',
    ReachedEndpointFailureWhileLockedOut: 'reached',
    ReachedControlPlaneImpaired: 'reached',
  },
  'dependency-cascade:deep-health-check': {
    NoHealthyInstanceReplaced: ['fails', 6],
    AtLeastNHealthy: ['fails', 10],
    RequestsServedAgain: ['fails', 30],
    NoAckedWriteLost: 'holds',
    ReachedPrimaryFailure: 'reached',
    ReachedReplacement: 'reached',
  },
  'dependency-cascade:shallow-health-check': {
    NoHealthyInstanceReplaced: 'holds',
    AtLeastNHealthy: 'holds',
    RequestsServedAgain: 'holds',
    NoAckedWriteLost: 'holds',
    ReachedPrimaryFailure: 'reached',
  },
};

const verdictOf = (cell: Row[string]): Verdict => (typeof cell === 'string' ? cell : cell[0]);

describe('fleet scenarios: the verdict table', () => {
  it('lists every fleet scenario, in the issue order, and nothing else', () => {
    expect(fleetScenarios.map((s) => s.name)).toEqual(Object.keys(TABLE));
  });

  it('gives every scenario a Reached… property for its fault that is reached', () => {
    for (const [name, row] of Object.entries(TABLE)) {
      expect(Object.entries(row).some(([p, v]) => p.startsWith('Reached') && v === 'reached'), name).toBe(true);
    }
  });

  for (const scenario of fleetScenarios) {
    const row = TABLE[scenario.name];
    it(`${scenario.name}: ${scenario.modes.join(' and ')} give the table's verdicts, short replayable counterexamples`, () => {
      const model = scenario.build();
      expect(model.properties.map((p) => p.name).sort()).toEqual(Object.keys(row).sort());
      const results = checkScenario(scenario, { random: { seed: 42 }, checked: true });
      expect(results.map((r) => r.mode)).toEqual([...scenario.modes]);
      for (const r of results) {
        if (r.mode === 'exhaustive') expect(r.stats.complete, `${r.mode}: explored the whole space`).toBe(true);
        for (const p of r.properties) {
          const cell = row[p.name];
          const where = `${scenario.name} ${r.mode} ${p.name}`;
          expect(p.verdict, where).toBe(verdictOf(cell));
          expect(p.met, `${where}: the scenario's own expectation agrees`).toBe(true);
          if (typeof cell === 'string') {
            expect(p.counterexample, where).toBeUndefined();
            continue;
          }
          const cx = p.counterexample!;
          expect(cx.length, `${where}: counterexample ${cx.labels.join(', ')}`).toBeLessThanOrEqual(cell[1]);
          const property = model.properties.find((q) => q.name === p.name)!;
          const replayed = replay(model, property, cx.actions.map((action) => ({ action })), { initIndex: cx.initIndex, recoveryFrom: cx.recoveryFrom });
          expect(replayed.violated, `${where}: the counterexample replays`).toBe(true);
        }
      }
    });
  }

  it('states every recovery bound in seconds of model time (README "Choosing a recovery bound")', () => {
    const bounds = fleetScenarios.flatMap((s) => s.build().properties.filter((p) => p.kind === 'recovers').map((p) => [s.name, p.name, p.within, p.withinSeconds]));
    expect(bounds.length).toBe(32);
    for (const [scenario, name, within, seconds] of bounds) expect([within, typeof seconds], `${scenario} ${name}`).toEqual([undefined, 'number']);
  });

  it('chooses each holding recovery bound tight: one step less fails', () => {
    let checked = 0;
    let instant = 0;
    for (const scenario of fleetScenarios) {
      const model = scenario.build();
      for (const p of model.properties) {
        if (p.kind !== 'recovers' || TABLE[scenario.name][p.name] !== 'holds') continue;
        // A 0 s bound (control steps only, no time) has nothing shorter.
        if (p.withinSeconds === 0) {
          instant++;
          continue;
        }
        // One step (or one tick) less; the same hold.
        const tick = (model as { tickSeconds?: number }).tickSeconds ?? 1;
        const shorter = p.within !== undefined ? recovers(p.name, p.pred, { within: p.within - 1, hold: p.hold }) : recovers(p.name, p.pred, { withinSeconds: p.withinSeconds! - tick, hold: p.hold });
        const report = exploreExhaustive(Object.create(model, { properties: { value: [shorter] } }));
        expect(report.properties[0].verdict, `${scenario.name} ${p.name} one step less`).toBe('fails');
        checked++;
      }
    }
    expect([checked, instant]).toEqual([17, 3]);
  });
});
