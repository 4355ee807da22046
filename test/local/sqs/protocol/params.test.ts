import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SqsError } from '../../../../local/sqs/protocol/errors.js';
import { JsonParams, QueryParams } from '../../../../local/sqs/protocol/params.js';

// One accessor, two wires: the JSON object and the query protocol's flattened form.

const form = (o: Record<string, string>) => new QueryParams(new Map(Object.entries(o)));

function thrown(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof SqsError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an SqsError');
}

test('query lists and maps come back in index order (10 after 2)', () => {
  const p = form({
    'AttributeName.10': 'c',
    'AttributeName.2': 'b',
    'AttributeName.1': 'a',
    'Attribute.2.Name': 'DelaySeconds',
    'Attribute.2.Value': '5',
    'Attribute.1.Name': 'VisibilityTimeout',
    'Attribute.1.Value': '60',
    'Tag.1.Key': 'team',
    'Tag.1.Value': 'ferry',
  });
  assert.equal(p.strings('AttributeNames', 'AttributeName'), ['a', 'b', 'c']);
  assert.equal(p.map('Attributes', 'Attribute'), { VisibilityTimeout: '60', DelaySeconds: '5' });
  assert.equal(p.map('Tags', 'Tag', 'Key', 'Value'), { team: 'ferry' });
  assert.is(p.strings('MessageAttributeNames', 'MessageAttributeName'), undefined);
});

test('query message attributes and batch entries', () => {
  const p = form({
    'SendMessageBatchRequestEntry.1.Id': 'x',
    'SendMessageBatchRequestEntry.1.MessageBody': 'hello',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'Bin',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'Binary',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.BinaryValue': 'AAEC',
    'SendMessageBatchRequestEntry.1.MessageAttribute.2.Name': 'S',
    'SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.DataType': 'String',
    'SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.StringValue': 'v',
  });
  const [entry] = p.entries('Entries', 'SendMessageBatchRequestEntry')!;
  assert.is(entry!.string('MessageBody'), 'hello');
  assert.equal(entry!.messageAttributes('MessageAttributes', 'MessageAttribute'), {
    Bin: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2]) },
    S: { DataType: 'String', StringValue: 'v' },
  });
});

test('query numbers and booleans are checked', () => {
  assert.is(form({ MaxNumberOfMessages: '7' }).int('MaxNumberOfMessages'), 7);
  assert.equal(
    thrown(() => form({ MaxNumberOfMessages: '7x' }).int('MaxNumberOfMessages')),
    {
      code: 'InvalidParameterValue',
      message: 'Value 7x for parameter MaxNumberOfMessages is invalid. Reason: Must be an integer.',
    },
  );
  assert.equal(
    thrown(() => form({ Flag: 'yes' }).bool('Flag')),
    {
      code: 'InvalidParameterValue',
      message: 'Value yes for parameter Flag is invalid. Reason: Must be a boolean.',
    },
  );
});

test('JSON values must have the type the action expects', () => {
  const p = new JsonParams({
    QueueUrl: 5,
    MaxNumberOfMessages: 1.5,
    AttributeNames: ['All', 3],
    Attributes: { A: 1 },
  });
  assert.equal(
    thrown(() => p.string('QueueUrl')),
    { code: 'MalformedRequest', message: 'Parameter QueueUrl must be a string.' },
  );
  assert.equal(
    thrown(() => p.int('MaxNumberOfMessages')),
    {
      code: 'MalformedRequest',
      message: 'Parameter MaxNumberOfMessages must be an integer.',
    },
  );
  assert.equal(
    thrown(() => p.strings('AttributeNames')),
    {
      code: 'MalformedRequest',
      message: 'Parameter AttributeNames must be a list of strings.',
    },
  );
  assert.equal(
    thrown(() => p.map('Attributes')),
    { code: 'MalformedRequest', message: 'Parameter Attributes must be a map of strings.' },
  );
  assert.is(new JsonParams({ QueueUrl: null }).string('QueueUrl'), undefined);
});

test.run();
