/**
 * The component catalog (`faultline components`): every AWS component with every option it
 * takes (AWS's defaults, units, ranges, what it does) and the actions it originates, by kind,
 * each with its plane (`control`: an AWS API call, gated by a control plane in the
 * composition; `data`: everything else). What a user reads before writing a scenario.
 */
import { planeInCatalog, type Component, type ParameterInfo, type Plane } from '../compose/component.js';
import { az } from './az/index.js';
import { ec2 } from './ec2/index.js';
import { asg } from './asg/index.js';
import { capacity } from './capacity/index.js';
import { elb } from './elb/index.js';
import { ebs } from './ebs/index.js';
import { eip } from './eip/index.js';
import { sqs } from './sqs/index.js';
import { s3 } from './s3/index.js';
import { rds } from './rds/index.js';
import { route53 } from './route53/index.js';
import { dynamodb } from './dynamodb/index.js';
import { controlPlane } from './control-plane/index.js';
import { region } from './region/index.js';
import { rdsReplica } from './rds-replica/index.js';
import { s3Replica } from './s3-replica/index.js';
import { snapshotCopy } from './snapshot-copy/index.js';
import { runbook } from './runbook/index.js';

export interface CatalogEntry {
  readonly name: string;
  readonly parameters: readonly ParameterInfo[];
  readonly actions: {
    readonly op: readonly string[];
    readonly fault: readonly string[];
    readonly control: readonly string[];
    /** Every action above by name: `control` (an AWS API call) or `data`. */
    readonly plane: Readonly<Record<string, Plane>>;
  };
}

/** Each component's factory by name, in the order the catalog lists them (tests drive every component from here). */
export const COMPONENT_FACTORIES: Readonly<Record<string, (options?: object) => Component<any, any, string>>> = {
  ec2, asg, capacity, elb, ebs, eip, sqs, s3, rds, az, route53, dynamodb, controlPlane, region, rdsReplica, s3Replica, snapshotCopy, runbook,
};

/** Each component built with its defaults: its options, their defaults and its actions. */
export function componentCatalog(): CatalogEntry[] {
  return Object.values(COMPONENT_FACTORIES).map((make) => {
    const c = make();
    const plane: Record<string, Plane> = {};
    for (const type of [...c.catalog.op, ...c.catalog.fault, ...c.catalog.control]) plane[type] = planeInCatalog(c.catalog, type);
    return {
      name: c.name,
      parameters: c.parameters.map((p) => ({ name: p.name, default: p.default, unit: p.unit, range: p.range, description: p.description })),
      actions: { op: [...c.catalog.op], fault: [...c.catalog.fault], control: [...c.catalog.control], plane },
    };
  });
}
