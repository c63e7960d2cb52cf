/**
 * The Vitest regression test for a saved counterexample (`faultline replay FILE
 * --emit-test`). Kept out of vitest.ts so the CLI never imports Vitest.
 *
 * The test is self-contained where users put it: it embeds the trace (faultline-traces/*.json
 * is usually not committed, the test is) and imports the scenario module the trace was made
 * from, by a path relative to the test, or the package for a bundled scenario, so there is no
 * scenario registry to configure. It is TypeScript with ES module syntax and no
 * `import.meta`: Vitest runs it, and `tsc` checks it, in a CommonJS package as in an ES module one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTrace, TraceError } from '../engine/trace.js';
import { printable } from '../engine/trace-integrity.js';

export interface RegressionTestOptions {
  /** Where the text will be written (default: the trace's path with `.test.ts` for `.json`). */
  readonly testFile?: string;
  /** The module `replayTrace` comes from (default `faultline/vitest`). */
  readonly importFrom?: string;
  /** The package a bundled scenario comes from (default `faultline`). */
  readonly packageFrom?: string;
}

/** The test file `--emit-test` writes when not given one: beside the trace. */
export function defaultTestFile(traceFile: string): string {
  return traceFile.replace(/\.json$/, '') + '.test.ts';
}

/**
 * The text of a Vitest file that replays the trace in `traceFile` by the replay rule; a
 * malformed or hand-edited trace, or a scenario file that cannot be found, throws TraceError.
 * The scenario file is found as `faultline replay` finds it: from the working directory, else
 * beside the trace.
 */
export function emitRegressionTest(traceFile: string, opts: RegressionTestOptions = {}): string {
  const trace = loadTrace(traceFile); // validates, checksum included
  const testFile = resolve(opts.testFile ?? defaultTestFile(traceFile));
  const scenarioImport = trace.file ? `import * as scenarioModule from ${JSON.stringify(moduleSpecifier(scenarioFile(trace.file, traceFile), testFile))};` : `import { bundledScenarios } from ${JSON.stringify(opts.packageFrom ?? 'faultline')};`;
  const lookup = trace.file ? '{ module: scenarioModule }' : '{ scenarios: bundledScenarios }';
  // The document as saved, not as parsed: parsing fills in defaults, and the checksum covers what was saved.
  const text = readFileSync(traceFile, 'utf8');
  const saved = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  const name = `${trace.scenario}: ${trace.property} is no longer ${trace.kind === 'sometimes' ? 'reached' : 'violated'} by the saved ${trace.mode} trace`;
  // Text from the file goes into comments escaped: a line break there would end the comment.
  return [
    `// Regression test: the counterexample faultline saved in ${printable(traceFile)} (${trace.steps.length} step${trace.steps.length === 1 ? '' : 's'}),`,
    `// embedded below. It fails while the design still breaks ${printable(trace.property)} this way (or, once this`,
    `// trace no longer reproduces, another way within its length plus a margin), and passes once it is fixed.`,
    `// An edit to the trace breaks its checksum: make a new one with faultline check.`,
    `import { test } from "vitest";`,
    `import { replayTrace } from ${JSON.stringify(opts.importFrom ?? 'faultline/vitest')};`,
    scenarioImport,
    ``,
    `const trace = ${jsLiteral(saved)};`,
    ``,
    `test(${jsLiteral(name)}, async () => {`,
    `  await replayTrace(trace, ${lookup});`,
    `});`,
    ``,
  ].join('\n');
}

/** The scenario file a trace records, found as `faultline replay` finds it. */
function scenarioFile(recorded: string, traceFile: string): string {
  const found = [resolve(recorded), resolve(dirname(traceFile), recorded)].find((c) => existsSync(c));
  if (!found) throw new TraceError(`${traceFile}: scenario file ${recorded} not found`);
  return found;
}

// What a TypeScript source is imported as (NodeNext resolution and Vitest both map it back).
const IMPORTED_EXT: Readonly<Record<string, string>> = { '.ts': '.js', '.mts': '.mjs', '.cts': '.cjs' };

/** `file` as an import specifier relative to `fromFile`, `./` or `../` first, `/` separated. */
function moduleSpecifier(file: string, fromFile: string): string {
  const ext = extname(file);
  const imported = ext in IMPORTED_EXT ? file.slice(0, -ext.length) + IMPORTED_EXT[ext] : file;
  const rel = relative(dirname(fromFile), imported);
  if (isAbsolute(rel)) return pathToFileURL(imported).href; // another drive: no relative path exists
  const posix = rel.split(sep).join('/');
  return posix.startsWith('../') ? posix : `./${posix}`;
}

/** JSON as a JavaScript literal: U+2028/U+2029 escaped, so older parsers and editors read it as one line. */
function jsLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
