import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogsHandler, createLogStore } from '../../../local/logs/index.js';
import { logsCall } from '../../helpers/logs/endpoint.js';

const NOW = 1_800_000_000_000;
const G = '/aws/lambda/consumer';

test('#15.13: a bad nextToken of any length is refused without being echoed back', async () => {
  const store = createLogStore({ now: () => NOW });
  const handler = createLogsHandler({ store, now: () => NOW });
  try {
    await logsCall(handler, 'CreateLogGroup', { logGroupName: G });
    await logsCall(handler, 'CreateLogStream', { logGroupName: G, logStreamName: 's' });
    const refused = {
      status: 400,
      body: { __type: 'InvalidParameterException', message: 'The specified nextToken is invalid.' },
    };
    for (const nextToken of ['<script>'.repeat(100_000), 'garbage']) {
      for (const [action, input] of [
        ['GetLogEvents', { logGroupName: G, logStreamName: 's', nextToken }],
        ['FilterLogEvents', { logGroupName: G, nextToken }],
        ['DescribeLogGroups', { nextToken }],
        ['DescribeLogStreams', { logGroupName: G, nextToken }],
      ] as const) {
        assert.equal(await logsCall(handler, action, input), refused, `${action} ${nextToken.length}`);
      }
    }
  } finally {
    store.close();
  }
});

test.run();
