/** Plain-text output of `faultline check`: one line per scenario and property, then details. */
import type { CheckResult } from '../engine/check.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatCheckText(results: readonly CheckResult[], files: ReadonlyMap<CheckResult, ReadonlyMap<string, string>>): string {
  const lines: string[] = [];
  let bad = 0;
  let total = 0;
  for (const r of results) {
    const params = Object.entries(r.parameters).map(([k, v]) => `${k}=${v}`).join(' ');
    for (const p of r.properties) {
      total++;
      if (!p.met) bad++;
      const cx = p.counterexample ? `  (${p.counterexample.length} actions)` : '';
      lines.push(`${p.met ? 'ok  ' : 'FAIL'}  ${r.scenario} [${r.mode}]  ${p.name} (${p.kind}): expected ${p.expected}, got ${p.verdict}${cx}`);
    }
    const s = r.stats;
    const where = s.complete ? 'complete' : `stopped by ${s.stoppedBy}`;
    const size = r.mode === 'exhaustive' ? `${fmt(s.distinctStates ?? 0)} states, ${fmt(s.transitions)} transitions, depth ${s.maxDepth}` : `${fmt(s.runs ?? 0)} runs, ${fmt(s.steps ?? 0)} steps, depth ${s.maxDepth}`;
    const rate = r.mode === 'exhaustive' ? 'states/s' : 'steps/s';
    lines.push(`      ${size}, ${(s.searchMs / 1000).toFixed(2)} s, ${fmt(s.statesPerSecond)} ${rate}, ${where}${params ? `  [${params}]` : ''}`);
    for (const p of r.properties) {
      if (!p.counterexample) continue;
      const cx = p.counterexample;
      lines.push(`      ${p.name} counterexample (${cx.length} actions):`);
      cx.labels.forEach((label, i) => {
        const mark = cx.recoveryFrom !== undefined && i === cx.recoveryFrom ? '   -- recovery path from here --\n' : '';
        lines.push(`${mark}        ${i + 1}. ${label} [${cx.actions[i].kind}]`);
      });
      const saved = files.get(r)?.get(p.name);
      if (saved) lines.push(`        saved ${saved}`);
    }
  }
  lines.push(bad === 0 ? `${total} properties: all as expected` : `${bad} of ${total} properties not as expected`);
  return lines.join('\n') + '\n';
}
