/** Reports shared by the HTML tests (string checks and headless Chromium). */
import { checkScenario, type CheckResult } from '../../engine/check.js';
import { defineScenario } from '../../engine/scenario.js';
import type { Model } from '../../model/core/model.js';
import { sqsPoolEarlyDelete } from '../../scenarios/sqs-pool/index.js';
import { renderHtmlReport } from '../../report/html.js';
import { fleetModel, bundled } from './fixtures.js';

export const HOSTILE = '<script>alert(1)</script>';

/** The sqs-pool:early-delete report (exhaustive, with coverage): one 3-step trace. */
export function earlyDeleteReport(): { html: string; results: CheckResult[] } {
  const results = checkScenario(bundled('sqs-pool:early-delete'), { modes: ['exhaustive'], exhaustive: { coverage: true } });
  const model = sqsPoolEarlyDelete.build(results[0].parameters);
  return { html: renderHtmlReport(results, { modelFor: () => model, traceFile: () => 'traces/early.json' }), results };
}

/**
 * A report where every name a model or scenario supplies is hostile: the scenario and
 * property names, the component, the labels and a state field.
 */
export function hostileReport(): string {
  const base = fleetModel();
  const model: Model<any, any> = {
    ...base,
    init: () => base.init().map((s) => ({ ...s, [`<b onmouseover="alert(3)">`]: 0 })),
    next: (s, a) => ({ ...base.next(s, a), [`<b onmouseover="alert(3)">`]: 1 }),
    component: () => `<img src=x onerror=alert(2)>`,
    format: (a) => `${a.type}${HOSTILE}`,
  };
  const [r] = checkScenario(defineScenario({ name: 'fleet', description: '', model, modes: ['exhaustive'] }), { exhaustive: { coverage: true } });
  const hostile: CheckResult = {
    ...r,
    scenario: HOSTILE,
    parameters: { [`<i>k</i>`]: `</style><script>alert(4)</script>` },
    properties: r.properties.map((p) => ({ ...p, name: p.name === 'OneUp' ? `${HOSTILE}"'&` : p.name })),
  };
  return renderHtmlReport([hostile], { modelFor: () => model });
}
