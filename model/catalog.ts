/** The component catalog: every AWS component with its default parameters and actions. */
import type { Component, ParameterInfo } from './component.js';

export interface CatalogEntry {
  readonly name: string;
  readonly parameters: readonly Pick<ParameterInfo, 'name' | 'default' | 'unit' | 'range'>[];
  readonly actions: { readonly op: readonly string[]; readonly fault: readonly string[]; readonly control: readonly string[] };
}

/** Components built with their defaults, in the order the catalog lists them. */
const COMPONENTS: readonly (() => Component)[] = [];

export function componentCatalog(): CatalogEntry[] {
  return COMPONENTS.map((make) => {
    const c = make();
    return {
      name: c.name,
      parameters: c.parameters.map((p) => ({ name: p.name, default: p.default, unit: p.unit, range: p.range })),
      actions: { op: [...c.catalog.op], fault: [...c.catalog.fault], control: [...c.catalog.control] },
    };
  });
}
