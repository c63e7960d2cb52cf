/**
 * A component read or a library invariant on a composition that lacks the component, checked
 * through the CLI (issue 12): one line naming the missing component, exit 2, never an
 * internal error or a bare TypeError.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, faultline, refusedWith } from './support.js';

const MODEL = 'test/fixtures/missing-component-models.ts';
let out: string;
beforeAll(() => {
  assertBuilt();
  out = mkdtempSync(join(tmpdir(), 'faultline-missing-'));
});

const check = (kase: string, ...args: string[]) => faultline(['check', MODEL, '--param', `case=${kase}`, '--out', out, ...args]);

describe('a read of a component the composition lacks, through `faultline check`', () => {
  it.each([
    ['library-invariant', /compose: property NoAckedWriteLost reads the rds component, which this composition lacks \(components: az, ec2\)$/],
    ['user-invariant', /compose: property FirstRouted reads the elb component, which this composition lacks \(components: az, ec2\)$/],
    ['read-option', /compose: asg reads the elb component, which this composition lacks \(components: az, ec2, asg\); check the reads given to asg as options$/],
  ])('%s: refused when the model is built', (kase, line) => {
    const r = check(kase);
    refusedWith(r, line);
    expect(r.stderr).not.toMatch(/internal error|TypeError/);
  });

  it.each([
    ['read-option-later', 'asg', 'elb', 'az, ec2, asg'],
    ['probe-option-later', 'elb', 'sqs', 'az, ec2, elb'],
  ])('%s: named when the read first crashes, in a later state (random and exhaustive)', (kase, component, missing, listed) => {
    for (const mode of ['random', 'exhaustive']) {
      const r = check(kase, '--mode', mode);
      refusedWith(r, new RegExp(`^faultline: missing-component: actions\\(s\\) threw Error: compose: ${component} reads the ${missing} component, which this composition lacks \\(components: ${listed}\\); check the reads given to ${component} as options at step \\d+ \\(${mode}\\)$`));
    }
  });

  it('a property swapped in after compose is still one line naming the property (compose never sees it)', () => {
    const r = check('property-after-compose', '--mode', 'exhaustive');
    refusedWith(r, /^faultline: missing-component: property NoLostMessage threw TypeError: .* at step 0 \(exhaustive\)$/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
