import { describe, expect, it } from 'vitest';
import {
  accidentalDelete, accidentalOverwrite, currentContent, currentIsGood, deletedObjectRecoverable, goodVersionRetrievable,
  putBucketVersioning, putObject, restoreObject, s3, type S3Options, type S3State, type S3Version,
} from '../../../model/aws/s3/index.js';
import type { World } from '../../../model/compose/component.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { always } from '../../../model/core/property.js';
import { checkContract, enabledLabels, isEnabled, run, solo } from '../support.js';

const slice = (w: World): S3State => w.s3 as S3State;
const model = (o: S3Options = {}) => solo(s3(o));
/** The non-empty versions of key 0, newest first, as `data:1`, `marker`, with `(null)` for the null version ID. */
const versions = (w: World, key = 0): string[] =>
  slice(w)
    .objects[key].versions.filter((v: S3Version) => v.kind !== 'empty')
    .map((v: S3Version) => `${v.kind === 'data' ? `data:${v.content}` : 'marker'}${v.nullId ? '(null)' : ''}`);

const DeletedObjectRecoverable = always<World>('DeletedObjectRecoverable', (w) => deletedObjectRecoverable(slice(w)));
const verdict = (o: S3Options) => {
  const r = exploreExhaustive(solo(s3(o), { properties: [DeletedObjectRecoverable] }));
  expect(r.stats.complete).toBe(true);
  return r.properties[0];
};

describe('s3: transitions', () => {
  it('an unversioned PUT replaces the only (null) version', () => {
    const s = run(model(), [putObject(0), putObject(0)]);
    expect(versions(s)).toEqual(['data:2(null)']);
    expect(currentContent(slice(s), 0)).toBe(2);
  });

  it('a versioned PUT adds a version; the newest is current', () => {
    const s = run(model({ versioning: 'enabled' }), [putObject(0), putObject(0)]);
    expect(versions(s)).toEqual(['data:2', 'data:1']);
  });

  it('enabling versioning keeps the existing object as the null version', () => {
    const m = model({ versioningChanges: true });
    const s = run(m, [putObject(0), putBucketVersioning('enabled'), putObject(0)]);
    expect(versions(s)).toEqual(['data:2', 'data:1(null)']);
  });

  it('once enabled, versioning can only be suspended (and enabled again), never unversioned', () => {
    const m = model({ versioningChanges: true });
    expect(enabledLabels(m, m.init()[0])).toContain('PutBucketVersioning(enabled)');
    const on = run(m, [putBucketVersioning('enabled')]);
    expect(enabledLabels(m, on)).toEqual(['PutObject(0)', 'PutBucketVersioning(suspended)']);
    const off = run(m, [putBucketVersioning('suspended')], on);
    expect(slice(off).versioning).toBe('suspended');
    expect(isEnabled(m, off, putBucketVersioning('enabled'))).toBe(true);
  });

  it('restore copies the last good version over the current one', () => {
    const m = model({ versioning: 'enabled' });
    const s = run(m, [putObject(0), accidentalOverwrite(0), restoreObject(0)]);
    expect(versions(s)).toEqual(['data:1', 'data:0', 'data:1']);
    expect(currentIsGood(slice(s), 0)).toBe(true);
    expect(isEnabled(m, s, restoreObject(0))).toBe(false);
  });

  it('accidents stop at maxAccidents', () => {
    const m = model({ versioning: 'enabled', maxAccidents: 1 });
    const s = run(m, [putObject(0), accidentalOverwrite(0), restoreObject(0)]);
    expect(isEnabled(m, s, accidentalDelete(0))).toBe(false);
    expect(slice(s).accidents).toBe(1);
  });
});

