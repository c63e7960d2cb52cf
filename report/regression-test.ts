/**
 * The Vitest regression test for a saved counterexample (`faultline replay FILE
 * --emit-test`). Kept out of vitest.ts so the CLI never imports Vitest.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { loadTrace } from '../engine/trace.js';
import { printable } from '../engine/trace-integrity.js';

/**
 * The text of a Vitest file that replays `traceFile` by the replay rule (for `faultline
 * replay FILE --emit-test`); a malformed or hand-edited trace throws TraceError. With
 * `testFile` (where the text will be written) the trace is found relative to the test file;
 * otherwise by the path as given, from the working directory.
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
  // Text from the file goes into comments escaped: a line break there would end the comment.
  const property = printable(trace.property);
  return [
    `// Regression test: the counterexample in ${printable(traceFile)} (${trace.steps.length} steps).`,
    `// It fails while the design still breaks ${property} this way (or, once this trace no longer`,
    `// reproduces, another way within its length plus a margin), and passes once it is fixed.`,
    `import { test } from 'vitest';`,
    `import { replayTrace } from ${JSON.stringify(from)};`,
    ``,
    `test(${JSON.stringify(name)}, async () => {`,
    `  await replayTrace(${where});`,
    `});`,
    ``,
  ].join('\n');
}
