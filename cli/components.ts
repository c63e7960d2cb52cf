/** `faultline components`: the AWS component catalog, one line per option. */
import type { ParameterInfo } from '../model/compose/component.js';
import { componentCatalog, type CatalogEntry } from '../model/aws/catalog.js';

/** Ranges wider than this push the description right rather than widen every line. */
const RANGE_WIDTH = 18;

/** `lo..hi`, `a|b|c`, or `op names` / `fault names` for a list of the component's own ops or faults (listed below it). */
function formatRange(range: ParameterInfo['range'], actions: CatalogEntry['actions']): string {
  if (range.length === 0) return '-';
  if (typeof range[0] === 'number') return `${range[0]}..${range[1]}`;
  const names = range as readonly string[];
  for (const kind of ['op', 'fault'] as const) {
    const own = actions[kind];
    if (names.length > 2 && names.length === own.length && names.every((x) => own.includes(x))) return `${kind} names`;
  }
  return names.join('|');
}

/** A default as a user writes it; a list of names equal to the allowed ones is `all`, an empty list `none`. */
function formatDefault(p: ParameterInfo): string {
  const d = p.default;
  if (!Array.isArray(d)) return typeof d === 'object' && d !== null ? JSON.stringify(d) : String(d);
  if (d.length === 0) return 'none';
  const names = p.range as readonly unknown[];
  if (typeof names[0] === 'string' && d.length === names.length && d.every((x) => names.includes(x))) return 'all';
  return `[${d.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(',')}]`;
}

/** Pads every column but the last to its widest cell (at most `max`). */
function aligned(rows: readonly (readonly string[])[], max: readonly number[]): string[] {
  const widths = rows[0].map((_, k) => Math.min(max[k] ?? Infinity, Math.max(...rows.map((r) => r[k].length))));
  return rows.map((r) => r.map((cell, k) => (k === r.length - 1 ? cell : cell.padEnd(widths[k]))).join('  ').trimEnd());
}

export function componentsCommand(o: { json?: boolean }): void {
  const entries = componentCatalog();
  if (o.json) {
    process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
    return;
  }
  for (const c of entries) {
    process.stdout.write(`${c.name}\n`);
    const rows = c.parameters.map((p) => [p.name, formatDefault(p), p.unit, formatRange(p.range, c.actions), p.description]);
    for (const line of aligned(rows, [Infinity, Infinity, Infinity, RANGE_WIDTH])) process.stdout.write(`  ${line}\n`);
    for (const kind of ['op', 'fault', 'control'] as const) {
      if (c.actions[kind].length) process.stdout.write(`  ${kind}: ${c.actions[kind].join(', ')}\n`);
    }
    const api = Object.keys(c.actions.plane).filter((type) => c.actions.plane[type] === 'control');
    if (api.length) process.stdout.write(`  control plane (API calls): ${api.join(', ')}\n`);
  }
}
