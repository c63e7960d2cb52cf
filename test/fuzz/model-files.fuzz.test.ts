/**
 * `faultline check FILE` on broken model files. A small counter model is assembled from
 * parts, each of which may be swapped for a broken one: the default export (missing, not a
 * model, a throwing proxy), init() (no states, not an array, a state holding a function, a
 * BigInt, a Map, a cycle), actions(s), next(s, a), the properties, and code that throws at
 * load or in a call, throwing values that are not Errors (null, a string, an object whose
 * toString throws, an Error whose message getter throws). Whatever the file, check ends cleanly
 * (exit 0, 1 or 2, never a stack trace); a file that breaks the contract before any part of
 * unknown effect is exit 2 and one line; an intact file checks (exit 0). Source damaged at
 * random (a character cut or inserted) is exit 2 when it no longer parses.
 * Fixed seeds; fast-check prints the seed and path of a failure.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCleanExit, expectOneLineError, runInProcess, runSpawned, tempDir, type Ran } from './support.js';

const work = tempDir('models');
afterAll(work.remove);

/** What a part does to the check: nothing (`ok`), breaks the contract (`broken`), or cannot be foreseen (`any`). */
type Effect = 'ok' | 'broken' | 'any';
type Part = readonly [code: string, effect: Effect];

// Expressions that throw when evaluated, Errors and values that are not.
const THROWS = [
  "(() => { throw new Error('boom'); })()",
  "(() => { throw 'a string'; })()",
  '(() => { throw null; })()',
  '(() => { throw undefined; })()',
  '(() => { throw Object.create(null); })()',
  "(() => { throw { toString() { throw new Error('toString threw'); } }; })()",
  "(() => { throw Object.defineProperty(new Error('x'), 'message', { get() { throw new Error('getter threw'); } }); })()",
  "(() => { throw new RangeError('\\u001b[31mred\\nsecond line\\u202e'); })()",
  '(function deep() { return deep() + 1; })()',
];
const throwing = THROWS.map((code): Part => [code, 'broken']);

const init: Part[] = [
  ['[{ n: 0 }]', 'ok'],
  ['[{ n: -0 }]', 'ok'],
  ['[{ n: 0 }, { n: 0 }]', 'ok'],
  ...(['[]', 'null', 'undefined', '({ n: 0 })', '42', "'s'", '[undefined]', '[null]', '[() => 0]', '[1n]', "[Symbol('s')]", '[new Map()]', '[{ n: 0, f() {} }]', '[{ n: 0, big: 1n }]', '(() => { const o = { n: 0 }; o.self = o; return [o]; })()', "new Proxy([], { get() { throw new Error('trap'); } })"].map((c): Part => [c, 'broken'])),
  ...throwing,
  ['[{ n: NaN }]', 'any'],
  ['[{ n: 1e308 }]', 'any'],
  ['[Object.create(null)]', 'any'],
  ['[new Date(0)]', 'any'],
];
const actions: Part[] = [
  ["s.n < 2 ? [inc] : []", 'ok'],
  ['s.n < 2 ? [inc, inc] : []', 'any'],
  ...(['null', 'undefined', '({})', 'inc', "'Inc'", '[null]', '[undefined]', 'new Set([inc])', "new Proxy([inc], { get() { throw new Error('trap'); } })"].map((c): Part => [c, 'broken'])),
  ...throwing,
  // Always enabled: the counter passes 5 and the counterexample holds them.
  ["[{ type: 'Inc' }]", 'broken'],
  ['[42]', 'broken'],
  ["[{ type: 'Inc', kind: 'op', by: 1n }]", 'broken'],
  ["[{ type: 1, kind: 'op' }]", 'broken'],
  ["[{ type: 'Inc', kind: 'weird' }]", 'any'],
];
const next: Part[] = [
  ['({ n: s.n + 1 })', 'ok'],
  ['Object.freeze({ n: s.n + 1 })', 'ok'],
  ...(['undefined', 'null', '2', "'x'", '({ n: s.n + 1, f: () => 0 })', '({ n: 1n })', '({ n: s.n + 1, m: new Map() })', '(() => { const o = { n: s.n + 1 }; o.self = o; return o; })()'].map((c): Part => [c, 'broken'])),
  ...throwing,
  ['s', 'any'],
  ['[]', 'any'],
  ["({ n: s.n + 1, [Symbol('k')]: 1 })", 'any'],
];
const small = "{ kind: 'always', name: 'Small', pred: (s) => s.n < 5 }";
const properties: Part[] = [
  [`[${small}]`, 'ok'],
  ...([`[${small}, null]`, `[${small}, 42]`, `[${small}, {}]`, "[{ kind: 'always', name: 'P' }]", ...THROWS.map((t) => `[{ kind: 'always', name: 'P', pred: () => ${t} }]`)].map((c): Part => [c, 'broken'])),
  ['[]', 'any'],
  [`[${small}, ${small}]`, 'any'],
  ["[{ kind: 'never', name: 'P', pred: () => true }]", 'any'],
  ["[{ kind: 'always', name: '', pred: () => true }]", 'any'],
  ["[{ kind: 'always', name: 7, pred: () => true }]", 'any'],
  ["[{ kind: 'always', name: 'P', pred: () => 'yes' }]", 'any'],
  ["[{ kind: 'recovers', name: 'R', pred: () => true, within: -1 }]", 'any'],
  ["'not an array'", 'broken'],
];
const exported: Part[] = [
  ['export default model;', 'ok'],
  ['export default { default: model };', 'any'],
  ['export default Object.create(model);', 'any'],
  ...([
    'export const m = model;',
    'export default 42;',
    'export default null;',
    'export default undefined;',
    "export default 'model';",
    'export default function () {}',
    'export default [model];',
    'export default { ...model, init: 5 };',
    'export default Promise.resolve(model);',
    "export default new Proxy(model, { get() { throw new Error('trap'); } });",
    "export default new Proxy({}, { getPrototypeOf() { throw new Error('trap'); }, has() { throw new Error('trap'); } });",
    'module.exports = model;',
    ...THROWS.map((t) => `${t};\nexport default model;`),
  ].map((c): Part => [c, 'broken'])),
];

