/**
 * State schemas: declare a state as enums, bounded integers, booleans, records and
 * fixed-length arrays; faultline derives an exact bit-packed `encode`/`decode` from it.
 *
 * Layout: leaves are packed in declaration order (record fields in order, array elements by
 * index), the first leaf at bit 0 of word 0, each leaf `x` stored as `value - lo` (ints),
 * 0/1 (bools) or its index (enums) in `bits` bits, straddling 32-bit words where it falls.
 * `fieldLayout` lists every leaf's place.
 *
 * @example
 * const Msg = t.record('Msg', { q: t.enumOf(['unsent', 'visible'] as const), timer: t.int(0, 3), done: t.bool() });
 * const State = t.record('State', { msgs: t.array(Msg, 2), crashes: t.int(0, 1) });
 * type State = Infer<typeof State>;
 * const codec = State.codec(); // { words, encode(s, out, off), decode(buf, off) }
 */
export interface Codec<S> {
  /** 32-bit words per code. */
  readonly words: number;
  /** Writes the exact code of `s` at `out[offset .. offset + words)`; throws SchemaError when out of bounds. */
  encode(s: S, out: Uint32Array, offset: number): void;
  /** Rebuilds a fresh state (one object shape per record type) from a code. */
  decode(code: Uint32Array, offset: number): S;
  /**
   * Encodes `s`, a successor of `parent` whose code is at `parentCode[parentOffset..]`: every
   * record or array that `s` shares with `parent` by reference keeps its bits, only the
   * rest is encoded (states are immutable, so a shared node encodes the same).
   */
  encodeFrom(s: S, parent: S, parentCode: Uint32Array, parentOffset: number, out: Uint32Array, offset: number): void;
}

export interface Schema<T> {
  readonly tag: 'int' | 'bool' | 'enum' | 'record' | 'array';
  /** Bits this value takes in a code. */
  readonly bits: number;
  /** Throws SchemaError naming the path (`msgs[2].timer: 5 is outside 0..3`) if `v` does not fit. */
  validate(v: unknown, path?: string): void;
  /** The exact codec for this schema. */
  codec(): Codec<T>;
  /** Phantom field for `Infer`. */
  readonly __type?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

export class SchemaError extends Error {
  override name = 'SchemaError';
}

/** Record fields: field name to schema, in declaration order. */
export type Fields = { readonly [name: string]: Schema<any> };
/** The value type of a record with these fields. */
export type RecordOf<F extends Fields> = { readonly [K in keyof F]: Infer<F[K]> };

/** Common part: validation entry point and the cached codec. */
abstract class BaseSchema<T> implements Schema<T> {
  abstract readonly tag: Schema<T>['tag'];
  abstract readonly bits: number;
  declare readonly __type?: T;
  #codec: Codec<T> | undefined;

  /** Throws SchemaError unless `v` fits; `path` is where `v` sits, '' at the root. */
  protected abstract check(v: unknown, path: string): void;

  validate(v: unknown, path = ''): void {
    this.check(v, path);
  }

  codec(): Codec<T> {
    // Compiled once per schema: the generated functions are what stays hot.
    this.#codec ??= compileCodec(this as unknown as AnySchema) as unknown as Codec<T>;
    return this.#codec;
  }
}

/** Integers `lo..hi` inclusive. */
export class IntSchema extends BaseSchema<number> {
  readonly tag = 'int';
  readonly bits: number;
  constructor(readonly lo: number, readonly hi: number) {
    super();
    if (!isInt32(lo) || !isInt32(hi) || lo > hi) {
      throw new SchemaError(`t.int: bounds must be 32-bit integers with lo <= hi, got ${lo}..${hi}`);
    }
    this.bits = bitsFor(hi - lo + 1);
  }
  protected check(v: unknown, path: string): void {
    if (typeof v !== 'number') fail(path, `expected an integer in ${this.lo}..${this.hi}, got ${show(v)}`);
    if (!Number.isInteger(v)) fail(path, `${show(v)} is not an integer`);
    if (v < this.lo || v > this.hi) fail(path, `${show(v)} is outside ${this.lo}..${this.hi}`);
  }
}

/** `true` / `false`. */
export class BoolSchema extends BaseSchema<boolean> {
  readonly tag = 'bool';
  readonly bits = 1;
  protected check(v: unknown, path: string): void {
    if (typeof v !== 'boolean') fail(path, `expected a boolean, got ${show(v)}`);
  }
}

/** One of a fixed list of strings, encoded as its index. */
export class EnumSchema<V extends string> extends BaseSchema<V> {
  readonly tag = 'enum';
  readonly bits: number;
  readonly values: readonly V[];
  constructor(values: readonly V[]) {
    super();
    if (values.length === 0) throw new SchemaError('t.enumOf: needs at least one value');
    if (new Set(values).size !== values.length) throw new SchemaError(`t.enumOf: duplicate values in ${values.join('|')}`);
    this.values = Object.freeze([...values]);
    this.bits = bitsFor(values.length);
  }
  protected check(v: unknown, path: string): void {
    if (!(this.values as readonly unknown[]).includes(v)) fail(path, `${show(v)} is not one of ${this.values.join('|')}`);
  }
}

const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A named record; `make` is its one factory (keys always in schema order). */
export class RecordSchema<F extends Fields> extends BaseSchema<RecordOf<F>> {
  readonly tag = 'record';
  readonly bits: number;
  readonly fields: F;
  /** Builds a record with keys in schema order, whatever order `fields` has; does not validate. */
  readonly make: (fields: RecordOf<F>) => RecordOf<F>;
  private readonly names: readonly string[];

