/**
 * Checkpoints of a serial exhaustive run with exact codes: the store (codes, parents, action
 * indices: it is also the frontier, since ids are in BFS order), where the expansion stands
 * (the next id to expand and the level's bounds), the counters, each property's finding, the
 * coverage counts, and what the keys depend on (an inferred codec's width and string
 * dictionary). A run resumed from one ends with exactly the counts of an uninterrupted run:
 * insertion order is deterministic, and everything it depends on is here.
 *
 * File layout: the magic `FLCKPT02`, a u32 header length, the header as JSON, padding to a
 * multiple of 4 bytes, then the three arrays (codes, parents, action indices) back to back.
 * The header's last field is a SHA-256 over the header before it and the arrays, so a file
 * damaged on disk is refused rather than resumed into wrong counts. Written to a temporary
 * file and renamed, so a crash never leaves half a checkpoint.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Property } from '../model/core/property.js';
import type { SchemaNode } from '../model/core/schema-types.js';
import type { Shape } from './inferred.js';
import { InputError } from './scenario.js';
import { StateStore } from './visited.js';

const MAGIC = 'FLCKPT02';
const NO_PARENT = 0xffffffff;

/** How the run's keys are made: a schema's (or hand-written) codec, or one inferred from the initial state. */
export type CheckpointKeys = { readonly kind: 'codec' } | { readonly kind: 'inferred'; readonly width: 8 | 16 | 32; readonly strings: readonly string[] };

/** Everything but the store. */
export interface CheckpointHeader {
  /** Names the model (scenario, parameters, code width, initial states): a resume refuses another. */
  readonly identity: string;
  readonly keys: CheckpointKeys;
  readonly words: number;
  readonly count: number;
  /** The next state id to expand; every id below it is expanded. */
  readonly nextId: number;
  readonly levelStart: number;
  readonly levelEnd: number;
  readonly depth: number;
  readonly transitions: number;
  /** Search time before this checkpoint, summed over earlier sessions. */
  readonly elapsedMs: number;
  /** Per property (in the model's order): the state id that decided it, or -1. */
  readonly findings: readonly number[];
  /** Fired actions by owner and type, when coverage is counted. */
  readonly coverage?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly wideActions: boolean;
}

export interface Checkpoint extends CheckpointHeader {
  readonly store: StateStore;
}

/** What a checkpoint's identity holds: a resume refuses a checkpoint whose identity differs. */
interface Identity {
  /** The caller's name for the model: scenario and parameters. */
  readonly run: string;
  readonly initialStates: number;
  readonly properties: readonly string[];
  readonly symmetry: boolean;
  /** A digest of how states are laid out in codes (see `codeLayout`). */
  readonly layout: string;
}

/** The identity of a run of a model with these initial states, properties, reduction and code layout. */
export function runIdentity(run: string, initialStates: number, properties: readonly Property<unknown>[], symmetry: boolean, layout: string): string {
  const id: Identity = { run, initialStates, properties: properties.map((p) => `${p.kind} ${p.name}`), symmetry, layout };
  return JSON.stringify(id);
}

/**
 * A short digest of how states are laid out in codes: the state schema's tree, the shape
 * inferred from the initial state, or a hand-written codec's word count.
 */
export function codeLayout(schema: SchemaNode | undefined, shape: Shape | undefined, words: number | undefined): string {
  const tree = schema ? schemaTree(schema) : shape ? ['inferred', shape] : ['codec', words ?? 0];
  return createHash('sha256').update(JSON.stringify(tree)).digest('hex').slice(0, 16);
}

function schemaTree(n: SchemaNode): unknown {
  switch (n.tag) {
    case 'int':
      return ['int', n.lo, n.hi];
    case 'bool':
      return n.fixed === undefined ? 'bool' : ['bool', n.fixed];
    case 'enum':
      return ['enum', ...n.values];
    case 'array':
      return ['array', n.length, schemaTree(n.item as unknown as SchemaNode)];
    case 'record':
      return ['record', Object.entries(n.fields).map(([k, v]) => [k, schemaTree(v as unknown as SchemaNode)])];
  }
}

/** How a checkpoint's identity differs from the current run's, in words; undefined when they agree. */
export function identityMismatch(saved: string, current: string): string | undefined {
  if (saved === current) return undefined;
  let was: Identity;
  try {
    was = JSON.parse(saved) as Identity;
  } catch {
    return 'its identity is unreadable';
  }
  // Valid JSON but not an identity (null, a number, an array): as unreadable, never a TypeError.
  if (typeof was !== 'object' || was === null || Array.isArray(was)) return 'its identity is unreadable';
  const now = JSON.parse(current) as Identity;
  const named = (run: unknown) => (typeof run === 'string' && run !== '' ? run : 'an unnamed run');
  if (was.run !== now.run) return `it was written for ${named(was.run)}, this run is ${named(now.run)}`;
  if (was.initialStates !== now.initialStates) return `it was written for ${was.initialStates} initial states, this model has ${now.initialStates}`;
  if (was.symmetry !== now.symmetry) return `it was written ${was.symmetry ? 'with' : 'without'} symmetry reduction, this run is ${now.symmetry ? 'with' : 'without'}`;
  if (String(was.properties) !== String(now.properties)) return `it was written for the properties ${list(was.properties)}, this model has ${list(now.properties)}`;
  if (was.layout !== now.layout) return 'its states are laid out otherwise in codes (the state schema or the initial state\'s shape changed)';
  return 'its identity differs';
}

