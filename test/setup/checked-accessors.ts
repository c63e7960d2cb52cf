/**
 * Every test runs with checked accessors (model/core/accessors.ts, `checkAccessors`): a packed
 * form that reads or writes past an array, or writes a value outside its field's range, throws
 * in its tests instead of reading a neighbour's bits or wrapping the value (a mutation sample
 * found such reads surviving). Users' runs and the benchmarks keep unchecked accessors;
 * test/model/core/accessors.test.ts covers both modes.
 */
import { checkAccessors } from '../../model/core/accessors.js';

checkAccessors(true);
