// Resources: conditions, dependency order, local identities, typed properties, outputs, and the
// one warning for the types the runtime does not play.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generatedName } from '../../../local/template/identity.js';
import { unknownTypesWarning } from '../../../local/template/index.js';
import { assertTemplateError, model, propertiesOf } from '../../helpers/template/model.js';

test('a resource whose Condition is false is dropped, and Fn::If picks around it', () => {
  const m = model(`
Parameters:
  Email: { Type: String, Default: '' }
Conditions:
  HasEmail: !Not [!Equals [!Ref Email, '']]
Resources:
  Topic: { Type: AWS::SNS::Topic, Properties: { TopicName: alarms } }
  Subscription:
    Type: AWS::SNS::Subscription
    Condition: HasEmail
    Properties: { TopicArn: !Ref Topic, Protocol: email, Endpoint: !Ref Email }
Outputs:
  Sub: { Condition: HasEmail, Value: !Ref Subscription }
  Topic: { Value: !If [HasEmail, !Ref Subscription, !Ref Topic], Description: where alarms go }
`);
  assert.equal(
    m.resources.map((r) => r.logicalId),
    ['Topic'],
  );
  assert.equal(m.excluded, ['Subscription']);
  assert.equal(m.outputs, {
    Topic: { value: 'arn:aws:sns:us-east-1:000000000000:alarms', description: 'where alarms go' },
  });
});

test('referring to an excluded resource is an error naming the property', () => {
  assertTemplateError(
    () =>
      model(`
Conditions:
  Never: !Equals [a, b]
Resources:
  Gone: { Type: AWS::SQS::Queue, Condition: Never }
  Role:
    Type: AWS::IAM::Role
    Properties: { Description: !GetAtt Gone.Arn }
`),
    'Resources.Role.Properties.Description: !GetAtt Gone.Arn: Gone is not created (its Condition Never is false)',
  );
});

test('resources come in dependency order, from references and DependsOn', () => {
  const m = model(`
Resources:
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { EventSourceArn: !GetAtt Queue.Arn, FunctionName: !Ref Fn }
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: Group
    Properties: { Environment: { Variables: { URL: !Sub '\${Queue}' } } }
  Group: { Type: AWS::Logs::LogGroup }
  Queue: { Type: AWS::SQS::Queue }
`);
  assert.equal(
    m.resources.map((r) => [r.logicalId, r.dependsOn]),
    [
      ['Group', []],
      ['Queue', []],
      ['Fn', ['Group', 'Queue']],
      ['Mapping', ['Queue', 'Fn']],
    ],
  );
});

test('a dependency cycle is an error that shows the cycle; DependsOn must name a resource', () => {
  assertTemplateError(
    () =>
      model(`
Resources:
  A: { Type: AWS::SQS::Queue, Properties: { RedrivePolicy: { deadLetterTargetArn: !GetAtt B.Arn } } }
  B: { Type: AWS::SQS::Queue, Properties: { RedrivePolicy: { deadLetterTargetArn: !GetAtt A.Arn } } }
`),
    'Resources: circular dependency: A -> B -> A',
  );
  assertTemplateError(
    () => model('Resources:\n  A: { Type: AWS::SQS::Queue, DependsOn: [Nope] }\n'),
    'Resources.A.DependsOn: unknown resource Nope',
  );
});

test('local identities: queue URL and ARN, function name and ARN, API id and endpoint', () => {
  const m = model(
    `
Resources:
  Queue: { Type: AWS::SQS::Queue }
  Fifo: { Type: AWS::SQS::Queue, Properties: { FifoQueue: true } }
  Fn: { Type: AWS::Lambda::Function, Properties: { FunctionName: worker } }
  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: api } }
`,
    { stackName: 'demo', sqsEndpoint: 'http://localhost:4566', apiEndpoint: 'http://localhost:8080' },
  );
  const queueName = generatedName('demo', 'Queue');
  assert.match(queueName, /^demo-Queue-[A-Z0-9]{12}$/);
  const byId = Object.fromEntries(
    m.resources.map((r) => [r.logicalId, { ref: r.ref, attributes: r.attributes }]),
  );
  assert.equal(byId.Queue, {
    ref: `http://localhost:4566/000000000000/${queueName}`,
    attributes: {
      Arn: `arn:aws:sqs:us-east-1:000000000000:${queueName}`,
      QueueName: queueName,
      QueueUrl: `http://localhost:4566/000000000000/${queueName}`,
    },
  });
  assert.is(byId.Fifo?.attributes.QueueName, `${generatedName('demo', 'Fifo')}.fifo`);
  assert.equal(byId.Fn, {
    ref: 'worker',
    attributes: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:worker' },
  });
  assert.match(byId.Api!.ref, /^[a-z0-9]{10}$/);
  assert.equal(byId.Api!.attributes, { ApiId: byId.Api!.ref, ApiEndpoint: 'http://localhost:8080' });
});

