// node bench/phases.mjs compose-aws-2|SQS_POOL_SIZE [--rounds=7]
//
// Where a packed model's time goes, warm, per transition (issue 16, sixth session): its
// `actions` over every reachable state, its `next` for every transition, and the store's
// inserts of every successor, each timed alone after a plain BFS has found the states (medians
// of the rounds). Needs dist/ built (npm run build).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_MODELS, benchModel } from './bench-models.mjs';

const DIST = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
const argv = process.argv.slice(2);
const which = argv.find((a) => !a.startsWith('--'));
const rounds = Number(argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 7);
const load = (path) => import(pathToFileURL(join(DIST, path)).href);
const { StateStore } = await load('engine/visited.js');
const model = which === undefined ? undefined : await benchModel(DIST, which);
if (model === undefined) {
  console.error(`usage: node bench/phases.mjs ${BENCH_MODELS} [--rounds=7]`);
  process.exit(2);
}
const P = model.packed;
if (P === undefined) {
  console.error(`phases: ${which} has no packed transitions to time (a plain-object model: time it with bench/compare-warm.mjs)`);
  process.exit(2);
}
const words = model.codeWords ?? model.schema.codec().words;
const encode = model.encode ? model.encode.bind(model) : model.schema.codec().encode;
const width = P.table.length;
const act = new Int32Array(width);
const batch = new Uint32Array(width * words);
const median = (xs) => xs.slice().sort((a, b) => a - b)[(xs.length - 1) >> 1];

// The reachable states, by a plain BFS over the packed transitions.
const store = new StateStore(words);
const first = new Uint32Array(words);
encode(model.init()[0], first, 0);
store.insert(first, 0, -1, 0);
const parent = new Uint32Array(words);
for (let id = 0; id < store.count; id++) {
  parent.set(store.codes.subarray(id * words, (id + 1) * words));
  const n = P.actions(parent, 0, act);
  for (let k = 0; k < n; k++) P.next(parent, 0, act[k], batch, k * words);
  for (let k = 0; k < n; k++) store.insert(batch, k * words, id, k);
}
const states = store.count;
const codes = store.codes.slice(0, states * words);

const t = { actions: [], next: [], insert: [] };
let transitions = 0;
for (let r = 0; r < rounds; r++) {
  let start = performance.now();
  transitions = 0;
  for (let id = 0; id < states; id++) transitions += P.actions(codes, id * words, act);
  t.actions.push(performance.now() - start);
  const successors = new Uint32Array(transitions * words);
  let m = 0;
  start = performance.now();
  for (let id = 0; id < states; id++) {
    const n = P.actions(codes, id * words, act);
    for (let k = 0; k < n; k++) P.next(codes, id * words, act[k], successors, (m++) * words);
  }
  t.next.push(performance.now() - start - t.actions[r]);
  const fresh = new StateStore(words);
  start = performance.now();
  for (let j = 0; j < m; j++) fresh.insert(successors, j * words, 0, 0);
  t.insert.push(performance.now() - start);
}
const ns = (ms) => ((median(ms) * 1e6) / transitions).toFixed(0);
console.log(`${which}: ${states} states, ${transitions} transitions, ${words} words a code; per transition (medians of ${rounds} rounds): actions ${ns(t.actions)} ns, next ${ns(t.next)} ns, insert ${ns(t.insert)} ns`);