  constructor(readonly name: string, fields: F) {
    super();
    this.names = Object.keys(fields);
    for (const n of this.names) {
      // Identifiers only: generated code uses them as-is, and integer-like keys would reorder Object.keys.
      if (!FIELD_NAME.test(n) || n === '__proto__') throw new SchemaError(`t.record ${name}: bad field name ${JSON.stringify(n)}`);
      if (!(fields[n] instanceof BaseSchema)) throw new SchemaError(`t.record ${name}: field ${n} is not a schema`);
    }
    this.fields = Object.freeze({ ...fields });
    this.bits = this.names.reduce((sum, n) => sum + fields[n].bits, 0);
    const body = `return { ${this.names.map((n) => `${n}: f.${n}`).join(', ')} };`;
    this.make = new Function('f', body) as (fields: RecordOf<F>) => RecordOf<F>;
  }

  protected check(v: unknown, path: string): void {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, `expected a ${this.name} record, got ${show(v)}`);
    for (const n of this.names) {
      if (!Object.hasOwn(v, n)) fail(path, `missing field ${n}`);
    }
    for (const k of Object.keys(v)) {
      if (!Object.hasOwn(this.fields, k)) fail(path, `unexpected field ${k}`);
    }
    for (const n of this.names) {
      const field: Schema<unknown> = this.fields[n];
      field.validate((v as Record<string, unknown>)[n], path === '' ? n : `${path}.${n}`);
    }
  }
}

/** An array of exactly `length` items. */
export class ArraySchema<I extends Schema<any>> extends BaseSchema<readonly Infer<I>[]> {
  readonly tag = 'array';
  readonly bits: number;
  constructor(readonly item: I, readonly length: number) {
    super();
    if (!Number.isInteger(length) || length < 0) throw new SchemaError(`t.array: length must be a non-negative integer, got ${length}`);
    if (!(item instanceof BaseSchema)) throw new SchemaError('t.array: item is not a schema');
    this.bits = item.bits * length;
  }
  protected check(v: unknown, path: string): void {
    if (!Array.isArray(v)) fail(path, `expected an array of length ${this.length}, got ${show(v)}`);
    if (v.length !== this.length) fail(path, `expected an array of length ${this.length}, got ${v.length}`);
    for (let i = 0; i < v.length; i++) this.item.validate(v[i], `${path}[${i}]`);
  }
}

/** Every schema `t` builds. */
export type AnySchema = IntSchema | BoolSchema | EnumSchema<string> | RecordSchema<Fields> | ArraySchema<Schema<any>>;

/** The schema vocabulary. */
export const t = {
  /** Integers `lo..hi` inclusive (`lo` may be negative); `ceil(log2(hi - lo + 1))` bits. */
  int: (lo: number, hi: number): IntSchema => new IntSchema(lo, hi),
  /** A boolean; 1 bit. */
  bool: (): BoolSchema => new BoolSchema(),
  /** One of `values` (string literals); `ceil(log2(values.length))` bits. */
  enumOf: <const V extends readonly string[]>(values: V): EnumSchema<V[number]> => new EnumSchema<V[number]>(values),
  /** A record named `name` (used in messages) with `fields` in declaration order. */
  record: <const F extends Fields>(name: string, fields: F): RecordSchema<F> => new RecordSchema(name, fields),
  /** An array of exactly `length` items. */
  array: <I extends Schema<any>>(item: I, length: number): ArraySchema<I> => new ArraySchema(item, length),
};

