import { describe, expect, it } from 'vitest';
import { az } from '../../model/aws/az/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { compose } from '../../model/compose/compose.js';
import { defineScenario } from '../../engine/scenario.js';
import * as invariants from '../../properties/index.js';
import * as fleet from '../../properties/fleet.js';
import * as data from '../../properties/data.js';
import * as staticStability from '../../properties/static-stability.js';
import * as dr from '../../properties/dr.js';
import * as drStrategies from '../../properties/dr-strategies.js';
import { CATALOGUED, invariantCatalog } from '../../properties/catalog.js';

describe('the invariant catalog', () => {
  it('lists every factory of the library, each with the components it reads and a description', () => {
    const factories = [...Object.entries(fleet), ...Object.entries(data), ...Object.entries(staticStability), ...Object.entries(dr), ...Object.entries(drStrategies)].filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect([...new Set(factories)].sort()).toEqual([...CATALOGUED].sort());
    for (const entry of invariantCatalog()) {
      expect(entry.needs.length, entry.call).toBeGreaterThan(0);
      expect(entry.description.length, entry.call).toBeGreaterThan(10);
      expect((invariants as Record<string, unknown>)[entry.call.slice(0, entry.call.indexOf('('))], entry.call).toBeTypeOf('function');
    }
  });
});

describe('a library property on a composition without the component it reads', () => {
  it('is a one-line error naming the missing component, from compose', () => {
    expect(() => compose([az(), ec2()], { properties: [invariants.noAckedWriteLost()] })).toThrow(
      'compose: property NoAckedWriteLost reads the rds component, which this composition lacks (components: az, ec2)',
    );
  });

  it('is a one-line bad-input error when a scenario builds it', () => {
    const s = defineScenario({ name: 'no-rds', description: '', model: () => compose([az()], { properties: [invariants.atLeastNHealthy(1)] }) });
    expect(() => s.build()).toThrow(expect.objectContaining({ name: 'InputError', message: expect.stringMatching(/^no-rds: compose: property AtLeastNHealthy reads the ec2 component/) }));
  });
});
