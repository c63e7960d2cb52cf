/**
 * ebs's packed form (model/aws/ebs/packed.ts): a second implementation of `ebsActions`,
 * `reduceEbs` and `ebsTicking` on the world's code, so it is compared with the object functions
 * by `checkPacked` on every reachable state of hand-picked compositions (every op, fault, the
 * snapshot policy, zone outages and stuck EBS, launches creating volumes, terminations deleting
 * and detaching them) and of seeded random ones over ebs's options, and the explorer's results
 * (counts, verdicts, counterexamples) with ebs's properties are compared with and without it.
 * The compositions it refuses must explore on objects, and a wrong packed form must be caught.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asg, type AsgOptions } from '../../../model/aws/asg/index.js';
import { az, type AzOptions } from '../../../model/aws/az/index.js';
import { controlPlane } from '../../../model/aws/control-plane/index.js';
import { EBS_FAULTS, EBS_OPS, ebs, type EbsOptions, type EbsVolumeSpec } from '../../../model/aws/ebs/index.js';
import { ec2, type Ec2Options } from '../../../model/aws/ec2/index.js';
import { eip, type EipOptions } from '../../../model/aws/eip/index.js';
import type { Action, Model } from '../../../model/core/model.js';
import type { Component, PackedComponent, World } from '../../../model/compose/component.js';
import type { FieldAccessor } from '../../../model/core/accessors.js';
import { compose, type ComposedModel } from '../../../model/compose/compose.js';
import { packedLayout } from '../../../model/compose/packed.js';
import { t } from '../../../model/core/schema.js';
import { checkPacked } from '../../../engine/packed-check.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { agreesOnSample, onObjects, sameResults } from './packed-support.js';
import {
  dataSurvivesReplacementOnVolumes, noAckedWriteLostOnVolumes, reachedVolumeKept, recoveryPointBoundedOnVolumes,
} from '../../../properties/fleet.js';
import { bundledScenarios } from '../../../scenarios/index.js';
import { ebsDeleteOnTerminationModel } from '../../../scenarios/fleet/ebs-delete-on-termination.js';
import { eipStandbyFailoverModel } from '../../../scenarios/fleet/eip-standby-failover.js';

const ALL_OPS = [...EBS_OPS];
const ALL_FAULTS = [...EBS_FAULTS];

const composed = (parts: readonly unknown[], opts: object = {}) => compose(parts as Component[], opts) as unknown as Model<World, Action>;

describe('ebs: packed transitions on hand-picked compositions, every reachable state', () => {
  const cases: [string, () => unknown[], object, number][] = [
    [
      'every op and fault in one zone (outage, stuck EBS), launches creating a root and a kept data volume, terminations',
      () => [
        az({ azs: 1, maxDown: 1, faults: ['AzOutage', 'AzEbsStuck'] }),
        ec2({ slots: 1, azs: 1, initial: [0], ops: ['LaunchInstance', 'TerminateInstance'], faults: [] }),
        ebs({ slots: 1, azs: 1, initial: [0], volumes: [{ az: 0 }], launchDataVolumes: 1, launchDataDeleteOnTermination: false, spareVolumes: 0, maxWrites: 1, ops: ALL_OPS, faults: ALL_FAULTS }),
      ],
      { maxFaults: 1 },
      40_000,
    ],
    [
      'two zones: attaches in the volume\'s zone only, detaches, restores into the other zone, an outage or stuck EBS, stopped instances',
      () => [
        az({ azs: 2, maxDown: 1, faults: ['AzOutage', 'AzEbsStuck'], recoverable: false }),
        ec2({ slots: 2, initial: [0, 1], ops: ['StopInstance', 'StartInstance'], faults: [] }),
        ebs({ slots: 2, initial: [0, 1], rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }], maxWrites: 1, ops: ['WriteData', 'CreateSnapshot', 'AttachVolume', 'DetachVolume', 'RestoreVolume'], faults: ['VolumeFailure'] }),
      ],
      { maxFaults: 1 },
      90_000,
    ],
    [
      'a group of one replacing its failed instance: AsgLaunch creates a root volume holding the data (kept) and a data volume',
      () => [
        az({ azs: 2, maxDown: 1 }),
        ec2({ slots: 2, initial: [0], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
        asg({ min: 1, slots: 2, gracePeriodSeconds: 0 }),
        ebs({ slots: 2, initial: [0], autoScaling: true, dataOnRoot: true, rootDeleteOnTermination: false, launchDataVolumes: 1, maxWrites: 1, ops: ['WriteData', 'AttachVolume', 'DetachVolume', 'DeleteVolume'], faults: ['VolumeFailure'] }),
      ],
      { maxFaults: 1 },
      3_000,
    ],
    [
      'a snapshot policy every three ticks, an RPO of two, stale snapshots and restores, I/O disabled and enabled, stuck EBS',
      () => [
        az({ azs: 2, maxDown: 1, faults: ['AzEbsStuck', 'AzOutage'] }),
        ec2({ slots: 1, initial: [0], ops: [], faults: [] }),
        ebs({
          slots: 1, initial: [0], rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }, { az: 1 }], spareVolumes: 0, maxWrites: 2,
          rpoSeconds: 120, snapshotEverySeconds: 180, ops: ['WriteData', 'CreateSnapshot', 'RestoreVolume', 'EnableVolumeIo', 'DeleteVolume'], faults: ['VolumeIoDisabled'],
        }),
      ],
      { maxFaults: 1 },
      10_000,
    ],
    [
      'the standby failover runbook behind an Elastic IP and a throttled control plane that may fail (hourly policy)',
      () => [
        az({ azs: 2, maxDown: 1, recoverable: false }),
        ec2({ slots: 3, initial: [0, 0, 1], autoRecovery: false, faults: ['HostFailure'] }),
        ebs({
          slots: 3, initial: [0, 0, 1], rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }], maxWrites: 2, rpoSeconds: 3_600, snapshotEverySeconds: 3_600,
          tickSeconds: 3_600, ops: ['WriteData', 'DetachVolume', 'AttachVolume', 'RestoreVolume'], faults: [],
        }),
        eip({ count: 1, slots: 3, associated: [0], ops: ['RemapAddress'], remapTo: [1, 2] }),
        controlPlane({ callsPerTick: 1, faults: ['ControlPlaneImpaired'] }),
      ],
      { maxFaults: 1, tickSeconds: 3_600 },
      60_000,
    ],
    [
      'a pool with no spare slot: launches overflow it; a volume deleted on termination',
      () => [
        az({ azs: 1, maxDown: 0 }),
        ec2({ slots: 3, azs: 1, initial: [0], ops: ['LaunchInstance', 'TerminateInstance'], faults: [] }),
        ebs({ slots: 3, azs: 1, initial: [0], volumes: [{ az: 0, attachedTo: 0, deleteOnTermination: true }], launchDataVolumes: 1, spareVolumes: 0, maxWrites: 1, ops: ['WriteData', 'DeleteVolume'], faults: [] }),
      ],
      { maxFaults: 0 },
      2_500,
    ],
    [
      'two faults on one volume (its I/O disabled, then it fails, or the reverse), data on a relaunched root volume',
      () => [
        az({ azs: 1, maxDown: 1, faults: ['AzEbsStuck'] }),
        ec2({ slots: 1, azs: 1, initial: [0], ops: ['TerminateInstance', 'LaunchInstance'], faults: [] }),
        ebs({ slots: 1, azs: 1, initial: [0], dataOnRoot: true, volumes: [{ az: 0 }], maxWrites: 1, ops: ['WriteData', 'EnableVolumeIo', 'AttachVolume', 'DetachVolume'], faults: ALL_FAULTS }),
      ],
      { maxFaults: 2 },
      500,
    ],
    [
      'ebs over fewer slots than ec2 (instance-store roots), a launch past its slots',
      () => [
        az({ azs: 2, maxDown: 1 }),
        ec2({ slots: 3, initial: [0, 1], rootDevice: 'instance-store', ops: ['TerminateInstance', 'LaunchInstance'], manualFirstSlot: 2, faults: [] }),
        ebs({ slots: 2, initial: [0, 1], rootVolume: false, volumes: [{ az: 1, attachedTo: 1 }, { az: 0 }], maxWrites: 1, ops: ['WriteData', 'AttachVolume', 'DetachVolume', 'CreateSnapshot'], faults: ['VolumeFailure'] }),
      ],
      { maxFaults: 1 },
      2_000,
    ],
    [
      'ebs over more slots and zones than ec2, a volume in a zone past az\'s (never usable), launches and terminations',
      () => [
        az({ azs: 2, maxDown: 1 }),
        ec2({ slots: 1, azs: 2, initial: [1], ops: ['LaunchInstance', 'TerminateInstance'], faults: ['AppCrash'] }),
        ebs({ slots: 3, azs: 3, initial: [1], volumes: [{ az: 2 }, { az: 1 }], maxWrites: 1, ops: ['WriteData', 'AttachVolume', 'CreateSnapshot', 'DeleteVolume'], faults: ['VolumeFailure'] }),
      ],
      { maxFaults: 1 },
      5_000,
    ],
  ];
  for (const [what, parts, opts, atLeast] of cases) {
    it(what, () => {
      const m = composed(parts(), opts);
      expect(m.packed).toBeDefined();
      const r = checkPacked(m, { maxStates: 200_000 });
      expect(r.mismatches).toEqual([]);
      expect(r.complete).toBe(true);
      expect(r.states).toBeGreaterThan(atLeast);
    });
  }

  it('the bundled scenarios with ebs outside Regions explore on codes, agreeing on every reachable state', () => {
    const withEbs = bundledScenarios.filter((s) => ((s.build() as ComposedModel).components ?? []).some((c) => c.catalog.op.some((type) => type.endsWith('AttachVolume'))));
    const onCodes = withEbs.filter((s) => s.build().packed !== undefined).map((s) => s.name);
    expect(onCodes).toEqual([
      'ami-replacement:ebs-volume', 'eip-standby-failover:instance-failure', 'eip-standby-failover:az-outage',
      'ebs-delete-on-termination:root-volume', 'ebs-delete-on-termination:kept-volume', 'legacy-server:server',
    ]);
    // DR's backups live in Regions (named instances): objects.
    expect(withEbs.filter((s) => !onCodes.includes(s.name)).map((s) => s.name)).toEqual(['dr:backup-restore', 'dr:backup-in-failed-region']);
    for (const name of onCodes) {
      const r = checkPacked(bundledScenarios.find((s) => s.name === name)!.build(), { maxStates: 100_000 });
      expect(r.mismatches, name).toEqual([]);
      expect(r.complete, name).toBe(true);
    }
  });
});

describe('ebs: packed against object searches with its properties', () => {
  it('the standby failover (NoAckedWriteLost fails after a zone outage, RecoveryPointBounded holds), under prompt control too', () => {
    for (const failure of ['instance-failure', 'az-outage'] as const) {
      const m = eipStandbyFailoverModel(failure) as unknown as Model<World, Action>;
      sameResults(m);
      sameResults(m, { promptControl: true });
    }
    const r = exploreExhaustive(eipStandbyFailoverModel('az-outage') as unknown as Model<World, Action>, { promptControl: true });
    expect(r.properties.find((p) => p.name === 'NoAckedWriteLost')?.verdict).toBe('fails');
    expect(r.properties.find((p) => p.name === 'RecoveryPointBounded')?.verdict).toBe('holds');
  });

  it('DeleteOnTermination: the root volume\'s data lost on replacement, a kept volume\'s not (whole graph, every property decided)', () => {
    for (const data of ['root-volume', 'kept-volume'] as const) sameResults(ebsDeleteOnTerminationModel(data) as unknown as Model<World, Action>, { full: true });
    expect(exploreExhaustive(ebsDeleteOnTerminationModel('root-volume') as unknown as Model<World, Action>).properties[0].verdict).toBe('fails');
  });

  it('a snapshot policy slower than the RPO: RecoveryPointBounded fails, with the object search\'s counterexample', () => {
    const m = (snapshotEverySeconds: number) => composed([
      az({ azs: 2, maxDown: 1, faults: ['AzOutage'] }),
      ec2({ slots: 1, initial: [0], ops: [], faults: [] }),
      ebs({ slots: 1, initial: [0], rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }], maxWrites: 2, rpoSeconds: 120, snapshotEverySeconds, ops: ['WriteData', 'RestoreVolume', 'AttachVolume'], faults: ['VolumeIoDisabled'] }),
    ], { maxFaults: 1, properties: [noAckedWriteLostOnVolumes(), dataSurvivesReplacementOnVolumes(), recoveryPointBoundedOnVolumes({ snapshotPolicy: true }), reachedVolumeKept()] });
    for (const period of [60, 300]) {
      sameResults(m(period));
      sameResults(m(period), { promptControl: true, full: true });
    }
    const verdict = (period: number) => exploreExhaustive(m(period)).properties.find((p) => p.name === 'RecoveryPointBounded')?.verdict;
    expect([verdict(60), verdict(300)]).toEqual(['holds', 'fails']);
  });
});

describe('ebs: no packed form where it does not reach', () => {
  const packedOf = (cs: readonly unknown[], opts = {}) => compose(cs as Component[], opts).packed;

  it('initial instances past ec2\'s slots (the object functions read an instance ec2 does not have)', () => {
    expect(packedOf([az(), ec2({ slots: 2, initial: [0, 1] }), ebs({ slots: 3, initial: [0, 1, 0] })])).toBeUndefined();
    // More ebs slots than ec2 has, with the initial instances within ec2's: codes.
    expect(packedOf([az(), ec2({ slots: 2, initial: [0, 1] }), ebs({ slots: 3, initial: [0, 1] })])).toBeDefined();
  });

  it('a world with a Region (az\'s reads follow it), named instances', () => {
    const disks = ebs() as unknown as Component;
    const parts = { az: az().schema, ec2: ec2().schema, ebs: disks.schema };
    const withRegion = t.record('World', { region: t.record('Region', { up: t.bool() }), ...parts });
    expect(disks.packed!(packedLayout(withRegion as never, ['region', 'az', 'ec2', 'ebs']))).toBeUndefined();
    expect(disks.packed!(packedLayout(t.record('World', parts) as never, ['az', 'ec2', 'ebs']))).toBeDefined();
    // Without ec2 in the world there is nothing to read instances from.
    expect(disks.packed!(packedLayout(t.record('World', { az: az().schema, ebs: disks.schema }) as never, ['az', 'ebs']))).toBeUndefined();
    expect(packedOf([az(), ec2({ name: 'web', initial: [0] }), ebs({ name: 'disks', initial: [0], uses: { ec2: 'web' } })])).toBeUndefined();
  });

  it('a launch into a zone ebs does not have stops the packed run as it stops the object run', () => {
    const m = composed([az({ azs: 2 }), ec2({ slots: 1, azs: 2, ops: ['LaunchInstance'], faults: [] }), ebs({ slots: 1, azs: 1 })]);
    expect(m.packed).toBeDefined();
    expect(() => exploreExhaustive(onObjects(m))).toThrow(/ebs\.volumes\[0\]\.az: 1 is outside 0\.\.0/);
    expect(() => exploreExhaustive(m)).toThrow(/ebs\.volumes\[0\]\.az: 1 is outside 0\.\.0/);
    // The packed reducer itself refuses (the explorer's sample of object successors is a net, not a proof).
    const code = new Uint32Array(m.codeWords!);
    m.encode!(m.init()[0], code, 0);
    const launch = m.packed!.table.findIndex((a) => a.type === 'LaunchInstance' && (a as unknown as { readonly az: number }).az === 1);
    expect(() => m.packed!.next(code, 0, launch, new Uint32Array(m.codeWords!), 0)).toThrow('ebs.volumes[0].az: 1 is outside 0..0 (a launch into a zone ebs does not have: give ebs azs: 2)');
  });

  it('refuses a reducer for a type it does not reduce', () => {
    const parts = [az(), ec2(), ebs()] as unknown as Component[];
    const layout = packedLayout(compose(parts).schema!, parts.map((c) => c.name));
    expect(() => parts[2].packed!(layout)!.reducer('AzOutage')).toThrow('ebs: no packed reducer for AzOutage');
  });
});

describe('ebs: checkPacked catches a wrong packed form', () => {
  /** The policy composition with ebs's packed form changed by `wrong`. */
  function mutated(wrong: (p: PackedComponent, lost: FieldAccessor) => PackedComponent): Model<World, Action> {
    const disks = ebs({ slots: 1, initial: [0], rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }, { az: 1 }], spareVolumes: 0, maxWrites: 2, rpoSeconds: 120, snapshotEverySeconds: 180, ops: ['WriteData', 'CreateSnapshot', 'RestoreVolume', 'DeleteVolume'], faults: ['VolumeFailure'] }) as unknown as Component;
    const changed: Component = { ...disks, packed: (layout) => wrong(disks.packed!(layout)!, layout.field('ebs.lost')) };
    return composed([az({ azs: 2, maxDown: 1 }), ec2({ slots: 1, initial: [0], ops: [], faults: [] }), changed], { maxFaults: 1 });
  }

  it('a reducer that forgets a field, a timer that never runs', () => {
    // VolumeFailure leaves `lost` as it was: losing the only copy goes unnoticed.
    const forgets = mutated((p, lost) => ({
      ...p,
      reducer: (type: string) => {
        const r = p.reducer(type);
        return type !== 'VolumeFailure' ? r : (a, code, off, out, o) => {
          r(a, code, off, out, o);
          lost.set(out, o, lost.get(code, off));
        };
      },
    }));
    expect(checkPacked(forgets, { maxStates: 20_000 }).mismatches[0]).toBe('next VolumeFailure(0): ebs.lost: packed false, the model true (after WriteData(0))');
    const noTimer = mutated((p) => ({ ...p, ticking: () => false }));
    expect(checkPacked(noTimer, { maxStates: 20_000 }).mismatches[0]).toMatch(/^actions: packed lists \[.*\], the model \[.*Tick\]/);
  });
});

