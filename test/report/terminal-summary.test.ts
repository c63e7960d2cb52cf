import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../engine/check.js';
import { ANSI_PATTERN, stripAnsi } from '../../report/colors.js';
import { formatSummary } from '../../report/terminal-summary.js';

const fleet: CheckResult = {
  scenario: 'fleet',
  parameters: { size: 'small' },
  mode: 'random',
  properties: [
    { name: 'OneUp', kind: 'always', expected: 'holds', verdict: 'holds', met: true },
    { name: 'Served', kind: 'sometimes', expected: 'reached', verdict: 'unreached', met: false },
    {
      name: 'NoneLost',
      kind: 'always',
      expected: 'fails',
      verdict: 'fails',
      met: true,
      counterexample: { actions: [{ type: 'Crash', kind: 'fault' }], labels: ['Crash'], length: 1, initIndex: 0 },
    },
  ],
  stats: { distinctStates: null, transitions: 500, maxDepth: 9, searchMs: 2500, statesPerSecond: 200, complete: false, stoppedBy: 'time-limit', runs: 100, steps: 500 },
  coverage: { actions: { ec2: { Terminate: 3 } } },
  seed: 7,
};

describe('formatSummary', () => {
  it('one line per property; statistics only for the unmet one; traces and coverage left to --verbose', () => {
    const text = formatSummary([fleet], { color: false, traceFile: () => 'traces/x.json', traceDir: 'traces' });
    expect(text.split('\n')).toEqual([
      '✓  fleet  random  OneUp     holds',
      '✗  fleet  random  Served    unreached  expected reached',
      '✓  fleet  random  NoneLost  fails      1 step',
      '',
      '✗ fleet (random): Served got unreached, expected reached',
      '    size=small; 100 runs, 500 steps, depth 9, 200 steps/s, 2.50 s, stopped by time-limit, seed 7',
      '',
      '1 run, 3 checks: 2 as expected, 1 not',
      "1 trace saved in traces; --verbose prints every trace, each run's statistics and the action coverage",
    ]);
    const colored = formatSummary([fleet], { color: true, traceFile: () => 'traces/x.json', traceDir: 'traces' });
    expect(colored).toMatch(ANSI_PATTERN);
    expect(stripAnsi(colored)).toBe(text);
  });

  it('prints the counterexample of an unexpected failure, and where it was saved', () => {
    const unexpected: CheckResult = { ...fleet, properties: [{ ...fleet.properties[2], expected: 'holds', met: false }] };
    const text = formatSummary([unexpected], { color: false, traceFile: () => 'traces/x.json' });
    expect(text).toContain('✗  fleet  random  NoneLost  fails  expected holds, 1 step\n');
    expect(text).toContain('NoneLost (always) is violated after 1 step');
    expect(text).toContain('    saved: traces/x.json\n');
  });
});
