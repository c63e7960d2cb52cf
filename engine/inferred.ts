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
 */
import type { ModelCodec } from './codec.js';

/** A state that does not fit the inferred shape (or a value too wide for its field). */
export class ShapeMismatch extends Error {
  override name = 'ShapeMismatch';
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
class StringIds {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly cacheKey: string[] = new Array<string>(1024).fill('\u0000none');
  private readonly cacheId = new Int32Array(1024);

  id(s: string): number {
    const n = s.length;
    const slot = n === 0 ? 0 : (Math.imul(n, 31) + Math.imul(s.charCodeAt(0), 7) + s.charCodeAt(n - 1)) & 1023;
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

/**
 * Compiles the codec of `shape` with `width` bits for every integer and string id (8, 16 or
 * 32). Integers are stored offset by 2^(width-1), so small negative values fit too.
 */
export function inferredCodec(shape: Shape, width: 8 | 16 | 32): InferredCodec {
  const strings = new StringIds();
  const keyLists: (readonly string[])[] = [];
  const enc: string[] = [];
  let bit = 0;
  let temp = 0;
  const pack = (x: string, bits: number): void => {
    const w = bit >>> 5;
    const sh = bit & 31;
    enc.push(sh === 0 ? `w${w} |= ${x};` : `w${w} |= ${x} << ${sh};`);
    if (sh + bits > 32) enc.push(`w${w + 1} |= ${x} >>> ${32 - sh};`);
    bit += bits;
  };
  const half = 2 ** (width - 1);
  const walkEnc = (s: Shape, expr: string): void => {
    const v = `v${temp++}`;
    enc.push(`const ${v} = ${expr};`);
    switch (s.kind) {
      case 'int':
        enc.push(`if ((${v} | 0) !== ${v} || ${v} < ${-half} || ${v} >= ${half}) M();`);
        pack(width === 32 ? `((${v} + ${half}) >>> 0)` : `(${v} + ${half})`, width);
        return;
      case 'string': {
        const id = `i${temp++}`;
        enc.push(`if (typeof ${v} !== "string") M();`, `const ${id} = S.id(${v});`);
        if (width < 32) enc.push(`if (${id} >= ${2 ** width}) M();`);
        pack(id, width);
        return;
      }
      case 'bool':
        enc.push(`if (${v} === true) { ${packBit()} } else if (${v} !== false) M();`);
        bit += 1;
        return;
      case 'array':
        enc.push(`if (!Array.isArray(${v}) || ${v}.length !== ${s.items.length}) M();`);
        s.items.forEach((item, i) => walkEnc(item, `${v}[${i}]`));
        return;
      case 'object': {
        const k = keyLists.length;
        keyLists.push(s.keys);
        // The key list is checked name by name: an extra, missing or reordered key is a mismatch.
        enc.push(
          `if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v}) || (${v}.constructor !== Object && !plain(${v}))) M();`,
          `{ let n = 0; const K = KEYS[${k}]; for (const key in ${v}) { if (key !== K[n]) M(); n++; } if (n !== ${s.keys.length}) M(); }`,
        );
        s.keys.forEach((key, i) => walkEnc(s.fields[i], `${v}[${JSON.stringify(key)}]`));
        return;
      }
    }
  };
  const packBit = (): string => `w${bit >>> 5} |= ${(1 << (bit & 31)) | 0};`;
  walkEnc(shape, 's');
  const totalBits = bit;
  const words = Math.max(1, Math.ceil(totalBits / 32));

  bit = 0;
  const read = (bits: number): string => {
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
      case 'int':
        return width === 32 ? `((${read(32)} - ${half}) | 0)` : `(${read(width)} - ${half})`;
      case 'string':
        return `S.values[${read(width)}]`;
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
    'function encode(s, out, off) {',
    `  let ${wordList.map((i) => `w${i} = 0`).join(', ')};`,
    ...enc.map((l) => `  ${l}`),
    ...wordList.map((i) => `  out[off + ${i}] = w${i};`),
    '}',
    `function decode(c, off) { return ${dec}; }`,
    `return { words: ${words}, encode, decode };`,
  ].join('\n');
  const M = (): never => {
    throw new ShapeMismatch('a state does not fit the shape inferred from the initial state');
  };
  const codec = new Function('S', 'KEYS', 'M', 'plain', src)(strings, keyLists, M, plain) as ModelCodec<unknown>;
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
