/**
 * Each mapped unit as a small composition: the components with the template's values, the
 * assumptions that fill what a template does not say (behaviour, not resources: consumers,
 * processing time, the group's N), and the default properties of its kind from the invariant
 * library, each switchable. One composition per unit keeps every state space small and needs
 * one instance of each component kind.
 *
 * Fault budget: one fault per unit (`maxFaults: 1`, or each component's own budget of one), the
 * budget of the library's own scenarios: "survives one failure" is what N+1 and Multi-AZ
 * designs promise.
 */
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { dynamodb } from '../../model/aws/dynamodb/index.js';
import { ebs } from '../../model/aws/ebs/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { eip } from '../../model/aws/eip/index.js';
import { elb, elbHealthy } from '../../model/aws/elb/index.js';
import { rds } from '../../model/aws/rds/index.js';
import { route53 } from '../../model/aws/route53/index.js';
import { s3 } from '../../model/aws/s3/index.js';
import { sqs } from '../../model/aws/sqs/index.js';
import type { Component } from '../../model/compose/component.js';
import type { Property } from '../../model/core/property.js';
import {
  deletedObjectRecoverable, dnsFailsOver, noAckedWriteLost, noDuplicateProcessing, noEndlessRedelivery, noLostMessage, reachedAccidentalDelete,
  reachedAccidentalOverwrite, reachedDeadLetter, reachedDnsFailover, reachedEndpointFailure, reachedPrimaryFailure, reachedRedelivery,
  reachedWorkerCrashMidMessage, recoveryPointBounded,
} from '../../properties/data.js';
import {
  atLeastNHealthy, dataSurvivesReplacementOnInstanceStore, dataSurvivesReplacementOnVolumes, eipReachesHealthyAgain, noHealthyInstanceReplaced,
  nPlusOneRestored, onlyHealthyTargets, onlyHealthyTargetsAfterDetection, reachedAppCrash, reachedAzOutage, reachedInstanceFailure,
  reachedReplacement, reachedVolumeReattached,
} from '../../properties/fleet.js';
import type { Assumption } from './resolve.js';
import type { BucketUnit, DatabaseUnit, DnsUnit, GroupUnit, InstanceUnit, QueueUnit, TableUnit, Unit } from './map.js';
import { noLostUpdate, reachedRegionOutage, readYourWrites } from './table-properties.js';

/** A component of a unit's composition: its factory's name and options (for the report and the generated text). */
export interface ComponentPlan {
  readonly factory: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Where each option came from (template property, AWS default, assumption). */
  readonly from: Readonly<Record<string, string>>;
}

/** A property of a unit, with whether it is checked by default. */
export interface PropertyPlan {
  readonly name: string;
  readonly on: boolean;
  readonly make: () => Property<any>;
}

/** A unit ready to compose. */
export interface UnitModel {
  readonly components: readonly ComponentPlan[];
  readonly properties: readonly PropertyPlan[];
  readonly maxFaults?: number;
  readonly tickSeconds?: number;
  /** Every assumption, its `--param` key prefixed with the unit's logical id. */
  readonly assumptions: readonly Assumption[];
  /** How a group too large to explore exhaustively is abstracted, when it is. */
  readonly abstraction?: string;
  /** What the model leaves out, said plainly (long periods...). */
  readonly leftOut: readonly string[];
}

/** Reads one unit-scoped assumption (`Id.key`) from the overrides, typed as its default. */
class Knobs {
  readonly assumptions: Assumption[] = [];
  constructor(
    private readonly id: string,
    private readonly given: Readonly<Record<string, string>>,
    private readonly fail: (message: string) => never,
  ) {}

  int(key: string, def: number, why: string, lo: number, hi: number): number {
    const k = `${this.id}.${key}`;
    let v = def;
    if (Object.hasOwn(this.given, k)) {
      v = Number(this.given[k]);
      if (!/^\d+$/.test(this.given[k].trim()) || v < lo || v > hi) this.fail(`--param ${k} must be an integer from ${lo} to ${hi}, got ${JSON.stringify(this.given[k])}`);
    }
    this.assumptions.push({ key: k, value: v, why });
    return v;
  }

