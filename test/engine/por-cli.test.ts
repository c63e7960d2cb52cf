// `faultline check --por` (the built CLI, in this process): the reduction's notice on stderr,
// the same verdicts as without it, and a one-line refusal with --workers (exit 2).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../fuzz/support.js';

const work = tempDir('por-cli');
afterAll(work.remove);

describe('faultline check --por', () => {
  const out = join(work.dir, 'traces');

  it('runs the reduced search with a notice, and the verdicts of the unreduced run', async () => {
    const plain = await runInProcess(['check', 'sqs-delete-before-process', '--mode', 'exhaustive', '--out', out]);
    const por = await runInProcess(['check', 'sqs-delete-before-process', '--mode', 'exhaustive', '--por', '--out', out]);
    expect(por.code).toBe(plain.code);
    expect(por.stderr).toContain('faultline: sqs-delete-before-process (exhaustive): --por: ');
    expect(por.stderr).toContain('counterexample(s) searched again unreduced');
    const rows = (s: string): string[] => s.split('\n').filter((l) => l.startsWith('✓') || l.startsWith('✗'));
    expect(rows(por.stdout)).toEqual(rows(plain.stdout));
    expect(plain.stderr).not.toContain('--por');
  });

  it('says in one line why it is not applied (a recovers property)', async () => {
    const r = await runInProcess(['check', 'asg-health-check:ec2', '--mode', 'exhaustive', '--por', '--out', out]);
    expect(r.stderr).toContain('--por: not applied (property NPlusOneRestored is recovers');
  });

  it('refuses --por with --workers in one line, exit 2', async () => {
    const r = await runInProcess(['check', 'sqs-delete-before-process', '--mode', 'exhaustive', '--por', '--workers', '2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('faultline: --por: not with --workers (the parallel explorer does not reduce); drop one of them');
  });
});
