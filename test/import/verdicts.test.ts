// Every fixture template checked end to end (import, compose, exhaustive check), with the
// verdict a reviewer expects and why in the test name; and the mapping of each resource kind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import type { Verdict } from '../../model/core/property.js';
import { importTemplate, templateScenarios, type TemplateImport } from '../../import/cfn/scenarios.js';
import type { GroupUnit, InstanceUnit, QueueUnit } from '../../import/cfn/map.js';

const DIR = 'test/fixtures/cfn';
const read = (file: string) => readFileSync(`${DIR}/${file}`, 'utf8');
const load = (file: string, params: Record<string, string> = {}): TemplateImport => importTemplate(read(file), file, params);

/** Every unit's verdicts: `scenario -> { property: verdict }`. */
function verdicts(file: string, params: Record<string, string> = {}): Record<string, Record<string, Verdict>> {
  const imp = load(file, params);
  const out: Record<string, Record<string, Verdict>> = {};
  for (const s of templateScenarios(imp, read(file))) {
    const [r] = checkScenario(s, {});
    expect(r.stats.complete, s.name).toBe(true);
    out[s.name.split(':')[1]] = Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
  }
  return out;
}

describe('the eight public sample templates (awslabs/aws-cloudformation-templates)', () => {
  it('AutoScalingMultiAZWithNotifications: a group of MinSize 1 has no spare (AtLeastNHealthy fails); HealthCheckType EC2 behind the CLB never replaces a crashed app (NPlusOneRestored fails), and the CLB fails open to it (OnlyHealthyTargetsAfterDetection fails)', () => {
    expect(verdicts('AutoScalingMultiAZWithNotifications.yaml')).toEqual({
      'web-server-group': {
        AtLeastNHealthy: 'fails', NPlusOneRestored: 'fails', OnlyHealthyTargetsAfterDetection: 'fails',
        ReachedInstanceFailure: 'reached', ReachedAzOutage: 'reached', ReachedReplacement: 'reached', ReachedAppCrash: 'reached',
      },
    });
  });
  it('AutoScalingMultiAZWithNotifications maps to a group of 1 over the 2 zones assumed for GetAZs, EC2 health checks, the CLB\'s threshold 5 at 30 s', () => {
    const g = load('AutoScalingMultiAZWithNotifications.yaml').mapping.units[0] as GroupUnit;
    expect([g.min, g.desired, g.zones, g.healthCheckType, g.lb?.type, g.lb?.unhealthyThreshold, g.lb?.intervalSeconds]).toEqual([1, 1, ['us-east-1a', 'us-east-1b'], 'EC2', 'CLB', 5, 30]);
  });
  it('DynamoDB_Table: a Regional table loses no update (NoLostUpdate holds; a Region outage is reached)', () => {
    expect(verdicts('DynamoDB_Table.yaml')).toEqual({ 'my-dynamo-db-table': { NoLostUpdate: 'holds', ReachedRegionOutage: 'reached' } });
  });
  it('EC2_Instance_With_Ephemeral_Drives: data on the instance store (ephemeral0) does not survive a host failure or a replacement', () => {
    expect(verdicts('EC2_Instance_With_Ephemeral_Drives.yaml')).toEqual({ 'ec2-instance': { DataSurvivesReplacement: 'fails', ReachedInstanceFailure: 'reached', ReachedReplacement: 'reached' } });
  });
  it('EIP_With_Association: one instance and an Elastic IP nothing re-associates: replacing it leaves the address on nothing (EipReachesHealthy fails), data on the root volume is deleted with it', () => {
    expect(verdicts('EIP_With_Association.yaml')).toEqual({
      'ec2-instance': { DataSurvivesReplacement: 'fails', EipReachesHealthy: 'fails', ReachedInstanceFailure: 'reached', ReachedReplacement: 'reached' },
    });
    expect((load('EIP_With_Association.yaml').mapping.units[0] as InstanceUnit).eips).toEqual(['IPAddress']);
  });
  it('RDS_Snapshot_On_Delete: MultiAZ defaults to false: an AZ outage loses acknowledged writes (NoAckedWriteLost fails), within the 5-minute restore point (RecoveryPointBounded holds)', () => {
    expect(verdicts('RDS_Snapshot_On_Delete.yaml')).toEqual({ 'my-db': { NoAckedWriteLost: 'fails', RecoveryPointBounded: 'holds', ReachedPrimaryFailure: 'reached', ReachedAzOutage: 'reached' } });
  });
  it('s3-bucket-and-policy-for-caa-versioning-v1: a versioned bucket recovers an accidental delete (holds); the bucket policy is ignored', () => {
    expect(verdicts('s3-bucket-and-policy-for-caa-versioning-v1.yaml')).toEqual({ 's3-bucket': { DeletedObjectRecoverable: 'holds', ReachedAccidentalDelete: 'reached', ReachedAccidentalOverwrite: 'reached' } });
    expect(load('s3-bucket-and-policy-for-caa-versioning-v1.yaml').mapping.ignored).toEqual([{ id: 'S3BUCKETPOL', type: 'AWS::S3::BucketPolicy' }]);
  });
  it('SQSStandardQueue: UsedeadletterQueue defaults to false: a poison message is redelivered for ever (NoEndlessRedelivery fails); nothing is lost', () => {
    expect(verdicts('SQSStandardQueue.json')['sqs-queue']).toEqual({ NoLostMessage: 'holds', NoEndlessRedelivery: 'fails', ReachedRedelivery: 'reached', ReachedWorkerCrashMidMessage: 'reached' });
  });
  it('SQSStandardQueue with --param UsedeadletterQueue=true: the condition creates the DLQ, the redrive policy dead-letters the poison message (NoEndlessRedelivery holds)', () => {
    const imp = load('SQSStandardQueue.json', { UsedeadletterQueue: 'true' });
    expect((imp.mapping.units[0] as QueueUnit).dlq).toEqual({ id: 'MyDeadLetterQueue', maxReceiveCount: 5, retentionSeconds: 345600 });
    expect(verdicts('SQSStandardQueue.json', { UsedeadletterQueue: 'true' })['sqs-queue']).toEqual({
      NoLostMessage: 'holds', NoEndlessRedelivery: 'holds', ReachedRedelivery: 'reached', ReachedWorkerCrashMidMessage: 'reached', ReachedDeadLetter: 'reached',
    });
  });
  it('SQSFIFOQueue: a FIFO queue without its (condition-false) DLQ: the poison message blocks redelivery for ever (NoEndlessRedelivery fails)', () => {
    const imp = load('SQSFIFOQueue.json');
    expect(imp.mapping.skipped.map((s) => s.id)).toEqual(['MyDeadLetterQueue']);
    expect((imp.mapping.units[0] as QueueUnit).fifo).toBe(true);
    expect(verdicts('SQSFIFOQueue.json')['sqs-queue'].NoEndlessRedelivery).toBe('fails');
  });
});

