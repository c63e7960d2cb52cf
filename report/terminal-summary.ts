/**
 * The default `faultline check` output, sized for a terminal: one line per scenario, mode and
 * property; then, for the verdicts that did not come out as declared only, the run's
 * statistics (why a search stopped) and the counterexample; then a summary. Expected
 * failures are one line each: their traces are saved, and `--verbose` (formatResults in
 * text.ts) prints every trace, each run's statistics and the action coverage.
 */
import type { CheckResult, PropertyOutcome } from '../engine/check.js';
import type { Model } from '../model/core/model.js';
import { palette } from './colors.js';
import { formatParameters, formatWorst, statsPhrases } from './format.js';
import { formatCounterexample } from './text.js';

export interface SummaryOptions {
  /** Emit ANSI colours. */
  readonly color: boolean;
  /** The model a result was checked on (to replay the changed fields of a trace); labels only without. */
  readonly modelFor?: (result: CheckResult) => Model<any, any> | undefined;
  /** Where a counterexample was saved. */
  readonly traceFile?: (result: CheckResult, property: PropertyOutcome) => string | undefined;
  /** The directory traces are saved in, named in the closing hint. */
  readonly traceDir?: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A row's cells: mark, scenario, mode, property, verdict, then the length or the expectation missed, and a measured property's worst value. */
function rowCells(r: CheckResult, p: PropertyOutcome): string[] {
  const length = p.counterexample ? plural(p.counterexample.length, 'step') : '';
  const worst = p.worst ? formatWorst(p.kind, p.worst) : '';
  const note = [p.met ? '' : `expected ${p.expected}`, length, worst].filter(Boolean).join(', ');
  return [p.met ? '✓' : '✗', r.scenario, r.mode, p.name, p.verdict, note];
}

/** The whole default report (see the module comment). */
export function formatSummary(results: readonly CheckResult[], opts: SummaryOptions): string {
  const c = palette(opts.color);
  const rows = results.flatMap((r) => r.properties.map((p) => ({ r, p, cells: rowCells(r, p) })));
  const widths = rows.reduce<number[]>((w, { cells }) => cells.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  const out: string[] = [];
  for (const { p, cells } of rows) {
    const padded = cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])));
    padded[0] = p.met ? c.green(padded[0]) : c.red(c.bold(padded[0]));
    if (!p.met) padded[4] = c.red(padded[4]);
    out.push(padded.join('  ').trimEnd());
  }

  for (const r of results) {
    const unmet = r.properties.filter((p) => !p.met);
    if (unmet.length === 0) continue;
    const model = opts.modelFor?.(r);
    const params = formatParameters(r.parameters);
    const stats = c.dim(`    ${params ? `${params}; ` : ''}${statsPhrases(r.stats).join(', ')}${r.seed !== undefined ? `, seed ${r.seed}` : ''}`);
    for (const p of unmet) {
      out.push('', c.red(c.bold(`✗ ${r.scenario} (${r.mode}): ${p.name} got ${p.verdict}, expected ${p.expected}`)), stats);
      if (p.reason) out.push(c.dim(`    ${p.reason}`));
      if (!p.counterexample) continue;
      out.push(formatCounterexample(model, p, p.counterexample, { color: opts.color, indent: '    ' }));
      const file = opts.traceFile?.(r, p);
      if (file) out.push(`    ${c.dim('saved:')} ${file}`);
    }
  }

  const checks = rows.length;
  const unmet = rows.filter(({ p }) => !p.met).length;
  const summary = `${plural(results.length, 'run')}, ${plural(checks, 'check')}: ${checks - unmet} as expected, ${unmet} not`;
  out.push('', unmet === 0 ? c.green(summary) : c.red(c.bold(summary)));
  const saved = rows.filter(({ r, p }) => p.counterexample && opts.traceFile?.(r, p)).length;
  const where = saved > 0 ? `${plural(saved, 'trace')} saved in ${opts.traceDir ?? 'the trace directory'}; ` : '';
  out.push(c.dim(`${where}--verbose prints every trace, each run's statistics and the action coverage`));
  return out.join('\n');
}
