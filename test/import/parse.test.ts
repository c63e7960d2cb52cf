// Reading templates: every CloudFormation short form becomes its long form as data, JSON
// templates read the same, lines are kept, and bad input is one line naming file and line.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/scenario.js';
import { parseTemplate, SHORT_FORMS } from '../../import/cfn/parse.js';

const props = (yaml: string) => {
  const t = parseTemplate(`Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n${yaml}`, 't.yaml');
  return (t.data.Resources as Record<string, { Properties: Record<string, unknown> }>).R.Properties;
};

describe('short-form tags are parsed as data, never executed', () => {
  it.each([
    ['!Ref X', { Ref: 'X' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Queue.Arn', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ['!GetAtt Lb.SourceSecurityGroup.GroupName', { 'Fn::GetAtt': ['Lb', 'SourceSecurityGroup.GroupName'] }],
    ['!GetAtt [Queue, Arn]', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ["!Sub 'arn:${AWS::Partition}:s3:::${B}'", { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${B}' }],
    ["!Sub ['a-${X}', { X: !Ref P }]", { 'Fn::Sub': ['a-${X}', { X: { Ref: 'P' } }] }],
    ['!Join [",", [a, b]]', { 'Fn::Join': [',', ['a', 'b']] }],
    ["!Select [1, !GetAZs '']", { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!If [C, 1, 2]', { 'Fn::If': ['C', 1, 2] }],
    ['!Equals [!Ref P, "true"]', { 'Fn::Equals': [{ Ref: 'P' }, 'true'] }],
    ['!FindInMap [M, !Ref "AWS::Region", K]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!ImportValue shared-vpc', { 'Fn::ImportValue': 'shared-vpc' }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
  ])('%s', (yaml, expected) => {
    expect(props(`      V: ${yaml}\n`).V).toEqual(expected);
  });

  it('knows the sixteen short forms the issue names (and !Cidr, !Transform)', () => {
    for (const tag of ['!Ref', '!GetAtt', '!Sub', '!Join', '!Select', '!GetAZs', '!If', '!Equals', '!FindInMap', '!Split', '!Base64', '!ImportValue', '!Condition', '!And', '!Or', '!Not']) {
      expect(SHORT_FORMS[tag], tag).toBeDefined();
    }
  });

  it('a tag on a mapping (!Base64 over Fn::Join) keeps the mapping inside', () => {
    expect(props('      V: !Base64\n        Fn::Join: ["", [a, !Ref B]]\n').V).toEqual({ 'Fn::Base64': { 'Fn::Join': ['', ['a', { Ref: 'B' }]] } });
  });
});

describe('templates, JSON and lines', () => {
  it('reads a JSON template with the same data and the line of each resource and property', () => {
    const text = '{\n  "Resources": {\n    "Q": {\n      "Type": "AWS::SQS::Queue",\n      "Properties": { "VisibilityTimeout": { "Ref": "V" } }\n    }\n  }\n}\n';
    const t = parseTemplate(text, 'q.json');
    expect(t.data.Resources).toEqual({ Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: { Ref: 'V' } } } });
    expect(t.lines.get('Q')).toBe(3);
    expect(t.propertyLines.get('Q.VisibilityTimeout')).toBe(5);
  });

  it('accepts a template with only AWSTemplateFormatVersion (no resources yet is CloudFormation\'s error, not ours)', () => {
    expect(() => parseTemplate("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", 'x.yaml')).not.toThrow();
  });
});

describe('bad input: one line naming the file and the line', () => {
  const message = (text: string, file = 'bad.yaml') => {
    try {
      parseTemplate(text, file);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('malformed YAML', () => {
    const m = message('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: [unclosed\n');
    expect(m).toMatch(/^bad\.yaml:\d+: not valid YAML or JSON: /);
    expect(m).not.toContain('\n');
  });

  it('not a template: a mapping without Resources or AWSTemplateFormatVersion', () => {
    expect(message('name: app\nversion: 2\n')).toBe('bad.yaml: not a CloudFormation template: it has neither Resources nor AWSTemplateFormatVersion');
  });

  it('not a template: a list', () => {
    expect(message('- a\n- b\n')).toMatch(/^bad\.yaml: not a CloudFormation template/);
  });

  it('an unknown short-form tag, with the line and the resource it is in', () => {
    expect(message('Resources:\n  A:\n    Type: AWS::S3::Bucket\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      V: !Frobnicate 3\n')).toMatch(/^bad\.yaml:7: resource Q: unknown intrinsic function tag !Frobnicate/);
  });

  it('!GetAtt without a dot', () => {
    expect(message('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      V: !GetAtt Queue\n')).toBe('bad.yaml:5: resource Q: !GetAtt Queue must name Resource.Attribute');
  });

  it('a duplicate key', () => {
    expect(message('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::S3::Bucket\n')).toMatch(/^bad\.yaml:4: not valid YAML or JSON: Map keys must be unique/);
  });
});
