/**
 * Where `faultline check` puts its results on disk: destinations checked before the search,
 * a saved trace per failing property, and the extra trace formats beside each trace.
 */
import type { CheckResult } from '../engine/check.js';
import { saveTrace, toTrace } from '../engine/trace.js';
import type { Model } from '../model/core/model.js';
import { counterexampleToItf } from '../report/itf.js';
import { counterexampleToMermaid } from '../report/mermaid.js';
import { InputError } from '../engine/scenario.js';
import { assertDirectoryUsable, assertDistinct, assertWritable, GENERATED_MARK, whyNotReplace, writeOutput } from './outputs.js';

/** Every destination is checked before anything is explored: one line, exit 2. */
export function checkDestinations(o: { readonly out: string; readonly html?: string; readonly junit?: string }): void {
  assertDistinct([
    ['--out', o.out],
    ['--html', o.html],
    ['--junit', o.junit],
  ]);
  assertDirectoryUsable(o.out, '--out');
  if (o.html) assertWritable(o.html, '--html');
  if (o.junit) assertWritable(o.junit, '--junit');
}

/**
 * With --format itf or mermaid, writes that form beside each saved JSON trace, marked as
 * faultline's (an ITF `#meta` field, a Mermaid comment) so that only such a file is replaced.
 */
export function saveExtraFormats(
  results: readonly CheckResult[],
  files: Map<CheckResult, Map<string, string>>,
  modelFor: (r: CheckResult) => Model<any, any> | undefined,
  format: 'itf' | 'mermaid',
  attempt: (write: () => void) => void,
): void {
  for (const r of results) {
    for (const p of r.properties) {
      const json = files.get(r)?.get(p.name);
      if (!json || !p.counterexample) continue;
      const model = modelFor(r)!;
      let text: string;
      if (format === 'itf') {
        const itf = counterexampleToItf(model, p.counterexample, { scenario: r.scenario, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode });
        text = JSON.stringify({ ...itf, '#meta': { generator: GENERATED_MARK, ...itf['#meta'] } }, null, 2) + '\n';
      } else {
        const diagram = counterexampleToMermaid(model, p, p.counterexample, { title: `${r.scenario}: ${p.name}` });
        text = diagram.replace(/^sequenceDiagram\n/, `sequenceDiagram\n  %% ${GENERATED_MARK}\n`) + '\n';
      }
      const extra = json.replace(/\.json$/, format === 'itf' ? '.itf.json' : '.mmd');
      attempt(() => {
        const why = whyNotReplace(extra);
        if (why) throw new InputError(`--format ${format}: ${extra} ${why.replace(/; .*$/, '')}; left as it is (the trace is in ${json}: faultline replay ${json} --format ${format})`);
        writeOutput(extra, text, `--format ${format}`);
      });
    }
  }
}

/** Saves one trace per failing property; returns property name -> file. */
export function saveFailures(r: CheckResult, dir: string, file: string | undefined): Map<string, string> {
  const saved = new Map<string, string>();
  for (const p of r.properties) {
    if (!p.counterexample) continue;
    const trace = toTrace(p.counterexample, { scenario: r.scenario, file, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode });
    saved.set(p.name, saveTrace(trace, dir));
  }
  return saved;
}
