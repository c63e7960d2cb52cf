/**
 * The `--json` documents of `faultline check`: a contract users' CI scripts parse, so the
 * names here are fixed.
 */
import type { CheckResult } from '../engine/check.js';

export interface CounterexampleDoc {
  readonly length: number;
  readonly file: string | null;
  readonly steps: readonly { readonly label: string }[];
  readonly recoveryFrom?: number;
  readonly seed?: number;
  readonly path?: string;
}

export interface PropertyDoc {
  readonly name: string;
  readonly kind: string;
  readonly expected: string;
  readonly verdict: string;
  readonly counterexample?: CounterexampleDoc;
}

export interface CheckDoc {
  readonly scenario: string;
  readonly mode: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly properties: readonly PropertyDoc[];
  readonly stats: {
    readonly distinctStates: number | null;
    readonly transitions: number;
    readonly maxDepth: number;
    readonly searchMs: number;
    readonly statesPerSecond: number;
    readonly complete: boolean;
    readonly stoppedBy?: string;
    readonly collisionProbability?: number;
    readonly runs?: number;
    readonly steps?: number;
  };
  readonly coverage?: CheckResult['coverage'];
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One document per scenario and mode; `files` maps property name to its saved trace. */
export function checkDoc(r: CheckResult, files: ReadonlyMap<string, string>): CheckDoc {
  const s = r.stats;
  return {
    scenario: r.scenario,
    mode: r.mode,
    parameters: r.parameters,
    properties: r.properties.map((p) => ({
      name: p.name,
      kind: p.kind,
      expected: p.expected,
      verdict: p.verdict,
      ...(p.counterexample
        ? {
            counterexample: {
              length: p.counterexample.length,
              file: files.get(p.name) ?? null,
              steps: p.counterexample.labels.map((label) => ({ label })),
              ...(p.counterexample.recoveryFrom !== undefined ? { recoveryFrom: p.counterexample.recoveryFrom } : {}),
              ...(p.counterexample.seed !== undefined ? { seed: p.counterexample.seed } : {}),
              ...(p.counterexample.path !== undefined ? { path: p.counterexample.path } : {}),
            },
          }
        : {}),
    })),
    stats: {
      distinctStates: s.distinctStates,
      transitions: s.transitions,
      maxDepth: s.maxDepth,
      searchMs: round(s.searchMs),
      statesPerSecond: Math.round(s.statesPerSecond),
      complete: s.complete,
      ...(s.stoppedBy ? { stoppedBy: s.stoppedBy } : {}),
      ...(s.collisionProbability !== undefined ? { collisionProbability: s.collisionProbability } : {}),
      ...(s.runs !== undefined ? { runs: s.runs } : {}),
      ...(s.steps !== undefined ? { steps: s.steps } : {}),
    },
    ...(r.coverage ? { coverage: r.coverage } : {}),
  };
}