function list(xs: unknown): string {
  return Array.isArray(xs) ? xs.map((x) => String(x).replace(/^\S+ /, '')).join(', ') || 'none' : 'unknown';
}

/** Whether `file` starts as a faultline checkpoint (read before replacing a file: a user's file is never overwritten). */
export function isCheckpointFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.toString('latin1') === MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `header` and the first `header.count` states of `store` to `file`, atomically. */
export function saveCheckpoint(file: string, header: Omit<CheckpointHeader, 'words' | 'count' | 'wideActions'>, store: StateStore): void {
  const plain: CheckpointHeader = { ...header, words: store.words, count: store.count, wideActions: store.actionIndex instanceof Uint32Array };
  const n = store.count;
  const arrays = [
    new Uint8Array(store.codes.buffer, store.codes.byteOffset, n * store.words * 4),
    new Uint8Array(store.parents.buffer, store.parents.byteOffset, n * 4),
    new Uint8Array(store.actionIndex.buffer, store.actionIndex.byteOffset, n * store.actionIndex.BYTES_PER_ELEMENT),
  ];
  const full = { ...plain, sha256: checksum(JSON.stringify(plain), arrays) };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  const pad = Buffer.alloc((4 - ((12 + json.length) % 4)) % 4);
  // Created, never opened over an existing file: a user's file of that name is left alone.
  let tmp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  for (let i = 1; fd === undefined; i++) {
    try {
      fd = openSync(tmp, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw e;
      tmp = `${file}.${process.pid}.${i}.tmp`;
    }
  }
  try {
    try {
      for (const p of [head, json, pad, ...arrays]) {
        let off = 0;
        while (off < p.byteLength) off += writeSync(fd, p, off, p.byteLength - off);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function checksum(header: string, arrays: readonly Uint8Array[]): string {
  const hash = createHash('sha256').update(header, 'utf8');
  for (const a of arrays) hash.update(a);
  return hash.digest('hex');
}

/** Reads a checkpoint; a file that is not one, or is cut short, is a one-line InputError. */
export function loadCheckpoint(file: string): Checkpoint {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new InputError(`--resume ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const bad = (why: string): never => {
    throw new InputError(`--resume ${file}: not a usable faultline checkpoint (${why})`);
  };
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) bad('no checkpoint header');
  const len = buf.readUInt32LE(8);
  if (12 + len > buf.length) bad('cut short in its header');
  let stamped: CheckpointHeader & { readonly sha256?: unknown };
  try {
    stamped = JSON.parse(buf.toString('utf8', 12, 12 + len)) as CheckpointHeader & { readonly sha256?: unknown };
  } catch {
    return bad('its header is not JSON');
  }
  if (typeof stamped !== 'object' || stamped === null) return bad('its header is not an object');
  const { sha256, ...header } = stamped;
  const { words, count, nextId, levelStart, levelEnd } = header;
  const ints = [words, count, nextId, levelStart, levelEnd, header.depth, header.transitions];
  if (!ints.every((x) => Number.isSafeInteger(x) && x >= 0) || words < 1 || !(levelStart <= nextId && nextId <= levelEnd && levelEnd <= count)) bad('inconsistent counters');
  if (!Array.isArray(header.findings) || !header.findings.every((f) => Number.isInteger(f) && f >= -1 && f < count)) bad('inconsistent findings');
  if (typeof header.identity !== 'string' || !(Number.isFinite(header.elapsedMs) && header.elapsedMs >= 0)) bad('inconsistent header');
  if (!keysUsable(header.keys)) bad('inconsistent code keys');
  if (header.coverage !== undefined && !coverageUsable(header.coverage)) bad('inconsistent coverage');
  const actionBytes = header.wideActions ? 4 : 2;
  let off = 12 + len + ((4 - ((12 + len) % 4)) % 4);
  const need = off + count * (words * 4 + 4 + actionBytes);
  if (buf.length !== need) bad(`expected ${need} bytes, found ${buf.length}`);
  if (sha256 !== checksum(JSON.stringify(header), [buf.subarray(off)])) bad('its checksum does not match: the file was changed or damaged');
  // Copy into aligned arrays (a Buffer's offset need not be a multiple of 4).
  const take = (bytes: number): ArrayBuffer => {
    const out = new Uint8Array(bytes);
    out.set(buf.subarray(off, off + bytes));
    off += bytes;
    return out.buffer;
  };
  const codes = new Uint32Array(take(count * words * 4));
  const parents = new Uint32Array(take(count * 4));
  const actions = header.wideActions ? new Uint32Array(take(count * 4)) : new Uint16Array(take(count * 2));
  // BFS order: a state's parent was stored before it.
  for (let id = 0; id < count; id++) if (parents[id] !== NO_PARENT && parents[id] >= id) bad('inconsistent parents');
  return { ...header, store: StateStore.fromArrays(words, count, codes, parents, actions) };
}

function keysUsable(keys: unknown): boolean {
  const k = keys as CheckpointKeys | null;
  if (typeof k !== 'object' || k === null) return false;
  if (k.kind === 'codec') return true;
  return k.kind === 'inferred' && (k.width === 8 || k.width === 16 || k.width === 32) && Array.isArray(k.strings) && k.strings.every((x) => typeof x === 'string');
}

function coverageUsable(coverage: unknown): boolean {
  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  return isRecord(coverage) && Object.values(coverage).every((types) => isRecord(types) && Object.values(types).every((n) => Number.isSafeInteger(n) && (n as number) > 0));
}
