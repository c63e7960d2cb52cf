/**
 * The project's import graph, read from source: static imports and re-exports (type-only ones
 * included), dynamic `import('…')` with a literal specifier, and `new URL('./x.js',
 * import.meta.url)` (how worker entries are named). Used by layers.test.ts to forbid cycles
 * and imports against the layer direction.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

export type Graph = ReadonlyMap<string, readonly string[]>;

const SKIP = new Set(['node_modules', 'dist', 'coverage', '.git', 'anchors', 'faultline-traces']);

/** Every .ts file under `root`'s project folders, as paths relative to `root` with '/'. */
export function sourceFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(posix.join(root, dir))) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(posix.join(root, rel)).isDirectory()) out.push(...sourceFiles(root, rel));
    else if (/\.m?ts$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}

const WORKER_URL = /new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/** The relative specifiers `source` imports (any form listed above). */
export function specifiersOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  const specs = info.importedFiles.map((f) => f.fileName);
  for (const m of source.matchAll(WORKER_URL)) specs.push(m[1]);
  return specs.filter((s) => s.startsWith('./') || s.startsWith('../'));
}

/** `spec` imported from `from`, as a project file (`.js` written for a `.ts` source), or undefined. */
export function resolveSpecifier(from: string, spec: string, files: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const candidate of [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, `${base}/index.ts`]) {
    if (files.has(candidate)) return candidate;
  }
  return undefined;
}

/** The graph of `files` (contents by path): each file's resolved project imports. */
export function buildGraph(contents: ReadonlyMap<string, string>): Graph {
  const files = new Set(contents.keys());
  const graph = new Map<string, string[]>();
  for (const [file, source] of contents) {
    const targets = specifiersOf(source)
      .map((s) => resolveSpecifier(file, s, files))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

export function readGraph(root: string): Graph {
  return buildGraph(new Map(sourceFiles(root).map((f) => [f, readFileSync(posix.join(root, f), 'utf8')])));
}

/** The strongly connected components of more than one file (or a file importing itself): the cycles. */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Iterative Tarjan: the graph is small, but recursion depth should not depend on it.
  for (const root of graph.keys()) {
    if (indices.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    indices.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const edges = graph.get(top.node) ?? [];
      if (top.next < edges.length) {
        const w = edges[top.next++];
        if (!indices.has(w)) {
          indices.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(top.node, Math.min(low.get(top.node)!, indices.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === indices.get(top.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        if (component.length > 1 || edges.includes(top.node)) found.push(component.sort());
      }
    }
  }
  return found;
}

/** A layer: the files whose path starts with `prefix`, and the prefixes they may import. */
export interface Layer {
  readonly prefix: string;
  readonly mayImport: readonly string[];
}

/** The layer of `file`: the rule with the longest matching prefix. */
function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  let best: Layer | undefined;
  for (const l of layers) if ((file === l.prefix || file.startsWith(l.prefix)) && (!best || l.prefix.length > best.prefix.length)) best = l;
  return best;
}

/** Every import from a file of one layer into a file no prefix of `mayImport` covers, as `from -> to`. */
export function layerViolations(graph: Graph, layers: readonly Layer[]): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const layer = layerOf(from, layers);
    if (!layer) {
      out.push(`${from}: in no layer`);
      continue;
    }
    for (const to of targets) if (!layer.mayImport.some((p) => to === p || to.startsWith(p))) out.push(`${from} -> ${to}`);
  }
  return out;
}

/**
 * Imports of one AWS component's internal files from outside its folder: another component,
 * compose or properties must go through the component's `index.ts` (its public surface).
 */
export function componentEncapsulation(graph: Graph, componentsDir: string): string[] {
  const out: string[] = [];
  const folder = (f: string) => (f.startsWith(componentsDir) ? f.slice(componentsDir.length).split('/') : undefined);
  for (const [from, targets] of graph) {
    const a = folder(from);
    for (const to of targets) {
      const b = folder(to);
      if (!b || b.length < 2) continue; // not inside a component folder
      if (a && a.length >= 2 && a[0] === b[0]) continue; // inside the same component
      if (b[1] !== 'index.ts' && !from.startsWith('test/')) out.push(`${from} -> ${to}`);
    }
  }
  return out;
}
