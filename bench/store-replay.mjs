// The state store's inserts alone, replayed from a recorded run (issue 16), against a variant that
// keeps the codes in the table ("keys in the table instead of ids"):
//
//   node bench/store-replay.mjs record pool|plain|compose FILE   sqs-pool xlarge --encoded, the same
//                                                            model's plain objects (inferred codes), or compose-aws 3
//   node bench/store-replay.mjs replay FILE [ROUNDS=3]     the inserts into each store, interleaved
//
// `record` explores with this checkout's dist/ and writes every insert (code, parent, action) to
// FILE and the counts to FILE.json (sqs-pool 215 MB, compose-aws 3 1.2 GB: run compose with
// `node --max-old-space-size=8000`). `replay` inserts them, in order, into a StateStore and into
// InlineStore below, each sized for the run's states up front (no growth), and prints each
// round's milliseconds.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
const { StateStore, hashWords } = await import(join(DIST, 'engine/visited.js'));

/** Table slots of `[id + 1, code words...]`: a probe compares the code in place (no id, no tag, no second array). */
class InlineStore {
  constructor(words, expected) {
    this.words = words;
    this.stride = words + 1;
    let log2 = 4;
    while (2 ** log2 * 0.75 < expected) log2++;
    this.mask = 2 ** log2 - 1;
    this.slots = new Uint32Array(2 ** log2 * this.stride);
    this.parents = new Uint32Array(expected + 16);
    this.actions = new Uint16Array(expected + 16);
    this.slotOf = new Uint32Array(expected + 16);
    this.count = 0;
  }
  insert(buf, off, parent, action) {
    const { words, stride, mask, slots } = this;
    let slot = hashWords(buf, off, words) & mask;
    for (;;) {
      const at = slot * stride;
      if (slots[at] === 0) break;
      let i = 0;
      while (i < words && slots[at + 1 + i] === buf[off + i]) i++;
      if (i === words) return -1;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    const at = slot * stride;
    slots[at] = id + 1;
    for (let i = 0; i < words; i++) slots[at + 1 + i] = buf[off + i];
    this.parents[id] = parent;
    this.actions[id] = action;
    this.slotOf[id] = slot;
    return id;
  }
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'record' && (a === 'pool' || a === 'plain' || a === 'compose') && b) {
  const orig = StateStore.prototype.insert;
  let rec = new Uint32Array(1 << 26);
  let n = 0;
  let words = 0;
  let recording;
  StateStore.prototype.insert = function (buf, off, parent, action) {
    // The plain path starts again with wider codes when a state does not fit: keep the last store's inserts only.
    if (this !== recording) {
      recording = this;
      n = 0;
    }
    words = this.words;
    const at = n * (words + 2);
    if (at + words + 2 > rec.length) {
      const grown = new Uint32Array(rec.length * 2);
      grown.set(rec);
      rec = grown;
    }
    for (let i = 0; i < words; i++) rec[at + i] = buf[off + i];
    rec[at + words] = parent;
    rec[at + words + 1] = action;
    n++;
    return orig.call(this, buf, off, parent, action);
  };
  let model;
  if (a === 'pool' || a === 'plain') {
    const { packedSqsPool } = await import(join(DIST, 'scenarios/sqs-pool/packed.js'));
    const { SIZES, sqsPool } = await import(join(DIST, 'scenarios/sqs-pool/model.js'));
    model = a === 'pool' ? packedSqsPool(SIZES.xlarge) : sqsPool(SIZES.xlarge);
  } else {
    const aws = (m) => import(join(DIST, `model/aws/${m}/index.js`));
    const [{ az }, { ec2 }, { capacity }, { asg }, { elb, elbHealthy }] = await Promise.all(['az', 'ec2', 'capacity', 'asg', 'elb'].map(aws));
    const { compose } = await import(join(DIST, 'model/compose/compose.js'));
    model = compose([az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), elb({ registered: [0, 1], attachedToAsg: true })], { maxFaults: 3 });
  }
  const { exploreExhaustive } = await import(join(DIST, 'engine/bfs.js'));
  const r = exploreExhaustive(model, {});
  writeFileSync(b, rec.subarray(0, n * (words + 2)));
  writeFileSync(`${b}.json`, JSON.stringify({ n, words, states: r.stats.distinctStates }));
  console.log(JSON.stringify({ model: a, inserts: n, words, states: r.stats.distinctStates }));
} else if (mode === 'replay' && a) {
  const { n, words, states } = JSON.parse(readFileSync(`${a}.json`, 'utf8'));
  const rec = new Uint32Array(readFileSync(a).buffer);
  const rounds = Number(b ?? 3);
  for (let r = 0; r < rounds; r++) {
    for (const kind of ['ids', 'inline']) {
      const store = kind === 'ids' ? new StateStore(words, states) : new InlineStore(words, states);
      const t = performance.now();
      for (let i = 0; i < n; i++) {
        const at = i * (words + 2);
        store.insert(rec, at, rec[at + words] | 0, rec[at + words + 1]);
      }
      console.log(JSON.stringify({ store: kind, ms: Math.round(performance.now() - t), states: store.count }));
    }
  }
} else {
  console.error('usage: node bench/store-replay.mjs record pool|plain|compose FILE | replay FILE [ROUNDS]');
  process.exit(2);
}
