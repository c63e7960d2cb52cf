/**
 * Region-bound resources (issue 15; aws-semantics §4-5): an Elastic IP is allocated in one
 * Region and associates only with an instance there; an EBS volume (and its snapshots, until
 * copied) lives in one Region and attaches only to an instance there. A composition that links
 * an eip or an ebs to an ec2 of another Region is refused by compose, in one line naming both.
 */
import { describe, expect, it } from 'vitest';
import { az } from '../../../model/aws/az/index.js';
import { ebs } from '../../../model/aws/ebs/index.js';
import { ec2 } from '../../../model/aws/ec2/index.js';
import { eip } from '../../../model/aws/eip/index.js';
import { region } from '../../../model/aws/region/index.js';
import { compose } from '../../../model/compose/compose.js';
import { bundledScenarios } from '../../../scenarios/index.js';

const regions = () => [region({ name: 'west', recoverable: false }), region({ name: 'east', maxOutages: 0 })];
/** An instance in `east` (its own zones there). */
const eastFleet = () => [
  az({ name: 'eastZones', azs: 1, maxDown: 0, uses: { region: 'east' } }),
  ec2({ name: 'webEast', slots: 1, azs: 1, initial: [0], faults: [], autoRecovery: false, uses: { region: 'east', az: 'eastZones' } }),
];

describe('compose refuses an Elastic IP or a volume of another Region', () => {
  it('an Elastic IP declared in west, associated with an instance in east: one line naming both', () => {
    const build = () => compose([...regions(), ...eastFleet(), eip({ name: 'ip', slots: 1, uses: { region: 'west', ec2: 'webEast' } })]);
    expect(build).toThrow("compose: eip ip is in Region west and its ec2 webEast in Region east; an Elastic IP is regional: it associates only with an instance in its own Region (give both the same uses.region)");
    try {
      build();
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('an EBS volume declared in west, attached to an instance in east', () => {
    expect(() => compose([...regions(), ...eastFleet(), ebs({ name: 'data', slots: 1, azs: 1, uses: { region: 'west', ec2: 'webEast' } })]))
      .toThrow('compose: ebs data is in Region west and its ec2 webEast in Region east; an EBS volume (and its snapshots) is bound to its Region: it attaches only to an instance there (give both the same uses.region)');
  });

  it("a volume whose Region comes from its zones (uses.az), the instance's from uses.region", () => {
    const westZones = az({ name: 'westZones', azs: 1, maxDown: 0, uses: { region: 'west' } });
    expect(() => compose([...regions(), westZones, ...eastFleet(), ebs({ name: 'data', slots: 1, azs: 1, uses: { az: 'westZones', ec2: 'webEast' } })]))
      .toThrow(/^compose: ebs data is in Region west and its ec2 webEast in Region east; /);
  });
});

describe('what stays allowed', () => {
  it('the same Region; a resource that names no Region (it is the instance\'s); no Regions at all', () => {
    expect(() => compose([...regions(), ...eastFleet(), eip({ name: 'ip', slots: 1, uses: { region: 'east', ec2: 'webEast' } })])).not.toThrow();
    expect(() => compose([...regions(), ...eastFleet(), ebs({ name: 'data', slots: 1, azs: 1, uses: { region: 'east', ec2: 'webEast' } })])).not.toThrow();
    expect(() => compose([...regions(), ...eastFleet(), eip({ name: 'ip', slots: 1, uses: { ec2: 'webEast' } })])).not.toThrow();
    expect(() => compose([az(), ec2(), eip(), ebs()])).not.toThrow();
  });

  it('every bundled scenario still builds', () => {
    for (const s of bundledScenarios) expect(() => s.build(), s.name).not.toThrow();
  });
});
