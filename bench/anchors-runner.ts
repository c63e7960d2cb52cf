/**
 * Runs the anchor tools (SPIN, fast-check's choice-array baseline, Quint's simulator) on
 * sqs-pool from bench/anchors/ (copied from the project's shared benchmark folder), so the
 * bench measures them beside faultline in the same run on the same machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Timed {
  readonly wallS: number;
  readonly rssBytes: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

const HAS_TIME = existsSync('/usr/bin/time');

/** Runs a command, under GNU time for its peak RSS when available. */
export function timed(cmd: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Timed {
  const t0 = process.hrtime.bigint();
  const r = HAS_TIME
    ? spawnSync('/usr/bin/time', ['-f', '@@RSS %M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: timeoutMs })
    : spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: timeoutMs });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /@@RSS (\d+)/.exec(r.stderr ?? '');
  return { wallS, rssBytes: m ? Number(m[1]) * 1024 : null, stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

export function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Installs the anchors' own dependencies (fast-check, Quint) on first use. */
export function ensureAnchorDeps(dir: string): string | undefined {
  if (existsSync(join(dir, 'node_modules/fast-check')) && existsSync(join(dir, 'node_modules/@informalsystems/quint'))) return undefined;
  process.stderr.write('installing the anchors\' dependencies (fast-check, Quint) in bench/anchors...\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 ? undefined : `npm install in bench/anchors failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`;
}

const SPIN_W: Readonly<Record<string, number>> = { small: 12, medium: 17, large: 20, xlarge: 23, xxlarge: 25 };

export interface SpinRun {
  readonly states: number;
  readonly transitions: number;
  readonly wallS: number;
  readonly statesPerSecond: number;
  readonly structBytesPerState: number | null;
  readonly rssBytes: number | null;
}

/** Builds pan for one size (exhaustive DFS, as the anchors run it) and returns a runner. */
export function buildSpin(anchors: string, size: string, scratch: string): () => SpinRun {
  const dir = join(scratch, `spin-${size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const gen = spawnSync('node', [join(anchors, 'spin/gen-pml.mjs'), size, 'correct'], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`gen-pml failed: ${gen.stderr}`);
  writeFileSync(join(dir, 'model.pml'), gen.stdout);
  let r = spawnSync('spin', ['-a', 'model.pml'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`spin -a failed: ${r.stdout}${r.stderr}`);
  r = spawnSync('gcc', ['-O2', '-DSAFETY', '-DNOREDUCE', '-DVECTORSZ=64', '-o', 'pan', 'pan.c'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc failed: ${r.stderr}`);
  return () => {
    const t = timed('./pan', ['-m10000', `-w${SPIN_W[size]}`], dir);
    const num = (re: RegExp) => {
      const m = re.exec(t.stdout);
      return m ? Number(m[1]) : null;
    };
    const states = num(/(\d+) states, stored/);
    const transitions = num(/(\d+) transitions \(= /);
    if (states === null || transitions === null) throw new Error(`pan output not understood:\n${t.stdout}`);
    const memStates = num(/([\d.]+)\s+actual memory usage for states/);
    const memHash = num(/([\d.]+)\s+memory used for hash table/);
    return {
      states,
      transitions: transitions - 1, // pan counts the initial state as a transition
      wallS: t.wallS,
      statesPerSecond: states / t.wallS,
      structBytesPerState: memStates !== null && memHash !== null ? ((memStates + memHash) * 1048576) / states : null,
      rssBytes: t.rssBytes,
    };
  };
}

export interface FcRun {
  readonly stepsPerSecond?: number;
  readonly timeToFailureMs?: number;
  readonly shrunkLength?: number;
}

/** fast-check over an array of choice indices (the anchors' `array` style, default size). */
export function runFastCheck(anchors: string, size: string, variant: 'correct' | 'early-delete', seed: number, runs = 20_000): FcRun {
  const t = timed('node', [join(anchors, 'fastcheck/fc-bench.mjs'), size, variant, '--style=array', `--runs=${variant === 'correct' ? runs : 0}`, '--steps=20', `--seed=${seed}`, '--json'], anchors);
  if (t.status !== 0) throw new Error(`fast-check anchor failed: ${t.stderr}`);
  const j = JSON.parse(t.stdout.trim().split('\n').pop()!);
  return variant === 'correct' ? { stepsPerSecond: j.stepsPerSec } : { timeToFailureMs: j.secsToFind * 1000, shrunkLength: j.shrunkLength };
}

/** Quint's simulator (TypeScript backend): simulated steps per second, excluding start-up. */
export function runQuint(anchors: string, size: string, samples: number): { stepsPerSecond: number } {
  const cli = join(anchors, 'node_modules/@informalsystems/quint/dist/src/cli.js');
  const t = timed('node', [cli, 'run', join(anchors, 'quint/sqs_pool.qnt'), '--backend=typescript', `--main=${size}_correct`, '--invariant=NoLostMessage', `--max-samples=${samples}`, '--max-steps=20', '--seed=12345678901', '--verbosity=2'], anchors);
  const out = t.stdout + t.stderr;
  const ms = /\((\d+)ms at (\d+) traces\/second\)/.exec(out);
  const avg = /average=([\d.]+)/.exec(out);
  if (!ms || !avg) throw new Error(`quint output not understood: ${out.slice(-500)}`);
  const steps = samples * (Number(avg[1]) - 1);
  return { stepsPerSecond: steps / (Number(ms[1]) / 1000) };
}