describe('s3: gotchas', () => {
  it('INV-S3-1: a versioned bucket keeps the old version under a delete marker', () => {
    const m = model({ versioning: 'enabled' });
    const s = run(m, [putObject(0), accidentalDelete(0)]);
    expect(versions(s)).toEqual(['marker', 'data:1']);
    expect(currentContent(slice(s), 0)).toBe(-1); // a GET is a 404...
    expect(goodVersionRetrievable(slice(s), 0)).toBe(true); // ...but the data is still there
    const restored = run(m, [restoreObject(0)], s);
    expect(currentContent(slice(restored), 0)).toBe(1);
  });

  it('an unversioned bucket loses the object on delete or overwrite', () => {
    const m = model();
    const deleted = run(m, [putObject(0), accidentalDelete(0)]);
    expect(versions(deleted)).toEqual([]);
    expect(goodVersionRetrievable(slice(deleted), 0)).toBe(false);
    expect(isEnabled(m, deleted, restoreObject(0))).toBe(false);
    const overwritten = run(m, [putObject(0), accidentalOverwrite(0)]);
    expect(versions(overwritten)).toEqual(['data:0(null)']);
    expect(goodVersionRetrievable(slice(overwritten), 0)).toBe(false);
  });

  it('INV-S3-2: an overwrite in a suspended bucket destroys the previous null version', () => {
    const m = model({ versioning: 'suspended' });
    const s = run(m, [putObject(0), accidentalOverwrite(0)]);
    expect(versions(s)).toEqual(['data:0(null)']);
    expect(goodVersionRetrievable(slice(s), 0)).toBe(false);
  });

  it('a suspended bucket keeps versions written while enabled, but not the null one it replaces', () => {
    const m = model({ versioning: 'enabled', versioningChanges: true });
    const s = run(m, [putObject(0), putBucketVersioning('suspended'), putObject(0)]);
    expect(versions(s)).toEqual(['data:2(null)', 'data:1']);
    const deleted = run(m, [accidentalDelete(0)], s);
    expect(versions(deleted)).toEqual(['marker(null)', 'data:1']);
    expect(goodVersionRetrievable(slice(deleted), 0)).toBe(false); // write 2 is gone; write 1 is older
  });

  it('DeletedObjectRecoverable holds with versioning, fails without (shortest: PutObject, AccidentalDelete)', () => {
    expect(verdict({ versioning: 'enabled', maxAccidents: 2, maxWrites: 2 }).verdict).toBe('holds');
    const off = verdict({ versioning: 'unversioned', maxAccidents: 2 });
    expect(off.verdict).toBe('fails');
    expect(off.counterexample!.labels).toEqual(['PutObject(0)', 'AccidentalDelete(0)']);
    expect(verdict({ versioning: 'suspended' }).verdict).toBe('fails');
  });

  it('suspending versioning later can still lose data', () => {
    expect(verdict({ versioning: 'enabled', versioningChanges: true }).verdict).toBe('fails');
  });
});

describe('s3: property tests over random enabled-action sequences', () => {
  const configs: [string, S3Options][] = [
    ['unversioned', {}],
    ['enabled, two keys', { versioning: 'enabled', keys: 2, maxAccidents: 3, maxWrites: 3 }],
    ['versioning changes', { versioningChanges: true, maxAccidents: 3, maxWrites: 3 }],
  ];
  for (const [name, o] of configs) {
    it(`${name}: pure, deterministic, schema-valid, and keeps the slice's invariants`, () => {
      const c = s3(o);
      checkContract(solo(c), c, (prev, next) => {
        const a = slice(prev);
        const b = slice(next);
        expect(b.accidents).toBeGreaterThanOrEqual(a.accidents);
        if (a.versioning !== 'unversioned') expect(b.versioning).not.toBe('unversioned');
        for (let k = 0; k < b.objects.length; k++) {
          const vs = b.objects[k].versions;
          expect(b.objects[k].writes).toBeGreaterThanOrEqual(a.objects[k].writes);
          // Versions are packed newest first, with at most one null version ID.
          const firstEmpty = vs.findIndex((v: S3Version) => v.kind === 'empty');
          if (firstEmpty >= 0) expect(vs.slice(firstEmpty).every((v: S3Version) => v.kind === 'empty')).toBe(true);
          expect(vs.filter((v: S3Version) => v.nullId).length).toBeLessThanOrEqual(1);
          // With versioning enabled throughout, nothing is ever removed.
          if (a.versioning === 'enabled' && b.versioning === 'enabled') {
            const count = (s: S3State) => s.objects[k].versions.filter((v: S3Version) => v.kind !== 'empty').length;
            expect(count(b)).toBeGreaterThanOrEqual(count(a));
          }
        }
      });
    });
  }
});
