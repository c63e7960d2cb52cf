// The README's "check a model of your own" example, run as written (immer runs its README too).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('README example', () => {
  it('checks as the README says: OnlyHealthyTargets fails as expected, recovery holds', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('export default defineScenario'));
    expect(block, 'README lost its example').toBeDefined();
    expect(block!.split('\n').length).toBeLessThanOrEqual(30);
    const dir = mkdtempSync(join(tmpdir(), 'faultline-readme-'));
    const file = join(dir, 'lb.ts');
    writeFileSync(file, block!.replace("from 'faultline'", `from ${JSON.stringify(resolve('index.ts'))}`));
    const r = spawnSync(process.execPath, [resolve('dist/cli/bin.js'), 'check', file, '--json', '--out', join(dir, 'traces')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const docs = JSON.parse(r.stdout);
    for (const d of docs) {
      const by = Object.fromEntries(d.properties.map((p: { name: string; verdict: string }) => [p.name, p.verdict]));
      expect(by).toEqual({ OnlyHealthyTargets: 'fails', OnlyHealthyAfterDetection: 'holds' });
    }
  });
});

describe('README composed example', () => {
  it('finds the one-zone design failing AtLeastNHealthy in one step, and holding across two zones', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes("name: 'one-zone'"));
    expect(block, 'README lost its composed example').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'faultline-readme-'));
    const index = JSON.stringify(resolve('index.ts'));
    for (const [initial, verdict, expected] of [['[0, 0]', 'fails', 0], ['[0, 1]', 'holds', 1]] as const) {
      const file = join(dir, `one-zone-${verdict}.ts`);
      writeFileSync(file, block!.replace("from 'faultline'", `from ${index}`).replace('initial: [0, 0]', `initial: ${initial}`));
      const r = spawnSync(process.execPath, [resolve('dist/cli/bin.js'), 'check', file, '--json', '--out', join(dir, 'traces')], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(expected); // the declaration expects fails: holding is "not as expected"
      const [doc] = JSON.parse(r.stdout);
      const p = doc.properties.find((x: { name: string }) => x.name === 'AtLeastNHealthy');
      expect(p.verdict).toBe(verdict);
      if (verdict === 'fails') expect(p.counterexample.steps.map((st: { label: string }) => st.label)).toEqual(['AzOutage(0)']);
    }
  });
});
