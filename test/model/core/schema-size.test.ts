import { describe, expect, it } from 'vitest';
import { compose } from '../../../model/compose/compose.js';
import { sqs } from '../../../model/aws/sqs/index.js';
import { dominantField, estimateSize } from '../../../model/core/schema-size.js';
import { t } from '../../../model/core/schema.js';

describe('state-space size estimate', () => {
  it('multiplies every leaf’s values, grouping array items under one field', () => {
    const S = t.record('S', { xs: t.array(t.int(0, 9), 3), mode: t.enumOf(['a', 'b', 'c', 'd']), on: t.bool(), fixed: t.int(5, 5) });
    const e = estimateSize(S);
    expect(e.bits).toBeCloseTo(3 * Math.log2(10) + 2 + 1, 10);
    expect(e.fields.map((f) => [f.field, f.values, f.leaves])).toEqual([['xs[]', 10, 3], ['mode', 4, 1], ['on', 2, 1]]);
    expect(e.fields.reduce((s, f) => s + f.share, 0)).toBeCloseTo(1, 10);
  });

  it('names the field that dominates a large bound, and nothing for a small or spread one', () => {
    const big = estimateSize(t.record('Q', { ttl: t.array(t.int(0, 34_560), 2), status: t.array(t.enumOf(['a', 'b', 'c']), 2) }));
    expect(dominantField(big)?.field).toBe('ttl[]');
    expect(dominantField(estimateSize(t.record('Small', { ttl: t.int(0, 1000) })))).toBeUndefined();
    // 40 bits spread over 20 two-bit fields: large, but no one field to blame.
    const spread = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, t.int(0, 3)]));
    expect(dominantField(estimateSize(t.record('Spread', spread)))).toBeUndefined();
  });

  it('blames SQS retention in ticks for a two-message queue, with the option that shrinks it', () => {
    const model = compose([sqs({ messages: 2, workers: 1 })]);
    const d = dominantField(estimateSize(model.schema!));
    expect(d).toMatchObject({ field: 'sqs.messages[].ttl', values: 34_561, leaves: 2 });
    expect(model.explainField(d!.field)).toBe('retention 345,600 s in 10 s ticks; set retentionSeconds (Infinity leaves retention out) or a coarser tickSeconds');
    expect(dominantField(estimateSize(compose([sqs({ messages: 2, workers: 1, retentionSeconds: Infinity })]).schema!))).toBeUndefined();
  });
});
