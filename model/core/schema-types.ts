/**
 * The types every schema shares, and the plain description of a schema node that the codec
 * generator (codegen.ts) reads: schema.ts builds the nodes, codegen.ts compiles them, and
 * neither needs the other's classes.
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

/** A schema node as the code generator sees it (the classes in schema.ts implement these). */
export interface IntNode extends Schema<number> {
  readonly tag: 'int';
  readonly lo: number;
  readonly hi: number;
  /** Holds the index of a slot of this set (`t.slotRef`); other values are sentinels. */
  readonly ref?: string;
}
export interface BoolNode extends Schema<boolean> {
  readonly tag: 'bool';
  /** The one value a fixed field holds (0 bits), or undefined. */
  readonly fixed?: boolean;
}
export interface EnumNode extends Schema<string> {
  readonly tag: 'enum';
  readonly values: readonly string[];
}
export interface RecordNode extends Schema<unknown> {
  readonly tag: 'record';
  readonly name: string;
  readonly fields: Fields;
}
export interface ArrayNode extends Schema<readonly unknown[]> {
  readonly tag: 'array';
  readonly item: Schema<any>;
  readonly length: number;
  /** The items are this set's interchangeable slots (`t.slots`). */
  readonly slots?: SlotRole;
  /** Item `i` belongs to slot `i` of this set (`t.perSlot`): it moves with the slot. */
  readonly perSlot?: string;
}

/**
 * A set of interchangeable slots (model/core/symmetry.ts): `set` names it (within a component;
 * `kind.set` names another component's), `groups` gives each slot's group: slots are exchanged
 * only within a group (workers of one zone).
 */
export interface SlotRole {
  readonly set: string;
  readonly groups?: readonly number[];
  /**
   * Any component may index this set without reducing its owner's actions (zones: a volume's
   * zone, an LB node per zone): a composition keeps it only where every other component
   * declares its references or that it treats the set alike (`Component.symmetricIn`).
   */
  readonly everyComponent?: boolean;
}
export type SchemaNode = IntNode | BoolNode | EnumNode | RecordNode | ArrayNode;

/** A short, one-line description of a bad value. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  if (typeof v === 'function') return 'a function';
  return String(v);
}
