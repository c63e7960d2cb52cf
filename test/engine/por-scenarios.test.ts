/**
 * Partial-order reduction on every bundled scenario (issue 17): the run with `por` has the
 * verdicts and shortest counterexample lengths of the unreduced run, and no more states.
 * Where the reduction does not apply (recovers properties, a control plane, a model that is
 * not a composition), the run says so in a notice and is the unreduced run.
 */
import { describe, expect, it } from 'vitest';
import { bundledScenarios } from '../../scenarios/index.js';
import { resolveParameters } from '../../engine/scenario.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { promptControlFor } from '../../engine/check.js';
import { porUnsupported } from '../../engine/por.js';

const exhaustive = bundledScenarios.filter((s) => s.modes.includes('exhaustive'));

describe('partial-order reduction on the bundled scenarios', () => {
  it.each(exhaustive.map((s) => [s.name, s] as const))('%s: same verdicts and counterexample lengths, no more states', (_name, scenario) => {
    const model = scenario.build(resolveParameters(scenario, {}));
    const opts = { ...scenario.exhaustive, promptControl: promptControlFor(model, undefined) };
    const why = porUnsupported(model, opts);
    if (why !== undefined) {
      // Not applied: the unreduced search (capped here: some are large), with a notice saying why.
      const capped = { ...opts, maxStates: 1000 };
      const plain = exploreExhaustive(model, capped);
      const asked = exploreExhaustive(model, { ...capped, por: true });
      expect(asked.notices).toContain(`--por: not applied (${why})`);
      expect(asked.properties.map((p) => [p.verdict, p.counterexample?.length])).toEqual(plain.properties.map((p) => [p.verdict, p.counterexample?.length]));
      expect(asked.stats.distinctStates).toBe(plain.stats.distinctStates);
      return;
    }
    const full = exploreExhaustive(model, opts);
    const reduced = exploreExhaustive(model, { ...opts, por: true });
    expect(reduced.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
    expect(reduced.properties.map((p) => p.counterexample?.length)).toEqual(full.properties.map((p) => p.counterexample?.length));
    expect(Number(reduced.stats.distinctStates)).toBeLessThanOrEqual(Number(full.stats.distinctStates));
    expect(reduced.notices?.some((x) => x.startsWith('--por: ') && x.includes('ample set'))).toBe(true);
  });
});
