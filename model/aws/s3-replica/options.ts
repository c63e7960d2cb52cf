/**
 * The s3Replica component's options, their validation, and the resolved configuration its
 * reducer and enabling code read (the bound in ticks, the per-key action objects built once).
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import { s3ReplicateObject, type S3ReplicateObject } from './actions.js';
import { s3ReplicaState, type S3ReplicaState } from './state.js';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise (DR scenarios: minutes). */
export const S3_REPLICA_DEFAULT_TICK_SECONDS = 60;
/** S3 Replication Time Control: 99.99 % of new objects within 15 minutes, the only value its `Time.Minutes` takes [S3R2]. */
export const RTC_SECONDS = 15 * 60;

/** Parameters of the s3Replica component. */
export interface S3ReplicaOptions {
  /** Seconds per `Tick`; default 60. */
  readonly tickSeconds?: number;
  /** The s3 instance (bucket) replicated; default `s3`. */
  readonly source?: string;
  /** The Region instance the source bucket is in (its outage stops replication); default none. */
  readonly sourceRegion?: string;
  /** Keys of the source (must match its `keys`); default 1. */
  readonly keys?: number;
  /** Good writes per key of the source (must match its `maxWrites`); default 2. */
  readonly maxWrites?: number;
  /**
   * S3 Replication Time Control: every write is replicated within 15 minutes (AWS's SLA: 99.99 %
   * of objects; the rest is not modelled). Without it the lag has no bound; default false.
   */
  readonly replicationTimeControl?: boolean;
}

/** The options resolved: defaults applied, validated. */
export interface S3ReplicaConfig {
  readonly tickSeconds: number;
  readonly source: string;
  readonly sourceRegion: string | undefined;
  readonly keys: number;
  readonly maxWrites: number;
  readonly rtc: boolean;
  /** RTC's 15 minutes in ticks. */
  readonly boundTicks: number;
  /** The ages' cap: the bound with RTC, one more ("older than 15 minutes, no bound") without. */
  readonly maxAge: number;
  readonly A: { readonly replicate: readonly S3ReplicateObject[] };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Applies the defaults and validates `options` (throws `s3Replica: ...` on the first problem). */
export function resolveS3ReplicaOptions(options: S3ReplicaOptions): S3ReplicaConfig {
  checkOptions('s3Replica', options, S3_REPLICA_OPTION_NAMES);
  const tickSeconds = options.tickSeconds ?? S3_REPLICA_DEFAULT_TICK_SECONDS;
  const source = options.source ?? 's3';
  const sourceRegion = options.sourceRegion;
  const keys = options.keys ?? 1;
  const maxWrites = options.maxWrites ?? 2;
  const rtc = options.replicationTimeControl ?? false;
  if (typeof source !== 'string' || !IDENTIFIER.test(source)) throw new Error(`s3Replica: source must be an s3 instance name, got ${JSON.stringify(source)}`);
  if (sourceRegion !== undefined && (typeof sourceRegion !== 'string' || !IDENTIFIER.test(sourceRegion))) throw new Error(`s3Replica: sourceRegion must be a region instance name, got ${JSON.stringify(sourceRegion)}`);
  if (typeof rtc !== 'boolean') throw new Error(`s3Replica: replicationTimeControl must be true or false, got ${JSON.stringify(rtc)}`);
  intIn('s3Replica', 'keys', keys, 1, 8);
  intIn('s3Replica', 'maxWrites', maxWrites, 1, 8);
  const boundTicks = Math.max(1, ticksFor(RTC_SECONDS, tickSeconds));
  return {
    tickSeconds, source, sourceRegion, keys, maxWrites, rtc, boundTicks,
    maxAge: rtc ? boundTicks : boundTicks + 1,
    A: { replicate: Array.from({ length: keys }, (_, k) => s3ReplicateObject(k)) },
  };
}

/** The slice at the start: nothing written, nothing to replicate. */
export function initialS3Replica(c: S3ReplicaConfig): S3ReplicaState {
  const none = new Array<number>(c.maxWrites).fill(0);
  return s3ReplicaState(new Array<number>(c.keys).fill(0), Array.from({ length: c.keys }, () => none), c.tickSeconds);
}

/** Every option for the catalog, with its default (`tsc` checks the list against `S3ReplicaOptions`). */
export const S3_REPLICA_PARAMETERS = parameterList<S3ReplicaOptions>({
  tickSeconds: { default: 60, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
  source: { default: 's3', unit: 'name', range: [], description: 'the s3 bucket replicated (Cross-Region Replication)' },
  sourceRegion: { default: 'none', unit: 'name', range: [], description: "the source's Region instance: its outage stops replication" },
  keys: { default: 1, unit: 'count', range: [1, 8], description: "the source's keys (must match)" },
  maxWrites: { default: 2, unit: 'count', range: [1, 8], description: "the source's good writes per key (must match)" },
  replicationTimeControl: { default: false, unit: 'bool', range: ['true', 'false'], description: 'S3 RTC: replicated within 15 min (99.99 %); without it, no bound' },
});
const S3_REPLICA_OPTION_NAMES = optionNames(S3_REPLICA_PARAMETERS);
