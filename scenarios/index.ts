/** The bundled scenarios, in the order `faultline list` and `check --all` show them. */
import type { Scenario } from '../engine/scenario.js';
import { dieHard } from './die-hard.js';
import { sqsPoolCorrect, sqsPoolEarlyDelete } from './sqs-pool/index.js';
import { twoPhaseCommit } from './two-phase-commit.js';
import { fleetScenarios } from './fleet/index.js';
import { dataScenarios } from './data/index.js';
import { templateScenarios } from './templates/index.js';
import { drScenarios } from './dr/index.js';

export const bundledScenarios: readonly Scenario[] = [
  ...fleetScenarios,
  ...dataScenarios,
  ...drScenarios,
  ...templateScenarios,
  sqsPoolCorrect,
  sqsPoolEarlyDelete,
  dieHard,
  twoPhaseCommit,
] as readonly Scenario[];
