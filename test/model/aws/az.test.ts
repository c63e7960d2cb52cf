import { describe, expect, it } from 'vitest';
import { AZ, az, azOutage, azRecover, azUp, type AzState } from '../../../model/aws/az/index.js';
import { compose } from '../../../model/compose/compose.js';
import { enabledLabels, run } from '../support.js';

describe('az', () => {
  it('starts with every zone up and offers an outage per zone', () => {
    const m = compose([az({ azs: 3 })]);
    const s = m.init()[0];
    expect((s.az as AzState).up).toEqual([true, true, true]);
    expect(enabledLabels(m, s)).toEqual(['AzOutage(0)', 'AzOutage(1)', 'AzOutage(2)']);
  });

  it('takes a zone down and back; maxDown 1 blocks a second outage meanwhile', () => {
    const m = compose([az({ azs: 2 })]);
    const down = run(m, [azOutage(0)]);
    expect((down.az as AzState).up).toEqual([false, true]);
    expect(azUp(down, 0)).toBe(false);
    expect(azUp(down, 1)).toBe(true);
    expect(enabledLabels(m, down)).toEqual(['AzRecover(0)']);
    const back = run(m, [azRecover(0)], down);
    expect((back.az as AzState).up).toEqual([true, true]);
    expect(enabledLabels(m, back)).toEqual(['AzOutage(0)', 'AzOutage(1)']);
  });

  it('maxDown 2 lets two zones fail together; maxDown 0 has no outage', () => {
    const two = compose([az({ azs: 3, maxDown: 2 })]);
    const s = run(two, [azOutage(2), azOutage(0)]);
    expect((s.az as AzState).up).toEqual([false, true, false]);
    expect(enabledLabels(two, s)).toEqual(['AzRecover(0)', 'AzRecover(2)']);
    const none = compose([az({ maxDown: 0 })]);
    expect(enabledLabels(none, none.init()[0])).toEqual([]);
  });

  it('a non-recoverable zone stays down', () => {
    const m = compose([az({ recoverable: false })]);
    const s = run(m, [azOutage(1)]);
    expect(enabledLabels(m, s)).toEqual([]);
  });

  it('both zone actions are faults, and a repeated outage leaves the slice as it was', () => {
    expect(azOutage(0).kind).toBe('fault');
    expect(azRecover(0).kind).toBe('fault');
    const c = az();
    const down = c.reduce(c.init(), azOutage(0), {});
    expect(c.reduce(down, azOutage(0), {})).toBe(down);
    expect(c.reduce(c.init(), azRecover(1), {})).toBe(c.init());
  });

  it('azUp treats a world without zones as all up', () => {
    expect(azUp({}, 3)).toBe(true);
    expect(AZ).toBe('az');
  });

  it('rejects bad parameters', () => {
    expect(() => az({ azs: 0 })).toThrow(/azs/);
    expect(() => az({ azs: 2, maxDown: 3 })).toThrow(/maxDown/);
  });

  it('declares a schema that validates its slices', () => {
    const c = az({ azs: 2 });
    expect(() => c.schema.validate(c.init())).not.toThrow();
    expect(() => c.schema.validate({ up: [true], ebsOk: [true, true], lbReachable: [true, true] })).toThrow(/length 2/);
  });
});
