// Every counterexample `check --all` finds is saved, reloaded from JSON (checksum verified)
// and replayed on a freshly built model by the replay rule: it must still show the
// violation (a trace is a recipe, not a dump), so `faultline replay` exits 1 on it.
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import { parseTrace, toTrace } from '../../engine/trace.js';
import { replayVerdict } from '../../engine/replay-rule.js';
import { resolveParameters } from '../../engine/scenario.js';
import { bundledScenarios } from '../../scenarios/index.js';
import { exhaustiveOnce } from './checked-once.js';

describe('every bundled counterexample replays from its saved trace', () => {
  for (const scenario of bundledScenarios) {
    it(scenario.name, () => {
      // The exhaustive result is shared with the other files that check the same scenarios.
      const results = [
        ...(scenario.modes.includes('exhaustive') ? [exhaustiveOnce(scenario)] : []),
        ...(scenario.modes.includes('random') ? checkScenario(scenario, { modes: ['random'], random: { seed: 1, runs: 300 } }) : []),
      ];
      expect(results.length).toBe(scenario.modes.length);
      let replayed = 0;
      for (const r of results) {
        for (const p of r.properties) {
          if (!p.counterexample) continue;
          const trace = parseTrace(JSON.stringify(toTrace(p.counterexample, { scenario: r.scenario, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode })));
          const params = Object.fromEntries(Object.entries(trace.parameters).map(([k, v]) => [k, String(v)]));
          const model = scenario.build(resolveParameters(scenario, params));
          expect(replayVerdict(model, trace).outcome, `${r.mode} ${p.name}`).toBe('still-violates');
          replayed++;
        }
      }
      const expectsFailure = Object.values(scenario.expect).includes('fails');
      if (expectsFailure) expect(replayed).toBeGreaterThan(0);
    });
  }
});
