/**
 * `npm test`: every test but the slow suite (vitest.slow.config.ts explains which tests are
 * slow, and `npm run test:slow` runs them), with coverage.
 */
import { configDefaults, defineConfig } from 'vitest/config';

/** The slow suite's files: the same globs as vitest.slow.config.ts includes. */
const SLOW_TESTS = ['test/slow/**/*.test.ts', 'test/**/*.slow.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...SLOW_TESTS],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['model/**', 'properties/**', 'import/**', 'scenarios/**', 'engine/**', 'report/**', 'cli/**', 'bench/*.ts', 'bench/models/**', 'index.ts', 'vitest.ts'],
      reporter: ['text-summary'],
    },
  },
});
