import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import { defineScenario } from '../../engine/scenario.js';
import { sqsPoolEarlyDelete } from '../../scenarios/sqs-pool/index.js';
import { counterexampleToMermaid, escapeMermaid } from '../../report/mermaid.js';
import { fleetModel, bundled } from './fixtures.js';

describe('counterexampleToMermaid', () => {
  it('draws sqs-pool:early-delete: ops from Env, the crash from Faults, changes as notes, the violation last', () => {
    const [r] = checkScenario(bundled('sqs-pool:early-delete'), { modes: ['exhaustive'] });
    const model = sqsPoolEarlyDelete.build(r.parameters);
    const p = r.properties[0];
    expect(counterexampleToMermaid(model, p, p.counterexample!, { title: 'sqs-pool:early-delete' })).toBe(
      [
        'sequenceDiagram',
        '  title sqs-pool#58;early-delete',
        '  participant Env as env (ops)',
        '  participant Faults as faults',
        '  participant C0 as model',
        '  Env->>C0: 1. Send(0)',
        '  Note right of C0: msgs#91;0#93;.q#58; unsent → visible',
        '  Env->>C0: 2. Receive(0, 0)',
        '  Note right of C0: msgs#91;0#93;.q#58; visible → deleted<br/>workers#91;0#93;.w#58; idle → busy<br/>workers#91;0#93;.wm#58; -1 → 0',
        '  Faults-xC0: 3. Crash(0)',
        '  Note right of C0: workers#91;0#93;.w#58; busy → down<br/>workers#91;0#93;.wm#58; 0 → -1<br/>crashes#58; 0 → 1',
        '  Note over Env,C0: ✗ NoLostMessage violated after step 3',
        '',
      ].join('\n'),
    );
  });

  it('gives each component a participant, control actions as self-messages, and marks the recovery path', () => {
    const model = fleetModel();
    const [r] = checkScenario(defineScenario({ name: 'fleet', description: '', model, modes: ['exhaustive'] }));
    const p = r.properties.find((q) => q.name === 'Healthy')!;
    const lines = counterexampleToMermaid(model, p, p.counterexample!, { changes: false }).trimEnd().split('\n');
    expect(lines).toEqual([
      'sequenceDiagram',
      '  participant Faults as faults',
      '  participant C0 as ec2',
      '  participant C1 as asg',
      '  Faults-xC0: 1. Terminate(0)',
      '  Note over Faults,C1: recovery path (faults and ops stop, control actions only)',
      '  C1->>C1: 2. Replace(0)',
      '  Note over Faults,C1: ✗ Healthy not restored within 1 step',
    ]);
  });

  it('escapes names that would break the diagram', () => {
    const model = { ...fleetModel(), component: () => 'evil;\nparticipant X' };
    const cx = { actions: [{ type: 'Request', kind: 'op' as const }], labels: ['Req<script>#1; %%x'], length: 1, initIndex: 0 };
    const out = counterexampleToMermaid(model, { name: 'OneUp', kind: 'always' }, cx, { changes: false });
    expect(out).toContain('  participant C0 as evil#59; participant X\n');
    expect(out).toContain('  Env->>C0: 1. Req#60;script#62;#35;1#59; #37;#37;x\n');
    for (const line of out.trimEnd().split('\n').slice(1)) expect(line).toMatch(/^  (participant|Env|Faults|C\d|Note)/);
    expect(escapeMermaid('a:b;c#d')).toBe('a#58;b#59;c#35;d');
  });
});
