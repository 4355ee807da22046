// Short-form tags become the long forms CloudFormation works on; JSON templates load as they are.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTemplate } from '../../../local/template/index.js';
import { assertTemplateError } from '../../helpers/template/model.js';

test('every short-form tag, nested, becomes its long form', () => {
  const parsed = parseTemplate(
    `
a: !Ref Name
b: !GetAtt Queue.Arn
c: !GetAtt [Queue, QueueName]
d: !Sub 'x-\${AWS::Region}'
e: !Sub ['\${A}', { A: !Ref Name }]
f: !Join ['-', [!Select [0, !Split [',', 'p,q']], !FindInMap [M, K, V]]]
g: !If [IsProd, !Base64 text, !Ref AWS::NoValue]
h: !And [!Equals [!Ref Env, prod], !Not [!Condition Other], !Or [!Condition X, !Condition Y]]
i: !GetAZs ''
j: !ImportValue Shared
k: !GetAtt Db.Endpoint.Address
`,
    't.yaml',
  );
  assert.equal(parsed, {
    a: { Ref: 'Name' },
    b: { 'Fn::GetAtt': ['Queue', 'Arn'] },
    c: { 'Fn::GetAtt': ['Queue', 'QueueName'] },
    d: { 'Fn::Sub': 'x-${AWS::Region}' },
    e: { 'Fn::Sub': ['${A}', { A: { Ref: 'Name' } }] },
    f: {
      'Fn::Join': [
        '-',
        [{ 'Fn::Select': [0, { 'Fn::Split': [',', 'p,q'] }] }, { 'Fn::FindInMap': ['M', 'K', 'V'] }],
      ],
    },
    g: { 'Fn::If': ['IsProd', { 'Fn::Base64': 'text' }, { Ref: 'AWS::NoValue' }] },
    h: {
      'Fn::And': [
        { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        { 'Fn::Not': [{ Condition: 'Other' }] },
        { 'Fn::Or': [{ Condition: 'X' }, { Condition: 'Y' }] },
      ],
    },
    i: { 'Fn::GetAZs': '' },
    j: { 'Fn::ImportValue': 'Shared' },
    k: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
  });
});

test('a JSON template is read as JSON', () => {
  assert.equal(parseTemplate('{ "Resources": { "Q": { "Type": "AWS::SQS::Queue" } } }', 't.json'), {
    Resources: { Q: { Type: 'AWS::SQS::Queue' } },
  });
});

test('an unknown tag is an error with the line and column of its value', () => {
  assertTemplateError(
    () => parseTemplate('a: 1\nb: !Reff Name\n', 't.yaml'),
    't.yaml:2:10: unknown tag !Reff',
  );
});

test('invalid YAML and invalid JSON name the file', () => {
  assertTemplateError(
    () => parseTemplate('a: [1, 2\n', 't.yaml'),
    't.yaml:2:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  );
  assert.throws(() => parseTemplate('{ "a": }', 't.json'), /^t\.json: not valid JSON: /);
});

test.run();