/** The file, and what it must do: where the first part that is not ok says. */
interface ModelFile {
  readonly source: string;
  readonly effect: Effect;
  readonly what: string;
}

function assemble(parts: { exported: Part; init: Part; properties: Part; actions: Part; next: Part }): ModelFile {
  const source = [
    "const inc = { type: 'Inc', kind: 'op' };",
    'const model = {',
    `  init: () => ${parts.init[0]},`,
    `  actions: (s) => ${parts.actions[0]},`,
    `  next: (s, a) => ${parts.next[0]},`,
    `  properties: ${parts.properties[0]},`,
    '};',
    parts.exported[0],
    '',
  ].join('\n');
  // The order check meets them in: loading, the initial states, the properties on them, then a step.
  const order = [parts.exported, parts.init, parts.properties, parts.actions, parts.next];
  const first = order.find(([, effect]) => effect !== 'ok');
  const what = Object.entries(parts)
    .filter(([, [, effect]]) => effect !== 'ok')
    .map(([name, [code]]) => `${name}: ${code}`)
    .join('; ');
  return { source, effect: first ? first[1] : 'ok', what: what || 'intact' };
}

const modelFile = fc
  .record({
    exported: fc.constantFrom(...exported),
    init: fc.constantFrom(...init),
    properties: fc.constantFrom(...properties),
    actions: fc.constantFrom(...actions),
    next: fc.constantFrom(...next),
  })
  .map(assemble);

// Bias towards one broken part at a time: each part is reached, not hidden behind another.
const oneBroken = fc.constantFrom<keyof Parameters<typeof assemble>[0]>('exported', 'init', 'properties', 'actions', 'next').chain((which) =>
  fc.constantFrom(...{ exported, init, properties, actions, next }[which]).map((part) =>
    assemble({ exported: exported[0], init: init[0], properties: properties[0], actions: actions[0], next: next[0], [which]: part }),
  ),
);

/** Whether `source` parses as a module (its export lines as plain statements, strict as a module). */
function parses(source: string): boolean {
  try {
    new Script(`'use strict';\n${source.replace(/^export default /gm, 'globalThis.__m = ').replace(/^export const /gm, 'const ')}`);
    return true;
  } catch {
    return false;
  }
}

