/** `faultline list`: the bundled scenarios. */
import { defaultExpectation } from '../model/core/property.js';
import { bundledScenarios } from '../scenarios/index.js';

export function listCommand(o: { json?: boolean }): void {
  const rows = bundledScenarios.map((s) => {
    const model = s.build();
    return {
      name: s.name,
      description: s.description,
      modes: [...s.modes],
      properties: model.properties.map((p) => ({ name: p.name, kind: p.kind, expected: s.expect[p.name] ?? defaultExpectation(p.kind) })),
    };
  });
  if (o.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    process.stdout.write(`${r.name.padEnd(width)}  ${r.description}\n`);
    for (const p of r.properties) process.stdout.write(`${''.padEnd(width)}    ${p.name} (${p.kind}, expected ${p.expected})\n`);
  }
}