/** One leaf of a schema's code: where it sits (`msgs[2].timer`), its first bit and its width. */
export interface FieldSlot {
  readonly path: string;
  /** Bit offset from bit 0 of word 0; word `offset >>> 5`, bit `offset & 31`. */
  readonly offset: number;
  readonly width: number;
  readonly schema: IntSchema | BoolSchema | EnumSchema<string>;
}

/** Every leaf of `schema` in code order (0-bit leaves included). */
export function fieldLayout(schema: Schema<unknown>): FieldSlot[] {
  const out: FieldSlot[] = [];
  let offset = 0;
  const walk = (s: AnySchema, path: string): void => {
    switch (s.tag) {
      case 'record':
        for (const n of Object.keys(s.fields)) walk(s.fields[n] as AnySchema, path === '' ? n : `${path}.${n}`);
        return;
      case 'array':
        for (let i = 0; i < s.length; i++) walk(s.item as AnySchema, `${path}[${i}]`);
        return;
      default:
        out.push({ path, offset, width: s.bits, schema: s });
        offset += s.bits;
    }
  };
  walk(schema as AnySchema, '');
  return out;
}

function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff;
}

/** Bits to tell `count` values apart: ceil(log2(count)), 0 for a single value. */
function bitsFor(count: number): number {
  let bits = 0;
  while (2 ** bits < count) bits++;
  return bits;
}

function fail(path: string, message: string): never {
  throw new SchemaError(path === '' ? message : `${path}: ${message}`);
}

/** A short, one-line description of a bad value. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  if (typeof v === 'function') return 'a function';
  return String(v);
}

// ---- Code generation -------------------------------------------------------------------
// The codec is generated source, compiled once per schema: every leaf's word, shift and mask
// are constants, record fields and array elements are unrolled, enums are switches, and the
// decoder is a single nested literal, so each record type gets one object shape.

/** Compiles `root`'s encoder and decoder. */
function compileCodec(root: AnySchema): Codec<unknown> {
  const words = Math.max(1, Math.ceil(root.bits / 32));
  const enums: (readonly string[])[] = [];
  const encoder = encoderSource(root);
  const delta = deltaSource(root);
  const decoder = decoderSource(root, enums); // fills `enums` before the source below names them
  const wordList = Array.from({ length: words }, (_, i) => i);
  const codeWords = wordList.filter((i) => i * 32 < root.bits);
  const src = [
    '"use strict";',
    ...enums.map((_, i) => `const E${i} = enums[${i}];`),
    'function encode(s, out, off) {',
    `  let ${wordList.map((i) => `w${i} = 0`).join(', ')};`,
    ...encoder.map((line) => `  ${line}`),
    ...wordList.map((i) => `  out[off${i === 0 ? '' : ` + ${i}`}] = w${i};`),
    '}',
    'function encodeFrom(s, p, pcode, poff, out, off) {',
    `  let ${wordList.map((i) => `w${i} = pcode[poff${i === 0 ? '' : ` + ${i}`}]`).join(', ')};`,
    ...delta.map((line) => `  ${line}`),
    ...wordList.map((i) => `  out[off${i === 0 ? '' : ` + ${i}`}] = w${i};`),
    '}',
    'function decode(code, off) {',
    ...codeWords.map((i) => `  const c${i} = code[off${i === 0 ? '' : ` + ${i}`}];`),
    `  return ${decoder};`,
    '}',
    'return { words: ' + words + ', encode, decode, encodeFrom };',
  ].join('\n');
  const fail = (s: unknown): never => {
    root.validate(s);
    throw new SchemaError('value does not fit the schema');
  };
  return new Function('enums', 'fail', src)(enums, fail) as Codec<unknown>;
}

