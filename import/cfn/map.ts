/**
 * From resolved resources to the fault-tolerance units faultline checks, one small
 * composition each: an Auto Scaling group with its launch configuration or template, zones,
 * load balancer and health checks; an EC2 instance with its volumes and Elastic IPs; a queue
 * with its dead-letter queue; a DB instance with its read replicas; a bucket; a DynamoDB table;
 * a Route 53 failover record pair. Each unit records the template values it was built from
 * (`from`: the resource and property, or "AWS default"), and what could not be resolved
 * (`unknowns`, with the value used instead).
 *
 * Defaults are AWS's, as CloudFormation applies them (AWS CloudFormation resource reference,
 * each resource type's page): an Auto Scaling group's HealthCheckType EC2 and grace period 0,
 * a queue's VisibilityTimeout 30 s and retention 4 days, MultiAZ false, BackupRetentionPeriod 1,
 * a block device mapping's DeleteOnTermination true, a classic load balancer's health check
 * every 30 s with thresholds 10 / 2 and cross-zone off, a target group's 30 s, 5 / 2 and 300 s
 * deregistration delay, a Route 53 health check every 30 s with threshold 3.
 */
import type { ResolvedResource, ResolvedTemplate, SkippedResource } from './resolve.js';
import { AttrRef, ResourceRef, Unknown, asBoolean, asList, asNumber, asRecord, isUnknown, show } from './values.js';

/** Where a unit's values came from: `Resource.Property`, or how it was defaulted. */
export type Sources = Record<string, string>;

interface UnitBase {
  /** The logical id the unit is named after (the group, queue, instance...). */
  readonly id: string;
  readonly line: number;
  /** Every resource of the template the unit is built from. */
  readonly resources: readonly string[];
  readonly from: Sources;
  /** Values that could not be resolved, each with the value used instead. */
  readonly unknowns: readonly string[];
}

export interface LbSpec {
  readonly id: string;
  readonly type: 'ALB' | 'NLB' | 'CLB';
  readonly intervalSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly deregistrationDelaySeconds: number;
  readonly crossZone?: boolean;
}

export interface LaunchSpec {
  readonly id: string;
  /** EBS data volumes of the block device mapping, with DeleteOnTermination. */
  readonly dataVolumes: readonly { readonly device: string; readonly deleteOnTermination: boolean }[];
  /** Instance store volumes (`VirtualName: ephemeralN`). */
  readonly instanceStore: number;
}

export interface GroupUnit extends UnitBase {
  readonly kind: 'group';
  readonly min: number;
  readonly max: number;
  readonly desired: number;
  /** One entry per zone or subnet the group may launch into (a zone name, or undefined when not known). */
  readonly zones: readonly (string | undefined)[];
  readonly healthCheckType: 'EC2' | 'ELB';
  readonly graceSeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly lb?: LbSpec;
  readonly launch?: LaunchSpec;
}

export interface InstanceUnit extends UnitBase {
  readonly kind: 'instance';
  readonly zone: string | undefined;
  readonly instanceStore: number;
  /** EBS data volumes: from the block device mapping (DeleteOnTermination as given) or attached volumes (kept). */
  readonly dataVolumes: readonly { readonly source: string; readonly deleteOnTermination: boolean; readonly deleteFrom: string }[];
  /** Elastic IPs associated with the instance. */
  readonly eips: readonly string[];
}

export interface QueueUnit extends UnitBase {
  readonly kind: 'queue';
  readonly fifo: boolean;
  readonly visibilitySeconds: number;
  readonly retentionSeconds: number;
  readonly delaySeconds: number;
  readonly dlq?: { readonly id: string | undefined; readonly maxReceiveCount: number; readonly retentionSeconds: number };
}

export interface DatabaseUnit extends UnitBase {
  readonly kind: 'database';
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly replicas: readonly string[];
}

export interface BucketUnit extends UnitBase {
  readonly kind: 'bucket';
  readonly versioning: 'enabled' | 'suspended' | 'unversioned';
}

export interface TableUnit extends UnitBase {
  readonly kind: 'table';
  readonly regions: 1 | 2;
}

export interface DnsUnit extends UnitBase {
  readonly kind: 'dns';
  readonly name: string;
  readonly primaryHealthCheck: boolean;
  readonly secondaryHealthCheck: boolean;
  readonly ttlSeconds: number;
  readonly requestIntervalSeconds: number;
  readonly failureThreshold: number;
}

