/**
 * A counterexample made ready for display: the states along it (replayed from
 * `model.init()[cx.initIndex]`), each step's component, kind and changed fields, and where
 * the property is first violated. Every renderer (text, HTML, Mermaid, ITF) starts here.
 * Runs only when a report is written, never during exploration.
 */
import { labelOf, type Action, type ActionKind, type Model } from '../model/core/model.js';
import { isLivenessKind, type Property, type PropertyKind } from '../model/core/property.js';
import type { Counterexample } from '../engine/report.js';
import { diffStates, type Change } from './diff.js';

/** The component lane of `a`: `model.component(a)`, or `model` for models without components. */
export function componentOf<S, A extends Action>(model: Model<S, A> | undefined, a: A): string {
  return model?.component?.(a) ?? 'model';
}

export interface StepView {
  /** 1-based step number. */
  readonly step: number;
  readonly action: Action;
  readonly label: string;
  readonly kind: ActionKind;
  readonly component: string;
  /** The state after this step; undefined when no model was given. */
  readonly state: unknown;
  /** Fields changed by this step (empty without a model). */
  readonly changes: readonly Change[];
  /** Part of a `recovers` counterexample's recovery path. */
  readonly recovery: boolean;
  /** Part of a lasso's cycle (the steps that repeat for ever). */
  readonly loop: boolean;
}

/** What a `recovers` counterexample's recovery path shows, read from the model's states. */
export interface RecoveryView {
  /** The step after which the predicate first holds on the recovery path (`recoveryFrom` if it held where the path starts). */
  readonly restoredStep?: number;
  /** The first step after that at which it no longer holds: a flap. */
  readonly lostStep?: number;
  /** Ticks on the recovery path. */
  readonly ticks: number;
}

export interface TraceView {
  readonly property: string;
  readonly kind: PropertyKind;
  readonly description?: string;
  /** For `recovers`: the bound `within` (steps). */
  readonly within?: number;
  /** For `recovers`: the bound `withinSeconds`, the model's seconds per tick and the limit on zero-time steps in a row. */
  readonly withinSeconds?: number;
  readonly tickSeconds?: number;
  readonly maxStepsBetweenTicks?: number;
  /** For `recovers`: what its recovery path shows (with a model). */
  readonly recoveryPath?: RecoveryView;
  /** For a lasso: the steps after this one repeat for ever (the last state is the state after it). */
  readonly loopIndex?: number;
  /** The initial state (undefined without a model). */
  readonly initial: unknown;
  readonly steps: readonly StepView[];
  /**
   * The step after which the property is first violated (always), first reached
   * (sometimes) or the end of the failed recovery path (recovers); 0 means the initial
   * state. Without a model: the last step.
   */
  readonly violationStep: number;
  /** For `recovers`: steps numbered above this one are the recovery path. */
  readonly recoveryFrom?: number;
  readonly seed?: number;
  readonly path?: string;
}

/**
 * Replays `cx` on `model` (when given) and describes every step. Without a model the view
 * has labels, kinds and (from the action objects) nothing else: no states, no changes.
 */
export function viewCounterexample<S, A extends Action>(
  model: Model<S, A> | undefined,
  property: { readonly name: string; readonly kind: PropertyKind },
  cx: Counterexample<Action>,
): TraceView {
  const prop = model?.properties.find((p) => p.name === property.name) as Property<S> | undefined;
  const steps: StepView[] = [];
  let initial: S | undefined;
  let violationStep = property.kind === 'recovers' || isLivenessKind(property.kind) ? cx.length : -1;
  if (model) {
    initial = model.init()[cx.initIndex];
    if (initial === undefined) throw new Error(`the model has no initial state ${cx.initIndex}`);
    if (violationStep < 0 && prop && isViolation(prop, initial)) violationStep = 0;
  }
  let s = initial;
  cx.actions.forEach((action, i) => {
    const a = action as A;
    const before = s;
    if (model) s = model.next(s as S, a);
    if (violationStep < 0 && prop && model && isViolation(prop, s as S)) violationStep = i + 1;
    steps.push({
      step: i + 1,
      action,
      label: cx.labels[i] ?? (model ? labelOf(model, a) : action.type),
      kind: action.kind,
      component: componentOf(model, a),
      state: s,
      changes: model ? diffStates(before, s) : [],
      recovery: cx.recoveryFrom !== undefined && i >= cx.recoveryFrom,
      loop: cx.loopIndex !== undefined && i >= cx.loopIndex,
    });
  });
  const recoveryPath = prop?.kind === 'recovers' && model && cx.recoveryFrom !== undefined ? recoveryView(prop, initial, steps, cx.recoveryFrom) : undefined;
  return {
    property: property.name,
    kind: property.kind,
    ...(prop?.description ? { description: prop.description } : {}),
    ...(prop?.kind === 'recovers' && prop.within !== undefined ? { within: prop.within } : {}),
    ...(prop?.kind === 'recovers' && prop.withinSeconds !== undefined ? { withinSeconds: prop.withinSeconds, maxStepsBetweenTicks: prop.maxStepsBetweenTicks } : {}),
    ...(model && typeof (model as { tickSeconds?: unknown }).tickSeconds === 'number' ? { tickSeconds: (model as unknown as { tickSeconds: number }).tickSeconds } : {}),
    ...(recoveryPath ? { recoveryPath } : {}),
    ...(cx.loopIndex !== undefined ? { loopIndex: cx.loopIndex } : {}),
    initial,
    steps,
    violationStep: violationStep < 0 ? cx.length : violationStep,
    ...(cx.recoveryFrom !== undefined ? { recoveryFrom: cx.recoveryFrom } : {}),
    ...(cx.seed !== undefined ? { seed: cx.seed } : {}),
    ...(cx.path !== undefined ? { path: cx.path } : {}),
  };
}

/** Where the recovery path (from state `from`) restores the predicate and where it loses it again. */
function recoveryView<S>(prop: Property<S>, initial: unknown, steps: readonly StepView[], from: number): RecoveryView {
  const holds = (s: unknown): boolean => {
    try {
      return prop.pred(s as S);
    } catch {
      return false;
    }
  };
  let restoredStep: number | undefined;
  let lostStep: number | undefined;
  let ticks = 0;
  if (holds(from === 0 ? initial : steps[from - 1]?.state)) restoredStep = from;
  for (let i = from; i < steps.length; i++) {
    if (steps[i].action.type === 'Tick') ticks++;
    const ok = holds(steps[i].state);
    if (restoredStep === undefined && ok) restoredStep = i + 1;
    else if (restoredStep !== undefined && lostStep === undefined && !ok) lostStep = i + 1;
  }
  return { ...(restoredStep !== undefined ? { restoredStep } : {}), ...(lostStep !== undefined ? { lostStep } : {}), ticks };
}

/** A state that shows the property's trace: false for always, true for sometimes. */
function isViolation<S>(prop: Property<S>, s: S): boolean {
  if (prop.kind !== 'always' && prop.kind !== 'sometimes') return false;
  try {
    const v = prop.pred(s);
    return prop.kind === 'always' ? !v : v;
  } catch {
    // A predicate that throws on a state is the model's problem; the report still renders.
    return false;
  }
}

/** The components of a trace's steps, in order of first appearance. */
export function lanesOf(view: TraceView): string[] {
  const lanes: string[] = [];
  for (const st of view.steps) if (!lanes.includes(st.component)) lanes.push(st.component);
  return lanes;
}
