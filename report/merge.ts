/**
 * `faultline merge`: combines the `--json` outputs of random-run shards into one. Per
 * scenario, mode, parameters and property: a failure in any shard wins (the shortest
 * counterexample is kept), `reached` in any shard wins, `unknown` beats the remaining
 * verdicts. Stats: runs, steps, transitions and searchMs summed; maxDepth the maximum;
 * complete only when every shard completed; statesPerSecond recomputed from the sums;
 * distinctStates the maximum (shards overlap, so a sum would overcount); coverage summed.
 */
import type { Coverage } from '../engine/report.js';
import { PROPERTY_KINDS, type Verdict } from '../model/core/property.js';
import type { JsonProperty, JsonRun, JsonStats } from './json.js';

/** A bad merge input; the message is one line naming the file and the field. */
export class MergeError extends Error {
  override name = 'MergeError';
}

const KINDS: readonly string[] = PROPERTY_KINDS;
const EXPECTATIONS = ['holds', 'fails', 'reached', 'unreached'];
const VERDICTS = [...EXPECTATIONS, 'unknown'];
const MODES = ['random', 'exhaustive'];

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Checks one parsed `--json` output; returns it typed or throws MergeError. */
export function validateJsonRuns(data: unknown, source: string): JsonRun[] {
  const fail = (where: string, what: string): never => {
    throw new MergeError(`${source}: ${where} ${what}`);
  };
  if (!Array.isArray(data)) fail('the document', 'must be an array of runs (the output of check --json)');
  (data as unknown[]).forEach((run, i) => {
    const at = `[${i}]`;
    if (!isRec(run)) fail(at, 'must be an object');
    const r = run as Rec;
    if (typeof r.scenario !== 'string' || r.scenario === '') fail(`${at}.scenario`, 'must be a non-empty string');
    if (!MODES.includes(r.mode as string)) fail(`${at}.mode`, `must be one of ${MODES.join(', ')}`);
    if (r.parameters !== undefined && !isRec(r.parameters)) fail(`${at}.parameters`, 'must be an object');
    if (!Array.isArray(r.properties)) fail(`${at}.properties`, 'must be an array');
    (r.properties as unknown[]).forEach((p, j) => {
      const pat = `${at}.properties[${j}]`;
      if (!isRec(p)) fail(pat, 'must be an object');
      const q = p as Rec;
      if (typeof q.name !== 'string') fail(`${pat}.name`, 'must be a string');
      if (!KINDS.includes(q.kind as string)) fail(`${pat}.kind`, `must be one of ${KINDS.join(', ')}`);
      if (!EXPECTATIONS.includes(q.expected as string)) fail(`${pat}.expected`, `must be one of ${EXPECTATIONS.join(', ')}`);
      if (!VERDICTS.includes(q.verdict as string)) fail(`${pat}.verdict`, `must be one of ${VERDICTS.join(', ')}`);
      if (q.counterexample !== undefined) {
        const cx = q.counterexample as Rec;
        if (!isRec(cx)) fail(`${pat}.counterexample`, 'must be an object');
        if (!Number.isInteger(cx.length) || (cx.length as number) < 0) fail(`${pat}.counterexample.length`, 'must be a non-negative integer');
        if (cx.file !== undefined && typeof cx.file !== 'string') fail(`${pat}.counterexample.file`, 'must be a string');
        if (!Array.isArray(cx.steps) || !cx.steps.every((s) => isRec(s) && typeof s.label === 'string')) fail(`${pat}.counterexample.steps`, 'must be an array of { label }');
      }
    });
    if (!isRec(r.stats)) fail(`${at}.stats`, 'must be an object');
    const s = r.stats as Rec;
    for (const k of ['transitions', 'maxDepth', 'searchMs', 'statesPerSecond']) if (!isNum(s[k])) fail(`${at}.stats.${k}`, 'must be a non-negative number');
    if (s.distinctStates !== null && !isNum(s.distinctStates)) fail(`${at}.stats.distinctStates`, 'must be a number or null');
    if (typeof s.complete !== 'boolean') fail(`${at}.stats.complete`, 'must be a boolean');
    for (const k of ['runs', 'steps']) if (s[k] !== undefined && !isNum(s[k])) fail(`${at}.stats.${k}`, 'must be a non-negative number');
    if (r.coverage !== undefined && !(isRec(r.coverage) && isRec((r.coverage as Rec).actions))) fail(`${at}.coverage`, 'must be { actions: { component: { type: count } } }');
  });
  return data as JsonRun[];
}

/** Parses and validates one `--json` file's text. */
export function parseJsonRuns(text: string, source: string): JsonRun[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new MergeError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  return validateJsonRuns(data, source);
}