/** Statements that check each leaf cheaply (calling `fail(s)` when one does not fit) and OR it into `w<i>`. */
function encoderSource(root: AnySchema): string[] {
  const lines: string[] = [];
  let bit = 0;
  let temp = 0;
  /** ORs `x` (an expression, evaluated at most twice, fitting `width` bits) at the current bit. */
  const pack = (x: string, width: number): void => {
    const w = bit >>> 5;
    const s = bit & 31;
    lines.push(s === 0 ? `w${w} |= ${x};` : `w${w} |= ${x} << ${s};`);
    if (s + width > 32) lines.push(`w${w + 1} |= ${x} >>> ${32 - s};`);
    bit += width;
  };
  /** The statements ORing the constant `index` at the current bit (nothing for 0). */
  const packConstant = (index: number, width: number): string => {
    const s = bit & 31;
    const w = bit >>> 5;
    if (index === 0) return '/* 0 */';
    const low = `w${w} |= ${(index << s) | 0};`;
    return s + width > 32 ? `${low} w${w + 1} |= ${index >>> (32 - s)};` : low;
  };
  const walk = (schema: AnySchema, expr: string): void => {
    switch (schema.tag) {
      case 'int': {
        const v = `v${temp++}`;
        const { lo, hi, bits } = schema;
        lines.push(`const ${v} = ${expr};`);
        if (bits === 0) {
          lines.push(`if (${v} !== ${lo}) fail(s);`);
          return;
        }
        lines.push(`if ((${v} | 0) !== ${v} || ${v} < ${lo} || ${v} > ${hi}) fail(s);`);
        pack(lo === 0 ? v : `(${v} - (${lo}))`, bits);
        return;
      }
      case 'bool': {
        const v = `v${temp++}`;
        lines.push(`const ${v} = ${expr};`);
        lines.push(`if (${v} === true) { ${packConstant(1, 1)} } else if (${v} !== false) fail(s);`);
        bit += 1;
        return;
      }
      case 'enum': {
        const { values, bits } = schema;
        lines.push(`switch (${expr}) {`);
        values.forEach((value, index) => lines.push(`  case ${JSON.stringify(value)}: ${packConstant(index, bits)} break;`));
        lines.push('  default: fail(s);', '}');
        bit += bits;
        return;
      }
      case 'record': {
        const r = `r${temp++}`;
        lines.push(`const ${r} = ${expr};`, `if (typeof ${r} !== "object" || ${r} === null) fail(s);`);
        for (const name of Object.keys(schema.fields)) walk(schema.fields[name] as AnySchema, `${r}.${name}`);
        return;
      }
      case 'array': {
        const a = `a${temp++}`;
        lines.push(`const ${a} = ${expr};`, `if (!Array.isArray(${a}) || ${a}.length !== ${schema.length}) fail(s);`);
        for (let i = 0; i < schema.length; i++) walk(schema.item as AnySchema, `${a}[${i}]`);
        return;
      }
      default:
        assertNeverSchema(schema);
    }
  };
  walk(root, 's');
  return lines;
}

/**
 * Statements for `encodeFrom`: the words start as the parent's code; a record or array node
 * the successor shares with the parent (`x === px`) is skipped whole, and every leaf under a
 * node that changed has its bits cleared and is re-encoded with the same checks as `encode`.
 */
