// Every counterexample `check --all` finds is saved, reloaded from JSON and replayed on a
// freshly built model: it must still show the violation (a trace is a recipe, not a dump).
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import { parseTrace, replay, toTrace } from '../../engine/trace.js';
import { resolveParameters } from '../../engine/scenario.js';
import { bundledScenarios } from '../../scenarios/index.js';

describe('every bundled counterexample replays from its saved trace', () => {
  for (const scenario of bundledScenarios) {
    it(scenario.name, () => {
      const results = checkScenario(scenario, { random: { seed: 1, runs: 300 } });
      let replayed = 0;
      for (const r of results) {
        for (const p of r.properties) {
          if (!p.counterexample) continue;
          const trace = parseTrace(JSON.stringify(toTrace(p.counterexample, { scenario: r.scenario, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode })));
          const params = Object.fromEntries(Object.entries(trace.parameters).map(([k, v]) => [k, String(v)]));
          const model = scenario.build(resolveParameters(scenario, params));
          const property = model.properties.find((x) => x.name === trace.property)!;
          const out = replay(model, property, trace.steps, { initIndex: trace.initIndex, recoveryFrom: trace.recoveryFrom });
          expect(out.violated, `${r.mode} ${p.name}`).toBe(true);
          replayed++;
        }
      }
      const expectsFailure = Object.values(scenario.expect).includes('fails');
      if (expectsFailure) expect(replayed).toBeGreaterThan(0);
    });
  }
});
