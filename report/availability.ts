/** `faultline availability` as text: per property the availability, nines, downtime and mean time to the first loss; then how the chain was timed. */
import { MINUTES_PER_YEAR } from '../engine/availability/analyze.js';
import type { ScenarioAvailability, ScenarioMonteCarlo } from '../engine/availability/scenario.js';

const YEAR = 365.25 * 24 * 3600;

function percent(a: number): string {
  // Enough digits to show every nine.
  return `${(a * 100).toFixed(Math.min(12, Math.max(3, Math.ceil(-Math.log10(Math.max(1 - a, 1e-14))) + 1)))} %`;
}
function duration(seconds: number): string {
  if (seconds === Infinity) return 'never';
  if (seconds >= YEAR) return `${(seconds / YEAR).toPrecision(3)} years`;
  if (seconds >= 86400) return `${(seconds / 86400).toPrecision(3)} days`;
  if (seconds >= 3600) return `${(seconds / 3600).toPrecision(3)} h`;
  return `${seconds.toPrecision(3)} s`;
}

export function formatAvailability(a: ScenarioAvailability): string {
  const lines: string[] = [];
  for (const r of a.results) {
    lines.push(`${a.scenario}  ${r.property}  ${percent(r.availability)}  ${Number.isFinite(r.nines) ? r.nines.toFixed(1) : '∞'} nines  ${r.downtimeMinutesPerYear.toPrecision(3)} min down a year  first loss after ${duration(r.meanTimeToFailureSeconds)} on average`);
    lines.push(`  chain: ${r.tangibleStates.toLocaleString('en-US')} states (${r.vanishingStates.toLocaleString('en-US')} zero-time states eliminated), ${r.sweeps.toLocaleString('en-US')} sweeps${r.converged ? '' : ', NOT converged: the figures are not reliable'}`);
    if (r.faultShares.length > 0) lines.push(`  downtime by fault: ${r.faultShares.map((f) => `${f.type} ${(f.share * 100).toFixed(1)} %`).join(', ')}`);
  }
  return lines.join('\n') + '\n' + rateLines(a);
}

/** `faultline availability --monte-carlo` as text: per property the estimate with its interval (in nines and minutes a year), how it was run and whether it converged; then the rates. */
export function formatMonteCarlo(a: ScenarioMonteCarlo): string {
  const lines: string[] = [];
  const n = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '∞');
  const minutes = (u: number) => (Number.isFinite(u) ? (u * MINUTES_PER_YEAR).toPrecision(3) : '?');
  const count = (x: number) => x.toLocaleString('en-US');
  for (const r of a.results) {
    const level = `${(r.confidence * 100).toPrecision(2)} %`;
    if (!(r.unavailability > 0)) lines.push(`${a.scenario}  ${r.property}  no estimate: ${r.hits === 0 && r.cycles > 0 ? `no downtime seen in ${count(r.cycles)} cycles` : 'no cycle completed'}`);
    else lines.push(`${a.scenario}  ${r.property}  ${Number.isFinite(r.unavailability) ? percent(r.availability) : '?'}  ${n(r.nines)} nines (${level} interval ${n(r.ninesLow)} .. ${n(r.ninesHigh)})  ${minutes(r.unavailability)} min down a year (${minutes(r.low)} .. ${minutes(r.high)})`);
    const verdict = r.converged ? `converged: ±${(r.relativeHalfWidth * 100).toPrecision(2)} % (±${(r.precision * 100).toPrecision(2)} % asked for)` : `NOT converged: ${r.note}`;
    lines.push(`  Monte Carlo (seed ${r.seed}): ${verdict}; ${count(r.cycles)} cycles, ${count(r.events)} jumps, ${count(r.statesVisited)} states visited`);
    const why = r.converged && r.note ? ` (${r.note})` : '';
    lines.push(`  importance sampling: ${r.importanceSampling ? `balanced failure biasing, ${count(r.biasedEpisodes)} biased episodes` : 'no'}${why}`);
  }
  return lines.join('\n') + '\n' + rateLines(a);
}

/** How each action was timed. */
function rateLines(a: { readonly rates: ScenarioAvailability['rates']; readonly tickSeconds: number | undefined }): string {
  const lines: string[] = [];
  lines.push('rates:');
  for (const u of a.rates) {
    if (u.from === 'control') continue;
    const how = u.from === 'tick' ? `1 per ${a.tickSeconds} s (the clock: a countdown of k ticks is an Erlang-k delay)` : u.from === 'given' ? 'given' : `default (${u.source})`;
    lines.push(`  ${u.type}: ${how}${u.assumption ? ' [assumption]' : ''}`);
  }
  const immediate = a.rates.filter((u) => u.from === 'control').map((u) => u.type);
  if (immediate.length > 0) lines.push(`  immediate (AWS's control steps take no time): ${immediate.join(', ')}`);
  return lines.join('\n') + '\n';
}
