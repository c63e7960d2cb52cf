/**
 * Traces: a counterexample as a replayable recipe. The steps (action objects) are
 * authoritative; replay matches each against the actions enabled at that point by deep
 * equality and re-checks the property after every step.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { labelOf, type Action, type Model } from '../model/core/model.js';
import { isLiveness, PROPERTY_KINDS, type LivenessProperty, type Property, type PropertyKind } from '../model/core/property.js';
import type { Counterexample, Mode } from './report.js';
import { deferredTick, RecoveryChecker } from './recovery.js';
import { keyerFor } from './keyer.js';
import { isFairAction } from './liveness.js';
import { actionsOf, normalizedInitial, predOf, successorOf } from './model-calls.js';
import { describe, initialStates, ModelError, oneLine, propertyError, thrown } from './model-error.js';
import { unplainPart } from './plain-data.js';
import { canonicalJson, CHECKSUM_PATTERN, printable, traceChecksum } from './trace-integrity.js';

export const TRACE_FORMAT = 'faultline-trace';
/** The version saved; readers also accept 1 (no checksum) and 2 (no loopIndex). */
export const TRACE_VERSION = 3;

export interface TraceStep {
  readonly action: Action;
  readonly label: string;
}

/** A saved counterexample: version 3 (with `checksum`, and `loopIndex` for a lasso), or version 1 or 2 as read from old files. */
export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly version: 1 | 2 | 3;
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
  /**
   * Version 3, a lasso: the state after the last step is the state after step `loopIndex`
   * (0: the initial state), so the steps after it repeat for ever; `steps.length`: the last
   * state lasts for ever. Replay checks that the cycle closes.
   */
  readonly loopIndex?: number;
  /** Version 3: found under prompt control (`Tick` waits while a control action or recovery op is enabled); replay applies the same rule. */
  readonly promptControl?: true;
  readonly steps: readonly TraceStep[];
  /** Versions 2 and 3: `sha256:` of the content (engine/trace-integrity.ts); an edit by hand breaks it. */
  readonly checksum?: string;
}

/** Labels a path; `recoveryFrom` marks where a recovers counterexample's suffix begins. */
export function buildCounterexample<S, A extends Action>(
  model: Model<S, A>,
  prefix: readonly A[],
  initIndex: number,
  recoveryFrom: number | undefined,
  suffix: readonly A[] = [],
  extra: { seed?: number; path?: string; loopIndex?: number } = {},
): Counterexample<A> {
  const actions = [...prefix, ...suffix];
  const { loopIndex, ...rest } = extra;
  return {
    actions,
    labels: actions.map((a, i) => counterexampleLabel(model, a, i + 1)),
    length: actions.length,
    initIndex,
    ...(recoveryFrom !== undefined ? { recoveryFrom } : {}),
    ...(loopIndex !== undefined ? { loopIndex } : {}),
    ...rest,
  };
}

/**
 * The label of a counterexample's `step`-th action. The action must be one a trace can hold
 * (plain data with a string type and kind): a model listing anything else gets its error in
 * one line here, where counterexamples are made, not a crash where one is printed or saved.
 */
