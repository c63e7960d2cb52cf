import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentCatalog } from '../../../model/aws/catalog.js';

const EXPECTED = ['ec2', 'asg', 'capacity', 'elb', 'ebs', 'eip', 'sqs', 's3', 'rds', 'az', 'route53', 'dynamodb'];

describe('component catalog', () => {
  it('lists every component, each with parameters and at least one fault action', () => {
    const rows = componentCatalog();
    expect(rows.map((r) => r.name)).toEqual(EXPECTED);
    for (const r of rows) {
      expect(r.actions.fault.length, r.name).toBeGreaterThan(0);
      expect(r.parameters.length, r.name).toBeGreaterThan(0);
      for (const p of r.parameters) {
        expect(typeof p.name, `${r.name}.${p.name}`).toBe('string');
        expect(p.unit, `${r.name}.${p.name}`).toBeTruthy();
        expect(Array.isArray(p.range), `${r.name}.${p.name}`).toBe(true);
      }
    }
    const all = rows.flatMap((r) => [...r.actions.op, ...r.actions.fault, ...r.actions.control]);
    expect(new Set(all).size, 'an action type is listed by two components').toBe(all.length);
  });

  it('faultline components --json prints the same catalog', () => {
    const r = spawnSync(process.execPath, [resolve('dist/cli/bin.js'), 'components', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(componentCatalog())));
  });
});
