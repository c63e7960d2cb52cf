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
import { compileCodec } from './codegen.js';
import { SchemaError, show, type Codec, type Fields, type Infer, type RecordOf, type Schema, type SchemaNode, type SlotRole } from './schema-types.js';

export { SchemaError, type Codec, type Fields, type Infer, type RecordOf, type Schema, type SlotRole } from './schema-types.js';

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
    this.#codec ??= compileCodec(this as unknown as SchemaNode) as unknown as Codec<T>;
    return this.#codec;
  }
}

/** Integers `lo..hi` inclusive. */
export class IntSchema extends BaseSchema<number> {
  readonly tag = 'int';
  readonly bits: number;
  /** `t.slotRef`: the values `0..hi` are indices of slots of this set (see model/core/symmetry.ts). */
  readonly ref?: string;
  constructor(readonly lo: number, readonly hi: number, ref?: string) {
    super();
    if (!isInt32(lo) || !isInt32(hi) || lo > hi) {
      throw new SchemaError(`t.int: bounds must be 32-bit integers with lo <= hi, got ${lo}..${hi}`);
    }
    this.bits = bitsFor(hi - lo + 1);
    if (ref !== undefined) {
      checkSetName('t.slotRef', ref);
      this.ref = ref;
    }
  }
  protected check(v: unknown, path: string): void {
    if (typeof v !== 'number') fail(path, `expected an integer in ${this.lo}..${this.hi}, got ${show(v)}`);
    if (!Number.isInteger(v)) fail(path, `${show(v)} is not an integer`);
    if (v < this.lo || v > this.hi) fail(path, `${show(v)} is outside ${this.lo}..${this.hi}`);
  }
}

/** `true` / `false`; with `fixed`, that value only, in 0 bits. */
export class BoolSchema extends BaseSchema<boolean> {
  readonly tag = 'bool';
  readonly bits: number;
  constructor(readonly fixed?: boolean) {
    super();
    if (fixed !== undefined && typeof fixed !== 'boolean') throw new SchemaError(`t.bool: fixed must be true or false, got ${show(fixed)}`);
    this.bits = fixed === undefined ? 1 : 0;
  }
  protected check(v: unknown, path: string): void {
    if (typeof v !== 'boolean') fail(path, `expected a boolean, got ${show(v)}`);
    if (this.fixed !== undefined && v !== this.fixed) fail(path, `expected ${this.fixed} (a fixed field), got ${v}`);
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
  /** `t.slots`: the items are interchangeable slots of this set (see model/core/symmetry.ts). */
  readonly slots?: SlotRole;
  /** `t.perSlot`: item `i` belongs to slot `i` of this set and moves with it. */
  readonly perSlot?: string;
  constructor(readonly item: I, readonly length: number, role?: { readonly slots?: SlotRole; readonly perSlot?: string }) {
    super();
    if (!Number.isInteger(length) || length < 0) throw new SchemaError(`t.array: length must be a non-negative integer, got ${length}`);
    if (!(item instanceof BaseSchema)) throw new SchemaError('t.array: item is not a schema');
    this.bits = item.bits * length;
    if (role?.slots !== undefined) {
      const { set, groups, everyComponent } = role.slots;
      checkSetName('t.slots', set);
      if (set.includes('.')) throw new SchemaError(`t.slots: ${set} names another component's set; a component declares only its own`);
      if (groups !== undefined) {
        if (!Array.isArray(groups) || groups.length !== length) throw new SchemaError(`t.slots ${set}: groups must list one group per slot (${length})`);
        for (const g of groups) if (!isInt32(g)) throw new SchemaError(`t.slots ${set}: group ${show(g)} is not an integer`);
      }
      this.slots = Object.freeze({ set, ...(groups !== undefined ? { groups: Object.freeze([...groups]) } : {}), ...(everyComponent === true ? { everyComponent: true } : {}) });
    }
    if (role?.perSlot !== undefined) {
      checkSetName('t.perSlot', role.perSlot);
      this.perSlot = role.perSlot;
    }
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
  /**
   * A boolean; 1 bit. With `fixed`, a field that holds that value in every state, in 0 bits:
   * configuration a component keeps in its state so that library reads over the world see it
   * (elb's `crossZone`), which would otherwise cost a bit of every code.
   */
  bool: (fixed?: boolean): BoolSchema => new BoolSchema(fixed),
  /** One of `values` (string literals); `ceil(log2(values.length))` bits. */
  enumOf: <const V extends readonly string[]>(values: V): EnumSchema<V[number]> => new EnumSchema<V[number]>(values),
  /** A record named `name` (used in messages) with `fields` in declaration order. */
  record: <const F extends Fields>(name: string, fields: F): RecordSchema<F> => new RecordSchema(name, fields),
  /** An array of exactly `length` items. */
  array: <I extends Schema<any>>(item: I, length: number): ArraySchema<I> => new ArraySchema(item, length),
  /**
   * An array of `length` interchangeable slots forming the set `set` (workers, instance slots):
   * the model behaves the same, up to renaming, whichever slot holds what. Slots are exchanged
   * only within a group (`groups[i]`: slot i's group, say its zone). Symmetry reduction derives
   * the canonical form from this (model/core/symmetry.ts); the codec is `t.array`'s.
   */
  slots: <I extends Schema<any>>(set: string, item: I, length: number, options: { readonly groups?: readonly number[]; readonly everyComponent?: boolean } = {}): ArraySchema<I> =>
    new ArraySchema(item, length, {
      slots: { set, ...(options.groups !== undefined ? { groups: options.groups } : {}), ...(options.everyComponent === true ? { everyComponent: true } : {}) },
    }),
  /** An array whose item `i` belongs to slot `i` of `set` (another component's view of its slots): it moves with the slot. */
  perSlot: <I extends Schema<any>>(set: string, item: I, length: number): ArraySchema<I> => new ArraySchema(item, length, { perSlot: set }),
  /**
   * The index of a slot of `set` (`0..slots-1`), or, with `none` (a negative integer such as
   * -1), `none..-1` as sentinels that no permutation changes; a permutation of the slots rewrites
   * an index. `kind.set` names another component's set (`'sqs.workers'`).
   */
  slotRef: (set: string, slots: number, options: { readonly none?: number } = {}): IntSchema => {
    const none = options.none;
    if (none !== undefined && !(Number.isInteger(none) && none < 0)) throw new SchemaError(`t.slotRef ${set}: none must be a negative integer, got ${show(none)}`);
    if (!Number.isInteger(slots) || slots < 1) throw new SchemaError(`t.slotRef ${set}: slots must be a positive integer, got ${show(slots)}`);
    return new IntSchema(none ?? 0, slots - 1, set);
  },
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

const SET_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)?$/;

/** A set's name: an identifier, or `kind.set` for another component's. */
function checkSetName(where: string, name: unknown): void {
  if (typeof name !== 'string' || !SET_NAME.test(name)) throw new SchemaError(`${where}: set name must be an identifier or kind.set, got ${show(name)}`);
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

