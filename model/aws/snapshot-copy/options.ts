/**
 * The snapshotCopy component's options, their validation, and the resolved configuration its
 * reducer and enabling code read (the schedule, copy and restore in ticks, the action objects
 * built once).
 */
import { ticksFor } from '../../compose/component.js';
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import { restoreFromSnapshotCopy, snapshotCopyStart, type RestoreFromSnapshotCopy, type SnapshotCopyStart } from './actions.js';
import { snapshotCopyState, type SnapshotCopyState } from './state.js';

/** Seconds per `Tick` unless the composition's clock or `tickSeconds` says otherwise (DR scenarios choose minutes). */
export const SNAPSHOT_COPY_DEFAULT_TICK_SECONDS = 60;

/** Parameters of the snapshotCopy component. */
export interface SnapshotCopyOptions {
  /** Seconds per `Tick`; default 60. */
  readonly tickSeconds?: number;
  /** The ebs instance whose volume is backed up; default `ebs`. */
  readonly source?: string;
  /** The source volume's slot in that ebs instance; default 0. */
  readonly volume?: number;
  /** Client writes of the source (must match its `maxWrites`); default 2. */
  readonly writes?: number;
  /** The Region instance the source volume is in: its outage stops the schedule and the copy under way, and starts the runbook; default none. */
  readonly sourceRegion?: string;
  /** The Region instance the copies land in (Region-bound: usable only there); default none (a Region not modelled). */
  readonly targetRegion?: string;
  /** The Region instance the runbook restores in; default `targetRegion`. A copy in another Region cannot be restored there. */
  readonly restoreRegion?: string;
  /** The schedule: a snapshot copied every this many seconds (AWS Backup and DLM: at most hourly); default 86,400 (daily). */
  readonly copyEverySeconds?: number;
  /** How long a copy takes to complete in the target Region: a time-based copy's completion duration (15 minutes to 48 hours; a best-effort copy has no bound); default 3,600. */
  readonly copySeconds?: number;
  /** How long the restore takes until the application serves from it (CreateVolume, and the stack around it); default 3,600. */
  readonly restoreSeconds?: number;
  /** The runbook's steps while the source's Region is down: `restore` (RestoreFromSnapshotCopy); default none. */
  readonly runbook?: readonly SnapshotCopyRunbookStep[];
}
/** `restore`: RestoreFromSnapshotCopy. */
export type SnapshotCopyRunbookStep = 'restore';
const RUNBOOK_STEPS: readonly SnapshotCopyRunbookStep[] = ['restore'];

/** The options resolved: defaults applied, validated. */
export interface SnapshotCopyConfig {
  readonly tickSeconds: number;
  readonly source: string;
  readonly volume: number;
  readonly writes: number;
  readonly sourceRegion: string | undefined;
  readonly targetRegion: string | undefined;
  readonly restoreRegion: string | undefined;
  /** The copies land outside the source's Region: a completed one survives its outage. */
  readonly crossRegion: boolean;
  /** The runbook may restore: `restore` asked for, and the restore Region is where the copies are. */
  readonly canRestore: boolean;
  readonly intervalTicks: number;
  readonly copyTicks: number;
  readonly restoreTicks: number;
  /** Schedule + copy: no write waits this long for a completed copy unless the schedule stalls. */
  readonly maxAge: number;
  readonly A: { readonly start: SnapshotCopyStart; readonly restore: RestoreFromSnapshotCopy };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function regionName(option: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || !IDENTIFIER.test(value))) throw new Error(`snapshotCopy: ${option} must be a region instance name, got ${JSON.stringify(value)}`);
}

