/**
 * `faultline replay` on malformed traces. Real saved traces (an `always` and a `recovers`
 * counterexample, saved as `faultline check` saves them) are damaged at random: bytes cut,
 * replaced or inserted (control characters, a BOM, invalid UTF-8, deep nesting), fields set to
 * values of the wrong type, huge numbers, -0 or `__proto__` keys, fields dropped, the checksum
 * recomputed or not, the version lowered to 1 (no checksum). Whatever the file holds, replay
 * ends cleanly (exit 0, 1 or 2, never a stack trace); a file that is not JSON, or whose
 * checksummed content changed without its checksum, is exit 2 and one line; a file that
 * holds the same trace (re-indented, reordered, numbers spelt differently) replays as before.
 * Fixed seeds; fast-check prints the seed and path of a failure.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { resolveParameters } from '../../engine/scenario.js';
import { saveTrace, toTrace } from '../../engine/trace.js';
import { canonicalJson, traceChecksum, type ChecksummedContent } from '../../engine/trace-integrity.js';
import { bundledScenarios } from '../../scenarios/index.js';
import { expectCleanExit, expectOneLineError, runInProcess, runSpawned, tempDir, type Ran } from './support.js';

const work = tempDir('traces');
afterAll(work.remove);

interface Base {
  readonly name: string;
  readonly text: string;
  readonly doc: Record<string, unknown>;
}
let bases: Base[] = [];

/** A counterexample of `property` saved by saveTrace, as `faultline check` saves it. */
function savedTrace(scenarioName: string, property: string): Base {
  const scenario = bundledScenarios.find((s) => s.name === scenarioName)!;
  const parameters = resolveParameters(scenario, {});
  const result = exploreExhaustive(scenario.build(parameters)).properties.find((p) => p.name === property)!;
  const trace = toTrace(result.counterexample!, { scenario: scenarioName, parameters, property, kind: result.kind, mode: 'exhaustive' });
  const file = saveTrace(trace, join(work.dir, 'bases'));
  const text = readFileSync(file, 'utf8');
  return { name: `${scenarioName} ${property}`, text, doc: JSON.parse(text) as Record<string, unknown> };
}

beforeAll(() => {
  bases = [savedTrace('sqs-pool:early-delete', 'NoLostMessage'), savedTrace('asg-single-az', 'NPlusOneRestored')];
});

/** What a damaged file must do: fail as malformed, replay as the original did, or anything clean. */
type Expectation = 'malformed' | 'same' | 'any';

interface Damaged {
  readonly what: string;
  readonly bytes: Buffer;
}

/** A damaged file; fast-check shows it in a failure by what was done, not by its bytes. */
function damaged(what: string, bytes: Buffer): Damaged {
  return { what, bytes, [fc.toStringMethod]: () => JSON.stringify(what) } as Damaged;
}

/** The content a version 2 or 3 checksum covers, as data (independent of the checksum's code; a version 3 lasso's loopIndex when present). */
function covered(d: Record<string, unknown>): unknown {
  const steps = Array.isArray(d.steps) ? d.steps.map((s: any) => ({ action: s?.action, label: s?.label ?? null })) : d.steps;
  return { scenario: d.scenario, parameters: d.parameters ?? {}, property: d.property, kind: d.kind, mode: d.mode, initIndex: d.initIndex ?? 0, recoveryFrom: d.recoveryFrom ?? null, loopIndex: d.loopIndex, seed: d.seed ?? null, path: d.path ?? null, steps };
}

/** `sha256:` of the covered content: what a version 2 trace's checksum must be; undefined when too deep to compute. */
function checksumOf(d: Record<string, unknown>): string | undefined {
  try {
    return `sha256:${createHash('sha256').update(canonicalJson(covered(d))).digest('hex')}`;
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The expectation for `bytes`, read as replay reads a file (UTF-8, a leading BOM ignored). */
function classify(base: Base, bytes: Buffer): Expectation {
  const text = bytes.toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return 'malformed';
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'malformed';
  const d = doc as Record<string, unknown>;
  if (d.format !== 'faultline-trace' || (d.version !== 1 && d.version !== 2 && d.version !== 3)) return 'malformed';
  // The deep cases never reseal, so a checksum that cannot be computed cannot match either.
  if ((d.version === 2 || d.version === 3) && d.checksum !== checksumOf(d)) return 'malformed';
  try {
    return canonicalJson(d) === canonicalJson(base.doc) ? 'same' : 'any';
  } catch (e) {
    if (e instanceof RangeError) return 'any'; // deep nesting outside the checksummed content
    throw e;
  }
}

// Values of every JSON type that a trace field should not hold, and some it may.
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, 4294967296, '', 'small', '\u0000', '\u001b[31mred', '\ufeff', '\u202eevil', '\r\n', '__proto__', 'constructor', 'toString', [], {}, [[]], { type: 'Send', kind: 'op' }, { type: 'Crash', kind: 'fault', worker: 1e9 }),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }),
);

