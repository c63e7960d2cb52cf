import { describe, expect, it } from 'vitest';
import { az } from '../../../model/aws/az/index.js';
import { ebs } from '../../../model/aws/ebs/index.js';
import { ec2 } from '../../../model/aws/ec2/index.js';
import { rds } from '../../../model/aws/rds/index.js';
import { compose } from '../../../model/compose/compose.js';
import { checkOptions, closestNames, editDistance, intIn, namesIn, optionsProblem, parameterList } from '../../../model/compose/options.js';

const KNOWN = ['slots', 'azs', 'processingSeconds', 'restartSeconds', 'faults'];

describe('checkOptions', () => {
  it('accepts known options, absent ones and an empty object', () => {
    expect(() => checkOptions('ec2', { slots: 2, faults: undefined }, KNOWN)).not.toThrow();
    expect(() => checkOptions('ec2', {}, KNOWN)).not.toThrow();
    expect(() => checkOptions('ec2', Object.create(null), KNOWN)).not.toThrow();
  });

  it('names a misspelt option and the option it is closest to, in one line', () => {
    expect(() => checkOptions('ec2', { procesingSeconds: 40 }, KNOWN)).toThrow(/^ec2: unknown option procesingSeconds \(did you mean processingSeconds\?\)$/);
    // Case, a swapped pair and a dropped letter are all one edit away.
    expect(optionsProblem('sqs', { ProcessingSeconds: 1 }, KNOWN)).toBe('sqs: unknown option ProcessingSeconds (did you mean processingSeconds?)');
    expect(optionsProblem('sqs', { fualts: [] }, KNOWN)).toBe('sqs: unknown option fualts (did you mean faults?)');
    expect(optionsProblem('sqs', { az: 1 }, KNOWN)).toBe('sqs: unknown option az (did you mean azs?)');
    // An unknown key is reported even when its value is undefined: `{ slot: undefined }` is still a typo.
    expect(optionsProblem('ec2', { slots: 1, slot: undefined }, KNOWN)).toBe('ec2: unknown option slot (did you mean slots?)');
  });

  it('lists the known options when no name is close', () => {
    expect(optionsProblem('ec2', { bogus: true }, KNOWN)).toBe(`ec2: unknown option bogus (known: ${KNOWN.join(', ')})`);
    expect(optionsProblem('noop', { x: 1 }, [])).toBe('noop: unknown option x (none are known)');
  });

  it('rejects own __proto__ and constructor keys (JSON.parse makes __proto__ an own key)', () => {
    const parsed = JSON.parse('{"__proto__": {"slots": 1}}') as object;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(() => checkOptions('ec2', parsed, KNOWN)).toThrow(/^ec2: unknown option __proto__ \(known: /);
    expect(() => checkOptions('ec2', { constructor: 1 }, KNOWN)).toThrow(/^ec2: unknown option constructor \(/);
    expect(() => checkOptions('ec2', JSON.parse('{"toString": 1}'), KNOWN)).toThrow(/^ec2: unknown option toString \(/);
  });

  it('quotes a key that is not an identifier, on one line', () => {
    expect(optionsProblem('ec2', { 'bad\nkey': 1 }, KNOWN)).toBe(`ec2: unknown option "bad\\nkey" (known: ${KNOWN.join(', ')})`);
  });

  it('rejects options that are not an object, in one line', () => {
    expect(() => checkOptions('ec2', null, KNOWN)).toThrow(/^ec2: options must be an object, got null$/);
    expect(() => checkOptions('ec2', [1, 2], KNOWN)).toThrow(/^ec2: options must be an object, got an array$/);
    expect(() => checkOptions('ec2', 3, KNOWN)).toThrow(/^ec2: options must be an object, got a number \(3\)$/);
    expect(() => checkOptions('ec2', 'slots', KNOWN)).toThrow(/^ec2: options must be an object, got a string$/);
    expect(() => checkOptions('ec2', undefined, KNOWN)).toThrow(/^ec2: options must be an object, got undefined$/);
  });
});

describe('closestNames', () => {
  it('suggests within max(2, length / 3) edits, the closest only, ties all', () => {
    expect(editDistance('procesingSeconds', 'processingSeconds')).toBe(1);
    expect(editDistance('fualts', 'faults')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closestNames('maxWritess', ['maxWrites', 'writes'])).toEqual(['maxWrites']);
    expect(closestNames('xyz', ['slots', 'azs'])).toEqual([]);
    expect(closestNames('retentionSecs', ['retentionSeconds', 'restartSeconds'])).toEqual(['retentionSeconds']);
    expect(closestNames('mode', ['name', 'model', 'modes'])).toEqual(['model', 'modes']);
    expect(optionsProblem('x', { mode: [] }, ['name', 'model', 'modes', 'mods'])).toBe('x: unknown option mode (did you mean model, modes or mods?)');
  });
});

describe('shared validators', () => {
  it('intIn keeps the components\' message', () => {
    expect(() => intIn('ec2', 'slots', 0, 1, 32)).toThrow(/^ec2: slots must be an integer in 1\.\.32, got 0$/);
    expect(() => intIn('ec2', 'slots', 1.5, 1, 32)).toThrow(/got 1\.5$/);
    expect(() => intIn('ec2', 'slots', 32, 1, 32)).not.toThrow();
  });

  it('namesIn names an unknown entry with a suggestion, and rejects a string for a list', () => {
    expect(() => namesIn('ec2', 'faults', 'fault', ['HostFailur'], ['HostFailure', 'AppCrash'])).toThrow(/^ec2: unknown fault HostFailur \(did you mean HostFailure\?\)$/);
    expect(() => namesIn('ec2', 'faults', 'fault', 'AppCrash' as unknown as string[], ['AppCrash'])).toThrow(/^ec2: faults must be a list of faults, got "AppCrash"$/);
    expect(() => namesIn('ec2', 'faults', 'fault', ['AppCrash'], ['AppCrash'])).not.toThrow();
  });

  it('parameterList keeps the order written and adds the names', () => {
    const list = parameterList<{ a?: number; b?: boolean }>({
      a: { default: 1, unit: 'count', range: [0, 2], description: 'an a' },
      b: { default: false, unit: 'bool', range: ['true', 'false'], description: 'a b' },
    });
    expect(list.map((p) => p.name)).toEqual(['a', 'b']);
    expect(list[0]).toEqual({ name: 'a', default: 1, unit: 'count', range: [0, 2], description: 'an a' });
  });
});

describe('a misspelt option of a component or of compose', () => {
  it('is an error at runtime, not silently ignored', () => {
    // `as never`: what a JavaScript scenario, or one that skips tsc, passes.
    expect(() => ec2({ procesingSeconds: 40 } as never)).toThrow(/^ec2: unknown option procesingSeconds \(known: /);
    expect(() => ec2({ slot: 2 } as never)).toThrow(/^ec2: unknown option slot \(did you mean slots\?\)$/);
    expect(() => compose([az()], { maxFault: 1 } as never)).toThrow(/^compose: unknown option maxFault \(did you mean maxFaults\?\)$/);
    expect(() => compose([az()], { propertys: [] } as never)).toThrow(/^compose: unknown option propertys \(did you mean properties\?\)$/);
    expect(() => compose([az()], null as never)).toThrow(/^compose: options must be an object, got null$/);
    expect(() => compose([az()], { maxFaults: 1, recovery: ['AzRecover'], properties: [] })).not.toThrow();
  });

  it('inside an option: a volume spec key, a fault name, a runbook step', () => {
    expect(() => ebs({ initial: [0], volumes: [{ az: 0, atachedTo: 0 } as never] })).toThrow(/^ebs: volumes\[0\]: unknown option atachedTo \(did you mean attachedTo\?\)$/);
    expect(() => ebs({ initial: [0], volumes: [{ az: 0, attachedTo: 0 }] })).not.toThrow();
    expect(() => ec2({ faults: ['HostFailur' as never] })).toThrow(/^ec2: unknown fault HostFailur \(did you mean HostFailure\?\)$/);
    expect(() => rds({ runbook: ['restor' as never] })).toThrow(/^rds: unknown runbook step restor \(did you mean restore\?\)$/);
  });
});
