/**
 * How big a schema's state space can be, field by field: each leaf has a number of values
 * (an int's range, an enum's size, 2 for a boolean), and the state space is at most their
 * product. Leaves are grouped by their path with array indices erased (`sqs.messages[].ttl`),
 * so a field repeated per message counts once per item. Reachable states are usually far
 * fewer; the point is which field makes the product large, before a search runs into it.
 */
import { fieldLayout, type Schema } from './schema.js';

export interface FieldSize {
  /** The field's path with array indices erased: `sqs.messages[].ttl`. */
  readonly field: string;
  /** Values one leaf of this field can take. */
  readonly values: number;
  /** How many leaves share the path (array items). */
  readonly leaves: number;
  /** log2 of this field's share of the bound: `leaves * log2(values)`. */
  readonly bits: number;
  /** This field's share of the whole bound's log (0..1). */
  readonly share: number;
}

export interface SizeEstimate {
  /** log2 of the product of every leaf's values: the state space has at most 2^bits states. */
  readonly bits: number;
  /** Fields by their share, largest first (0-bit fields left out). */
  readonly fields: readonly FieldSize[];
}

/** Values one leaf can take, from its schema. */
function valuesOf(slot: ReturnType<typeof fieldLayout>[number]): number {
  const s = slot.schema;
  switch (s.tag) {
    case 'int':
      return s.hi - s.lo + 1;
    case 'bool':
      return s.fixed === undefined ? 2 : 1;
    case 'enum':
      return s.values.length;
  }
}

/** The size bound of `schema`'s state space, field by field. */
export function estimateSize(schema: Schema<unknown>): SizeEstimate {
  const byField = new Map<string, { values: number; leaves: number; bits: number }>();
  let total = 0;
  for (const slot of fieldLayout(schema)) {
    const values = valuesOf(slot);
    if (values <= 1) continue;
    const bits = Math.log2(values);
    const field = slot.path.replace(/\[\d+\]/g, '[]');
    const entry = byField.get(field);
    if (entry) {
      entry.leaves++;
      entry.bits += bits;
      entry.values = Math.max(entry.values, values);
    } else byField.set(field, { values, leaves: 1, bits });
    total += bits;
  }
  const fields = [...byField].map(([field, e]): FieldSize => ({ field, values: e.values, leaves: e.leaves, bits: e.bits, share: total > 0 ? e.bits / total : 0 }));
  fields.sort((a, b) => b.bits - a.bits || a.field.localeCompare(b.field));
  return { bits: total, fields };
}

/**
 * The field that dominates a large bound: its values alone multiply the space by at least
 * 2^minFieldBits (default 2^20) and make up at least `minShare` of the bound, which is at least 2^minBits.
 * Undefined when the bound is small or spread over many fields.
 */
export function dominantField(estimate: SizeEstimate, opts: { minBits?: number; minShare?: number; minFieldBits?: number } = {}): FieldSize | undefined {
  const top = estimate.fields[0];
  if (!top || estimate.bits < (opts.minBits ?? 24)) return undefined;
  return top.share >= (opts.minShare ?? 0.3) && top.bits >= (opts.minFieldBits ?? 20) ? top : undefined;
}
