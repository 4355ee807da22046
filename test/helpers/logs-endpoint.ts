import { createEndpointServer } from '../../local/endpoint/index.js';
import type { Services } from '../../local/endpoint/index.js';
import { createLogsHandler, createLogStore } from '../../local/logs/index.js';
import type { LogStore } from '../../local/logs/index.js';
import { startSqsServer } from '../../local/sqs/index.js';
import type { SqsServer } from '../../local/sqs/index.js';

/** Calls a Logs handler (or any JSON 1.1 endpoint function) the way the SDK would, body parsed. */
export async function logsCall(
  handler: ReturnType<typeof createLogsHandler>,
  action: string,
  input: unknown,
): Promise<{ status: number; body: unknown }> {
  const out = await handler({
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${action}` },
    body: Buffer.from(JSON.stringify(input)),
  });
  return { status: out.status, body: JSON.parse(out.body) as unknown };
}

export interface TestEndpoint {
  sqs: SqsServer;
  store: LogStore;
  endpoint: string;
  close(): Promise<void>;
}

/** The SQS server on a free port, its HTTP server the endpoint router serving sqs and logs (and extras). */
export async function startTestEndpoint(extra: Services = {}, now?: () => number): Promise<TestEndpoint> {
  const store = createLogStore(now !== undefined ? { now } : {});
  const logs = createLogsHandler({ store, ...(now !== undefined ? { now } : {}) });
  const sqs = await startSqsServer({
    port: 0,
    httpServer: (handle) => createEndpointServer({ sqs: handle, logs, ...extra }),
  });
  return {
    sqs,
    store,
    endpoint: sqs.endpoint,
    async close() {
      await sqs.close();
      store.close();
    },
  };
}

/** Environment for the AWS CLIs: dummy credentials, no config files, no pager. */
export function cliEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIDLOGSTEST',
    AWS_SECRET_ACCESS_KEY: 'logs-test-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_ENDPOINT_URL: endpoint,
    AWS_PAGER: '',
  };
}
