import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSqsServer } from '../../local/runtime/index.js';
import { awsEnv, run } from '../helpers/infra/run.js';

/*
 * moto has no StartMessageMoveTask, so redrive.sh is tested against the local SQS server
 * (local/sqs), through the AWS CLI, as it would run against AWS.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('redrive.sh moves the DLQ back to the queue and reports the counts before and after', async () => {
  // Prepare: a queue, its DLQ, three messages in the DLQ
  const server = await startSqsServer({ port: 0 });
  const home = mkdtempSync(join(tmpdir(), 'ferry-redrive-'));
  const sqs = new SQSClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  try {
    const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'r-dlq' }))).QueueUrl!;
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    const redrive = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 });
    const queueUrl = (
      await sqs.send(new CreateQueueCommand({ QueueName: 'r', Attributes: { RedrivePolicy: redrive } }))
    ).QueueUrl!;
    for (const body of ['a', 'b', 'c'])
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));

    // Act
    const result = await run(
      'bash',
      [join(ROOT, 'scripts', 'redrive.sh'), '--dlq-url', dlqUrl, '--queue-url', queueUrl, '--timeout', '30'],
      { env: { ...awsEnv(server.endpoint, home), POLL_SECONDS: '1' } },
    );

    // Assess
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trimEnd().split('\n'), [
      'before: DLQ 3 visible, 0 in flight; queue 0 visible, 0 in flight',
      'after: DLQ 0 visible, 0 in flight; queue 3 visible, 0 in flight',
    ]);
    assert.match(result.stderr, `redrive.sh: started move task from ${dlqArn} to `);
    assert.match(result.stderr, 'redrive.sh: task COMPLETED: moved 3 of 3');
  } finally {
    sqs.destroy();
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
});

test.run();
