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

describe('README output blocks', () => {
  // Each shown output is a real run's: every line shown (but `...`) is a line of the output now.
  const blocks: string[] = [];
  let open: string[] | undefined;
  for (const line of readFileSync('README.md', 'utf8').split('\n')) {
    if (!line.startsWith('```')) open?.push(line);
    else if (open) {
      blocks.push(open.join('\n') + '\n');
      open = undefined;
    } else open = [];
  }
  const block = (start: string) => {
    const found = blocks.find((b) => b.startsWith(start));
    expect(found, `README lost its block starting ${start}`).toBeDefined();
    return found!.split('\n').filter((l) => l !== '...' && l !== '');
  };
  const run = (args: string[], cwd = process.cwd()) =>
    spawnSync(process.execPath, [resolve('dist/cli/bin.js'), ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });
  // Timings differ from run to run.
  const untimed = (line: string) => line.replace(/[\d,]+ states\/s, [\d.]+ m?s/, 'N states/s, T');
  const contained = (shown: readonly string[], output: string) => {
    const lines = new Set(output.split('\n').map(untimed));
    for (const line of shown) expect(lines.has(untimed(line)), line).toBe(true);
  };

  it('npm start: the rows, the summary and the hint', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'faultline-readme-'));
    const r = run(['check', '--all'], cwd);
    expect(r.status).toBe(0);
    const shown = block('✓  ami-replacement');
    contained(shown, r.stdout);
    expect(r.stdout.trimEnd().split('\n').slice(-2)).toEqual(shown.slice(-2));
  });

  it('what a failure looks like (--verbose)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'faultline-readme-'));
    const r = run(['check', 'asg-health-check:ec2', '--mode', 'exhaustive', '--verbose'], cwd);
    expect(r.status).toBe(0);
    contained(block('asg-health-check:ec2  exhaustive'), r.stdout);
  });

  it('the size warning and --explain-size', () => {
    const warning = run(['check', 'test/e2e/fixtures/two-message-queue.ts', '--max-states', '1', '--out', mkdtempSync(join(tmpdir(), 'faultline-readme-'))]);
    expect(block('$ npx faultline check test/e2e/fixtures/two-message-queue.ts\n').slice(1)).toEqual([warning.stderr.trimEnd()]);
    const table = run(['check', 'test/e2e/fixtures/two-message-queue.ts', '--explain-size']);
    expect(block('$ npx faultline check test/e2e/fixtures/two-message-queue.ts --explain-size').slice(1)).toEqual(table.stdout.trimEnd().split('\n'));
  });

  it('faultline init', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'faultline-readme-'));
    const r = run(['init', 'my-designs'], cwd);
    expect(r.status).toBe(0);
    const shown = block('$ node /path/to/faultline/dist/cli/bin.js init my-designs');
    expect(shown[1]).toBe('Created a faultline project in .../my-designs:');
    expect(r.stdout.trimEnd().split('\n').filter((l) => l !== '').slice(1)).toEqual(shown.slice(2));
  });
});
