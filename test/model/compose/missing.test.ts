/** compose names a component the composition lacks when one of its reads crashes on it (issue 12). */
import { describe, expect, it } from 'vitest';
import { az, azUp } from '../../../model/aws/az/index.js';
import { asg } from '../../../model/aws/asg/index.js';
import { ec2 } from '../../../model/aws/ec2/index.js';
import { elbHealthy, routesTo } from '../../../model/aws/elb/index.js';
import type { Component, World } from '../../../model/compose/component.js';
import { compose } from '../../../model/compose/compose.js';
import { missingRead } from '../../../model/compose/missing.js';
import { always } from '../../../model/core/property.js';
import { t } from '../../../model/core/schema.js';
import { run } from '../support.js';

/** A one-slice component that enables `Poke` once and, reducing it, calls `read` on the world. */
function poker(read: (w: World) => unknown): Component<{ readonly poked: boolean }> {
  return {
    name: 'poker',
    schema: t.record('Poker', { poked: t.bool() }),
    parameters: [],
    catalog: { op: ['Poke'], fault: [], control: [] },
    subscribes: ['Poke'],
    init: () => ({ poked: false }),
    actions: (w, out) => void (!(w.poker as { poked: boolean }).poked && out.push({ type: 'Poke', kind: 'op' })),
    reduce: (s, _a, w) => (read(w), { poked: !s.poked }),
  };
}

describe('missingRead', () => {
  const world = { az: { up: [true], ebsOk: [true], lbReachable: [true] }, ec2: { instances: [] } };

  it('names the absent slice read last before a read of a field of undefined', () => {
    expect(missingRead(world, (w) => routesTo(w, 0))).toBe('elb');
    expect(missingRead(world, (w) => elbHealthy(w, 1))).toBe('elb');
  });

  it('blames nothing when the call does not throw, or throws for another reason', () => {
    expect(missingRead({}, (w) => azUp(w, 0))).toBeUndefined(); // az tolerates its absence
    expect(missingRead(world, () => { throw new Error('boom'); })).toBeUndefined();
    // an absent slice read, tolerated, then a crash on a present one
    expect(missingRead({ ec2: { instances: [] } }, (w) => azUp(w, 0) && (w.ec2 as { instances: { state: string }[] }).instances[3].state)).toBeUndefined();
  });
});

describe('compose and a read of a component it lacks', () => {
  it("refuses, at compose time, a component whose enabled actions read it (asg's elbHealthy without elb)", () => {
    expect(() => compose([az(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy })])).toThrow(
      'compose: asg reads the elb component, which this composition lacks (components: az, ec2, asg); check the reads given to asg as options',
    );
  });

  it("refuses a user's property reading it on the initial world", () => {
    expect(() => compose([az(), ec2({ initial: [0] })], { properties: [always('Routed', (w) => routesTo(w, 0))] })).toThrow(
      'compose: property Routed reads the elb component, which this composition lacks (components: az, ec2)',
    );
  });

  it('names it lazily when a reducer first reads it, in a later state', () => {
    const m = compose([az({ maxDown: 0 }), poker((w) => routesTo(w, 0))]);
    expect(() => run(m, [{ type: 'Poke', kind: 'op' }])).toThrow(
      'compose: poker reads the elb component on Poke, which this composition lacks (components: az, poker); check the reads given to poker as options',
    );
  });

  it('leaves any other crash as it was', () => {
    const m = compose([az({ maxDown: 0 }), poker(() => { throw new RangeError('out of range'); })]);
    expect(() => run(m, [{ type: 'Poke', kind: 'op' }])).toThrow(new RangeError('out of range'));
  });
});
