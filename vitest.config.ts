import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['model/**', 'properties/**', 'scenarios/**', 'engine/**', 'report/**', 'cli/**', 'bench/*.ts', 'bench/models/**', 'index.ts', 'vitest.ts'],
      reporter: ['text-summary'],
    },
  },
});
