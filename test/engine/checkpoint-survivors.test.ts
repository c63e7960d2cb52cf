// Mutation survivors of engine/checkpoint.ts (reports/mutation/engine-f.incremental.json): the
// layout digest and identity messages, isCheckpointFile, the writer's cleanup, and each check
// of the loader, one field at a time. Refusal tests write files by hand in the documented
// format with a correct SHA-256, so only the field under test is wrong.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeLayout, identityMismatch, isCheckpointFile, loadCheckpoint, runIdentity, saveCheckpoint } from '../../engine/checkpoint.js';
import type { Shape } from '../../engine/inferred.js';
import { StateStore } from '../../engine/visited.js';
import type { SchemaNode } from '../../model/core/schema-types.js';
import { t } from '../../model/core/schema.js';
import { always, sometimes, type Property } from '../../model/core/property.js';

// writeSync passes through, except that a test may cap each call's length (short writes).
const short = vi.hoisted(() => ({ limit: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = (fd: number, buf: NodeJS.ArrayBufferView, off: number, len: number): number => fs.writeSync(fd, buf, off, short.limit > 0 ? Math.min(len, short.limit) : len);
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const NO_PARENT = 0xffffffff;
let dir = '';
let files = 0;
const fresh = (): string => join(dir, `f-${files++}.ckpt`);

beforeAll(() => {
  // realpath: /proc/self/fd links name the resolved path.
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'faultline-ckpt-surv-')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (text: string, arrays: readonly Uint8Array[] = []): string => {
  const h = createHash('sha256').update(text, 'utf8');
  for (const a of arrays) h.update(a);
  return h.digest('hex');
};
const digest16 = (tree: unknown): string => sha(JSON.stringify(tree)).slice(0, 16);
const bytes = (a: Uint32Array | Uint16Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A file in the documented layout: magic, u32 length, header JSON (sha256 last), padding, arrays. */
function writeFile(file: string, headerText: string, arrays: readonly Uint8Array[] = [], magic = 'FLCKPT02'): string {
  const json = Buffer.from(headerText, 'utf8');
  const head = Buffer.alloc(12);
  head.write(magic, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  const pad = Buffer.alloc((4 - ((12 + json.length) % 4)) % 4);
  writeFileSync(file, Buffer.concat([head, json, pad, ...arrays]));
  return file;
}

/** Writes `header` stamped with its correct checksum. */
function writeStamped(file: string, header: Record<string, unknown>, arrays: readonly Uint8Array[]): string {
  return writeFile(file, JSON.stringify({ ...header, sha256: sha(JSON.stringify(header), arrays) }), arrays);
}

/** Three states of two words: two initial states, the third a child of state 0. */
const BASE = {
  identity: 'raw',
  keys: { kind: 'codec' },
  nextId: 1,
  levelStart: 0,
  levelEnd: 2,
  depth: 1,
  transitions: 4,
  elapsedMs: 7.5,
  findings: [-1, 2],
  words: 2,
  count: 3,
  wideActions: false,
} as const;
const baseArrays = (parents: readonly number[] = [NO_PARENT, NO_PARENT, 0]): Uint8Array[] => [
  bytes(Uint32Array.of(11, 12, 21, 22, 31, 32)),
  bytes(Uint32Array.from(parents)),
  bytes(Uint16Array.of(0, 0, 5)),
];

const refusal = (file: string, why: string): string => `--resume ${file}: not a usable faultline checkpoint (${why})`;

/** The message loading `file` fails with (fails the test unless it is an InputError). */
function loadError(file: string): string {
  try {
    loadCheckpoint(file);
  } catch (e) {
    expect((e as Error).name).toBe('InputError');
    return (e as Error).message;
  }
  throw new Error(`loaded ${file}`);
}

const withBase = (over: Record<string, unknown>, arrays = baseArrays()): string => writeStamped(fresh(), { ...BASE, ...over }, arrays);

/** Open file descriptors of this process that name `path` (Linux). */
function openFdsTo(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}
const hasProcFd = existsSync('/proc/self/fd');

function smallStore(): StateStore {
  const s = new StateStore(1);
  s.insert(Uint32Array.of(7), 0, -1, 0);
  s.insert(Uint32Array.of(8), 0, 0, 3);
  return s;
}
const SAVE_HEADER = { identity: 'small', keys: { kind: 'codec' } as const, nextId: 1, levelStart: 1, levelEnd: 2, depth: 1, transitions: 1, elapsedMs: 1, findings: [-1] };

describe('codeLayout: a stable digest of how states are laid out', () => {
  it('digests the schema tree, every node kind, as documented JSON', () => {
    const schema = t.record('S', { a: t.int(-1, 3), b: t.bool(), c: t.enumOf(['x', 'y']), d: t.array(t.int(0, 1), 2) }) as unknown as SchemaNode;
    const tree = ['record', [['a', ['int', -1, 3]], ['b', 'bool'], ['c', ['enum', 'x', 'y']], ['d', ['array', 2, ['int', 0, 1]]]]];
    // A schema wins over a shape or a word count.
    expect(codeLayout(schema, { kind: 'int' }, 4)).toBe(digest16(tree));
    expect(codeLayout(schema, undefined, undefined)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('digests each leaf on its own', () => {
    expect(codeLayout(t.int(2, 9) as unknown as SchemaNode, undefined, undefined)).toBe(digest16(['int', 2, 9]));
    expect(codeLayout(t.bool() as unknown as SchemaNode, undefined, undefined)).toBe(digest16('bool'));
    expect(codeLayout(t.enumOf(['p']) as unknown as SchemaNode, undefined, undefined)).toBe(digest16(['enum', 'p']));
  });

  it('digests an inferred shape, else the codec word count (0 when unknown)', () => {
    const shape: Shape = { kind: 'object', keys: ['n'], fields: [{ kind: 'int' }] };
    expect(codeLayout(undefined, shape, 2)).toBe(digest16(['inferred', shape]));
    expect(codeLayout(undefined, undefined, 2)).toBe(digest16(['codec', 2]));
    expect(codeLayout(undefined, undefined, undefined)).toBe(digest16(['codec', 0]));
    expect(codeLayout(undefined, undefined, 3)).not.toBe(codeLayout(undefined, undefined, 2));
  });
});

describe('identityMismatch: why a checkpoint belongs to another run, in one line', () => {
  const safe = always<unknown>('Safe', () => true);
  const done = sometimes<unknown>('Done', () => true);
  const id = (over: { run?: string; init?: number; props?: Property<unknown>[]; sym?: boolean; layout?: string } = {}): string =>
    runIdentity(over.run ?? 'pool small', over.init ?? 1, over.props ?? [safe], over.sym ?? false, over.layout ?? 'L1');

  it('agrees with itself and reads the identity it writes', () => {
    expect(identityMismatch(id(), id())).toBeUndefined();
    expect(JSON.parse(id({ props: [safe, done] }))).toEqual({ run: 'pool small', initialStates: 1, properties: ['always Safe', 'sometimes Done'], symmetry: false, layout: 'L1' });
  });

  it('names each difference', () => {
    expect(identityMismatch('{not json', id())).toBe('its identity is unreadable');
    expect(identityMismatch(id({ run: 'a' }), id({ run: 'b' }))).toBe('it was written for a, this run is b');
    expect(identityMismatch(id({ run: '' }), id({ run: 'b' }))).toBe('it was written for an unnamed run, this run is b');
    expect(identityMismatch(JSON.stringify({ ...JSON.parse(id()), run: 5 }), id({ run: 'b' }))).toBe('it was written for an unnamed run, this run is b');
    expect(identityMismatch(id({ init: 1 }), id({ init: 2 }))).toBe('it was written for 1 initial states, this model has 2');
    expect(identityMismatch(id({ sym: true }), id({ sym: false }))).toBe('it was written with symmetry reduction, this run is without');
    expect(identityMismatch(id({ sym: false }), id({ sym: true }))).toBe('it was written without symmetry reduction, this run is with');
    expect(identityMismatch(id({ props: [safe, done] }), id({ props: [safe] }))).toBe('it was written for the properties Safe, Done, this model has Safe');
    expect(identityMismatch(id({ props: [] }), id())).toBe('it was written for the properties none, this model has Safe');
    expect(identityMismatch(JSON.stringify({ ...JSON.parse(id()), properties: 'x' }), id())).toBe('it was written for the properties unknown, this model has Safe');
    expect(identityMismatch(id({ layout: 'L0' }), id())).toBe("its states are laid out otherwise in codes (the state schema or the initial state's shape changed)");
  });

  it('falls back to a plain difference when every named field agrees', () => {
    const { layout, ...rest } = JSON.parse(id()) as Record<string, unknown>;
    expect(identityMismatch(JSON.stringify({ layout, ...rest }), id())).toBe('its identity differs');
  });
});

describe('isCheckpointFile', () => {
  it('is true only for a file that starts with the magic', () => {
    const file = fresh();
    saveCheckpoint(file, SAVE_HEADER, smallStore());
    expect(isCheckpointFile(file)).toBe(true);
    expect(isCheckpointFile(writeFile(fresh(), '{}'))).toBe(true);
    expect(isCheckpointFile(join(dir, 'absent'))).toBe(false);
    const other = fresh();
    writeFileSync(other, 'hello, world: not a checkpoint');
    expect(isCheckpointFile(other)).toBe(false);
    const short = fresh();
    writeFileSync(short, 'FLCKPT0');
    expect(isCheckpointFile(short)).toBe(false);
  });

  it.skipIf(!hasProcFd)('closes the file it reads', () => {
    const file = writeFile(fresh(), '{}');
    expect(isCheckpointFile(file)).toBe(true);
    expect(openFdsTo(file)).toBe(0);
  });
});

describe('saveCheckpoint', () => {
  it('stamps the documented SHA-256 (UTF-8 header, then the arrays) and round-trips exactly', () => {
    const file = fresh();
    const store = smallStore();
    const header = { ...SAVE_HEADER, identity: 'café ✓', nextId: 2, elapsedMs: 0, keys: { kind: 'inferred', width: 32, strings: ['é', ''] } as const };
    saveCheckpoint(file, header, store);
    const buf = readFileSync(file);
    const len = buf.readUInt32LE(8);
    const { sha256, ...plain } = JSON.parse(buf.toString('utf8', 12, 12 + len)) as Record<string, unknown>;
    const off = 12 + len + ((4 - ((12 + len) % 4)) % 4);
    expect(sha256).toBe(sha(JSON.stringify(plain), [buf.subarray(off)]));
    expect(buf.length - off).toBe(2 * (4 + 4 + 2));
    const back = loadCheckpoint(file);
    const { store: _s, ...rest } = back;
    expect(rest).toEqual({ ...header, words: 1, count: 2, wideActions: false });
    expect([back.store.parentOf(0), back.store.parentOf(1), back.store.actionIndex[1], back.store.find(Uint32Array.of(8), 0)]).toEqual([-1, 0, 3, 1]);
  });

  it.skipIf(!hasProcFd)('closes the file it writes', () => {
    const file = fresh();
    saveCheckpoint(file, SAVE_HEADER, smallStore());
    expect(openFdsTo(file)).toBe(0);
  });

  it('goes on after short writes, to the same bytes', () => {
    const whole = fresh();
    saveCheckpoint(whole, SAVE_HEADER, smallStore());
    const pieces = fresh();
    short.limit = 5;
    try {
      saveCheckpoint(pieces, SAVE_HEADER, smallStore());
    } finally {
      short.limit = 0;
    }
    expect(readFileSync(pieces).equals(readFileSync(whole))).toBe(true);
    expect(loadCheckpoint(pieces).store.count).toBe(2);
  });

  it('removes its temporary file and rethrows when the rename fails', () => {
    const sub = join(dir, 'cleanup');
    mkdirSync(sub);
    const target = join(sub, 'is-a-directory');
    mkdirSync(join(target, 'inside'), { recursive: true });
    expect(() => saveCheckpoint(target, SAVE_HEADER, smallStore())).toThrow(expect.objectContaining({ code: expect.stringMatching(/^E/) }));
    expect(readdirSync(sub)).toEqual(['is-a-directory']);
  });
});

describe('loadCheckpoint refuses, in one line', () => {
  it('loads the hand-written base file (so each refusal below is its one field)', () => {
    const back = loadCheckpoint(withBase({}));
    const { store, ...rest } = back;
    expect(rest).toEqual(BASE);
    expect([store.count, store.parentOf(0), store.parentOf(1), store.parentOf(2), store.actionIndex[2], store.find(Uint32Array.of(31, 32), 0)]).toEqual([3, -1, -1, 0, 5, 2]);
  });

  // Before the empty store below: a loop bound mutated to `id >= count` never ends on it.
  it.each([
    ['its own parent', [NO_PARENT, 1, 0]],
    ['a parent stored after it', [NO_PARENT, 2, 0]],
  ])('parents: a state that is %s', (_what, parents) => {
    const file = withBase({}, baseArrays(parents));
    expect(loadError(file)).toBe(refusal(file, 'inconsistent parents'));
  });

  it('a file too short for the header, or with another magic', () => {
    const f11 = fresh();
    writeFileSync(f11, 'FLCKPT02abc');
    expect(loadError(f11)).toBe(refusal(f11, 'no checkpoint header'));
    const f12 = fresh();
    writeFileSync(f12, Buffer.concat([Buffer.from('FLCKPT02', 'latin1'), Buffer.alloc(4)]));
    expect(loadError(f12)).toBe(refusal(f12, 'its header is not JSON'));
    // An otherwise valid file of another format version.
    const old = withBase({});
    const b = readFileSync(old);
    b.write('1', 7, 'latin1');
    writeFileSync(old, b);
    expect(loadError(old)).toBe(refusal(old, 'no checkpoint header'));
  });

  it('a header longer than the file', () => {
    const file = fresh();
    const head = Buffer.alloc(12);
    head.write('FLCKPT02', 0, 'latin1');
    head.writeUInt32LE(1000, 8);
    writeFileSync(file, Buffer.concat([head, Buffer.from('{"identity":"x"}')]));
    expect(loadError(file)).toBe(refusal(file, 'cut short in its header'));
  });

  it('loads a header that ends exactly at the end of the file (no states, no padding)', () => {
    const empty = { ...BASE, identity: '', nextId: 0, levelStart: 0, levelEnd: 0, depth: 0, transitions: 0, findings: [], words: 1, count: 0 };
    let identity = '';
    while ((12 + Buffer.byteLength(JSON.stringify({ ...empty, identity, sha256: sha(JSON.stringify({ ...empty, identity })) }))) % 4 !== 0) identity += 'x';
    const file = writeStamped(fresh(), { ...empty, identity }, []);
    expect(readFileSync(file).length).toBe(12 + readFileSync(file).readUInt32LE(8));
    const back = loadCheckpoint(file);
    expect([back.identity, back.count, back.store.count]).toEqual([identity, 0, 0]);
  });

  it('a header that is not an object', () => {
    for (const text of ['null', '5']) {
      const file = writeFile(fresh(), text);
      expect(loadError(file)).toBe(refusal(file, 'its header is not an object'));
    }
  });

  it.each([
    ['a negative depth', { depth: -1 }],
    ['a fractional transition count', { transitions: 1.5 }],
    ['zero code words', { words: 0, count: 0, nextId: 0, levelStart: 0, levelEnd: 0, findings: [] }],
    ['a level starting after the next id', { levelStart: 2, nextId: 1, levelEnd: 2 }],
    ['a level ending after the last state', { levelEnd: 4 }],
  ])('counters: %s', (_what, over) => {
    const arrays = (over as Record<string, unknown>).count === 0 ? [] : baseArrays();
    const file = withBase(over, arrays);
    expect(loadError(file)).toBe(refusal(file, 'inconsistent counters'));
  });

  it('accepts a level whose every state is expanded (next id = level end) and no search time', () => {
    const back = loadCheckpoint(withBase({ nextId: 2, levelEnd: 2, elapsedMs: 0 }));
    expect([back.nextId, back.levelEnd, back.elapsedMs]).toEqual([2, 2, 0]);
  });

  it.each([
    ['not an array', { findings: 'none' }],
    ['a state id past the store', { findings: [-1, 3] }],
    ['below -1', { findings: [-2] }],
    ['a fraction', { findings: [1.5] }],
  ])('findings: %s', (_what, over) => {
    const file = withBase(over);
    expect(loadError(file)).toBe(refusal(file, 'inconsistent findings'));
  });

  it.each([
    ['an identity that is not a string', { identity: 5 }],
    ['negative search time', { elapsedMs: -1 }],
    ['search time that is not a finite number', { elapsedMs: null }],
  ])('header: %s', (_what, over) => {
    const file = withBase(over);
    expect(loadError(file)).toBe(refusal(file, 'inconsistent header'));
  });

  it.each([
    ['null', null],
    ['another kind', { kind: 'other', width: 8, strings: [] }],
    ['a width of 12', { kind: 'inferred', width: 12, strings: [] }],
    ['strings that are not an array', { kind: 'inferred', width: 8, strings: 'ab' }],
    ['a dictionary entry that is not a string', { kind: 'inferred', width: 8, strings: ['a', 1] }],
  ])('code keys: %s', (_what, keys) => {
    const file = withBase({ keys });
    expect(loadError(file)).toBe(refusal(file, 'inconsistent code keys'));
  });

  it.each([8, 16, 32] as const)('accepts inferred keys of width %i', (width) => {
    const keys = { kind: 'inferred', width, strings: ['a', 'b'] };
    expect(loadCheckpoint(withBase({ keys })).keys).toEqual(keys);
  });

  it.each([
    ['null', null],
    ['a number', 5],
    ['an array', []],
    ['an owner that is not a record', { model: 5 }],
    ['an owner that is an array', { model: [1] }],
    ['a zero count', { model: { A: 1, B: 0 } }],
    ['a fractional count', { model: { A: 1.5 } }],
  ])('coverage: %s', (_what, coverage) => {
    const file = withBase({ coverage });
    expect(loadError(file)).toBe(refusal(file, 'inconsistent coverage'));
  });

  it('a changed byte in the arrays', () => {
    const file = withBase({});
    const b = readFileSync(file);
    b[b.length - 1] ^= 1;
    writeFileSync(file, b);
    expect(loadError(file)).toBe(refusal(file, 'its checksum does not match: the file was changed or damaged'));
  });
});

describe('found by the mutation work', () => {
  it('an identity that is valid JSON but not an identity is unreadable, not a TypeError', () => {
    for (const saved of ['null', '5', '[]', '"run"']) expect(identityMismatch(saved, JSON.stringify({ run: 'b' }))).toBe('its identity is unreadable');
  });

  it("saving never opens a file of the temporary name that is already there (a user's is left as it was)", () => {
    const file = fresh();
    const squatter = `${file}.${process.pid}.tmp`;
    writeFileSync(squatter, 'a user file');
    saveCheckpoint(file, SAVE_HEADER, smallStore());
    expect(readFileSync(squatter, 'utf8')).toBe('a user file');
    expect(isCheckpointFile(file)).toBe(true);
    expect(loadCheckpoint(file).count).toBe(smallStore().count);
  });
});
