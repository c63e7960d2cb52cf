// --workers from a new node process (spawned, so in the slow suite): the compiled layout of dist/
// (the current sources built by esbuild into a temporary folder) and the sources under tsx, with
// a V8 flag, with --input-type (a script on stdin), and from a folder whose name holds '.cjs'.
// The workers must start, inherit the process's flags, and give the serial explorer's counts.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// tsx's transpiler (tsx, a dependency, depends on it): compiles the sources as `npm run build` does.
import { build } from 'esbuild';
import { exploreExhaustive } from '../../engine/bfs.js';
import { counter } from '../fixtures/parallel-plain-models.js';

describe('in a new node process: the compiled entry (dist/) and the source, the Node flags the workers get', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  /** The compiled modules (as `npm run build` lays out dist/), and a copy of the sources with tsx in a folder whose name holds '.cjs'. */
  let compiled = '';
  let source = '';
  const script = (dir: string, ext: string): string => `
const DIR = ${JSON.stringify(pathToFileURL(dir + '/').href)};
const [file, name, ...args] = JSON.parse(process.env.FAULTLINE_TEST_MODEL);
const { exploreParallel } = await import(new URL('engine/parallel/explore.${ext}', DIR).href);
try {
  const r = await exploreParallel({ module: new URL(file + '.${ext}', DIR).href, export: name, args }, { workers: 2, full: true });
  console.log(JSON.stringify({ stats: [r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth], verdicts: r.properties.map((p) => p.verdict) }));
} catch (e) {
  console.log(JSON.stringify({ error: String(e.message) }));
}`;

  beforeAll(async () => {
    const entries = ['engine/parallel/explore.ts', 'engine/parallel/worker.ts', 'test/fixtures/parallel-plain-models.ts', 'test/fixtures/parallel-pool-models.ts'];
    // The modules they import: a bundle's inputs.
    const graph = await build({ absWorkingDir: ROOT, entryPoints: entries, bundle: true, write: false, metafile: true, packages: 'external', platform: 'node', format: 'esm', outdir: ROOT, logLevel: 'silent' });
    const inputs = Object.keys(graph.metafile.inputs);
    compiled = mkdtempSync(join(tmpdir(), 'faultline-compiled-'));
    // Each compiled on its own (no bundle), as tsc lays out dist/.
    await build({ absWorkingDir: ROOT, entryPoints: inputs, outbase: '.', outdir: compiled, platform: 'node', format: 'esm', logLevel: 'silent' });
    source = mkdtempSync(join(tmpdir(), 'faultline.cjs-'));
    for (const f of inputs) cpSync(join(ROOT, f), join(source, f));
    // tsx copied (its path holds the folder's name), esbuild, which it needs, linked.
    cpSync(join(ROOT, 'node_modules/tsx'), join(source, 'node_modules/tsx'), { recursive: true });
    symlinkSync(realpathSync(join(ROOT, 'node_modules/esbuild')), join(source, 'node_modules/esbuild'));
    for (const [dir, ext] of [[compiled, 'js'], [source, 'ts']]) {
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, 'run.mjs'), script(dir, ext));
    }
  });
  afterAll(() => {
    for (const dir of [compiled, source]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `dir`/run.mjs in a new node with `flags`, from stdin when `stdin`: its report's counts, or the error it threw. */
  function runIn(dir: string, flags: string[], model: [string, string, ...unknown[]], stdin = false): { stats?: number[]; verdicts?: string[]; error?: string } {
    const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;
    const file = join(dir, 'run.mjs');
    const r = spawnSync(process.execPath, stdin ? flags : [...flags, file], {
      cwd: dir,
      env: { ...env, FAULTLINE_TEST_MODEL: JSON.stringify(model) },
      input: stdin ? readFileSync(file, 'utf8') : undefined,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const last = r.stdout.trim().split('\n').at(-1);
    if (r.status !== 0 || !last) throw new Error(`node ${flags.join(' ')}: status ${r.status}\n${r.stdout}\n${r.stderr}`);
    return JSON.parse(last) as { stats?: number[]; verdicts?: string[]; error?: string };
  }

  const serialOf = (limit: number, bad: number) => {
    const s = exploreExhaustive(counter(limit, bad), { full: true });
    return { stats: [s.stats.distinctStates, s.stats.transitions, s.stats.maxDepth], verdicts: s.properties.map((p) => p.verdict) };
  };

  it('compiled, in a process with a V8 flag (--max-old-space-size): its workers inherit it, the serial counts', () => {
    expect(runIn(compiled, ['--max-old-space-size=512'], ['test/fixtures/parallel-plain-models', 'counter', 20, 5])).toEqual(serialOf(20, 5));
  }, 60_000);

  it('compiled, in a process started with --input-type (a script on stdin): the workers get every other flag (here --no-deprecation)', () => {
    // flagCounter counts to 20 only in a thread with --no-deprecation (to 3 without).
    expect(runIn(compiled, ['--input-type=module', '--no-deprecation'], ['test/fixtures/parallel-pool-models', 'flagCounter', 20], true)).toEqual(serialOf(20, 21));
  }, 60_000);

  it('from source under tsx, in a folder whose name holds \'.cjs\', started with --input-type: the workers load tsx\'s ESM build', () => {
    expect(runIn(source, ['--input-type=module', '--import', 'tsx'], ['test/fixtures/parallel-plain-models', 'counter', 20, 5], true)).toEqual(serialOf(20, 5));
  }, 60_000);

  it('compiled, in a process started with --input-type and a V8 flag (--max-old-space-size): the workers start, the serial counts', () => {
    // Before the fix the flags were given to the Worker explicitly, which refuses V8 flags (ERR_WORKER_INVALID_EXEC_ARGV).
    expect(runIn(compiled, ['--input-type=module', '--max-old-space-size=512'], ['test/fixtures/parallel-plain-models', 'counter', 20, 5], true)).toEqual(serialOf(20, 5));
  }, 60_000);

  it('from source under tsx, started with --input-type and a V8 flag: the workers start, the serial counts', () => {
    expect(runIn(source, ['--input-type=module', '--max-old-space-size=512', '--import', 'tsx'], ['test/fixtures/parallel-plain-models', 'counter', 20, 5], true)).toEqual(serialOf(20, 5));
  }, 60_000);
});
