/**
 * The import report (`faultline import --report`, `--json`): what each unit was built from, the assumptions and
 * abstractions it rests on, what was left out or could not be resolved, and which resources
 * were ignored or matter without being modelled. Text for people, a JSON document for tools.
 */
import { KIND_TITLES, type TemplateImport } from './scenarios.js';
import { show } from './values.js';

/** The import as a JSON-ready document. */
export function importDocument(imp: TemplateImport) {
  return {
    file: imp.file,
    parameters: imp.resolved.parameters.map((p) => ({ name: p.name, type: p.type, value: show(p.value), from: p.from })),
    assumptions: imp.resolved.assumptions,
    units: imp.units.map((u) => ({
      scenario: u.scenario,
      kind: u.unit.kind,
      resource: u.unit.id,
      line: u.unit.line,
      resources: u.unit.resources,
      components: u.model.components.map((c) => ({ factory: c.factory, options: jsonSafe(c.options), from: c.from })),
      properties: u.model.properties.map((p) => ({ name: p.name, checked: u.checked.includes(p.name), default: p.on })),
      assumptions: u.model.assumptions,
      ...(u.model.tickSeconds !== undefined ? { tickSeconds: u.model.tickSeconds } : {}),
      ...(u.model.abstraction !== undefined ? { abstraction: u.model.abstraction } : {}),
      leftOut: u.model.leftOut,
      unknowns: u.unit.unknowns,
      from: u.unit.from,
    })),
    ignored: imp.mapping.ignored,
    skipped: imp.mapping.skipped,
    warnings: imp.mapping.warnings,
  };
}

/** Infinity (a period left out) as the text "Infinity": JSON has no such number. */
function jsonSafe(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (typeof v === 'function') out[k] = `${k} (function)`;
    else out[k] = v === Infinity ? 'Infinity' : v;
  }
  return out;
}

/** The import as text: one block per unit, then ignored resources, warnings and unknowns. */
export function formatImport(imp: TemplateImport): string {
  const lines: string[] = [];
  const units = imp.units.length;
  lines.push(`${imp.file}: ${units} unit${units === 1 ? '' : 's'} to check, ${imp.mapping.ignored.length} resource${imp.mapping.ignored.length === 1 ? '' : 's'} ignored, ${imp.mapping.warnings.length} warning${imp.mapping.warnings.length === 1 ? '' : 's'}`);
  const given = imp.resolved.parameters.filter((p) => p.from !== 'default');
  if (given.length > 0) lines.push(`parameters: ${given.map((p) => `${p.name}=${show(p.value)}${p.from === 'none' ? '' : ' (--param)'}`).join(', ')}`);
  for (const a of imp.resolved.assumptions) lines.push(`assumed: ${a.why}: ${a.key}=${a.value} (--param ${a.key}=...)`);
  for (const u of imp.units) {
    lines.push('');
    lines.push(`${u.scenario}  ${KIND_TITLES[u.unit.kind]} ${u.unit.id} (line ${u.unit.line})`);
    lines.push(`  resources: ${u.unit.resources.join(', ')}`);
    for (const c of u.model.components) {
      const opts = Object.entries(c.options).map(([k, v]) => `${k}: ${typeof v === 'function' ? k : JSON.stringify(v === Infinity ? 'Infinity' : v)}`).join(', ');
      lines.push(`  ${c.factory}({ ${opts} })`);
      for (const [k, v] of Object.entries(c.from)) lines.push(`      ${k} <- ${v}`);
    }
    if (u.model.tickSeconds !== undefined) lines.push(`  tick: ${u.model.tickSeconds} s`);
    lines.push(`  checks: ${u.checked.join(', ')}`);
    const optional = u.model.properties.filter((p) => !u.checked.includes(p.name)).map((p) => p.name);
    if (optional.length > 0) lines.push(`  not checked (--param on=${u.unit.id}.NAME): ${optional.join(', ')}`);
    for (const a of u.model.assumptions) lines.push(`  assumed: ${a.key}=${a.value}: ${a.why}`);
    if (u.model.abstraction !== undefined) lines.push(`  abstracted: ${u.model.abstraction}`);
    for (const x of u.model.leftOut) lines.push(`  left out: ${x}`);
    for (const x of u.unit.unknowns) lines.push(`  unknown: ${x}`);
  }
  if (imp.mapping.skipped.length > 0) {
    lines.push('');
    lines.push(`not created (condition false): ${imp.mapping.skipped.map((s) => `${s.id} (${s.condition})`).join(', ')}`);
  }
  if (imp.mapping.ignored.length > 0) {
    lines.push('');
    lines.push(`ignored: ${imp.mapping.ignored.map((r) => `${r.id} (${r.type})`).join(', ')}`);
  }
  for (const w of imp.mapping.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

/** A few lines for `faultline check` on a template (stderr): the units, assumptions, unknowns and warnings. */
export function checkNotes(imp: TemplateImport): string[] {
  const out: string[] = [];
  out.push(`${imp.file}: ${imp.units.length} unit${imp.units.length === 1 ? '' : 's'} (${imp.units.map((u) => u.scenario.split(':')[1]).join(', ') || 'none'}); faultline import ${imp.file} prints them as TypeScript, --report how each was built`);
  for (const a of imp.resolved.assumptions) out.push(`${imp.file}: assumed ${a.key}=${a.value}: ${a.why}`);
  for (const u of imp.units) {
    if (u.model.assumptions.length > 0) out.push(`${u.scenario}: assumed ${u.model.assumptions.map((a) => `${a.key}=${a.value}`).join(', ')}`);
    if (u.model.abstraction !== undefined) out.push(`${u.scenario}: abstracted: ${u.model.abstraction}`);
    for (const x of u.unit.unknowns) out.push(`${u.scenario}: unknown: ${x}`);
  }
  for (const w of imp.mapping.warnings) out.push(`${imp.file}: warning: ${w}`);
  return out;
}
