/**
 * A recovery bound as the library's `recovers` factories take it: a number of steps (hand-written
 * models without a clock), or `{ withinSeconds }` of model time (composed models: only `Tick`s
 * count, README "Choosing a recovery bound").
 */
export type RecoveryBound = number | { readonly withinSeconds: number };

/** The `recovers` options for `bound`, and the bound in words for a description. */
export function recoveryBound(bound: RecoveryBound): { readonly opts: { within: number } | { withinSeconds: number }; readonly text: string } {
  return typeof bound === 'number'
    ? { opts: { within: bound }, text: `${bound} steps` }
    : { opts: { withinSeconds: bound.withinSeconds }, text: `${bound.withinSeconds} s` };
}