describe('templates written for the gotchas', () => {
  it('asg-zones: an ASG of 2 in one AZ fails survive-one-AZ (AtLeastNHealthy, NPlusOneRestored); spread over GetAZs it holds', () => {
    expect(verdicts('gotchas/asg-zones.yaml')).toEqual({
      'one-zone-group': { AtLeastNHealthy: 'fails', NPlusOneRestored: 'fails', ReachedInstanceFailure: 'reached', ReachedAzOutage: 'reached', ReachedReplacement: 'reached' },
      'spread-group': { AtLeastNHealthy: 'holds', NPlusOneRestored: 'holds', ReachedInstanceFailure: 'reached', ReachedAzOutage: 'reached', ReachedReplacement: 'reached' },
    });
  });
  it('rds-multi-az: MultiAZ false loses acknowledged writes on an AZ loss; MultiAZ "true" keeps them', () => {
    const v = verdicts('gotchas/rds-multi-az.yaml');
    expect(v['single-az-db'].NoAckedWriteLost).toBe('fails');
    expect(v['multi-az-db']).toEqual({ NoAckedWriteLost: 'holds', RecoveryPointBounded: 'holds', ReachedPrimaryFailure: 'reached', ReachedAzOutage: 'reached' });
  });
  it('queues: no DLQ and a poison message: NoEndlessRedelivery fails; with a redrive policy it holds and the DLQ is reached', () => {
    const v = verdicts('gotchas/queues.yaml');
    expect(v['no-dlq-queue'].NoEndlessRedelivery).toBe('fails');
    expect(v['redriven-queue']).toEqual({ NoLostMessage: 'holds', NoEndlessRedelivery: 'holds', ReachedRedelivery: 'reached', ReachedWorkerCrashMidMessage: 'reached', ReachedDeadLetter: 'reached' });
  });
  it('queues with --param NoDlqQueue.poison=0: without a poison message nothing needs a DLQ (NoEndlessRedelivery holds): the assumption is switchable', () => {
    expect(verdicts('gotchas/queues.yaml', { 'NoDlqQueue.poison': '0' })['no-dlq-queue'].NoEndlessRedelivery).toBe('holds');
  });
  it('volumes: DeleteOnTermination true on the data volume loses the data on replacement; an attached volume is kept and reattached', () => {
    expect(verdicts('gotchas/volumes.yaml')).toEqual({
      'doomed-server': { DataSurvivesReplacement: 'fails', ReachedInstanceFailure: 'reached', ReachedReplacement: 'reached' },
      'kept-server': { DataSurvivesReplacement: 'holds', ReachedVolumeReattached: 'reached', ReachedInstanceFailure: 'reached', ReachedReplacement: 'reached' },
    });
  });
  it('buckets: an unversioned bucket fails recoverable delete; a versioned one holds', () => {
    const v = verdicts('gotchas/buckets.yaml');
    expect([v.unversioned.DeletedObjectRecoverable, v.versioned.DeletedObjectRecoverable]).toEqual(['fails', 'holds']);
  });
  it('dns-failover: a health-checked primary fails over; without a health check Route 53 never does', () => {
    const v = verdicts('gotchas/dns-failover.yaml');
    expect(v['checked-primary']).toEqual({ DnsFailsOver: 'holds', ReachedEndpointFailure: 'reached', ReachedDnsFailover: 'reached' });
    expect(v['blind-primary']).toEqual({ DnsFailsOver: 'fails', ReachedEndpointFailure: 'reached' });
  });
  it('global-table: concurrent writes in two Regions lose an update (last writer wins)', () => {
    expect(verdicts('gotchas/global-table.yaml').sessions.NoLostUpdate).toBe('fails');
  });
});

