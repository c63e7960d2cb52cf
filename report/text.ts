/**
 * The terminal report: a counterexample as numbered steps (component, kind, label, and only
 * the fields that changed), with the violation marked; and `formatResults`, the whole
 * `faultline check` output (a verdict line per scenario, mode and property, statistics,
 * traces of failures, coverage). Colour only when `color` is true; none of it otherwise.
 */
import type { Action, Model } from '../model/core/model.js';
import type { PropertyKind } from '../model/core/property.js';
import type { CheckResult, PropertyOutcome } from '../engine/check.js';
import type { Counterexample, Worst } from '../engine/report.js';
import { palette, type Palette } from './colors.js';
import { formatValue } from './diff.js';
import { formatParameters, formatWorst, statsPhrases } from './format.js';
import { catalogOf, coverageLines, type CatalogByComponent } from './coverage.js';
import { viewCounterexample, type StepView, type TraceView } from './view.js';

export interface TextOptions {
  /** Emit ANSI colours (the CLI: stdout is a TTY and NO_COLOR is unset). */
  readonly color: boolean;
  /** Prefix of every line (default none). */
  readonly indent?: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ` within 3 steps` / ` within 300 s` for a recovers view, else nothing. */
export function recoveryBound(view: TraceView): string {
  if (view.within !== undefined) return ` within ${plural(view.within, 'step')}`;
  if (view.withinSeconds !== undefined) return ` within ${view.withinSeconds} s`;
  return '';
}

/** `2 steps, then a cycle of 3 steps that repeats for ever` (a lasso's shape). */
export function lassoShape(view: TraceView): string {
  const n = view.steps.length;
  const loop = view.loopIndex ?? n;
  if (loop === n) return `${plural(n, 'step')}, then the last state lasts for ever`;
  return `${plural(loop, 'step')}, then a cycle of ${plural(n - loop, 'step')} that repeats for ever`;
}

/** One sentence saying what the trace shows. */
function headline(view: TraceView): string {
  const steps = plural(view.steps.length, 'step');
  switch (view.kind) {
    case 'always':
      return `${view.property} (always) is violated after ${steps}`;
    case 'sometimes':
      return `${view.property} (sometimes) is reached after ${steps}`;
    case 'recovers':
      return `${view.property} (recovers) does not recover${recoveryBound(view)}: ${steps}`;
    case 'eventually':
      return `${view.property} (eventually) never holds on this fair path: ${lassoShape(view)}`;
    case 'leadsTo':
      return `${view.property} (leadsTo) is triggered and never answered on this fair path: ${lassoShape(view)}`;
    case 'eventuallyAlways':
      return `${view.property} (eventuallyAlways) is lost again and again on this fair path: ${lassoShape(view)}`;
    case 'alwaysEventually':
      return `${view.property} (alwaysEventually) stops holding for good on this fair path: ${lassoShape(view)}`;
  }
}

/** A recovery path that restored the predicate and lost it again. */
function flapped(view: TraceView): boolean {
  return view.recoveryPath?.lostStep !== undefined;
}

function marker(view: TraceView): string {
  if (view.kind === 'sometimes') return `◆ ${view.property} reached`;
  if (view.kind === 'recovers') return flapped(view) ? `✗ ${view.property} does not stay restored` : `✗ ${view.property} still not restored`;
  if (view.kind !== 'always') return `✗ ${view.property} violated for ever`;
  return `✗ ${view.property} violated`;
}

/** The lines after a lasso's last step: where it loops back to. */
export function loopBack(view: TraceView): string {
  const n = view.steps.length;
  const loop = view.loopIndex ?? n;
  if (loop === n) return '↺ stays in this state for ever: no fair action (control, Tick, recovery op) is enabled in it';
  return `↺ back to ${loop === 0 ? 'the initial state' : `the state after step ${loop}`}: steps ${loop + 1}–${n} repeat for ever`;
}

/** Renders a trace view (see `viewCounterexample`) as terminal text. */
export function formatTrace(view: TraceView, opts: TextOptions): string {
  const c = palette(opts.color);
  const pad = opts.indent ?? '';
  const lines: string[] = [c.bold(headline(view))];
  if (view.description) lines.push(c.dim(`  ${view.description}`));
  if (view.seed !== undefined) lines.push(c.dim(`  seed ${view.seed}${view.path !== undefined ? `, path ${view.path}` : ''}`));
  const numWidth = String(view.steps.length).length;
  const compWidth = Math.max(0, ...view.steps.map((s) => s.component.length));
  const kindWidth = Math.max(0, ...view.steps.map((s) => s.kind.length));
  if (view.violationStep === 0) lines.push(`  ${c.red(c.bold(`${marker(view)} in the initial state`))}`);
  const gap = `  ${' '.repeat(numWidth)}  `;
  for (const st of view.steps) {
    if (view.recoveryFrom !== undefined && st.step === view.recoveryFrom + 1) lines.push(recoveryRule(c));
    if (view.loopIndex !== undefined && st.step === view.loopIndex + 1) lines.push(loopRule(c));
    lines.push(...stepLines(st, view, c, numWidth, compWidth, kindWidth));
  }
  const why = recoveryEnd(view);
  if (view.recoveryFrom !== undefined && view.recoveryFrom >= view.steps.length && why === undefined) {
    const empty = view.within === 0 ? 'within 0 steps: the property had to hold already' : 'no recovery move is enabled: the recovery path is stuck';
    lines.push(recoveryRule(c), `${gap}${c.dim(empty)}`);
  } else if (why !== undefined) lines.push(`${gap}${c.dim(why)}`);
  if (view.loopIndex !== undefined) lines.push(`${gap}${c.yellow(loopBack(view))}`);
  if (view.kind === 'recovers') lines.push(`  ${c.red(c.bold(`${marker(view)}${flapped(view) ? '' : recoveryBound(view)}`))}`);
  else if (view.kind !== 'always' && view.kind !== 'sometimes') lines.push(`  ${c.red(c.bold(marker(view)))}`);
  return lines.map((l) => pad + l).join('\n');
}

/**
 * Why a recovers counterexample's recovery path ends where it does, when the view can tell:
 * a flap (restored, then lost), a loop, more zero-time steps in a row than allowed, or a
 * path shorter than the bound (nothing was left to act).
 */
function recoveryEnd(view: TraceView): string | undefined {
  if (view.kind !== 'recovers' || view.recoveryFrom === undefined) return undefined;
  const r = view.recoveryPath;
  if (r?.lostStep !== undefined) {
    const at = r.restoredStep === view.recoveryFrom ? 'where the recovery path starts' : `after step ${r.restoredStep}`;
    return `↯ a flap: restored ${at}, lost again at step ${r.lostStep} (it must keep holding once restored)`;
  }
  if (view.loopIndex !== undefined) return 'the recovery path never restores it: it goes round a cycle';
  const taken = view.steps.length - view.recoveryFrom;
  if (taken === 0) return undefined;
  if (view.within !== undefined) return taken < view.within ? 'no recovery move is enabled any more: the recovery path is stuck' : undefined;
  if (view.withinSeconds !== undefined && view.tickSeconds !== undefined && r !== undefined) {
    const run = trailingRun(view);
    if (view.maxStepsBetweenTicks !== undefined && run > view.maxStepsBetweenTicks) return `more than ${view.maxStepsBetweenTicks} control steps in a row without time passing`;
    const s = r.ticks * view.tickSeconds;
    if (s <= view.withinSeconds) return `no recovery move is enabled any more after ${s} s: the recovery path is stuck`;
    return `${s} s passed (${plural(r.ticks, 'tick')} of ${view.tickSeconds} s) without it`;
  }
  return undefined;
}

/** Steps at the end of the trace since its last Tick. */
function trailingRun(view: TraceView): number {
  let n = 0;
  for (let i = view.steps.length - 1; i >= (view.recoveryFrom ?? 0) && view.steps[i].action.type !== 'Tick'; i--) n++;
  return n;
}

function loopRule(c: Palette): string {
  return `  ${c.yellow('── cycle: the steps below repeat for ever ──')}`;
}

function recoveryRule(c: Palette): string {
  return `  ${c.yellow('── recovery path: faults and ops stop, control actions only ──')}`;
}

function kindColor(c: Palette, kind: string): (s: string) => string {
  return kind === 'fault' ? c.red : kind === 'control' ? c.cyan : c.green;
}

function stepLines(st: StepView, view: TraceView, c: Palette, numWidth: number, compWidth: number, kindWidth: number): string[] {
  const violating = st.step === view.violationStep && (view.kind === 'always' || view.kind === 'sometimes');
  const num = `${String(st.step).padStart(numWidth)}.`;
  const head = `  ${c.dim(num)} ${c.bold(st.component.padEnd(compWidth))}  ${kindColor(c, st.kind)(st.kind.padEnd(kindWidth))}  ${st.label}`;
  const out = [violating ? `${head}  ${c.red(c.bold(marker(view)))}` : head];
  const indent = ' '.repeat(numWidth + 5);
  for (const ch of st.changes) {
    const line = `${ch.path}: ${formatValue(ch.before)} → ${formatValue(ch.after)}`;
    out.push(indent + (violating ? c.red(line) : line));
  }
  return out;
}

/**
 * A counterexample as terminal text: replays `cx` on `model` for the changed fields (pass
 * `undefined` for labels only).
 */
export function formatCounterexample(
  model: Model<any, any> | undefined,
  property: { readonly name: string; readonly kind: PropertyKind },
  cx: Counterexample<Action>,
  opts: TextOptions,
): string {
  return formatTrace(viewCounterexample(model, property, cx), opts);
}

export interface ResultsOptions extends TextOptions {
  /** The model a result was checked on (to replay states for the traces); labels only without. */
  readonly modelFor?: (result: CheckResult) => Model<any, any> | undefined;
  /** Action catalogs by component (for never-fired actions); default: from the model's `components`. */
  readonly catalog?: CatalogByComponent;
  /** Where a counterexample was saved, printed under its trace. */
  readonly traceFile?: (result: CheckResult, property: PropertyOutcome) => string | undefined;
  /** Print coverage (default true when the result has any). */
  readonly coverage?: boolean;
}

/** The verdict table row cells of one property. */
function rowCells(r: CheckResult, p: PropertyOutcome): string[] {
  const cx = p.counterexample ? plural(p.counterexample.length, 'step') : '';
  const worst = p.worst ? formatWorst(p.kind, p.worst) : '';
  return [r.scenario, r.mode, p.name, p.kind, `expected ${p.expected}`, `got ${p.verdict}`, p.met ? '✓' : '✗', [cx, worst].filter(Boolean).join(', ')];
}

/** Whether two traces are the same steps (a "never" witness that is the counterexample). */
function sameTrace(a: Counterexample<Action> | undefined, b: Counterexample<Action>): boolean {
  return a !== undefined && a.initIndex === b.initIndex && a.recoveryFrom === b.recoveryFrom && a.loopIndex === b.loopIndex && a.labels.length === b.labels.length && a.labels.every((l, i) => l === b.labels[i]);
}

/**
 * The witness of a measured property's worst value as terminal text: the path to a state
 * with it (and, for recovers, the recovery path that takes that long), as `formatTrace`
 * draws a counterexample's steps, with no violation marked. `counterexample`: the property's,
 * named instead of drawn again when the witness is the same trace.
 */
export function formatWitness(
  model: Model<any, any> | undefined,
  property: { readonly name: string; readonly kind: PropertyKind },
  worst: Worst<Action>,
  counterexample: Counterexample<Action> | undefined,
  opts: TextOptions,
): string {
  const c = palette(opts.color);
  const pad = opts.indent ?? '';
  const phrase = formatWorst(property.kind, worst);
  if (sameTrace(counterexample, worst.trace)) return pad + c.bold(`${phrase}: ${property.name}'s counterexample above reaches it`);
  const view = { ...viewCounterexample(model, property, worst.trace), violationStep: -1 };
  const n = view.steps.length;
  const from = view.recoveryFrom;
  const ticks = from === undefined ? 0 : view.steps.slice(from).filter((st) => st.action.type === 'Tick').length;
  const never = worst.value === Infinity && from !== undefined;
  const to = from === 0 ? 'from the initial state' : `a shortest path to ${never ? 'a state that never recovers' : 'the state'}, ${plural(from ?? 0, 'step')}`;
  const head =
    from === undefined
      ? n === 0
        ? 'in the initial state'
        : `a shortest path to it, ${plural(n, 'step')}`
      : never
        ? `${to}, then a recovery path that shows it, ${plural(n - from, 'step')}`
        : `${to}, then its slowest recovery path, ${plural(n - from, 'step')}`;
  const lines = [c.bold(`${phrase}: ${property.name}, ${head}`)];
  const numWidth = String(n).length;
  const compWidth = Math.max(0, ...view.steps.map((s) => s.component.length));
  const kindWidth = Math.max(0, ...view.steps.map((s) => s.kind.length));
  const gap = `  ${' '.repeat(numWidth)}  `;
  for (const st of view.steps) {
    if (from !== undefined && st.step === from + 1) lines.push(recoveryRule(c));
    if (view.loopIndex !== undefined && st.step === view.loopIndex + 1) lines.push(loopRule(c));
    lines.push(...stepLines(st, view, c, numWidth, compWidth, kindWidth));
  }
  if (never) {
    const restored = view.recoveryPath?.restoredStep;
    const why =
      view.loopIndex !== undefined
        ? 'the recovery path never restores it: it goes round a cycle'
        : restored !== undefined && view.recoveryPath?.lostStep !== undefined
          ? `↯ restored ${restored === from ? 'where the recovery path starts' : `after step ${restored}`}, lost again at step ${view.recoveryPath.lostStep}`
          : 'no recovery move is enabled any more: the recovery path is stuck';
    if (from >= n) lines.push(recoveryRule(c));
    lines.push(`${gap}${c.dim(why)}`);
  } else if (from !== undefined && from >= n) lines.push(recoveryRule(c), `${gap}${c.dim('no recovery needed: it holds here, and stays')}`);
  else if (from !== undefined) {
    const tick = view.tickSeconds;
    const took = worst.unit === 's' && tick !== undefined ? `${worst.value} s (${plural(ticks, 'tick')} of ${tick} s)` : plural(n - from, 'step');
    lines.push(`${gap}${c.dim(`restored after ${took}, and it stays`)}`);
  }
  if (view.loopIndex !== undefined) lines.push(`${gap}${c.yellow(loopBack(view))}`);
  return lines.map((l) => pad + l).join('\n');
}

/**
 * The whole check output: one aligned line per scenario, mode and property (scenario,
 * mode, property, kind, expected, verdict, ✓/✗, counterexample length), each run's
 * statistics, the numbered steps of every failed property, and the action coverage; then a
 * one-line summary.
 */
export function formatResults(results: readonly CheckResult[], opts: ResultsOptions): string {
  const c = palette(opts.color);
  const rows = results.flatMap((r) => r.properties.map((p) => rowCells(r, p)));
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  const out: string[] = [];
  for (const r of results) {
    const model = opts.modelFor?.(r);
    for (const p of r.properties) {
      const row = rowCells(r, p);
      const cells = row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])));
      cells[6] = p.met ? c.green(cells[6]) : c.red(c.bold(cells[6]));
      cells[5] = p.met ? cells[5] : c.red(cells[5]);
      out.push(cells.join('  ').trimEnd());
    }
    const params = formatParameters(r.parameters);
    out.push(c.dim(`    ${params ? `${params}; ` : ''}${statsPhrases(r.stats).join(', ')}${r.seed !== undefined ? `, seed ${r.seed}` : ''}`));
    for (const p of r.properties) if (p.reason) out.push(c.dim(`    ${p.name}: ${p.reason}`));
    for (const p of r.properties) {
      if (p.verdict !== 'fails' || !p.counterexample) continue;
      out.push('', formatCounterexample(model, p, p.counterexample, { color: opts.color, indent: '    ' }));
      const file = opts.traceFile?.(r, p);
      if (file) out.push(`    ${c.dim('saved:')} ${file}`);
    }
    for (const p of r.properties) {
      if (p.worst) out.push('', formatWitness(model, p, p.worst, p.verdict === 'fails' ? p.counterexample : undefined, { color: opts.color, indent: '    ' }));
    }
    if (opts.coverage !== false && r.coverage) {
      const catalog = opts.catalog ?? (model ? catalogOf(model) : undefined);
      out.push('', ...coverageLines(r, catalog, c).map((l) => `    ${l}`));
    }
    out.push('');
  }
  const checks = rows.length;
  const unmet = results.reduce((n, r) => n + r.properties.filter((p) => !p.met).length, 0);
  const summary = `${results.length} run${results.length === 1 ? '' : 's'}, ${checks} check${checks === 1 ? '' : 's'}: ${checks - unmet} as expected, ${unmet} not`;
  out.push(unmet === 0 ? c.green(summary) : c.red(c.bold(summary)));
  return (opts.indent ? out.map((l) => (l ? opts.indent + l : l)) : out).join('\n');
}