  bool(key: string, def: boolean, why: string): boolean {
    const k = `${this.id}.${key}`;
    let v = def;
    if (Object.hasOwn(this.given, k)) {
      if (this.given[k] !== 'true' && this.given[k] !== 'false') this.fail(`--param ${k} must be true or false, got ${JSON.stringify(this.given[k])}`);
      v = this.given[k] === 'true';
    }
    this.assumptions.push({ key: k, value: v, why });
    return v;
  }

  choice<T extends string>(key: string, def: T, values: readonly T[], why: string): T {
    const k = `${this.id}.${key}`;
    let v = def;
    if (Object.hasOwn(this.given, k)) {
      if (!values.includes(this.given[k] as T)) this.fail(`--param ${k} must be one of ${values.join(', ')}, got ${JSON.stringify(this.given[k])}`);
      v = this.given[k] as T;
    }
    this.assumptions.push({ key: k, value: v, why });
    return v;
  }
}

/** The unit's composition. `fail` throws the caller's one-line error. */
export function unitModel(unit: Unit, given: Readonly<Record<string, string>>, fail: (message: string) => never): UnitModel {
  const knobs = new Knobs(unit.id, given, fail);
  switch (unit.kind) {
    case 'group':
      return groupModel(unit, knobs);
    case 'instance':
      return instanceModel(unit, knobs);
    case 'queue':
      return queueModel(unit, knobs);
    case 'database':
      return databaseModel(unit, knobs);
    case 'bucket':
      return bucketModel(unit, knobs);
    case 'table':
      return tableModel(unit, knobs);
    default:
      return dnsModel(unit, knobs);
  }
}

/** The unit-scoped assumption keys of a unit (for `--param` validation), as `unitModel` reads them. */
export function unitKeys(unit: Unit): string[] {
  return unitModel(unit, {}, (m) => {
    throw new Error(m);
  }).assumptions.map((a) => a.key);
}

/** The components of a unit's composition, built. */
export function buildComponents(m: UnitModel): Component<any, any, string>[] {
  return m.components.map((c) => FACTORIES[c.factory](c.options));
}

const FACTORIES: Readonly<Record<string, (o: any) => Component<any, any, string>>> = { az, ec2, asg, elb, ebs, eip, sqs, s3, rds, route53, dynamodb };

function gcd(a: number, b: number): number {
  a = Math.round(Math.abs(a));
  b = Math.round(Math.abs(b));
  while (b) [a, b] = [b, a % b];
  return a;
}

// ---- Auto Scaling groups -----------------------------------------------------------------

/** The most instances a group is modelled with: beyond, the state space of one composition grows past a few seconds' search. */
export const MAX_GROUP_INSTANCES = 3;
/** EC2's boot time (ec2 `bootSeconds`) and the group's wait before it acts on an impaired instance (asg `impairedWaitSeconds`, fixed at its low end). */
const BOOT_SECONDS = 60;
const IMPAIRED_WAIT_SECONDS = 60;