test('generated names are stable across loads and differ between stacks', () => {
  assert.is(generatedName('s', 'Queue'), generatedName('s', 'Queue'));
  assert.is.not(generatedName('s', 'Queue'), generatedName('t', 'Queue'));
});

test('a caller-supplied identity replaces the built-in one for its type', () => {
  const m = model(
    'Resources:\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: q } }\nOutputs:\n  Url: { Value: !Ref Q }\n',
    {
      identities: {
        'AWS::SQS::Queue': (input) => ({
          ref: `sqs://${String(input.properties.QueueName)}`,
          attributes: { Arn: 'x' },
        }),
      },
    },
  );
  assert.equal(m.outputs.Url, { value: 'sqs://q' });
});

test('properties are typed as the resource schemas type them', () => {
  const m = model(`
Parameters:
  Batch: { Type: Number, Default: 10 }
Resources:
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      BatchSize: !Ref Batch
      Enabled: 'true'
      ScalingConfig: { MaximumConcurrency: '5' }
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Timeout: '20', Environment: { Variables: { SIZE: 262144, DEBUG: false } } }
`);
  assert.equal(propertiesOf(m, 'Mapping'), {
    BatchSize: 10,
    Enabled: true,
    ScalingConfig: { MaximumConcurrency: 5 },
  });
  assert.equal(propertiesOf(m, 'Fn'), {
    Timeout: 20,
    Environment: { Variables: { SIZE: '262144', DEBUG: 'false' } },
  });
  assertTemplateError(
    () => model('Resources:\n  Fn: { Type: AWS::Lambda::Function, Properties: { MemorySize: lots } }\n'),
    'Resources.Fn.Properties.MemorySize: expected a number, got "lots"',
  );
});

test('types are classified; unknown ones give one warning, and their attributes are refused', () => {
  const template = `
Resources:
  Queue: { Type: AWS::SQS::Queue }
  Role: { Type: AWS::IAM::Role }
  Bucket: { Type: AWS::S3::Bucket }
  Other: { Type: AWS::S3::Bucket }
  Table: { Type: AWS::DynamoDB::Table }
`;
  const m = model(template);
  assert.equal(
    m.resources.map((r) => [r.logicalId, r.kind]),
    [
      ['Queue', 'played'],
      ['Role', 'recorded'],
      ['Bucket', 'unknown'],
      ['Other', 'unknown'],
      ['Table', 'unknown'],
    ],
  );
  assert.equal(m.unknownTypes, [
    { type: 'AWS::S3::Bucket', logicalIds: ['Bucket', 'Other'] },
    { type: 'AWS::DynamoDB::Table', logicalIds: ['Table'] },
  ]);
  assert.is(
    unknownTypesWarning(m),
    'warning: the local runtime does not play these resource types, which are ignored: AWS::S3::Bucket (Bucket, Other); AWS::DynamoDB::Table (Table)',
  );
  assert.is(unknownTypesWarning(model('Resources:\n  Q: { Type: AWS::SQS::Queue }\n')), undefined);
  assertTemplateError(
    () => model(`${template}  P: { Type: AWS::IAM::Policy, Properties: { X: !GetAtt Table.StreamArn } }\n`),
    'Resources.P.Properties.X: !GetAtt Table.StreamArn: AWS::DynamoDB::Table is not known locally, so its attribute StreamArn has no local value',
  );
});

test('template-level errors: no resources, a resource without Type, a Transform', () => {
  assertTemplateError(() => model('Resources: {}\n'), 'Resources: at least one resource is required');
  assertTemplateError(() => model('Resources:\n  A: { Properties: {} }\n'), 'Resources.A: Type is required');
  assertTemplateError(
    () => model('Transform: AWS::Serverless-2016-10-31\nResources:\n  A: { Type: AWS::SQS::Queue }\n'),
    'Transform: "AWS::Serverless-2016-10-31" is not supported locally',
    'NotSupportedLocally',
  );
});

test.run();
