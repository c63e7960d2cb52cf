import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_FACTORIES, componentCatalog } from '../../../model/aws/catalog.js';
import { closestNames } from '../../../model/compose/options.js';

const EXPECTED = ['ec2', 'asg', 'capacity', 'elb', 'ebs', 'eip', 'sqs', 's3', 'rds', 'az', 'route53', 'dynamodb', 'controlPlane', 'region', 'rdsReplica', 's3Replica', 'snapshotCopy', 'runbook'];
/** Components with no fault of their own: a cross-Region replica fails with its Region (issue 15). */
const NO_FAULTS = ['rdsReplica', 's3Replica', 'snapshotCopy', 'runbook'];

/** The AWS API calls (control plane), by component; every other action is data plane (issue 12). */
const API_CALLS: Readonly<Record<string, readonly string[]>> = {
  ec2: ['LaunchInstance', 'StartInstance', 'StopInstance', 'RebootInstance', 'TerminateInstance', 'AutoRecover'],
  asg: ['StartInstanceRefresh', 'SuspendProcesses', 'ResumeProcesses', 'AsgLaunch', 'AsgTerminate'],
  capacity: [],
  elb: ['RegisterTarget', 'DeregisterTarget', 'LbNodeReplaced'],
  ebs: ['AttachVolume', 'DetachVolume', 'CreateSnapshot', 'DeleteVolume', 'EnableVolumeIo', 'RestoreVolume', 'ScheduledSnapshot'],
  eip: ['AllocateAddress', 'ReleaseAddress', 'AssociateAddress', 'DisassociateAddress', 'RemapAddress', 'ConflictingAssociate'],
  sqs: [],
  s3: ['PutBucketVersioning'],
  rds: ['PromoteReadReplica', 'RestoreToPointInTime', 'RestoreFromSnapshot', 'DbInstanceRecover', 'DbStandbyReplace'],
  az: [],
  route53: ['ChangeRecord'],
  dynamodb: [],
  controlPlane: [],
  region: [],
  rdsReplica: ['PromoteCrossRegionReplica'],
  s3Replica: [],
  snapshotCopy: ['SnapshotCopyStart', 'RestoreFromSnapshotCopy'],
  runbook: ['RunbookStep'],
};

describe('component catalog', () => {
  it('lists every component, each with parameters and at least one fault action', () => {
    const rows = componentCatalog();
    expect(rows.map((r) => r.name)).toEqual(EXPECTED);
    for (const r of rows) {
      if (!NO_FAULTS.includes(r.name)) expect(r.actions.fault.length, r.name).toBeGreaterThan(0);
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

  it("gives every action of every component a plane: control for exactly the AWS API calls, data for the rest", () => {
    for (const r of componentCatalog()) {
      const all = [...r.actions.op, ...r.actions.fault, ...r.actions.control];
      expect(Object.keys(r.actions.plane).sort(), r.name).toEqual([...all].sort());
      expect(all.filter((type) => r.actions.plane[type] === 'control').sort(), r.name).toEqual([...API_CALLS[r.name]].sort());
      for (const type of all) expect(['control', 'data'], `${r.name}.${type}`).toContain(r.actions.plane[type]);
    }
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
    const json = JSON.parse(r.stdout) as { name: string; actions: { plane: Record<string, string> } }[];
    expect(json).toEqual(JSON.parse(JSON.stringify(componentCatalog())));
    // Per action, its plane: the API calls are control plane, what serves traffic is data plane.
    const plane = (c: string) => json.find((x) => x.name === c)!.actions.plane;
    expect([plane('ec2').LaunchInstance, plane('asg').AsgLaunch, plane('eip').RemapAddress, plane('route53').ChangeRecord]).toEqual(['control', 'control', 'control', 'control']);
    expect([plane('elb').TargetHealthCheck, plane('rds').DbFailoverComplete, plane('sqs').ReceiveMessage, plane('ec2').InstanceRunning]).toEqual(['data', 'data', 'data', 'data']);
  });

  it('faultline components lists each component\'s control-plane actions (its API calls) in a line', () => {
    const r = spawnSync(process.execPath, [resolve('dist/cli/bin.js'), 'components'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  control plane (API calls): AllocateAddress, ReleaseAddress, AssociateAddress, DisassociateAddress, RemapAddress, ConflictingAssociate\n');
    expect(r.stdout).toMatch(/\ncontrolPlane\n  callsPerTick +unlimited/);
    expect(r.stdout).not.toMatch(/\nsqs\n(  .*\n)*  control plane/);
  });
});
