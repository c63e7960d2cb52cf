/**
 * The progress line on stderr for runs longer than about a second: states or runs done,
 * rate, frontier, depth, elapsed. Only on a TTY and never with --json.
 */
import cliProgress from 'cli-progress';
import type { WorkerMessage } from './check-worker.js';

type Progress = Extract<WorkerMessage, { type: 'progress' }>;

const fmt = (n: number | undefined) => (n === undefined ? '-' : Math.round(n).toLocaleString('en-US'));

/** Progress goes to stderr only on a terminal, and never with --json (its output is a document). */
export function showProgress(o: { json?: boolean }, stderr: { isTTY?: boolean } = process.stderr): boolean {
  return !o.json && stderr.isTTY === true;
}

export class ProgressLine {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly enabled: boolean) {}

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
