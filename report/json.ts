/**
 * The `--json` document of a check: plain data, one document per scenario and mode, that
 * CI can store and `faultline merge` (report/merge.ts) can combine across shards.
 */
import type { ActionKind, Model } from '../model/core/model.js';
import type { Expectation, PropertyKind, Verdict } from '../model/core/property.js';
import type { CheckResult, PropertyOutcome } from '../engine/check.js';
import type { Coverage, Mode, Stats } from '../engine/report.js';
import type { Parameters } from '../engine/scenario.js';
import { componentOf } from './view.js';

export interface JsonStep {
  readonly label: string;
  readonly kind?: ActionKind;
  readonly component?: string;
}

export interface JsonCounterexample {
  readonly length: number;
  /** The saved trace file, when one was written. */
  readonly file?: string;
  readonly steps: readonly JsonStep[];
  readonly recoveryFrom?: number;
  /** A lasso: steps after this one repeat for ever (the last state is the state after it); the number of steps: the last state lasts for ever. */
  readonly loopIndex?: number;
  readonly seed?: number;
  readonly path?: string;
}

/** A measured property's worst value and its witness (engine/report.ts `Worst`). */
export interface JsonWorst {
  readonly label: string;
  /** The largest value found; null: unbounded (JSON has no Infinity): for recovers, "never". */
  readonly value: number | null;
  readonly unit: string;
  /** Every reachable state was measured; false: `value` is a lower bound. */
  readonly complete: boolean;
  /** The witness: a shortest path to a state with the value (for recovers, then its recovery path from `recoveryFrom`). */
  readonly length: number;
  readonly steps: readonly JsonStep[];
  readonly recoveryFrom?: number;
  readonly loopIndex?: number;
}

export interface JsonProperty {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly expected: Expectation;
  readonly verdict: Verdict;
  readonly met?: boolean;
  readonly counterexample?: JsonCounterexample;
  readonly worst?: JsonWorst;
  /** Why the verdict is unknown when no bound explains it. */
  readonly reason?: string;
}

export type JsonStats = Pick<Stats, 'distinctStates' | 'transitions' | 'maxDepth' | 'searchMs' | 'statesPerSecond' | 'complete'> & Partial<Stats> & { readonly shards?: number };

/** One run (scenario and mode) in `--json` output. */
export interface JsonRun {
  readonly scenario: string;
  readonly mode: Mode;
  readonly parameters?: Parameters;
  readonly seed?: number;
  /** After a merge: the seeds of the shards. */
  readonly seeds?: readonly number[];
  readonly properties: readonly JsonProperty[];
  readonly stats: JsonStats;
  readonly coverage?: Coverage;
  /** One-line notices about how the run differs from what was asked. */
  readonly notices?: readonly string[];
}

export interface JsonOptions {
  /** Where a counterexample was saved. */
  readonly traceFile?: (result: CheckResult, property: PropertyOutcome) => string | undefined;
  /** The model of a result, to name each step's component. */
  readonly modelFor?: (result: CheckResult) => Model<any, any> | undefined;
}

/** The `--json` documents of check results (an array: write it with `JSON.stringify`). */
export function toJsonRuns(results: readonly CheckResult[], opts: JsonOptions = {}): JsonRun[] {
  return results.map((r) => {
    const model = opts.modelFor?.(r);
    return {
      scenario: r.scenario,
      mode: r.mode,
      parameters: r.parameters,
      ...(r.seed !== undefined ? { seed: r.seed } : {}),
      properties: r.properties.map((p): JsonProperty => {
        const cx = p.counterexample;
        const file = cx ? opts.traceFile?.(r, p) : undefined;
        return {
          name: p.name,
          kind: p.kind,
          expected: p.expected,
          verdict: p.verdict,
          met: p.met,
          ...(cx
            ? {
                counterexample: {
                  length: cx.length,
                  ...(file ? { file } : {}),
                  steps: cx.actions.map((a, i) => ({ label: cx.labels[i], kind: a.kind, ...(model ? { component: componentOf(model, a) } : {}) })),
                  ...(cx.recoveryFrom !== undefined ? { recoveryFrom: cx.recoveryFrom } : {}),
                  ...(cx.loopIndex !== undefined ? { loopIndex: cx.loopIndex } : {}),
                  ...(cx.seed !== undefined ? { seed: cx.seed } : {}),
                  ...(cx.path !== undefined ? { path: cx.path } : {}),
                },
              }
            : {}),
          ...(p.worst
            ? {
                worst: {
                  label: p.worst.label,
                  value: p.worst.value === Infinity ? null : p.worst.value,
                  unit: p.worst.unit,
                  complete: p.worst.complete,
                  length: p.worst.trace.length,
                  steps: p.worst.trace.actions.map((a, i) => ({ label: p.worst!.trace.labels[i], kind: a.kind, ...(model ? { component: componentOf(model, a) } : {}) })),
                  ...(p.worst.trace.recoveryFrom !== undefined ? { recoveryFrom: p.worst.trace.recoveryFrom } : {}),
                  ...(p.worst.trace.loopIndex !== undefined ? { loopIndex: p.worst.trace.loopIndex } : {}),
                },
              }
            : {}),
          ...(p.reason !== undefined ? { reason: p.reason } : {}),
        };
      }),
      stats: r.stats,
      ...(r.coverage ? { coverage: r.coverage } : {}),
      ...(r.notices ? { notices: r.notices } : {}),
    };
  });
}