export type Unit = GroupUnit | InstanceUnit | QueueUnit | DatabaseUnit | BucketUnit | TableUnit | DnsUnit;

export interface Mapping {
  readonly units: readonly Unit[];
  /** Resources that play no part in fault tolerance as modelled (security groups, IAM, alarms...). */
  readonly ignored: readonly { readonly id: string; readonly type: string }[];
  /** Resources that matter for fault tolerance but have no component yet, and other cautions. */
  readonly warnings: readonly string[];
  /** Resources left out by a false condition. */
  readonly skipped: readonly SkippedResource[];
}

/** Types that matter for fault tolerance but that faultline does not model: named as warnings. */
export const NOT_MODELLED: Readonly<Record<string, string>> = {
  'AWS::RDS::DBCluster': 'an Aurora or Multi-AZ DB cluster',
  'AWS::ElastiCache::ReplicationGroup': 'an ElastiCache replication group',
  'AWS::ElastiCache::CacheCluster': 'an ElastiCache cluster',
  'AWS::EFS::FileSystem': 'an EFS file system',
  'AWS::ECS::Service': 'an ECS service',
  'AWS::EKS::Nodegroup': 'an EKS node group',
  'AWS::Lambda::Function': 'a Lambda function',
  'AWS::Lambda::EventSourceMapping': 'a Lambda event source (a queue consumer)',
  'AWS::EC2::NatGateway': 'a NAT gateway (zonal: one per zone survives an AZ outage)',
  'AWS::Kinesis::Stream': 'a Kinesis stream',
  'AWS::AutoScaling::ScalingPolicy': 'a scaling policy (the model keeps the group at its desired size)',
  'AWS::ApplicationAutoScaling::ScalingPolicy': 'a scaling policy',
  'AWS::AutoScaling::LifecycleHook': 'a lifecycle hook',
  'AWS::AutoScaling::WarmPool': 'a warm pool',
  'AWS::EC2::SpotFleet': 'a Spot Fleet',
  'AWS::EC2::EC2Fleet': 'an EC2 Fleet',
  'AWS::DocDB::DBCluster': 'a DocumentDB cluster',
  'AWS::Neptune::DBCluster': 'a Neptune cluster',
  'AWS::MSK::Cluster': 'an MSK cluster',
  'AWS::OpenSearchService::Domain': 'an OpenSearch domain',
  'AWS::Elasticsearch::Domain': 'an Elasticsearch domain',
  'AWS::ElasticBeanstalk::Environment': 'an Elastic Beanstalk environment',
};

/** The unit kinds, by the resource type that starts one. */
const UNIT_TYPES = new Set([
  'AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::Instance', 'AWS::SQS::Queue', 'AWS::RDS::DBInstance', 'AWS::S3::Bucket', 'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
]);

/** Root device names (the AMI's root is usually one of these): a mapping for them is the root volume, not data. */
const ROOT_DEVICES = new Set(['/dev/xvda', '/dev/sda1', '/dev/sda', 'xvda']);

