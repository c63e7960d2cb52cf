import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI_PATTERN } from '../../report/colors.js';
import { findAll, parseXml } from '../report/xml.js';

const BIN = resolve('dist/cli/bin.js');
const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('check and replay outputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-out-'));

  it('NO_COLOR and --json print no escape codes, even with FORCE_COLOR unset', () => {
    const plain = run(['check', 'sqs-pool:early-delete', '--verbose', '--out', dir], { NO_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(ANSI_PATTERN);
    expect(plain.stdout).toMatch(/NoLostMessage \(always\) is violated after 3 steps/);
    const json = run(['check', 'sqs-pool:early-delete', '--json', '--out', dir]);
    expect(json.stdout + json.stderr).not.toMatch(ANSI_PATTERN);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  it('--html and --junit write reports; a file faultline did not write is never overwritten', () => {
    const html = join(dir, 'report.html');
    const junit = join(dir, 'junit.xml');
    const r = run(['check', 'sqs-pool', '--html', html, '--junit', junit, '--out', dir]);
    expect(r.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page.match(/data-step="/g)?.length).toBeGreaterThanOrEqual(6); // two 3-step traces
    const xml = readFileSync(junit, 'utf8');
    expect(findAll(parseXml(xml), 'testcase')).toHaveLength(4); // 2 scenarios x 2 modes x 1 property
    // Rerunning replaces faultline's own files...
    expect(run(['check', 'sqs-pool', '--html', html, '--out', dir]).code).toBe(0);
    // ...but not a file the user wrote.
    const mine = join(dir, 'mine.html');
    writeFileSync(mine, '<p>my notes</p>');
    const refused = run(['check', 'sqs-pool', '--html', mine, '--out', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/was not written by faultline/);
    expect(readFileSync(mine, 'utf8')).toBe('<p>my notes</p>');
  });

  it('--format itf and mermaid save those forms beside the JSON trace', () => {
    const out = mkdtempSync(join(tmpdir(), 'faultline-fmt-'));
    expect(run(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--format', 'itf', '--out', out]).code).toBe(0);
    const itf = JSON.parse(readFileSync(join(out, 'sqs-pool_early-delete-NoLostMessage-exhaustive.itf.json'), 'utf8'));
    expect(itf.states).toHaveLength(4);
    expect(itf.vars).toEqual(['msgs', 'workers', 'crashes']);
    expect(run(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--format', 'mermaid', '--out', out]).code).toBe(0);
    // The same trace again: no second JSON file, the Mermaid form beside the first.
    const mmd = readFileSync(join(out, 'sqs-pool_early-delete-NoLostMessage-exhaustive.mmd'), 'utf8');
    expect(mmd).toMatch(/^sequenceDiagram/m);
    const replayed = run(['replay', join(out, 'sqs-pool_early-delete-NoLostMessage-exhaustive.json'), '--format', 'itf']);
    expect(replayed.code).toBe(1);
    expect(JSON.parse(replayed.stdout).states).toHaveLength(4);
  });

  it('--shard splits random runs and merge combines the shards', () => {
    const files = [1, 2, 3].map((i) => {
      const r = run(['check', 'sqs-pool:early-delete', '--shard', `${i}/3`, '--runs', '300', '--json', '--out', dir]);
      expect(r.code).toBe(0);
      const docs = JSON.parse(r.stdout);
      if (i > 1) expect(docs.map((d: { mode: string }) => d.mode)).toEqual(['random']);
      const f = join(dir, `shard-${i}.json`);
      writeFileSync(f, r.stdout);
      return { f, seed: docs.find((d: { mode: string }) => d.mode === 'random').seed };
    });
    expect(new Set(files.map((x) => x.seed)).size).toBe(3);
    const merged = run(['merge', ...files.map((x) => x.f), '--json']);
    expect(merged.code).toBe(0);
    const docs = JSON.parse(merged.stdout);
    const random = docs.find((d: { mode: string }) => d.mode === 'random');
    expect(random.properties[0]).toMatchObject({ name: 'NoLostMessage', verdict: 'fails' });
    expect(random.stats.runs).toBeLessThanOrEqual(300);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"not": "runs"}');
    const refused = run(['merge', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('replay --emit-test writes a Vitest regression test, and never over an existing file', () => {
    const out = mkdtempSync(join(tmpdir(), 'faultline-emit-'));
    run(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--out', out]);
    const trace = join(out, 'sqs-pool_early-delete-NoLostMessage-exhaustive.json');
    const r = run(['replay', trace, '--emit-test']);
    expect(r.code).toBe(0);
    const testFile = trace.replace(/\.json$/, '.test.ts');
    expect(existsSync(testFile)).toBe(true);
    const emitted = readFileSync(testFile, 'utf8');
    // The trace travels inside the test (traces are git-ignored); a bundled scenario comes from the package.
    expect(emitted).toMatch(/import \{ bundledScenarios \} from "faultline";/);
    expect(emitted).toMatch(/await replayTrace\(trace, \{ scenarios: bundledScenarios \}\)/);
    expect(emitted).toContain('"scenario": "sqs-pool:early-delete"');
    const again = run(['replay', trace, '--emit-test']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists/);
  });
});