// Text slipped into the file: control characters, a BOM, quotes and brackets, huge numbers.
const junkText = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\u001b[2J', '\ufeff', '\u202e', '\u2028', '"', '\\', '{', '}', '[', ']', ',', ':', 'null', '-0', '1e999', '-1e999', '123456789012345678901234567890', 'NaN', 'Infinity', '"__proto__":{"type":"x"},', '/*', '\n'),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

// Field paths worth damaging: every field a saved trace has, and ones it does not.
function pathsOf(doc: Record<string, unknown>): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(doc, []);
  for (const extra of ['file', 'initIndex', 'recoveryFrom', 'seed', 'path', '__proto__', 'constructor', 'unknownField']) out.push([extra]);
  out.push(['parameters', '__proto__'], ['parameters', 'size'], ['steps', 0, 'action', '__proto__'], ['steps', 99]);
  return out.filter((p) => p.length > 0);
}

const DEEP = '\u0000deep';

function setPath(doc: unknown, path: readonly (string | number)[], value: unknown | typeof DELETE): unknown {
  const [head, ...rest] = path;
  const holder: any = Array.isArray(doc) ? [...doc] : typeof doc === 'object' && doc !== null ? { ...doc } : {};
  if (rest.length === 0) {
    if (value === DELETE) {
      if (Array.isArray(holder) && typeof head === 'number') holder.splice(head, 1);
      else delete holder[head];
    } else Object.defineProperty(holder, head, { value, enumerable: true, writable: true, configurable: true }); // an own __proto__ too
    return holder;
  }
  Object.defineProperty(holder, head, { value: setPath(holder[head], rest, value), enumerable: true, writable: true, configurable: true });
  return holder;
}
const DELETE = Symbol('delete');

/** Sets the checksum a version 2 trace would have for this content (so the damage reaches replay). */
function reseal(doc: any): unknown {
  try {
    return { ...doc, checksum: traceChecksum(doc as ChecksummedContent) };
  } catch {
    return doc; // not shaped enough to checksum: it stays as damaged
  }
}

const textDamage = (base: Base): fc.Arbitrary<Damaged> => {
  const t = base.text;
  const at = fc.nat({ max: t.length });
  const bytes = (what: string, text: string): Damaged => damaged(what, Buffer.from(text, 'utf8'));
  const numbers = [...t.matchAll(/: (\d+)(?=[,\n])/g)].map((m) => ({ index: m.index! + 2, value: Number(m[1]) }));
  return fc.oneof(
    at.map((n) => bytes(`cut at ${n}`, t.slice(0, n))),
    fc.tuple(at, junkText).map(([n, s]) => bytes(`insert ${JSON.stringify(s)} at ${n}`, t.slice(0, n) + s + t.slice(n))),
    fc.tuple(at, junkText).map(([n, s]) => bytes(`replace at ${n} by ${JSON.stringify(s)}`, t.slice(0, n) + s + t.slice(n + 1))),
    fc.tuple(at, fc.nat({ max: 40 })).map(([n, k]) => bytes(`delete ${k} at ${n}`, t.slice(0, n) + t.slice(n + k))),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 6 })).map(([n, b]) => damaged(`bytes ${Buffer.from(b).toString('hex')} at ${n}`, Buffer.concat([Buffer.from(t.slice(0, n)), Buffer.from(b), Buffer.from(t.slice(n))]))),
    fc.uint8Array({ maxLength: 64 }).map((b) => damaged(`random bytes ${Buffer.from(b).toString('hex')}`, Buffer.from(b))),
    fc.constantFrom('\ufeff', '\ufeff\ufeff', ' \n', '').map((p) => bytes(`prefix ${JSON.stringify(p)}`, p + t)),
    fc.constant(bytes('twice', t + t)),
    fc.constant(bytes('compact, keys reversed', JSON.stringify(reverseKeys(base.doc)))),
    // The same numbers spelt otherwise: -0 is 0, 1.0 is 1; the trace is unchanged.
    fc.tuple(fc.constantFrom(...numbers), fc.constantFrom('-0', '.0', 'e0', '0e-1', 'E+0')).map(([{ index, value }, how]) => {
      const spelt = how === '-0' ? (value === 0 ? '-0' : `${value}`) : how === '0e-1' ? `${value}0e-1` : `${value}${how}`;
      return bytes(`number at ${index} spelt ${spelt}`, t.slice(0, index) + spelt + t.slice(index + String(value).length));
    }),
    // Nesting far deeper than any trace: a value that recursion over it would not survive.
    fc.tuple(fc.constantFrom(...pathsOf(base.doc).filter((p) => p[0] === 'steps' || p[0] === 'parameters' || p[0] === 'unknownField')), fc.constantFrom(64, 5_000, 200_000), fc.boolean()).map(([path, depth, arrays]) => {
      const text = JSON.stringify(setPath(base.doc, path, DEEP), null, 2);
      const deep = arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);
      return bytes(`${path.join('.')} nested ${depth} deep`, text.replace(JSON.stringify(DEEP), deep));
    }),
  );
};

