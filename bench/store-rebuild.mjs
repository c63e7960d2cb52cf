// node bench/store-rebuild.mjs [STATES=12000000] DIR...: the state store's table rebuild alone,
// for builds of faultline (each DIR with dist/ built): STATES random two-word codes inserted into
// a store sized for them, then its table rebuilt at the same size (growTable, what each doubling
// does) four times per build, interleaved. Prints each rebuild's milliseconds and the medians.
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const n = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 12_000_000;
if (args.length === 0) {
  console.error('usage: node bench/store-rebuild.mjs [STATES] DIR... (each DIR with dist/ built)');
  process.exit(2);
}
const stores = [];
for (const dir of args) {
  const { StateStore } = await import(resolve(dir, 'dist/engine/visited.js'));
  const store = new StateStore(2, n);
  const code = new Uint32Array(2);
  let x = 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    code[0] = x >>> 0;
    code[1] = i;
    store.insert(code, 0, -1, 0);
  }
  stores.push({ dir, store, ms: [] });
}
for (let round = 0; round < 4; round++) {
  for (const s of stores) {
    const t0 = performance.now();
    s.store.growTable(s.store.tableLog2);
    s.ms.push(performance.now() - t0);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const s of stores) console.log(`${s.dir}: ${n.toLocaleString('en-US')} states into 2^${s.store.tableLog2} slots, rebuilds ${s.ms.map((m) => m.toFixed(0)).join(' / ')} ms, median ${median(s.ms).toFixed(0)} ms`);
