// The models bench/compare-warm.mjs and bench/phases.mjs load from a build's dist/ (issue 16):
// compose-aws 2 (bench/compose-aws.ts's composition, 2 faults), sqs-pool `--encoded` at a size, or
// sqs-pool's plain-object model at a size (`plain-xlarge`: the default path, codes inferred).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The names `benchModel` knows, for a usage line. */
export const BENCH_MODELS = 'compose-aws-2|[plain-]small|medium|large|xlarge|xxlarge';

/** Model `name` built from `dist` (a build's dist/ folder), or undefined for a name it does not know. */
export async function benchModel(dist, name) {
  const load = (path) => import(pathToFileURL(join(dist, path)).href);
  if (name === 'compose-aws-2') {
    const [{ az }, { capacity }, { ec2 }, { asg }, { elb, elbHealthy }, { compose }] = await Promise.all(
      ['model/aws/az/index.js', 'model/aws/capacity/index.js', 'model/aws/ec2/index.js', 'model/aws/asg/index.js', 'model/aws/elb/index.js', 'model/compose/compose.js'].map(load),
    );
    return compose([az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), elb({ registered: [0, 1], attachedToAsg: true })], { maxFaults: 2 });
  }
  const [{ packedSqsPool }, { SIZES, sqsPool }] = await Promise.all([load('scenarios/sqs-pool/packed.js'), load('scenarios/sqs-pool/model.js')]);
  if (name.startsWith('plain-')) return Object.hasOwn(SIZES, name.slice(6)) ? sqsPool(SIZES[name.slice(6)]) : undefined;
  return Object.hasOwn(SIZES, name) ? packedSqsPool(SIZES[name]) : undefined;
}