function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
  return v;
}

const fieldDamage = (base: Base): fc.Arbitrary<Damaged> =>
  fc
    .tuple(
      fc.constantFrom(...pathsOf(base.doc)),
      fc.oneof(junkValue.map((v) => ({ set: v })), fc.constant({ set: DELETE as unknown })),
      fc.constantFrom('keep', 'reseal', 'version 1'),
      fc.boolean(),
    )
    .map(([path, { set }, checksum, pretty]) => {
      let doc = setPath(base.doc, path, set) as any;
      if (checksum === 'reseal') doc = reseal(doc);
      if (checksum === 'version 1') {
        const { checksum: _dropped, ...rest } = doc;
        doc = { ...rest, version: 1 };
      }
      const what = `${path.join('.')} ${set === DELETE ? 'deleted' : `= ${JSON.stringify(set)}`}, checksum ${checksum}`;
      return damaged(what, Buffer.from(JSON.stringify(doc, null, pretty ? 2 : 0), 'utf8'));
    });

const flags = fc.constantFrom<readonly string[]>([], [], ['--format', 'json'], ['--format', 'itf'], ['--format', 'mermaid'], ['--emit-test']);

let cases = 0;
/** Writes the damaged trace in a directory of its own and replays it in this process. */
async function replayDamaged(base: Base, damaged: Damaged, extra: readonly string[], run = runInProcess): Promise<{ ran: Ran; file: string; expect: Expectation }> {
  const dir = join(work.dir, `case-${++cases}`);
  mkdirSync(dir);
  const file = join(dir, 'trace.json');
  writeFileSync(file, damaged.bytes);
  const ran = await run(['replay', file, ...extra]);
  return { ran, file, expect: classify(base, damaged.bytes) };
}

function judge(base: Base, damaged: Damaged, extra: readonly string[], r: { ran: Ran; expect: Expectation }): void {
  const context = `${base.name}: ${damaged.what}; replay ${extra.join(' ')} (expected ${r.expect})`;
  expectCleanExit(r.ran, context);
  if (r.expect === 'malformed') expectOneLineError(r.ran, context);
  if (r.expect === 'same') expect(r.ran.code, `${context}\n${r.ran.stderr}`).toBe(extra.includes('--emit-test') ? 0 : 1);
}

const damage = (text: boolean) => fc.integer({ min: 0, max: 1 }).chain((i) => fc.tuple(fc.constant(i), (text ? textDamage : fieldDamage)(bases[i]), flags));

describe('faultline replay on damaged traces', () => {
  it('the saved traces replay (exit 1) before any damage', async () => {
    for (const base of bases) {
      const r = await replayDamaged(base, damaged('none', Buffer.from(base.text)), []);
      expect(r.expect).toBe('same');
      expect(r.ran.code, r.ran.stderr).toBe(1);
    }
  });

  it('a trace nested 200,000 deep is one line, not a stack overflow in its checksum (found by this suite)', async () => {
    const base = bases[0];
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const text = base.text.replace('"parameters": {', `"deep": ${deep}, "parameters": {`);
    const r = await replayDamaged(base, damaged('nested', Buffer.from(text)), []);
    expectOneLineError(r.ran, 'nested 200,000 deep');
    expect(r.ran.stderr).toBe('faultline: trace.json: nested more than 100 levels deep\n');
  });

  it('bytes cut, replaced or inserted: exit 2 with one line, or a clean replay', async () => {
    await fc.assert(
      fc.asyncProperty(damage(true), async ([i, damaged, extra]) => judge(bases[i], damaged, extra, await replayDamaged(bases[i], damaged, extra))),
      { seed: 0x5eed01, numRuns: 160 },
    );
  });

  it('fields of the wrong type, dropped, or out of range, with and without a matching checksum', async () => {
    await fc.assert(
      fc.asyncProperty(damage(false), async ([i, damaged, extra]) => judge(bases[i], damaged, extra, await replayDamaged(bases[i], damaged, extra))),
      { seed: 0x5eed02, numRuns: 160 },
    );
  });

  it('the executable agrees with the in-process runs (exit code and stderr)', async () => {
    const samples = [...fc.sample(damage(true), { seed: 0x5eed03, numRuns: 1 }), ...fc.sample(damage(false), { seed: 0x5eed04, numRuns: 1 })];
    for (const [i, damaged, extra] of samples) {
      const inProcess = await replayDamaged(bases[i], damaged, extra);
      const spawned = await replayDamaged(bases[i], damaged, extra, async (argv) => runSpawned(argv));
      judge(bases[i], damaged, extra, spawned);
      expect({ code: spawned.ran.code, stderr: spawned.ran.stderr.replaceAll(spawned.file, '<file>') }).toEqual({ code: inProcess.ran.code, stderr: inProcess.ran.stderr.replaceAll(inProcess.file, '<file>') });
    }
  });
});
