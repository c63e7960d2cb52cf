// Mutation testing without Stryker's instrumented build, for code whose tests spend their time
// in hot loops (engine/availability/: the instrumented dry run alone took over 28 minutes of CPU
// for 10 s of tests). Each mutant of REPORT (tools/mutation/enumerate.config.mjs's list, or any
// Stryker JSON report) in FILE is written into the source, TESTS run in one long-lived Vitest
// (the file invalidated, so each run evaluates it afresh, static code included), and the source
// is restored. Run it in a copy of the repository: it rewrites FILE while it runs.
//
//   node tools/mutation/apply-mutants.mjs REPORT.json FILE LINES TESTS...
//   LINES: "all" or "a-b,c"; env OUT (results, appended; default reports/mutation/applied.out),
//   STATUSES (only mutants of these statuses), SAMPLE=k (every k-th), TIMEOUT_MS (default 120000),
//   TEST_NAME (only the tests whose names match this regular expression, as vitest's -t).
//
// A mutant whose run passes TIMEOUT_MS (an endless loop: a worker in a synchronous loop cannot
// be interrupted) is written as KILLED ... timeout and the process exits with code 3; run it
// again (in a loop) and it skips every mutant OUT already holds.
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createVitest } from 'vitest/node';
const [rep, file, lines, ...tests] = process.argv.slice(2);
const j = JSON.parse(readFileSync(rep, 'utf8'));
const f = j.files[file];
const abs = resolve(file);
const src = readFileSync(abs, 'utf8');
if (src !== f.source) throw new Error('source differs from the report');
const want = new Set();
if (lines !== 'all') for (const part of lines.split(',')) { const [a, b] = part.split('-').map(Number); for (let l = a; l <= (b || a); l++) want.add(l); }
const statuses = process.env.STATUSES?.split(',');
let ms = f.mutants.filter((m) => (!statuses || statuses.includes(m.status)) && (lines === 'all' || want.has(m.location.start.line)));
if (process.env.SAMPLE) { // a deterministic sample: every k-th
  const k = Number(process.env.SAMPLE); ms = ms.filter((_, i) => i % k === 0);
}
const done = new Set();
try { for (const l of readFileSync(process.env.OUT ?? 'reports/mutation/applied.out', 'utf8').split('\n')) if (l) done.add(l.replace(/^\S+ /, '').replace(/ \d+ms$/, '').replace(/ timeout$/, '')); } catch {}
ms.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
const starts = [0];
for (const l of src.split('\n')) starts.push(starts.at(-1) + l.length + 1);
const off = (p) => starts[p.line - 1] + p.column - 1;
const key = (m) => { const a = off(m.location.start), b = off(m.location.end); return `${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}: ${JSON.stringify(src.slice(a, b).slice(0, 60))} -> ${JSON.stringify(m.replacement.slice(0, 60))}`; };
// A binary operator's replacement goes in brackets: Stryker mutates the syntax tree, and written
// back as text `m && m.id >= 0` -> `m || m.id >= 0` inside `… && m.value > w` would bind the
// wrong way (another mutant than the one recorded).
const BINARY = new Set(['LogicalOperator', 'EqualityOperator', 'ArithmeticOperator']);
const applied = (m) => (BINARY.has(m.mutatorName) ? `(${m.replacement})` : m.replacement);
const out = process.env.OUT ?? 'reports/mutation/applied.out';
process.env.MUTATION_TESTS = tests.join(',');
const vitest = await createVitest('test', { watch: false, config: 'vitest.mutation.config.ts', reporters: [{}], bail: 1, testTimeout: 30000, ...(process.env.TEST_NAME ? { testNamePattern: process.env.TEST_NAME } : {}) });
await vitest.standalone();
const files = tests.map((t) => resolve(t));
const run = async () => {
  vitest.invalidateFile(abs);
  const r = await vitest.runTestFiles(files);
  const failed = r.unhandledErrors.length > 0 || r.testModules.some((m) => m.state() === 'failed' || !m.ok());
  return failed;
};
let killed = 0, surv = 0;
const restore = () => writeFileSync(abs, src);
process.on('SIGINT', () => { restore(); process.exit(130); });
process.on('SIGTERM', () => { restore(); process.exit(143); });
try {
  if (await run()) throw new Error('the tests fail on the original source');
  for (const m of ms) {
    if (done.has(key(m))) continue;
    const a = off(m.location.start), b = off(m.location.end);
    writeFileSync(abs, src.slice(0, a) + applied(m) + src.slice(b));
    const t0 = Date.now();
    let k;
    try { k = await Promise.race([run(), new Promise((r) => setTimeout(() => r('timeout'), Number(process.env.TIMEOUT_MS ?? 120000)))]); } catch { k = true; }
    if (k === 'timeout') { restore(); const line = `KILLED ${key(m)} timeout`; console.log(line); appendFileSync(out, line + '\n'); process.exit(3); }
    restore();
    killed += k ? 1 : 0; surv += k ? 0 : 1;
    const line = `${k ? 'KILLED' : 'survived'} ${key(m)} ${Date.now() - t0}ms`;
    console.log(line); appendFileSync(out, line + '\n');
  }
} finally { restore(); await vitest.close(); }
console.log(`killed ${killed} survived ${surv} of ${ms.length}`);
process.exit(0);
