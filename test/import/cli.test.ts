// `faultline check TEMPLATE` and `faultline import TEMPLATE` through the built CLI, in this
// process (test/fuzz/support.ts): the same output and exit codes as a scenario file (1 when a
// property is violated: a template declares no expectation), and bad input as one line, exit 2.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runInProcess } from '../fuzz/support.js';

const F = 'test/fixtures/cfn';
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'faultline-cfn-'));
});

describe('faultline check TEMPLATE', () => {
  it('a template whose properties all hold exits 0 (the versioned bucket sample)', async () => {
    const r = await runInProcess(['check', `${F}/s3-bucket-and-policy-for-caa-versioning-v1.yaml`, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ +s3-bucket-and-policy-for-caa-versioning-v1:s3-bucket +exhaustive +DeletedObjectRecoverable +holds/);
    expect(r.stderr).toContain('1 unit (s3-bucket)');
  });

  it('a violated property exits 1 and saves a trace that replays (RDS without MultiAZ loses writes on an AZ outage)', async () => {
    const r = await runInProcess(['check', `${F}/RDS_Snapshot_On_Delete.yaml`, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const [doc] = JSON.parse(r.stdout) as { scenario: string; properties: { name: string; verdict: string; counterexample?: { file: string } }[] }[];
    expect(doc.scenario).toBe('rds-snapshot-on-delete:my-db');
    const lost = doc.properties.find((p) => p.name === 'NoAckedWriteLost')!;
    expect(lost.verdict).toBe('fails');
    expect(JSON.parse(readFileSync(lost.counterexample!.file, 'utf8')).file).toMatch(/RDS_Snapshot_On_Delete\.yaml$/);
    const replayed = await runInProcess(['replay', lost.counterexample!.file]);
    expect(replayed.code, replayed.stderr).toBe(1);
  });

  it('--param sets a template parameter: the SQS sample with its dead-letter queue passes', async () => {
    const r = await runInProcess(['check', `${F}/SQSStandardQueue.json`, '--param', 'UsedeadletterQueue=true', '--out', out]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/NoEndlessRedelivery +holds/);
  });

  it('the stderr notes name the assumptions and unknowns the verdicts rest on', async () => {
    const r = await runInProcess(['check', `${F}/AutoScalingMultiAZWithNotifications.yaml`, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('assumed zones=2: Fn::GetAZs lists 2 zones');
    expect(r.stderr).toContain('auto-scaling-multi-az-with-notifications:web-server-group: assumed WebServerGroup.zones=2, WebServerGroup.appCrash=true, WebServerGroup.N=1');
    expect(r.stderr).toContain('warning: WebServerScaleUpPolicy (AWS::AutoScaling::ScalingPolicy): a scaling policy');
  });

  it.each([
    ['malformed YAML', `${F}/errors/malformed.yaml`, /^faultline: test\/fixtures\/cfn\/errors\/malformed\.yaml:5: not valid YAML or JSON: /],
    ['not a template', `${F}/errors/not-cfn.yaml`, /^faultline: test\/fixtures\/cfn\/errors\/not-cfn\.yaml: not a CloudFormation template/],
    ['an unknown short-form tag', `${F}/errors/unknown-intrinsic.yaml`, /^faultline: test\/fixtures\/cfn\/errors\/unknown-intrinsic\.yaml:5: resource Queue: unknown intrinsic function tag !Frobnicate/],
    ['an unknown Fn:: function (JSON)', `${F}/errors/unknown-function.json`, /^faultline: test\/fixtures\/cfn\/errors\/unknown-function\.json:5: resource Queue: unknown intrinsic function Fn::Frobnicate$/m],
    ['a circular Ref', `${F}/errors/circular.yaml`, /^faultline: test\/fixtures\/cfn\/errors\/circular\.yaml:3: resource First: circular dependency between resources: First -> Second -> First$/m],
    ['a Ref to nothing', `${F}/errors/ref-nothing.yaml`, /^faultline: test\/fixtures\/cfn\/errors\/ref-nothing\.yaml:5: resource Queue: Ref to Missing/],
    ['a missing file', `${F}/nope.yaml`, /^faultline: no such template file: /],
  ])('%s: one line, exit 2', async (_what, file, message) => {
    const r = await runInProcess(['check', file, '--out', out]);
    expectOneLineError(r, file);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['an unknown --param', ['--param', 'Nope=1'], /--param Nope: not a parameter of this template nor an assumption of the import/],
    ['a value outside AllowedValues', ['--param', 'UsedeadletterQueue=maybe'], /SQSStandardQueue\.json:25: parameter UsedeadletterQueue: --param UsedeadletterQueue=maybe is not one of its AllowedValues \(true, false\)/],
    ['a bad assumption', ['--param', 'SQSQueue.consumers=9'], /--param SQSQueue\.consumers must be an integer from 1 to 3, got "9"/],
  ])('a bad --param (%s): one line, exit 2', async (_what, args, message) => {
    const r = await runInProcess(['check', `${F}/SQSStandardQueue.json`, ...args, '--out', out]);
    expectOneLineError(r, args.join(' '));
    expect(r.stderr).toMatch(message);
  });
});

describe('faultline import TEMPLATE', () => {
  it('--report prints each unit with the components, where each value came from, the checks, assumptions and what was left out', async () => {
    const r = await runInProcess(['import', `${F}/gotchas/queues.yaml`, '--report']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('test/fixtures/cfn/gotchas/queues.yaml: 2 units to check, 0 resources ignored, 0 warnings');
    expect(r.stdout).toContain('queues:redriven-queue  SQS queue RedrivenQueue (line 8)');
    expect(r.stdout).toContain('  resources: RedrivenQueue, DeadLetters');
    expect(r.stdout).toContain('      deadLetterQueue <- RedrivenQueue.RedrivePolicy: DeadLetters');
    expect(r.stdout).toContain('  checks: NoLostMessage, NoEndlessRedelivery, ReachedRedelivery, ReachedWorkerCrashMidMessage, ReachedDeadLetter');
    expect(r.stdout).toContain('  not checked (--param on=RedrivenQueue.NAME): NoDuplicateProcessing');
    expect(r.stdout).toContain('  left out: MessageRetentionPeriod 345600 s (dead-letter queue: 345600 s): left out (--param RedrivenQueue.retention=true models it)');
  });

  it('--json: the mapping as a document (ignored resources, warnings, unknowns)', async () => {
    const r = await runInProcess(['import', `${F}/AutoScalingMultiAZWithNotifications.yaml`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.units.map((u: { scenario: string }) => u.scenario)).toEqual(['auto-scaling-multi-az-with-notifications:web-server-group']);
    expect(doc.units[0].resources).toEqual(['WebServerGroup', 'ElasticLoadBalancer', 'LaunchConfig']);
    expect(doc.ignored).toEqual([
      { id: 'NotificationTopic', type: 'AWS::SNS::Topic' }, { id: 'CPUAlarmHigh', type: 'AWS::CloudWatch::Alarm' }, { id: 'CPUAlarmLow', type: 'AWS::CloudWatch::Alarm' }, { id: 'InstanceSecurityGroup', type: 'AWS::EC2::SecurityGroup' },
    ]);
    expect(doc.warnings).toHaveLength(2);
    expect(doc.parameters.find((p: { name: string }) => p.name === 'KeyName')).toMatchObject({ from: 'none' });
  });

  it('a file that is not a template: one line, exit 2', async () => {
    expectOneLineError(await runInProcess(['import', `${F}/errors/not-cfn.yaml`]), 'import not-cfn');
    expectOneLineError(await runInProcess(['import', 'README.md']), 'import README.md');
  });
});
