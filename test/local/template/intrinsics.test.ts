// Every intrinsic function, resolved against the local stack; errors name resource and property.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertTemplateError, model, propertiesOf } from '../../helpers/template/model.js';

const HEAD = `
Parameters:
  Env: { Type: String, Default: prod }
  Zones: { Type: CommaDelimitedList, Default: 'a,b,c' }
Mappings:
  Sizes:
    prod: { Memory: 1024 }
    dev: { Memory: 128 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Not [!Condition IsDev]]
  Either: !Or [!Condition IsDev, !Equals [x, x]]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: { QueueName: jobs }
`;

/** Resolves `value` (YAML) as a property of a probe resource. */
function probe(value: string): unknown {
  return propertiesOf(
    model(`${HEAD}  Probe:\n    Type: AWS::IAM::Policy\n    Properties:\n      Value: ${value}\n`),
    'Probe',
  ).Value;
}

test('Ref: parameters, list parameters, pseudo parameters and resources', () => {
  assert.is(probe('!Ref Env'), 'prod');
  assert.equal(probe('!Ref Zones'), ['a', 'b', 'c']);
  assert.equal(
    probe(
      '[!Ref AWS::Region, !Ref AWS::AccountId, !Ref AWS::StackName, !Ref AWS::Partition, !Ref AWS::URLSuffix, !Ref Queue]',
    ),
    ['us-east-1', '000000000000', 'ferry', 'aws', 'amazonaws.com', 'http://127.0.0.1:9324/000000000000/jobs'],
  );
  assert.match(
    probe('!Ref AWS::StackId') as string,
    /^arn:aws:cloudformation:us-east-1:000000000000:stack\/ferry\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  );
});

test('Fn::GetAtt: dotted and list forms, and the long form', () => {
  assert.equal(probe('[!GetAtt Queue.Arn, !GetAtt [Queue, QueueName], { "Fn::GetAtt": "Queue.QueueUrl" }]'), [
    'arn:aws:sqs:us-east-1:000000000000:jobs',
    'jobs',
    'http://127.0.0.1:9324/000000000000/jobs',
  ]);
});

test('Fn::Sub: pseudo parameters, Res.Attr, resources, variables, and ${!Literal}', () => {
  assert.is(
    probe("!Sub '${AWS::Region}/${Queue.Arn}/${Queue}/${Env}/${!Literal}/${ Env }'"),
    'us-east-1/arn:aws:sqs:us-east-1:000000000000:jobs/http://127.0.0.1:9324/000000000000/jobs/prod/${Literal}/prod',
  );
  assert.is(probe("!Sub ['${Name}-${Env}', { Name: !GetAtt Queue.QueueName }]"), 'jobs-prod');
});

test('Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::GetAZs, Fn::Base64', () => {
  assert.is(probe("!Join [':', [a, !Ref Env, !Select [1, !Ref Zones]]]"), 'a:prod:b');
  assert.equal(probe("!Split ['/', 'x/y/z']"), ['x', 'y', 'z']);
  assert.is(probe('!FindInMap [Sizes, !Ref Env, Memory]'), 1024);
  assert.equal(probe("!GetAZs ''"), ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  assert.is(probe('!Base64 hello'), 'aGVsbG8=');
});

test('Fn::If and AWS::NoValue: the chosen branch; NoValue removes the key or list item', () => {
  assert.is(probe('!If [IsProd, big, small]'), 'big');
  assert.equal(probe('[one, !If [IsDev, two, !Ref AWS::NoValue]]'), ['one']);
  const props = propertiesOf(
    model(
      `${HEAD}  Probe:\n    Type: AWS::IAM::Policy\n    Properties:\n      Gone: !If [IsDev, x, !Ref AWS::NoValue]\n      Kept: 1\n`,
    ),
    'Probe',
  );
  assert.equal(props, { Kept: 1 });
});

test('conditions: Equals, Not, And, Or, Condition', () => {
  assert.equal(model(`${HEAD}`).conditions, { IsProd: true, IsDev: false, Both: true, Either: true });
  assert.equal(model(HEAD, { parameterOverrides: { Env: 'dev' } }).conditions, {
    IsProd: false,
    IsDev: true,
    Both: false,
    Either: true,
  });
});

test('errors name the resource, the property path and the function', () => {
  const at = (value: string) => () => probe(value);
  assertTemplateError(
    at('!GetAtt Queue.Nope'),
    'Resources.Probe.Properties.Value: !GetAtt Queue.Nope: AWS::SQS::Queue has no attribute Nope',
  );
  assertTemplateError(
    at('!Ref Missing'),
    'Resources.Probe.Properties.Value: !Ref Missing: unknown reference Missing: no parameter or resource has that name',
  );
  assertTemplateError(
    at('[ok, { Nested: !GetAtt Nowhere.Arn }]'),
    'Resources.Probe.Properties.Value[1].Nested: !GetAtt Nowhere.Arn: unknown resource Nowhere',
  );
  assertTemplateError(
    at("!Sub '${Nope}'"),
    'Resources.Probe.Properties.Value: !Sub ${Nope}: unknown reference Nope: no parameter or resource has that name',
  );
  assertTemplateError(
    at('!Select [5, [a]]'),
    'Resources.Probe.Properties.Value: !Select [5,["a"]]: index 5 is out of range (the list has 1 items)',
  );
  assertTemplateError(
    at('!Join [only-one]'),
    'Resources.Probe.Properties.Value: !Join ["only-one"]: expected [Delimiter, [Values]]',
  );
  assertTemplateError(
    at('!FindInMap [Sizes, test, Memory]'),
    'Resources.Probe.Properties.Value: !FindInMap ["Sizes","test","Memory"]: Mappings has no Sizes.test',
  );
  assertTemplateError(at('!If [NoSuch, a, b]'), 'Resources.Probe.Properties.Value: unknown condition NoSuch');
  assertTemplateError(
    at("!Sub '${Zones}'"),
    'Resources.Probe.Properties.Value: !Sub ${Zones}: ${Zones} is a list; Fn::Sub needs a string (use Fn::Join)',
  );
  assertTemplateError(
    at('{ "Fn::Nope": 1 }'),
    'Resources.Probe.Properties.Value: !Nope 1: unknown intrinsic function Fn::Nope',
  );
  assertTemplateError(
    at('!Ref AWS::Nope'),
    'Resources.Probe.Properties.Value: !Ref AWS::Nope: unknown pseudo parameter AWS::Nope',
  );
});

test('Fn::ImportValue is refused locally with a clear message', () => {
  assertTemplateError(
    () => probe('!ImportValue SharedVpc'),
    "Resources.Probe.Properties.Value: !ImportValue SharedVpc: Fn::ImportValue reads another stack's exports, which is not supported locally; pass the value as a parameter",
  );
});

test.run();