function counterexampleLabel<S, A extends Action>(model: Model<S, A>, a: A, step: number): string {
  const action = a as unknown as { readonly type?: unknown; readonly kind?: unknown } | null;
  if (typeof action !== 'object' || action === null || typeof action.type !== 'string' || typeof action.kind !== 'string') {
    throw new ModelError(`actions(s) listed ${describe(a)} (expected an action object with a string type and kind)`, { step });
  }
  const part = unplainPart(a);
  if (part !== undefined) throw new ModelError(`actions(s) listed ${oneLine(action.type)} holding ${part.replace(/ in the state itself$/, '')} (actions are plain data, saved in traces)`, { step });
  try {
    return labelOf(model, a);
  } catch (e) {
    throw new ModelError(`the label of ${oneLine(action.type)} could not be made: ${thrown(e)}`, { step });
  }
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

/**
 * How deeply a trace document may nest: far more than any action needs, and far less than
 * the recursion that reads it (checksum, deep equality, printing) can take without running
 * out of stack, which would end in a stack trace instead of one line.
 */
const MAX_TRACE_NESTING = 100;

/** Whether `value` nests arrays or objects more than `limit` deep (no recursion: any depth is safe). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) pending.push([child, depth + 1]);
  }
  return false;
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
  if (nestedDeeperThan(doc, MAX_TRACE_NESTING)) bad(`nested more than ${MAX_TRACE_NESTING} levels deep`);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) bad('expected a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== TRACE_FORMAT) bad(`format must be "${TRACE_FORMAT}"`);
  if (d.version !== 1 && d.version !== 2 && d.version !== 3) bad(`unsupported version ${JSON.stringify(d.version)} (this faultline reads versions 1, 2 and 3)`);
  if (typeof d.scenario !== 'string' || d.scenario === '') bad('scenario must be a non-empty string');
  if (typeof d.property !== 'string') bad('property must be a string');
  if (!(PROPERTY_KINDS as readonly unknown[]).includes(d.kind)) bad(`kind must be ${PROPERTY_KINDS.slice(0, -1).join(', ')} or ${PROPERTY_KINDS[PROPERTY_KINDS.length - 1]}`);
  if (d.version !== 3 && typeof d.kind === 'string' && isLivenessKindName(d.kind)) bad(`kind ${d.kind} needs version 3`);
  if (d.mode !== 'random' && d.mode !== 'exhaustive') bad('mode must be random or exhaustive');
  if (d.parameters !== undefined && (typeof d.parameters !== 'object' || d.parameters === null || Array.isArray(d.parameters))) bad('parameters must be an object');
  if (d.file !== undefined && typeof d.file !== 'string') bad('file must be a string');
  if (d.initIndex !== undefined && (!Number.isInteger(d.initIndex) || (d.initIndex as number) < 0)) bad('initIndex must be a non-negative integer');
  if (d.recoveryFrom !== undefined && (!Number.isInteger(d.recoveryFrom) || (d.recoveryFrom as number) < 0)) bad('recoveryFrom must be a non-negative integer');
  if (!Array.isArray(d.steps)) bad('steps must be an array');
  if (d.promptControl !== undefined) {
    if (d.version !== 3) bad('promptControl needs version 3');
    if (d.promptControl !== true) bad('promptControl must be true when present');
  }
  if (d.loopIndex !== undefined) {
    if (d.version !== 3) bad('loopIndex needs version 3');
    if (!Number.isInteger(d.loopIndex) || (d.loopIndex as number) < 0 || (d.loopIndex as number) > (d.steps as unknown[]).length) bad('loopIndex must be an integer from 0 to the number of steps');
  }
  (d.steps as unknown[]).forEach((st, i) => {
    const step = st as Record<string, unknown> | null;
    if (typeof step !== 'object' || step === null) bad(`step ${i + 1}: expected an object`);
    const a = step!.action as Record<string, unknown> | null;
    if (typeof a !== 'object' || a === null || typeof a.type !== 'string' || typeof a.kind !== 'string') {
      bad(`step ${i + 1}: action must be an object with a type and a kind`);
    }
    if (d.version !== 1 && typeof step!.label !== 'string') bad(`step ${i + 1}: label must be a string`);
  });
  if (d.version !== 1) {
    if (typeof d.checksum !== 'string' || !CHECKSUM_PATTERN.test(d.checksum)) bad(`checksum must be "sha256:" and 64 hex digits (version ${d.version})`);
    if (d.checksum !== traceChecksum(d as unknown as Trace)) {
      bad('checksum mismatch: the trace was edited (its scenario, parameters, property or steps differ from what faultline saved; run faultline check again for a new trace)');
    }
  }
  return { parameters: {}, ...(d as object) } as Trace;
}

function isLivenessKindName(kind: string): boolean {
  return kind === 'eventually' || kind === 'leadsTo' || kind === 'eventuallyAlways' || kind === 'alwaysEventually';
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

/** `trace` as the current version, with the checksum of its content. */
export function sealTrace(trace: Trace): Trace {
  const { checksum: _old, ...content } = trace;
  return { ...content, version: TRACE_VERSION, checksum: traceChecksum(content) };
}

/** Builds the trace document (the current version, checksummed) for one counterexample. */
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
    ...(cx.loopIndex !== undefined ? { loopIndex: cx.loopIndex } : {}),
    ...(cx.promptControl ? { promptControl: true as const } : {}),
    steps: cx.actions.map((action, i) => ({ action, label: cx.labels[i] })),
  });
}

