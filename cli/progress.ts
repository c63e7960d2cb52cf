/**
 * The progress line on stderr for runs longer than about a second: states or runs done,
 * rate, frontier, depth, elapsed. On a TTY (never with --json), or with --progress: then
 * also off a terminal, as plain `progress: ...` lines at most once a second (CI logs; tests
 * wait for them instead of sleeping).
 */
import cliProgress from 'cli-progress';
import type { WorkerMessage } from './check-worker.js';

type Progress = Extract<WorkerMessage, { type: 'progress' }>;

const fmt = (n: number | undefined) => (n === undefined ? '-' : Math.round(n).toLocaleString('en-US'));

/** A redrawn bar (true), plain lines ('lines'), or nothing (false). */
export type ProgressMode = boolean | 'lines';

/**
 * By default progress goes to stderr only on a terminal, and never with --json (its output
 * is a document); --progress asks for it anyway, as lines where there is no terminal.
 */
export function showProgress(o: { json?: boolean; progress?: boolean }, stderr: { isTTY?: boolean } = process.stderr): ProgressMode {
  if (o.progress) return stderr.isTTY === true ? true : 'lines';
  return !o.json && stderr.isTTY === true;
}

export class ProgressLine {
  private bar: cliProgress.SingleBar | undefined;
  private lastLine = -Infinity;

  constructor(private readonly enabled: ProgressMode) {}

  /** A milestone (`loading ...`): a line in lines mode, nothing otherwise. */
  note(text: string): void {
    if (this.enabled === 'lines') process.stderr.write(`progress: ${text}\n`);
  }

  update(p: Progress): void {
    if (!this.enabled || p.elapsedMs < 1000) return;
    const rate = p.states !== undefined ? (p.states / p.elapsedMs) * 1000 : ((p.transitions ?? 0) / p.elapsedMs) * 1000;
    const payload = {
      what: `${p.scenario} [${p.mode}]`,
      done: p.states !== undefined ? `${fmt(p.states)} states` : `${fmt(p.runs)} runs`,
      rate: `${fmt(rate)} ${p.states !== undefined ? 'states' : 'steps'}/s`,
      extra: p.states !== undefined ? `frontier ${fmt(p.frontier)}, depth ${p.depth}` : `${fmt(p.transitions)} steps`,
      elapsed: `${(p.elapsedMs / 1000).toFixed(1)} s`,
    };
    if (this.enabled === 'lines') {
      const now = performance.now();
      if (now - this.lastLine < 1000) return;
      this.lastLine = now;
      process.stderr.write(`progress: ${payload.what}  ${payload.done}  ${payload.rate}  ${payload.extra}  ${payload.elapsed}\n`);
      return;
    }
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        { format: '{what}  {done}  {rate}  {extra}  {elapsed}', stream: process.stderr, hideCursor: true, clearOnComplete: true, fps: 10 },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(1, 0, payload);
    } else this.bar.update(0, payload);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
