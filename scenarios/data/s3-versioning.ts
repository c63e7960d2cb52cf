/**
 * `s3-versioning` (INV-S3-1): an application writes an object (twice) and, by mistake,
 * deletes or overwrites it (up to two mistakes). Is the last good version still retrievable?
 *
 * - `on`: versioning enabled: a DELETE adds a delete marker and an overwrite adds a version;
 *   the good version stays underneath and can be copied back. DeletedObjectRecoverable holds.
 * - `off`: an unversioned bucket keeps only the (null) current version: a delete removes it,
 *   an overwrite replaces it. DeletedObjectRecoverable fails (PutObject, AccidentalDelete).
 *
 * Exhaustive only: the whole space is a few dozen states.
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { s3, type Versioning } from '../../model/aws/s3/index.js';
import { deletedObjectRecoverable, reachedAccidentalDelete, reachedAccidentalOverwrite } from '../../properties/data.js';

function bucketModel(versioning: Versioning) {
  return compose([s3({ keys: 1, versioning, maxWrites: 2, maxAccidents: 2 })], {
    properties: [deletedObjectRecoverable(), reachedAccidentalDelete(), reachedAccidentalOverwrite()],
  });
}

/** Versioning enabled: an accidental delete or overwrite is recoverable. */
export const s3VersioningOn = defineScenario({
  name: 's3-versioning:on',
  description: 'Versioning enabled: an accidental delete or overwrite keeps the good version underneath; DeletedObjectRecoverable holds',
  model: bucketModel('enabled'),
  modes: ['exhaustive'],
});

/** Unversioned bucket: an accidental delete or overwrite destroys the object. */
export const s3VersioningOff = defineScenario({
  name: 's3-versioning:off',
  description: 'An unversioned bucket: an accidental delete or overwrite destroys the only version; DeletedObjectRecoverable fails',
  model: bucketModel('unversioned'),
  modes: ['exhaustive'],
  expect: { DeletedObjectRecoverable: 'fails' },
});
