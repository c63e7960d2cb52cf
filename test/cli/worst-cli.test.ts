// `faultline check` prints the worst RPO and RTO of a DR scenario (issue 15), from the built
// CLI in this process: on the rows, in --verbose (the witness) and in --json; --workers agrees.
// The figures are computed by hand in test/scenarios/dr-figures.test.ts.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../fuzz/support.js';

const work = tempDir('worst-cli');
afterAll(work.remove);
const out = join(work.dir, 'traces');

describe('faultline check dr:pilot-light', () => {
  it('prints the worst RPO and RTO on the property rows', async () => {
    const r = await runInProcess(['check', 'dr:pilot-light', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      '✓  dr:pilot-light  exhaustive  RecoveryPointWithin    holds    worst RPO 300 s',
      '✓  dr:pilot-light  exhaustive  RecoveryTimeWithin     holds    worst RTO 180 s',
      '✓  dr:pilot-light  exhaustive  ReachedRegionOutage    reached',
      '✓  dr:pilot-light  exhaustive  ReachedRegionFailover  reached',
    ]);
    // Replication lags up to its 300 s bound under prompt control (the default) and without it.
    const lagging = await runInProcess(['check', 'dr:pilot-light', '--no-prompt-control', '--out', out]);
    expect(lagging.stdout).toContain('✓  dr:pilot-light  exhaustive  RecoveryPointWithin    holds    worst RPO 300 s');
  });

  it('--verbose prints the witness; --json carries the figures; --workers 2 the same', async () => {
    const verbose = await runInProcess(['check', 'dr:pilot-light', '--verbose', '--out', out]);
    expect(verbose.stdout).toContain('    worst RTO 180 s: RecoveryTimeWithin, a shortest path to the state, 1 step, then its slowest recovery path, 4 steps');
    expect(verbose.stdout).toContain('         restored after 180 s (3 ticks of 60 s), and it stays');
    const figures = async (extra: string[]) => {
      const r = await runInProcess(['check', 'dr:pilot-light', '--json', '--out', out, ...extra]);
      expect(r.stderr).toBe('');
      const [doc] = JSON.parse(r.stdout);
      return doc.properties.filter((p: { worst?: unknown }) => p.worst).map((p: { name: string; worst: { label: string; value: number; unit: string; length: number } }) => [p.name, p.worst.label, p.worst.value, p.worst.unit, p.worst.length]);
    };
    const serial = await figures([]);
    expect(serial).toEqual([
      ['RecoveryPointWithin', 'RPO', 300, 's', 8],
      ['RecoveryTimeWithin', 'RTO', 180, 's', 5],
    ]);
    expect(await figures(['--workers', '2'])).toEqual(serial);
  });

  it('a scenario whose clients never move: worst RTO never', async () => {
    const r = await runInProcess(['check', 'dr:record-edit-in-failed-region', '--out', out]);
    expect(r.stdout).toContain('RecoveryTimeWithin     fails      8 steps, worst RTO never');
  });
});
