// Defaults, --parameter-overrides, and the checks CloudFormation makes on values.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertTemplateError, model, propertiesOf } from '../../helpers/template/model.js';

const TEMPLATE = `
Parameters:
  Level: { Type: String, Default: info, AllowedValues: [debug, info] }
  Timeout: { Type: Number, Default: 30, MinValue: 1, MaxValue: 900 }
  Email: { Type: String, Default: '', AllowedPattern: '^$|^[^@]+@[^@]+$' }
  Origins: { Type: CommaDelimitedList, Default: '*' }
  Ports: { Type: 'List<Number>', Default: '80,443' }
  Name: { Type: String, MinLength: 2, MaxLength: 5, Default: abc }
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !Ref Timeout
`;

test('defaults: strings, and lists for list types', () => {
  assert.equal(model(TEMPLATE).parameters, {
    Level: 'info',
    Timeout: '30',
    Email: '',
    Origins: ['*'],
    Ports: ['80', '443'],
    Name: 'abc',
  });
});

test('overrides as the AWS CLI takes them replace defaults; a Number reaches a numeric property as a number', () => {
  const m = model(TEMPLATE, {
    parameterOverrides: { Level: 'debug', Timeout: '45', Origins: 'https://a.example,https://b.example' },
  });
  assert.equal(
    [m.parameters.Level, m.parameters.Timeout, m.parameters.Origins],
    ['debug', '45', ['https://a.example', 'https://b.example']],
  );
  assert.equal(propertiesOf(m, 'Queue'), { VisibilityTimeout: 45 });
});

test('bad values are errors that name the parameter and the rule', () => {
  const run = (name: string, value: string) => () =>
    model(TEMPLATE, { parameterOverrides: { [name]: value } });
  assertTemplateError(
    run('Level', 'trace'),
    "Parameters.Level: value 'trace' is not one of the AllowedValues (debug, info)",
    'InvalidParameter',
  );
  assertTemplateError(
    run('Timeout', '0'),
    "Parameters.Timeout: value '0' is below the MinValue 1",
    'InvalidParameter',
  );
  assertTemplateError(
    run('Timeout', '901'),
    "Parameters.Timeout: value '901' is above the MaxValue 900",
    'InvalidParameter',
  );
  assertTemplateError(
    run('Timeout', 'ten'),
    "Parameters.Timeout: value 'ten' is not a number",
    'InvalidParameter',
  );
  assertTemplateError(
    run('Email', 'not-an-email'),
    "Parameters.Email: value 'not-an-email' does not match the AllowedPattern ^$|^[^@]+@[^@]+$",
    'InvalidParameter',
  );
  assertTemplateError(
    run('Ports', '80,http'),
    "Parameters.Ports: value 'http' is not a number",
    'InvalidParameter',
  );
  assertTemplateError(
    run('Name', 'a'),
    "Parameters.Name: value 'a' is shorter than the MinLength 2",
    'InvalidParameter',
  );
  assertTemplateError(
    run('Name', 'abcdef'),
    "Parameters.Name: value 'abcdef' is longer than the MaxLength 5",
    'InvalidParameter',
  );
  assertTemplateError(
    run('Typo', '1'),
    'parameter override Typo: the template has no parameter Typo (it has: Level, Timeout, Email, Origins, Ports, Name)',
    'InvalidParameter',
  );
});

test('a parameter without Default and without override is an error naming it', () => {
  const template = 'Parameters:\n  Required: { Type: String }\nResources:\n  Q: { Type: AWS::SQS::Queue }\n';
  assertTemplateError(
    () => model(template),
    'Parameters.Required: no value: the parameter has no Default; pass --parameter-overrides Required=...',
    'InvalidParameter',
  );
  assert.is(model(template, { parameterOverrides: { Required: 'given' } }).parameters.Required, 'given');
});

test('SSM parameter types are refused locally', () => {
  const template =
    "Parameters:\n  Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /x }\nResources:\n  Q: { Type: AWS::SQS::Queue }\n";
  assertTemplateError(
    () => model(template),
    'Parameters.Ami: type AWS::SSM::Parameter::Value<String> reads SSM Parameter Store, which is not available locally',
    'NotSupportedLocally',
  );
});

test.run();
