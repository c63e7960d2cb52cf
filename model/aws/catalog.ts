/**
 * The component catalog (`faultline components`): every AWS component with every option it
 * takes (AWS's defaults, units, ranges, what it does) and the actions it originates, by kind.
 * What a user reads before writing a scenario.
 */
import type { Component, ParameterInfo } from '../compose/component.js';
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

export interface CatalogEntry {
  readonly name: string;
  readonly parameters: readonly ParameterInfo[];
  readonly actions: { readonly op: readonly string[]; readonly fault: readonly string[]; readonly control: readonly string[] };
}

/** Each component's factory by name, in the order the catalog lists them (tests drive every component from here). */
export const COMPONENT_FACTORIES: Readonly<Record<string, (options?: object) => Component<any, any, string>>> = {
  ec2, asg, capacity, elb, ebs, eip, sqs, s3, rds, az, route53, dynamodb,
};

/** Each component built with its defaults: its options, their defaults and its actions. */
export function componentCatalog(): CatalogEntry[] {
  return Object.values(COMPONENT_FACTORIES).map((make) => {
    const c = make();
    return {
      name: c.name,
      parameters: c.parameters.map((p) => ({ name: p.name, default: p.default, unit: p.unit, range: p.range, description: p.description })),
      actions: { op: [...c.catalog.op], fault: [...c.catalog.fault], control: [...c.catalog.control] },
    };
  });
}
