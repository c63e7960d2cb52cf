/**
 * Which bundled models explore on codes (packed transitions): every composition whose
 * components all have packed forms. A component whose packed form starts refusing options it
 * covered would quietly move a scenario back to objects (the same verdicts, about half the
 * speed); this pins the list, so that shows up here. The packed forms' agreement with the object
 * functions is tested elsewhere (test/model/compose/packed*.test.ts, and each scenario's first
 * 64 states in every run).
 */
import { describe, expect, it } from 'vitest';
import { bundledScenarios } from '../../scenarios/index.js';

/** Bundled models that explore on objects, and why. */
const ON_OBJECTS: Readonly<Record<string, string>> = {
  'dependency-cascade:deep-health-check': 'a deep health check binds a probe of its own, which cannot be compiled',
  'dr:pilot-light': 'Regions',
  'dr:ttl-too-long': 'Regions',
  'dr:record-edit-in-failed-region': 'Regions',
  'dr:record-edit-in-standby-region': 'Regions',
  'dr:backup-restore': 'Regions',
  'dr:backup-in-failed-region': 'Regions',
  'dr:warm-standby': 'Regions',
  'dr:active-active': 'Regions',
  // Not compositions: the benchmark's plain model (its schema path is `--encoded`) and two hand-written models.
  'sqs-pool': 'plain objects (the benchmark)',
  'sqs-pool:early-delete': 'plain objects (the benchmark)',
  'die-hard': 'a hand-written model',
  'two-phase-commit': 'a hand-written model',
};

describe('bundled models on codes', () => {
  it('every composition outside the listed ones has packed transitions, and none of the listed ones has', () => {
    const packed: string[] = [];
    for (const scenario of bundledScenarios) {
      const has = scenario.build().packed !== undefined;
      expect(has, `${scenario.name}: ${has ? 'now explores on codes (take it off ON_OBJECTS)' : 'explores on objects'}`).toBe(!Object.hasOwn(ON_OBJECTS, scenario.name));
      if (has) packed.push(scenario.name);
    }
    expect(packed.length).toBe(bundledScenarios.length - Object.keys(ON_OBJECTS).length);
    expect(packed.length).toBe(57);
    for (const name of Object.keys(ON_OBJECTS)) expect(bundledScenarios.some((s) => s.name === name), `${name} is no longer bundled`).toBe(true);
  });
});
