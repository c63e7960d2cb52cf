import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../../engine/checkpoint.js';
import { StateStore } from '../../engine/visited.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-ckpt-'));
const header = {
  identity: 'die-hard {}',
  keys: { kind: 'inferred', width: 8, strings: ['idle', 'busy'] } as const,
  nextId: 3,
  levelStart: 2,
  levelEnd: 5,
  depth: 1,
  transitions: 17,
  elapsedMs: 12.5,
  findings: [-1, 4],
  coverage: { model: { Fill: 3 } },
};

function storeOf(n: number, words: number, wideAt = -1): StateStore {
  const s = new StateStore(words);
  const code = new Uint32Array(words);
  for (let i = 0; i < n; i++) {
    for (let w = 0; w < words; w++) code[w] = (i * 2654435761 + w) >>> 0;
    s.insert(code, 0, i === 0 ? -1 : i - 1, i === wideAt ? 70_000 : i % 7);
  }
  return s;
}

describe('checkpoint files', () => {
  it.each([
    { what: '3-word codes', n: 5, words: 3, wideAt: -1 },
    { what: 'an action index beyond 16 bits', n: 6, words: 1, wideAt: 4 },
    { what: '10,000 states (table rebuilt)', n: 10_000, words: 2, wideAt: -1 },
  ])('round-trips the store and the header: $what', ({ n, words, wideAt }) => {
    const file = join(dir, `rt-${n}-${words}.ckpt`);
    const store = storeOf(n, words, wideAt);
    saveCheckpoint(file, { ...header, levelEnd: Math.min(5, n) }, store);
    const back = loadCheckpoint(file);
    expect(back).toMatchObject({ ...header, levelEnd: Math.min(5, n), words, count: n, wideActions: wideAt >= 0 });
    expect(back.store.count).toBe(n);
    const code = new Uint32Array(words);
    for (let i = 0; i < n; i++) {
      for (let w = 0; w < words; w++) code[w] = store.codes[i * words + w];
      // The rebuilt table finds every state under its id, and nothing is stored twice.
      expect(back.store.find(code, 0)).toBe(i);
      expect(back.store.insert(code, 0, 0, 0)).toBe(-1);
      expect(back.store.parentOf(i)).toBe(store.parentOf(i));
      expect(back.store.actionIndex[i]).toBe(store.actionIndex[i]);
    }
    // It goes on storing new states after the restored ones.
    code.fill(0xfeedf00d);
    expect(back.store.insert(code, 0, 1, 2)).toBe(n);
  });

  it.each([
    ['a missing file', (f: string) => f + '.absent', /cannot read it \(ENOENT\)/],
    ['a file that is not a checkpoint', (f: string) => (writeFileSync(f, 'hello'), f), /no checkpoint header/],
    ['a truncated checkpoint', (f: string) => (writeFileSync(f, readFileSync(f).subarray(0, -3)), f), /expected \d+ bytes, found \d+/],
    ['a header that is not JSON', (f: string) => {
      const b = readFileSync(f);
      b.write('{{', 12, 'latin1');
      writeFileSync(f, b);
      return f;
    }, /header is not JSON/],
  ])('refuses %s in one line', (_what, spoil, message) => {
    const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.ckpt`);
    saveCheckpoint(file, header, storeOf(5, 2));
    const target = spoil(file);
    expect(() => loadCheckpoint(target)).toThrow(message);
    try {
      loadCheckpoint(target);
    } catch (e) {
      expect((e as Error).name).toBe('InputError');
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('refuses counters that do not fit the store', () => {
    const file = join(dir, 'counters.ckpt');
    saveCheckpoint(file, { ...header, nextId: 9, levelEnd: 4 }, storeOf(5, 2));
    expect(() => loadCheckpoint(file)).toThrow(/inconsistent counters/);
  });
});