describe('switching properties, abstraction', () => {
  it('--param off=NoEndlessRedelivery drops it; on=SQSQueue.NoDuplicateProcessing adds it (fails: at-least-once delivery)', () => {
    const v = verdicts('SQSStandardQueue.json', { off: 'NoEndlessRedelivery', on: 'SQSQueue.NoDuplicateProcessing' })['sqs-queue'];
    expect(v.NoEndlessRedelivery).toBeUndefined();
    expect(v.NoDuplicateProcessing).toBe('fails');
  });
  it('a switch naming no property is a bad --param', () => {
    expect(() => load('SQSStandardQueue.json', { off: 'NoSuchThing' })).toThrow(/^SQSStandardQueue\.json: --param off=NoSuchThing: no unit of this template has a property NoSuchThing/);
    expect(() => load('SQSStandardQueue.json', { 'SQSQueue.nonsense': '1' })).toThrow(/^SQSStandardQueue\.json: --param SQSQueue\.nonsense: not a parameter of this template/);
  });
  it('a group of 6 over two zones is modelled as 2 instances of 3, and the report says so', () => {
    const text = read('gotchas/asg-zones.yaml').replace('MinSize: 2\n      MaxSize: 4', 'MinSize: 6\n      MaxSize: 6');
    const imp = importTemplate(text, 'big.yaml');
    const spread = imp.units.find((u) => u.unit.id === 'SpreadGroup')!;
    expect(spread.model.abstraction).toBe('6 instances as 2 modelled instances of 3 each (zones 3/3): exact for a zone\'s outage; an instance failure takes 3 at once (pessimistic)');
    const ec2 = spread.model.components.find((c) => c.factory === 'ec2')!;
    expect(ec2.options.initial).toEqual([0, 1]);
  });
});
