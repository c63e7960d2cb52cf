/**
 * The values a resolved template holds besides plain data: what cannot be known before the
 * stack exists (`Unknown`, always with the reason), a resource's identity (`ResourceRef`, what
 * `Ref` to a resource returns: its physical id, unknown, but which resource it is, known), an
 * attribute of one (`AttrRef`), and `AWS::NoValue` (the property is removed).
 */

/** A value the import cannot know from the template (an imported value, a parameter without default...). */
export class Unknown {
  constructor(readonly why: string) {}
  toString(): string {
    return `<unknown: ${this.why}>`;
  }
}

/** `Ref` to a resource: its physical id (unknown until it exists) names that resource. */
export class ResourceRef {
  constructor(readonly id: string) {}
  toString(): string {
    return `<Ref ${this.id}>`;
  }
}

/** `Fn::GetAtt` of an attribute the import does not evaluate (an ARN, a DNS name). */
export class AttrRef {
  constructor(
    readonly id: string,
    readonly attr: string,
  ) {}
  toString(): string {
    return `<GetAtt ${this.id}.${this.attr}>`;
  }
}

/** `Ref: AWS::NoValue`: the enclosing property or list entry is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/**
 * The resource a value names: a `Ref` or `GetAtt` to it, or a plain string equal to a logical
 * id (an ARN or a name written out cannot be followed: undefined).
 */
export function referencedId(v: unknown): string | undefined {
  if (v instanceof ResourceRef || v instanceof AttrRef) return v.id;
  return undefined;
}

/** A number from a number or a numeric string (CloudFormation passes most numbers as strings). */
export function asNumber(v: unknown): number | Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A boolean from a boolean or `"true"`/`"false"` (any case, as CloudFormation accepts). */
export function asBoolean(v: unknown): boolean | Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

/** A list: the value itself when it is an array, undefined otherwise (Unknown passes through). */
export function asList(v: unknown): readonly unknown[] | Unknown | undefined {
  if (v instanceof Unknown) return v;
  return Array.isArray(v) ? v : undefined;
}

/** A plain mapping (not a list, not a marker). */
export function asRecord(v: unknown): Readonly<Record<string, unknown>> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Unknown || v instanceof ResourceRef || v instanceof AttrRef) return undefined;
  return v as Record<string, unknown>;
}

/** A value as short text for reports. */
export function show(v: unknown): string {
  if (v instanceof Unknown || v instanceof ResourceRef || v instanceof AttrRef) return v.toString();
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
