// The unit tests Stryker runs against each mutant: everything that imports the sources
// (test/e2e and the slow suite run the built dist/ and cannot see a mutant).
// MUTATION_TESTS (comma-separated globs) narrows them for a chunk: the initial coverage run
// then takes minutes instead of the whole suite's, and a score measured so is a lower bound
// (a test left out can only fail to kill a mutant).
import { defineConfig } from 'vitest/config';

const include = process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',') : ['test/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    exclude: ['test/e2e/**', 'test/slow/**', 'test/**/*.slow.test.ts', 'test/fuzz/**', 'test/report/html.chromium.test.ts', 'node_modules/**'],
    setupFiles: ['test/setup/checked-accessors.ts'],
    globalSetup: ['test/setup/scratch-tmpdir.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
