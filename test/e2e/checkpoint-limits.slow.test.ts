// faultline check --checkpoint / --resume: a run stopped by a limit continues to exactly the
// report of a run never stopped; every other configuration is refused in one line (exit 2),
// and a user's file is never replaced. Ctrl-C and periodic checkpoints: checkpoint.slow.test.ts.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, faultline, type Finished, refusedWith } from './support.js';

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'faultline-checkpoint-'));
});

type Doc = { scenario: string; properties: unknown[]; coverage?: unknown; stats: { distinctStates: number; transitions: number; maxDepth: number; complete: boolean; stoppedBy?: string; frontier?: number } };

const medium = ['check', 'sqs-pool', '--size', 'medium', '--mode', 'exhaustive', '--json'];

/**
 * sqs-pool's run in a --json report, without timings. (Without --checkpoint, `check sqs-pool`
 * runs its variants too; with one, the scenario named exactly runs alone.)
 */
function run(r: Finished): Doc {
  const docs = (JSON.parse(r.stdout) as Doc[]).filter((d) => d.scenario === 'sqs-pool');
  expect(docs).toHaveLength(1);
  const { distinctStates, transitions, maxDepth, complete, stoppedBy, frontier } = docs[0].stats;
  return { ...docs[0], stats: { distinctStates, transitions, maxDepth, complete, stoppedBy, frontier } };
}


describe('checkpoint and resume', () => {
  it('stopped by --max-states, saved, resumed (and saved again into the same file): the report of an uninterrupted run', () => {
    const out = join(dir, 'traces');
    const file = join(dir, 'limit.ckpt');
    const whole = faultline([...medium, '--out', out]);
    expect(whole.code).toBe(0);
    const stopped = faultline([...medium, '--max-states', '10000', '--checkpoint', file, '--out', out]);
    expect(run(stopped).stats).toMatchObject({ distinctStates: 10_000, complete: false, stoppedBy: 'max-states' });
    expect(stopped.stderr).toContain(`faultline: checkpoint of 10,000 states saved in ${file}; continue with --resume ${file}\n`);
    const again = faultline([...medium, '--resume', file, '--max-states', '25000', '--checkpoint', file, '--out', out]);
    expect(run(again).stats).toMatchObject({ distinctStates: 25_000, stoppedBy: 'max-states' });
    const resumed = faultline([...medium, '--resume', file, '--out', out]);
    expect(resumed.code).toBe(0);
    expect(run(resumed)).toEqual(run(whole));
  });

});

describe('refusals, one line and exit 2', () => {
  const saved = (): string => {
    const file = join(dir, `small-${Math.random().toString(36).slice(2)}.ckpt`);
    faultline(['check', 'sqs-pool', '--mode', 'exhaustive', '--max-states', '50', '--checkpoint', file, '--out', join(dir, 'traces')]);
    expect(existsSync(file)).toBe(true);
    return file;
  };

  it('configurations a checkpoint cannot hold', () => {
    const file = join(dir, 'never.ckpt');
    refusedWith(faultline([...medium, '--checkpoint', file, '--workers', '2']), /--checkpoint needs a serial run/);
    refusedWith(faultline(['check', 'sqs-pool', '--mode', 'random', '--checkpoint', file]), /--checkpoint is for exhaustive runs/);
    refusedWith(faultline(['check', 'sqs-pool', '--mode', 'both', '--checkpoint', file]), /--checkpoint is for one exhaustive run: add --mode exhaustive/);
    refusedWith(faultline(['check', '--all', '--mode', 'exhaustive', '--checkpoint', file]), /a checkpoint holds one run; give one scenario, not --all/);
    refusedWith(faultline(['check', 'ami-replacement', '--mode', 'exhaustive', '--checkpoint', file]), /not a base name \(2 variants/);
    refusedWith(faultline(['check', 'sqs-pool', '--mode', 'exhaustive', '--checkpoint-every', '5']), /--checkpoint-every needs --checkpoint FILE/);
    refusedWith(faultline(['check', 'test/e2e/fixtures/float-walk.mts', '--mode', 'exhaustive', '--checkpoint', file, '--out', join(dir, 'traces')]), /--checkpoint needs exact state codes/);
    expect(existsSync(file)).toBe(false);
  });

  it('never replaces a file that is not a faultline checkpoint', () => {
    const mine = join(dir, 'notes.txt');
    writeFileSync(mine, 'my notes\n');
    refusedWith(faultline([...medium, '--max-states', '100', '--checkpoint', mine]), /--checkpoint .*notes\.txt: exists and is not a faultline checkpoint/);
    expect(readFileSync(mine, 'utf8')).toBe('my notes\n');
    refusedWith(faultline([...medium, '--checkpoint', dir]), /is a directory/);
  });

  it('resuming a checkpoint of another run, a file that is not one, a damaged one', () => {
    const file = saved();
    refusedWith(faultline([...medium, '--resume', file]), /--resume: the checkpoint is of another run: it was written for sqs-pool \{"size":"small"\}, this run is sqs-pool \{"size":"medium"\}/);
    refusedWith(faultline(['check', 'sqs-pool', '--mode', 'exhaustive', '--symmetry', '--resume', file]), /written without symmetry reduction/);
    refusedWith(faultline([...medium, '--resume', join(dir, 'absent.ckpt')]), /--resume .*absent\.ckpt: no such file/);
    const notes = join(dir, 'other-notes.txt');
    writeFileSync(notes, 'hello\n');
    refusedWith(faultline([...medium, '--resume', notes]), /not a faultline checkpoint/);
    const damaged = join(dir, 'damaged.ckpt');
    copyFileSync(file, damaged);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 3] ^= 0x40;
    writeFileSync(damaged, bytes);
    refusedWith(faultline(['check', 'sqs-pool', '--mode', 'exhaustive', '--resume', damaged]), /checksum does not match/);
  });
});
