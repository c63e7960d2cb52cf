/**
 * Exact codes for plain-object models without a schema, inferred from the initial state.
 *
 * A model written as records built by one constructor per type has one shape for all its
 * states: the same keys in the same order, arrays of fixed length, and leaves that stay
 * strings, integers or booleans. From the initial state faultline generates an encoder and a
 * decoder for that shape, as a schema would: strings become ids in a dictionary, integers
 * and ids take a fixed width. Every state is checked against the shape as it is encoded
 * (key lists compared name by name, array lengths, leaf types, widths); the first one that
 * does not fit raises `ShapeMismatch`, and the explorer starts again with wider fields or,
 * at the end, with fingerprints. So the code is exact or not used at all.
 *
 * The default run starts from the narrowest fields the initial states need, one width per
 * key path (`minimalLayout`), and widens only the field that overflowed (`widenLayout`);
 * a checkpointable run keeps one width, 8, 16 or 32 bits, for every field (`inferredCodec`),
 * which is what its checkpoint records.
 */
import type { ModelCodec } from './codec.js';

/** A state that does not fit the inferred shape (or a value too wide for its field). */
export class ShapeMismatch extends Error {
  override name = 'ShapeMismatch';
  /**
   * `field`: the class of the codec's layout too narrow for `value` (an integer, or a string's
   * id); -1: the state has another shape, which no width holds.
   */
  constructor(
    message: string,
    readonly field = -1,
    readonly value = 0,
  ) {
    super(message);
  }
}

export type Shape =
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly fields: readonly Shape[] }
  | { readonly kind: 'array'; readonly items: readonly Shape[] }
  | { readonly kind: 'string' }
  | { readonly kind: 'int' }
  | { readonly kind: 'bool' };

const MAX_NODES = 4096;