/** The file name `saveTrace` gives a trace, before `.json` or a `-<hash>` suffix. */
export function traceFileStem(trace: Pick<Trace, 'scenario' | 'property' | 'mode'>): string {
  return `${trace.scenario}-${trace.property}-${trace.mode}`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/**
 * What a replay of `trace` does: its steps and what they run against. The seed and path that
 * found them are left out, so the same steps found again (another seed) are the same trace.
 */
function replayedContent(trace: Trace): string {
  const { checksum: _c, seed: _s, path: _p, version: _v, ...rest } = trace;
  return canonicalJson({ ...rest, initIndex: trace.initIndex ?? 0 });
}

/** Whether `file` is a trace faultline saved (intact checksum) with the same replayed content. */
function holdsSameTrace(file: string, content: string): boolean {
  try {
    return replayedContent(parseTrace(readFileSync(file, 'utf8'), basename(file))) === content;
  } catch {
    return false; // not a trace, edited, or unreadable: not ours to reuse, and never replaced
  }
}

/**
 * Writes `trace` (as the current version, checksummed) into `dir` as `<scenario>-<property>-<mode>.json`
 * and returns its path. Checking again adds no file: when that name (or the one below) already
 * holds the same steps for the same scenario, parameters and property, that file is returned
 * as it is. Different steps go to `<stem>-<hash>.json`, a short hash of what they replay, so
 * each distinct counterexample keeps one name across runs. An existing file is never replaced.
 */
export function saveTrace(trace: Trace, dir: string): string {
  trace = sealTrace(trace);
  mkdirSync(dir, { recursive: true });
  const stem = traceFileStem(trace);
  const content = replayedContent(trace);
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 8);
  const text = JSON.stringify(trace, null, 2) + '\n';
  // Past the hashed name (taken by another file: a hash collision, or a user's file), -2, -3...
  for (let n = 0; ; n++) {
    const file = join(dir, n === 0 ? `${stem}.json` : n === 1 ? `${stem}-${hash}.json` : `${stem}-${hash}-${n}.json`);
    if (existsSync(file)) {
      if (holdsSameTrace(file, content)) return file;
      continue;
    }
    try {
      writeFileSync(file, text, { flag: 'wx' });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Written meanwhile (a parallel check): the same trace is reused, another moves on.
      if (holdsSameTrace(file, content)) return file;
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
  /** A lasso: whether the state after the last step is the state at `loopIndex` (the cycle closes). */
  readonly loopCloses?: boolean;
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
  opts: { initIndex?: number; recoveryFrom?: number; loopIndex?: number; promptControl?: boolean } = {},
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
    const plain = property.kind === 'always' || property.kind === 'sometimes';
    let everViolated = plain && isViolation(property, s);
    for (let i = 0; i < steps.length; i++) {
      step = i + 1;
      const enabled = actionsOf(model, s);
      const at = enabled.findIndex((e) => deepEqual(e, steps[i].action));
      // Under prompt control a Tick is not enabled while a control action is due.
      const a = at >= 0 && !(opts.promptControl && deferredTick(model, enabled, s) === at) ? enabled[at] : undefined;
      if (!a) {
        const label = labelOrType(model, steps[i].action);
        throw new TraceDiverged(i + 1, label);
      }
      s = successorOf(model, s, a, normalize);
      const holds = predOf(property, s);
      if (plain && isViolation(property, s)) everViolated = true;
      out.push({ index: i + 1, action: a, label: labelOf(model, a), state: s, holds });
    }
    let violated = everViolated;
    const states = [initial, ...out.map((o) => o.state)];
    // A lasso shows its violation only if its cycle closes: the last state is the loop's first.
    const loopCloses = opts.loopIndex === undefined ? undefined : opts.loopIndex <= steps.length && deepEqual(states[steps.length], states[opts.loopIndex]);
    if (property.kind === 'recovers') {
      // The recovery suffix must end without the predicate restored within the bound;
      // re-check the bound from where the suffix began (the state after the prefix).
      const from = opts.recoveryFrom ?? steps.length;
      step = from;
      const start: S | undefined = from === 0 ? initial : out[from - 1]?.state;
      violated = loopCloses !== false && start !== undefined && !new RecoveryChecker(model, property, keyerFor(model)).holds(start as S);
    } else if (isLiveness(property)) {
      step = steps.length;
      violated = opts.loopIndex !== undefined && loopCloses === true && lassoViolates(model, property, states, out.map((o) => o.action), opts.loopIndex, opts.promptControl ?? false);
    }
    return { initial, steps: out, violated, ...(loopCloses !== undefined ? { loopCloses } : {}) };
  } catch (e) {
    if (e instanceof ModelError) e.at(step < 0 ? { mode: 'replay' } : { step, mode: 'replay' });
    throw e;
  }
}

/**
 * Whether the lasso `states` (states[0] initial; the last equals states[loop]) taken by
 * `actions` violates a liveness property: its cycle is fair (every fair action enabled in all
 * of its states is taken in it; an empty cycle: no fair action is enabled in its state) and
 * its states break the property, as engine/liveness.ts defines them.
 */
function lassoViolates<S, A extends Action>(model: Model<S, A>, property: LivenessProperty<S>, states: readonly S[], actions: readonly A[], loop: number, prompt: boolean): boolean {
  const n = actions.length;
  const cycleStates = loop === n ? [states[n]] : states.slice(loop, n);
  const enabledInAll = new Map<string, number>();
  for (const s of cycleStates) {
    const enabled = actionsOf(model, s);
    const deferred = prompt ? deferredTick(model, enabled, s) : -1;
    const keys = new Set(enabled.filter((a, i) => i !== deferred && isFairAction(model, a)).map((a) => canonicalJson(a)));
    for (const k of keys) enabledInAll.set(k, (enabledInAll.get(k) ?? 0) + 1);
  }
  const taken = new Set(actions.slice(loop).filter((a) => isFairAction(model, a)).map((a) => canonicalJson(a)));
  for (const [k, count] of enabledInAll) if (count === cycleStates.length && !taken.has(k)) return false;
  const pred = (s: S) => predOf(property, s);
  const cycle = states.slice(loop);
  switch (property.kind) {
    case 'eventually':
      return states.every((s) => !pred(s));
    case 'alwaysEventually':
      return cycle.every((s) => !pred(s));
    case 'eventuallyAlways':
      return cycle.some((s) => !pred(s));
    case 'leadsTo': {
      if (cycle.some(pred)) return false;
      // A trigger state from which the target never holds again (the cycle has none).
      for (let i = n; i >= 0 && !pred(states[i]); i--) {
        let from: boolean;
        try {
          from = property.from(states[i]);
        } catch (e) {
          throw propertyError(property, e);
        }
        if (from) return true;
      }
      return false;
    }
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
