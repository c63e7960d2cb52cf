/**
 * `checkScenario(scenario, { modes: ['exhaustive'] })` once per test worker: several files check
 * the same bundled scenarios with the same options (dr:ttl-too-long alone is 391,828 states), and
 * `npm test` runs its files in shared workers (vitest.config.ts, `isolate: false`), so a result
 * computed for one file serves the next. Results are deep-frozen: a test that changed one would
 * throw instead of changing what another file reads.
 */
import { checkScenario, type CheckResult } from '../../engine/check.js';
import type { Scenario } from '../../engine/scenario.js';

const cache = new WeakMap<Scenario<any>, CheckResult>();

export function exhaustiveOnce(scenario: Scenario<any>): CheckResult {
  let r = cache.get(scenario);
  if (!r) {
    [r] = checkScenario(scenario, { modes: ['exhaustive'] });
    cache.set(scenario, deepFreeze(r));
  }
  return r;
}

function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v) || ArrayBuffer.isView(v)) return v;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
  return v;
}
