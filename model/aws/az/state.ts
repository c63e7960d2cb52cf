/**
 * The az slice: its key, schema, type and single record factory.
 */
import { t, type Infer } from '../../core/schema.js';

/** The `az` component's name: its slice is `world.az`. */
export const AZ = 'az';

/** The schema of the `az` slice for `azs` zones. */
export function azSchema(azs: number) {
  return t.record('AzState', { up: t.array(t.bool(), azs) });
}
/** The `az` slice: `up[z]` is true while zone `z` is up. */
export type AzState = Infer<ReturnType<typeof azSchema>>;

/** The single factory of `az` slices (one object shape). */
export function azState(up: readonly boolean[]): AzState {
  return { up };
}
