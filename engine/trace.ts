/**
 * Traces: a counterexample as a replayable recipe. The steps (action objects) are
 * authoritative; replay matches each against the actions enabled at that point by deep
 * equality and re-checks the property after every step.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { labelOf, type Action, type Model } from '../model/core/model.js';
import type { Property, PropertyKind } from '../model/core/property.js';
import type { Counterexample, Mode } from './report.js';
import { RecoveryChecker } from './recovery.js';
import { keyerFor } from './keyer.js';
import { actionsOf, normalizedInitial, predOf, successorOf } from './model-calls.js';
import { initialStates, ModelError } from './model-error.js';
import { CHECKSUM_PATTERN, printable, traceChecksum } from './trace-integrity.js';

export const TRACE_FORMAT = 'faultline-trace';
/** The version saved; readers also accept 1 (no checksum). */
export const TRACE_VERSION = 2;

export interface TraceStep {
  readonly action: Action;
  readonly label: string;
}

/** A saved counterexample: version 2 (with `checksum`), or version 1 as read from old files. */
export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly version: 1 | 2;
  readonly scenario: string;
  /** The scenario file, when the scenario came from a file rather than the bundle. */
  readonly file?: string;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly property: string;
  readonly kind: PropertyKind;
  readonly mode: Mode;
  readonly seed?: number;
  readonly path?: string;
  /** For recovers: steps from this index on are the recovery path. */
  readonly recoveryFrom?: number;
  /** Which initial state the steps start from (index into `init()`); 0 when absent. */
  readonly initIndex?: number;
  readonly steps: readonly TraceStep[];
  /** Version 2: `sha256:` of the content (engine/trace-integrity.ts); an edit by hand breaks it. */
  readonly checksum?: string;
}

/** Labels a path; `recoveryFrom` marks where a recovers counterexample's suffix begins. */
export function buildCounterexample<S, A extends Action>(
  model: Model<S, A>,
  prefix: readonly A[],
  initIndex: number,
  recoveryFrom: number | undefined,
  suffix: readonly A[] = [],
  extra: { seed?: number; path?: string } = {},
): Counterexample<A> {
  const actions = [...prefix, ...suffix];
  return {
    actions,
    labels: actions.map((a) => labelOf(model, a)),
    length: actions.length,
    initIndex,
    ...(recoveryFrom !== undefined ? { recoveryFrom } : {}),
    ...extra,
  };
}

/**
 * The one-line error for bad trace files and bad replays (exit 2 at the CLI). Control
 * characters in the message (from a trace file or a path) are escaped, never printed raw.
 */
export class TraceError extends Error {
  override name = 'TraceError';
  constructor(message: string) {
    super(printable(message));
  }
}

/**
 * The trace does not apply to the model any more: step `step` (1-based) is not enabled, or
 * (step 0) its initial state no longer exists. A changed model, not a bad file: the replay
 * rule (engine/replay-rule.ts) re-checks instead of failing.
 */
export class TraceDiverged extends TraceError {
  constructor(
    readonly step: number,
    readonly what: string,
  ) {
    super(step === 0 ? what : `step ${step}: ${what} is not enabled`);
  }
}

/** Parses and validates a trace document; throws TraceError naming what is wrong. */
export function parseTrace(text: string, source = 'trace'): Trace {
  let doc: unknown;
  try {
    // A leading byte-order mark (some Windows editors add one) is not part of the JSON.
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new TraceError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const bad = (what: string): never => {
    throw new TraceError(`${source}: ${what}`);
  };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) bad('expected a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== TRACE_FORMAT) bad(`format must be "${TRACE_FORMAT}"`);
  if (d.version !== 1 && d.version !== 2) bad(`unsupported version ${JSON.stringify(d.version)} (this faultline reads versions 1 and 2)`);
  if (typeof d.scenario !== 'string' || d.scenario === '') bad('scenario must be a non-empty string');
  if (typeof d.property !== 'string') bad('property must be a string');
  if (d.kind !== 'always' && d.kind !== 'sometimes' && d.kind !== 'recovers') bad('kind must be always, sometimes or recovers');
  if (d.mode !== 'random' && d.mode !== 'exhaustive') bad('mode must be random or exhaustive');
  if (d.parameters !== undefined && (typeof d.parameters !== 'object' || d.parameters === null || Array.isArray(d.parameters))) bad('parameters must be an object');
  if (d.file !== undefined && typeof d.file !== 'string') bad('file must be a string');
  if (d.initIndex !== undefined && (!Number.isInteger(d.initIndex) || (d.initIndex as number) < 0)) bad('initIndex must be a non-negative integer');
  if (d.recoveryFrom !== undefined && (!Number.isInteger(d.recoveryFrom) || (d.recoveryFrom as number) < 0)) bad('recoveryFrom must be a non-negative integer');
  if (!Array.isArray(d.steps)) bad('steps must be an array');
  (d.steps as unknown[]).forEach((st, i) => {
    const step = st as Record<string, unknown> | null;
    if (typeof step !== 'object' || step === null) bad(`step ${i + 1}: expected an object`);
    const a = step!.action as Record<string, unknown> | null;
    if (typeof a !== 'object' || a === null || typeof a.type !== 'string' || typeof a.kind !== 'string') {
      bad(`step ${i + 1}: action must be an object with a type and a kind`);
    }
    if (d.version === 2 && typeof step!.label !== 'string') bad(`step ${i + 1}: label must be a string`);
  });
  if (d.version === 2) {
    if (typeof d.checksum !== 'string' || !CHECKSUM_PATTERN.test(d.checksum)) bad('checksum must be "sha256:" and 64 hex digits (version 2)');
    if (d.checksum !== traceChecksum(d as unknown as Trace)) {
      bad('checksum mismatch: the trace was edited (its scenario, parameters, property or steps differ from what faultline saved; run faultline check again for a new trace)');
    }
  }
  return { parameters: {}, ...(d as object) } as Trace;
}

export function loadTrace(file: string): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TraceError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseTrace(text, basename(file));
}

