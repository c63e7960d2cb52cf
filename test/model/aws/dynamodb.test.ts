import { describe, expect, it } from 'vitest';
import {
  ackedWritesAvailable, ddbCopyCatchUp, ddbRegionOutage, ddbRegionRecover, ddbReplicate, dynamodb, getItem, itemCount,
  noLostUpdate, noStaleRead, updateItem, type DynamoDbOptions, type DynamoDbState,
} from '../../../model/aws/dynamodb/index.js';
import type { World } from '../../../model/compose/component.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { always } from '../../../model/core/property.js';
import { checkContract, isEnabled, run, solo, zones } from '../support.js';

const slice = (w: World): DynamoDbState => w.dynamodb as DynamoDbState;
const model = (o: DynamoDbOptions = {}) => solo(dynamodb(o));

const NoLostUpdate = always<World>('NoLostUpdate', (w) => noLostUpdate(slice(w)));
const ReadYourWrites = always<World>('ReadYourWrites', (w) => noStaleRead(slice(w)));
const verdicts = (o: DynamoDbOptions) => {
  const r = exploreExhaustive(solo(dynamodb(o), { properties: [NoLostUpdate, ReadYourWrites] }));
  expect(r.stats.complete).toBe(true);
  return r.properties;
};

describe('dynamodb: transitions', () => {
  it('an update is acknowledged in the Region while one zone copy still lags', () => {
    const s = slice(run(model(), [updateItem(0, 0)]));
    expect(s.regions[0].items[0]).toEqual({ value: 0b1, writer: 1, prev: 0, lagging: true });
    expect(s.issued).toBe(1);
    expect(itemCount(s, 0, 0)).toBe(1);
    const caught = slice(run(model(), [updateItem(0, 0), ddbCopyCatchUp(0, 0)]));
    expect(caught.regions[0].items[0]).toEqual({ value: 0b1, writer: 1, prev: 0b1, lagging: false });
  });

  it('a copy that lags two writes behind keeps the older value', () => {
    const s = slice(run(model(), [updateItem(0, 0), updateItem(0, 0)]));
    expect(s.regions[0].items[0]).toEqual({ value: 0b11, writer: 2, prev: 0, lagging: true });
  });

  it('updates stop at the write budget', () => {
    const m = model({ writes: 1 });
    expect(isEnabled(m, run(m, [updateItem(0, 0)]), updateItem(0, 0))).toBe(false);
  });
});

