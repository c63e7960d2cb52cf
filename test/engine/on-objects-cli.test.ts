// `faultline check --on-objects` (the built CLI, in this process): a packed composition explored
// with its object functions only gives the same verdicts and counts, serially and on workers.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../fuzz/support.js';

const work = tempDir('on-objects-cli');
afterAll(work.remove);

describe('faultline check --on-objects', () => {
  const out = join(work.dir, 'traces');
  const runs = (s: string) => (JSON.parse(s) as { properties: { name: string; verdict: string }[]; stats: { distinctStates: number; transitions: number } }[])
    .map((r) => [r.stats.distinctStates, r.stats.transitions, r.properties.map((p) => `${p.name} ${p.verdict}`)]);

  it('the packed search\'s counts and verdicts, serially and on workers', async () => {
    const args = ['check', 'sqs-workers', '--mode', 'exhaustive', '--json', '--out', out];
    const packed = await runInProcess(args);
    const objects = await runInProcess([...args, '--on-objects']);
    const workers = await runInProcess([...args, '--on-objects', '--workers', '2']);
    expect(packed.code).toBe(0);
    expect([objects.code, workers.code]).toEqual([0, 0]);
    expect(runs(objects.stdout)).toEqual(runs(packed.stdout));
    expect(runs(workers.stdout)).toEqual(runs(packed.stdout));
  });
});
