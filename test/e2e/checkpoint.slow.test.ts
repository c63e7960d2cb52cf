// faultline check --checkpoint / --resume on larger runs: Ctrl-C saves the run before the
// partial report, and a periodic checkpoint of a run that then completes resumes to the same
// report. (Limits and refusals: checkpoint-limits.slow.test.ts.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, faultline, startFaultline, type Finished } from './support.js';

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'faultline-checkpoint-'));
});

type Doc = { scenario: string; properties: unknown[]; coverage?: unknown; stats: { distinctStates: number; transitions: number; maxDepth: number; complete: boolean; stoppedBy?: string; frontier?: number } };

/**
 * sqs-pool's run in a --json report, without timings. (Without --checkpoint, `check sqs-pool`
 * runs its variants too; with one, the scenario named exactly runs alone.)
 */
function run(r: Finished): Doc {
  const docs = (JSON.parse(r.stdout) as Doc[]).filter((d) => d.scenario === 'sqs-pool');
  expect(docs).toHaveLength(1);
  const { distinctStates, transitions, maxDepth, complete, stoppedBy, frontier } = docs[0].stats;
  return { ...docs[0], stats: { distinctStates, transitions, maxDepth, complete, stoppedBy, frontier } };
}

describe('checkpoint and resume, larger runs', () => {
  it('Ctrl-C writes the checkpoint before the partial report; the resumed run stops where an uninterrupted one does', async () => {
    const file = join(dir, 'ctrl-c.ckpt');
    const big = ['check', 'sqs-pool', '--size', 'xxlarge', '--mode', 'exhaustive', '--json', '--out', join(dir, 'traces')];
    const running = startFaultline([...big, '--progress', '--checkpoint', file]);
    await running.waitForStderr(/^progress: sqs-pool \[exhaustive\] +[\d,]+ states/m);
    running.child.kill('SIGINT');
    const stopped = await running.finished;
    expect(stopped.code).toBe(130);
    const at = run(stopped).stats;
    expect(at).toMatchObject({ complete: false, stoppedBy: 'interrupted' });
    expect(stopped.stderr).toContain(`faultline: checkpoint of ${at.distinctStates.toLocaleString('en-US')} states saved in ${file}`);
    const limit = String(at.distinctStates + 5_000);
    const resumed = faultline([...big, '--resume', file, '--max-states', limit]);
    const uninterrupted = faultline([...big, '--max-states', limit]);
    expect(run(resumed)).toEqual(run(uninterrupted));
    expect(run(resumed).stats).toMatchObject({ distinctStates: Number(limit), stoppedBy: 'max-states' });
  });

  it('a periodic checkpoint of a run that then completes resumes to the same report', () => {
    const file = join(dir, 'periodic.ckpt');
    const args = ['check', 'sqs-pool', '--size', 'large', '--mode', 'exhaustive', '--json', '--out', join(dir, 'traces')];
    const whole = faultline([...args, '--checkpoint', file, '--checkpoint-every', '0.0001']);
    expect(whole.code).toBe(0);
    expect(whole.stderr).not.toContain('checkpoint of');
    expect(readFileSync(file).subarray(0, 8).toString('latin1')).toBe('FLCKPT02');
    const resumed = faultline([...args, '--resume', file]);
    expect(resumed.code).toBe(0);
    expect(run(resumed)).toEqual(run(whole));
  });
});