/** Seeded random compositions of ebs with az and ec2, sometimes asg, eip and a control plane. */
const composition = fc
  .record({
    ec2Azs: fc.integer({ min: 1, max: 2 }),
    azAzs: fc.integer({ min: 1, max: 3 }),
    // ebs may know more zones than ec2 launches into (never fewer: its volumes' zones would not fit).
    extraEbsAzs: fc.integer({ min: 0, max: 1 }),
    slots: fc.integer({ min: 1, max: 3 }),
    extraEbsSlots: fc.integer({ min: -1, max: 1 }),
    withAsg: fc.boolean(),
    withEip: fc.boolean(),
    withControlPlane: fc.boolean(),
    maxFaults: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      initial: fc.array(fc.integer({ min: 0, max: shape.ec2Azs - 1 }), { maxLength: shape.slots }),
      az: fc.record({
        maxDown: fc.integer({ min: 0, max: shape.azAzs }),
        recoverable: fc.boolean(),
        faults: fc.subarray(['AzOutage', 'AzEbsStuck'] as const),
      }),
      ec2: fc.record({
        rootDevice: fc.constantFrom('ebs', 'instance-store'),
        autoRecovery: fc.boolean(),
        ops: fc.subarray(['LaunchInstance', 'StartInstance', 'StopInstance', 'TerminateInstance'] as const),
        faults: fc.subarray(['HostFailure', 'AppCrash'] as const),
      }),
      asg: fc.record({ min: fc.integer({ min: 0, max: 1 }), gracePeriodSeconds: fc.constantFrom(0, 60), azs: fc.integer({ min: 1, max: shape.ec2Azs }) }),
      eip: fc.record({ ops: fc.subarray(['AssociateAddress', 'DisassociateAddress', 'RemapAddress'] as const) }),
      ebs: fc.record({
        // A spec attached to initial instance `attach % initial.length` (in its zone), or a free one in zone `az`.
        volumes: fc.array(fc.record({ attach: fc.option(fc.nat(), { nil: undefined }), az: fc.nat(), deleteOnTermination: fc.boolean() }), { maxLength: 2 }),
        rootVolume: fc.boolean(),
        rootDeleteOnTermination: fc.boolean(),
        dataOnRoot: fc.boolean(),
        launchDataVolumes: fc.integer({ min: 0, max: 1 }),
        launchDataDeleteOnTermination: fc.boolean(),
        spareVolumes: fc.integer({ min: 0, max: 2 }),
        maxWrites: fc.integer({ min: 1, max: 2 }),
        rpoSeconds: fc.constantFrom(0, 60, 180),
        snapshotEverySeconds: fc.constantFrom(0, 60, 120),
        ops: fc.subarray(ALL_OPS),
        faults: fc.subarray(ALL_FAULTS),
      }),
    }),
  );

