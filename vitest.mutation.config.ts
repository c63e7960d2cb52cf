// The unit tests Stryker runs against each mutant: everything that imports the sources
// (test/e2e and the slow suite run the built dist/ and cannot see a mutant).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/slow/**', 'test/**/*.slow.test.ts', 'test/fuzz/**', 'test/report/html.chromium.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