function runKey(r: JsonRun): string {
  const params = Object.entries(r.parameters ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([r.scenario, r.mode, params]);
}

function mergeVerdict(a: Verdict, b: Verdict): Verdict {
  for (const v of ['fails', 'reached', 'unknown'] as const) if (a === v || b === v) return v;
  return a;
}

function mergeProperty(a: JsonProperty, b: JsonProperty, where: string): JsonProperty {
  if (a.kind !== b.kind) throw new MergeError(`${where}: kind differs between shards (${a.kind}, ${b.kind})`);
  if (a.expected !== b.expected) throw new MergeError(`${where}: expected verdict differs between shards (${a.expected}, ${b.expected})`);
  const verdict = mergeVerdict(a.verdict, b.verdict);
  const cxs = [a, b].filter((p) => p.verdict === verdict && p.counterexample).map((p) => p.counterexample!);
  const cx = cxs.reduce<(typeof cxs)[number] | undefined>((best, c) => (best === undefined || c.length < best.length ? c : best), undefined);
  const { counterexample: _drop, ...rest } = a;
  return { ...rest, verdict, met: verdict === a.expected, ...(cx ? { counterexample: cx } : {}) };
}

function sumOpt(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

function mergeStats(a: JsonStats, b: JsonStats): JsonStats {
  const searchMs = a.searchMs + b.searchMs;
  const distinctStates = a.distinctStates === null && b.distinctStates === null ? null : Math.max(a.distinctStates ?? 0, b.distinctStates ?? 0);
  const runs = sumOpt(a.runs, b.runs);
  const steps = sumOpt(a.steps, b.steps);
  const transitions = a.transitions + b.transitions;
  const work = distinctStates === null ? (steps ?? transitions) : distinctStates;
  const ttf = [a.timeToFailureMs, b.timeToFailureMs].filter((t): t is number => t !== undefined);
  const stoppedBy = a.complete ? b.stoppedBy : a.stoppedBy;
  const collision = sumOpt(a.collisionProbability, b.collisionProbability);
  return {
    distinctStates,
    transitions,
    maxDepth: Math.max(a.maxDepth, b.maxDepth),
    searchMs,
    statesPerSecond: searchMs > 0 ? work / (searchMs / 1000) : 0,
    complete: a.complete && b.complete,
    ...(stoppedBy !== undefined && !(a.complete && b.complete) ? { stoppedBy } : {}),
    ...(runs !== undefined ? { runs } : {}),
    ...(steps !== undefined ? { steps } : {}),
    ...(ttf.length > 0 ? { timeToFailureMs: Math.min(...ttf) } : {}),
    ...(collision !== undefined ? { collisionProbability: Math.min(1, collision) } : {}),
    shards: (a.shards ?? 1) + (b.shards ?? 1),
  };
}

function mergeCoverage(a: Coverage | undefined, b: Coverage | undefined): Coverage | undefined {
  if (!a || !b) return a ?? b;
  const actions: Record<string, Record<string, number>> = {};
  for (const cov of [a, b]) {
    for (const [comp, types] of Object.entries(cov.actions)) {
      const into = (actions[comp] ??= {});
      for (const [type, n] of Object.entries(types)) into[type] = (into[type] ?? 0) + n;
    }
  }
  return { actions };
}

function mergeRun(a: JsonRun, b: JsonRun): JsonRun {
  const props = [...a.properties];
  for (const p of b.properties) {
    const i = props.findIndex((q) => q.name === p.name);
    if (i < 0) props.push(p);
    else props[i] = mergeProperty(props[i], p, `${a.scenario} (${a.mode}) ${p.name}`);
  }
  const seeds = [...(a.seeds ?? (a.seed !== undefined ? [a.seed] : [])), ...(b.seeds ?? (b.seed !== undefined ? [b.seed] : []))];
  const coverage = mergeCoverage(a.coverage, b.coverage);
  const { seed: _s, seeds: _ss, coverage: _c, ...rest } = a;
  return { ...rest, properties: props, stats: mergeStats(a.stats, b.stats), ...(seeds.length > 0 ? { seeds } : {}), ...(coverage ? { coverage } : {}) };
}

/**
 * Merges validated `--json` outputs (one array per shard) into one array, runs and
 * properties in order of first appearance. Throws MergeError when shards disagree on a
 * property's kind or expectation.
 */
export function mergeJsonRuns(shards: readonly (readonly JsonRun[])[]): JsonRun[] {
  const merged = new Map<string, JsonRun>();
  for (const shard of shards) {
    for (const run of shard) {
      const key = runKey(run);
      const prev = merged.get(key);
      merged.set(key, prev ? mergeRun(prev, run) : { ...run, properties: run.properties.map((p) => ({ ...p, met: p.verdict === p.expected })) });
    }
  }
  return [...merged.values()];
}
