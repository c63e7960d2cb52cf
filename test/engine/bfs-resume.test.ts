// What engine/bfs.ts checks when it resumes a checkpoint (exploreResumable and the start of a
// resumed search): a checkpoint of other initial states, of other codes or widths, a finding
// at the very first state, each refused or carried over exactly; small grid models, stopped at
// their first poll (the stop flag is read every 1,024 expansions).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exploreExhaustive, LIVENESS_SYMMETRY_NOTICE, type ExhaustiveOptions } from '../../engine/bfs.js';
import { loadCheckpoint, type Checkpoint } from '../../engine/checkpoint.js';
import type { Report } from '../../engine/report.js';
import type { Model } from '../../model/core/model.js';
import { always, eventually, sometimes, type Property } from '../../model/core/property.js';
import { t } from '../../model/core/schema.js';
import { withSchema } from '../../model/core/with-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-bfs-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = (): string => join(dir, `run-${files++}.ckpt`);

type XY = { readonly x: number; readonly y: number };
type Step = { readonly type: 'Right' | 'Up'; readonly kind: 'op' };
const RIGHT: Step = { type: 'Right', kind: 'op' };
const UP: Step = { type: 'Up', kind: 'op' };

/** A `size` by `size` grid walked from `from` by Right and Up: size^2 states when from is the corner. */
function grid(properties: readonly Property<XY>[], size = 60, from: XY = { x: 0, y: 0 }): Model<XY, Step> {
  return {
    init: () => [from],
    actions: (s) => [...(s.x < size - 1 ? [RIGHT] : []), ...(s.y < size - 1 ? [UP] : [])],
    next: (s, a) => (a.type === 'Right' ? { x: s.x + 1, y: s.y } : { x: s.x, y: s.y + 1 }),
    properties,
  };
}

const stopAtFirstPoll = (): { readonly aborted: boolean } => ({ aborted: true });
const ID = 'grid';

/** Runs `model` until its first poll, writing a checkpoint there; returns the file. */
function checkpointed(model: Model<XY, Step>, opts: ExhaustiveOptions = {}): string {
  const file = fresh();
  const r = exploreExhaustive(model, { ...opts, identity: ID, signal: stopAtFirstPoll(), checkpoint: { file } });
  expect(r.stats.stoppedBy).toBe('interrupted');
  return file;
}

const outcome = (r: Report) => ({ states: r.stats.distinctStates, transitions: r.stats.transitions, complete: r.stats.complete, verdicts: r.properties.map((p) => p.verdict) });

describe('resuming refuses a checkpoint of other initial states', () => {
  const props = [always<XY>('Small', (s) => s.x + s.y < 500)];
  const file = checkpointed(grid(props));

  it('an initial state that is stored as a successor (its parent the first state, id 0)', () => {
    expect(() => exploreExhaustive(grid(props, 60, { x: 1, y: 0 }), { identity: ID, resume: loadCheckpoint(file) })).toThrow(
      /^--resume: the checkpoint was written for other initial states than this model's$/,
    );
  });

  it('an initial state that is not stored at all', () => {
    expect(() => exploreExhaustive(grid(props, 60, { x: 59, y: 59 }), { identity: ID, resume: loadCheckpoint(file) })).toThrow(
      /^--resume: the checkpoint was written for other initial states than this model's$/,
    );
  });

  it('the same initial state resumes to the uninterrupted run', () => {
    expect(outcome(exploreExhaustive(grid(props), { identity: ID, resume: loadCheckpoint(file) }))).toEqual(outcome(exploreExhaustive(grid(props), { identity: ID })));
  });
});

describe('a finding at the first state (id 0) carries over', () => {
  it('the resumed run stops when the last property is decided, as the uninterrupted run does', () => {
    // Fails at the initial state; Far is reached after the first poll, and then nothing is left to decide.
    const props = [always<XY>('NotAtOrigin', (s) => s.x + s.y > 0), sometimes<XY>('Far', (s) => s.x + s.y === 70)];
    const whole = exploreExhaustive(grid(props), { identity: ID });
    expect(whole.stats.complete).toBe(true);
    expect(whole.stats.distinctStates).toBeLessThan(3_600);
    expect(whole.properties.map((p) => p.verdict)).toEqual(['fails', 'reached']);
    const resumed = exploreExhaustive(grid(props), { identity: ID, resume: loadCheckpoint(checkpointed(grid(props))) });
    expect(outcome(resumed)).toEqual(outcome(whole));
    expect(resumed.properties[0].counterexample?.length).toBe(0);
  });
});

