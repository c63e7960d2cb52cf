// The text `faultline replay --emit-test` writes: self-contained (the trace embedded, the
// scenario module imported by a path relative to the test), ES module syntax without
// import.meta. Running it under Vitest and tsc in a consumer is test/slow/install.slow.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultTestFile, emitRegressionTest } from '../../report/regression-test.js';
import { sealTrace, TraceError, type Trace } from '../../engine/trace.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'vitest', 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'faultline-emit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The parts of an emitted test a reader (and the checks below) care about. */
function parts(text: string) {
  const literal = /\nconst trace = ([\s\S]*?);\n\ntest\(/.exec(text);
  const scenarioImport = /^import (.*) from ("[^"]+");$/m.exec(text.split('\n').filter((l) => l.startsWith('import ')).slice(2).join('\n'));
  return { trace: JSON.parse(literal![1]), what: scenarioImport?.[1], from: scenarioImport ? (JSON.parse(scenarioImport[2]) as string) : undefined };
}

function writeTrace(dir: string, name: string, content: Omit<Trace, 'format' | 'version' | 'checksum'>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(sealTrace({ format: 'faultline-trace', version: 2, ...content }), null, 2) + '\n');
  return file;
}

describe('emitRegressionTest', () => {
  it('embeds the trace as saved and imports the scenario module by a path relative to the test file', () => {
    const traceFile = join(fixtures, 'early-delete-buggy-file.trace.json');
    const testFile = join(here, 'regressions', 'early-delete.test.ts');
    const text = emitRegressionTest(traceFile, { testFile });
    const head = text.slice(0, text.indexOf('\nconst trace = '));
    expect(head).toBe(
      [
        `// Regression test: the counterexample faultline saved in ${traceFile} (3 steps),`,
        `// embedded below. It fails while the design still breaks NoLostMessage this way (or, once this`,
        `// trace no longer reproduces, another way within its length plus a margin), and passes once it is fixed.`,
        `// An edit to the trace breaks its checksum: make a new one with faultline check.`,
        `import { test } from "vitest";`,
        `import { replayTrace } from "faultline/vitest";`,
        `import * as scenarioModule from "../../vitest/fixtures/buggy-pool.js";`,
        ``,
      ].join('\n'),
    );
    expect(text.slice(text.indexOf('\n\ntest('))).toBe(
      [
        ``,
        ``,
        `test("sqs-pool:early-delete: NoLostMessage is no longer violated by the saved exhaustive trace", async () => {`,
        `  await replayTrace(trace, { module: scenarioModule });`,
        `});`,
        ``,
      ].join('\n'),
    );
    const p = parts(text);
    expect(p.trace).toEqual(JSON.parse(readFileSync(traceFile, 'utf8')));
    // The .js specifier names the .ts file, as NodeNext resolution and Vitest read it.
    expect(fileURLToPath(new URL(p.from!, pathToFileURL(testFile))).replace(/\.js$/, '.ts')).toBe(join(fixtures, 'buggy-pool.ts'));
    expect(text).not.toContain('import.meta');
  });

  // process.chdir is not allowed in a worker thread (Stryker runs Vitest in threads); npm test runs it in forks.
  it.runIf(isMainThread)('beside the trace by default (<trace>.test.ts), and from the working directory when the trace records it so', () => {
    expect(defaultTestFile('faultline-traces/a-P-exhaustive.json')).toBe('faultline-traces/a-P-exhaustive.test.ts');
    expect(parts(emitRegressionTest(join(fixtures, 'early-delete-fixed-file.trace.json'))).from).toBe('./fixed-pool.js');
    // `faultline check scenarios/x.ts` records the file relative to where it ran.
    const project = join(tmp, 'project');
    mkdirSync(join(project, 'scenarios'), { recursive: true });
    writeFileSync(join(project, 'scenarios', 'design.ts'), 'export default {};\n');
    const cwd = process.cwd();
    process.chdir(project);
    try {
      const trace = writeTrace(join(project, 'faultline-traces'), 'design-P-exhaustive.json', { scenario: 'design', file: 'scenarios/design.ts', parameters: {}, property: 'P', kind: 'always', mode: 'exhaustive', steps: [] });
      expect(parts(emitRegressionTest(trace)).from).toBe('../scenarios/design.js');
      expect(parts(emitRegressionTest(trace, { testFile: join(project, 'test', 'regressions', 'design.test.ts') })).from).toBe('../../scenarios/design.js');
    } finally {
      process.chdir(cwd);
    }
  });

  it('imports a .mts scenario as .mjs, a .cts as .cjs, and a JavaScript one as it is', () => {
    const dir = join(tmp, 'ext');
    for (const [file, spec] of [
      ['d.mts', './d.mjs'],
      ['d.cts', './d.cjs'],
      ['d.mjs', './d.mjs'],
      ['d.js', './d.js'],
      ['my design.ts', './my design.js'],
    ]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, file), '');
      const trace = writeTrace(dir, `${file}.json`, { scenario: 'd', file, parameters: {}, property: 'P', kind: 'always', mode: 'random', steps: [] });
      expect(parts(emitRegressionTest(trace)).from).toBe(spec);
    }
  });

  it('imports the bundled scenarios from the package for a trace of a bundled scenario', () => {
    const text = emitRegressionTest(join(fixtures, 'early-delete.trace.json'), { testFile: join(tmp, 'x.test.ts') });
    expect(parts(text)).toMatchObject({ what: '{ bundledScenarios }', from: 'faultline' });
    expect(text).toContain('  await replayTrace(trace, { scenarios: bundledScenarios });');
    const local = emitRegressionTest(join(fixtures, 'early-delete.trace.json'), { importFrom: '../../vitest.js', packageFrom: '../../index.js' });
    expect(local).toContain(`import { replayTrace } from "../../vitest.js";\nimport { bundledScenarios } from "../../index.js";\n`);
  });

  it('keeps what the trace holds inert: comments escaped, U+2028 escaped in the literal, the name a string literal', () => {
    const dir = join(tmp, 'odd\nname\u001b');
    writeFileSync(join(tmp, 'odd.ts'), '');
    const trace = writeTrace(dir, 'odd.json', {
      scenario: 'odd"\u2028*/',
      file: '../odd.ts',
      parameters: { note: 'a\u2029b' },
      property: 'P\n// x',
      kind: 'sometimes',
      mode: 'exhaustive',
      steps: [{ action: { type: 'Go', kind: 'op' }, label: 'Go\u2028' }],
    });
    const text = emitRegressionTest(trace);
    const comments = text.split('\n').filter((l) => l.startsWith('//'));
    expect(comments).toHaveLength(4);
    expect(comments[0]).toContain('odd\\u000aname\\u001b/odd.json (1 step),');
    expect(comments[1]).toContain('breaks P\\u000a// x this way');
    expect(text).not.toMatch(/[\u2028\u2029\u001b]/);
    expect(text).toContain('test("odd\\"\\u2028*/: P\\n// x is no longer reached by the saved exhaustive trace", async () => {');
    expect(parts(text).trace).toEqual(JSON.parse(readFileSync(trace, 'utf8')));
  });

  it('refuses a malformed or edited trace, and a scenario file it cannot find', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"format":"nope"}');
    expect(() => emitRegressionTest(bad)).toThrow(TraceError);
    const good = JSON.parse(readFileSync(writeTrace(tmp, 'edited.json', { scenario: 's', parameters: {}, property: 'P', kind: 'always', mode: 'random', steps: [] }), 'utf8'));
    writeFileSync(join(tmp, 'edited.json'), JSON.stringify({ ...good, property: 'Q' }));
    expect(() => emitRegressionTest(join(tmp, 'edited.json'))).toThrow(/checksum mismatch/);
    const lost = writeTrace(tmp, 'lost.json', { scenario: 's', file: 'gone.ts', parameters: {}, property: 'P', kind: 'always', mode: 'random', steps: [] });
    expect(() => emitRegressionTest(lost)).toThrow(new TraceError(`${lost}: scenario file gone.ts not found`));
  });
});
