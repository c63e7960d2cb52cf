/**
 * Number, duration and statistics formatting shared by the text, HTML and JUnit reports.
 * Hand-rolled rather than `toLocaleString` so output does not depend on the host locale.
 */
import type { Stats, Worst } from '../engine/report.js';
import type { PropertyKind } from '../model/core/property.js';
import type { Parameters } from '../engine/scenario.js';

/** `1234567` -> `1,234,567` (rounded to an integer). */
export function formatCount(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** `0.06` -> `0.06 ms`, `12.3` -> `12 ms`, `1234` -> `1.23 s`, `125000` -> `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

/** A probability in scientific notation: `1.6e-17`. */
export function formatProbability(p: number): string {
  return p === 0 ? '0' : p.toExponential(1).replace('e+', 'e');
}

/** `size=small, rms=3`, or `` for none. */
export function formatParameters(parameters: Parameters): string {
  return Object.entries(parameters)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

/**
 * The statistics of one run as phrases, in a fixed order: distinct states (or runs and
 * steps for random mode), transitions, depth, speed, time, completeness, collision estimate.
 */
export function statsPhrases(stats: Stats): string[] {
  const out: string[] = [];
  const random = stats.distinctStates === null;
  if (random) {
    if (stats.runs !== undefined) out.push(`${formatCount(stats.runs)} runs`);
    out.push(`${formatCount(stats.steps ?? stats.transitions)} steps`);
  } else {
    out.push(`${formatCount(stats.distinctStates ?? 0)} distinct states`);
    out.push(`${formatCount(stats.transitions)} transitions`);
  }
  out.push(`depth ${stats.maxDepth}`);
  out.push(`${formatCount(stats.statesPerSecond)} ${random ? 'steps' : 'states'}/s`);
  out.push(formatDuration(stats.searchMs));
  out.push(stats.complete ? 'complete' : `stopped by ${stats.stoppedBy ?? 'a bound'}`);
  if (stats.timeToFailureMs !== undefined) out.push(`first failure after ${formatDuration(stats.timeToFailureMs)}`);
  if (stats.collisionProbability !== undefined) out.push(`collision risk ≤ ${formatProbability(stats.collisionProbability)}`);
  return out;
}

/** What the explorers pass to `onProgress`: exhaustive (states, depth, frontier) or random (runs, steps). */
export type Progress =
  | { readonly distinctStates: number; readonly transitions: number; readonly depth: number; readonly frontier: number; readonly elapsedMs: number }
  | { readonly runs: number; readonly steps: number; readonly elapsedMs: number };

/**
 * One status line for a run in progress (the CLI redraws it on a TTY), e.g.
 * `depth 7 · 12,345 states · frontier 3,210 · 98,765 states/s · 1.23 s`, or for random mode
 * `1,234 / 10,000 runs · 12,345 steps · 10,000 steps/s · 1.23 s` (`totalRuns` when known).
 */
export function formatProgress(p: Progress, totalRuns?: number): string {
  const perSecond = (n: number) => formatCount(p.elapsedMs > 0 ? (n * 1000) / p.elapsedMs : 0);
  if ('runs' in p) {
    const runs = totalRuns !== undefined ? `${formatCount(p.runs)} / ${formatCount(totalRuns)} runs` : `${formatCount(p.runs)} runs`;
    return [runs, `${formatCount(p.steps)} steps`, `${perSecond(p.steps)} steps/s`, formatDuration(p.elapsedMs)].join(' · ');
  }
  return [`depth ${p.depth}`, `${formatCount(p.distinctStates)} states`, `frontier ${formatCount(p.frontier)}`, `${perSecond(p.distinctStates)} states/s`, formatDuration(p.elapsedMs)].join(' · ');
}

/** A measured value: `300 s`, `3,720 s`, `1.5 h`, `4 steps`. */
function formatFigure(value: number, unit: string): string {
  const n = Number.isInteger(value) ? formatCount(value) : String(Number(value.toFixed(3)));
  return unit === 'steps' ? `${n} step${value === 1 ? '' : 's'}` : `${n} ${unit}`;
}

/**
 * A measured property's worst value, one phrase: `worst RPO 300 s`; `worst RTO never` (a
 * recovery path that never recovers), `worst RPO unbounded` (an always measure of Infinity);
 * `worst RPO at least 120 s` when the search stopped before measuring every state.
 */
export function formatWorst(kind: PropertyKind, w: Pick<Worst, 'label' | 'unit' | 'value' | 'complete'>): string {
  if (w.value === Infinity) return `worst ${w.label} ${kind === 'recovers' ? 'never' : 'unbounded'}`;
  return `worst ${w.label} ${w.complete ? '' : 'at least '}${formatFigure(w.value, w.unit)}`;
}
