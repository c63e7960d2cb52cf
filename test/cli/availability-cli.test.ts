// `faultline availability` (the built CLI, in this process): the figures of the bundled N+1
// group in one zone against the zone-outage closed form, --rate, --json, and one-line errors.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../fuzz/support.js';

describe('faultline availability', () => {
  it('asg-single-az: down while its one zone is (1 outage a year of 4 h): 3.3 nines, about 241 minutes a year, all of it the zone\'s', async () => {
    const r = await runInProcess(['availability', 'asg-single-az']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^asg-single-az {2}AtLeastNHealthy {2}99\.954\d* % {2}3\.3 nines {2}24[01] min down a year {2}first loss after 1\.00 years on average\n/);
    expect(r.stdout).toContain('downtime by fault: AzOutage 100.0 %');
    expect(r.stdout).toContain('HostFailure: default (assumption: one host failure per instance every 2 years (EC2 publishes no failure rate)) [assumption]');
    expect(r.stdout).toContain('Tick: 1 per 60 s (the clock: a countdown of k ticks is an Erlang-k delay)');
  });

  it('--rate overrides a default, --json prints the figures', async () => {
    const r = await runInProcess(['availability', 'asg-single-az', '--rate', 'AzOutage=0.0002', '--rate', 'AzRecover=2h', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { results: { unavailability: number }[]; rates: { type: string; from: string }[] };
    const lambda = 0.0002;
    const mu = 1 / 2;
    expect(j.results[0].unavailability / (lambda / (lambda + mu))).toBeGreaterThan(0.99);
    expect(j.results[0].unavailability / (lambda / (lambda + mu))).toBeLessThan(1.01);
    expect(j.rates.find((u) => u.type === 'AzOutage')!.from).toBe('given');
  });

  it.each([
    [['availability', 'die-hard'], 'faultline: die-hard has no availability mode'],
    [['availability', 'no-such'], 'faultline: no bundled scenario no-such; scenarios with an availability mode: asg-n-plus-1, asg-single-az'],
    [['availability', 'asg-single-az', '--rate', 'AzOutage=often'], 'faultline: --rate AzOutage: "often" is not a rate per hour'],
    [['availability', 'asg-single-az', '--property', 'Nope'], 'faultline: asg-single-az: no always property Nope (there are: AtLeastNHealthy)'],
    [['availability', 'asg-single-az', '--rate', 'AzRecover=0'], 'faultline: availability: the design never comes back from the state reached by AzOutage(0)'],
  ])('%j: one line, exit 2', async (argv, line) => {
    const r = await runInProcess(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(line)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
