/**
 * The Vitest regression test for a saved counterexample (`faultline replay FILE
 * --emit-test`). Kept out of vitest.ts so the CLI never imports Vitest.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { loadTrace } from '../engine/trace.js';

/**
 * The text of a Vitest file that replays `traceFile` (for `faultline replay FILE
 * --emit-test`). With `testFile` (where the text will be written) the trace is found
 * relative to the test file; otherwise by the path as given, from the working directory.
 */
export function emitRegressionTest(traceFile: string, opts: { readonly testFile?: string; readonly importFrom?: string } = {}): string {
  const trace = loadTrace(traceFile);
  const from = opts.importFrom ?? 'faultline/vitest';
  let where: string;
  if (opts.testFile) {
    let rel = relative(dirname(resolve(opts.testFile)), resolve(traceFile)).split(sep).map(encodeURIComponent).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    where = `new URL(${JSON.stringify(rel)}, import.meta.url)`;
  } else where = JSON.stringify(traceFile);
  const name = `${trace.scenario}: ${trace.property} is no longer ${trace.kind === 'sometimes' ? 'reached' : 'violated'} by the saved ${trace.mode} trace`;
  return [
    `// Regression test: the counterexample in ${traceFile.replace(/[\r\n]/g, ' ')} (${trace.steps.length} steps).`,
    `// It fails while the design still breaks ${trace.property} this way, and passes once it is fixed.`,
    `import { test } from 'vitest';`,
    `import { replayTrace } from ${JSON.stringify(from)};`,
    ``,
    `test(${JSON.stringify(name)}, async () => {`,
    `  await replayTrace(${where});`,
    `});`,
    ``,
  ].join('\n');
}
