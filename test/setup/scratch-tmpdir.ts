/**
 * Each test run's temporary files in a folder of its own, removed when the run ends. Many
 * tests make a `faultline-*` folder with mkdtemp and leave it, and hundreds had piled up in
 * /tmp. Vitest runs this in its main process before it starts any worker, so the tests and the
 * CLI processes they spawn inherit TMPDIR and put their folders here (`os.tmpdir()` reads it on
 * every call). A run that is killed leaves this one folder behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'faultline-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
