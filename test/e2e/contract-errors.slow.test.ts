/**
 * A model that breaks the Model contract, checked through the CLI: exit 2 and one line on
 * stderr naming the scenario, the call, the action and the step; no stack trace, no verdict.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('dist/cli/bin.js');
const MODEL = 'test/fixtures/contract-models.ts';

let out: string;
beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test does)');
  out = mkdtempSync(join(tmpdir(), 'faultline-contract-'));
});

function check(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'check', MODEL, '--out', out, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, and exactly `line` on stderr. */
function expectOneLine(r: ReturnType<typeof check>, line: string | RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  if (typeof line === 'string') expect(r.stderr).toBe(`${line}\n`);
  else expect(r.stderr.trimEnd()).toMatch(line);
}

describe('contract errors through `faultline check`', () => {
  it.each([
    ['next-undefined', 'exhaustive', 'next(s, Inc(1)) returned undefined at step 2'],
    ['next-undefined', 'random', 'next(s, Inc(1)) returned undefined at step 2'],
    ['actions-object', 'exhaustive', 'actions(s) returned an object (expected an array) at step 2'],
    ['property-throws', 'random', 'property Small threw Error: boom at step 2'],
    ['state-map', 'exhaustive', 'next(s, Inc(1)) returned a state holding a Map at .held at step 2'],
    ['state-cycle', 'random', 'next(s, Inc(1)) returned a state holding a cycle at .held.self at step 2'],
    ['init-empty', 'exhaustive', 'init() returned [] (a model needs at least one initial state)'],
  ])('%s (%s)', (bug, mode, what) => {
    expectOneLine(check('--param', `bug=${bug}`, '--mode', mode), `faultline: broken-counter: ${what} (${mode})`);
  });

  it('in a worker thread (--workers 2, with a schema)', () => {
    const r = check('--param', 'bug=next-undefined', '--param', 'schema=true', '--mode', 'exhaustive', '--workers', '2');
    expectOneLine(r, /^faultline: (broken-counter: )?next\(s, Inc\(1\)\) returned undefined at step 2 \(exhaustive\)$/);
  });

  it.each(['__proto__', 'constructor', 'toString'])('--param %s=1 is an unknown parameter', (k) => {
    expectOneLine(check('--param', `${k}=1`), `faultline: broken-counter: unknown parameter ${k} (known: bug, schema)`);
  });
});
