/**
 * Code generation for schema codecs. The codec is generated source, compiled once per schema:
 * every leaf's word, shift and mask are constants, record fields and array elements are
 * unrolled, enums are switches, and the decoder is a single nested literal, so each record
 * type gets one object shape.
 */
import { SchemaError, show, type BoolNode, type Codec, type EnumNode, type IntNode, type SchemaNode } from './schema-types.js';


/** Compiles `root`'s encoder and decoder. */
export function compileCodec(root: SchemaNode): Codec<unknown> {
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
function encoderSource(root: SchemaNode): string[] {
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
  const walk = (schema: SchemaNode, expr: string): void => {
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
        if (schema.fixed !== undefined) {
          lines.push(`if (${v} !== ${schema.fixed}) fail(s);`);
          return;
        }
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
        for (const name of Object.keys(schema.fields)) walk(schema.fields[name] as SchemaNode, `${r}.${name}`);
        return;
      }
      case 'array': {
        const a = `a${temp++}`;
        lines.push(`const ${a} = ${expr};`, `if (!Array.isArray(${a}) || ${a}.length !== ${schema.length}) fail(s);`);
        for (let i = 0; i < schema.length; i++) walk(schema.item as SchemaNode, `${a}[${i}]`);
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
function deltaSource(root: SchemaNode): string[] {
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
  const leaf = (schema: IntNode | BoolNode | EnumNode, expr: string): void => {
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
        if (schema.fixed !== undefined) {
          lines.push(`const ${v} = ${expr};`, `if (${v} !== ${schema.fixed}) fail(s);`);
          return;
        }
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
  const node = (schema: SchemaNode, expr: string, pexpr: string): void => {
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
      for (const name of Object.keys(schema.fields)) node(schema.fields[name] as SchemaNode, `${x}.${name}`, `${px}.${name}`);
    } else {
      lines.push(`if (!Array.isArray(${x}) || ${x}.length !== ${schema.length}) fail(s);`);
      for (let i = 0; i < schema.length; i++) node(schema.item as SchemaNode, `${x}[${i}]`, `${px}[${i}]`);
    }
    lines.push('}');
    bit = start + schema.bits;
  };
  node(root, 's', 'p');
  return lines;
}

/** One expression rebuilding the whole value from the words `c<i>`. */
function decoderSource(root: SchemaNode, enums: (readonly string[])[]): string {
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
  const walk = (schema: SchemaNode): string => {
    switch (schema.tag) {
      case 'int':
        if (schema.bits === 0) return `(${schema.lo})`;
        return schema.lo === 0 ? read(schema.bits) : `(${read(schema.bits)} + (${schema.lo}))`;
      case 'bool': {
        if (schema.fixed !== undefined) return String(schema.fixed);
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
        return `{ ${Object.keys(schema.fields).map((n) => `${n}: ${walk(schema.fields[n] as SchemaNode)}`).join(', ')} }`;
      case 'array':
        return `[${Array.from({ length: schema.length }, () => walk(schema.item as SchemaNode)).join(', ')}]`;
      default:
        return assertNeverSchema(schema);
    }
  };
  return walk(root);
}

function assertNeverSchema(s: never): never {
  throw new SchemaError(`not a schema: ${show(s)}`);
}
