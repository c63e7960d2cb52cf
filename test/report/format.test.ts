import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatProbability, formatProgress, statsPhrases } from '../../report/format.js';

describe('formatting', () => {
  it('groups counts and picks a unit for durations, independent of locale', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatCount(-1000)).toBe('-1,000');
    expect(formatCount(999)).toBe('999');
    expect(formatDuration(0.059)).toBe('0.06 ms');
    expect(formatDuration(7.34)).toBe('7.3 ms');
    expect(formatDuration(412.6)).toBe('413 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatProbability(1.5612e-17)).toBe('1.6e-17');
    expect(formatProbability(0)).toBe('0');
  });

  it('says how a run stopped', () => {
    const base = { distinctStates: 10, transitions: 20, maxDepth: 3, searchMs: 5, statesPerSecond: 2000, complete: false };
    expect(statsPhrases({ ...base, stoppedBy: 'max-states' })).toContain('stopped by max-states');
    expect(statsPhrases(base)).toContain('stopped by a bound');
  });

  it('formats progress lines for both explorers', () => {
    expect(formatProgress({ distinctStates: 12345, transitions: 50000, depth: 7, frontier: 3210, elapsedMs: 1500 })).toBe(
      'depth 7 · 12,345 states · frontier 3,210 · 8,230 states/s · 1.50 s',
    );
    expect(formatProgress({ runs: 1234, steps: 12345, elapsedMs: 500 }, 10000)).toBe('1,234 / 10,000 runs · 12,345 steps · 24,690 steps/s · 500 ms');
    expect(formatProgress({ runs: 0, steps: 0, elapsedMs: 0 })).toBe('0 runs · 0 steps · 0 steps/s · 0.00 ms');
  });
});