/** Maps the resolved template's resources to units; every resource ends in a unit, as ignored, or as a warning. */
export function mapTemplate(t: ResolvedTemplate): Mapping {
  const byId = new Map(t.resources.map((r) => [r.id, r]));
  const used = new Set<string>();
  const warnings: string[] = [];
  const units: Unit[] = [];
  const ctx: Ctx = { byId, used, warnings, t };

  for (const r of t.resources) if (r.conditionUnknown) warnings.push(`${r.id}: condition ${r.condition} cannot be evaluated (${r.conditionUnknown.why}); assumed created`);

  // Queues that are another queue's dead-letter queue belong to that queue's unit.
  const dlqOf = new Map<string, string>();
  for (const r of t.resources) {
    if (r.type !== 'AWS::SQS::Queue') continue;
    const target = redriveTarget(r);
    if (target !== undefined && byId.get(target)?.type === 'AWS::SQS::Queue') dlqOf.set(target, r.id);
  }
  // Read replicas belong to their source's unit.
  const replicaOf = new Map<string, string>();
  for (const r of t.resources) {
    if (r.type !== 'AWS::RDS::DBInstance') continue;
    const src = r.properties.SourceDBInstanceIdentifier;
    const id = src instanceof ResourceRef || src instanceof AttrRef ? src.id : undefined;
    if (id !== undefined && byId.get(id)?.type === 'AWS::RDS::DBInstance') replicaOf.set(r.id, id);
    else if (src !== undefined) warnings.push(`${r.id}: a read replica of ${show(src)}, outside this template; not modelled`);
  }

  for (const r of t.resources) {
    if (!UNIT_TYPES.has(r.type)) continue;
    if (r.type === 'AWS::SQS::Queue' && dlqOf.has(r.id) && !dlqOf.has(dlqOf.get(r.id)!)) continue;
    if (r.type === 'AWS::RDS::DBInstance' && (replicaOf.has(r.id) || r.properties.SourceDBInstanceIdentifier !== undefined)) continue;
    used.add(r.id);
    switch (r.type) {
      case 'AWS::AutoScaling::AutoScalingGroup':
        units.push(mapGroup(r, ctx));
        break;
      case 'AWS::EC2::Instance':
        units.push(mapInstance(r, ctx));
        break;
      case 'AWS::SQS::Queue':
        units.push(mapQueue(r, ctx));
        break;
      case 'AWS::RDS::DBInstance':
        units.push(mapDatabase(r, ctx, [...replicaOf].filter(([, s]) => s === r.id).map(([rep]) => rep)));
        break;
      case 'AWS::S3::Bucket':
        units.push(mapBucket(r));
        break;
      default:
        units.push(mapTable(r));
    }
  }
  units.push(...mapDns(ctx));

  // Elastic IPs and volumes nobody uses: named, since they hint at a design the import did not see.
  for (const r of t.resources) {
    if (used.has(r.id)) continue;
    if (r.type === 'AWS::EC2::EIP' || r.type === 'AWS::EC2::Volume') warnings.push(`${r.id} (${r.type}): not attached to an instance of this template; not checked`);
  }
  const ignored: { id: string; type: string }[] = [];
  for (const r of t.resources) {
    if (used.has(r.id)) continue;
    const what = NOT_MODELLED[r.type];
    if (what !== undefined) warnings.push(`${r.id} (${r.type}): ${what} matters for fault tolerance but is not modelled`);
    else if (r.type !== 'AWS::EC2::EIP' && r.type !== 'AWS::EC2::Volume') ignored.push({ id: r.id, type: r.type });
  }
  return { units, ignored, warnings, skipped: t.skipped };
}

interface Ctx {
  readonly byId: ReadonlyMap<string, ResolvedResource>;
  readonly used: Set<string>;
  readonly warnings: string[];
  readonly t: ResolvedTemplate;
}

/** A unit's provenance and unknowns as it is built. */
class Notes {
  readonly from: Sources = {};
  readonly unknowns: string[] = [];
  readonly resources: string[];
  constructor(readonly r: ResolvedResource) {
    this.resources = [r.id];
  }

  /** A number property of `res` (default `def` as AWS applies it); Unknown or unreadable -> `def`, noted. */
  num(res: ResolvedResource, prop: string, def: number, field: string): number {
    return this.numAt(res, prop, res.properties[prop], def, field);
  }

  /** A number at `path` inside `res` (`HealthCheck.Interval`), already read as `v`; absent -> `def`, AWS's default. */
  numAt(res: ResolvedResource, path: string, v: unknown, def: number, field: string): number {
    if (v === undefined) {
      this.from[field] = `AWS default ${def}`;
      return def;
    }
    const n = asNumber(v);
    if (typeof n === 'number') {
      this.from[field] = `${res.id}.${path}`;
      return n;
    }
    this.unknowns.push(`${res.id}.${path} ${isUnknown(n) ? `cannot be resolved (${n.why})` : `is not a number (${show(v)})`}: ${def} used`);
    this.from[field] = `unknown, ${def} used`;
    return def;
  }

  bool(res: ResolvedResource, prop: string, def: boolean, field: string, raw?: unknown): boolean {
    const v = raw !== undefined ? raw : res.properties[prop];
    if (v === undefined) {
      this.from[field] = `AWS default ${def}`;
      return def;
    }
    const b = asBoolean(v);
    if (typeof b === 'boolean') {
      this.from[field] = `${res.id}.${prop}`;
      return b;
    }
    this.unknowns.push(`${res.id}.${prop} ${isUnknown(b) ? `cannot be resolved (${b.why})` : `is not a boolean (${show(v)})`}: ${def} used`);
    this.from[field] = `unknown, ${def} used`;
    return def;
  }

