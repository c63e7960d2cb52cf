// More real templates from AWS's public repository (aws-cloudformation/aws-cloudformation-templates,
// test/fixtures/cfn/more/, unmodified; sources in test/fixtures/cfn/README.md), checked end to
// end with the verdict a reviewer expects and why in the test name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import type { Verdict } from '../../model/core/property.js';
import { importTemplate, templateScenarios } from '../../import/cfn/scenarios.js';
import type { GroupUnit } from '../../import/cfn/map.js';

const DIR = 'test/fixtures/cfn/more';
const read = (file: string) => readFileSync(`${DIR}/${file}`, 'utf8');

/** Every unit's verdicts: `unit -> { property: verdict }`. */
function verdicts(file: string, params: Record<string, string> = {}): Record<string, Record<string, Verdict>> {
  const imp = importTemplate(read(file), file, params);
  const out: Record<string, Record<string, Verdict>> = {};
  for (const s of templateScenarios(imp, read(file))) {
    const [r] = checkScenario(s, {});
    expect(r.stats.complete, s.name).toBe(true);
    out[s.name.split(':')[1]] = Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
  }
  return out;
}

const GROUP_REACHED = { ReachedInstanceFailure: 'reached', ReachedAzOutage: 'reached', ReachedReplacement: 'reached' } as const;

describe('Auto Scaling groups of 2 behind a classic load balancer, on the default EC2 health checks', () => {
  for (const file of ['AutoScalingRollingUpdates.yaml', 'ELBWithLockedDownAutoScaledInstances.yaml', 'ELBGuidedAutoScalingRollingUpgrade.yaml']) {
    it(`${file}: N = 1 survives any one fault, but a crashed application passes the EC2 checks and is never replaced (NPlusOneRestored fails); the CLB stops routing to it (OnlyHealthyTargetsAfterDetection holds)`, () => {
      expect(verdicts(file)).toEqual({
        'web-server-group': { AtLeastNHealthy: 'holds', NPlusOneRestored: 'fails', OnlyHealthyTargetsAfterDetection: 'holds', ...GROUP_REACHED, ReachedAppCrash: 'reached' },
      });
      const g = importTemplate(read(file), file).mapping.units[0] as GroupUnit;
      expect([g.min, g.zones.length, g.healthCheckType, g.lb?.type]).toEqual([2, 2, 'EC2', 'CLB']);
    });
  }

  it('without application crashes (--param WebServerGroup.appCrash=false) the same group restores N+1: the failure above is the health check type', () => {
    expect(verdicts('ELBWithLockedDownAutoScaledInstances.yaml', { 'WebServerGroup.appCrash': 'false' })).toEqual({
      'web-server-group': { AtLeastNHealthy: 'holds', NPlusOneRestored: 'holds', OnlyHealthyTargetsAfterDetection: 'holds', ...GROUP_REACHED },
    });
  });
});

describe('RDS samples', () => {
  it('RDS_MySQL_With_Read_Replica: MultiAZ parameter defaults to false; an AZ outage loses writes (NoAckedWriteLost fails), and promoting the asynchronous replica loses its lag too (RecoveryPointBounded fails)', () => {
    expect(verdicts('RDS_MySQL_With_Read_Replica.yaml')).toEqual({
      'main-db': { NoAckedWriteLost: 'fails', RecoveryPointBounded: 'fails', ReachedPrimaryFailure: 'reached', ReachedAzOutage: 'reached' },
    });
  });

  it('RDS_MySQL_With_Read_Replica with MultiAZ=true: an AZ outage fails over without loss, but a second failure of the new primary leaves no standby, and the runbook\'s promotion of the asynchronous replica loses its lag (NoAckedWriteLost fails in 7 steps)', () => {
    const imp = importTemplate(read('RDS_MySQL_With_Read_Replica.yaml'), 'RDS_MySQL_With_Read_Replica.yaml', { MultiAZ: 'true' });
    const [s] = templateScenarios(imp, read('RDS_MySQL_With_Read_Replica.yaml'));
    const [r] = checkScenario(s, {});
    const lost = r.properties.find((p) => p.name === 'NoAckedWriteLost')!;
    expect(lost.verdict).toBe('fails');
    expect(lost.counterexample!.labels).toEqual(['AzOutage(0)', 'Tick', 'Tick', 'DbFailoverComplete', 'DbWrite(0)', 'DbInstanceFailure', 'PromoteReadReplica']);
  });

  it('RDS_PIOPS: a Single-AZ instance with 7 days of backups: an AZ outage loses writes (fails), restored within 5 minutes of the last one (RecoveryPointBounded holds)', () => {
    expect(verdicts('RDS_PIOPS.yaml')).toEqual({
      'my-db': { NoAckedWriteLost: 'fails', RecoveryPointBounded: 'holds', ReachedPrimaryFailure: 'reached', ReachedAzOutage: 'reached' },
    });
  });
});
