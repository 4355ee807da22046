// Child process for the bench: local-aws-sqs on a free port, announced as one line on stdout.
import { createSqsServer } from 'local-aws-sqs';

const server = await createSqsServer({
  port: 0,
  hostname: '127.0.0.1',
  emulateQueueCreationLifecycle: false,
});
console.log(`local-aws-sqs listening on http://127.0.0.1:${server.address().port}`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
