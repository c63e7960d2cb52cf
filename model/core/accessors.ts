/**
 * Generated accessors into packed states: read and write one field of a schema's code in
 * place, so a model's `next` can work on codes directly (no decode, no objects, no encode)
 * while the layout stays the schema's and nobody hand-writes bit arithmetic.
 *
 * @example
 * const q = accessor(PoolSchema, 'msgs[].q');   // one index parameter per `[]`
 * if (q.get(code, off, i) === q.index('visible')) q.set(code, off, i, q.index('inflight'));
 */
import type { Schema } from './schema.js';
import { SchemaError } from './schema.js';

export interface FieldAccessor {
  /** The field's value: an int itself, a bool as 0/1, an enum as its value's index. */
  readonly get: (code: Uint32Array, off: number, ...indices: number[]) => number;
  /** Writes the field: `set(code, off, ...indices, value)`; the value is not range-checked. */
  readonly set: (code: Uint32Array, off: number, ...indicesThenValue: number[]) => void;
  /** Index parameters the accessor takes (one per `[]` in its path). */
  readonly arity: number;
  readonly width: number;
  /** Enum values, in index order (enums only). */
  readonly values?: readonly string[];
  /** An enum value's index; throws for a value the enum does not have. */
  index(value: string): number;
}

interface Node {
  readonly tag: string;
  readonly bits: number;
  readonly fields?: Readonly<Record<string, Node>>;
  readonly item?: Node;
  readonly length?: number;
  readonly lo?: number;
  readonly hi?: number;
  readonly values?: readonly string[];
  readonly fixed?: boolean;
}

let checking = false;

/**
 * Range checks in the accessors made from now on (tests turn them on: test/setup/checked-accessors.ts).
 * A checked `get` or `set` throws a one-line RangeError for an index outside its array, and a
 * checked `set` for a value outside the field's range, where an unchecked one would read a
 * neighbour's bits or write a value wrapped into the field's width: a packed form with such a
 * bug would explore another model than the one written, silently, so its tests must see it.
 * Accessors already made keep their mode; the explorer's own stay unchecked (the hot path).
 */
export function checkAccessors(on: boolean): void {
  checking = on;
}

/**
 * The accessor of the leaf at `path` (`field.field`, `[]` for an array index, e.g.
 * `workers[].wm`). Fields are found by the schema's layout: declaration order, packed from
 * bit 0 of word 0, as the codec writes them.
 */
