import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledScenarios } from '../../scenarios/index.js';
import { arbitraryOf } from '../../model/core/schema-arbitrary.js';
import { exploreExhaustive } from '../../engine/bfs.js';

describe('every bundled model declares a schema whose codec is exact', () => {
  for (const scenario of bundledScenarios) {
    it(`${scenario.name}: random states round-trip; reachable states encode`, () => {
      const model = scenario.build();
      const schema = model.schema;
      expect(schema, `${scenario.name} has no schema`).toBeDefined();
      const codec = schema!.codec();
      const buf = new Uint32Array(codec.words + 2);
      fc.assert(
        fc.property(arbitraryOf(schema as never), (s) => {
          codec.encode(s, buf, 1);
          expect(codec.decode(buf, 1)).toEqual(s);
        }),
        { seed: 20261126, numRuns: 300 },
      );
      // Exploring with the codec visits only states the schema accepts (encode validates).
      const r = exploreExhaustive(model, { maxStates: 5000 });
      expect(r.stats.distinctStates).toBeGreaterThan(1);
    });
  }
});