let files = 0;
async function check(file: ModelFile, ext: '.mjs' | '.ts', run: (argv: readonly string[]) => Promise<Ran> = runInProcess): Promise<Ran> {
  const path = join(work.dir, `model-${++files}${ext}`);
  writeFileSync(path, file.source);
  return run(['check', path, '--runs', '20', '--max-states', '1000', '--out', join(work.dir, 'traces')]);
}

function judge(file: ModelFile, r: Ran): void {
  const context = `${file.what}\n--- source ---\n${file.source}`;
  expectCleanExit(r, context);
  if (file.effect === 'broken') expectOneLineError(r, context);
  if (file.effect === 'ok') expect(r.code, `${context}\n${r.stderr}`).toBe(0);
}

const shown = (file: ModelFile) => Object.assign(file, { [fc.toStringMethod]: () => file.what });

describe('faultline check on broken model files', () => {
  it('the intact model checks (exit 0)', async () => {
    const intact = assemble({ exported: exported[0], init: init[0], properties: properties[0], actions: actions[0], next: next[0] });
    expect(intact.effect).toBe('ok');
    const r = await check(intact, '.mjs');
    expect(r.code, r.stderr).toBe(0);
  });

  it('one part broken: exit 2 and one line naming it', async () => {
    await fc.assert(
      fc.asyncProperty(oneBroken.map(shown), async (file) => judge(file, await check(file, '.mjs'))),
      { seed: 0xf11e01, numRuns: 16 },
    );
  });

  it('any mix of parts: a clean exit, and exit 2 with one line when the first part met is broken', async () => {
    await fc.assert(
      fc.asyncProperty(modelFile.map(shown), async (file) => judge(file, await check(file, '.mjs'))),
      { seed: 0xf11e02, numRuns: 10 },
    );
  });

  it('source cut or garbled: exit 2 and one line (file:line:column) when it no longer parses', async () => {
    const intact = assemble({ exported: exported[0], init: init[0], properties: properties[0], actions: actions[0], next: next[0] }).source;
    const garbled = fc
      .tuple(fc.nat({ max: intact.length }), fc.nat({ max: 12 }), fc.oneof(fc.constantFrom('', '{', '}', '(', ')', '[', ']', ';', ',', "'", '"', '`', '/', '\\', '=>', '<', '\u0000', '\ufeff', '\u2028', '@', '#'), fc.string({ maxLength: 3 })), fc.constantFrom<'.mjs' | '.ts'>('.mjs', '.mjs', '.mjs', '.mjs', '.mjs', '.ts'))
      .map(([at, cut, insert, ext]) => {
        const source = intact.slice(0, at) + insert + intact.slice(at + cut);
        // TypeScript's grammar is not JavaScript's: a .ts file need only end cleanly.
        return Object.assign({ source, effect: (ext === '.mjs' && !parses(source) ? 'broken' : 'any') as Effect, what: `cut ${cut} at ${at}, inserted ${JSON.stringify(insert)}`, ext }, { [fc.toStringMethod]: () => `${ext}: cut ${cut} at ${at}, inserted ${JSON.stringify(insert)}` });
      });
    await fc.assert(
      fc.asyncProperty(garbled, async (file) => {
        const r = await check(file, file.ext);
        judge(file, r);
        // A file that does not parse is located, as an editor counts (TypeScript may accept what JavaScript does not).
        if (file.effect === 'broken') expect(r.stderr, `${file.what}\n${file.source}`).toMatch(/^faultline: \S+:\d+:\d+: /);
      }),
      { seed: 0xf11e03, numRuns: 12 },
    );
  });

  it('the executable agrees with the in-process runs (exit code and stderr)', async () => {
    for (const file of fc.sample(oneBroken, { seed: 0xf11e04, numRuns: 1 })) {
      const spawned = await check(file, '.mjs', async (argv) => runSpawned(argv));
      judge(file, spawned);
      const inProcess = await check(file, '.mjs');
      const path = (r: Ran) => r.stderr.replace(/model-\d+/g, 'model-N');
      expect({ code: spawned.code, stderr: path(spawned) }, file.what).toEqual({ code: inProcess.code, stderr: path(inProcess) });
    }
  });
});