  use(ctx: Ctx, id: string): void {
    if (!this.resources.includes(id)) this.resources.push(id);
    ctx.used.add(id);
  }

  base() {
    return { id: this.r.id, line: this.r.line, resources: this.resources, from: this.from, unknowns: this.unknowns };
  }
}

/** The resource a value names, when it is in the template (a Ref, a GetAtt). */
function target(ctx: Ctx, v: unknown): ResolvedResource | undefined {
  return v instanceof ResourceRef || v instanceof AttrRef ? ctx.byId.get(v.id) : undefined;
}

/** A subnet's zone: its AvailabilityZone (or AvailabilityZoneId); undefined when AWS picks it or it is not in the template. */
function subnetZone(ctx: Ctx, v: unknown, n: Notes): string | undefined {
  const s = target(ctx, v);
  if (s === undefined || s.type !== 'AWS::EC2::Subnet') {
    n.unknowns.push(`subnet ${show(v)} is not in this template: its zone is unknown`);
    return undefined;
  }
  n.use(ctx, s.id);
  const z = s.properties.AvailabilityZone ?? s.properties.AvailabilityZoneId;
  if (typeof z === 'string') return z;
  n.unknowns.push(`${s.id}.AvailabilityZone ${z === undefined ? 'is not set (AWS picks a zone)' : `cannot be resolved (${show(z)})`}`);
  return undefined;
}

function mapGroup(r: ResolvedResource, ctx: Ctx): GroupUnit {
  const n = new Notes(r);
  const p = r.properties;
  const min = n.num(r, 'MinSize', 1, 'min');
  const max = n.num(r, 'MaxSize', Math.max(min, 1), 'max');
  const desired = p.DesiredCapacity === undefined ? min : n.num(r, 'DesiredCapacity', min, 'desired');
  if (p.DesiredCapacity === undefined) n.from.desired = `${r.id}.MinSize (no DesiredCapacity)`;

  // Zones: AvailabilityZones, or each VPCZoneIdentifier subnet's zone.
  let zones: (string | undefined)[] = [];
  const subnets = asList(p.VPCZoneIdentifier);
  const azs = asList(p.AvailabilityZones);
  if (subnets !== undefined && !isUnknown(subnets) && subnets.length > 0) {
    zones = subnets.map((s) => subnetZone(ctx, s, n));
    n.from.zones = `${r.id}.VPCZoneIdentifier (each subnet's AvailabilityZone)`;
  } else if (azs !== undefined && !isUnknown(azs) && azs.length > 0) {
    zones = azs.map((z) => (typeof z === 'string' ? z : undefined));
    for (const z of azs) if (typeof z !== 'string') n.unknowns.push(`${r.id}.AvailabilityZones entry ${show(z)} cannot be resolved`);
    n.from.zones = `${r.id}.AvailabilityZones`;
  } else {
    const why = isUnknown(subnets) ? subnets.why : isUnknown(azs) ? azs.why : 'neither AvailabilityZones nor VPCZoneIdentifier is set';
    n.unknowns.push(`${r.id}: its zones cannot be resolved (${why})`);
    zones = [undefined];
    n.from.zones = 'unknown';
  }

  const hct = p.HealthCheckType;
  const healthCheckType = hct === 'ELB' || (typeof hct === 'string' && hct.toUpperCase() === 'ELB') ? 'ELB' : 'EC2';
  if (hct !== undefined && typeof hct !== 'string') n.unknowns.push(`${r.id}.HealthCheckType cannot be resolved (${show(hct)}): EC2 used`);
  n.from.healthCheckType = hct === undefined ? 'AWS default EC2' : `${r.id}.HealthCheckType`;
  const graceSeconds = n.num(r, 'HealthCheckGracePeriod', 0, 'graceSeconds');
  const maxLifetimeSeconds = n.num(r, 'MaxInstanceLifetime', 0, 'maxLifetimeSeconds');

  // Load balancing: the first target group or classic load balancer (the model has one).
  const lbs: LbSpec[] = [];
  for (const v of asList(p.TargetGroupARNs) instanceof Array ? (p.TargetGroupARNs as unknown[]) : []) {
    const tg = target(ctx, v);
    if (tg?.type === 'AWS::ElasticLoadBalancingV2::TargetGroup') lbs.push(targetGroup(tg, n, ctx));
    else n.unknowns.push(`${r.id}.TargetGroupARNs entry ${show(v)} is not a target group of this template`);
  }
  for (const v of asList(p.LoadBalancerNames) instanceof Array ? (p.LoadBalancerNames as unknown[]) : []) {
    const lb = target(ctx, v);
    if (lb?.type === 'AWS::ElasticLoadBalancing::LoadBalancer') lbs.push(classicLb(lb, n, ctx));
    else n.unknowns.push(`${r.id}.LoadBalancerNames entry ${show(v)} is not a load balancer of this template`);
  }
  if (lbs.length > 1) n.unknowns.push(`${r.id}: ${lbs.length} load balancers or target groups; the model has one, ${lbs[0].id}`);

  const launch = launchOf(r, n, ctx);
  return {
    kind: 'group', ...n.base(), min, max, desired, zones, healthCheckType, graceSeconds, maxLifetimeSeconds,
    ...(lbs.length > 0 ? { lb: lbs[0] } : {}), ...(launch !== undefined ? { launch } : {}),
  };
}

