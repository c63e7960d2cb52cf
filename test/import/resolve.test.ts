// Resolving templates: Parameters (defaults, --param, checks), pseudo parameters, Mappings,
// Conditions and the intrinsic functions; what cannot be known is an Unknown with its reason;
// what CloudFormation rejects is one line naming the file, the line and the resource.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/scenario.js';
import { parseTemplate } from '../../import/cfn/parse.js';
import { resolveTemplate, type ResolvedTemplate } from '../../import/cfn/resolve.js';
import { AttrRef, ResourceRef, Unknown } from '../../import/cfn/values.js';

const HEAD = `
Parameters:
  Size: { Type: Number, Default: 2, MinValue: 1, MaxValue: 10 }
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Subnets: { Type: CommaDelimitedList, Default: 'a,b,c' }
  KeyName: { Type: 'AWS::EC2::KeyPair::KeyName' }
  Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami }
Mappings:
  EnvSettings:
    dev: { Multi: 'false', Retention: 1 }
    prod: { Multi: 'true', Retention: 7 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsBig: !Not [!Equals [!Ref Size, 2]]
  ProdAndBig: !And [!Condition IsProd, !Condition IsBig]
  ProdOrBig: !Or [!Condition IsProd, !Condition IsBig]
  HasKey: !Not [!Equals [!Ref KeyName, '']]
Resources:
  Other:
    Type: AWS::S3::Bucket
`;

function resolve(props: string, params: Record<string, string> = {}, extra = ''): ResolvedTemplate {
  return resolveTemplate(parseTemplate(`${HEAD}  R:\n    Type: AWS::SQS::Queue\n    Properties:\n${props}${extra}`, 't.yaml'), { params });
}
const value = (yaml: string, params: Record<string, string> = {}) => resolve(`      V: ${yaml}\n`, params).resources.find((r) => r.id === 'R')!.properties.V;
const fails = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('Parameters', () => {
  it('a Number parameter is its default as a number, or --param', () => {
    expect(value('!Ref Size')).toBe(2);
    expect(value('!Ref Size', { Size: '5' })).toBe(5);
  });
  it('a list parameter is a list', () => {
    expect(value('!Ref Subnets')).toEqual(['a', 'b', 'c']);
    expect(value('!Select [1, !Ref Subnets]', { Subnets: 'x,y' })).toBe('y');
  });
  it('a parameter without a default is Unknown, naming the --param that sets it', () => {
    const v = value('!Ref KeyName');
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).why).toBe('parameter KeyName has no Default (give --param KeyName=...)');
  });
  it('an SSM parameter is Unknown (read at deployment)', () => {
    expect((value('!Ref Ami') as Unknown).why).toMatch(/SSM Parameter Store/);
  });
  it('a bad --param is one line naming the file, the parameter\'s line and the constraint', () => {
    expect(fails(() => value('!Ref Env', { Env: 'staging' }))).toBe('t.yaml:4: parameter Env: --param Env=staging is not one of its AllowedValues (dev, prod)');
    expect(fails(() => value('!Ref Size', { Size: 'big' }))).toBe('t.yaml:3: parameter Size: --param Size=big is not a number');
    expect(fails(() => value('!Ref Size', { Size: '11' }))).toBe('t.yaml:3: parameter Size: --param Size=11 is above its MaxValue 10');
    expect(fails(() => value('!Ref Size', { zones: '9' }))).toMatch(/^t\.yaml: --param zones must be an integer from 1 to 6/);
  });
});

describe('pseudo parameters, Mappings, Conditions', () => {
  it('AWS::Region is assumed us-east-1, overridable, and listed as an assumption', () => {
    const t = resolve('      V: !Ref AWS::Region\n');
    expect(t.resources[1].properties.V).toBe('us-east-1');
    expect(t.assumptions.map((a) => a.key)).toEqual(['region']);
    expect(value('!Ref AWS::Region', { region: 'eu-west-1' })).toBe('eu-west-1');
  });
  it('AWS::AccountId is Unknown; AWS::NoValue removes the property', () => {
    expect(value('!Ref AWS::AccountId')).toBeInstanceOf(Unknown);
    const t = resolve('      V: !If [IsProd, 1, !Ref AWS::NoValue]\n      W: [1, !Ref AWS::NoValue, 2]\n');
    expect(Object.keys(t.resources[1].properties)).toEqual(['W']);
    expect(t.resources[1].properties.W).toEqual([1, 2]);
  });
  it('FindInMap reads a mapping by resolved keys', () => {
    expect(value('!FindInMap [EnvSettings, !Ref Env, Retention]')).toBe(1);
    expect(value('!FindInMap [EnvSettings, !Ref Env, Retention]', { Env: 'prod' })).toBe(7);
  });
  it('FindInMap with a missing key is CloudFormation\'s error, at the property\'s line', () => {
    expect(fails(() => value('!FindInMap [EnvSettings, staging, Retention]'))).toBe('t.yaml:24: resource R: Fn::FindInMap: mapping EnvSettings has no staging.Retention');
  });
  it('Conditions: Equals, Not, And, Or and Condition, under Fn::If', () => {
    expect(value('!If [IsProd, yes, no]')).toBe('no');
    expect(value('!If [IsProd, yes, no]', { Env: 'prod' })).toBe('yes');
    expect(value('!If [IsBig, yes, no]', { Size: '3' })).toBe('yes');
    expect(value('!If [ProdAndBig, yes, no]', { Env: 'prod', Size: '3' })).toBe('yes');
    expect(value('!If [ProdAndBig, yes, no]', { Env: 'prod' })).toBe('no');
    expect(value('!If [ProdOrBig, yes, no]', { Env: 'prod' })).toBe('yes');
  });
  it('a condition on a parameter without a default is Unknown, and so is the Fn::If on it', () => {
    const v = value('!If [HasKey, a, b]');
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).why).toMatch(/^Fn::If on condition HasKey, which cannot be evaluated \(parameter KeyName has no Default/);
  });
  it('a resource under a false condition is skipped; under an unknown one, kept and marked', () => {
    const t = resolve('      V: 1\n', {}, '  Prod:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n  Keyed:\n    Type: AWS::SQS::Queue\n    Condition: HasKey\n');
    expect(t.skipped.map((s) => [s.id, s.condition])).toEqual([['Prod', 'IsProd']]);
    expect(t.resources.find((r) => r.id === 'Keyed')!.conditionUnknown).toBeInstanceOf(Unknown);
  });
});

