import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_FACTORIES, componentCatalog } from '../../../model/aws/catalog.js';
import { closestNames } from '../../../model/compose/options.js';

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

  it('lists every option of every component, each with a description', () => {
    for (const r of componentCatalog()) {
      for (const p of r.parameters) {
        expect(typeof p.description, `${r.name}.${p.name}`).toBe('string');
        expect(p.description.trim().length, `${r.name}.${p.name}`).toBeGreaterThan(3);
        expect(p.description, `${r.name}.${p.name}: one line`).not.toMatch(/\n/);
      }
      expect(new Set(r.parameters.map((p) => p.name)).size, `${r.name}: an option listed twice`).toBe(r.parameters.length);
    }
    const ec2Names = componentCatalog().find((r) => r.name === 'ec2')!.parameters.map((p) => p.name);
    expect(ec2Names).toEqual(expect.arrayContaining(['initial', 'faults', 'ops', 'manualFirstSlot']));
    const elbNames = componentCatalog().find((r) => r.name === 'elb')!.parameters.map((p) => p.name);
    expect(elbNames).toEqual(expect.arrayContaining(['registered', 'probe', 'faults']));
  });

  it('every listed option is accepted by its component, and only those', () => {
    for (const r of componentCatalog()) {
      const make = COMPONENT_FACTORIES[r.name];
      // Present but undefined: the default applies, so only the name is checked.
      expect(() => make(Object.fromEntries(r.parameters.map((p) => [p.name, undefined]))), r.name).not.toThrow();
      expect(() => make({ notAnOption: 1 }), r.name).toThrow(new RegExp(`^${r.name}: unknown option notAnOption \\(`));
    }
  });

  it('a misspelt option (a letter dropped) names the option meant, for every component', () => {
    for (const r of componentCatalog()) {
      const names = r.parameters.map((p) => p.name);
      for (const name of names) {
        const typo = name.slice(0, 1) + name.slice(2);
        if (names.includes(typo)) continue;
        expect(closestNames(typo, names), `${r.name}.${name}`).toContain(name);
        expect(() => COMPONENT_FACTORIES[r.name]({ [typo]: 1 }), `${r.name}.${name}`).toThrow(new RegExp(`^${r.name}: unknown option ${typo} \\(did you mean (\\w+, )*(\\w+ or )?${name}( or \\w+)?\\?\\)$`));
      }
      // The first option always gets its suggestion.
      const first = names[0];
      const typo = first.slice(0, 1) + first.slice(2);
      expect(() => COMPONENT_FACTORIES[r.name]({ [typo]: 1 }), r.name).toThrow(`${r.name}: unknown option ${typo} (did you mean ${first}?)`);
    }
  });

  it('faultline components --json prints the same catalog', () => {
    const r = spawnSync(process.execPath, [resolve('dist/cli/bin.js'), 'components', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(componentCatalog())));
  });
});