function targetGroup(tg: ResolvedResource, n: Notes, ctx: Ctx): LbSpec {
  n.use(ctx, tg.id);
  const protocol = typeof tg.properties.Protocol === 'string' ? tg.properties.Protocol.toUpperCase() : 'HTTP';
  const type = protocol === 'TCP' || protocol === 'UDP' || protocol === 'TLS' || protocol === 'TCP_UDP' ? 'NLB' : 'ALB';
  // Listeners and the load balancer itself carry no health settings: counted as part of the unit.
  for (const r of ctx.t.resources) {
    if (r.type === 'AWS::ElasticLoadBalancingV2::Listener' && JSON.stringify(r.properties.DefaultActions ?? []).includes(`"${tg.id}"`)) n.use(ctx, r.id);
  }
  let delay = 300;
  const attrs = asList(tg.properties.TargetGroupAttributes);
  if (Array.isArray(attrs)) {
    for (const a of attrs) {
      const rec = asRecord(a);
      if (rec?.Key === 'deregistration_delay.timeout_seconds') delay = n.numAt(tg, 'TargetGroupAttributes deregistration_delay.timeout_seconds', rec.Value, 300, 'deregistrationDelaySeconds');
    }
  }
  return {
    id: tg.id, type,
    intervalSeconds: n.num(tg, 'HealthCheckIntervalSeconds', 30, 'intervalSeconds'),
    healthyThreshold: n.num(tg, 'HealthyThresholdCount', 5, 'healthyThreshold'),
    unhealthyThreshold: n.num(tg, 'UnhealthyThresholdCount', 2, 'unhealthyThreshold'),
    deregistrationDelaySeconds: delay,
  };
}

function classicLb(lb: ResolvedResource, n: Notes, ctx: Ctx): LbSpec {
  n.use(ctx, lb.id);
  const hc = asRecord(lb.properties.HealthCheck) ?? {};
  const drain = asRecord(lb.properties.ConnectionDrainingPolicy);
  const draining = drain !== undefined && asBoolean(drain.Enabled) === true;
  return {
    id: lb.id, type: 'CLB',
    intervalSeconds: n.numAt(lb, 'HealthCheck.Interval', hc.Interval, 30, 'intervalSeconds'),
    healthyThreshold: n.numAt(lb, 'HealthCheck.HealthyThreshold', hc.HealthyThreshold, 10, 'healthyThreshold'),
    unhealthyThreshold: n.numAt(lb, 'HealthCheck.UnhealthyThreshold', hc.UnhealthyThreshold, 2, 'unhealthyThreshold'),
    deregistrationDelaySeconds: draining ? n.numAt(lb, 'ConnectionDrainingPolicy.Timeout', drain!.Timeout, 300, 'deregistrationDelaySeconds') : 0,
    crossZone: n.bool(lb, 'CrossZone', false, 'crossZone'),
  };
}

