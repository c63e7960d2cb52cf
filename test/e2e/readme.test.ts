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