describe('ebs: packed transitions over its options (seeded)', () => {
  it('agree with the object functions on the reachable states of random compositions', () => {
    let compared = 0;
    fc.assert(
      fc.property(composition, (c) => {
        const { shape, initial } = c;
        const ebsAzs = shape.ec2Azs + shape.extraEbsAzs;
        const ebsSlots = Math.max(1, initial.length, shape.slots + shape.extraEbsSlots);
        const volumes: EbsVolumeSpec[] = c.ebs.volumes.map(({ attach, az: z, deleteOnTermination }) =>
          attach !== undefined && initial.length > 0
            ? { az: initial[attach % initial.length], attachedTo: attach % initial.length, deleteOnTermination }
            : { az: z % ebsAzs });
        // A pool of at least one slot (ebs refuses an empty one).
        const pooled = volumes.length + ebsSlots * ((c.ebs.rootVolume ? 1 : 0) + c.ebs.launchDataVolumes) > 0;
        const ebsOptions: EbsOptions = { ...c.ebs, volumes, slots: ebsSlots, azs: ebsAzs, initial, autoScaling: shape.withAsg, spareVolumes: pooled ? c.ebs.spareVolumes : Math.max(1, c.ebs.spareVolumes) };
        const cs: unknown[] = [
          az({ azs: shape.azAzs, ...c.az } as AzOptions),
          ec2({ slots: shape.slots, azs: shape.ec2Azs, initial, autoScaling: shape.withAsg, ...c.ec2 } as Ec2Options),
        ];
        if (shape.withAsg) cs.push(asg({ slots: shape.slots, desired: Math.max(c.asg.min, Math.min(1, shape.slots)), ...c.asg } as AsgOptions));
        cs.push(ebs(ebsOptions));
        if (shape.withEip) {
          const associated = initial.length > 0 ? [0] : [];
          cs.push(eip({ count: 1, slots: shape.slots, associated, allocated: 1, remapTo: Array.from({ length: shape.slots }, (_, i) => i), ...c.eip } as EipOptions));
        }
        if (shape.withControlPlane) cs.push(controlPlane({ callsPerTick: 1 }));
        const m = compose(cs as Component[], shape.maxFaults === undefined ? {} : { maxFaults: shape.maxFaults }) as ComposedModel;
        agreesOnSample(m as unknown as Model<World, Action>, JSON.stringify(c));
        compared++;
      }),
      { seed: 2804, numRuns: 120 },
    );
    expect(compared).toBe(120);
  });
});