/** The group's launch configuration or launch template, when in the template. */
function launchOf(r: ResolvedResource, n: Notes, ctx: Ctx): LaunchSpec | undefined {
  const p = r.properties;
  let res = target(ctx, p.LaunchConfigurationName);
  let mappings: unknown;
  if (res?.type === 'AWS::AutoScaling::LaunchConfiguration') mappings = res.properties.BlockDeviceMappings;
  else {
    const spec = asRecord(p.LaunchTemplate) ?? asRecord(asRecord(asRecord(p.MixedInstancesPolicy)?.LaunchTemplate)?.LaunchTemplateSpecification);
    res = spec === undefined ? undefined : target(ctx, spec.LaunchTemplateId ?? spec.LaunchTemplateName);
    if (res?.type !== 'AWS::EC2::LaunchTemplate') return undefined;
    mappings = asRecord(res.properties.LaunchTemplateData)?.BlockDeviceMappings;
  }
  n.use(ctx, res.id);
  const { data, store } = blockDevices(res, mappings, n);
  return { id: res.id, dataVolumes: data.map((d) => ({ device: d.device, deleteOnTermination: d.deleteOnTermination })), instanceStore: store };
}

/** A block device mapping's EBS data volumes (DeleteOnTermination, default true) and instance store volumes. */
function blockDevices(res: ResolvedResource, mappings: unknown, n: Notes): { data: { device: string; deleteOnTermination: boolean }[]; store: number } {
  const data: { device: string; deleteOnTermination: boolean }[] = [];
  let store = 0;
  const list = asList(mappings);
  if (isUnknown(list)) n.unknowns.push(`${res.id}.BlockDeviceMappings cannot be resolved (${list.why})`);
  for (const m of Array.isArray(list) ? list : []) {
    const rec = asRecord(m);
    if (rec === undefined) continue;
    const device = typeof rec.DeviceName === 'string' ? rec.DeviceName : '?';
    if (typeof rec.VirtualName === 'string' && rec.VirtualName.startsWith('ephemeral')) {
      store++;
      n.from[`instanceStore ${device}`] = `${res.id}.BlockDeviceMappings ${rec.VirtualName}`;
      continue;
    }
    const ebs = asRecord(rec.Ebs);
    if (ebs === undefined || ROOT_DEVICES.has(device)) continue;
    const dot = n.bool(res, 'BlockDeviceMappings', true, `deleteOnTermination ${device}`, ebs.DeleteOnTermination ?? true);
    if (ebs.DeleteOnTermination === undefined) n.from[`deleteOnTermination ${device}`] = `AWS default true (${res.id}.BlockDeviceMappings ${device})`;
    else n.from[`deleteOnTermination ${device}`] = `${res.id}.BlockDeviceMappings ${device} Ebs.DeleteOnTermination`;
    data.push({ device, deleteOnTermination: dot });
  }
  return { data, store };
}

function mapInstance(r: ResolvedResource, ctx: Ctx): InstanceUnit {
  const n = new Notes(r);
  const p = r.properties;
  let zone: string | undefined;
  if (typeof p.AvailabilityZone === 'string') {
    zone = p.AvailabilityZone;
    n.from.zone = `${r.id}.AvailabilityZone`;
  } else if (p.SubnetId !== undefined) {
    zone = subnetZone(ctx, p.SubnetId, n);
    n.from.zone = `${r.id}.SubnetId`;
  } else n.from.zone = 'AWS picks a zone';
  const { data, store } = blockDevices(r, p.BlockDeviceMappings, n);
  const dataVolumes: { source: string; deleteOnTermination: boolean; deleteFrom: string }[] = data.map((d) => ({
    source: `${r.id}.BlockDeviceMappings ${d.device}`, deleteOnTermination: d.deleteOnTermination,
    deleteFrom: n.from[`deleteOnTermination ${d.device}`].startsWith('AWS default') ? 'AWS default' : n.from[`deleteOnTermination ${d.device}`].startsWith('unknown') ? 'unknown: AWS default used' : 'its Ebs.DeleteOnTermination',
  }));
  // Volumes attached by the instance's Volumes list or a VolumeAttachment are kept on termination.
  for (const v of Array.isArray(p.Volumes) ? p.Volumes : []) {
    const vol = target(ctx, asRecord(v)?.VolumeId);
    if (vol?.type !== 'AWS::EC2::Volume') continue;
    n.use(ctx, vol.id);
    dataVolumes.push({ source: `${vol.id} (${r.id}.Volumes)`, deleteOnTermination: false, deleteFrom: 'an attached volume is kept when the instance terminates' });
  }
  const eips: string[] = [];
  for (const x of ctx.t.resources) {
    if (x.type === 'AWS::EC2::VolumeAttachment' && target(ctx, x.properties.InstanceId)?.id === r.id) {
      const vol = target(ctx, x.properties.VolumeId);
      n.use(ctx, x.id);
      if (vol !== undefined) n.use(ctx, vol.id);
      dataVolumes.push({ source: `${vol?.id ?? show(x.properties.VolumeId)} (${x.id})`, deleteOnTermination: false, deleteFrom: 'an attached volume is kept when the instance terminates' });
    }
    if (x.type === 'AWS::EC2::EIP' && target(ctx, x.properties.InstanceId)?.id === r.id) {
      n.use(ctx, x.id);
      eips.push(x.id);
    }
    if (x.type === 'AWS::EC2::EIPAssociation' && target(ctx, x.properties.InstanceId)?.id === r.id) {
      n.use(ctx, x.id);
      const eip = target(ctx, x.properties.EIP ?? x.properties.AllocationId);
      if (eip !== undefined) n.use(ctx, eip.id);
      eips.push(eip?.id ?? x.id);
    }
  }
  return { kind: 'instance', ...n.base(), zone, instanceStore: store, dataVolumes, eips };
}

