/** `faultline invariants`: the invariant library, as `components` lists the components. */
import { invariantCatalog } from '../properties/catalog.js';

export function invariantsCommand(o: { json?: boolean }): void {
  const rows = invariantCatalog();
  if (o.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  const width = Math.max(...rows.map((r) => r.call.length));
  for (const r of rows) {
    process.stdout.write(`${r.call.padEnd(width)}  ${r.property} (${r.kind}; reads ${r.needs.join(', ')})\n`);
    if (r.description) process.stdout.write(`${' '.repeat(width)}  ${r.description}\n`);
  }
}
