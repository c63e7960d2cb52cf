/**
 * An imported template as a TypeScript scenario module (`faultline import template.yaml`): one
 * `defineScenario` per unit, each a `compose([...])` of the unit's components with the
 * template's values, its properties from the invariant library, and a comment on every option
 * naming the template resource and property (or AWS default, or assumption) it came from.
 *
 * The text is printed from the same plans `faultline check template.yaml` builds its models
 * from (units.ts: each component's factory and options, each property's invariant and
 * arguments), so a saved file checks with the same states and verdicts until someone edits it.
 * Everything it imports comes from 'faultline' (index.ts), the package a project depends on.
 *
 * The module exports each unit's scenario as a const and, as its default, the scenario (one
 * unit) or the array of them, which `faultline check FILE` loads (cli/load.ts).
 */
import { isUnknown, show } from './values.js';
import { KIND_TITLES, unitDescription, type ImportedUnit, type TemplateImport } from './scenarios.js';
import { OPTION_FUNCTIONS, type PropertyPlan } from './units.js';
import { TABLE_PROPERTIES } from './table-properties.js';

/** Options of `templateModule`. */
export interface ModuleOptions {
  /** The command line to name in the header (default: `faultline import FILE` with the import's --param values). */
  readonly command?: string;
}

/** The TypeScript module of an imported template. */
export function templateModule(imp: TemplateImport, opts: ModuleOptions = {}): string {
  const imports = new Set<string>(['compose', 'defineScenario']);
  const blocks = imp.units.map((u) => unitBlock(imp, u, imports));
  // Named once every import is known: a unit called `Ec2` must not shadow the factory `ec2`.
  const names = constNames(imp.units, new Set([...imports].map((n) => n.replace(/^type /, ''))));
  const out: string[] = [...header(imp, opts), ''];
  out.push(`import { ${sortImports(imports).join(', ')} } from 'faultline';`);
  // A commented-out property names what uncommenting it must add to the import (nothing unused is imported).
  const needs = (list: string) => list.split(',').filter((n) => !imports.has(n)).map((n) => n.replace(/^type /, ''));
  const resolveSlots = (l: string) => l.replace(NEEDS_SLOT, (_, list: string) => (needs(list).length > 0 ? `; uncommented, it needs ${needs(list).join(', ')} in the import` : ''));
  for (let i = 0; i < blocks.length; i++) out.push('', ...blocks[i].map((l) => resolveSlots(l.replace(CONST_SLOT, names[i]))));
  out.push('');
  out.push(names.length === 1 ? `export default ${names[0]};` : `export default [${names.join(', ')}];`);
  return out.join('\n') + '\n';
}

/** Where a unit's const name goes until every import is known (a name may need its suffix). */
const CONST_SLOT = '\u0000const\u0000';
/** Where a commented-out property's imports are named once every import is known. */
const NEEDS_SLOT = /\u0000needs:([^\u0000]*)\u0000/;

function header(imp: TemplateImport, opts: ModuleOptions): string[] {
  const command = opts.command ?? ['faultline import', imp.file, ...Object.entries(imp.params).map(([k, v]) => `--param ${k}=${v}`)].join(' ');
  const lines: string[] = [
    `Scenarios of the CloudFormation template ${imp.file}, written by \`${command}\`.`,
    `Save, edit and commit it: \`faultline check <this file>\` gives the verdicts \`faultline check ${imp.file}\` gives, until you change it.`,
    'Each option says where its value came from: Resource.Property, an AWS default, or an assumption.',
  ];
  const assumed: [string, string][] = [];
  for (const a of imp.resolved.assumptions) assumed.push([`${a.key}=${a.value}`, `${a.why}${Object.hasOwn(imp.params, a.key) ? ' (--param)' : ''}`]);
  for (const u of imp.units) for (const a of u.model.assumptions) assumed.push([`${a.key}=${a.value}`, `${a.why}${Object.hasOwn(imp.params, a.key) ? ' (--param)' : ''}`]);
  if (assumed.length > 0) {
    lines.push('', 'Assumptions (what the template does not say; edit the values below, or import again with --param KEY=VALUE):');
    const width = Math.max(...assumed.map(([k]) => k.length));
    for (const [k, why] of assumed) lines.push(`  ${k.padEnd(width)}  ${why}`);
  }
  if (imp.resolved.parameters.length > 0) {
    lines.push('', 'Template parameters:');
    for (const p of imp.resolved.parameters) {
      lines.push(isUnknown(p.value) ? `  ${p.name}: unknown (${p.value.why})` : `  ${p.name}=${show(p.value)}${p.from === 'param' ? ' (--param)' : ' (its Default)'}`);
    }
  }
  if (imp.mapping.skipped.length > 0) lines.push('', `Not created (condition false): ${imp.mapping.skipped.map((s) => `${s.id} (${s.condition})`).join(', ')}`);
  if (imp.mapping.ignored.length > 0) lines.push('', `Ignored (no part in fault tolerance as modelled): ${imp.mapping.ignored.map((r) => `${r.id} (${r.type})`).join(', ')}`);
  if (imp.mapping.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of imp.mapping.warnings) lines.push(`  ${w}`);
  }
  return lines.map(comment);
}