/** The logical id of the queue a RedrivePolicy's deadLetterTargetArn names, when it is in the template. */
function redriveTarget(r: ResolvedResource): string | undefined {
  const policy = asRecord(r.properties.RedrivePolicy);
  const arn = policy?.deadLetterTargetArn;
  return arn instanceof AttrRef || arn instanceof ResourceRef ? arn.id : undefined;
}

function mapQueue(r: ResolvedResource, ctx: Ctx): QueueUnit {
  const n = new Notes(r);
  const p = r.properties;
  const fifo = n.bool(r, 'FifoQueue', false, 'fifo');
  const visibilitySeconds = n.num(r, 'VisibilityTimeout', 30, 'visibilitySeconds');
  const retentionSeconds = n.num(r, 'MessageRetentionPeriod', 345_600, 'retentionSeconds');
  const delaySeconds = n.num(r, 'DelaySeconds', 0, 'delaySeconds');
  let dlq: QueueUnit['dlq'];
  if (isUnknown(p.RedrivePolicy)) n.unknowns.push(`${r.id}.RedrivePolicy cannot be resolved (${p.RedrivePolicy.why}): no dead-letter queue used`);
  const policy = asRecord(p.RedrivePolicy);
  if (policy !== undefined) {
    const dlqRes = target(ctx, policy.deadLetterTargetArn);
    if (dlqRes !== undefined) n.use(ctx, dlqRes.id);
    else n.unknowns.push(`${r.id}.RedrivePolicy names a dead-letter queue outside this template (${show(policy.deadLetterTargetArn)}): its retention is taken as 4 days`);
    dlq = {
      id: dlqRes?.id,
      maxReceiveCount: n.numAt(r, 'RedrivePolicy.maxReceiveCount', policy.maxReceiveCount, 10, 'maxReceiveCount'),
      retentionSeconds: dlqRes === undefined ? 345_600 : n.num(dlqRes, 'MessageRetentionPeriod', 345_600, 'dlqRetentionSeconds'),
    };
  }
  return { kind: 'queue', ...n.base(), fifo, visibilitySeconds, retentionSeconds, delaySeconds, ...(dlq !== undefined ? { dlq } : {}) };
}

function mapDatabase(r: ResolvedResource, ctx: Ctx, replicas: string[]): DatabaseUnit {
  const n = new Notes(r);
  for (const rep of replicas) n.use(ctx, rep);
  if (r.properties.DBClusterIdentifier !== undefined) ctx.warnings.push(`${r.id}: an instance of a DB cluster (Aurora); modelled as a DB instance, which a cluster is not`);
  return {
    kind: 'database', ...n.base(),
    multiAz: n.bool(r, 'MultiAZ', false, 'multiAz'),
    backupRetentionDays: n.num(r, 'BackupRetentionPeriod', 1, 'backupRetentionDays'),
    replicas,
  };
}

function mapBucket(r: ResolvedResource): BucketUnit {
  const n = new Notes(r);
  const cfg = r.properties.VersioningConfiguration;
  const status = asRecord(cfg)?.Status;
  let versioning: BucketUnit['versioning'] = 'unversioned';
  if (status === 'Enabled') versioning = 'enabled';
  else if (status === 'Suspended') versioning = 'suspended';
  else if (cfg !== undefined) n.unknowns.push(`${r.id}.VersioningConfiguration cannot be resolved (${show(status ?? cfg)}): unversioned used`);
  n.from.versioning = cfg === undefined ? 'AWS default (unversioned)' : `${r.id}.VersioningConfiguration.Status`;
  return { kind: 'bucket', ...n.base(), versioning };
}