/** Applies the defaults and validates `options` (throws `snapshotCopy: ...` on the first problem). */
export function resolveSnapshotCopyOptions(options: SnapshotCopyOptions): SnapshotCopyConfig {
  checkOptions('snapshotCopy', options, SNAPSHOT_COPY_OPTION_NAMES);
  const tickSeconds = options.tickSeconds ?? SNAPSHOT_COPY_DEFAULT_TICK_SECONDS;
  const source = options.source ?? 'ebs';
  const volume = options.volume ?? 0;
  const writes = options.writes ?? 2;
  const { sourceRegion, targetRegion } = options;
  const restoreRegion = options.restoreRegion ?? targetRegion;
  const every = options.copyEverySeconds ?? 86_400;
  const copy = options.copySeconds ?? 3_600;
  const restore = options.restoreSeconds ?? 3_600;
  const runbook = options.runbook ?? [];
  if (typeof source !== 'string' || !IDENTIFIER.test(source)) throw new Error(`snapshotCopy: source must be an ebs instance name, got ${JSON.stringify(source)}`);
  regionName('sourceRegion', sourceRegion);
  regionName('targetRegion', targetRegion);
  regionName('restoreRegion', restoreRegion);
  intIn('snapshotCopy', 'volume', volume, 0, 63);
  intIn('snapshotCopy', 'writes', writes, 1, 15);
  intIn('snapshotCopy', 'copyEverySeconds', every, 1, 2_592_000);
  intIn('snapshotCopy', 'copySeconds', copy, 1, 2_592_000);
  intIn('snapshotCopy', 'restoreSeconds', restore, 0, 2_592_000);
  namesIn('snapshotCopy', 'runbook', 'runbook step', runbook, RUNBOOK_STEPS);
  const intervalTicks = Math.max(1, ticksFor(every, tickSeconds));
  const copyTicks = Math.max(1, ticksFor(copy, tickSeconds));
  if (copyTicks > intervalTicks) throw new Error(`snapshotCopy: a copy (${copy} s) must complete within the schedule's interval (${every} s); copies do not overlap here`);
  if (runbook.includes('restore') && sourceRegion === undefined) throw new Error('snapshotCopy: the restore runbook waits for the source Region to fail; give sourceRegion');
  return {
    tickSeconds, source, volume, writes, sourceRegion, targetRegion, restoreRegion,
    crossRegion: targetRegion !== sourceRegion || targetRegion === undefined,
    canRestore: runbook.includes('restore') && restoreRegion === targetRegion,
    intervalTicks, copyTicks,
    restoreTicks: ticksFor(restore, tickSeconds),
    maxAge: intervalTicks + copyTicks,
    A: { start: snapshotCopyStart(), restore: restoreFromSnapshotCopy() },
  };
}

/** The slice at the start: a baseline copy (no write yet) in the target Region, the first snapshot one interval away. */
export function initialSnapshotCopy(c: SnapshotCopyConfig): SnapshotCopyState {
  return snapshotCopyState(c.intervalTicks, -1, 0, 0, new Array<number>(c.writes).fill(0), -1, 0, c.tickSeconds, c.maxAge);
}

/** Every option for the catalog, with its default (`tsc` checks the list against `SnapshotCopyOptions`). */
export const SNAPSHOT_COPY_PARAMETERS = parameterList<SnapshotCopyOptions>({
  tickSeconds: { default: 60, unit: 's', range: [1, 86_400], description: 'seconds per Tick' },
  source: { default: 'ebs', unit: 'name', range: [], description: 'the ebs instance whose volume is backed up' },
  volume: { default: 0, unit: 'slot', range: [0, 63], description: "the source volume's slot in that ebs instance" },
  writes: { default: 2, unit: 'count', range: [1, 15], description: "the source's client writes (must match its maxWrites)" },
  sourceRegion: { default: 'none', unit: 'name', range: [], description: "the source volume's Region instance: its outage stops copies and starts the runbook" },
  targetRegion: { default: 'none', unit: 'name', range: [], description: 'the Region instance the copies land in (usable only there)' },
  restoreRegion: { default: 'targetRegion', unit: 'name', range: [], description: 'the Region instance the runbook restores in (needs a copy there)' },
  copyEverySeconds: { default: 86_400, unit: 's', range: [1, 2_592_000], description: 'the schedule: a snapshot copied every this often (AWS: at most hourly)' },
  copySeconds: { default: 3_600, unit: 's', range: [1, 2_592_000], description: 'time for a copy to complete in the target Region (time-based copy: 15 min to 48 h)' },
  restoreSeconds: { default: 3_600, unit: 's', range: [0, 2_592_000], description: 'time from the restore call until the application serves from it' },
  runbook: { default: [], unit: 'list', range: RUNBOOK_STEPS, description: "restore: RestoreFromSnapshotCopy while the source's Region is down" },
});
const SNAPSHOT_COPY_OPTION_NAMES = optionNames(SNAPSHOT_COPY_PARAMETERS);
