// Ctrl-C at any moment and a worker whose heap runs out: always a valid partial report, never a
// crash. Every wait is for a condition (a line on stderr), never a fixed delay.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, faultline, startFaultline } from './support.js';

let out: string;
beforeAll(() => {
  assertBuilt();
  out = mkdtempSync(join(tmpdir(), 'faultline-signals-'));
});

type Doc = { scenario: string; mode: string; properties: { name: string; verdict: string }[]; stats: { complete: boolean; stoppedBy?: string; distinctStates: number | null } };

/** The --json report: an array whose last run says where the check stopped. */
function partial(stdout: string): Doc[] {
  const docs = JSON.parse(stdout) as Doc[];
  expect(Array.isArray(docs)).toBe(true);
  expect(docs.length).toBeGreaterThan(0);
  return docs;
}

describe('Ctrl-C', () => {
  it('while the model file is still loading: a --json document with complete: false, exit 130', async () => {
    const gate = join(out, `gate-${process.pid}`);
    const run = startFaultline(['check', 'test/e2e/fixtures/gated-counter.mts', '--mode', 'exhaustive', '--json', '--progress', '--out', out], {
      env: { FAULTLINE_TEST_GATE: gate },
    });
    await run.waitForStderr(/^progress: loading /m);
    run.child.kill('SIGINT');
    writeFileSync(gate, ''); // the load can finish only now, after Ctrl-C was sent
    const r = await run.finished;
    expect(r.code).toBe(130);
    const docs = partial(r.stdout);
    expect(docs.at(-1)).toMatchObject({
      scenario: 'gated-counter',
      mode: 'exhaustive',
      properties: [{ name: 'NonNegative', verdict: 'unknown' }],
      stats: { complete: false, stoppedBy: 'interrupted' },
    });
    expect(r.stderr).not.toMatch(/\n\s+at |Error/);
  });

  it('in the first moments of a bundled scenario, before the search is under way', async () => {
    const run = startFaultline(['check', 'sqs-pool', '--size', 'xxlarge', '--mode', 'exhaustive', '--json', '--progress', '--out', out]);
    await run.waitForStderr(/^progress: loading /m);
    run.child.kill('SIGINT');
    const r = await run.finished;
    expect(r.code).toBe(130);
    const [doc] = partial(r.stdout);
    expect(doc).toMatchObject({ scenario: 'sqs-pool', mode: 'exhaustive', stats: { complete: false, stoppedBy: 'interrupted' } });
    expect(doc.properties[0]).toMatchObject({ name: 'NoLostMessage', verdict: 'unknown' });
  });

  it('without --json: the partial text report and one line saying so', async () => {
    const run = startFaultline(['check', 'sqs-pool', '--size', 'xxlarge', '--mode', 'exhaustive', '--progress', '--out', out]);
    await run.waitForStderr(/^progress: sqs-pool \[exhaustive\] +[\d,]+ states/m);
    run.child.kill('SIGINT');
    const r = await run.finished;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/NoLostMessage got unknown, expected holds/);
    expect(r.stdout).toMatch(/stopped by interrupted/);
    expect(r.stderr).toMatch(/^faultline: interrupted; the report above is partial$/m);
  });
});

describe('heap exhaustion in the check worker', () => {
  it('ends in the partial report, stopped by max-memory, never ERR_WORKER_OUT_OF_MEMORY or a stack; the next run gets a fresh worker', () => {
    const r = faultline(['check', 'test/e2e/fixtures/heap-leak.mts', '--mode', 'both', '--max-memory', '64', '--json', '--out', out]);
    expect(r.stderr).not.toMatch(/ERR_WORKER_OUT_OF_MEMORY|\n\s+at |internal error/);
    expect(r.code).toBe(1); // the verdicts are unknown, not the expected holds
    const docs = partial(r.stdout);
    expect(docs.map((d) => d.mode)).toEqual(['random', 'exhaustive']);
    for (const doc of docs) {
      expect(doc).toMatchObject({ scenario: 'heap-leak', properties: [{ name: 'Small', verdict: 'unknown' }], stats: { complete: false, stoppedBy: 'max-memory' } });
    }
  });
});