function groupModel(u: GroupUnit, k: Knobs): UnitModel {
  const leftOut: string[] = [];
  const size = Math.max(1, Math.round(u.desired));
  // Distinct zones: an unresolved subnet zone counts as a zone of its own (said in the unknowns).
  const known = new Set(u.zones.filter((z): z is string => z !== undefined));
  const unknownZones = u.zones.filter((z) => z === undefined).length;
  const zonesFromTemplate = Math.max(1, known.size + unknownZones);
  const zones = k.int('zones', zonesFromTemplate, unknownZones > 0 ? `zones the group launches into (${unknownZones} subnet zone(s) not resolved: each counted as its own zone)` : 'zones the group launches into (from the template)', 1, 6);
  const hasLb = u.lb !== undefined;
  const appCrash = k.bool('appCrash', hasLb, hasLb ? 'the application may crash on a running instance (what only a load balancer health check sees)' : 'the application may crash on a running instance (nothing in the template checks the application)');

  // Per-zone placement: Auto Scaling balances the group across its zones.
  const perZone = Array.from({ length: zones }, (_, z) => Math.floor(size / zones) + (z < size % zones ? 1 : 0)).filter((c) => c > 0);
  let groupUnit = 1;
  let units = perZone.slice();
  let abstraction: string | undefined;
  if (size > MAX_GROUP_INSTANCES) {
    const g = perZone.reduce((a, b) => gcd(a, b));
    if (perZone.reduce((a, c) => a + c / g, 0) <= MAX_GROUP_INSTANCES) {
      groupUnit = g;
      units = perZone.map((c) => c / g);
      abstraction = `${size} instances as ${units.reduce((a, b) => a + b, 0)} modelled instances of ${g} each (zones ${perZone.join('/')}): exact for a zone's outage; an instance failure takes ${g} at once (pessimistic)`;
    } else {
      const modelled = Math.min(MAX_GROUP_INSTANCES, perZone.length);
      groupUnit = size / modelled;
      units = Array.from({ length: modelled }, () => 1);
      abstraction = `${size} instances in zones ${perZone.join('/')} as ${units.length} modelled instances, one per zone (approximate: each stands for about ${Math.round(groupUnit * 10) / 10} instances; N is scaled by the same factor)`;
    }
  }
  const modelZones = Math.min(units.length, 3);
  const m = units.reduce((a, b) => a + b, 0);
  const initial: number[] = [];
  units.forEach((c, z) => {
    for (let i = 0; i < c; i++) initial.push(Math.min(z, modelZones - 1));
  });
  // A one-zone group still lives in a Region of several zones: the outage takes its only zone.
  const groupZones = zones === 1 ? 1 : Math.min(Math.max(zones, 2), 3);
  const regionZones = Math.max(groupZones, 2);

  const n = k.int('N', Math.max(1, size - 1), `instances the load needs (N of N+1; default the group size ${size} less one spare${size === 1 ? ', at least 1' : ''})`, 1, 1000);
  const nModel = Math.max(1, Math.ceil(n / groupUnit));
  const tick = hasLb ? gcd(60, u.lb!.intervalSeconds) || 60 : 60;
  const lb = u.lb;
  const unhealthy = lb === undefined ? 2 : clamp(lb.unhealthyThreshold, 2, 10);
  const healthy = lb === undefined ? 2 : clamp(lb.healthyThreshold, 2, 10);
  if (lb !== undefined && (unhealthy !== lb.unhealthyThreshold || healthy !== lb.healthyThreshold)) leftOut.push(`${lb.id}'s thresholds ${lb.healthyThreshold}/${lb.unhealthyThreshold} taken as ${healthy}/${unhealthy} (the model's range 2..10)`);
  if (u.maxLifetimeSeconds > 0) leftOut.push(`MaxInstanceLifetime ${u.maxLifetimeSeconds} s (days): left out, it replaces instances only after days`);
  if (lb !== undefined && lb.deregistrationDelaySeconds > 0) leftOut.push(`${lb.id}'s deregistration delay ${lb.deregistrationDelaySeconds} s: left out (draining delays no recovery)`);
  if (u.max > u.desired) leftOut.push(`scaling between MinSize and MaxSize (${u.min}..${u.max}): the model keeps the group at ${size}`);

  // Recovery bounds, in seconds of model time: detection, then the replacement's boot, plus one tick of slack
  // (a check or the impaired wait may start a tick late).
  const lbDetect = lb === undefined ? 0 : unhealthy * lb.intervalSeconds;
  const detect = u.healthCheckType === 'ELB' ? Math.max(IMPAIRED_WAIT_SECONDS, lbDetect) : IMPAIRED_WAIT_SECONDS;
  const restore = detect + BOOT_SECONDS + tick;
  const from: Record<string, string> = { ...u.from };
  const components: ComponentPlan[] = [
    { factory: 'az', options: { azs: regionZones, maxDown: 1, recoverable: false }, from: { azs: zones === 1 ? 'the group\'s zone and one other' : `${u.from.zones}`, maxDown: 'fault budget: one zone outage', recoverable: 'a failed zone stays down (the design must cope)' } },
    {
      factory: 'ec2',
      options: { slots: m + 1, azs: regionZones, tickSeconds: tick, initial, autoScaling: true, autoRecovery: false, faults: appCrash ? ['HostFailure', 'AppCrash'] : ['HostFailure'] },
      from: { initial: `${u.id}: ${size} instance(s) balanced over ${zones} zone(s)`, slots: 'the group plus one replacement', tickSeconds: lb ? `${lb.id}'s health check interval` : 'EC2 status checks (60 s)', faults: `host failure${appCrash ? `, application crash (assumption ${u.id}.appCrash)` : ''}` },
    },
    {
      factory: 'asg',
      options: {
        azs: groupZones, tickSeconds: tick, min: m, gracePeriodSeconds: u.graceSeconds, impairedWaitSeconds: [IMPAIRED_WAIT_SECONDS, IMPAIRED_WAIT_SECONDS], healthCheckType: u.healthCheckType,
        ...(u.healthCheckType === 'ELB' && lb !== undefined ? { elbHealthy } : {}),
      },
      from: { min: from.desired ?? `${u.id}.DesiredCapacity`, healthCheckType: from.healthCheckType, gracePeriodSeconds: from.graceSeconds, azs: from.zones },
    },
  ];
  if (u.healthCheckType === 'ELB' && lb === undefined) leftOut.push(`HealthCheckType ELB with no load balancer of this template: EC2 status checks only`);
  if (lb !== undefined) {
    const registered = initial.map((_, i) => i);
    components.push({
      factory: 'elb',
      options: {
        type: lb.type, slots: m + 1, azs: regionZones, tickSeconds: tick, intervalSeconds: lb.intervalSeconds, healthyThreshold: healthy, unhealthyThreshold: unhealthy,
        deregistrationDelaySeconds: 0, registered, attachedToAsg: true, faults: [], ...(lb.crossZone !== undefined ? { crossZone: lb.crossZone } : {}),
      },
      from: { type: lb.id, intervalSeconds: from.intervalSeconds ?? lb.id, healthyThreshold: from.healthyThreshold ?? lb.id, unhealthyThreshold: from.unhealthyThreshold ?? lb.id },
    });
  }
  const properties: PropertyPlan[] = [
    { name: 'AtLeastNHealthy', on: true, make: () => atLeastNHealthy(nModel) },
    { name: 'NPlusOneRestored', on: true, make: () => nPlusOneRestored(m - 1, { withinSeconds: restore }) },
    ...(lb !== undefined
      ? [
          { name: 'OnlyHealthyTargetsAfterDetection', on: true, make: () => onlyHealthyTargetsAfterDetection({ withinSeconds: lbDetect + tick }) },
          { name: 'OnlyHealthyTargets', on: false, make: () => onlyHealthyTargets() },
        ]
      : []),
    { name: 'NoHealthyInstanceReplaced', on: false, make: () => noHealthyInstanceReplaced() },
    { name: 'ReachedInstanceFailure', on: true, make: () => reachedInstanceFailure() },
    { name: 'ReachedAzOutage', on: true, make: () => reachedAzOutage() },
    { name: 'ReachedReplacement', on: true, make: () => reachedReplacement() },
    ...(appCrash ? [{ name: 'ReachedAppCrash', on: true, make: () => reachedAppCrash() }] : []),
  ];
  return { components, properties, maxFaults: 1, tickSeconds: tick, assumptions: k.assumptions, ...(abstraction !== undefined ? { abstraction } : {}), leftOut };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(x)));
}

