/**
 * The slow suite, `npm run test:slow` (CI runs it after `npm test`; see .ci/run).
 *
 * A test belongs here when it is an end-to-end run that costs seconds per case: it spawns the
 * built CLI many times, waits on signals, drives a browser, or packs and installs the package.
 * Put it in test/slow/ or name it `*.slow.test.ts` next to what it tests (test/e2e/); nothing
 * else is needed: `npm test` (vitest.config.ts) leaves out exactly these files and this config
 * runs exactly them. Everything else stays in `npm test`, which must stay quick enough to run
 * on every change: the in-process tests of the engine, the models and the reports, and the
 * fuzz suite (test/fuzz/), which runs the built CLI in-process and, a few times, as a process.
 * Engine tests stay there even when they take a while (worker threads): Stryker's mutation runs
 * (vitest.mutation.config.ts) leave this suite out too.
 *
 * The slow tests run dist/, as users do: `npm run test:slow` builds first.
 */
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/** The slow suite's files, as globs; vitest.config.ts excludes the same globs. */
const SLOW_TESTS = ['test/slow/**/*.test.ts', 'test/**/*.slow.test.ts'];

export default defineConfig({
  test: {
    include: SLOW_TESTS,
    exclude: [...configDefaults.exclude],
    // Temporary files in one folder a run, removed at its end (test/setup/scratch-tmpdir.ts).
    globalSetup: ['test/setup/scratch-tmpdir.ts'],
    // Two files at a time even on two cores (Vitest's default would be one): these tests mostly
    // wait on the processes they start.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // An install or a browser start can take minutes on a loaded machine.
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
  },
});