describe('resuming refuses a checkpoint of other codes', () => {
  const props = [always<XY>('Small', (s) => s.x + s.y < 500)];
  const Grid = t.record('Grid', { x: t.int(0, 59), y: t.int(0, 59) });
  const schemaGrid = () => withSchema(grid(props), Grid);
  const resumeWith = (model: Model<XY, Step>, ckpt: Checkpoint) => () => exploreExhaustive(model, { identity: ID, resume: ckpt });

  it('a checkpoint of a schema model, resumed by the plain-object model, is another run (its identity says so)', () => {
    expect(resumeWith(grid(props), loadCheckpoint(checkpointed(schemaGrid())))).toThrow(
      /^--resume: the checkpoint is of another run: its states are laid out otherwise in codes \(the state schema or the initial state's shape changed\)$/,
    );
  });

  // Behind the identity, the codes themselves are checked: a checkpoint whose identity is right
  // but whose codes are not (edited, or written by another version) is refused, not misread.
  it('codes of another kind or width under the right identity (a schema model)', () => {
    const ckpt = loadCheckpoint(checkpointed(schemaGrid()));
    expect(resumeWith(schemaGrid(), { ...ckpt, keys: { kind: 'inferred', width: 8, strings: [] } })).toThrow(
      /^--resume: the checkpoint's states are coded otherwise than this model's \(1 words of 8-bit inferred fields, now 1 words from its codec\)$/,
    );
    expect(resumeWith(schemaGrid(), { ...ckpt, words: 2 })).toThrow(/^--resume: the checkpoint's states are coded otherwise than this model's \(2 words from a codec, now 1 words from its codec\)$/);
  });

  it('codes of another kind or width under the right identity (inferred codes)', () => {
    const ckpt = loadCheckpoint(checkpointed(grid(props)));
    expect(ckpt.keys).toMatchObject({ kind: 'inferred', width: 8 });
    expect(resumeWith(grid(props), { ...ckpt, keys: { kind: 'codec' } })).toThrow(/^--resume: the checkpoint's states are coded otherwise than this model's \(1 words from a codec, now inferred codes\)$/);
    expect(resumeWith(grid(props), { ...ckpt, words: 3 })).toThrow(/^--resume: the checkpoint's states are coded otherwise than this model's \(3 words of 8-bit inferred fields, now 1 words\)$/);
  });

  it('the same codes resume to the uninterrupted run (schema)', () => {
    expect(outcome(exploreExhaustive(schemaGrid(), { identity: ID, resume: loadCheckpoint(checkpointed(schemaGrid())) }))).toEqual(outcome(exploreExhaustive(schemaGrid(), { identity: ID })));
  });
});

describe('resuming and checkpointing: the other refusals', () => {
  const props = [always<XY>('Small', (s) => s.x + s.y < 500)];

  it('a checkpoint under prompt control is another run than one without', () => {
    const file = checkpointed(grid(props), { promptControl: true });
    expect(() => exploreExhaustive(grid(props), { identity: ID, resume: loadCheckpoint(file) })).toThrow(/^--resume: the checkpoint is of another run: /);
    expect(outcome(exploreExhaustive(grid(props), { identity: ID, promptControl: true, resume: loadCheckpoint(file) }))).toEqual(outcome(exploreExhaustive(grid(props), { identity: ID, promptControl: true })));
  });

  it('initial states that no longer fit the 8-bit codes of the checkpoint', () => {
    // The same shape (so the same identity), but an initial x of 300 needs 16-bit fields.
    const file = checkpointed(grid(props));
    expect(() => exploreExhaustive(grid(props, 400, { x: 300, y: 0 }), { identity: ID, resume: loadCheckpoint(file) })).toThrow(/^--resume: this model's initial states do not fit the checkpoint's 8-bit codes$/);
  });

  it('a string dictionary too large for the codes is not a usable checkpoint', () => {
    const ckpt = loadCheckpoint(checkpointed(grid(props)));
    const strings = Array.from({ length: 257 }, (_, i) => `s${i}`);
    expect(() => exploreExhaustive(grid(props), { identity: ID, resume: { ...ckpt, keys: { kind: 'inferred', width: 8, strings } } })).toThrow(
      /^--resume: not a usable faultline checkpoint \(257 strings do not fit 8-bit fields\)$/,
    );
  });

  it('states without exact codes (a float) cannot be checkpointed', () => {
    const floats: Model<{ x: number }, Step> = { init: () => [{ x: 0.5 }], actions: () => [], next: (s) => s, properties: [] };
    expect(() => exploreExhaustive(floats, { checkpoint: { file: fresh() } })).toThrow(/^--checkpoint needs exact state codes \(a state schema, or plain-object states whose codes faultline infers\); this run would key states by fingerprint$/);
  });

  it('a checkpoint file that cannot be written is one line with the error code', () => {
    const file = join(dir, 'no-such-folder', 'run.ckpt');
    expect(() => exploreExhaustive(grid(props), { identity: ID, signal: stopAtFirstPoll(), checkpoint: { file } })).toThrow(`--checkpoint ${file}: cannot write it (ENOENT)`);
  });
});

describe('inferred codes that widen', () => {
  const props = [always<XY>('Small', (s) => s.x + s.y < 500)];
  /** The grid, but Right from x = 50 jumps to x = 300: past 8-bit fields, first met after the first poll. */
  const jumping = (calls: { n: number }, from: XY = { x: 0, y: 0 }): Model<XY, Step> => {
    const g = grid(props, 60, from);
    return { ...g, actions: (s) => (s.x >= 300 ? g.actions({ x: 59, y: s.y }) : g.actions(s)), next: (s, a) => (calls.n++, a.type === 'Right' && s.x === 50 ? { x: 300, y: s.y } : g.next(s, a)) };
  };

  it('a checkpoint of an initial state that needs 16-bit fields is written and resumed', () => {
    const file = checkpointed(grid(props, 400, { x: 300, y: 0 }));
    expect(loadCheckpoint(file).keys).toMatchObject({ kind: 'inferred', width: 16 });
    expect(outcome(exploreExhaustive(grid(props, 400, { x: 300, y: 0 }), { identity: ID, resume: loadCheckpoint(file) }))).toEqual(outcome(exploreExhaustive(grid(props, 400, { x: 300, y: 0 }), { identity: ID })));
  });

  it('a resumed run that must widen goes on from the re-coded checkpoint, not from the start', () => {
    const whole = { n: 0 };
    const reference = exploreExhaustive(jumping(whole), { identity: ID });
    const before = { n: 0 };
    const file = checkpointed(jumping(before));
    const after = { n: 0 };
    const resumed = exploreExhaustive(jumping(after), { identity: ID, resume: loadCheckpoint(file) });
    expect(outcome(resumed)).toEqual(outcome(reference));
    // From the checkpoint: fewer successors made than by the uninterrupted run (measured: 4,587
    // against 6,128; going on from the start after widening would make 6,633).
    expect(after.n).toBeLessThan(whole.n);
  });
});

describe('liveness and checkpoints', () => {
  const live = [eventually<XY>('Corner', (s) => s.x === 59 && s.y === 59)];

  it('a run with a liveness property refuses --checkpoint and --resume in one line', () => {
    expect(() => exploreExhaustive(grid(live), { checkpoint: { file: fresh() } })).toThrow(
      /^--checkpoint: liveness properties are decided on the whole graph of one uninterrupted run, which a checkpoint does not keep$/,
    );
    const file = checkpointed(grid([always<XY>('Small', (s) => s.x + s.y < 500)]));
    expect(() => exploreExhaustive(grid(live), { resume: loadCheckpoint(file) })).toThrow(/^--resume: liveness properties are decided on the whole graph/);
  });

  it('liveness with symmetry: the full graph, with the notice', () => {
    const r = exploreExhaustive({ ...grid(live, 4), canonical: (s: XY) => s }, { symmetry: true });
    expect(r.notices).toContain(LIVENESS_SYMMETRY_NOTICE);
    expect(r.stats.distinctStates).toBe(16);
  });
});
