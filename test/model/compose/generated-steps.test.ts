/**
 * compose generates its hot calls (issue 16): one `next` per action type, unrolled over the
 * type's subscribers, and `actions`/`Tick` unrolled over the components. Checked here against
 * a reference written from the contract (component.ts, compose.ts's header) on seeded random
 * walks: the same enabled actions in the same order, the same successor, the old world itself
 * when no slice changed, every unchanged slice shared by identity, one key order for every world.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asg } from '../../../model/aws/asg/index.js';
import { az } from '../../../model/aws/az/index.js';
import { capacity } from '../../../model/aws/capacity/index.js';
import { ec2 } from '../../../model/aws/ec2/index.js';
import { elb, elbHealthy } from '../../../model/aws/elb/index.js';
import type { Action } from '../../../model/core/model.js';
import type { Component, World } from '../../../model/compose/component.js';
import { compose, TICK, type ComposedModel } from '../../../model/compose/compose.js';

const MAX_FAULTS = 2;
const parts = (): Component[] => [
  az(),
  capacity(),
  ec2({ slots: 3, initial: [0, 1], autoScaling: true }),
  asg({ min: 2, healthCheckType: 'ELB', elbHealthy }),
  elb({ registered: [0, 1], attachedToAsg: true }),
] as unknown as Component[];

/** `actions` from the contract: every component in order, faults dropped once the budget is spent, Tick if some timer runs. */
function referenceActions(cs: readonly Component[], s: World): Action[] {
  let out: Action[] = [];
  for (const c of cs) c.actions(s, out);
  if ((s.faults as { used: number }).used >= MAX_FAULTS) out = out.filter((a) => a.kind !== 'fault');
  if (cs.some((c) => c.ticking?.(s[c.name], s))) out.push(TICK);
  return out;
}

/** `next` from the contract: each subscriber reduces its slice from the old world; a fault counts. */
function referenceNext(cs: readonly Component[], s: World, a: Action): Record<string, unknown> {
  const t: Record<string, unknown> = { ...s };
  for (const c of cs) if (c.subscribes.includes(a.type)) t[c.name] = c.reduce(s[c.name], a, s);
  if (a.kind === 'fault') t.faults = { used: (s.faults as { used: number }).used + 1 };
  return t;
}

describe('compose: generated next and actions', () => {
  it('agree with the contract on random walks, share unchanged slices, return the world itself when nothing changed (seeded)', () => {
    const cs = parts();
    const m = compose(parts() as never, { maxFaults: MAX_FAULTS }) as unknown as ComposedModel;
    const init = m.init()[0];
    const keys = Object.keys(init);
    expect(keys).toEqual([...cs.map((c) => c.name), 'faults']);
    let unchanged = 0;
    let changed = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (choices) => {
        let s: World = init;
        for (const choice of choices) {
          const acts = m.actions(s);
          expect(acts).toEqual(referenceActions(cs, s));
          if (acts.length === 0) break;
          const a = acts[choice % acts.length];
          const t = m.next(s, a);
          expect(t).toEqual(referenceNext(cs, s, a));
          expect(Object.keys(t)).toEqual(keys);
          const same = keys.every((k) => t[k] === s[k]);
          // The old world itself exactly when no slice changed; otherwise a new world sharing what did not change.
          expect(t === s).toBe(same);
          if (same) unchanged++;
          else {
            changed++;
            for (const k of keys) if (JSON.stringify(t[k]) === JSON.stringify(s[k])) expect(t[k]).toBe(s[k]);
          }
          // A Tick while no timer runs: the reducers keep their slices, and the world itself comes back.
          if (!acts.includes(TICK)) {
            const idle = m.next(s, TICK);
            expect(idle).toEqual(referenceNext(cs, s, TICK));
            expect(idle === s).toBe(keys.every((k) => idle[k] === s[k]));
            if (idle === s) unchanged++;
          }
          s = t;
        }
      }),
      { seed: 16, numRuns: 150 },
    );
    // Both branches were exercised (a check that changes nothing, a launch that changes slices).
    expect(changed).toBeGreaterThan(100);
    expect(unchanged).toBeGreaterThan(10);
  });

  it('refuses a fault taken with the budget spent, naming it', () => {
    const m = compose(parts() as never, { maxFaults: 0 }) as unknown as ComposedModel;
    const s = m.init()[0];
    const fault = [...parts()[0].catalog.fault][0];
    expect(() => m.next(s, { type: fault, kind: 'fault', z: 0 } as Action)).toThrow(`compose: fault ${fault} taken with the fault budget (0) spent`);
  });

  it('refuses an action type no component originates', () => {
    const m = compose(parts() as never, { maxFaults: 1 }) as unknown as ComposedModel;
    expect(() => m.next(m.init()[0], { type: 'Nope', kind: 'op' })).toThrow('compose: no component originates action Nope');
  });
});
