/**
 * Action coverage for reports: which actions fired and how often, per component; which
 * actions a component's catalog declares but never fired (faults first: a suite that never
 * injects a fault has not tested it); which `sometimes` properties were never reached.
 */
import type { ActionCatalog } from '../model/compose/component.js';
import type { ActionKind, Model } from '../model/core/model.js';
import type { CheckResult } from '../engine/check.js';
import type { Palette } from './colors.js';
import { formatCount } from './format.js';

/** Action catalogs by component name. */
export type CatalogByComponent = Readonly<Record<string, ActionCatalog>>;

const KINDS: readonly ActionKind[] = ['fault', 'op', 'control'];

/**
 * The catalogs of a composed model's components, when the model exposes them (a
 * `components` array of `{ name, catalog }`, as `compose` builds); undefined otherwise.
 */
export function catalogOf(model: Model<any, any>): CatalogByComponent | undefined {
  const components = (model as { components?: unknown }).components;
  if (!Array.isArray(components)) return undefined;
  const out: Record<string, ActionCatalog> = {};
  for (const comp of components as { name?: unknown; catalog?: ActionCatalog }[]) {
    if (typeof comp?.name === 'string' && comp.catalog) out[comp.name] = comp.catalog;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface ComponentCoverage {
  readonly component: string;
  /** Action types that fired, most frequent first, with their counts. */
  readonly fired: readonly (readonly [string, number])[];
  /** Catalog actions that never fired (faults first); empty without a catalog. */
  readonly neverFired: readonly { readonly type: string; readonly kind: ActionKind }[];
}

export interface CoverageSummary {
  readonly components: readonly ComponentCoverage[];
  /** `sometimes` properties whose verdict is not `reached`. */
  readonly unreached: readonly string[];
  /** Whether never-fired actions could be listed (a catalog was available). */
  readonly hasCatalog: boolean;
}

/** Coverage of one run, combined with the catalog when there is one. */
export function summarizeCoverage(result: CheckResult, catalog?: CatalogByComponent): CoverageSummary {
  const counts = result.coverage?.actions ?? {};
  const names = [...Object.keys(counts)];
  for (const name of Object.keys(catalog ?? {})) if (!names.includes(name)) names.push(name);
  const components = names.map((component): ComponentCoverage => {
    const fired = Object.entries(counts[component] ?? {}).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const cat = catalog?.[component];
    const neverFired = cat ? KINDS.flatMap((kind) => cat[kind].filter((type) => !(counts[component]?.[type] > 0)).map((type) => ({ type, kind }))) : [];
    return { component, fired, neverFired };
  });
  const unreached = result.properties.filter((p) => p.kind === 'sometimes' && p.verdict !== 'reached').map((p) => p.name);
  return { components, unreached, hasCatalog: catalog !== undefined };
}

/** Coverage as terminal lines (without indentation). */
export function coverageLines(result: CheckResult, catalog: CatalogByComponent | undefined, c: Palette): string[] {
  const sum = summarizeCoverage(result, catalog);
  const width = Math.max(0, ...sum.components.map((x) => x.component.length));
  const lines = [c.bold(`coverage (${result.mode})`)];
  for (const comp of sum.components) {
    const fired = comp.fired.map(([type, n]) => `${type} ${formatCount(n)}`).join(', ');
    lines.push(`  ${comp.component.padEnd(width)}  ${fired || c.dim('nothing fired')}`);
    if (comp.neverFired.length > 0) {
      const never = comp.neverFired.map((x) => (x.kind === 'fault' ? c.yellow(`${x.type} (fault)`) : `${x.type} (${x.kind})`));
      lines.push(`  ${' '.repeat(width)}  never fired: ${never.join(', ')}`);
    }
  }
  if (sum.unreached.length > 0) lines.push(`  ${c.yellow(`sometimes never reached: ${sum.unreached.join(', ')}`)}`);
  return lines;
}