describe('intrinsic functions', () => {
  it("GetAZs '' gives the assumed number of zones (2, or --param zones), Select picks one", () => {
    expect(value("!GetAZs ''")).toEqual(['us-east-1a', 'us-east-1b']);
    expect(value("!GetAZs ''", { zones: '3', region: 'eu-west-1' })).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(value("!Select [1, !GetAZs '']")).toBe('us-east-1b');
    expect(resolve("      V: !GetAZs ''\n").assumptions.map((a) => `${a.key}=${a.value}`)).toEqual(['zones=2', 'region=us-east-1']);
  });
  it('Select outside the list is an error', () => {
    expect(fails(() => value("!Select [2, !GetAZs '']"))).toBe('t.yaml:24: resource R: Fn::Select index 2 is outside the list of 2');
  });
  it('Split and Join', () => {
    expect(value('!Split [",", "a,b,c"]')).toEqual(['a', 'b', 'c']);
    expect(value('!Join ["-", [a, !Ref Env, 3]]')).toBe('a-dev-3');
    expect(value('!Join ["-", [a, !Ref Other]]')).toBeInstanceOf(Unknown);
  });
  it('Sub: parameters, pseudo parameters, variables, escapes; a resource id makes it Unknown', () => {
    expect(value("!Sub '${Env}-${AWS::Region}-${!Literal}'")).toBe('dev-us-east-1-${Literal}');
    expect(value("!Sub ['${X}.${Env}', { X: !Ref Size }]")).toBe('2.dev');
    expect((value("!Sub 'arn:aws:s3:::${Other}'") as Unknown).why).toBe('Fn::Sub of the physical id of Other');
  });
  it('Ref and GetAtt to a resource keep which resource it is', () => {
    expect(value('!Ref Other')).toEqual(new ResourceRef('Other'));
    expect(value('!GetAtt Other.Arn')).toEqual(new AttrRef('Other', 'Arn'));
  });
  it('ImportValue is Unknown, naming the export', () => {
    expect((value('!ImportValue shared-vpc') as Unknown).why).toBe('Fn::ImportValue shared-vpc: exported by another stack');
  });
  it('Base64 of a string is the string (its content is not the point)', () => {
    expect(value('!Base64 hello')).toBe('hello');
  });
  it('a subnet\'s GetAtt AvailabilityZone is its resolved zone', () => {
    const t = resolve('      V: !GetAtt Net.AvailabilityZone\n', {}, "  Net:\n    Type: AWS::EC2::Subnet\n    Properties:\n      AvailabilityZone: !Select [1, !GetAZs '']\n");
    expect(t.resources.find((r) => r.id === 'R')!.properties.V).toBe('us-east-1b');
  });
});

describe('what CloudFormation rejects', () => {
  it('an unknown function, at its line, naming the resource', () => {
    expect(fails(() => value('{ "Fn::Frobnicate": [1] }'))).toBe('t.yaml:24: resource R: unknown intrinsic function Fn::Frobnicate');
  });
  it('a Ref to nothing', () => {
    expect(fails(() => value('!Ref Nothing'))).toBe('t.yaml:24: resource R: Ref to Nothing, which is neither a parameter nor a resource of this template');
  });
  it('a circular Ref between resources, naming them in order', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Ref B\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Sub "${C.Arn}"\n  C:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n';
    expect(fails(() => resolveTemplate(parseTemplate(text, 'c.yaml')))).toBe('c.yaml:2: resource A: circular dependency between resources: A -> B -> C -> A');
  });
  it('a circular condition', () => {
    const text = 'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';
    expect(fails(() => resolveTemplate(parseTemplate(text, 'c.yaml')))).toBe('c.yaml: Conditions: circular condition: A -> B -> A');
  });
  it('a resource without a Type', () => {
    expect(fails(() => resolveTemplate(parseTemplate('Resources:\n  Q:\n    Properties: {}\n', 'c.yaml')))).toBe('c.yaml:2: resource Q: needs a Type (a string such as AWS::SQS::Queue)');
  });
});
