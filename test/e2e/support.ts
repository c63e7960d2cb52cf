// Running the built CLI from end-to-end tests: to completion, or in the background (signals).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

export const BIN = resolve('dist/cli/bin.js');

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test does)');
}

export function faultline(args: readonly string[], opts: { cwd?: string } = {}): Finished {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves once stderr matches `pattern` (a condition, never a fixed delay). */
  waitForStderr(pattern: RegExp): Promise<void>;
  /** Resolves when the process has exited. */
  readonly finished: Promise<Finished>;
}

export function startFaultline(args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(stderr)) w.resolve();
      else waiters.push(w);
    }
  });
  const finished = new Promise<Finished>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
  return {
    child,
    finished,
    waitForStderr: (pattern) =>
      new Promise<void>((ok, fail) => {
        if (pattern.test(stderr)) return ok();
        waiters.push({ pattern, resolve: ok });
        void finished.then((f) => fail(new Error(`exited (${f.code}) before stderr matched ${pattern}: ${f.stderr}`)));
      }),
  };
}

/** Exit 2, exactly one line on stderr (`faultline: ...`) matching `message`, no stack. */
export function refusedWith(r: Finished, message: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^faultline: /);
  expect(lines[0]).toMatch(message);
}
