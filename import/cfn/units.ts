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
import * as invariants from '../../properties/index.js';
import type { Assumption } from './resolve.js';
import type { BucketUnit, DatabaseUnit, DnsUnit, GroupUnit, InstanceUnit, QueueUnit, TableUnit, Unit } from './map.js';
import { TABLE_PROPERTIES, type TablePropertyName } from './table-properties.js';

/**
 * A component of a unit's composition: its factory's name and options, and where each option
 * came from. `buildComponents` builds the checked model from these, and `faultline import`
 * prints them as TypeScript (import/cfn/typescript.ts), so the two cannot drift.
 */
export interface ComponentPlan {
  readonly factory: FactoryName;
  readonly options: Readonly<Record<string, unknown>>;
  /** Where each option came from (template property, AWS default, assumption): one entry per option, no more. */
  readonly from: Readonly<Record<string, string>>;
}

/**
 * How a property is built: an invariant of the library with its arguments (`invariants.fn(...args)`),
 * or one of the import's DynamoDB properties (import/cfn/table-properties.ts), which the
 * library does not have yet.
 */
export type PropertyCall =
  | { readonly invariant: InvariantName; readonly args: readonly unknown[] }
  | { readonly table: TablePropertyName };

/** A property of a unit, with whether it is checked by default. */
export interface PropertyPlan {
  readonly name: string;
  readonly on: boolean;
  readonly call: PropertyCall;
  /** Where its arguments came from (a bound's arithmetic, an assumption), when it has any. */
  readonly why?: string;
  readonly make: () => Property<any>;
}

/** A unit ready to compose. */
export interface UnitModel {
  readonly components: readonly ComponentPlan[];
  readonly properties: readonly PropertyPlan[];
  readonly maxFaults?: number;
  readonly tickSeconds?: number;
  /** Where `maxFaults` and `tickSeconds` came from. */
  readonly composeFrom: Readonly<{ maxFaults?: string; tickSeconds?: string }>;
  /** Every assumption, its `--param` key prefixed with the unit's logical id. */
  readonly assumptions: readonly Assumption[];
  /** How a group too large to explore exhaustively is abstracted, when it is. */
  readonly abstraction?: string;
  /** What the model leaves out, said plainly (long periods...). */
  readonly leftOut: readonly string[];
}

/** The invariants the import uses, by name (the generated TypeScript calls them as `invariants.<name>`). */
export type InvariantName =
  | 'atLeastNHealthy' | 'nPlusOneRestored' | 'onlyHealthyTargets' | 'onlyHealthyTargetsAfterDetection' | 'noHealthyInstanceReplaced'
  | 'reachedInstanceFailure' | 'reachedAzOutage' | 'reachedReplacement' | 'reachedAppCrash' | 'dataSurvivesReplacementOnVolumes'
  | 'dataSurvivesReplacementOnInstanceStore' | 'reachedVolumeReattached' | 'eipReachesHealthyAgain' | 'noLostMessage' | 'noEndlessRedelivery'
  | 'noDuplicateProcessing' | 'reachedRedelivery' | 'reachedWorkerCrashMidMessage' | 'reachedDeadLetter' | 'noAckedWriteLost'
  | 'recoveryPointBounded' | 'reachedPrimaryFailure' | 'deletedObjectRecoverable' | 'reachedAccidentalDelete' | 'reachedAccidentalOverwrite'
  | 'dnsFailsOver' | 'reachedEndpointFailure' | 'reachedDnsFailover';

/** A property from the library: `invariants[fn](...args)`, built from the same name and arguments the generated text prints. */
function lib(name: string, on: boolean, fn: InvariantName, args: readonly unknown[] = [], why?: string): PropertyPlan {
  const make = invariants[fn] as (...a: readonly unknown[]) => Property<any>;
  return { name, on, call: { invariant: fn, args }, ...(why !== undefined ? { why } : {}), make: () => make(...args) };
}

