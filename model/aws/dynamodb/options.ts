/**
 * The dynamodb component's options, their validation, and the resolved configuration its
 * reducer and enabling code read: every default applied, and the action objects built once
 * (the enabling code pushes these, never new ones).
 */
import { checkOptions, intIn, optionNames, parameterList } from '../../compose/options.js';
import {
  ddbCopyCatchUp, ddbRegionOutage, ddbRegionRecover, ddbReplicate, getItem, updateItem,
  type DdbCopyCatchUp, type DdbRegionOutage, type DdbRegionRecover, type DdbReplicate, type GetItem, type UpdateItem,
} from './actions.js';
import { ddbRegion, ddbReplica, dynamodbState, type DdbReplica, type DynamoDbState } from './state.js';

/** Parameters of the dynamodb component. */
export interface DynamoDbOptions {
  /** 1 (a Regional table) or 2 (a global table, multi-Region eventual consistency); default 1. */
  readonly regions?: number;
  /** Items; default 1. */
  readonly items?: number;
  /** UpdateItem calls in a run, all Regions together; default 2. */
  readonly writes?: number;
  /** Reads use ConsistentRead=true; default false (DynamoDB's default). */
  readonly consistentReads?: boolean;
  /** Reads go to a global secondary index (always eventually consistent); default false. */
  readonly readFromIndex?: boolean;
  /** `DdbRegionOutage` budget; default 1. */
  readonly maxRegionOutages?: number;
  /**
   * The Region instance each replica is in (model/aws/region; `['west', 'east']`): a replica
   * answers, takes writes, catches up and replicates only while its Region is up. Default
   * none: the replicas' Regions are not modelled (only `DdbRegionOutage` takes them down).
   */
  readonly replicaRegions?: readonly string[];
}

/** The action objects the enabling code pushes: per (Region, item) pair at `r * items + i`, and per Region. */
export interface DynamoDbActionTables {
  readonly update: readonly UpdateItem[];
  readonly get: readonly GetItem[];
  readonly catchUp: readonly DdbCopyCatchUp[];
  readonly replicate: readonly DdbReplicate[];
  readonly outage: readonly DdbRegionOutage[];
  readonly recover: readonly DdbRegionRecover[];
}

/** The options resolved: defaults applied, validated, with the pre-built actions. */
export interface DynamoDbConfig {
  readonly regions: number;
  readonly items: number;
  /** UpdateItem calls in a run. */
  readonly writes: number;
  /** Reads may return the lagging copy (eventually consistent, or from a GSI). */
  readonly eventual: boolean;
  readonly maxOutages: number;
  /** Per replica, the Region instance it follows, or undefined (no `replicaRegions`). */
  readonly replicaRegions: readonly string[] | undefined;
  readonly A: DynamoDbActionTables;
}

/** Applies the defaults and validates `options` (throws `dynamodb: ...` on the first problem). */
export function resolveDynamoDbOptions(options: DynamoDbOptions): DynamoDbConfig {
  checkOptions('dynamodb', options, DYNAMODB_OPTION_NAMES);
  const R = options.regions ?? 1;
  const items = options.items ?? 1;
  const N = options.writes ?? 2;
  const eventual = !(options.consistentReads ?? false) || (options.readFromIndex ?? false);
  const maxOutages = options.maxRegionOutages ?? 1;
  if (R !== 1 && R !== 2) throw new Error(`dynamodb: regions must be 1 or 2, got ${R}`);
  intIn('dynamodb', 'items', items, 1, 4);
  intIn('dynamodb', 'writes', N, 1, 8);
  intIn('dynamodb', 'maxRegionOutages', maxOutages, 0, 8);
  const replicaRegions = options.replicaRegions;
  if (replicaRegions !== undefined && (!Array.isArray(replicaRegions) || replicaRegions.length !== R || !replicaRegions.every((r) => typeof r === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(r)))) {
    throw new Error(`dynamodb: replicaRegions must name one region instance per replica (${R}), got ${JSON.stringify(replicaRegions)}`);
  }

  const table = <X>(make: (r: number, i: number) => X): X[] => Array.from({ length: R * items }, (_, k) => make(Math.floor(k / items), k % items));
  return {
    regions: R,
    items,
    writes: N,
    eventual,
    maxOutages,
    replicaRegions,
    A: {
      update: table(updateItem),
      get: table(getItem),
      catchUp: table(ddbCopyCatchUp),
      replicate: table(ddbReplicate),
      outage: Array.from({ length: R }, (_, r) => ddbRegionOutage(r)),
      recover: Array.from({ length: R }, (_, r) => ddbRegionRecover(r)),
    },
  };
}

/** The slice at the start: every Region up, every item 0 in one shared fresh replica record. */
export function initialDynamoDb(c: DynamoDbConfig): DynamoDbState {
  const fresh = ddbReplica(0, 0, 0, false);
  return dynamodbState(
    Array.from({ length: c.regions }, () => ddbRegion(true, new Array<DdbReplica>(c.items).fill(fresh))),
    0,
    new Array<number>(c.items).fill(0),
    false,
    0,
  );
}

/** Every option for the catalog, with its default (`tsc` checks the list against `DynamoDbOptions`). */
export const DYNAMODB_PARAMETERS = parameterList<DynamoDbOptions>({
  regions: { default: 1, unit: 'count', range: [1, 2], description: '2: a global table (last writer wins)' },
  items: { default: 1, unit: 'count', range: [1, 4], description: 'items in the table' },
  writes: { default: 2, unit: 'count', range: [1, 8], description: 'UpdateItem calls in a run, all Regions together' },
  consistentReads: { default: false, unit: 'bool', range: ['true', 'false'], description: 'ConsistentRead on reads' },
  readFromIndex: { default: false, unit: 'bool', range: ['true', 'false'], description: 'reads from a GSI (always eventual)' },
  maxRegionOutages: { default: 1, unit: 'count', range: [0, 8], description: 'DdbRegionOutage budget' },
  replicaRegions: { default: 'none', unit: 'names', range: [], description: "each replica's Region instance: it answers and replicates only while that Region is up" },
});
const DYNAMODB_OPTION_NAMES = optionNames(DYNAMODB_PARAMETERS);
