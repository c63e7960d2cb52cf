/**
 * Bundled CloudFormation templates, checked by `faultline check --all` (`npm start`) like the
 * hand-written scenarios: each unit the import derives (import/cfn/) is a scenario
 * `<template>:<unit>`, with its expected verdicts declared here and why. The template is read
 * and imported when a model is first built, not when this module loads.
 *
 * The YAML files sit beside this module in the repository (scenarios/templates/); the built
 * module (dist/scenarios/templates/) reads them from there too, and the package ships them
 * (package.json `files`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Expectation } from '../../model/core/property.js';
import { defineScenario, InputError, type Scenario } from '../../engine/scenario.js';
import { baseName, importTemplate, kebab, unitComposition, type TemplateImport } from '../../import/cfn/scenarios.js';

/** Where the YAML files are: beside this module (source), or the repository's folder (built: dist/scenarios/templates/). */
function templatePath(file: string): string {
  const candidates = [new URL(`./${file}`, import.meta.url), new URL(`../../../scenarios/templates/${file}`, import.meta.url)];
  for (const c of candidates) if (existsSync(c)) return fileURLToPath(c);
  throw new InputError(`bundled template ${file} is missing (looked in ${candidates.map((c) => fileURLToPath(c)).join(', ')})`);
}

const imports = new Map<string, TemplateImport>();

/** The bundled template `file`, imported once. */
export function bundledTemplate(file: string): TemplateImport {
  if (!imports.has(file)) imports.set(file, importTemplate(readFileSync(templatePath(file), 'utf8'), `scenarios/templates/${file}`));
  return imports.get(file)!;
}

/** The scenario of unit `id` of bundled template `file`, with its expected verdicts. */
function unit(file: string, id: string, description: string, expect: Readonly<Record<string, Expectation>> = {}): Scenario {
  return defineScenario({
    name: `${baseName(file)}:${kebab(id)}`,
    description,
    model: () => {
      const u = bundledTemplate(file).units.find((x) => x.unit.id === id);
      if (u === undefined) throw new InputError(`bundled template ${file} has no unit ${id}`);
      return unitComposition(u);
    },
    modes: ['exhaustive'],
    expect,
  });
}

/** Every bundled template, by file, with the units `templateScenarios` derives from it (a test checks the two agree). */
export const BUNDLED_TEMPLATES = ['web-tier.yaml', 'worker-queues.yaml', 'legacy-server.yaml'] as const;

export const templateScenarios: readonly Scenario[] = [
  unit('web-tier.yaml', 'WebGroup', 'web-tier.yaml: an ASG of 2 over two subnets in two zones, ELB health checks behind an ALB: one host failure, app crash or AZ outage is survived and N+1 restored'),
  unit('web-tier.yaml', 'Database', 'web-tier.yaml: RDS with MultiAZ true (Fn::If on a condition of the Region, us-east-1 assumed): failover keeps every acknowledged write'),
  unit('web-tier.yaml', 'Uploads', 'web-tier.yaml: a versioned bucket: an accidental delete or overwrite keeps the good version'),
  unit('worker-queues.yaml', 'Jobs', 'worker-queues.yaml: a queue with a redrive policy (maxReceiveCount 3): a poison message ends in the dead-letter queue'),
  unit('worker-queues.yaml', 'Events', 'worker-queues.yaml: a queue without a dead-letter queue: a poison message is received again for ever (NoEndlessRedelivery fails)', { NoEndlessRedelivery: 'fails' }),
  unit('legacy-server.yaml', 'Server', 'legacy-server.yaml: one instance, data volume with DeleteOnTermination true, an Elastic IP nothing moves: replacing it loses the data and leaves the address on nothing', {
    DataSurvivesReplacement: 'fails', EipReachesHealthy: 'fails',
  }),
  unit('legacy-server.yaml', 'Database', 'legacy-server.yaml: Single-AZ RDS with BackupRetentionPeriod 0: an AZ outage loses acknowledged writes, beyond any restore point', {
    NoAckedWriteLost: 'fails', RecoveryPointBounded: 'fails',
  }),
  unit('legacy-server.yaml', 'Reports', 'legacy-server.yaml: an unversioned bucket: an accidental delete or overwrite is for good', { DeletedObjectRecoverable: 'fails' }),
  unit('legacy-server.yaml', 'Workers', 'legacy-server.yaml: an ASG of 2 in a single subnet: an AZ outage takes both, and the group cannot launch elsewhere', {
    AtLeastNHealthy: 'fails', NPlusOneRestored: 'fails',
  }),
];
