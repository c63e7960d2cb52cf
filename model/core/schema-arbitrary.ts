/**
 * fast-check arbitraries derived from state schemas, for property tests of codecs,
 * components and models: `arbitraryOf(State)` generates every value `State` allows.
 */
import fc from 'fast-check';
import type { AnySchema, Schema } from './schema.js';

/** An arbitrary of exactly the values `schema` accepts; records come from the schema's `make`. */
export function arbitraryOf<T>(schema: Schema<T>): fc.Arbitrary<T> {
  return arbitraryOfAny(schema as unknown as AnySchema) as fc.Arbitrary<T>;
}

function arbitraryOfAny(schema: AnySchema): fc.Arbitrary<unknown> {
  switch (schema.tag) {
    case 'int':
      return fc.integer({ min: schema.lo, max: schema.hi });
    case 'bool':
      return schema.fixed === undefined ? fc.boolean() : fc.constant(schema.fixed);
    case 'enum':
      return fc.constantFrom(...schema.values);
    case 'record': {
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const name of Object.keys(schema.fields)) fields[name] = arbitraryOfAny(schema.fields[name] as AnySchema);
      return fc.record(fields).map((r) => schema.make(r as never));
    }
    case 'array':
      return fc.array(arbitraryOfAny(schema.item as AnySchema), { minLength: schema.length, maxLength: schema.length });
  }
}