/** The shape of `v`, or undefined when it has parts a code cannot hold (floats, null, class instances). */
export function inferShape(v: unknown, budget = { nodes: MAX_NODES }): Shape | undefined {
  if (--budget.nodes < 0) return undefined;
  switch (typeof v) {
    case 'string':
      return { kind: 'string' };
    case 'number':
      return (v | 0) === v ? { kind: 'int' } : undefined;
    case 'boolean':
      return { kind: 'bool' };
    case 'object': {
      if (v === null) return undefined;
      if (Array.isArray(v)) {
        const items: Shape[] = [];
        for (const x of v) {
          const s = inferShape(x, budget);
          if (!s) return undefined;
          items.push(s);
        }
        return { kind: 'array', items };
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return undefined;
      const keys: string[] = [];
      const fields: Shape[] = [];
      for (const k in v as Record<string, unknown>) {
        const s = inferShape((v as Record<string, unknown>)[k], budget);
        if (!s) return undefined;
        keys.push(k);
        fields.push(s);
      }
      return { kind: 'object', keys, fields };
    }
    default:
      return undefined;
  }
}

/** A plain object's prototype (the slow path: a record whose `constructor` is a key of its own). */
function plain(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Strings seen in states, numbered in order of first sight; a direct-mapped cache keyed by
 * (length, first char, last char) makes the usual lookup one `===`.
 */
export class StringIds {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly cacheKey: string[];
  private readonly cacheId: Int32Array;
  private readonly mask: number;

  /** `cache`: slots of the direct-mapped cache (a power of two). */
  constructor(cache = 1024) {
    this.cacheKey = new Array<string>(cache).fill('\u0000none');
    this.cacheId = new Int32Array(cache);
    this.mask = cache - 1;
  }

  id(s: string): number {
    const n = s.length;
    const slot = n === 0 ? 0 : (Math.imul(n, 31) + Math.imul(s.charCodeAt(0), 7) + s.charCodeAt(n - 1)) & this.mask;
    if (this.cacheKey[slot] === s) return this.cacheId[slot];
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(s);
      this.ids.set(s, id);
    }
    this.cacheKey[slot] = s;
    this.cacheId[slot] = id;
    return id;
  }

  /** Replaces the dictionary with `values` (a checkpoint's), numbered in that order. */
  restore(values: readonly string[]): void {
    this.values.length = 0;
    this.ids.clear();
    this.cacheKey.fill('\u0000none');
    for (const v of values) {
      if (typeof v !== 'string' || this.ids.has(v)) throw new RangeError('a string dictionary holds distinct strings');
      this.ids.set(v, this.values.length);
      this.values.push(v);
    }
  }
}

/**
 * How many bits an integer or string-id field takes: a field holds `lo .. lo + 2^bits - 1`
 * (integers) or ids `0 .. 2^bits - 1` (strings); 0 bits is a constant. At 32 bits an integer
 * field holds every 32-bit integer (`lo` is then -2^31).
 */
export type FieldClass =
  | { readonly kind: 'int'; readonly lo: number; readonly bits: number }
  | { readonly kind: 'string'; readonly bits: number };

/**
 * Where an inferred code keeps the integers and strings of `shape`: each integer or string
 * leaf (in encoding order, booleans left out) belongs to a class, which fixes its width; the
 * leaves of a string class number their strings in one dictionary. Minimal layouts have one
 * class per key path (array indices left out: `msgs[].timer`); the uniform layout of a
 * checkpointable run has one class for all integers and one for all strings.
 */
export interface Layout {
  readonly shape: Shape;
  readonly leafClass: readonly number[];
  readonly classes: readonly FieldClass[];
}

/** The integer and string leaves of `shape` in encoding order, with their key paths (indices left out). */
function eachLeaf(shape: Shape, path: string, visit: (kind: 'int' | 'string', path: string) => void): void {
  switch (shape.kind) {
    case 'int':
    case 'string':
      visit(shape.kind, path);
      return;
    case 'bool':
      return;
    case 'array':
      for (const item of shape.items) eachLeaf(item, `${path}[]`, visit);
      return;
    case 'object':
      shape.keys.forEach((k, i) => eachLeaf(shape.fields[i], `${path}.${JSON.stringify(k)}`, visit));
  }
}

/** The values of `v`'s integer and string leaves, read along `shape` (what does not fit is left undefined). */
function leafValues(shape: Shape, v: unknown, out: unknown[]): void {
  switch (shape.kind) {
    case 'int':
    case 'string':
      out.push(v);
      return;
    case 'bool':
      return;
    case 'array':
      shape.items.forEach((item, i) => leafValues(item, Array.isArray(v) ? (v[i] as unknown) : undefined, out));
      return;
    case 'object': {
      const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
      shape.keys.forEach((k, i) => leafValues(shape.fields[i], o && Object.hasOwn(o, k) ? o[k] : undefined, out));
    }
  }
}

/** Bits for `n` distinct values. */
const bitsFor = (n: number): number => (n <= 1 ? 0 : 32 - Math.clz32(n - 1));

const INT32_MIN = -(2 ** 31);

/** One class of 8, 16 or 32 bits for every integer and one for every string (the checkpointable layout). */
export function uniformLayout(shape: Shape, width: 8 | 16 | 32): Layout {
  const leafClass: number[] = [];
  eachLeaf(shape, '', (kind) => leafClass.push(kind === 'int' ? 0 : 1));
  return { shape, leafClass, classes: [{ kind: 'int', lo: -(2 ** (width - 1)), bits: width }, { kind: 'string', bits: width }] };
}

/**
 * The narrowest layout of `shape` that holds `states` (the initial states): one class per
 * key path, as many bits as its values there need, and the unused bits of the last word
 * spread over the classes (room to grow at no cost in words). States that need more raise a
 * ShapeMismatch naming the class, and `widenLayout` makes room.
 */
export function minimalLayout(shape: Shape, states: readonly unknown[]): Layout {
  const byPath = new Map<string, number>();
  const leafClass: number[] = [];
  const kinds: ('int' | 'string')[] = [];
  eachLeaf(shape, '', (kind, path) => {
    const key = `${kind} ${path}`;
    let c = byPath.get(key);
    if (c === undefined) {
      c = kinds.length;
      byPath.set(key, c);
      kinds.push(kind);
    }
    leafClass.push(c);
  });
  const min = kinds.map(() => 0);
  const max = kinds.map(() => 0);
  const strings = kinds.map(() => new Set<string>());
  for (const s of states) {
    const values: unknown[] = [];
    leafValues(shape, s, values);
    values.forEach((v, i) => {
      const c = leafClass[i];
      if (kinds[c] === 'string') {
        if (typeof v === 'string') strings[c].add(v);
      } else if (typeof v === 'number' && (v | 0) === v) {
        min[c] = Math.min(min[c], v);
        max[c] = Math.max(max[c], v);
      }
    });
  }
  const classes = kinds.map((kind, c): FieldClass => (kind === 'string' ? { kind, bits: bitsFor(strings[c].size) } : intClass(min[c], bitsFor(max[c] - min[c] + 1))));
  return withSlack({ shape, leafClass, classes });
}

function intClass(lo: number, bits: number): FieldClass {
  return bits >= 32 ? { kind: 'int', lo: INT32_MIN, bits: 32 } : { kind: 'int', lo: lo === 0 ? 0 : lo, bits };
}

/** Bits of a code of `layout` (its booleans included). */
function layoutBits(layout: Layout): number {
  let bools = 0;
  const count = (s: Shape): void => {
    if (s.kind === 'bool') bools++;
    else if (s.kind === 'array') s.items.forEach(count);
    else if (s.kind === 'object') s.fields.forEach(count);
  };
  count(layout.shape);
  let bits = bools;
  for (const c of layout.leafClass) bits += layout.classes[c].bits;
  return bits;
}

/** `layout` with the unused bits of its last word handed out, one bit per class in turn, while they last. */
function withSlack(layout: Layout): Layout {
  const total = layoutBits(layout);
  let slack = Math.max(1, Math.ceil(total / 32)) * 32 - total;
  const leaves = layout.classes.map(() => 0);
  for (const c of layout.leafClass) leaves[c]++;
  const classes = layout.classes.slice();
  for (let grown = true; grown; ) {
    grown = false;
    classes.forEach((c, i) => {
      if (c.bits >= 32 || leaves[i] > slack) return;
      slack -= leaves[i];
      classes[i] = c.kind === 'string' ? { kind: 'string', bits: c.bits + 1 } : intClass(c.lo, c.bits + 1);
      grown = true;
    });
  }
  return { ...layout, classes };
}

/**
 * `layout` widened for the mismatch `e` (a value too wide for its class): that class at least
 * half as wide again and one bit more than the value needs, so a field that keeps growing
 * costs few restarts. Undefined when no width helps (another shape, or a class at 32 bits).
 */
export function widenLayout(layout: Layout, e: ShapeMismatch): Layout | undefined {
  const c = layout.classes[e.field];
  if (e.field < 0 || c === undefined || c.bits >= 32) return undefined;
  const grown = c.bits + Math.max(1, c.bits >> 1);
  let wider: FieldClass;
  if (c.kind === 'string') {
    if (e.value < 2 ** c.bits) return undefined; // not a mismatch of this width
    wider = { kind: 'string', bits: Math.min(32, Math.max(grown, bitsFor(e.value + 1) + 1)) };
  } else {
    const top = c.lo + 2 ** c.bits - 1;
    if (e.value >= c.lo && e.value <= top) return undefined;
    const lo = Math.min(c.lo, e.value);
    const need = Math.max(top, e.value) - lo + 1;
    const bits = Math.max(grown, bitsFor(need) + 1);
    // Growing downwards, the room to spare goes below as well as above.
    wider = intClass(e.value < c.lo ? lo - Math.floor((2 ** Math.min(bits, 31) - need) / 2) : lo, bits);
  }
  const classes = layout.classes.slice();
  classes[e.field] = wider;
  return withSlack({ ...layout, classes });
}

/**
 * An inferred codec: its field width, and its string dictionary, which a checkpoint saves so
 * that a resumed run decodes the saved codes and numbers new strings as the first run would.
 */
export interface InferredCodec extends ModelCodec<unknown> {
  readonly width: 8 | 16 | 32;
  /** The strings seen so far, in id order (a copy). */
  strings(): string[];
  /** Starts from a saved dictionary instead of the current one. */
  restoreStrings(values: readonly string[]): void;
}

/** A compiled codec with delta encoding: a successor's records shared with its parent keep the parent's bits. */
export type LayoutCodec = ModelCodec<unknown> & Required<Pick<ModelCodec<unknown>, 'encodeFrom'>> & { readonly layout: Layout };

/**
 * Compiles the codec of `shape` with `width` bits for every integer and string id (8, 16 or
 * 32). Integers are stored offset by 2^(width-1), so small negative values fit too.
 */
export function inferredCodec(shape: Shape, width: 8 | 16 | 32): InferredCodec & LayoutCodec {
  const strings = new StringIds();
  const codec = layoutCodec(uniformLayout(shape, width), [undefined, strings]);
  return {
    ...codec,
    width,
    strings: () => strings.values.slice(),
    restoreStrings: (values) => {
      // An id must fit its field, as the encoder checks for a new string.
      if (width < 32 && values.length > 2 ** width) throw new RangeError(`${values.length} strings do not fit ${width}-bit fields`);
      strings.restore(values);
    },
  };
}

/**
 * Compiles the codec of `layout`: straight-line code that checks every state against the
 * shape as it packs it (key lists name by name, array lengths, leaf types, each value
 * against its field's range), and a decoder. `encodeFrom` starts from the parent's code and
 * re-encodes only the records, arrays and leaves that are not the parent's own (by `===`).
 * `dictionaries[c]`: string class c's dictionary (made here when not given).
 */
export function layoutCodec(layout: Layout, dictionaries: readonly (StringIds | undefined)[] = []): LayoutCodec {
  const { shape, leafClass, classes } = layout;
  const dicts = classes.map((c, i) => (c.kind === 'string' ? (dictionaries[i] ?? new StringIds(256)) : undefined));
  const keyLists: (readonly string[])[] = [];
  const gather = (s: Shape): void => {
    if (s.kind === 'object') {
      keyLists.push(s.keys);
      s.fields.forEach(gather);
    } else if (s.kind === 'array') s.items.forEach(gather);
  };
  gather(shape);

  /** The encoder's body; `from`: encodeFrom's, which compares each part with the parent's (`p…`). */
  const encoder = (from: boolean): { lines: string[]; bits: number } => {
    const lines: string[] = [];
    let bit = 0;
    let leaf = 0;
    let obj = 0;
    let temp = 0;
    const put = (x: string, bits: number): void => {
      if (bits === 0) return;
      const w = bit >>> 5;
      const sh = bit & 31;
      const low = Math.min(bits, 32 - sh);
      if (from) {
        lines.push(`w${w} = (w${w} & ${~((2 ** low - 1) << sh)}) | (${x} << ${sh});`);
        if (bits > low) lines.push(`w${w + 1} = (w${w + 1} & ${~(2 ** (bits - low) - 1)}) | (${x} >>> ${32 - sh});`);
      } else {
        lines.push(sh === 0 ? `w${w} |= ${x};` : `w${w} |= ${x} << ${sh};`);
        if (bits > low) lines.push(`w${w + 1} |= ${x} >>> ${32 - sh};`);
      }
      bit += bits;
    };
    const walk = (s: Shape, v: string, p: string): void => {
      // A part the parent shares was encoded with it: its bits are in place.
      const open = from && s.kind !== 'bool';
      if (open) lines.push(`if (${v} !== ${p}) {`);
      switch (s.kind) {
        case 'int': {
          const c = leafClass[leaf];
          const f = classes[c] as Extract<FieldClass, { kind: 'int' }>;
          leaf++;
          const x = `x${temp++}`;
          lines.push(`if ((${v} | 0) !== ${v}) M(-1, 0);`, `const ${x} = ${v} - (${f.lo});`);
          if (f.bits < 32) lines.push(`if (${x} < 0 || ${x} >= ${2 ** f.bits}) M(${c}, ${v});`);
          put(x, f.bits);
          break;
        }
        case 'string': {
          const c = leafClass[leaf];
          const f = classes[c];
          leaf++;
          const id = `i${temp++}`;
          lines.push(`if (typeof ${v} !== "string") M(-1, 0);`, `const ${id} = D${c}.id(${v});`);
          if (f.bits < 32) lines.push(`if (${id} >= ${2 ** f.bits}) M(${c}, ${id});`);
          put(id, f.bits);
          break;
        }
        case 'bool': {
          const w = bit >>> 5;
          const m = (1 << (bit & 31)) | 0;
          bit += 1;
          if (from) lines.push(`if (${v} === true) w${w} |= ${m}; else if (${v} === false) w${w} &= ${~m}; else M(-1, 0);`);
          else lines.push(`if (${v} === true) w${w} |= ${m}; else if (${v} !== false) M(-1, 0);`);
          break;
        }
        case 'array':
          lines.push(`if (!Array.isArray(${v}) || ${v}.length !== ${s.items.length}) M(-1, 0);`);
          s.items.forEach((item, i) => child(item, v, p, String(i)));
          break;
        case 'object': {
          // The key list is checked name by name: an extra, missing or reordered key is a mismatch.
          lines.push(
            `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v}) || (${v}.constructor !== Object && !plain(${v}))) M(-1, 0);`,
            `{ let n = 0; const K = KEYS[${obj++}]; for (const key in ${v}) { if (key !== K[n]) M(-1, 0); n++; } if (n !== ${s.keys.length}) M(-1, 0); }`,
          );
          s.keys.forEach((key, i) => child(s.fields[i], v, p, JSON.stringify(key)));
          break;
        }
      }
      if (open) lines.push('}');
    };
    const child = (s: Shape, v: string, p: string, key: string): void => {
      const cv = `v${temp}`;
      const cp = `p${temp++}`;
      lines.push(from ? `const ${cv} = ${v}[${key}], ${cp} = ${p}[${key}];` : `const ${cv} = ${v}[${key}];`);
      walk(s, cv, cp);
    };
    walk(shape, 's', 'parent');
    return { lines, bits: bit };
  };
  const enc = encoder(false);
  const encFrom = encoder(true);
  const words = Math.max(1, Math.ceil(enc.bits / 32));

  let bit = 0;
  let leaf = 0;
  const read = (bits: number): string => {
    if (bits === 0) return '0';
    const w = bit >>> 5;
    const sh = bit & 31;
    bit += bits;
    const mask = bits === 32 ? '' : ` & ${2 ** bits - 1}`;
    if (sh + bits <= 32) return bits === 32 ? `(c[off + ${w}])` : `((c[off + ${w}] >>> ${sh})${mask})`;
    // Straddles two words; `>>> 0` keeps a full 32-bit field unsigned.
    const joined = `((c[off + ${w}] >>> ${sh}) | (c[off + ${w + 1}] << ${32 - sh}))`;
    return bits === 32 ? `(${joined} >>> 0)` : `(${joined}${mask})`;
  };
  const walkDec = (s: Shape): string => {
    switch (s.kind) {
      case 'int': {
        const f = classes[leafClass[leaf++]] as Extract<FieldClass, { kind: 'int' }>;
        return f.bits === 0 ? `(${f.lo})` : `(${read(f.bits)} + (${f.lo}))`;
      }
      case 'string': {
        const c = leafClass[leaf++];
        return `D${c}.values[${read(classes[c].bits)}]`;
      }
      case 'bool': {
        const w = bit >>> 5;
        const m = (1 << (bit & 31)) | 0;
        bit += 1;
        return `((c[off + ${w}] & ${m}) !== 0)`;
      }
      case 'array':
        return `[${s.items.map(walkDec).join(', ')}]`;
      case 'object':
        // A literal `"__proto__": v` would set the prototype: that key alone is computed (an own key).
        return `{ ${s.keys.map((k, i) => `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}: ${walkDec(s.fields[i])}`).join(', ')} }`;
    }
  };
  const dec = walkDec(shape);
  const wordList = Array.from({ length: words }, (_, i) => i);
  const src = [
    '"use strict";',
    ...dicts.flatMap((d, c) => (d ? [`const D${c} = D[${c}];`] : [])),
    'function encode(s, out, off) {',
    `  let ${wordList.map((i) => `w${i} = 0`).join(', ')};`,
    ...enc.lines.map((l) => `  ${l}`),
    ...wordList.map((i) => `  out[off + ${i}] = w${i};`),
    '}',
    'function encodeFrom(s, parent, pc, po, out, off) {',
    `  let ${wordList.map((i) => `w${i} = pc[po + ${i}]`).join(', ')};`,
    ...encFrom.lines.map((l) => `  ${l}`),
    ...wordList.map((i) => `  out[off + ${i}] = w${i};`),
    '}',
    `function decode(c, off) { return ${dec}; }`,
    `return { words: ${words}, encode, encodeFrom, decode };`,
  ].join('\n');
  const M = (field: number, value: number): never => {
    if (field < 0) throw new ShapeMismatch('a state does not fit the shape inferred from the initial state');
    throw new ShapeMismatch(`a value does not fit its ${classes[field].bits}-bit field`, field, value);
  };
  const codec = new Function('D', 'KEYS', 'M', 'plain', src)(dicts, keyLists, M, plain) as Required<ModelCodec<unknown>>;
  return { words: codec.words, encode: codec.encode, encodeFrom: codec.encodeFrom, decode: codec.decode, layout };
}