// ---- EC2 instances -------------------------------------------------------------------------

function instanceModel(u: InstanceUnit, k: Knobs): UnitModel {
  const leftOut: string[] = [];
  const def = u.dataVolumes.length > 0 ? 'volume' : u.instanceStore > 0 ? 'instance-store' : 'root';
  const data = k.choice('data', def, ['volume', 'instance-store', 'root', 'none'] as const, "where the application keeps its data (default: the template's data volume, else its instance store, else the root volume)");
  if (data === 'volume' && u.dataVolumes.length === 0) k.assumptions.push({ key: `${u.id}.data`, value: 'volume', why: 'no data volume in the template: a kept (DeleteOnTermination false) volume is assumed' });
  const volume = u.dataVolumes[0];
  const deleteOnTermination = data === 'volume' && volume !== undefined ? volume.deleteOnTermination : false;
  if (u.dataVolumes.length > 1) leftOut.push(`${u.dataVolumes.length - 1} more data volume(s): the first, ${volume.source}, is modelled`);
  const tick = 60;
  const components: ComponentPlan[] = [
    { factory: 'az', options: { azs: 1, maxDown: 0 }, from: { azs: u.zone ?? 'the instance\'s zone', maxDown: 'an instance has one zone: its outage is an instance failure here' } },
    {
      factory: 'ec2',
      options: { slots: 2, azs: 1, tickSeconds: tick, initial: [0], rootDevice: 'ebs', manualFirstSlot: 1, ops: ['LaunchInstance', 'TerminateInstance'], faults: ['HostFailure'] },
      from: { initial: u.id, ops: 'an operator replaces the instance from its AMI (launch, terminate)', faults: 'host failure (simplified automatic recovery acts on it)' },
    },
  ];
  const properties: PropertyPlan[] = [];
  if (data === 'volume' || data === 'root') {
    components.push({
      factory: 'ebs',
      options: data === 'volume'
        ? { slots: 2, azs: 1, tickSeconds: tick, initial: [0], volumes: [{ az: 0, attachedTo: 0, deleteOnTermination }], maxWrites: 1, ops: ['WriteData', 'AttachVolume'], faults: [] }
        : { slots: 2, azs: 1, tickSeconds: tick, initial: [0], dataOnRoot: true, maxWrites: 1, ops: ['WriteData'], faults: [] },
      from: data === 'volume'
        ? { volumes: volume?.source ?? 'assumed', deleteOnTermination: volume === undefined ? 'assumed false' : deleteOnTermination ? `${volume.source}: DeleteOnTermination true` : `${volume.source}: kept on termination` }
        : { dataOnRoot: `assumption ${u.id}.data=root`, rootDeleteOnTermination: 'AWS default true' },
    });
    properties.push({ name: 'DataSurvivesReplacement', on: true, make: () => dataSurvivesReplacementOnVolumes() });
    if (data === 'volume' && !deleteOnTermination) properties.push({ name: 'ReachedVolumeReattached', on: true, make: () => reachedVolumeReattached(0, 0) });
  } else if (data === 'instance-store') {
    properties.push({ name: 'DataSurvivesReplacement', on: true, make: () => dataSurvivesReplacementOnInstanceStore(0) });
  }
  if (u.eips.length > 0) {
    components.push({ factory: 'eip', options: { count: 1, slots: 2, associated: [0] }, from: { associated: `${u.eips[0]} associated with ${u.id}`, ops: 'no failover script in the template: nothing remaps the address' } });
    if (u.eips.length > 1) leftOut.push(`${u.eips.length - 1} more Elastic IP(s): one is modelled`);
    // Recovery of the address: automatic recovery (120 s) and the boot, plus a tick.
    properties.push({ name: 'EipReachesHealthy', on: true, make: () => eipReachesHealthyAgain({ withinSeconds: 120 + BOOT_SECONDS + tick }) });
  }
  properties.push({ name: 'AtLeastNHealthy', on: data === 'none' && u.eips.length === 0, make: () => atLeastNHealthy(1) });
  properties.push({ name: 'ReachedInstanceFailure', on: true, make: () => reachedInstanceFailure() });
  properties.push({ name: 'ReachedReplacement', on: data !== 'none', make: () => reachedReplacement() });
  return { components, properties, maxFaults: 1, tickSeconds: tick, assumptions: k.assumptions, leftOut };
}

