// Mutation testing (npm run mutation:engine, :properties, :model): Stryker mutates the
// TypeScript sources and runs the Vitest tests that cover each mutant (perTest coverage).
// Incremental: results are kept in reports/mutation/<folder>.incremental.json, so a re-run
// after a change tests only the mutants whose code or covering tests changed.
// The end-to-end tests run dist/ (built code) and cannot see a mutant: they are left out.
const folder = process.env.MUTATE_FOLDER ?? 'engine';

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  checkers: [],
  coverageAnalysis: 'perTest',
  // Static mutants (code run at module load) would each need the whole suite: hours on two
  // cores. They are skipped and counted in MUTATION.md.
  ignoreStatic: true,
  mutate: process.env.MUTATE ? process.env.MUTATE.split(',') : [`${folder}/**/*.ts`],
  incremental: true,
  incrementalFile: `reports/mutation/${folder.replace(/\W+/g, '-')}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${folder.replace(/\W+/g, '-')}.json` },
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20000,
  // The initial coverage run is the whole (or MUTATION_TESTS') suite: on a loaded two-core machine it needs more than the default 5 minutes.
  dryRunTimeoutMinutes: 30,
  timeoutFactor: 2,
  // Its own folder per concurrent run (MUTATION_TMP): cleanTempDir removes the whole folder at the end.
  tempDirName: process.env.MUTATION_TMP ?? '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
