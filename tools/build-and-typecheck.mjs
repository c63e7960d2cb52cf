// `npm test`'s first step: the build (dist/, which the end-to-end tests run) and the type check of
// sources and tests are two single-threaded tsc runs; side by side they take the longer one's time
// instead of the sum (about 10 s of a two-core machine's `npm test`). Exits non-zero if either fails.
import { spawn } from 'node:child_process';

const run = (script) =>
  new Promise((done) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (e) => done({ script, code: 1, error: e.message }));
    child.on('exit', (code, signal) => done({ script, code: code ?? (signal ? 1 : 0) }));
  });

const results = await Promise.all([run('build'), run('typecheck')]);
const failed = results.filter((r) => r.code !== 0);
for (const r of failed) console.error(`npm run ${r.script} failed${r.error ? `: ${r.error}` : ''}`);
process.exitCode = failed.length > 0 ? 1 : 0;
