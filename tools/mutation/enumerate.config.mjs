// Lists mutants without testing them (tools/mutation/apply-mutants.mjs tests them): Stryker's
// command runner with a command that always passes, so every mutant "survives" in the report.
//   MUTATE='engine/availability/*.ts' MUTANTS_OUT=reports/mutation/availability-mutants.json npx stryker run tools/mutation/enumerate.config.mjs
export default {
  testRunner: 'command',
  commandRunner: { command: 'true' },
  checkers: [],
  coverageAnalysis: 'off',
  // Static mutants too: apply-mutants.mjs re-evaluates every module for each run.
  ignoreStatic: false,
  mutate: (process.env.MUTATE ?? '').split(','),
  reporters: ['json'],
  jsonReporter: { fileName: process.env.MUTANTS_OUT ?? 'reports/mutation/mutants.json' },
  concurrency: 1,
  tempDirName: '.stryker-tmp-enumerate',
  cleanTempDir: 'always',
  incremental: false,
};
