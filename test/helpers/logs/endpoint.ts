import { createEndpointListener, ENDPOINT_SERVER, type Service } from '../../../local/endpoint/index.js';
import { bindPort } from '../../../local/http/port.js';
import { createLogsHandler, createLogStore } from '../../../local/logs/index.js';
import type { LogStore } from '../../../local/logs/index.js';
import { createEngine, createSqsService, type QueueEngine } from '../../../local/sqs/index.js';

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
  engine: QueueEngine;
  store: LogStore;
  endpoint: string;
  close(): Promise<void>;
}

/** An endpoint on a free port serving sqs and logs (and extras), as ferry up's does. */
export async function startTestEndpoint(
  extra: Record<string, Service> = {},
  now?: () => number,
): Promise<TestEndpoint> {
  const store = createLogStore({ now });
  const engine = await createEngine({});
  const port = await bindPort({
    host: '127.0.0.1',
    port: 0,
    flag: '--port',
    holder: 'a test',
    server: ENDPOINT_SERVER,
  });
  const services = new Map<string, Service>([
    ['sqs', createSqsService({ engine, endpoint: port.url })],
    ['logs', { handle: createLogsHandler({ store, now }) }],
    ...Object.entries(extra),
  ]);
  port.mount(createEndpointListener(services));
  return {
    engine,
    store,
    endpoint: port.url,
    async close() {
      await port.close(() => engine.close());
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
