/**
 * The rds component's options, their validation, and the resolved configuration its reducer
 * and enabling code read: every default applied, the derived tick counts, and the action
 * objects built once (the enabling code pushes these, never new ones).
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import {
  dbFailoverComplete, dbInstanceFailure, dbInstanceRecover, dbReplicaApply, dbStandbyReplace, dbWrite, promoteReadReplica,
  restoreFromSnapshot, restoreToPointInTime,
  type DbFailoverComplete, type DbInstanceFailure, type DbInstanceRecover, type DbReplicaApply, type DbStandbyReplace, type DbWrite,
  type PromoteReadReplica, type RestoreFromSnapshot, type RestoreToPointInTime,
} from './actions.js';
import { rdsNode, rdsState, type RdsState, type WriteState } from './state.js';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise. */
export const RDS_DEFAULT_TICK_SECONDS = 30;

/** Parameters of the rds component (times in seconds, AWS's figures where AWS gives one). */
export interface RdsOptions {
  /** Seconds per `Tick`; default 30. */
  readonly tickSeconds?: number;
  /** `singleAz` (the API default) or `multiAz` (a Multi-AZ DB instance: synchronous standby). */
  readonly deployment?: 'singleAz' | 'multiAz';
  /** Zones (must match the az component); default 2. */
  readonly azs?: number;
  /** The primary's zone; default 0. */
  readonly primaryAz?: number;
  /** Multi-AZ: the standby's zone (another zone); default 1. */
  readonly standbyAz?: number;
  /** An asynchronous read replica; default false. */
  readonly readReplica?: boolean;
  /** The read replica's zone; default 1. */
  readonly replicaAz?: number;
  /** Client writes (indices 0..writes-1); default 2. */
  readonly writes?: number;
  /** `DbInstanceFailure` budget; default 1. */
  readonly maxInstanceFailures?: number;
  /** A Multi-AZ failover typically takes 60-120 s [R2]: it ends anywhere in the range (defaults 60 and 120). */
  readonly failoverMinSeconds?: number;
  /** The failover's deadline; default 120. */
  readonly failoverMaxSeconds?: number;
  /** Single-AZ: a failed instance is back on its storage after this long (not published); default 600. */
  readonly recoverySeconds?: number;
  /** Automated backup retention, days; default 1 (the API's); 0 disables backups and PITR. */
  readonly backupRetentionDays?: number;
  /** Transaction logs reach S3 every 5 minutes [R9]: the restore granularity. */
  readonly logShipSeconds?: number;
  /** Reduce `AzOutage` (requires the az component); default true. */
  readonly azFaults?: boolean;
  /** The operators' manual recoveries while the database is down; default none (wait for AWS). */
  readonly runbook?: readonly RdsRunbookStep[];
}
/** `promoteReadReplica`: PromoteReadReplica; `restore`: RestoreToPointInTime (or RestoreFromSnapshot without backups). */
export type RdsRunbookStep = 'promoteReadReplica' | 'restore';
/** Every runbook step. */
export const RDS_RUNBOOK_STEPS: readonly RdsRunbookStep[] = ['promoteReadReplica', 'restore'];