/** `trace` as version 2, with the checksum of its content. */
export function sealTrace(trace: Trace): Trace {
  const { checksum: _old, ...content } = trace;
  return { ...content, version: TRACE_VERSION, checksum: traceChecksum(content) };
}

/** Builds the trace document (version 2, checksummed) for one counterexample. */
export function toTrace(
  cx: Counterexample,
  meta: { scenario: string; file?: string; parameters: Trace['parameters']; property: string; kind: PropertyKind; mode: Mode },
): Trace {
  return sealTrace({
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    scenario: meta.scenario,
    ...(meta.file ? { file: meta.file } : {}),
    parameters: meta.parameters,
    property: meta.property,
    kind: meta.kind,
    mode: meta.mode,
    ...(cx.seed !== undefined ? { seed: cx.seed } : {}),
    ...(cx.path !== undefined ? { path: cx.path } : {}),
    ...(cx.recoveryFrom !== undefined ? { recoveryFrom: cx.recoveryFrom } : {}),
    ...(cx.initIndex !== 0 ? { initIndex: cx.initIndex } : {}),
    steps: cx.actions.map((action, i) => ({ action, label: cx.labels[i] })),
  });
}

/** The file name `saveTrace` gives a trace, before `.json` or a `-2`, `-3`... suffix. */
export function traceFileStem(trace: Pick<Trace, 'scenario' | 'property' | 'mode'>): string {
  return `${trace.scenario}-${trace.property}-${trace.mode}`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/**
 * Writes `trace` (as version 2, checksummed) into `dir` under a name made from scenario and
 * property; never overwrites: an existing name gets `-2`, `-3`... Returns the path written.
 */
export function saveTrace(trace: Trace, dir: string): string {
  trace = sealTrace(trace);
  mkdirSync(dir, { recursive: true });
  const stem = traceFileStem(trace);
  for (let n = 1; ; n++) {
    const file = join(dir, n === 1 ? `${stem}.json` : `${stem}-${n}.json`);
    if (existsSync(file)) continue;
    try {
      writeFileSync(file, JSON.stringify(trace, null, 2) + '\n', { flag: 'wx' });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
  }
}

/** Structural equality of plain data (action objects). */
export function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  if (kx.length !== ky.length) return false;
  for (const k of kx) {
    if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
    if (!deepEqual((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export interface ReplayStep<S, A extends Action> {
  readonly index: number;
  readonly action: A;
  readonly label: string;
  readonly state: S;
  /** Whether the property's predicate holds in the state after this step. */
  readonly holds: boolean;
}

export interface ReplayResult<S, A extends Action> {
  readonly initial: S;
  readonly steps: readonly ReplayStep<S, A>[];
  /** True when the trace still shows the property's violation (or, for sometimes, its state). */
  readonly violated: boolean;
}

/**
 * Re-runs `steps` on `model`, checking each step's action is enabled (deep equality) and
 * evaluating `property` after every step. Throws TraceError naming the first step whose
 * action is not enabled.
 */
export function replay<S, A extends Action>(
  model: Model<S, A>,
  property: Property<S>,
  steps: readonly { action: unknown }[],
  opts: { initIndex?: number; recoveryFrom?: number } = {},
): ReplayResult<S, A> {
  // The model's calls are checked as the explorers check them (states as they see them: -0
  // read as 0); a model that breaks its contract is a one-line ModelError naming the step.
  let step = -1;
  try {
    const raw = initialStates(model)[opts.initIndex ?? 0];
    if (raw === undefined) throw new TraceDiverged(0, `the model has no initial state ${opts.initIndex ?? 0}`);
    step = 0;
    const { normalize, initial } = normalizedInitial(model, raw);
    let s: S = initial;
    const out: ReplayStep<S, A>[] = [];
    let everViolated = property.kind !== 'recovers' && isViolation(property, s);
    for (let i = 0; i < steps.length; i++) {
      step = i + 1;
      const enabled = actionsOf(model, s);
      const a = enabled.find((e) => deepEqual(e, steps[i].action));
      if (!a) {
        const label = labelOrType(model, steps[i].action);
        throw new TraceDiverged(i + 1, label);
      }
      s = successorOf(model, s, a, normalize);
      const holds = predOf(property, s);
      if (property.kind !== 'recovers' && isViolation(property, s)) everViolated = true;
      out.push({ index: i + 1, action: a, label: labelOf(model, a), state: s, holds });
    }
    let violated = everViolated;
    if (property.kind === 'recovers') {
      // The recovery suffix must end without the predicate restored within the bound;
      // re-check the bound from where the suffix began (the state after the prefix).
      const from = opts.recoveryFrom ?? steps.length;
      step = from;
      const start: S | undefined = from === 0 ? initial : out[from - 1]?.state;
      violated = start !== undefined && !new RecoveryChecker(model, property, keyerFor(model)).holds(start as S);
    }
    return { initial, steps: out, violated };
  } catch (e) {
    if (e instanceof ModelError) e.at(step < 0 ? { mode: 'replay' } : { step, mode: 'replay' });
    throw e;
  }
}

function isViolation<S>(property: Property<S>, s: S): boolean {
  const v = predOf(property, s);
  return property.kind === 'always' ? !v : v;
}

function labelOrType<S, A extends Action>(model: Model<S, A>, action: unknown): string {
  try {
    return labelOf(model, action as A);
  } catch {
    return JSON.stringify(action);
  }
}
