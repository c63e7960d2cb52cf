/**
 * TLA+'s TwoPhase (Lamport's two-phase commit) with 3 resource managers: a transaction
 * manager collects Prepared messages and broadcasts Commit or Abort. TCConsistent (no RM
 * committed while another aborted) holds; TLC and Stateright count 288 distinct states.
 */
import { assertNever, type Model } from '../model/core/model.js';
import { always, sometimes } from '../model/core/property.js';
import { t, type Schema } from '../model/core/schema.js';
import { defineScenario } from '../engine/scenario.js';

export type RmState = 'working' | 'prepared' | 'committed' | 'aborted';
export type TmState = 'init' | 'committed' | 'aborted';

export interface TwoPhaseState {
  readonly rm: readonly RmState[];
  readonly tm: TmState;
  readonly tmPrepared: readonly boolean[];
  /** The message set: Prepared(rm) per RM, and the TM's Commit and Abort broadcasts. */
  readonly prepared: readonly boolean[];
  readonly commit: boolean;
  readonly abort: boolean;
}

export type TwoPhaseAction =
  | { readonly type: 'TMRcvPrepared'; readonly kind: 'control'; readonly rm: number }
  | { readonly type: 'TMCommit'; readonly kind: 'control' }
  | { readonly type: 'TMAbort'; readonly kind: 'control' }
  | { readonly type: 'RMPrepare'; readonly kind: 'op'; readonly rm: number }
  | { readonly type: 'RMChooseToAbort'; readonly kind: 'fault'; readonly rm: number }
  | { readonly type: 'RMRcvCommitMsg'; readonly kind: 'control'; readonly rm: number }
  | { readonly type: 'RMRcvAbortMsg'; readonly kind: 'control'; readonly rm: number };

function state(rm: readonly RmState[], tm: TmState, tmPrepared: readonly boolean[], prepared: readonly boolean[], commit: boolean, abort: boolean): TwoPhaseState {
  return { rm, tm, tmPrepared, prepared, commit, abort };
}

function set<T>(xs: readonly T[], i: number, x: T): T[] {
  const out = xs.slice();
  out[i] = x;
  return out;
}

/** TwoPhase's state schema for `rms` resource managers. */
export function twoPhaseSchema(rms: number): Schema<TwoPhaseState> {
  return t.record('TwoPhase', {
    rm: t.array(t.enumOf(['working', 'prepared', 'committed', 'aborted'] as const), rms),
    tm: t.enumOf(['init', 'committed', 'aborted'] as const),
    tmPrepared: t.array(t.bool(), rms),
    prepared: t.array(t.bool(), rms),
    commit: t.bool(),
    abort: t.bool(),
  });
}

export function twoPhaseModel(rms = 3): Model<TwoPhaseState, TwoPhaseAction> {
  if (!Number.isInteger(rms) || rms < 1 || rms > 12) throw new Error(`rms must be an integer in 1..12, got ${rms}`);
  const idx = Array.from({ length: rms }, (_, i) => i);
  const A = {
    tmRcv: idx.map((rm) => ({ type: 'TMRcvPrepared', kind: 'control', rm }) as const),
    tmCommit: { type: 'TMCommit', kind: 'control' } as const,
    tmAbort: { type: 'TMAbort', kind: 'control' } as const,
    prepare: idx.map((rm) => ({ type: 'RMPrepare', kind: 'op', rm }) as const),
    chooseAbort: idx.map((rm) => ({ type: 'RMChooseToAbort', kind: 'fault', rm }) as const),
    rcvCommit: idx.map((rm) => ({ type: 'RMRcvCommitMsg', kind: 'control', rm }) as const),
    rcvAbort: idx.map((rm) => ({ type: 'RMRcvAbortMsg', kind: 'control', rm }) as const),
  };
  const none = idx.map(() => false);
  return {
    schema: twoPhaseSchema(rms),
    init: () => [state(idx.map(() => 'working'), 'init', none, none, false, false)],
    // Enabling conditions exactly as TwoPhase.tla: receiving a broadcast stays enabled
    // after it took effect (a stuttering step), as in TLA+.
    actions(s) {
      const out: TwoPhaseAction[] = [];
      if (s.tm === 'init') {
        for (const rm of idx) if (s.prepared[rm]) out.push(A.tmRcv[rm]);
        if (s.tmPrepared.every(Boolean)) out.push(A.tmCommit);
        out.push(A.tmAbort);
      }
      for (const rm of idx) {
        if (s.rm[rm] === 'working') out.push(A.prepare[rm], A.chooseAbort[rm]);
        if (s.commit) out.push(A.rcvCommit[rm]);
        if (s.abort) out.push(A.rcvAbort[rm]);
      }
      return out;
    },
    next(s, a) {
      switch (a.type) {
        case 'TMRcvPrepared':
          return state(s.rm, s.tm, set(s.tmPrepared, a.rm, true), s.prepared, s.commit, s.abort);
        case 'TMCommit':
          return state(s.rm, 'committed', s.tmPrepared, s.prepared, true, s.abort);
        case 'TMAbort':
          return state(s.rm, 'aborted', s.tmPrepared, s.prepared, s.commit, true);
        case 'RMPrepare':
          return state(set(s.rm, a.rm, 'prepared'), s.tm, s.tmPrepared, set(s.prepared, a.rm, true), s.commit, s.abort);
        case 'RMChooseToAbort':
          return state(set(s.rm, a.rm, 'aborted'), s.tm, s.tmPrepared, s.prepared, s.commit, s.abort);
        case 'RMRcvCommitMsg':
          return state(set(s.rm, a.rm, 'committed'), s.tm, s.tmPrepared, s.prepared, s.commit, s.abort);
        case 'RMRcvAbortMsg':
          return state(set(s.rm, a.rm, 'aborted'), s.tm, s.tmPrepared, s.prepared, s.commit, s.abort);
        default:
          return assertNever(a);
      }
    },
    properties: [
      always<TwoPhaseState>(
        'TCConsistent',
        (s) => !(s.rm.includes('committed') && s.rm.includes('aborted')),
        'no resource manager has committed while another has aborted',
      ),
      sometimes<TwoPhaseState>('ReachedCommit', (s) => s.rm.every((r) => r === 'committed'), 'every resource manager committed'),
    ],
  };
}

export const twoPhaseCommit = defineScenario({
  name: 'two-phase-commit',
  description: "TLA+'s TwoPhase with 3 resource managers: TCConsistent holds (288 states)",
  model: (p: { rms: number }) => twoPhaseModel(p.rms),
  parameters: { rms: 3 },
});
