/**
 * The verdict table of the bundled CloudFormation templates (scenarios/templates/, issue 14):
 * each unit's exhaustive verdicts, distinct states and the length of each counterexample,
 * written out here rather than read from the scenarios' own `expect`; and the units declared
 * in scenarios/templates/index.ts are exactly the ones the import derives from each template.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import type { Verdict } from '../../model/core/property.js';
import { importTemplate, templateScenarios as derive } from '../../import/cfn/scenarios.js';
import { BUNDLED_TEMPLATES, templateScenarios } from '../../scenarios/templates/index.js';

type Row = readonly [number, Readonly<Record<string, Verdict | readonly ['fails', number]>>];

const TABLE: Readonly<Record<string, Row>> = {
  'web-tier:web-group': [102, { AtLeastNHealthy: 'holds', NPlusOneRestored: 'holds', OnlyHealthyTargetsAfterDetection: 'holds', ReachedInstanceFailure: 'reached', ReachedAzOutage: 'reached', ReachedReplacement: 'reached', ReachedAppCrash: 'reached' }],
  // 22,240 since recovery paths and prompt control let time pass during a failover's 60-120 s range (21,280 when it always ended at 60 s).
  'web-tier:database': [22240, { NoAckedWriteLost: 'holds', RecoveryPointBounded: 'holds', ReachedPrimaryFailure: 'reached', ReachedAzOutage: 'reached' }],
  'web-tier:uploads': [67, { DeletedObjectRecoverable: 'holds', ReachedAccidentalDelete: 'reached', ReachedAccidentalOverwrite: 'reached' }],
  'worker-queues:jobs': [1054, { NoLostMessage: 'holds', NoEndlessRedelivery: 'holds', ReachedRedelivery: 'reached', ReachedWorkerCrashMidMessage: 'reached', ReachedDeadLetter: 'reached' }],
  'worker-queues:events': [605, { NoLostMessage: 'holds', NoEndlessRedelivery: ['fails', 4], ReachedRedelivery: 'reached', ReachedWorkerCrashMidMessage: 'reached' }],
  'legacy-server:server': [35, { DataSurvivesReplacement: ['fails', 3], EipReachesHealthy: ['fails', 2], ReachedInstanceFailure: 'reached', ReachedReplacement: 'reached' }],
  'legacy-server:database': [16, { NoAckedWriteLost: ['fails', 3], RecoveryPointBounded: ['fails', 3], ReachedPrimaryFailure: 'reached', ReachedAzOutage: 'reached' }],
  'legacy-server:reports': [5, { DeletedObjectRecoverable: ['fails', 2], ReachedAccidentalDelete: 'reached', ReachedAccidentalOverwrite: 'reached' }],
  // 19 (was 17) since asg no longer picks by slot order: either instance may be marked unhealthy first.
  'legacy-server:workers': [19, { AtLeastNHealthy: ['fails', 1], NPlusOneRestored: ['fails', 8], ReachedInstanceFailure: 'reached', ReachedAzOutage: 'reached', ReachedReplacement: 'reached' }],
};

describe('bundled templates: verdicts and state counts', () => {
  for (const scenario of templateScenarios) {
    it(scenario.name, () => {
      const [states, row] = TABLE[scenario.name];
      const [r] = checkScenario(scenario, {});
      expect(r.stats.distinctStates).toBe(states);
      const got = Object.fromEntries(r.properties.map((p) => [p.name, p.counterexample ? ['fails', p.counterexample.length] : p.verdict]));
      expect(got).toEqual(row);
      for (const p of r.properties) expect(p.met, `${p.name}: ${p.verdict}, declared ${p.expected}`).toBe(true);
    });
  }

  it('declares exactly the units the import derives from each template', () => {
    const derived = BUNDLED_TEMPLATES.flatMap((file) => {
      const text = readFileSync(`scenarios/templates/${file}`, 'utf8');
      return derive(importTemplate(text, `scenarios/templates/${file}`), text).map((s) => s.name);
    });
    expect(templateScenarios.map((s) => s.name)).toEqual(derived);
    expect(Object.keys(TABLE)).toEqual(derived);
  });
});
