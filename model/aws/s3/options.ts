/**
 * The s3 component's options, their validation, and the resolved configuration its reducer
 * and enabling code read: every default applied, the derived version count, the shared empty
 * version list, and the action objects built once (the enabling code pushes these).
 */
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import {
  accidentalDelete, accidentalOverwrite, putBucketVersioning, putObject, restoreObject,
  type AccidentalDelete, type AccidentalOverwrite, type PutBucketVersioning, type PutObject, type RestoreObject,
} from './actions.js';
import { EMPTY, VERSIONING_STATES, s3Object, s3State, type S3State, type S3Version, type Versioning } from './state.js';

/** Parameters of the s3 component. */
export interface S3Options {
  /** Object keys (indices 0..keys-1); default 1. */
  readonly keys?: number;
  /** The bucket's versioning at the start; default `unversioned` (a new bucket's). */
  readonly versioning?: Versioning;
  /** Good writes per key (the application's PutObject budget); default 2. */
  readonly maxWrites?: number;
  /** Accidental deletes and overwrites in a run; default 1. */
  readonly maxAccidents?: number;
  /** Whether an operator may change versioning (PutBucketVersioning); default false. */
  readonly versioningChanges?: boolean;
}

/** The action objects the enabling code pushes: per key at index `key`, and the two versioning changes. */
export interface S3ActionTables {
  readonly put: readonly PutObject[];
  readonly restore: readonly RestoreObject[];
  readonly del: readonly AccidentalDelete[];
  readonly overwrite: readonly AccidentalOverwrite[];
  readonly enable: PutBucketVersioning;
  readonly suspend: PutBucketVersioning;
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface S3Config {
  readonly keys: number;
  readonly initialVersioning: Versioning;
  readonly maxWrites: number;
  readonly maxAccidents: number;
  readonly versioningChanges: boolean;
  /** Version slots per key. */
  readonly maxVersions: number;
  /** `maxVersions` empty slots: a key with no versions (shared). */
  readonly noVersions: readonly S3Version[];
  readonly A: S3ActionTables;
}

/** Applies the defaults and validates `options` (throws `s3: ...` on the first problem). */
export function resolveS3Options(options: S3Options): S3Config {
  checkOptions('s3', options, S3_OPTION_NAMES);
  const keys = options.keys ?? 1;
  const initialVersioning = options.versioning ?? 'unversioned';
  const maxWrites = options.maxWrites ?? 2;
  const maxAccidents = options.maxAccidents ?? 1;
  const versioningChanges = options.versioningChanges ?? false;
  intIn('s3', 'keys', keys, 1, 8);
  intIn('s3', 'maxWrites', maxWrites, 1, 8);
  intIn('s3', 'maxAccidents', maxAccidents, 0, 8);
  if (!VERSIONING_STATES.includes(initialVersioning)) throw new Error(`s3: unknown versioning ${initialVersioning}`);

  // Each write, accident or restore adds at most one version, and each restore needs an accident first.
  const maxVersions = maxWrites + 2 * maxAccidents;

  return {
    keys,
    initialVersioning,
    maxWrites,
    maxAccidents,
    versioningChanges,
    maxVersions,
    noVersions: new Array<S3Version>(maxVersions).fill(EMPTY),
    A: {
      put: Array.from({ length: keys }, (_, k) => putObject(k)),
      restore: Array.from({ length: keys }, (_, k) => restoreObject(k)),
      del: Array.from({ length: keys }, (_, k) => accidentalDelete(k)),
      overwrite: Array.from({ length: keys }, (_, k) => accidentalOverwrite(k)),
      enable: putBucketVersioning('enabled'),
      suspend: putBucketVersioning('suspended'),
    },
  };
}

/** The slice at the start: every key without versions, no accidents yet. */
export function initialS3(c: S3Config): S3State {
  return s3State(c.initialVersioning, Array.from({ length: c.keys }, () => s3Object(c.noVersions, 0)), 0);
}

/** Every option for the catalog, with its default (`tsc` checks the list against `S3Options`). */
export const S3_PARAMETERS = parameterList<S3Options>({
  keys: { default: 1, unit: 'count', range: [1, 8], description: 'object keys (indices 0..keys-1)' },
  versioning: { default: 'unversioned', unit: 'enum', range: VERSIONING_STATES, description: "bucket versioning at the start (a new bucket's: unversioned)" },
  maxWrites: { default: 2, unit: 'count', range: [1, 8], description: 'good PutObject calls per key' },
  maxAccidents: { default: 1, unit: 'count', range: [0, 8], description: 'accidental deletes and overwrites in a run' },
  versioningChanges: { default: false, unit: 'bool', range: ['true', 'false'], description: 'PutBucketVersioning enabled' },
});
const S3_OPTION_NAMES = optionNames(S3_PARAMETERS);