function unitBlock(imp: TemplateImport, u: ImportedUnit, imports: Set<string>): string[] {
  const m = u.model;
  const notes: string[] = [`${KIND_TITLES[u.unit.kind]} ${u.unit.id} (line ${u.unit.line}), from ${u.unit.resources.join(', ')}`];
  if (m.abstraction !== undefined) notes.push(`abstracted: ${m.abstraction}`);
  for (const x of m.leftOut) notes.push(`left out: ${x}`);
  for (const x of u.unit.unknowns) notes.push(`unknown: ${x}`);
  const out: string[] = notes.map(comment);
  out.push(`export const ${CONST_SLOT} = defineScenario({`);
  out.push(`  name: ${quote(u.scenario)},`);
  out.push(`  description: ${quote(unitDescription(imp, u))},`);
  out.push('  model: compose(');
  out.push('    [');
  for (const c of m.components) {
    imports.add(c.factory);
    out.push(`      ${c.factory}({`);
    for (const [key, value] of Object.entries(c.options)) {
      const text = literal(value, imports);
      // A function passed under its own name (`elbHealthy`) is written as the shorthand.
      out.push(withComment(text === key ? `        ${key},` : `        ${propertyKey(key)}: ${text},`, c.from[key]));
    }
    out.push('      }),');
  }
  out.push('    ],');
  out.push('    {');
  if (m.maxFaults !== undefined) out.push(withComment(`      maxFaults: ${literal(m.maxFaults, imports)},`, m.composeFrom.maxFaults));
  if (m.tickSeconds !== undefined) out.push(withComment(`      tickSeconds: ${literal(m.tickSeconds, imports)},`, m.composeFrom.tickSeconds));
  out.push('      properties: [');
  const checked = new Set(u.checked);
  for (const p of m.properties) {
    if (checked.has(p.name)) out.push(withComment(`        ${propertyCode(p, imports)},`, [p.name, p.why].filter((x) => x !== undefined).join(': ')));
    else {
      const needed = new Set<string>();
      const code = `${propertyCode(p, needed)},`;
      const why = p.on ? 'switched off' : `off by default (--param on=${u.unit.id}.${p.name})`;
      out.push(`${withComment(`        // ${code}`, `${p.name}: ${why}${p.why !== undefined ? `; ${p.why}` : ''}`)}\u0000needs:${[...needed].join(',')}\u0000`);
    }
  }
  out.push('      ],');
  out.push('    },');
  out.push('  ),');
  out.push("  modes: ['exhaustive'],");
  out.push("  // No expect: every property must hold (or be reached), as for the template. A known failure: expect: { Name: 'fails' }.");
  out.push('});');
  return out;
}

/** A property's call: `invariants.fn(args)`, or the import's DynamoDB property on faultline's exports. */
function propertyCode(p: PropertyPlan, imports: Set<string>): string {
  if ('invariant' in p.call) {
    imports.add('invariants');
    return `invariants.${p.call.invariant}(${p.call.args.map((a) => literal(a, imports)).join(', ')})`;
  }
  const t = TABLE_PROPERTIES[p.call.table];
  for (const name of [t.kind, ...t.imports, 'type World']) imports.add(name);
  return `${t.kind}<World>(${quote(p.call.table)}, ${t.predicate}, ${quote(t.description)})`;
}

/**
 * A value as a TypeScript literal, the same on every run: numbers (Infinity as `Infinity`),
 * strings in single quotes with JSON's escapes, booleans, arrays, plain objects in their key order, and the
 * functions faultline exports (by that name, added to the imports). Anything else is a bug
 * in the import: it throws.
 */
export function literal(v: unknown, imports: Set<string>): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean' || v === null) return String(v);
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') {
    const name = OPTION_FUNCTIONS.get(v);
    if (name === undefined) throw new Error(`import: no exported name for the function ${v.name || '(anonymous)'} in a component's options`);
    imports.add(name);
    return name;
  }
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, imports)).join(', ')}]`;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const entries = Object.entries(v as Record<string, unknown>);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${propertyKey(k)}: ${literal(x, imports)}`).join(', ')} }`;
  }
  throw new Error(`import: cannot print ${Object.prototype.toString.call(v)} as TypeScript`);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(k: string): string {
  return IDENTIFIER.test(k) ? k : quote(k);
}

/** A string literal in single quotes with JSON's escapes (control characters, backslashes, line separators). */
function quote(s: string): string {
  const json = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'").replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `'${json}'`;
}

/** `code // note` (a note made one printable line). */
function withComment(code: string, note: string | undefined): string {
  return note === undefined || note === '' ? code : `${code} // ${oneLine(note)}`;
}

function comment(line: string): string {
  return line === '' ? '//' : `// ${oneLine(line)}`;
}

/** Template text in a `//` comment: line breaks and other control characters become spaces. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** Value imports sorted, then type imports. */
function sortImports(imports: Set<string>): string[] {
  const all = [...imports];
  const values = all.filter((n) => !n.startsWith('type ')).sort();
  const types = all.filter((n) => n.startsWith('type ')).sort();
  return [...values, ...types];
}

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false',
  'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public',
  'await', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity', 'as', 'async', 'from', 'of', 'type',
]);

/** A valid, distinct TypeScript identifier per unit, from its scenario variant (`web-server-group` -> `webServerGroup`), none of `taken`. */
export function constNames(units: readonly ImportedUnit[], taken: ReadonlySet<string> = new Set()): string[] {
  const used = new Set<string>(taken);
  return units.map((u) => {
    const variant = u.scenario.slice(u.scenario.indexOf(':') + 1);
    let base = variant.replace(/-+([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9_$]/g, '');
    if (base === '' || /^[0-9]/.test(base)) base = `unit${base.charAt(0).toUpperCase()}${base.slice(1)}`;
    if (RESERVED.has(base) || taken.has(base)) base = `${base}Scenario`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  });
}