function deltaSource(root: AnySchema): string[] {
  const lines: string[] = [];
  let bit = 0;
  let temp = 0;
  /** Clears the `width` bits at the current bit, then ORs `x` there. */
  const put = (x: string | number, width: number): void => {
    let b = bit;
    let left = width;
    while (left > 0) {
      const w = b >>> 5;
      const sh = b & 31;
      const n = Math.min(left, 32 - sh);
      const mask = (n === 32 ? 0xffffffff : ((2 ** n - 1) * 2 ** sh)) | 0;
      lines.push(`w${w} &= ${~mask};`);
      b += n;
      left -= n;
    }
    if (typeof x === 'number') {
      if (x !== 0) {
        const w = bit >>> 5;
        const sh = bit & 31;
        lines.push(`w${w} |= ${(x << sh) | 0};`);
        if (sh + width > 32) lines.push(`w${w + 1} |= ${x >>> (32 - sh)};`);
      }
    } else {
      const w = bit >>> 5;
      const sh = bit & 31;
      lines.push(sh === 0 ? `w${w} |= ${x};` : `w${w} |= ${x} << ${sh};`);
      if (sh + width > 32) lines.push(`w${w + 1} |= ${x} >>> ${32 - sh};`);
    }
    bit += width;
  };
  /** Encodes the leaf `expr` (its parent changed). */
  const leaf = (schema: IntSchema | BoolSchema | EnumSchema<string>, expr: string): void => {
    switch (schema.tag) {
      case 'int': {
        const v = `v${temp++}`;
        lines.push(`const ${v} = ${expr};`);
        if (schema.bits === 0) {
          lines.push(`if (${v} !== ${schema.lo}) fail(s);`);
          return;
        }
        lines.push(`if ((${v} | 0) !== ${v} || ${v} < ${schema.lo} || ${v} > ${schema.hi}) fail(s);`);
        put(schema.lo === 0 ? v : `(${v} - (${schema.lo}))`, schema.bits);
        return;
      }
      case 'bool': {
        const v = `v${temp++}`;
        lines.push(`const ${v} = ${expr};`, `if (${v} !== true && ${v} !== false) fail(s);`);
        put(`(${v} ? 1 : 0)`, 1);
        return;
      }
      case 'enum': {
        const v = `e${temp++}`;
        lines.push(`let ${v} = 0;`, `switch (${expr}) {`);
        schema.values.forEach((value, index) => lines.push(`  case ${JSON.stringify(value)}: ${v} = ${index}; break;`));
        lines.push('  default: fail(s);', '}');
        put(v, schema.bits);
        return;
      }
    }
  };
  /** A composite node `expr` with the parent's same node `pexpr`: skipped when shared. */
  const node = (schema: AnySchema, expr: string, pexpr: string): void => {
    if (schema.tag !== 'record' && schema.tag !== 'array') {
      leaf(schema, expr);
      return;
    }
    const x = `x${temp++}`;
    const px = `p${temp++}`;
    lines.push(`const ${x} = ${expr}, ${px} = ${pexpr};`, `if (${x} !== ${px}) {`);
    const start = bit;
    if (schema.tag === 'record') {
      lines.push(`if (typeof ${x} !== "object" || ${x} === null) fail(s);`);
      for (const name of Object.keys(schema.fields)) node(schema.fields[name] as AnySchema, `${x}.${name}`, `${px}.${name}`);
    } else {
      lines.push(`if (!Array.isArray(${x}) || ${x}.length !== ${schema.length}) fail(s);`);
      for (let i = 0; i < schema.length; i++) node(schema.item as AnySchema, `${x}[${i}]`, `${px}[${i}]`);
    }
    lines.push('}');
    bit = start + schema.bits;
  };
  node(root, 's', 'p');
  return lines;
}

/** One expression rebuilding the whole value from the words `c<i>`. */
function decoderSource(root: AnySchema, enums: (readonly string[])[]): string {
  let bit = 0;
  /** The unsigned field of `width` (1..32) bits at the current bit. */
  const read = (width: number): string => {
    const w = bit >>> 5;
    const s = bit & 31;
    bit += width;
    const mask = width === 32 ? '' : ` & ${2 ** width - 1}`;
    if (s + width === 32) return s === 0 ? `c${w}` : `(c${w} >>> ${s})`;
    if (s + width < 32) return s === 0 ? `(c${w}${mask})` : `((c${w} >>> ${s})${mask})`;
    // Straddles two words; `>>> 0` keeps a full 32-bit field unsigned.
    const joined = `(c${w} >>> ${s}) | (c${w + 1} << ${32 - s})`;
    return width === 32 ? `((${joined}) >>> 0)` : `((${joined})${mask})`;
  };
  const walk = (schema: AnySchema): string => {
    switch (schema.tag) {
      case 'int':
        if (schema.bits === 0) return `(${schema.lo})`;
        return schema.lo === 0 ? read(schema.bits) : `(${read(schema.bits)} + (${schema.lo}))`;
      case 'bool': {
        const w = bit >>> 5;
        const mask = (1 << (bit & 31)) | 0;
        bit += 1;
        return `((c${w} & ${mask}) !== 0)`;
      }
      case 'enum':
        if (schema.bits === 0) return JSON.stringify(schema.values[0]);
        if (!enums.includes(schema.values)) enums.push(schema.values);
        return `E${enums.indexOf(schema.values)}[${read(schema.bits)}]`;
      case 'record':
        return `{ ${Object.keys(schema.fields).map((n) => `${n}: ${walk(schema.fields[n] as AnySchema)}`).join(', ')} }`;
      case 'array':
        return `[${Array.from({ length: schema.length }, () => walk(schema.item as AnySchema)).join(', ')}]`;
      default:
        return assertNeverSchema(schema);
    }
  };
  return walk(root);
}

function assertNeverSchema(s: never): never {
  throw new SchemaError(`not a schema: ${show(s)}`);
}
