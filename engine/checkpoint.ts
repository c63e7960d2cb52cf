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
 * Written to a temporary file and renamed, so a crash never leaves half a checkpoint.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { InputError } from './scenario.js';
import { StateStore } from './visited.js';

const MAGIC = 'FLCKPT02';

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

/** Writes `header` and the first `header.count` states of `store` to `file`, atomically. */
export function saveCheckpoint(file: string, header: Omit<CheckpointHeader, 'words' | 'count' | 'wideActions'>, store: StateStore): void {
  const full: CheckpointHeader = { ...header, words: store.words, count: store.count, wideActions: store.actionIndex instanceof Uint32Array };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  const pad = Buffer.alloc((4 - ((12 + json.length) % 4)) % 4);
  const n = store.count;
  const parts = [
    head,
    json,
    pad,
    new Uint8Array(store.codes.buffer, store.codes.byteOffset, n * store.words * 4),
    new Uint8Array(store.parents.buffer, store.parents.byteOffset, n * 4),
    new Uint8Array(store.actionIndex.buffer, store.actionIndex.byteOffset, n * store.actionIndex.BYTES_PER_ELEMENT),
  ];
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const p of parts) {
      let off = 0;
      while (off < p.byteLength) off += writeSync(fd, p, off, p.byteLength - off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
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
  let header: CheckpointHeader;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + len)) as CheckpointHeader;
  } catch {
    return bad('its header is not JSON');
  }
  const { words, count, nextId, levelStart, levelEnd } = header;
  const ints = [words, count, nextId, levelStart, levelEnd, header.depth, header.transitions];
  if (!ints.every((x) => Number.isSafeInteger(x) && x >= 0) || words < 1 || !(levelStart <= nextId && nextId <= levelEnd && levelEnd <= count)) bad('inconsistent counters');
  if (!Array.isArray(header.findings) || !header.findings.every((f) => Number.isInteger(f) && f >= -1 && f < count)) bad('inconsistent findings');
  const actionBytes = header.wideActions ? 4 : 2;
  let off = 12 + len + ((4 - ((12 + len) % 4)) % 4);
  const need = off + count * (words * 4 + 4 + actionBytes);
  if (buf.length !== need) bad(`expected ${need} bytes, found ${buf.length}`);
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
  return { ...header, store: StateStore.fromArrays(words, count, codes, parents, actions) };
}
