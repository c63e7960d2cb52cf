/** `faultline components`: the AWS component catalog. */
import { componentCatalog } from '../model/aws/catalog.js';

export function componentsCommand(o: { json?: boolean }): void {
  const rows = componentCatalog();
  if (o.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  for (const c of rows) {
    process.stdout.write(`${c.name}\n`);
    for (const p of c.parameters) {
      const range = Array.isArray(p.range) && typeof p.range[0] === 'number' ? `${p.range[0]}..${p.range[1]}` : p.range.join('|');
      process.stdout.write(`  ${p.name} = ${p.default} ${p.unit} (${range})\n`);
    }
    for (const kind of ['op', 'fault', 'control'] as const) {
      if (c.actions[kind].length) process.stdout.write(`  ${kind}: ${c.actions[kind].join(', ')}\n`);
    }
  }
}
