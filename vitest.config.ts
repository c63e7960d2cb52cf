/**
 * `npm test`: every test but the slow suite (vitest.slow.config.ts explains which tests are
 * slow, and `npm run test:slow` runs them). `--coverage` adds coverage (CI's run does): V8's
 * block counters nearly double the exploring tests' CPU time, so it is not on by default.
 */
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/** The slow suite's files: the same globs as vitest.slow.config.ts includes. */
const SLOW_TESTS = ['test/slow/**/*.test.ts', 'test/**/*.slow.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...SLOW_TESTS],
    // Vitest's default is one worker less than the cores: on a two-core CI machine that is one
    // worker, and the files ran one after another (350 s against 260 s with two).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One module graph per worker instead of one per file: importing the engine and the 31
    // scenarios again for each of 130 files cost about 40 s of CPU. Tests therefore leave no
    // module state behind (those that change the cwd or spy on something restore it).
    isolate: false,
    // Checked accessors in every test (test/setup/checked-accessors.ts says why).
    setupFiles: ['test/setup/checked-accessors.ts'],
    // Temporary files in one folder a run, removed at its end (test/setup/scratch-tmpdir.ts).
    globalSetup: ['test/setup/scratch-tmpdir.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      // TypeScript only: scenarios/templates/*.yaml would be parsed as code and fail noisily.
      include: ['model/**/*.ts', 'properties/**/*.ts', 'import/**/*.ts', 'scenarios/**/*.ts', 'engine/**/*.ts', 'report/**/*.ts', 'cli/**/*.ts', 'bench/*.ts', 'bench/models/**/*.ts', 'index.ts', 'vitest.ts'],
      reporter: ['text-summary'],
    },
  },
});
