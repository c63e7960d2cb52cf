/**
 * The files `faultline init` writes: a scenario project that works first time (ESM, strict
 * TypeScript, Vitest picking up scenario tests, a CI workflow). Kept as data, apart from the
 * command, so a test can check each one.
 */

export interface InitContext {
  /** The project's npm name. */
  readonly name: string;
  /** What package.json depends on for faultline: a version range, `file:` path, tarball or git URL. */
  readonly faultline: string;
  readonly vitest: string;
  readonly typescript: string;
}

export function packageJson(c: InitContext): string {
  const pkg = {
    name: c.name,
    version: '0.0.0',
    private: true,
    type: 'module',
    scripts: {
      check: 'faultline check scenarios/web-tier.ts',
      test: 'vitest run',
    },
    devDependencies: { faultline: c.faultline, typescript: c.typescript, vitest: c.vitest },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

export const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true
  },
  "include": ["scenarios", "test", "faultline-traces"]
}
`;

export const VITEST_CONFIG = `import { defineConfig } from 'vitest/config';

// Scenario tests sit beside their scenarios; regression tests emitted by
// \`faultline replay --emit-test\` sit beside their traces.
export default defineConfig({
  test: {
    include: ['scenarios/**/*.test.ts', 'test/**/*.test.ts', 'faultline-traces/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
`;

/** An example design: a web tier of two instances behind a load balancer, one per zone. */
export const EXAMPLE_SCENARIO = `/**
 * An Auto Scaling group of 2 behind an Application Load Balancer, one instance per
 * Availability Zone. Checked: N = 1 instance stays healthy through one AZ outage, the
 * group restores N + 1, and (a custom invariant on the typed world) the load balancer
 * never loses every registered target.
 */
import { always, asg, az, capacity, compose, defineScenario, ec2, elb, elbHealthy, invariants } from 'faultline';

const model = compose(
  [
    az({ azs: 2, maxDown: 1, recoverable: false }),
    capacity({ azs: 2 }),
    // The group replaces a failed instance itself. With EC2's automatic recovery left on, a
    // recovered instance the group has already marked unhealthy is terminated anyway: N + 1
    // comes back, then goes again (a flap, which NPlusOneRestored rejects).
    ec2({ slots: 3, azs: 2, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
    asg({ azs: 2, min: 2, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 0 }),
    elb({ slots: 3, azs: 2, registered: [0, 1], attachedToAsg: true, faults: [] }),
  ],
  {
    maxFaults: 1,
    properties: [
      invariants.atLeastNHealthy(1),
      invariants.nPlusOneRestored(1, 40),
      // \`w\` is typed from the components: \`w.elb.targets\` autocompletes.
      always('SomeTargetRegistered', (w) => w.elb.targets.some((t) => t.state !== 'unused')),
      invariants.reachedAzOutage(),
    ],
  },
);

export default defineScenario({
  name: 'web-tier',
  description: 'an Auto Scaling group of 2 across two zones behind an ALB',
  model,
  modes: ['exhaustive'],
});
`;

export const EXAMPLE_TEST = `import { describe, expect, it } from 'vitest';
import { check } from 'faultline/vitest';
import webTier from './web-tier.js';

describe('web-tier', () => {
  it('keeps one instance healthy through an AZ outage and restores N + 1', () => {
    const results = check(webTier, { modes: ['exhaustive'] });
    expect(results).toHold('AtLeastNHealthy');
    expect(results).toHold('NPlusOneRestored');
    expect(results).toHold('SomeTargetRegistered');
    expect(results).toBeReached('ReachedAzOutage');
  });
});
`;

export const GITIGNORE = `node_modules/
faultline-traces/*.json
!faultline-traces/*.test.ts
`;

export const WORKFLOW = `# Checks the designs on every change; keeps the counterexamples as artifacts.
name: faultline
on:
  push:
  pull_request:

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx faultline check scenarios/web-tier.ts --json --junit junit.xml --html report.html > results.json
      - run: npx vitest run
      - if: always()
        uses: actions/upload-artifact@v4
        with:
          name: faultline
          path: |
            results.json
            junit.xml
            report.html
            faultline-traces/
`;