export function accessor(schema: Schema<unknown>, path: string): FieldAccessor {
  const segments = path.match(/[A-Za-z_$][A-Za-z0-9_$]*|\[\]/g) ?? [];
  if (segments.join('').replace(/\[\]/g, '') !== path.replace(/[.[\]]/g, '')) throw new SchemaError(`accessor: cannot read path ${JSON.stringify(path)}`);
  let node = schema as unknown as Node;
  let base = 0;
  const strides: number[] = [];
  const lengths: number[] = [];
  for (const seg of segments) {
    if (seg === '[]') {
      if (node.tag !== 'array') throw new SchemaError(`accessor ${path}: [] on a ${node.tag}`);
      strides.push(node.item!.bits);
      lengths.push(node.length!);
      node = node.item!;
      continue;
    }
    if (node.tag !== 'record') throw new SchemaError(`accessor ${path}: field ${seg} of a ${node.tag}`);
    let found: Node | undefined;
    for (const [name, field] of Object.entries(node.fields!)) {
      if (name === seg) {
        found = field;
        break;
      }
      base += field.bits;
    }
    if (!found) throw new SchemaError(`accessor ${path}: no field ${seg}`);
    node = found;
  }
  if (node.tag === 'record' || node.tag === 'array') throw new SchemaError(`accessor ${path}: not a leaf (a ${node.tag})`);
  const width = node.bits;
  // A fixed boolean reads as its value (0 bits); an int as its lower bound and up.
  const lo = node.tag === 'int' ? node.lo! : node.tag === 'bool' && node.fixed === true ? 1 : 0;
  const idx = strides.map((_, k) => `i${k}`);
  const bit = [String(base), ...strides.map((s, k) => `${idx[k]} * ${s}`)].join(' + ');
  const mask = width === 32 ? '0xffffffff' : String(2 ** width - 1);
  // Whether some in-range index puts the field across a word boundary: decided here, so a field
  // that never straddles (most of them) reads one word with no test. An index past its array's
  // length is outside the schema's code either way.
  const straddles = width > 0 && someOffset(base, strides, lengths, (b) => (b & 31) + width > 32);
  const plus = lo === 0 ? '' : ` + ${lo}`;
  const minus = lo === 0 ? '' : ` - ${lo}`;
  const getBody = width === 0
    ? `return ${lo};`
    : straddles
      ? `const bit = ${bit}; const w = off + (bit >>> 5); const sh = bit & 31;
       let v = code[w] >>> sh;
       if (sh + ${width} > 32) v |= code[w + 1] << (32 - sh);
       return ((v & ${mask}) >>> 0)${plus};`
      : width === 32
        ? `const bit = ${bit}; return code[off + (bit >>> 5)]${plus};`
        : `const bit = ${bit}; return ((code[off + (bit >>> 5)] >>> (bit & 31)) & ${mask})${plus};`;
  const setBody = width === 0
    ? ''
    : straddles
      ? `const x = (value${minus}) >>> 0; const bit = ${bit}; const w = off + (bit >>> 5); const sh = bit & 31;
       code[w] = (code[w] & ~(${mask} << sh)) | (x << sh);
       if (sh + ${width} > 32) { const m2 = (1 << (sh + ${width} - 32)) - 1; code[w + 1] = (code[w + 1] & ~m2) | (x >>> (32 - sh)); }`
      : width === 32
        ? `const bit = ${bit}; code[off + (bit >>> 5)] = (value${minus}) >>> 0;`
        : `const bit = ${bit}; const w = off + (bit >>> 5); const sh = bit & 31;
       code[w] = (code[w] & ~(${mask} << sh)) | ((((value${minus}) >>> 0) & ${mask}) << sh);`;
  // Checked mode (`checkAccessors`): integer indices within their arrays; a set's value an integer in the field's range.
  const name = JSON.stringify(path);
  const indexGuard = checking
    ? idx.map((v, k) => `if (!(Number.isInteger(${v}) && ${v} >= 0 && ${v} < ${lengths[k]})) throw new RangeError('accessor ' + ${name} + ': index ' + ${v} + ' is outside 0..${lengths[k] - 1}');\n`).join('')
    : '';
  const [vlo, vhi] = node.tag === 'int' ? [lo, node.hi!] : node.tag === 'enum' ? [0, node.values!.length - 1] : [lo, lo + 2 ** width - 1];
  const valueGuard = checking
    ? `if (!(Number.isInteger(value) && value >= ${vlo} && value <= ${vhi})) throw new RangeError('accessor ' + ${name} + ': value ' + value + ' is outside ${vlo}..${vhi}');\n`
    : '';
  const get = new Function('code', 'off', ...idx, indexGuard + getBody) as FieldAccessor['get'];
  const set = new Function('code', 'off', ...idx, 'value', indexGuard + valueGuard + setBody) as FieldAccessor['set'];
  const values = node.values;
  return {
    get,
    set,
    arity: idx.length,
    width,
    ...(values ? { values } : {}),
    index(value: string): number {
      const i = values ? values.indexOf(value) : -1;
      if (i < 0) throw new SchemaError(`accessor ${path}: ${JSON.stringify(value)} is not one of ${values?.join('|') ?? '(not an enum)'}`);
      return i;
    },
  };
}

/** Whether `test` holds for the bit offset of some in-range index tuple (`base + sum(i_k * stride_k)`). */
function someOffset(base: number, strides: readonly number[], lengths: readonly number[], test: (bit: number) => boolean): boolean {
  if (strides.length === 0) return test(base);
  const [stride, ...restStrides] = strides;
  const [length, ...restLengths] = lengths;
  // A stride of whole words puts every index at the same place in its word.
  const distinct = stride % 32 === 0 ? Math.min(length, 1) : length;
  for (let i = 0; i < distinct; i++) if (someOffset(base + i * stride, restStrides, restLengths, test)) return true;
  return false;
}
