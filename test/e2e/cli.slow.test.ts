import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('dist/cli/bin.js');

function faultline(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let out: string;
beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test does)');
  out = mkdtempSync(join(tmpdir(), 'faultline-e2e-'));
});

describe('faultline CLI', () => {
  it('list --json describes every bundled scenario', () => {
    const r = faultline(['list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    const names = rows.map((x: { name: string }) => x.name);
    expect(names).toEqual(expect.arrayContaining(['sqs-pool', 'sqs-pool:early-delete', 'die-hard', 'two-phase-commit']));
    expect(rows.find((x: { name: string }) => x.name === 'die-hard')).toMatchObject({
      modes: ['random', 'exhaustive'],
      properties: [{ name: 'NotSolved', kind: 'always', expected: 'fails' }],
    });
  });

  it('check a base name runs every variant and saves a trace per failure', () => {
    const r = faultline(['check', 'sqs-pool', '--json', '--out', out]);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.stdout);
    expect(docs.map((d: { scenario: string; mode: string }) => `${d.scenario}/${d.mode}`)).toEqual([
      'sqs-pool/random',
      'sqs-pool/exhaustive',
      'sqs-pool:early-delete/random',
      'sqs-pool:early-delete/exhaustive',
    ]);
    const exhaustive = docs[1];
    expect(exhaustive.stats).toMatchObject({ distinctStates: 382, transitions: 1206, maxDepth: 12, complete: true });
    expect(docs[0].stats.distinctStates).toBeNull();
    for (const d of docs.slice(2)) {
      const p = d.properties[0];
      expect(p).toMatchObject({ name: 'NoLostMessage', kind: 'always', expected: 'fails', verdict: 'fails' });
      expect(p.counterexample.length).toBe(3);
      expect(p.counterexample.steps).toHaveLength(3);
      expect(existsSync(p.counterexample.file)).toBe(true);
    }
  });

  it('replay of a saved trace reproduces the failure (exit 1); a step removed fails its checksum (exit 2)', () => {
    const r = faultline(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--json', '--out', out]);
    const file = JSON.parse(r.stdout)[0].properties[0].counterexample.file;
    const again = faultline(['replay', file]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/1\. +model +op +Send\(0\)/);
    expect(again.stdout).toContain('NoLostMessage is still violated');
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    const broken = join(out, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...trace, steps: trace.steps.slice(1) }));
    const bad = faultline(['replay', broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^faultline: broken\.json: checksum mismatch: the trace was edited \([^\n]*\)$/);
  });
  // Replay after a change to the model (exit 0 or 1 by the replay rule): test/e2e/replay.slow.test.ts.

  it('bad input gets one line and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['check', 'no-such-scenario'], /^faultline: unknown scenario "no-such-scenario"/],
      [['check', 'sqs-pool', '--runs', '-1'], /--runs|option/],
      [['check', 'sqs-pool', '--size', 'huge'], /parameter size must be one of small, medium, large, xlarge, xxlarge/],
      [['check', 'die-hard', '--param', 'size=small'], /unknown parameter size/],
      [['replay', join(out, 'missing.json')], /cannot read/],
      [['check'], /needs a scenario/],
    ];
    for (const [args, msg] of cases) {
      const r = faultline(args);
      expect(r.code, args.join(' ')).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0], args.join(' ')).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const malformed = join(out, 'malformed.json');
    writeFileSync(malformed, '{ "format": "faultline-trace", ');
    const r = faultline(['replay', malformed]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^faultline: malformed.json: not valid JSON/);
  });

  it('checks a user model file written in TypeScript without a build step', () => {
    const r = faultline(['check', 'test/fixtures/user-model.ts', '--json', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [doc] = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ scenario: 'user-eip', mode: 'exhaustive' });
    expect(doc.properties[0]).toMatchObject({ verdict: 'fails', expected: 'fails' });
    const trace = JSON.parse(readFileSync(doc.properties[0].counterexample.file, 'utf8'));
    expect(trace.file).toBe(join('test', 'fixtures', 'user-model.ts'));
    expect(faultline(['replay', doc.properties[0].counterexample.file]).code).toBe(1);
  });

  it('exit 1 when a verdict does not meet its expectation', () => {
    const r = faultline(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--depth', '2', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('got unknown');
  });

  it('bench sqs-pool prints the figures as JSON', () => {
    const r = faultline(['bench', 'sqs-pool', '--size', 'small', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ distinctStates: 382, transitions: 1206, maxDepth: 12, verdict: 'holds' });
    expect(doc.structBytesPerState).toBeGreaterThan(0);
    expect(doc.peakRssBytes).toBeGreaterThan(0);
    const rnd = JSON.parse(faultline(['bench', 'sqs-pool', '--size', 'small', '--variant', 'early-delete', '--mode', 'random', '--json']).stdout);
    expect(rnd).toMatchObject({ verdict: 'fails', counterexampleLength: 3 });
    expect(rnd.stepsPerSecond).toBeGreaterThan(0);
  });
});

describe('faultline check, interrupted', () => {
  it('Ctrl-C stops cleanly with the partial --json report and exit 130', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'check', 'sqs-pool', '--size', 'xxlarge', '--mode', 'exhaustive', '--json', '--progress', '--out', out]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    // Wait until the search is under way (a progress line with states), however loaded the machine.
    await new Promise<void>((underWay) => child.stderr.on('data', (d) => /states/.test((stderr += d)) && underWay()));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    const [doc] = JSON.parse(stdout);
    expect(doc.stats).toMatchObject({ complete: false, stoppedBy: 'interrupted' });
    expect(doc.properties[0].verdict).toBe('unknown');
    expect(doc.stats.distinctStates).toBeGreaterThan(0);
  });
});

describe('faultline check --workers', () => {
  it('explores on worker threads with exactly the serial counts', () => {
    const r = faultline(['check', 'sqs-pool', '--size', 'medium', '--mode', 'exhaustive', '--workers', '2', '--json', '--out', out]);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.stdout);
    expect(docs[0].stats).toMatchObject({ distinctStates: 38_895, transitions: 204_090, maxDepth: 23, complete: true });
    expect(docs[1].properties[0]).toMatchObject({ verdict: 'fails', counterexample: { length: 3 } });
  });

  it('explores a plain-object model file (inferred codes) with the serial counts and verdict', () => {
    const par = faultline(['check', 'test/fixtures/user-model.ts', '--workers', '2', '--json', '--out', out]);
    const ser = faultline(['check', 'test/fixtures/user-model.ts', '--json', '--out', out]);
    expect([par.code, ser.code]).toEqual([0, 0]);
    const [p] = JSON.parse(par.stdout);
    const [s] = JSON.parse(ser.stdout);
    expect(p.stats).toMatchObject({ distinctStates: s.stats.distinctStates, transitions: s.stats.transitions, complete: true });
    expect(p.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { length: s.properties[0].counterexample.length } });
  });
});