// ---- SQS queues ----------------------------------------------------------------------------

function queueModel(u: QueueUnit, k: Knobs): UnitModel {
  const leftOut: string[] = [];
  const messages = k.int('messages', 2, 'messages the producer sends', 1, 4);
  const consumers = k.int('consumers', 1, 'consumers receiving from the queue', 1, 3);
  const crashes = k.int('crashes', 1, 'consumer crashes in a run (each mid-message at worst)', 0, 2);
  const poison = k.int('poison', 1, 'poison messages: their processing always fails (the consumer gives up without deleting)', 0, messages);
  const processing = k.int('processingSeconds', 0, 'how long processing takes (shorter than the visibility timeout: a consumer finishes before it ends)', 0, 43_200);
  const retention = k.bool('retention', false, 'model MessageRetentionPeriod (days): off keeps the state space small; on, messages expire');
  if (!retention) leftOut.push(`MessageRetentionPeriod ${u.retentionSeconds} s${u.dlq ? ` (dead-letter queue: ${u.dlq.retentionSeconds} s)` : ''}: left out (--param ${u.id}.retention=true models it)`);
  const parts = [u.visibilitySeconds, u.delaySeconds, processing].filter((x) => x > 0);
  const tick = Math.max(1, parts.length === 0 ? 10 : parts.reduce(gcd));
  const dlq = u.dlq;
  const options: Record<string, unknown> = {
    tickSeconds: tick, messages, workers: consumers, maxCrashes: crashes, visibilityTimeoutSeconds: u.visibilitySeconds, processingSeconds: processing,
    retentionSeconds: retention ? u.retentionSeconds : Infinity, delaySeconds: u.delaySeconds, poisonMessages: Array.from({ length: poison }, (_, i) => i), fifo: u.fifo,
    ...(dlq !== undefined ? { deadLetterQueue: true, maxReceiveCount: dlq.maxReceiveCount, dlqRetentionSeconds: retention ? dlq.retentionSeconds : Infinity } : {}),
  };
  // Every message settles within: its delay, the first receive (a tick), then one visibility timeout per receive up to the
  // redrive's maxReceiveCount (and the crash's), plus one of slack.
  const receives = (dlq?.maxReceiveCount ?? 10) + crashes + 1;
  const settle = u.delaySeconds + tick + receives * Math.max(u.visibilitySeconds, processing);
  const properties: PropertyPlan[] = [
    { name: 'NoLostMessage', on: true, make: () => noLostMessage() },
    { name: 'NoEndlessRedelivery', on: true, make: () => noEndlessRedelivery({ withinSeconds: settle }) },
    { name: 'NoDuplicateProcessing', on: false, make: () => noDuplicateProcessing() },
    { name: 'ReachedRedelivery', on: crashes > 0 || poison > 0, make: () => reachedRedelivery() },
    { name: 'ReachedWorkerCrashMidMessage', on: crashes > 0, make: () => reachedWorkerCrashMidMessage() },
    ...(dlq !== undefined ? [{ name: 'ReachedDeadLetter', on: poison > 0, make: () => reachedDeadLetter() }] : []),
  ];
  return {
    components: [{
      factory: 'sqs', options,
      from: { visibilityTimeoutSeconds: u.from.visibilitySeconds, delaySeconds: u.from.delaySeconds, fifo: u.from.fifo, retentionSeconds: u.from.retentionSeconds, ...(dlq ? { maxReceiveCount: u.from.maxReceiveCount ?? 'RedrivePolicy', deadLetterQueue: `${dlq.id ?? 'outside the template'} (RedrivePolicy)` } : { deadLetterQueue: 'no RedrivePolicy' }) },
    }],
    properties, tickSeconds: tick, assumptions: k.assumptions, leftOut,
  };
}

