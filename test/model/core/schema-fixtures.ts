/** Schemas and helpers shared by the schema tests. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { t, type AnySchema, type Infer, type Schema } from '../../../model/core/schema.js';
import { arbitraryOf } from '../../../model/core/schema-arbitrary.js';

export const Msg = t.record('Msg', { q: t.enumOf(['unsent', 'visible', 'inflight', 'deleted']), timer: t.int(0, 3), done: t.bool() });
export const Worker = t.record('Worker', { w: t.enumOf(['idle', 'busy', 'crashed']), wm: t.int(-1, 4) });
/** The 42-bit queue state of the brief: 5 messages, 3 workers, a crash counter. */
export const Queue = t.record('Queue', { msgs: t.array(Msg, 5), workers: t.array(Worker, 3), crashes: t.int(0, 2) });
export type Queue = Infer<typeof Queue>;

/** 10-bit fields with a negative range: 100 bits, fields straddle words 0/1, 1/2 and 2/3. */
export const Wide = t.record('Wide', { xs: t.array(t.int(-5, 1000), 10) });
/** Full 32-bit fields at bit offsets 7 and 39: exercises `>>> 0` on straddling 32-bit reads. */
export const Full = t.record('Full', {
  head: t.int(-64, 63),
  a: t.int(-0x80000000, 0x7fffffff),
  b: t.int(0, 0xffffffff - 0x80000000),
  flags: t.array(t.bool(), 27),
  tail: t.enumOf(['x', 'y', 'z', 'w', 'v']),
});

export function queueState(): Queue {
  const q = ['unsent', 'visible', 'inflight', 'deleted', 'visible'] as const;
  return Queue.make({
    msgs: q.map((state, i) => Msg.make({ q: state, timer: i % 4, done: i % 2 === 0 })),
    workers: [Worker.make({ w: 'busy', wm: -1 }), Worker.make({ w: 'crashed', wm: 4 }), Worker.make({ w: 'idle', wm: 2 })],
    crashes: 2,
  });
}

/** Every value of a small schema. */
export function allValues(of: Schema<unknown>): unknown[] {
  const schema = of as AnySchema;
  switch (schema.tag) {
    case 'int':
      return Array.from({ length: schema.hi - schema.lo + 1 }, (_, i) => schema.lo + i);
    case 'bool':
      return [false, true];
    case 'enum':
      return [...schema.values];
    case 'array': {
      let out: unknown[][] = [[]];
      for (let i = 0; i < schema.length; i++) out = out.flatMap((prefix) => allValues(schema.item).map((v) => [...prefix, v]));
      return out;
    }
    case 'record': {
      let out: Record<string, unknown>[] = [{}];
      for (const [name, field] of Object.entries(schema.fields)) {
        out = out.flatMap((prefix) => allValues(field).map((v) => ({ ...prefix, [name]: v })));
      }
      return out.map((r) => schema.make(r as never));
    }
  }
}

export function encodeToArray<T>(schema: Schema<T>, v: T): number[] {
  const codec = schema.codec();
  const out = new Uint32Array(codec.words);
  codec.encode(v, out, 0);
  return [...out];
}

export function expectRoundTrip<T>(schema: Schema<T>, numRuns: number): void {
  const codec = schema.codec();
  const off = 3;
  fc.assert(
    fc.property(arbitraryOf(schema), (v) => {
      const buf = new Uint32Array(off + codec.words + 2).fill(0xdeadbeef);
      codec.encode(v, buf, off);
      // Nothing outside [off, off + words) is touched.
      expect([...buf.subarray(0, off), ...buf.subarray(off + codec.words)]).toEqual(Array(off + 2).fill(0xdeadbeef));
      const back = codec.decode(buf, off);
      expect(back).toStrictEqual(v);
      // The code is canonical: re-encoding the decoded value gives the same words.
      const again = new Uint32Array(codec.words);
      codec.encode(back, again, 0);
      expect([...again]).toEqual([...buf.subarray(off, off + codec.words)]);
    }),
    { seed: 42, numRuns },
  );
}
