/**
 * The state-space size, field by field, from the schema's ranges (model/core/schema-size.ts):
 * the one-line warning `check` prints before an exhaustive search when one field dominates the
 * bound, and the table `check --explain-size` prints instead of searching. Both go through the
 * model's `explainField` (composed models ask the component) for where the range comes from.
 */
import type { Model } from '../model/core/model.js';
import { dominantField, estimateSize, type FieldSize, type SizeEstimate } from '../model/core/schema-size.js';
import { formatCount, formatParameters } from '../report/format.js';
import type { Parameters } from '../engine/scenario.js';
import { printable } from '../engine/trace-integrity.js';

/** A model that can say why a field's range is what it is (ComposedModel does). */
function explanationOf(model: Model<any, any>, field: string): string | undefined {
  const explain = (model as { explainField?: (f: string) => string | undefined }).explainField;
  return typeof explain === 'function' ? explain.call(model, field) : undefined;
}

/** The size bound of `model`'s state space, or undefined without a schema to read ranges from. */
export function sizeOf(model: Model<any, any>): SizeEstimate | undefined {
  return model.schema ? estimateSize(model.schema) : undefined;
}

/**
 * The warning for a bound one field dominates, or undefined: `warning: queue:
 * sqs.messages[].ttl: 34,561 values (retention 345,600 s in 10 s ticks) dominates the state
 * space; set retentionSeconds (...) or a coarser tickSeconds (see --explain-size)`.
 */
export function dominantFieldWarning(scenario: string, model: Model<any, any>): string | undefined {
  const estimate = sizeOf(model);
  const top = estimate && dominantField(estimate);
  if (!top) return undefined;
  // A component's explanation reads "where the range comes from; what to change".
  const [why, ...fix] = (explanationOf(model, top.field) ?? '').split('; ');
  const advice = fix.length > 0 ? fix.join('; ') : 'narrow its range in the schema';
  return printable(`warning: ${scenario}: ${top.field}: ${formatCount(top.values)} values${why ? ` (${why})` : ''} dominates the state space; ${advice} (see --explain-size)`);
}

/** What a size report or warning needs of one planned run. */
export interface SizedRun {
  readonly scenario: string;
  readonly parameters: Parameters;
  readonly mode: 'random' | 'exhaustive';
  readonly model: () => Model<any, any>;
}

/** One warning per scenario (and parameters) searched exhaustively whose bound one field dominates. */
export function sizeWarnings(runs: readonly SizedRun[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const run of runs) {
    const key = `${run.scenario}\0${JSON.stringify(run.parameters)}`;
    if (run.mode !== 'exhaustive' || seen.has(key)) continue;
    seen.add(key);
    const warning = dominantFieldWarning(run.scenario, run.model());
    if (warning) out.push(warning);
  }
  return out;
}

/** `check --explain-size`: each scenario's table (or, with --json, the reports), once per scenario and parameters. */
export function explainSizes(runs: readonly SizedRun[], json: boolean): string {
  const seen = new Set<string>();
  const reports: SizeReport[] = [];
  for (const run of runs) {
    const key = `${run.scenario}\0${JSON.stringify(run.parameters)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reports.push(sizeReport(run.scenario, run.parameters, run.model()));
  }
  return json ? JSON.stringify(reports, null, 2) : reports.map(formatSizeReport).join('\n\n');
}

/** `2.8e9 (2^31.4)`, or the count itself when it is small. */
function boundText(bits: number): string {
  const n = 2 ** bits;
  if (n < 1e6) return formatCount(n);
  return Number.isFinite(n) ? `${n.toExponential(1).replace('e+', 'e')} (2^${bits.toFixed(1)})` : `2^${bits.toFixed(1)}`;
}

export interface SizeRow {
  readonly field: string;
  readonly values: number;
  readonly leaves: number;
  readonly share: number;
  readonly explanation?: string;
}

export interface SizeReport {
  readonly scenario: string;
  readonly parameters: Parameters;
  /** log2 of the bound; null without a schema. */
  readonly bits: number | null;
  readonly fields: readonly SizeRow[];
  /** The field the warning names, if one dominates. */
  readonly dominant?: string;
}

export function sizeReport(scenario: string, parameters: Parameters, model: Model<any, any>): SizeReport {
  const estimate = sizeOf(model);
  if (!estimate) return { scenario, parameters, bits: null, fields: [] };
  const dominant = dominantField(estimate);
  const fields = estimate.fields.map((f: FieldSize): SizeRow => {
    const explanation = explanationOf(model, f.field);
    return { field: f.field, values: f.values, leaves: f.leaves, share: f.share, ...(explanation ? { explanation } : {}) };
  });
  return { scenario, parameters, bits: estimate.bits, fields, ...(dominant ? { dominant: dominant.field } : {}) };
}

/** The table: field path, values (× items), share of the bound's log, where the range comes from. */
export function formatSizeReport(r: SizeReport): string {
  const params = formatParameters(r.parameters);
  const title = `${r.scenario}${params ? ` (${params})` : ''}`;
  if (r.bits === null) return printable(`${title}: no state schema, so no size estimate (declare the model's schema with t.record to get one)`);
  const head = `${title}: at most ${boundText(r.bits)} states by the schema's ranges (reachable states are usually far fewer)`;
  if (r.fields.length === 0) return printable(`${head}; every field is fixed`);
  const rows = [
    ['field', 'values', 'share', 'why'],
    ...r.fields.map((f) => [
      f.field,
      `${formatCount(f.values)}${f.leaves > 1 ? ` ×${f.leaves}` : ''}`,
      `${Math.round(f.share * 100)}%`,
      `${f.field === r.dominant ? 'dominates; ' : ''}${f.explanation ?? ''}`,
    ]),
  ];
  const widths = rows[0].map((_, k) => Math.max(...rows.map((row) => row[k].length)));
  const lines = rows.map((row) => `  ${row.map((cell, k) => (k === row.length - 1 ? cell : k === 1 || k === 2 ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ')}`.trimEnd());
  return [head, ...lines].map(printable).join('\n');
}
