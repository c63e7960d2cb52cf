/**
 * Benchmark of the CloudFormation import (issue 14): a generated template of 500 resources
 * (Auto Scaling groups with subnets, launch templates and target groups, queues with
 * dead-letter queues, buckets, DB instances, security groups), parsed, resolved and mapped;
 * the median of several runs. Run: `npm run build && node dist/bench/cfn-import.js [resources] [runs]`.
 */
import { performance } from 'node:perf_hooks';
import { importTemplate } from '../import/cfn/scenarios.js';

/** A template of about `n` resources, every fifth an intrinsic-heavy web group of five resources. */
export function generateTemplate(n: number): string {
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Parameters:',
    '  Capacity: { Type: Number, Default: 2 }',
    '  Env: { Type: String, Default: prod, AllowedValues: [dev, prod] }',
    'Mappings:',
    '  Settings:',
    '    prod: { Retention: 7, Visibility: 60 }',
    '    dev: { Retention: 1, Visibility: 30 }',
    'Conditions:',
    '  IsProd: !Equals [!Ref Env, prod]',
    'Resources:',
  ];
  let count = 0;
  for (let i = 0; count < n; i++) {
    switch (i % 5) {
      case 0:
        lines.push(
          `  SubnetA${i}:`, '    Type: AWS::EC2::Subnet', "    Properties: { CidrBlock: 10.0.0.0/24, AvailabilityZone: !Select [0, !GetAZs ''] }",
          `  SubnetB${i}:`, '    Type: AWS::EC2::Subnet', "    Properties: { CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [1, !GetAZs ''] }",
          `  Targets${i}:`, '    Type: AWS::ElasticLoadBalancingV2::TargetGroup', '    Properties: { Port: 80, Protocol: HTTP, HealthCheckIntervalSeconds: 30, UnhealthyThresholdCount: 2 }',
          `  Launch${i}:`, '    Type: AWS::EC2::LaunchTemplate', `    Properties: { LaunchTemplateData: { UserData: !Base64 { "Fn::Sub": "echo \${AWS::Region} ${i}" } } }`,
          `  Group${i}:`, '    Type: AWS::AutoScaling::AutoScalingGroup', '    Properties:', '      MinSize: !Ref Capacity', '      MaxSize: 6',
          `      VPCZoneIdentifier: [!Ref SubnetA${i}, !Ref SubnetB${i}]`, `      TargetGroupARNs: [!Ref Targets${i}]`, '      HealthCheckType: ELB',
          `      LaunchTemplate: { LaunchTemplateId: !Ref Launch${i}, Version: !GetAtt Launch${i}.LatestVersionNumber }`,
        );
        count += 5;
        break;
      case 1:
        lines.push(
          `  Queue${i}:`, '    Type: AWS::SQS::Queue', '    Properties:', '      VisibilityTimeout: !FindInMap [Settings, !Ref Env, Visibility]',
          `      RedrivePolicy: !If [IsProd, { deadLetterTargetArn: !GetAtt Dlq${i}.Arn, maxReceiveCount: 3 }, !Ref 'AWS::NoValue']`,
          `  Dlq${i}:`, '    Type: AWS::SQS::Queue',
        );
        count += 2;
        break;
      case 2:
        lines.push(`  Bucket${i}:`, '    Type: AWS::S3::Bucket', '    Properties: { VersioningConfiguration: { Status: !If [IsProd, Enabled, Suspended] } }');
        count += 1;
        break;
      case 3:
        lines.push(`  Db${i}:`, '    Type: AWS::RDS::DBInstance', '    Properties: { Engine: mysql, MultiAZ: !If [IsProd, true, false], BackupRetentionPeriod: !FindInMap [Settings, !Ref Env, Retention] }');
        count += 1;
        break;
      default:
        lines.push(`  Sg${i}:`, '    Type: AWS::EC2::SecurityGroup', `    Properties: { GroupDescription: !Join [' ', [group, '${i}', !Ref Env]] }`);
        count += 1;
    }
  }
  return lines.join('\n') + '\n';
}

/** Median milliseconds of `runs` imports (parse + resolve + map + the units' compositions planned) of `text`. */
export function benchImport(text: string, runs: number): { medianMs: number; units: number; resources: number } {
  const times: number[] = [];
  let units = 0;
  let resources = 0;
  importTemplate(text, 'generated.yaml'); // warm-up
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const imp = importTemplate(text, 'generated.yaml');
    times.push(performance.now() - t0);
    units = imp.units.length;
    resources = imp.resolved.resources.length;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], units, resources };
}

const entry = process.argv[1] ?? '';
if (/cfn-import\.[jt]s$/.test(entry)) {
  const n = Number(process.argv[2] ?? 500);
  const runs = Number(process.argv[3] ?? 9);
  const text = generateTemplate(n);
  const r = benchImport(text, runs);
  process.stdout.write(`cfn-import: ${r.resources} resources (${text.length} bytes), ${r.units} units: median ${r.medianMs.toFixed(1)} ms over ${runs} runs (parse + resolve + map)\n`);
}
