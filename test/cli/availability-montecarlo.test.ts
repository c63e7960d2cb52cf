// `faultline availability SCENARIO --monte-carlo` (the built CLI, in this process): the
// estimate's interval covers the chain's figure for the same scenario, plain cycles where
// downtime is common and failure biasing where it is rare, the same seed prints the same
// report, a budget too small says NOT converged, and bad values are one line, exit 2.
// (The asg-n-plus-1 chain figure is compared in test/engine/montecarlo.test.ts: the CLI's exact
// run also measures each fault's share, several chain solves, too slow for this file.)
import { describe, expect, it } from 'vitest';
import { scenarioMonteCarlo } from '../../engine/availability/scenario.js';
import { bundledScenarios } from '../../scenarios/index.js';
import { runInProcess } from '../fuzz/support.js';

interface Estimate {
  unavailability: number;
  low: number;
  high: number;
  converged: boolean;
  importanceSampling: boolean;
  cycles: number;
  seed: number;
}

async function json(argv: string[]): Promise<{ results: Estimate[] & { unavailability: number }[] }> {
  const r = await runInProcess(argv);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { results: Estimate[] };
}

describe('faultline availability --monte-carlo', () => {
  it('asg-single-az: plain cycles; the 95 % interval (in nines and minutes a year) covers the chain\'s 241 minutes', async () => {
    const exact = (await json(['availability', 'asg-single-az', '--json'])).results[0].unavailability;
    const r = await runInProcess(['availability', 'asg-single-az', '--monte-carlo']);
    expect(r.code).toBe(0);
    const m = /^asg-single-az {2}AtLeastNHealthy {2}99\.9\d+ % {2}3\.\d\d nines \(95 % interval 3\.\d\d \.\. 3\.\d\d\) {2}(\d+) min down a year \((\d+) \.\. (\d+)\)\n {2}Monte Carlo \(seed 1\): converged: ±\d\.\d % \(±10 % asked for\); 1,000 cycles, [\d,]+ jumps, [\d,]+ states visited\n {2}importance sampling: no \(downtime in \d+ of 1,000 plain pilot cycles\)\nrates:\n/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const minutes = exact * 365.25 * 24 * 60;
    expect(Number(m![2])).toBeLessThanOrEqual(minutes);
    expect(Number(m![3])).toBeGreaterThanOrEqual(minutes);
    expect(r.stdout).toContain('Tick: 1 per 60 s (the clock: a countdown of k ticks is an Erlang-k delay)');
  });

  it('asg-n-plus-1 --json: failure biasing estimates 10.5 nines, the engine\'s figures for the same seed (whose interval covers the chain\'s: test/engine/montecarlo.test.ts)', async () => {
    const [e] = (await json(['availability', 'asg-n-plus-1', '--monte-carlo', '--json'])).results;
    expect([e.converged, e.importanceSampling, e.seed]).toEqual([true, true, 1]);
    const [engine] = scenarioMonteCarlo(bundledScenarios.find((s) => s.name === 'asg-n-plus-1')!, { monteCarlo: { seed: 1 } }).results;
    expect([e.unavailability, e.low, e.high, e.cycles]).toEqual([engine.unavailability, engine.low, engine.high, engine.cycles]);
    expect(e.high).toBeLessThan(1e-10);
    expect(e.low).toBeGreaterThan(1e-11);
  });

  it('--seed: the same seed prints the same report, another seed another estimate; --precision tightens it', async () => {
    const a = await runInProcess(['availability', 'asg-single-az', '--monte-carlo', '--seed', '7']);
    const b = await runInProcess(['availability', 'asg-single-az', '--monte-carlo', '--seed', '7']);
    const c = await runInProcess(['availability', 'asg-single-az', '--monte-carlo', '--seed', '8']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n')[0]).not.toBe(c.stdout.split('\n')[0]);
    const [tight] = (await json(['availability', 'asg-single-az', '--monte-carlo', '--precision', '0.03', '--json'])).results;
    expect(tight.converged).toBe(true);
    expect((tight.high - tight.low) / 2 / tight.unavailability).toBeLessThanOrEqual(0.03);
    expect(tight.cycles).toBeGreaterThan(1000);
  });

  it('--importance off with a small --cycles budget on the 10.5-nines design: no estimate, NOT converged, exit 0', async () => {
    const r = await runInProcess(['availability', 'asg-n-plus-1', '--monte-carlo', '--importance', 'off', '--cycles', '2000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^asg-n-plus-1 {2}AtLeastNHealthy {2}no estimate: no downtime seen in 2,000 cycles\n {2}Monte Carlo \(seed 1\): NOT converged: no downtime seen after 2,000 cycles \(±10 % asked for\); 2,000 cycles/);
    expect(r.stdout).toContain('  importance sampling: no\n');
  });

  it.each([
    [['--monte-carlo', '--precision', '0'], 'faultline: --precision must be a number between 0 and 1 (a share of the estimate: 0.1 is ±10 %), got "0"'],
    [['--monte-carlo', '--precision', '1.5'], 'faultline: --precision must be a number between 0 and 1'],
    [['--monte-carlo', '--precision', 'tight'], 'faultline: --precision must be a number between 0 and 1'],
    [['--monte-carlo', '--cycles', '0'], 'faultline: --cycles must be a positive integer, got "0"'],
    [['--monte-carlo', '--seed', 'x'], 'faultline: --seed must be a 32-bit integer, got "x"'],
    [['--monte-carlo', '--importance', 'maybe'], 'faultline: --importance must be one of auto, on, off, got "maybe"'],
    [['--seed', '3'], 'faultline: --seed goes with --monte-carlo'],
    [['--cycles', '10'], 'faultline: --cycles goes with --monte-carlo'],
    [['--monte-carlo', '--rate', 'AzRecover=0'], 'faultline: availability: the design never comes back from the state reached by AzOutage(0)'],
  ])('%j: one line, exit 2', async (args, line) => {
    const r = await runInProcess(['availability', 'asg-single-az', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(line)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