/**
 * A compiled fast path for `plainState` (engine/plain-data.ts): whether `s` is certainly
 * plain data without `-0`, checked against `shape` field by field in straight-line code,
 * skipping every record or array it shares (by reference) with `parent`, which was checked
 * already. False means "not certain" (another shape, a float, a -0): the caller then takes
 * the general walk, which normalises or rejects. `trusted`: a codec has just accepted `s`
 * (it holds exactly the shape's keys and leaf types), so only its integers are looked at.
 */
export function compiledStateCheck(shape: Shape, trusted = false): (s: unknown, parent: unknown) => boolean {
  const keyLists: (readonly string[])[] = [];
  const lines: string[] = [];
  let temp = 0;
  const holdsInt = (sh: Shape): boolean =>
    sh.kind === 'int' || (sh.kind === 'array' && sh.items.some(holdsInt)) || (sh.kind === 'object' && sh.fields.some(holdsInt));
  const walk = (sh: Shape, v: string, p: string): void => {
    if (trusted && !holdsInt(sh)) return;
    switch (sh.kind) {
      case 'int':
        lines.push(trusted ? `if (Object.is(${v}, -0)) return false;` : `if (typeof ${v} !== "number" || Object.is(${v}, -0)) return false;`);
        return;
      case 'string':
        lines.push(`if (typeof ${v} !== "string") return false;`);
        return;
      case 'bool':
        lines.push(`if (${v} !== true && ${v} !== false) return false;`);
        return;
      case 'array':
        lines.push(`if (${v} !== ${p}) {`);
        if (!trusted) lines.push(`if (!Array.isArray(${v}) || ${v}.length !== ${sh.items.length}) return false;`);
        sh.items.forEach((item, i) => child(item, v, p, String(i)));
        lines.push('}');
        return;
      case 'object': {
        const k = keyLists.length;
        keyLists.push(sh.keys);
        lines.push(`if (${v} !== ${p}) {`);
        if (!trusted) {
          lines.push(
            `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v}) || (${v}.constructor !== Object && !plain(${v}))) return false;`,
            `{ let n = 0; const K = KEYS[${k}]; for (const key in ${v}) { if (key !== K[n]) return false; n++; } if (n !== ${sh.keys.length}) return false; }`,
          );
        }
        sh.keys.forEach((key, i) => child(sh.fields[i], v, p, JSON.stringify(key)));
        lines.push('}');
        return;
      }
    }
  };
  const child = (sh: Shape, v: string, p: string, key: string): void => {
    if (trusted && !holdsInt(sh)) return;
    const cv = `v${temp}`;
    const cp = `p${temp++}`;
    lines.push(`const ${cv} = ${v}[${key}], ${cp} = ${p} == null ? undefined : ${p}[${key}];`);
    walk(sh, cv, cp);
  };
  walk(shape, 's', 'parent');
  const src = ['"use strict";', 'return function fits(s, parent) {', ...lines, 'return true;', '};'].join('\n');
  return new Function('KEYS', 'plain', src)(keyLists, plain) as (s: unknown, parent: unknown) => boolean;
}