// ---- RDS DB instances ----------------------------------------------------------------------

function databaseModel(u: DatabaseUnit, k: Knobs): UnitModel {
  const writes = k.int('writes', 2, 'client writes in a run', 1, 3);
  const replica = u.replicas.length > 0;
  const runbook = k.bool('restore', !u.multiAz, u.multiAz ? 'operators restore to a point in time elsewhere when the database is down (Multi-AZ fails over by itself)' : 'during an outage of its zone, operators restore the Single-AZ database to a point in time in another zone');
  const tick = u.multiAz ? 30 : 60;
  const options = {
    tickSeconds: tick, deployment: u.multiAz ? 'multiAz' : 'singleAz', primaryAz: 0, ...(u.multiAz ? { standbyAz: 1 } : {}), readReplica: replica, ...(replica ? { replicaAz: 1 } : {}),
    writes, maxInstanceFailures: u.multiAz ? 1 : 0, backupRetentionDays: Math.max(0, Math.round(u.backupRetentionDays)), logShipSeconds: 300,
    runbook: [...(runbook ? ['restore'] : []), ...(replica ? ['promoteReadReplica'] : [])],
  };
  return {
    components: [
      { factory: 'az', options: { azs: 2, maxDown: 1 }, from: { maxDown: 'fault budget: one zone outage' } },
      { factory: 'rds', options, from: { deployment: u.from.multiAz, backupRetentionDays: u.from.backupRetentionDays, readReplica: replica ? u.replicas.join(', ') : 'none' } },
    ],
    properties: [
      { name: 'NoAckedWriteLost', on: true, make: () => noAckedWriteLost() },
      { name: 'RecoveryPointBounded', on: true, make: () => recoveryPointBounded() },
      { name: 'ReachedPrimaryFailure', on: true, make: () => reachedPrimaryFailure() },
      { name: 'ReachedAzOutage', on: true, make: () => reachedAzOutage() },
    ],
    tickSeconds: tick, assumptions: k.assumptions, leftOut: [],
  };
}