/** One of the import's DynamoDB properties. */
function table(name: TablePropertyName, on: boolean): PropertyPlan {
  return { name, on, call: { table: name }, make: TABLE_PROPERTIES[name].make };
}

/** Reads one unit-scoped assumption (`Id.key`) from the overrides, typed as its default. */
class Knobs {
  readonly assumptions: Assumption[] = [];
  private readonly values = new Map<string, string | number | boolean>();
  constructor(
    private readonly id: string,
    private readonly overrides: Readonly<Record<string, string>>,
    private readonly fail: (message: string) => never,
  ) {}

  int(key: string, def: number, why: string, lo: number, hi: number): number {
    const k = `${this.id}.${key}`;
    let v = def;
    if (Object.hasOwn(this.overrides, k)) {
      v = Number(this.overrides[k]);
      if (!/^\d+$/.test(this.overrides[k].trim()) || v < lo || v > hi) this.fail(`--param ${k} must be an integer from ${lo} to ${hi}, got ${JSON.stringify(this.overrides[k])}`);
    }
    return this.note(k, v, why);
  }

  bool(key: string, def: boolean, why: string): boolean {
    const k = `${this.id}.${key}`;
    let v = def;
    if (Object.hasOwn(this.overrides, k)) {
      if (this.overrides[k] !== 'true' && this.overrides[k] !== 'false') this.fail(`--param ${k} must be true or false, got ${JSON.stringify(this.overrides[k])}`);
      v = this.overrides[k] === 'true';
    }
    return this.note(k, v, why);
  }

  choice<T extends string>(key: string, def: T, values: readonly T[], why: string): T {
    const k = `${this.id}.${key}`;
    let v = def;
    if (Object.hasOwn(this.overrides, k)) {
      if (!values.includes(this.overrides[k] as T)) this.fail(`--param ${k} must be one of ${values.join(', ')}, got ${JSON.stringify(this.overrides[k])}`);
      v = this.overrides[k] as T;
    }
    return this.note(k, v, why);
  }

  private note<T extends string | number | boolean>(k: string, v: T, why: string): T {
    this.assumptions.push({ key: k, value: v, why });
    this.values.set(k, v);
    return v;
  }

  /** Whether `--param Id.key` set this assumption. */
  given(key: string): boolean {
    return Object.hasOwn(this.overrides, `${this.id}.${key}`);
  }

