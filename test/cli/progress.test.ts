import { describe, expect, it, vi } from 'vitest';
import { ProgressLine, showProgress } from '../../cli/progress.js';

describe('progress line', () => {
  it('shows only on a terminal, never with --json', () => {
    expect(showProgress({}, { isTTY: true })).toBe(true);
    expect(showProgress({ json: true }, { isTTY: true })).toBe(false);
    expect(showProgress({}, { isTTY: false })).toBe(false);
    expect(showProgress({}, {})).toBe(false);
  });

  it('writes nothing when disabled, and nothing for runs shorter than a second', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const off = new ProgressLine(false);
      off.update({ type: 'progress', scenario: 's', mode: 'exhaustive', states: 10, transitions: 20, depth: 1, frontier: 3, elapsedMs: 5000 });
      off.stop();
      const on = new ProgressLine(true);
      on.update({ type: 'progress', scenario: 's', mode: 'exhaustive', states: 10, transitions: 20, depth: 1, frontier: 3, elapsedMs: 500 });
      on.stop();
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});