// ---- S3 buckets ----------------------------------------------------------------------------

function bucketModel(u: BucketUnit, k: Knobs): UnitModel {
  const accidents = k.int('accidents', 2, 'accidental deletes or overwrites by the application', 1, 3);
  return {
    components: [{ factory: 's3', options: { keys: 1, versioning: u.versioning, maxWrites: 2, maxAccidents: accidents }, from: { versioning: u.from.versioning } }],
    properties: [
      { name: 'DeletedObjectRecoverable', on: true, make: () => deletedObjectRecoverable() },
      { name: 'ReachedAccidentalDelete', on: true, make: () => reachedAccidentalDelete() },
      { name: 'ReachedAccidentalOverwrite', on: true, make: () => reachedAccidentalOverwrite() },
    ],
    assumptions: k.assumptions, leftOut: [],
  };
}

// ---- DynamoDB tables -----------------------------------------------------------------------

function tableModel(u: TableUnit, k: Knobs): UnitModel {
  const writes = k.int('writes', 2, 'UpdateItem calls in a run, all Regions together', 1, 3);
  return {
    components: [{ factory: 'dynamodb', options: { regions: u.regions, items: 1, writes, maxRegionOutages: 1 }, from: { regions: u.from.regions } }],
    properties: [
      { name: 'NoLostUpdate', on: true, make: () => noLostUpdate() },
      { name: 'ReadYourWrites', on: false, make: () => readYourWrites() },
      { name: 'ReachedRegionOutage', on: true, make: () => reachedRegionOutage() },
    ],
    assumptions: k.assumptions, leftOut: [],
  };
}

// ---- Route 53 failover -----------------------------------------------------------------------

function dnsModel(u: DnsUnit, k: Knobs): UnitModel {
  const interval = u.requestIntervalSeconds === 10 ? 10 : 30;
  const tick = gcd(interval, u.ttlSeconds) || interval;
  // Detection (failureThreshold probes) then the client's cached answer expiring (TTL).
  const bound = u.failureThreshold * interval + u.ttlSeconds;
  return {
    components: [{
      factory: 'route53',
      options: { tickSeconds: tick, requestIntervalSeconds: interval, failureThreshold: clamp(u.failureThreshold, 1, 10), ttlSeconds: u.ttlSeconds, primaryHealthCheck: u.primaryHealthCheck, secondaryHealthCheck: u.secondaryHealthCheck, maxEndpointFailures: 1 },
      from: { primaryHealthCheck: u.from.primaryHealthCheck, secondaryHealthCheck: u.from.secondaryHealthCheck, ttlSeconds: u.from.ttlSeconds },
    }],
    properties: [
      { name: 'DnsFailsOver', on: true, make: () => dnsFailsOver({ withinSeconds: bound }) },
      { name: 'ReachedEndpointFailure', on: true, make: () => reachedEndpointFailure() },
      { name: 'ReachedDnsFailover', on: u.primaryHealthCheck, make: () => reachedDnsFailover() },
    ],
    tickSeconds: tick, assumptions: k.assumptions, leftOut: [],
  };
}