function mapTable(r: ResolvedResource): TableUnit {
  const n = new Notes(r);
  let regions: 1 | 2 = 1;
  if (r.type === 'AWS::DynamoDB::GlobalTable') {
    const replicas = asList(r.properties.Replicas);
    if (Array.isArray(replicas) && replicas.length >= 2) regions = 2;
    else if (!Array.isArray(replicas)) n.unknowns.push(`${r.id}.Replicas cannot be resolved: one Region used`);
    n.from.regions = `${r.id}.Replicas`;
  } else n.from.regions = 'a Regional table';
  return { kind: 'table', ...n.base(), regions };
}

/** Route 53 failover pairs: a PRIMARY and a SECONDARY record of one name (in RecordSets or RecordSetGroups). */
function mapDns(ctx: Ctx): DnsUnit[] {
  const records: { owner: ResolvedResource; rec: Readonly<Record<string, unknown>> }[] = [];
  for (const r of ctx.t.resources) {
    if (r.type === 'AWS::Route53::RecordSet') records.push({ owner: r, rec: r.properties });
    if (r.type === 'AWS::Route53::RecordSetGroup') for (const x of Array.isArray(r.properties.RecordSets) ? r.properties.RecordSets : []) if (asRecord(x)) records.push({ owner: r, rec: asRecord(x)! });
  }
  const units: DnsUnit[] = [];
  const names = new Set(records.filter((x) => x.rec.Failover !== undefined).map((x) => `${show(x.rec.Name)} ${show(x.rec.Type)}`));
  for (const key of names) {
    const pair = records.filter((x) => `${show(x.rec.Name)} ${show(x.rec.Type)}` === key);
    const primary = pair.find((x) => x.rec.Failover === 'PRIMARY');
    const secondary = pair.find((x) => x.rec.Failover === 'SECONDARY');
    if (primary === undefined || secondary === undefined) {
      ctx.warnings.push(`${pair[0].owner.id}: a failover record for ${key} without its ${primary === undefined ? 'PRIMARY' : 'SECONDARY'}; not checked`);
      continue;
    }
    const n = new Notes(primary.owner);
    n.use(ctx, primary.owner.id);
    n.use(ctx, secondary.owner.id);
    const checked = (x: { owner: ResolvedResource; rec: Readonly<Record<string, unknown>> }, field: string): { on: boolean; hc?: ResolvedResource } => {
      const hc = target(ctx, x.rec.HealthCheckId);
      if (hc !== undefined) n.use(ctx, hc.id);
      const evaluate = asBoolean(asRecord(x.rec.AliasTarget)?.EvaluateTargetHealth) === true;
      n.from[field] = x.rec.HealthCheckId !== undefined ? `${x.owner.id}.HealthCheckId` : evaluate ? `${x.owner.id}.AliasTarget.EvaluateTargetHealth` : `${x.owner.id}: neither HealthCheckId nor EvaluateTargetHealth`;
      return { on: x.rec.HealthCheckId !== undefined || evaluate, ...(hc !== undefined ? { hc } : {}) };
    };
    const p = checked(primary, 'primaryHealthCheck');
    const s = checked(secondary, 'secondaryHealthCheck');
    const cfg = asRecord(p.hc?.properties.HealthCheckConfig) ?? {};
    const ttl = primary.rec.TTL === undefined ? 60 : asNumber(primary.rec.TTL);
    n.from.ttlSeconds = primary.rec.TTL === undefined ? 'alias record: 60 (an ELB alias target\'s TTL)' : `${primary.owner.id}.TTL`;
    units.push({
      kind: 'dns', ...n.base(), id: primary.owner.id, name: key.split(' ')[0].replace(/^"|"$/g, ''),
      primaryHealthCheck: p.on, secondaryHealthCheck: s.on,
      ttlSeconds: typeof ttl === 'number' ? ttl : 60,
      requestIntervalSeconds: p.hc !== undefined ? n.numAt(p.hc, 'HealthCheckConfig.RequestInterval', cfg.RequestInterval, 30, 'requestIntervalSeconds') : 30,
      failureThreshold: p.hc !== undefined ? n.numAt(p.hc, 'HealthCheckConfig.FailureThreshold', cfg.FailureThreshold, 3, 'failureThreshold') : 3,
    });
  }
  return units;
}
