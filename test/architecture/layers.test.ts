/**
 * The layout is the architecture (docs/design.md "Layers"): these tests walk the real import
 * graph, so a cycle or an import against the layer direction fails `npm test`.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { buildGraph, componentEncapsulation, cycles, layerViolations, readGraph, specifiersOf, type Layer } from './import-graph.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Data flows down: each layer imports only what is listed (itself included). */
export const LAYERS: readonly Layer[] = [
  { prefix: 'model/core/', mayImport: ['model/core/'] },
  { prefix: 'model/compose/', mayImport: ['model/core/', 'model/compose/'] },
  { prefix: 'model/aws/', mayImport: ['model/core/', 'model/compose/', 'model/aws/'] },
  { prefix: 'properties/', mayImport: ['model/', 'properties/'] },
  { prefix: 'engine/', mayImport: ['model/core/', 'properties/', 'engine/'] },
  { prefix: 'report/', mayImport: ['model/core/', 'model/compose/', 'properties/', 'engine/', 'report/'] },
  // CloudFormation import: templates -> scenarios (design.md "Layers"); the bundled templates in scenarios/templates/ use it.
  { prefix: 'import/', mayImport: ['model/', 'properties/', 'engine/', 'import/'] },
  { prefix: 'scenarios/', mayImport: ['model/', 'properties/', 'engine/', 'import/', 'scenarios/'] },
  { prefix: 'bench/', mayImport: ['model/', 'properties/', 'engine/', 'import/', 'scenarios/', 'bench/'] },
  // Only the CLI loads files and scenarios by name; nothing below imports it.
  { prefix: 'cli/', mayImport: ['model/', 'properties/', 'engine/', 'import/', 'scenarios/', 'report/', 'bench/', 'cli/'] },
  { prefix: 'index.ts', mayImport: ['model/', 'properties/', 'engine/', 'scenarios/'] },
  { prefix: 'vitest.ts', mayImport: ['model/core/', 'engine/', 'scenarios/', 'report/', 'cli/'] },
  { prefix: 'vitest.config.ts', mayImport: [] },
  { prefix: 'vitest.slow.config.ts', mayImport: [] },
  { prefix: 'vitest.mutation.config.ts', mayImport: [] },
  { prefix: 'test/', mayImport: [''] },
];

describe('the import graph', () => {
  const graph = readGraph(ROOT);

  it('reads the whole project', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('engine/bfs.ts')).toContain('engine/visited.ts');
  });

  it('has no import cycle (type-only and dynamic imports included)', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import against the layer direction', () => {
    expect(layerViolations(graph, LAYERS)).toEqual([]);
  });

  it('reaches a component only through its index.ts from outside its folder', () => {
    expect(componentEncapsulation(graph, 'model/aws/')).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const graphOf = (files: Record<string, string>) => buildGraph(new Map(Object.entries(files)));

  it('sees type-only imports, re-exports, dynamic imports and worker URLs', () => {
    const specs = specifiersOf(
      [
        "import type { A } from './a.js';",
        "export { b } from '../b.js';",
        "const c = await import('./c.js');",
        "new Worker(new URL('./d.js', import.meta.url));",
        "import x from 'node:fs';",
        "// import { z } from './commented.js';",
      ].join('\n'),
    );
    expect(specs.sort()).toEqual(['../b.js', './a.js', './c.js', './d.js']);
  });

  it('finds a type-only cycle and a self-import, and no cycle in a chain', () => {
    const g = graphOf({
      'm/a.ts': "import type { B } from './b.js';",
      'm/b.ts': "import { a } from './a.js';",
      'm/c.ts': "export * from './c.js';",
      'm/d.ts': "import { a } from './a.js';",
    });
    expect(cycles(g)).toEqual([['m/a.ts', 'm/b.ts'], ['m/c.ts']]);
    expect(cycles(graphOf({ 'x.ts': "import './y.js';", 'y.ts': "import './z.js';", 'z.ts': '' }))).toEqual([]);
  });

  it('flags an upward import, a dynamic one included, and a file in no layer', () => {
    const g = graphOf({
      'model/core/m.ts': '',
      'engine/e.ts': "import { m } from '../model/core/m.js'; const c = await import('../cli/c.js');",
      'cli/c.ts': "import { e } from '../engine/e.js';",
      'stray.ts': '',
    });
    expect(layerViolations(g, LAYERS).sort()).toEqual(['engine/e.ts -> cli/c.ts', 'stray.ts: in no layer']);
  });

  it('flags a reach into another component’s internals', () => {
    const g = graphOf({
      'model/aws/ec2/index.ts': "export { x } from './state.js';",
      'model/aws/ec2/state.ts': '',
      'model/aws/ebs/reads.ts': "import { x } from '../ec2/state.js'; import { y } from '../ec2/index.js';",
      'model/aws/ebs/index.ts': "import { r } from './reads.js';",
    });
    expect(componentEncapsulation(g, 'model/aws/')).toEqual(['model/aws/ebs/reads.ts -> model/aws/ec2/state.ts']);
  });
});
