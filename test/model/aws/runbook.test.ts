/**
 * A disaster-recovery runbook step (issue 15): triggered by the primary Region's outage, an API
 * call on the control plane of the runbook's view, done `seconds` later while its Region is up.
 * Step sequences by label.
 */
import { describe, expect, it } from 'vitest';
import { controlPlane } from '../../../model/aws/control-plane/index.js';
import { region } from '../../../model/aws/region/index.js';
import { runbook, runbookDone, type RunbookState } from '../../../model/aws/runbook/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose } from '../../../model/compose/compose.js';
import type { Action, Model } from '../../../model/core/model.js';
import { checkContract } from '../support.js';

const enabled = (m: Model<World, Action>, s: World) => m.actions(s).map((a) => m.format!(a));
function runLabels(m: Model<World, Action>, labels: readonly string[], start: World = m.init()[0]): World {
  let s = start;
  for (const l of labels) {
    const a = m.actions(s).find((x) => m.format!(x) === l);
    if (a === undefined) throw new Error(`${l} is not enabled; enabled: ${enabled(m, s).join(' ')}`);
    s = m.next(s, a);
  }
  return s;
}
const step = (w: World) => w.scaleOut as RunbookState;

/** `west` fails; a 3-minute scale-out in `east`, on the control plane of `via`; `east` may fail too when `eastOutages`. */
function model(via: 'eastCp' | 'westCp' = 'eastCp', eastOutages = 0) {
  return compose([
    region({ name: 'west', recoverable: false }),
    region({ name: 'east', maxOutages: eastOutages, recoverable: true }),
    controlPlane({ name: 'westCp', faults: [], uses: { region: 'west' } }),
    controlPlane({ name: 'eastCp', faults: [], uses: { region: 'east' } }),
    runbook({ name: 'scaleOut', after: 'west', seconds: 180, uses: { region: 'east', controlPlane: via } }),
  ], { tickSeconds: 60, maxFaults: 3, recovery: ['scaleOut.RunbookStep'] }) as unknown as Model<World, Action>;
}

describe('runbook: one step of the standby Region', () => {
  it('starts only once the Region it follows is down, and is done 3 ticks later', () => {
    const m = model();
    expect(enabled(m, m.init()[0])).not.toContain('scaleOut.RunbookStep');
    const down = runLabels(m, ['west.RegionOutage']);
    expect(enabled(m, down)).toContain('scaleOut.RunbookStep');
    const started = runLabels(m, ['scaleOut.RunbookStep'], down);
    expect(step(started)).toEqual({ left: 3 });
    expect(enabled(m, started)).not.toContain('scaleOut.RunbookStep'); // once
    expect(runbookDone(step(runLabels(m, ['Tick', 'Tick'], started)))).toBe(false);
    const done = runLabels(m, ['Tick', 'Tick', 'Tick'], started);
    expect(runbookDone(step(done))).toBe(true);
    expect(enabled(m, done)).not.toContain('Tick'); // nothing left to wait for
  });

  it("is an API call: on the failed Region's control plane it never runs", () => {
    const m = model('westCp');
    expect(enabled(m, runLabels(m, ['west.RegionOutage']))).not.toContain('scaleOut.RunbookStep');
  });

  it('counts no time while its own Region is down, and does not start there', () => {
    const m = model('eastCp', 1);
    const both = runLabels(m, ['west.RegionOutage', 'scaleOut.RunbookStep', 'Tick', 'east.RegionOutage']);
    expect(step(both)).toEqual({ left: 2 });
    expect(enabled(m, both)).toEqual(['east.RegionRecover']);
    expect(step(runLabels(m, ['east.RegionRecover', 'Tick'], both))).toEqual({ left: 1 });
    const notStarted = runLabels(m, ['east.RegionOutage', 'west.RegionOutage']);
    expect(enabled(m, notStarted)).not.toContain('scaleOut.RunbookStep');
  });

  it('without a trigger it never starts; options are checked in one line', () => {
    const m = compose([region({ name: 'west' }), runbook({ name: 'scaleOut' })]) as unknown as Model<World, Action>;
    expect(enabled(m, runLabels(m, ['west.RegionOutage']))).toEqual(['west.RegionRecover']);
    expect(() => runbook({ seconds: -1 })).toThrow('runbook: seconds must be an integer in 0..2592000, got -1');
    expect(() => runbook({ after: 'us-east-1' })).toThrow('runbook: after must be a region instance name, got "us-east-1"');
    expect(() => runbook({ secnds: 1 } as never)).toThrow(/^runbook: unknown option secnds.*seconds/);
  });

  it('every reached slice fits its schema and round-trips its codec on random walks', () => {
    const taken = checkContract(model('eastCp', 1), runbook({ name: 'scaleOut', after: 'west', seconds: 180, tickSeconds: 60 }), () => undefined);
    expect([...taken]).toEqual(expect.arrayContaining(['scaleOut.RunbookStep', 'Tick']));
  });
});
