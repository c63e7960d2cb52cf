/**
 * The rdsReplica component's options, their validation, and the resolved configuration its
 * reducer and enabling code read (the lag bound in ticks, the action objects built once).
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import { crossRegionReplicaApply, promoteCrossRegionReplica, type CrossRegionReplicaApply, type PromoteCrossRegionReplica } from './actions.js';
import { rdsReplicaState, type RdsReplicaState } from './state.js';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise: rds's default (DR scenarios choose minutes). */
export const RDS_REPLICA_DEFAULT_TICK_SECONDS = 30;

/** Parameters of the rdsReplica component. */
export interface RdsReplicaOptions {
  /** Seconds per `Tick`; default 30 (as rds). */
  readonly tickSeconds?: number;
  /** The rds instance it replicates (an instance name); default `rds`. */
  readonly source?: string;
  /** The Region instance the source is in (its outage stops replication and frees the runbook); default none (the source's Region is not modelled). */
  readonly sourceRegion?: string;
  /** Client writes of the source (must match its `writes`); default 2. */
  readonly writes?: number;
  /**
   * The replica lag bound: an acknowledged write reaches the replica at most this long after
   * (AWS publishes no bound for asynchronous cross-Region replication: watch the `ReplicaLag`
   * metric and give what it shows); default 300.
   */
  readonly lagSeconds?: number;
  /** The runbook's steps while the source does not accept writes: `promote` (PromoteReadReplica); default none. */
  readonly runbook?: readonly RdsReplicaRunbookStep[];
}
/** `promote`: PromoteCrossRegionReplica. */
export type RdsReplicaRunbookStep = 'promote';
const RUNBOOK_STEPS: readonly RdsReplicaRunbookStep[] = ['promote'];

/** The options resolved: defaults applied, validated. */
export interface RdsReplicaConfig {
  readonly tickSeconds: number;
  readonly source: string;
  readonly sourceRegion: string | undefined;
  readonly N: number;
  readonly lagTicks: number;
  readonly canPromote: boolean;
  readonly A: { readonly apply: CrossRegionReplicaApply; readonly promote: PromoteCrossRegionReplica };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Applies the defaults and validates `options` (throws `rdsReplica: ...` on the first problem). */
export function resolveRdsReplicaOptions(options: RdsReplicaOptions): RdsReplicaConfig {
  checkOptions('rdsReplica', options, RDS_REPLICA_OPTION_NAMES);
  const tickSeconds = options.tickSeconds ?? RDS_REPLICA_DEFAULT_TICK_SECONDS;
  const source = options.source ?? 'rds';
  const sourceRegion = options.sourceRegion;
  const N = options.writes ?? 2;
  const lagSeconds = options.lagSeconds ?? 300;
  const runbook = options.runbook ?? [];
  if (typeof source !== 'string' || !IDENTIFIER.test(source)) throw new Error(`rdsReplica: source must be an rds instance name, got ${JSON.stringify(source)}`);
  if (sourceRegion !== undefined && (typeof sourceRegion !== 'string' || !IDENTIFIER.test(sourceRegion))) throw new Error(`rdsReplica: sourceRegion must be a region instance name, got ${JSON.stringify(sourceRegion)}`);
  intIn('rdsReplica', 'writes', N, 1, 16);
  intIn('rdsReplica', 'lagSeconds', lagSeconds, 1, 86_400);
  namesIn('rdsReplica', 'runbook', 'runbook step', runbook, RUNBOOK_STEPS);
  return {
    tickSeconds,
    source,
    sourceRegion,
    N,
    lagTicks: Math.max(1, ticksFor(lagSeconds, tickSeconds)),
    canPromote: runbook.includes('promote'),
    A: { apply: crossRegionReplicaApply(), promote: promoteCrossRegionReplica() },
  };
}

/** The slice at the start: replicating, nothing to apply yet. */
export function initialRdsReplica(c: RdsReplicaConfig): RdsReplicaState {
  return rdsReplicaState(false, 0, new Array<number>(c.N).fill(0), 0, 0, c.tickSeconds);
}

/** Every option for the catalog, with its default (`tsc` checks the list against `RdsReplicaOptions`). */
export const RDS_REPLICA_PARAMETERS = parameterList<RdsReplicaOptions>({
  tickSeconds: { default: 30, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
  source: { default: 'rds', unit: 'name', range: [], description: 'the rds instance replicated (in another Region)' },
  sourceRegion: { default: 'none', unit: 'name', range: [], description: "the source's Region instance: its outage stops replication" },
  writes: { default: 2, unit: 'count', range: [1, 16], description: "the source's client writes (must match its writes)" },
  lagSeconds: { default: 300, unit: 's', range: [1, 86_400], description: 'replica lag bound (asynchronous; AWS publishes none: ReplicaLag)' },
  runbook: { default: [], unit: 'list', range: RUNBOOK_STEPS, description: 'promote: PromoteReadReplica while the source takes no writes' },
});
const RDS_REPLICA_OPTION_NAMES = optionNames(RDS_REPLICA_PARAMETERS);