  /** Provenance of an assumption's value: `assumed Id.key=v` or `--param Id.key=v`. */
  src(key: string): string {
    const k = `${this.id}.${key}`;
    return `${this.given(key) ? '--param' : 'assumed'} ${k}=${this.values.get(k)}`;
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
  const factories: Readonly<Record<FactoryName, (o: any) => Component<any, any, string>>> = FACTORIES;
  return m.components.map((c) => factories[c.factory](c.options));
}

const FACTORIES = { az, ec2, asg, elb, ebs, eip, sqs, s3, rds, route53, dynamodb } as const satisfies Readonly<Record<string, (o: any) => Component<any, any, string>>>;

/** A component factory the import uses (exported from faultline under this name). */
export type FactoryName = keyof typeof FACTORIES;

/** Functions passed as component options, by the name faultline exports them under (the generated text prints the name). */
export const OPTION_FUNCTIONS: ReadonlyMap<unknown, string> = new Map<unknown, string>([[elbHealthy, 'elbHealthy']]);

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
  const zonesFrom = k.given('zones') ? k.src('zones') : `${from.zones}${unknownZones > 0 ? ` (${unknownZones} zone(s) unknown, each counted as its own)` : ''}`;
  const regionFrom = zones === 1 ? `${u.id}'s one zone (${zonesFrom}) and one other of the Region` : `${zones} zone(s): ${zonesFrom}${zones > 3 ? '; at most 3 modelled' : ''}`;
  const tickFrom = lb ? `${lb.id}'s health check interval ${lb.intervalSeconds} s (gcd with 60 s)` : 'EC2 status checks (60 s)';
  const sizeFrom = `${from.desired ?? `${u.id}.DesiredCapacity`}: ${size} instance(s) balanced over ${zones} zone(s)${abstraction !== undefined ? `; abstracted as ${m}` : ''}`;
  const components: ComponentPlan[] = [
    {
      factory: 'az',
      options: { azs: regionZones, maxDown: 1, recoverable: false },
      from: { azs: regionFrom, maxDown: 'fault budget: one zone outage', recoverable: 'a failed zone stays down (the design must cope)' },
    },
    {
      factory: 'ec2',
      options: { slots: m + 1, azs: regionZones, tickSeconds: tick, initial, autoScaling: true, autoRecovery: false, faults: appCrash ? ['HostFailure', 'AppCrash'] : ['HostFailure'] },
      from: {
        slots: 'the group plus one replacement', azs: 'as az', tickSeconds: tickFrom, initial: sizeFrom, autoScaling: `${u.id} launches and terminates them`,
        autoRecovery: 'the group replaces an impaired instance (EC2 automatic recovery not modelled)', faults: `host failure${appCrash ? `, application crash (${k.src('appCrash')})` : ''}`,
      },
    },
    {
      factory: 'asg',
      options: {
        azs: groupZones, tickSeconds: tick, min: m, gracePeriodSeconds: u.graceSeconds, impairedWaitSeconds: [IMPAIRED_WAIT_SECONDS, IMPAIRED_WAIT_SECONDS], healthCheckType: u.healthCheckType,
        ...(u.healthCheckType === 'ELB' && lb !== undefined ? { elbHealthy } : {}),
      },
      from: {
        azs: zonesFrom, tickSeconds: 'as ec2', min: sizeFrom, gracePeriodSeconds: from.graceSeconds, impairedWaitSeconds: 'Auto Scaling acts on an impaired instance after a few minutes: the low end, 60 s',
        healthCheckType: from.healthCheckType, ...(u.healthCheckType === 'ELB' && lb !== undefined ? { elbHealthy: `HealthCheckType ELB: the group reads ${lb.id}'s health checks` } : {}),
      },
    },
  ];
  if (u.healthCheckType === 'ELB' && lb === undefined) leftOut.push(`HealthCheckType ELB with no load balancer of this template: EC2 status checks only`);
  if (lb !== undefined) {
    const registered = initial.map((_, i) => i);
    const via = lb.type === 'CLB' ? `${u.id}.LoadBalancerNames` : `${u.id}.TargetGroupARNs`;
    const threshold = (field: 'healthyThreshold' | 'unhealthyThreshold', used: number) => `${from[field] ?? lb.id}${used !== lb[field] ? ` (${lb[field]}, taken as ${used}: the model's range 2..10)` : ''}`;
    components.push({
      factory: 'elb',
      options: {
        type: lb.type, slots: m + 1, azs: regionZones, tickSeconds: tick, intervalSeconds: lb.intervalSeconds, healthyThreshold: healthy, unhealthyThreshold: unhealthy,
        deregistrationDelaySeconds: 0, registered, attachedToAsg: true, faults: [], ...(lb.crossZone !== undefined ? { crossZone: lb.crossZone } : {}),
      },
      from: {
        type: lb.type === 'CLB' ? `${lb.id}: a classic load balancer` : `${lb.id}: a target group (${lb.type === 'NLB' ? 'TCP/UDP/TLS: a Network' : 'HTTP(S): an Application'} Load Balancer)`,
        slots: 'as ec2', azs: 'as az', tickSeconds: 'as ec2', intervalSeconds: from.intervalSeconds ?? lb.id, healthyThreshold: threshold('healthyThreshold', healthy),
        unhealthyThreshold: threshold('unhealthyThreshold', unhealthy),
        deregistrationDelaySeconds: lb.deregistrationDelaySeconds > 0 ? `${from.deregistrationDelaySeconds ?? lb.id}: ${lb.deregistrationDelaySeconds} s left out (draining delays no recovery)` : `${lb.id}: no connection draining`,
        registered: `${via}: every instance of the group`, attachedToAsg: via, faults: 'no load balancer fault: the group is the subject',
        ...(lb.crossZone !== undefined ? { crossZone: from.crossZone ?? `${lb.id}.CrossZone` } : {}),
      },
    });
  }
  const nWhy = `N = ${n}${nModel !== n ? ` (${nModel} modelled instance(s))` : ''}: ${k.src('N')}`;
  const restoreWhy = `${restore} s: detection ${detect} s (${u.healthCheckType === 'ELB' && lb !== undefined ? `max(impaired wait ${IMPAIRED_WAIT_SECONDS} s, ${unhealthy} x ${lb.intervalSeconds} s)` : `the impaired wait ${IMPAIRED_WAIT_SECONDS} s`}) + boot ${BOOT_SECONDS} s + one tick ${tick} s`;
  const properties: PropertyPlan[] = [
    lib('AtLeastNHealthy', true, 'atLeastNHealthy', [nModel], nWhy),
    lib('NPlusOneRestored', true, 'nPlusOneRestored', [m - 1, { withinSeconds: restore }], restoreWhy),
    ...(lb !== undefined
      ? [
          lib('OnlyHealthyTargetsAfterDetection', true, 'onlyHealthyTargetsAfterDetection', [{ withinSeconds: lbDetect + tick }], `${lbDetect + tick} s: ${unhealthy} x ${lb.intervalSeconds} s of failed checks + one tick ${tick} s`),
          lib('OnlyHealthyTargets', false, 'onlyHealthyTargets'),
        ]
      : []),
    lib('NoHealthyInstanceReplaced', false, 'noHealthyInstanceReplaced'),
    lib('ReachedInstanceFailure', true, 'reachedInstanceFailure'),
    lib('ReachedAzOutage', true, 'reachedAzOutage'),
    lib('ReachedReplacement', true, 'reachedReplacement'),
    ...(appCrash ? [lib('ReachedAppCrash', true, 'reachedAppCrash')] : []),
  ];
  return {
    components, properties, maxFaults: 1, tickSeconds: tick, composeFrom: { maxFaults: ONE_FAULT, tickSeconds: tickFrom }, assumptions: k.assumptions,
    ...(abstraction !== undefined ? { abstraction } : {}), leftOut,
  };
}

/** The fault budget of every unit: one failure per run, the budget of the library's own scenarios. */
const ONE_FAULT = 'fault budget: one failure per run ("survives one failure")';

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
  const dataFrom = k.given('data') ? k.src('data') : `${k.src('data')} (${data === 'volume' ? "the template's data volume" : data === 'instance-store' ? "no data volume; the template's instance store" : 'no data volume nor instance store in the template'})`;
  const components: ComponentPlan[] = [
    { factory: 'az', options: { azs: 1, maxDown: 0 }, from: { azs: `${u.id}'s zone (${u.zone ?? u.from.zone})`, maxDown: 'one instance lives in one zone: its outage is an instance failure here' } },
    {
      factory: 'ec2',
      options: { slots: 2, azs: 1, tickSeconds: tick, initial: [0], rootDevice: 'ebs', manualFirstSlot: 1, ops: ['LaunchInstance', 'TerminateInstance'], faults: ['HostFailure'] },
      from: {
        slots: 'the instance and its replacement', azs: 'as az', tickSeconds: 'EC2 status checks (60 s)', initial: `${u.id}`, rootDevice: 'an EBS-backed AMI (the template names an AMI, not its root device)',
        manualFirstSlot: 'the replacement launches into slot 1', ops: 'an operator replaces the instance from its AMI (launch, terminate)', faults: 'host failure (simplified automatic recovery acts on it)',
      },
    },
  ];
  const properties: PropertyPlan[] = [];
  if (data === 'volume' || data === 'root') {
    components.push(data === 'volume'
      ? {
          factory: 'ebs',
          options: { slots: 2, azs: 1, tickSeconds: tick, initial: [0], volumes: [{ az: 0, attachedTo: 0, deleteOnTermination }], maxWrites: 1, ops: ['WriteData', 'AttachVolume'], faults: [] },
          from: {
            slots: 'as ec2', azs: 'as az', tickSeconds: 'as ec2', initial: 'as ec2',
            volumes: volume === undefined ? `${k.src('data')}: none in the template, a kept one (DeleteOnTermination false) assumed` : `${volume.source}: DeleteOnTermination ${deleteOnTermination} (${volume.deleteFrom}); ${k.src('data')}`,
            maxWrites: 'the application writes its data once', ops: 'the application writes; an operator attaches the kept volume to the replacement', faults: 'no volume fault: the instance is the subject',
          },
        }
      : {
          factory: 'ebs',
          options: { slots: 2, azs: 1, tickSeconds: tick, initial: [0], dataOnRoot: true, maxWrites: 1, ops: ['WriteData'], faults: [] },
          from: {
            slots: 'as ec2', azs: 'as az', tickSeconds: 'as ec2', initial: 'as ec2', dataOnRoot: `${dataFrom}; the root volume is deleted on termination (AWS default DeleteOnTermination true)`,
            maxWrites: 'the application writes its data once', ops: 'the application writes', faults: 'no volume fault: the instance is the subject',
          },
        });
    properties.push(lib('DataSurvivesReplacement', true, 'dataSurvivesReplacementOnVolumes'));
    if (data === 'volume' && !deleteOnTermination) properties.push(lib('ReachedVolumeReattached', true, 'reachedVolumeReattached', [0, 0]));
  } else if (data === 'instance-store') {
    properties.push(lib('DataSurvivesReplacement', true, 'dataSurvivesReplacementOnInstanceStore', [0], `instance 0's store: ${dataFrom}`));
  }
  if (u.eips.length > 0) {
    components.push({
      factory: 'eip',
      options: { count: 1, slots: 2, associated: [0] },
      from: { count: `${u.eips[0]}`, slots: 'as ec2', associated: `${u.eips[0]} associated with ${u.id}; no failover script in the template: nothing remaps the address` },
    });
    if (u.eips.length > 1) leftOut.push(`${u.eips.length - 1} more Elastic IP(s): one is modelled`);
    // Recovery of the address: automatic recovery (120 s) and the boot, plus a tick.
    properties.push(lib('EipReachesHealthy', true, 'eipReachesHealthyAgain', [{ withinSeconds: 120 + BOOT_SECONDS + tick }], `${120 + BOOT_SECONDS + tick} s: automatic recovery 120 s + boot ${BOOT_SECONDS} s + one tick ${tick} s`));
  }
  properties.push(lib('AtLeastNHealthy', data === 'none' && u.eips.length === 0, 'atLeastNHealthy', [1], 'the one instance'));
  properties.push(lib('ReachedInstanceFailure', true, 'reachedInstanceFailure'));
  properties.push(lib('ReachedReplacement', data !== 'none', 'reachedReplacement'));
  return { components, properties, maxFaults: 1, tickSeconds: tick, composeFrom: { maxFaults: ONE_FAULT, tickSeconds: 'EC2 status checks (60 s)' }, assumptions: k.assumptions, leftOut };
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
  const settleWhy = `${settle} s: delay ${u.delaySeconds} s + first receive ${tick} s + ${receives} receives (maxReceiveCount ${dlq?.maxReceiveCount ?? 10}${dlq ? '' : ', none: 10 counted'} + ${crashes} crash(es) + 1) x ${Math.max(u.visibilitySeconds, processing)} s`;
  const properties: PropertyPlan[] = [
    lib('NoLostMessage', true, 'noLostMessage'),
    lib('NoEndlessRedelivery', true, 'noEndlessRedelivery', [{ withinSeconds: settle }], settleWhy),
    lib('NoDuplicateProcessing', false, 'noDuplicateProcessing'),
    lib('ReachedRedelivery', crashes > 0 || poison > 0, 'reachedRedelivery'),
    lib('ReachedWorkerCrashMidMessage', crashes > 0, 'reachedWorkerCrashMidMessage'),
    ...(dlq !== undefined ? [lib('ReachedDeadLetter', poison > 0, 'reachedDeadLetter')] : []),
  ];
  const retentionFrom = (field: string, seconds: number) => (retention ? `${u.from[field]}` : `${seconds} s (${u.from[field]}): left out, ${k.src('retention')}`);
  return {
    components: [{
      factory: 'sqs', options,
      from: {
        tickSeconds: `gcd of the visibility timeout, delay and processing time`, messages: k.src('messages'), workers: k.src('consumers'), maxCrashes: k.src('crashes'),
        visibilityTimeoutSeconds: `${u.from.visibilitySeconds}`, processingSeconds: k.src('processingSeconds'), retentionSeconds: retentionFrom('retentionSeconds', u.retentionSeconds),
        delaySeconds: `${u.from.delaySeconds}`, poisonMessages: k.src('poison'), fifo: `${u.from.fifo}`,
        ...(dlq !== undefined
          ? {
              deadLetterQueue: `${u.id}.RedrivePolicy: ${dlq.id ?? 'a queue outside the template'}`, maxReceiveCount: `${u.from.maxReceiveCount ?? `${u.id}.RedrivePolicy`}`,
              dlqRetentionSeconds: dlq.id === undefined ? 'outside the template: 4 days assumed' : retentionFrom('dlqRetentionSeconds', dlq.retentionSeconds),
            }
          : {}),
      },
    }],
    properties, tickSeconds: tick, composeFrom: { tickSeconds: 'as sqs' }, assumptions: k.assumptions, leftOut,
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
  const tickFrom = u.multiAz ? 'Multi-AZ failover takes 60-120 s: 30 s steps' : 'a restore takes minutes: 60 s steps';
  return {
    components: [
      { factory: 'az', options: { azs: 2, maxDown: 1 }, from: { azs: "the primary's zone and one other", maxDown: 'fault budget: one zone outage' } },
      {
        factory: 'rds', options,
        from: {
          tickSeconds: tickFrom, deployment: `MultiAZ ${u.multiAz} (${u.from.multiAz})`, primaryAz: 'the primary in zone 0', ...(u.multiAz ? { standbyAz: 'Multi-AZ: the standby in another zone' } : {}),
          readReplica: replica ? `${u.replicas.join(', ')} (SourceDBInstanceIdentifier ${u.id})` : 'no read replica in the template', ...(replica ? { replicaAz: 'the replica in another zone (assumed)' } : {}),
          writes: k.src('writes'), maxInstanceFailures: u.multiAz ? 'fault budget: one instance failure (Multi-AZ fails over)' : 'Single-AZ: the zone outage is the fault',
          backupRetentionDays: `${u.from.backupRetentionDays}`, logShipSeconds: 'RDS uploads transaction logs every 5 minutes', runbook: `${runbook ? `${k.src('restore')}` : `no restore (${k.src('restore')})`}${replica ? '; promote the read replica' : ''}`,
        },
      },
    ],
    properties: [
      lib('NoAckedWriteLost', true, 'noAckedWriteLost'),
      lib('RecoveryPointBounded', true, 'recoveryPointBounded'),
      lib('ReachedPrimaryFailure', true, 'reachedPrimaryFailure'),
      lib('ReachedAzOutage', true, 'reachedAzOutage'),
    ],
    tickSeconds: tick, composeFrom: { tickSeconds: tickFrom }, assumptions: k.assumptions, leftOut: [],
  };
}

// ---- S3 buckets ----------------------------------------------------------------------------

function bucketModel(u: BucketUnit, k: Knobs): UnitModel {
  const accidents = k.int('accidents', 2, 'accidental deletes or overwrites by the application', 1, 3);
  return {
    components: [{
      factory: 's3',
      options: { keys: 1, versioning: u.versioning, maxWrites: 2, maxAccidents: accidents },
      from: { keys: 'one object key', versioning: `${u.from.versioning}`, maxWrites: 'the application writes the object twice', maxAccidents: k.src('accidents') },
    }],
    properties: [
      lib('DeletedObjectRecoverable', true, 'deletedObjectRecoverable'),
      lib('ReachedAccidentalDelete', true, 'reachedAccidentalDelete'),
      lib('ReachedAccidentalOverwrite', true, 'reachedAccidentalOverwrite'),
    ],
    composeFrom: {}, assumptions: k.assumptions, leftOut: [],
  };
}

// ---- DynamoDB tables -----------------------------------------------------------------------

function tableModel(u: TableUnit, k: Knobs): UnitModel {
  const writes = k.int('writes', 2, 'UpdateItem calls in a run, all Regions together', 1, 3);
  return {
    components: [{
      factory: 'dynamodb',
      options: { regions: u.regions, items: 1, writes, maxRegionOutages: 1 },
      from: { regions: `${u.from.regions}`, items: 'one item', writes: k.src('writes'), maxRegionOutages: 'fault budget: one Region outage' },
    }],
    properties: [table('NoLostUpdate', true), table('ReadYourWrites', false), table('ReachedRegionOutage', true)],
    composeFrom: {}, assumptions: k.assumptions, leftOut: [],
  };
}

// ---- Route 53 failover -----------------------------------------------------------------------

function dnsModel(u: DnsUnit, k: Knobs): UnitModel {
  const interval = u.requestIntervalSeconds === 10 ? 10 : 30;
  const tick = gcd(interval, u.ttlSeconds) || interval;
  // Detection (failureThreshold probes) then the client's cached answer expiring (TTL).
  const bound = u.failureThreshold * interval + u.ttlSeconds;
  const tickFrom = `gcd of the health check interval ${interval} s and the TTL ${u.ttlSeconds} s`;
  return {
    components: [{
      factory: 'route53',
      options: { tickSeconds: tick, requestIntervalSeconds: interval, failureThreshold: clamp(u.failureThreshold, 1, 10), ttlSeconds: u.ttlSeconds, primaryHealthCheck: u.primaryHealthCheck, secondaryHealthCheck: u.secondaryHealthCheck, maxEndpointFailures: 1 },
      from: {
        tickSeconds: tickFrom, requestIntervalSeconds: `${u.from.requestIntervalSeconds ?? 'no health check: AWS default 30'}${interval !== u.requestIntervalSeconds ? ` (${u.requestIntervalSeconds}, taken as ${interval}: Route 53 checks every 10 or 30 s)` : ''}`,
        failureThreshold: `${u.from.failureThreshold ?? 'no health check: AWS default 3'}`, ttlSeconds: `${u.from.ttlSeconds}`,
        primaryHealthCheck: `the PRIMARY record: ${u.from.primaryHealthCheck}`, secondaryHealthCheck: `the SECONDARY record: ${u.from.secondaryHealthCheck}`, maxEndpointFailures: 'fault budget: one endpoint failure',
      },
    }],
    properties: [
      lib('DnsFailsOver', true, 'dnsFailsOver', [{ withinSeconds: bound }], `${bound} s: ${u.failureThreshold} failed checks x ${interval} s + TTL ${u.ttlSeconds} s`),
      lib('ReachedEndpointFailure', true, 'reachedEndpointFailure'),
      lib('ReachedDnsFailover', u.primaryHealthCheck, 'reachedDnsFailover'),
    ],
    tickSeconds: tick, composeFrom: { tickSeconds: tickFrom }, assumptions: k.assumptions, leftOut: [],
  };
}
