/**
 * A counterexample as a Mermaid `sequenceDiagram`: one participant per component; ops
 * arrive from an `Env` participant (clients and operators), faults from a `Faults`
 * participant as crossed arrows, control actions (what AWS itself does, `Tick`) as
 * self-messages. The changed fields are notes; the violation is a note at the end. A lasso's
 * cycle is a `loop` block with a note saying where it goes back to.
 * Every text from the model is entity-escaped, so no name can break the diagram.
 */
import type { Action, Model } from '../model/core/model.js';
import type { PropertyKind } from '../model/core/property.js';
import type { Counterexample } from '../engine/report.js';
import { formatChange } from './diff.js';
import { loopBack, recoveryBound } from './text.js';
import { lanesOf, viewCounterexample, type TraceView } from './view.js';

export interface MermaidOptions {
  /** Add a note with the changed fields after each step (default true). */
  readonly changes?: boolean;
  /** At most this many changes per note (default 6); the rest are counted. */
  readonly maxChanges?: number;
  /** A title line (`title ...`), e.g. the scenario name. */
  readonly title?: string;
}

/**
 * Escapes text for a Mermaid label: characters that end a statement or start markup
 * (`;`, `#`, `<`, `>`, `%`, `:`, quotes, braces) become `#code;` entities, line breaks spaces.
 */
export function escapeMermaid(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[;#<>%:"'{}[\]\\|`&]/g, (ch) => `#${ch.charCodeAt(0)};`);
}

const ENV = 'Env';
const FAULTS = 'Faults';

/** The diagram of a trace view (see `viewCounterexample`). */
export function traceToMermaid(view: TraceView, opts: MermaidOptions = {}): string {
  const showChanges = opts.changes ?? true;
  const maxChanges = opts.maxChanges ?? 6;
  const lanes = lanesOf(view);
  const ids = new Map(lanes.map((name, i) => [name, `C${i}`]));
  const lines = ['sequenceDiagram'];
  if (opts.title) lines.push(`  title ${escapeMermaid(opts.title)}`);
  const hasOps = view.steps.some((s) => s.kind === 'op');
  const hasFaults = view.steps.some((s) => s.kind === 'fault');
  if (hasOps) lines.push(`  participant ${ENV} as env (ops)`);
  if (hasFaults) lines.push(`  participant ${FAULTS} as faults`);
  for (const [name, id] of ids) lines.push(`  participant ${id} as ${escapeMermaid(name)}`);
  const first = hasOps ? ENV : hasFaults ? FAULTS : (ids.values().next().value ?? ENV);
  const last = ids.size > 0 ? `C${ids.size - 1}` : first;
  const span = first === last ? first : `${first},${last}`;
  if (lanes.length === 0) lines.push(`  participant ${ENV} as env (ops)`);
  const cycle = view.loopIndex !== undefined && view.loopIndex < view.steps.length;
  for (const st of view.steps) {
    if (view.recoveryFrom !== undefined && st.step === view.recoveryFrom + 1) {
      lines.push(`  Note over ${span}: recovery path (faults and ops stop, control actions only)`);
    }
    if (cycle && st.step === view.loopIndex! + 1) lines.push(`  loop ${escapeMermaid(`for ever, steps ${st.step}–${view.steps.length}`)}`);
    const to = ids.get(st.component)!;
    const text = `${st.step}. ${escapeMermaid(st.label)}`;
    if (st.kind === 'fault') lines.push(`  ${FAULTS}-x${to}: ${text}`);
    else if (st.kind === 'op') lines.push(`  ${ENV}->>${to}: ${text}`);
    else lines.push(`  ${to}->>${to}: ${text}`);
    if (showChanges && st.changes.length > 0) {
      const shown = st.changes.slice(0, maxChanges).map((c) => escapeMermaid(formatChange(c)));
      if (st.changes.length > maxChanges) shown.push(`and ${st.changes.length - maxChanges} more`);
      lines.push(`  Note right of ${to}: ${shown.join('<br/>')}`);
    }
  }
  if (cycle) lines.push('  end');
  if (view.loopIndex !== undefined) lines.push(`  Note over ${span}: ${escapeMermaid(loopBack(view))}`);
  lines.push(`  Note over ${span}: ${escapeMermaid(verdictNote(view))}`);
  return lines.join('\n') + '\n';
}

function verdictNote(view: TraceView): string {
  if (view.kind === 'recovers') {
    if (view.recoveryPath?.lostStep !== undefined) return `✗ ${view.property} restored, then lost again at step ${view.recoveryPath.lostStep}`;
    return `✗ ${view.property} not restored${recoveryBound(view)}`;
  }
  if (view.kind === 'sometimes') return `${view.property} reached after step ${view.violationStep}`;
  if (view.kind !== 'always') return `✗ ${view.property} (${view.kind}) violated on this fair path for ever`;
  return view.violationStep === 0 ? `✗ ${view.property} violated in the initial state` : `✗ ${view.property} violated after step ${view.violationStep}`;
}

/** The Mermaid diagram of a counterexample, replayed on `model` for the changed fields. */
export function counterexampleToMermaid(
  model: Model<any, any> | undefined,
  property: { readonly name: string; readonly kind: PropertyKind },
  cx: Counterexample<Action>,
  opts: MermaidOptions = {},
): string {
  return traceToMermaid(viewCounterexample(model, property, cx), opts);
}
