/** `compose` infers the world's type from its components: custom properties read typed slices. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { az, type AzState } from '../../../model/aws/az/index.js';
import { ec2, type Ec2State } from '../../../model/aws/ec2/index.js';
import { sqs, type SqsState } from '../../../model/aws/sqs/index.js';
import { capacity } from '../../../model/aws/capacity/index.js';
import { compose, type FaultsState } from '../../../model/compose/compose.js';
import type { SliceOf, WorldOf } from '../../../model/compose/component.js';
import { always } from '../../../model/core/property.js';
import * as invariants from '../../../properties/index.js';

describe('typed worlds', () => {
  it('types each slice by its component and keeps the library properties usable', () => {
    const model = compose([az(), capacity(), ec2({ initial: [0, 1] }), sqs()], {
      maxFaults: 1,
      tickSeconds: 60,
      properties: [
        // `w.ec2` is Ec2State: `instances` autocompletes and is checked by tsc.
        always('TwoInstancesExist', (w) => w.ec2.instances.filter((i) => i.state !== 'none' && i.state !== 'terminated').length >= 1),
        invariants.reachedAzOutage(),
      ],
    });
    const w = model.init()[0];
    expectTypeOf(w.az).toEqualTypeOf<AzState>();
    expectTypeOf(w.ec2).toEqualTypeOf<Ec2State>();
    expectTypeOf(w.sqs).toEqualTypeOf<SqsState>();
    expectTypeOf(w.faults).toEqualTypeOf<FaultsState | undefined>();
    // @ts-expect-error: no such component in this composition
    void w.rds;
    expect(w.faults).toEqual({ used: 0 });
    const r = exploreExhaustive(model, { maxStates: 2000 });
    expect(r.properties.map((p) => p.name)).toEqual(['TwoInstancesExist', 'ReachedAzOutage']);
  });

  it('names slices with WorldOf and SliceOf', () => {
    type W = WorldOf<[ReturnType<typeof az>, ReturnType<typeof sqs>]>;
    expectTypeOf<W>().toEqualTypeOf<{ readonly az: AzState; readonly sqs: SqsState }>();
    expectTypeOf<SliceOf<ReturnType<typeof ec2>>>().toEqualTypeOf<Ec2State>();
  });
});
