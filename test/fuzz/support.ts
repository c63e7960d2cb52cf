/**
 * The fuzz suites' harness. Most cases call the built CLI's `main(argv)` in this process:
 * a child process costs about half a second, which would leave room for a handful of cases.
 * `main` is loaded by Node's own loader (require of an ES module), not by Vitest's module
 * runner, so model files, tsx and the check worker load exactly as under `faultline`; a few
 * cases per suite also run the real executable, to show that the two agree.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { assertBuilt, BIN, faultline } from '../e2e/support.js';

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

type Main = (argv: readonly string[]) => Promise<number>;
let cliMain: Main | undefined;

function loadMain(): Main {
  if (!cliMain) {
    assertBuilt();
    cliMain = (createRequire(import.meta.url)(BIN.replace(/bin\.js$/, 'main.js')) as { main: Main }).main;
  }
  return cliMain;
}

/** `faultline ...argv` in this process: its exit code and everything it wrote. */
export async function runInProcess(argv: readonly string[]): Promise<Ran> {
  const main = loadMain();
  let stdout = '';
  let stderr = '';
  const { stdout: out, stderr: err } = process;
  const realOut = out.write;
  const realErr = err.write;
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof out.write;
  out.write = capture((s) => (stdout += s));
  err.write = capture((s) => (stderr += s));
  process.exitCode = undefined;
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.write = realOut;
    err.write = realErr;
    // The CLI reports through process.exitCode; this test process must not keep it.
    process.exitCode = undefined;
  }
}

/** `faultline ...argv` as a child process (the real executable). */
export function runSpawned(argv: readonly string[], cwd?: string): Ran {
  assertBuilt();
  return faultline(argv, cwd ? { cwd } : {});
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `faultline-fuzz-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Raw control characters (other than the line end) and terminal escapes: never printed as is.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

export interface Asked {
  /** `--progress` was given: `progress: ` lines on stderr are what was asked for. */
  readonly progress?: boolean;
}

/**
 * The oracle every fuzz case shares: exit 0, 1 or 2 (never 3, an internal error, nor a
 * crash); no stack trace anywhere; and exit 2 is exactly one line on stderr, `faultline: `
 * and a message free of raw control characters. `context` names the input in a failure.
 */
export function expectCleanExit(r: Ran, context: string, asked: Asked = {}): void {
  const shown = `${context}\nexit ${r.code}\nstderr: ${JSON.stringify(r.stderr)}\nstdout: ${JSON.stringify(r.stdout.slice(0, 400))}`;
  expect([0, 1, 2], shown).toContain(r.code);
  expect(r.stderr, shown).not.toMatch(/^\s+at /m);
  expect(r.stdout, shown).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  expect(r.stderr, shown).not.toContain('internal error');
  if (r.code === 2) expectOneLineError(r, context, asked);
}

/** Exit 2 with one line on stderr (besides progress lines asked for): `faultline: ` and a printable message. */
export function expectOneLineError(r: Ran, context: string, asked: Asked = {}): void {
  const shown = `${context}\nexit ${r.code}\nstderr: ${JSON.stringify(r.stderr)}`;
  const stderr = asked.progress ? r.stderr.replace(/^progress: .*\n/gm, '') : r.stderr;
  expect(r.code, shown).toBe(2);
  expect(stderr, shown).toMatch(/^faultline: [^\n]+\n$/);
  expect(stderr.slice(0, -1), shown).not.toMatch(RAW_CONTROL);
}

/** A short, readable rendering of an argument vector for failure messages. */
export function showArgv(argv: readonly string[]): string {
  return `faultline ${argv.map((a) => JSON.stringify(a)).join(' ')}`;
}
