/** `faultline merge FILES...`: one report from the --json results of sharded runs. */
import { readFileSync } from 'node:fs';
import { InputError } from '../engine/scenario.js';
import { mergeJsonRuns, parseJsonRuns } from '../report/merge.js';

export function mergeCommand(files: readonly string[], o: { json?: boolean }): void {
  const shards = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return parseJsonRuns(text, file);
  });
  const merged = mergeJsonRuns(shards);
  const unmet = merged.flatMap((r) => r.properties.filter((p) => p.expected !== p.verdict).map((p) => `${r.scenario} [${r.mode}] ${p.name}`));
  if (o.json) process.stdout.write(JSON.stringify(merged, null, 2) + '\n');
  else {
    for (const r of merged) {
      for (const p of r.properties) {
        const cx = p.counterexample ? `  (${p.counterexample.length} steps${p.counterexample.file ? `, ${p.counterexample.file}` : ''})` : '';
        process.stdout.write(`${p.expected === p.verdict ? 'ok  ' : 'FAIL'}  ${r.scenario} [${r.mode}]  ${p.name}: expected ${p.expected}, got ${p.verdict}${cx}\n`);
      }
      process.stdout.write(`      ${r.stats.runs ?? 0} runs, ${r.stats.steps ?? r.stats.transitions} steps over ${r.stats.shards ?? files.length} shards\n`);
    }
    process.stdout.write(unmet.length === 0 ? `${files.length} shards merged: all as expected\n` : `${unmet.length} not as expected: ${unmet.join(', ')}\n`);
  }
  if (unmet.length > 0) process.exitCode = 1;
}
