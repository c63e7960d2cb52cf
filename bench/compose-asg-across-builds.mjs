// node bench/compose-asg-across-builds.mjs ROOT [FAULTS]: the same composition explored with the
// build in ROOT/dist, so two checkouts (before and after a change) are compared on one model.
// compose-aws without the load balancer (whose registration semantics changed): the same model in both builds.
const root = process.argv[2];
const faults = Number(process.argv[3] ?? 3);
const { az } = await import(`${root}/dist/model/aws/az/index.js`);
const { ec2 } = await import(`${root}/dist/model/aws/ec2/index.js`);
const { capacity } = await import(`${root}/dist/model/aws/capacity/index.js`);
const { asg } = await import(`${root}/dist/model/aws/asg/index.js`);
const { compose } = await import(`${root}/dist/model/compose/compose.js`);
const { exploreExhaustive } = await import(`${root}/dist/engine/bfs.js`);
const model = compose([az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2 })], { maxFaults: faults });
const r = exploreExhaustive(model);
console.log(JSON.stringify({ faults, states: r.stats.distinctStates, transitions: r.stats.transitions, ms: Math.round(r.stats.searchMs), sps: Math.round(r.stats.statesPerSecond) }));
