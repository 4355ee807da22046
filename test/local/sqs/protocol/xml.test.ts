import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorXml, successXml } from '../../../../local/sqs/protocol/xml.js';

// The query protocol's XML: flattened lists and maps under the SQS model's element names.

const ns = 'xmlns="http://queue.amazonaws.com/doc/2012-11-05/"';
const meta = '<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata>';

test('a received message: attributes and message attributes flattened, text escaped', () => {
  const xml = successXml(
    'ReceiveMessage',
    {
      Messages: [
        {
          MessageId: 'm1',
          Body: '<a & "b">\r',
          Attributes: { SenderId: 'AKID' },
          MessageAttributes: { K: { DataType: 'String', StringValue: 'v' } },
        },
      ],
    },
    'rid',
  );
  assert.is(
    xml,
    `<?xml version="1.0"?><ReceiveMessageResponse ${ns}><ReceiveMessageResult><Message><MessageId>m1</MessageId>` +
      '<Body>&lt;a &amp; &quot;b&quot;&gt;&#xD;</Body><Attribute><Name>SenderId</Name><Value>AKID</Value></Attribute>' +
      '<MessageAttribute><Name>K</Name><Value><DataType>String</DataType><StringValue>v</StringValue></Value></MessageAttribute>' +
      `</Message></ReceiveMessageResult>${meta}</ReceiveMessageResponse>`,
  );
});

test('batch results, list members, tags, and actions without a result', () => {
  assert.is(
    successXml(
      'DeleteMessageBatch',
      { Successful: [{ Id: 'a' }], Failed: [{ Id: 'b', SenderFault: true, Code: 'C', Message: 'M' }] },
      'rid',
    ),
    `<?xml version="1.0"?><DeleteMessageBatchResponse ${ns}><DeleteMessageBatchResult>` +
      '<DeleteMessageBatchResultEntry><Id>a</Id></DeleteMessageBatchResultEntry>' +
      '<BatchResultErrorEntry><Id>b</Id><SenderFault>true</SenderFault><Code>C</Code><Message>M</Message></BatchResultErrorEntry>' +
      `</DeleteMessageBatchResult>${meta}</DeleteMessageBatchResponse>`,
  );
  assert.is(
    successXml('ListQueues', { QueueUrls: ['u1', 'u2'] }, 'rid'),
    `<?xml version="1.0"?><ListQueuesResponse ${ns}><ListQueuesResult><QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl></ListQueuesResult>${meta}</ListQueuesResponse>`,
  );
  assert.is(
    successXml('ListQueueTags', { Tags: { team: 'ferry' } }, 'rid'),
    `<?xml version="1.0"?><ListQueueTagsResponse ${ns}><ListQueueTagsResult><Tag><Key>team</Key><Value>ferry</Value></Tag></ListQueueTagsResult>${meta}</ListQueueTagsResponse>`,
  );
  assert.is(
    successXml('DeleteQueue', undefined, 'rid'),
    `<?xml version="1.0"?><DeleteQueueResponse ${ns}>${meta}</DeleteQueueResponse>`,
  );
});

test('an error response', () => {
  assert.is(
    errorXml(true, 'AWS.SimpleQueueService.NonExistentQueue', 'gone & done', 'rid'),
    `<?xml version="1.0"?><ErrorResponse ${ns}><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>` +
      '<Message>gone &amp; done</Message><Detail/></Error><RequestId>rid</RequestId></ErrorResponse>',
  );
});

test.run();