describe('dynamodb: gotchas', () => {
  it('INV-DDB-1: an eventually consistent read right after a write can miss it', () => {
    const s = slice(run(model(), [updateItem(0, 0), getItem(0, 0)]));
    expect(s.staleRead).toBe(true);
    expect(noStaleRead(slice(run(model(), [updateItem(0, 0), ddbCopyCatchUp(0, 0), getItem(0, 0)])))).toBe(true);
  });

  it('INV-DDB-1: ConsistentRead on the table reads your writes; a GSI never does', () => {
    expect(noStaleRead(slice(run(model({ consistentReads: true }), [updateItem(0, 0), getItem(0, 0)])))).toBe(true);
    expect(noStaleRead(slice(run(model({ consistentReads: true, readFromIndex: true }), [updateItem(0, 0), getItem(0, 0)])))).toBe(false);
    expect(verdicts({ consistentReads: true })[1].verdict).toBe('holds');
    const eventual = verdicts({})[1];
    expect(eventual.verdict).toBe('fails');
    expect(eventual.counterexample!.labels).toEqual(['UpdateItem(0, 0)', 'GetItem(0, 0)']);
  });

  it('INV-DDB-2: concurrent writes in two Regions: last writer wins and one increment is lost', () => {
    const m = model({ regions: 2 });
    const s = slice(run(m, [updateItem(0, 0), updateItem(1, 0), ddbReplicate(1, 0)]));
    expect(s.regions[0].items[0]).toMatchObject({ value: 0b10, writer: 2 });
    expect(s.lost).toEqual([0b1]);
    expect(itemCount(s, 0, 0)).toBe(1); // two increments acknowledged, the counter says 1
    expect(isEnabled(m, run(m, [updateItem(0, 0), updateItem(1, 0), ddbReplicate(1, 0)]), ddbReplicate(0, 0))).toBe(false);
  });

  it('sequential writes replicated in between lose nothing', () => {
    const m = model({ regions: 2 });
    const s = slice(run(m, [updateItem(0, 0), ddbReplicate(0, 0), updateItem(1, 0), ddbReplicate(1, 0)]));
    expect(s.regions[0].items[0].value).toBe(0b11);
    expect(noLostUpdate(s)).toBe(true);
  });

  it('NoLostUpdate: holds in one Region, fails for a global table (shortest: write, write, replicate)', () => {
    expect(verdicts({ regions: 1, writes: 3 })[0].verdict).toBe('holds');
    const global = verdicts({ regions: 2 })[0];
    expect(global.verdict).toBe('fails');
    expect(global.counterexample!.labels).toEqual(['UpdateItem(0, 0)', 'UpdateItem(1, 0)', 'DdbReplicate(1, 0)']);
  });

  it('INV-DDB-3: a Regional outage strands the writes not yet replicated', () => {
    const m = model({ regions: 2 });
    const s = run(m, [updateItem(0, 0), ddbRegionOutage(0)]);
    expect(ackedWritesAvailable(slice(s))).toBe(false);
    expect(isEnabled(m, s, updateItem(0, 0))).toBe(false);
    expect(isEnabled(m, s, updateItem(1, 0))).toBe(true);
    // Clients evacuate and write in Region 1; when Region 0 returns, last writer wins.
    const back = slice(run(m, [updateItem(1, 0), ddbRegionRecover(0), ddbReplicate(1, 0)], s));
    expect(back.lost).toEqual([0b1]);
    const replicated = run(m, [updateItem(0, 0), ddbReplicate(0, 0), ddbRegionOutage(0)]);
    expect(ackedWritesAvailable(slice(replicated))).toBe(true);
  });

  it('the table survives one AZ down, not two', () => {
    const c = dynamodb();
    const world = (up: boolean[]): World => ({ az: { up }, dynamodb: c.init() });
    const ops = (w: World) => {
      const out: { type: string }[] = [];
      c.actions(w, out as never);
      return out.map((a) => a.type);
    };
    expect(ops(world([false, true, true]))).toContain('UpdateItem');
    expect(ops(world([false, false, true]))).not.toContain('UpdateItem');
    expect(ops({ dynamodb: c.init() })).toContain('UpdateItem');
  });
});

describe('dynamodb: property tests over random enabled-action sequences', () => {
  const configs: [string, DynamoDbOptions, boolean][] = [
    ['one Region, two items', { items: 2, writes: 4 }, false],
    ['global table', { regions: 2, writes: 4, maxRegionOutages: 2 }, false],
    ['global table in zones, GSI reads', { regions: 2, items: 2, writes: 3, readFromIndex: true }, true],
  ];
  for (const [name, o, withZones] of configs) {
    it(`${name}: pure, deterministic, schema-valid, and keeps the slice's invariants`, () => {
      const c = dynamodb(o);
      checkContract(withZones ? solo(c, zones(3, 2)) : solo(c), c, (prev, next) => {
        const a = slice(prev);
        const b = slice(next);
        expect(b.issued).toBeGreaterThanOrEqual(a.issued);
        if (a.staleRead) expect(b.staleRead).toBe(true);
        b.lost.forEach((l, i) => {
          expect(l & a.lost[i]).toBe(a.lost[i]); // lost only grows
          for (const r of b.regions) {
            const x = r.items[i];
            expect(x.value & l).toBe(0); // a lost increment is nowhere
            expect(x.writer).toBeLessThanOrEqual(b.issued);
            if (x.writer > 0) expect(x.value & (1 << (x.writer - 1))).not.toBe(0); // the last writer's increment is in
            if (!x.lagging) expect(x.prev).toBe(x.value);
          }
        });
      });
    });
  }
});
