// What a new user meets in the first hour: the invariant list, the state-space size warning
// and table, output that fits a terminal, and trace files that do not pile up.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, faultline } from './support.js';

const QUEUE = 'test/e2e/fixtures/two-message-queue.ts';
const WARNING =
  /^faultline: warning: two-message-queue: sqs\.messages\[\]\.ttl: 34,561 values \(retention 345,600 s in 10 s ticks\) dominates the state space; set retentionSeconds .* or a coarser tickSeconds \(see --explain-size\)$/;

let out: string;
beforeAll(() => {
  assertBuilt();
  out = mkdtempSync(join(tmpdir(), 'faultline-first-hour-'));
});

describe('faultline invariants', () => {
  it('lists the invariant library, as text and as JSON', () => {
    const text = faultline(['invariants']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^atLeastNHealthy\(n\) +AtLeastNHealthy \(always; reads /m);
    const json = faultline(['invariants', '--json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout);
    expect(rows.find((r: { call: string }) => r.call === 'noLostMessage()')).toMatchObject({ property: 'NoLostMessage', kind: 'always', needs: ['sqs'] });
  });
});

describe('state-space size', () => {
  it('warns in one line, before the first state is expanded, when one field dominates (the two-message queue)', () => {
    const r = faultline(['check', QUEUE, '--max-states', '1', '--out', out]);
    expect(r.code).toBe(1); // stopped by max-states: unknown
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(WARNING);
    expect(r.stdout).not.toContain('warning');
  });

  it('keeps the warning out of --json stdout', () => {
    const r = faultline(['check', QUEUE, '--max-states', '1', '--json', '--out', out]);
    expect(r.stderr.trim()).toMatch(WARNING);
    expect(JSON.parse(r.stdout)[0].stats).toMatchObject({ complete: false, stoppedBy: 'max-states' });
  });

  it('says nothing for a small bundled scenario', () => {
    const r = faultline(['check', 'sqs-workers', '--mode', 'exhaustive', '--max-states', '1', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('--explain-size prints the table (field, values, share, why) and searches nothing', () => {
    const r = faultline(['check', QUEUE, '--explain-size', '--out', join(out, 'never')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^two-message-queue: at most [\d.e]+ \(2\^53\.7\) states by the schema's ranges/);
    expect(lines[1]).toMatch(/^ +field +values +share +why$/);
    expect(lines[2]).toMatch(/^ +sqs\.messages\[\]\.ttl +34,561 ×2 +56% +dominates; retention 345,600 s in 10 s ticks; set retentionSeconds/);
    expect(r.stdout).toMatch(/^ +sqs\.messages\[\]\.status +7 ×2 +\d+%$/m);
    expect(readdirSync(out)).not.toContain('never');
    const json = JSON.parse(faultline(['check', 'sqs-workers', '--explain-size', '--json']).stdout);
    expect(json).toHaveLength(1); // one table per scenario, not per mode
    expect(json[0]).toMatchObject({ scenario: 'sqs-workers', fields: expect.arrayContaining([expect.objectContaining({ field: 'az.up[]', values: 2, leaves: 2 })]) });
    expect(json[0].dominant).toBeUndefined();
  });

  it('a model without a schema has no estimate, in one line', () => {
    const r = faultline(['check', 'test/fixtures/user-model.ts', '--explain-size']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('user-eip: no state schema, so no size estimate (declare the model\'s schema with t.record to get one)\n');
  });
});

describe('output that fits a terminal', () => {
  it('one line per scenario, mode and property; expected failures without their traces; a summary', () => {
    const r = faultline(['check', 'sqs-pool', '--out', join(out, 'fits')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '✓  sqs-pool               random      NoLostMessage  holds',
        '✓  sqs-pool               exhaustive  NoLostMessage  holds',
        '✓  sqs-pool:early-delete  random      NoLostMessage  fails  3 steps',
        '✓  sqs-pool:early-delete  exhaustive  NoLostMessage  fails  3 steps',
        '',
        '4 runs, 4 checks: 4 as expected, 0 not',
        `2 traces saved in ${join(out, 'fits')}; --verbose prints every trace, each run's statistics and the action coverage`,
        '',
      ].join('\n'),
    );
  });

  it('an unexpected verdict gets its statistics and counterexample', () => {
    const r = faultline(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--depth', '2', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗  sqs-pool:early-delete  exhaustive  NoLostMessage  unknown  expected fails\n');
    expect(r.stdout).toMatch(/✗ sqs-pool:early-delete \(exhaustive\): NoLostMessage got unknown, expected fails\n +size=small; 15 distinct states, .*stopped by depth\n/);
    // A failure nobody expected: its steps and where they were saved.
    const file = join(out, 'unexpected.ts');
    const source = readFileSync('test/fixtures/user-model.ts', 'utf8').replace("'../../index.js'", JSON.stringify(resolve('index.ts'))).replace("  expect: { EipOnHealthy: 'fails' },\n", '');
    writeFileSync(file, source);
    const failing = faultline(['check', file, '--out', join(out, 'unexpected')]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('✗  user-eip  exhaustive  EipOnHealthy  fails  expected holds, 1 step\n');
    expect(failing.stdout).toMatch(/✗ user-eip \(exhaustive\): EipOnHealthy got fails, expected holds\n.*\n +EipOnHealthy \(always\) is violated after 1 step\n/);
    expect(failing.stdout).toContain(`saved: ${join(out, 'unexpected', 'user-eip-EipOnHealthy-exhaustive.json')}`);
  });

  it('--verbose prints every trace, the statistics and the coverage', () => {
    const r = faultline(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--verbose', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NoLostMessage (always) is violated after 3 steps');
    expect(r.stdout).toMatch(/distinct states, .* complete/);
    expect(r.stdout).toContain('coverage (exhaustive)');
    expect(r.stdout).toContain('saved: ');
    const quiet = faultline(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--out', out]);
    for (const verboseOnly of ['is violated after', 'coverage (', 'distinct states']) expect(quiet.stdout).not.toContain(verboseOnly);
  });

  it('--json is the same document with or without --verbose', () => {
    const strip = (s: string) => JSON.parse(s).map((d: { stats: object }) => ({ ...d, stats: { ...d.stats, searchMs: 0, statesPerSecond: 0, timeToFailureMs: 0 } }));
    const plain = faultline(['check', 'die-hard', '--json', '--out', out]);
    const verbose = faultline(['check', 'die-hard', '--json', '--verbose', '--out', out]);
    expect(strip(verbose.stdout)).toEqual(strip(plain.stdout));
  });
});

describe('trace files', () => {
  it('checking again writes no -2: the same steps keep their file', () => {
    const dir = join(out, 'again');
    const first = faultline(['check', 'die-hard', '--json', '--out', dir]);
    const second = faultline(['check', 'die-hard', '--json', '--out', dir]);
    const files = (r: { stdout: string }) => JSON.parse(r.stdout).map((d: { properties: { counterexample: { file: string } }[] }) => d.properties[0].counterexample.file);
    expect(files(second)).toEqual(files(first));
    expect(readdirSync(dir).sort()).toEqual(['die-hard-NotSolved-exhaustive.json', 'die-hard-NotSolved-random.json']);
    const text = readFileSync(join(dir, 'die-hard-NotSolved-exhaustive.json'), 'utf8');
    faultline(['check', 'die-hard', '--out', dir]);
    expect(readFileSync(join(dir, 'die-hard-NotSolved-exhaustive.json'), 'utf8')).toBe(text);
  });
});