/** The action objects the enabling code pushes (`write[i]` per write index, one of each other). */
export interface RdsActionTables {
  readonly write: readonly DbWrite[];
  readonly failure: DbInstanceFailure;
  readonly failoverComplete: DbFailoverComplete;
  readonly recover: DbInstanceRecover;
  readonly standbyReplace: DbStandbyReplace;
  readonly replicaApply: DbReplicaApply;
  readonly promote: PromoteReadReplica;
  readonly pitr: RestoreToPointInTime;
  readonly snapshot: RestoreFromSnapshot;
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface RdsConfig {
  readonly multiAz: boolean;
  readonly azs: number;
  readonly primaryAz: number;
  readonly standbyAz: number;
  readonly withReplica: boolean;
  readonly replicaAz: number;
  /** Client writes. */
  readonly N: number;
  readonly maxFailures: number;
  readonly azFaults: boolean;
  /** The runbook's steps. */
  readonly canPromote: boolean;
  readonly canRestore: boolean;
  /** The failover's deadline and earliest end, in ticks. */
  readonly failMax: number;
  readonly failMin: number;
  readonly recoveryTicks: number;
  /** Automated backups (retention > 0): PITR, and logs shipped every `shipTicks` (0 without). */
  readonly backups: boolean;
  readonly shipTicks: number;
  readonly A: RdsActionTables;
}

/** Applies the defaults and validates `options` (throws `rds: ...` on the first problem). */
export function resolveRdsOptions(options: RdsOptions): RdsConfig {
  checkOptions('rds', options, RDS_OPTION_NAMES);
  const tickSeconds = options.tickSeconds ?? RDS_DEFAULT_TICK_SECONDS;
  const multiAz = (options.deployment ?? 'singleAz') === 'multiAz';
  const azs = options.azs ?? 2;
  const primaryAz = options.primaryAz ?? 0;
  const standbyAz = options.standbyAz ?? 1;
  const withReplica = options.readReplica ?? false;
  const replicaAz = options.replicaAz ?? 1;
  const N = options.writes ?? 2;
  const maxFailures = options.maxInstanceFailures ?? 1;
  const retentionDays = options.backupRetentionDays ?? 1;
  const azFaults = options.azFaults ?? true;
  const runbook = options.runbook ?? [];
  namesIn('rds', 'runbook', 'runbook step', runbook, RDS_RUNBOOK_STEPS);
  const canPromote = runbook.includes('promoteReadReplica');
  const canRestore = runbook.includes('restore');
  const check = (what: string, v: number, lo: number, hi: number) => intIn('rds', what, v, lo, hi);
  check('azs', azs, 1, 16);
  check('primaryAz', primaryAz, 0, azs - 1);
  check('standbyAz', standbyAz, 0, azs - 1);
  check('replicaAz', replicaAz, 0, azs - 1);
  check('writes', N, 1, 16);
  check('maxInstanceFailures', maxFailures, 0, 16);
  check('backupRetentionDays', retentionDays, 0, 35);
  if (multiAz && standbyAz === primaryAz) throw new Error('rds: a Multi-AZ standby must be in another zone than the primary');
  if (canPromote && !withReplica) throw new Error("rds: the runbook promotes a read replica, but there is none (readReplica: true)");
  if (withReplica && retentionDays === 0) throw new Error('rds: a read replica needs automated backups on its source (backupRetentionDays > 0)');
  const failMax = ticksFor(options.failoverMaxSeconds ?? 120, tickSeconds);
  const failMin = Math.min(ticksFor(options.failoverMinSeconds ?? 60, tickSeconds), failMax);
  const recoveryTicks = ticksFor(options.recoverySeconds ?? 600, tickSeconds);
  const backups = retentionDays > 0;
  const shipTicks = backups ? Math.max(1, ticksFor(options.logShipSeconds ?? 300, tickSeconds)) : 0;
  return {
    multiAz,
    azs,
    primaryAz,
    standbyAz,
    withReplica,
    replicaAz,
    N,
    maxFailures,
    azFaults,
    canPromote,
    canRestore,
    failMax,
    failMin,
    recoveryTicks,
    backups,
    shipTicks,
    A: {
      write: Array.from({ length: N }, (_, i) => dbWrite(i)),
      failure: dbInstanceFailure(),
      failoverComplete: dbFailoverComplete(),
      recover: dbInstanceRecover(),
      standbyReplace: dbStandbyReplace(),
      replicaApply: dbReplicaApply(),
      promote: promoteReadReplica(),
      pitr: restoreToPointInTime(),
      snapshot: restoreFromSnapshot(),
    },
  };
}

/** The slice at the start: the primary (and standby, replica as configured) up, no write yet, a full log-ship interval ahead. */
export function initialRds(c: RdsConfig): RdsState {
  return rdsState({
    primary: rdsNode('up', c.primaryAz, 0),
    standby: c.multiAz ? rdsNode('up', c.standbyAz, 0) : rdsNode('none', 0, 0),
    replica: c.withReplica ? rdsNode('up', c.replicaAz, 0) : rdsNode('none', 0, 0),
    restored: rdsNode('none', 0, 0),
    endpoint: 'primary',
    phase: 'available',
    timer: 0,
    shipTimer: c.shipTicks,
    shipped: 0,
    writes: new Array<WriteState>(c.N).fill('unsent'),
    loss: 'none',
    failures: 0,
  });
}

/** Every option for the catalog, with its default (`tsc` checks the list against `RdsOptions`). */
export const RDS_PARAMETERS = parameterList<RdsOptions>({
  tickSeconds: { default: 30, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
  deployment: { default: 'singleAz', unit: 'enum', range: ['singleAz', 'multiAz'], description: 'singleAz (API default) or multiAz (synchronous standby)' },
  azs: { default: 2, unit: 'count', range: [1, 16], description: 'zones (must match the az component)' },
  primaryAz: { default: 0, unit: 'zone', range: [0, 15], description: "the primary's zone" },
  standbyAz: { default: 1, unit: 'zone', range: [0, 15], description: 'Multi-AZ standby zone (another zone)' },
  readReplica: { default: false, unit: 'bool', range: ['true', 'false'], description: 'asynchronous read replica' },
  replicaAz: { default: 1, unit: 'zone', range: [0, 15], description: "the read replica's zone" },
  writes: { default: 2, unit: 'count', range: [1, 16], description: 'client writes' },
  maxInstanceFailures: { default: 1, unit: 'count', range: [0, 16], description: 'DbInstanceFailure budget' },
  failoverMinSeconds: { default: 60, unit: 's', range: [0, 3_600], description: 'Multi-AZ failover, typically 60-120 s: earliest end' },
  failoverMaxSeconds: { default: 120, unit: 's', range: [0, 3_600], description: "the failover's deadline" },
  recoverySeconds: { default: 600, unit: 's', range: [0, 86_400], description: 'failed Single-AZ instance back on its storage (not published)' },
  backupRetentionDays: { default: 1, unit: 'days', range: [0, 35], description: '0 disables automated backups and PITR' },
  logShipSeconds: { default: 300, unit: 's', range: [1, 3_600], description: 'transaction log upload interval (restore granularity)' },
  azFaults: { default: true, unit: 'bool', range: ['true', 'false'], description: 'reduce AzOutage (needs the az component)' },
  runbook: { default: [], unit: 'list', range: RDS_RUNBOOK_STEPS, description: "operators' manual recoveries while down" },
});
const RDS_OPTION_NAMES = optionNames(RDS_PARAMETERS);
