/**
 * Prompt control's default (engine/check.ts promptControlFor): on for a composed model, off
 * for a hand-written one, and whatever the caller asks (`--prompt-control`,
 * `--no-prompt-control`) wins.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario, promptControlFor } from '../../engine/check.js';
import { asgNPlusOne } from '../../scenarios/fleet/asg-n-plus-1.js';
import { dieHard } from '../../scenarios/die-hard.js';

describe('prompt control by default for composed models', () => {
  it('decides from the model, unless asked', () => {
    const composed = asgNPlusOne.build();
    const handWritten = dieHard.build();
    expect([promptControlFor(composed, undefined), promptControlFor(handWritten, undefined)]).toEqual([true, false]);
    expect([promptControlFor(composed, false), promptControlFor(handWritten, true)]).toEqual([false, true]);
  });

  it('asg-n-plus-1: 76 states with it (the default), 116 with --no-prompt-control; the same verdicts', () => {
    const [prompt] = checkScenario(asgNPlusOne, { modes: ['exhaustive'] });
    const [loose] = checkScenario(asgNPlusOne, { modes: ['exhaustive'], exhaustive: { promptControl: false } });
    expect([prompt.stats.distinctStates, loose.stats.distinctStates]).toEqual([76, 116]);
    expect(prompt.properties.map((p) => [p.name, p.verdict])).toEqual(loose.properties.map((p) => [p.name, p.verdict]));
    // A counterexample found under prompt control says so, so that replay re-checks it the same way.
    const cx = (r: typeof prompt) => r.properties.find((p) => p.name === 'OnlyHealthyTargets')!.counterexample!;
    expect([cx(prompt).promptControl, cx(loose).promptControl]).toEqual([true, undefined]);
  });

  it('a hand-written model with a Tick: the old interleaving unless asked', () => {
    // The same transitions as asg-n-plus-1, without compose's components: hand-written as far as the rule knows.
    const { components: _, ...handWritten } = asgNPlusOne.build() as unknown as Record<string, unknown>;
    const scenario = { ...asgNPlusOne, build: () => handWritten as never };
    expect(promptControlFor(handWritten as never, undefined)).toBe(false);
    const [plain] = checkScenario(scenario, { modes: ['exhaustive'] });
    const [asked] = checkScenario(scenario, { modes: ['exhaustive'], exhaustive: { promptControl: true } });
    expect([plain.stats.distinctStates, asked.stats.distinctStates]).toEqual([116, 76]);
  });
});
