// Shared by the runtime's end-to-end tests: a runtime in this process, on free ports, in memory,
// with every function log line kept; a JSON POST; a message of the template's first type.
import { fileURLToPath } from 'node:url';
import { SQSClient } from '@aws-sdk/client-sqs';
import { parseOverrides } from '../../../local/config/index.js';
import type { LogRecord } from '../../../local/lambda/index.js';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../../local/runtime/index.js';

// The SDK's warning about Node.js 20 would drown the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const TEMPLATE = `${ROOT}cloudformation/template.yaml`;
export const FIXTURE_TEMPLATE = `${ROOT}test/fixtures/runtime/template.yaml`;

export interface TestRuntime {
  runtime: Runtime;
  logs: LogRecord[];
  /** Parsed JSON log lines of a function (lines that are not JSON are left out). */
  json(functionName: string): Record<string, unknown>[];
  sqs: SQSClient;
  stop(): Promise<void>;
}

export async function startTestRuntime(
  templatePath: string,
  parameterOverrides: string[] = [],
  options: Partial<RuntimeOptions> = {},
): Promise<TestRuntime> {
  const logs: LogRecord[] = [];
  const runtime = await startRuntime({
    templatePath,
    parameterOverrides: parseOverrides(parameterOverrides),
    store: { kind: 'memory' },
    ports: { api: 0, sqs: 0, console: 0 },
    onLog: (record) => logs.push(record),
    ...options,
  });
  const sqs = new SQSClient({
    endpoint: runtime.endpoints.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  });
  return {
    runtime,
    logs,
    sqs,
    json: (name) =>
      logs
        .filter((r) => r.functionName === name && r.message.startsWith('{'))
        .map((r) => JSON.parse(r.message) as Record<string, unknown>),
    stop: async () => {
      sqs.destroy();
      await runtime.stop();
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed };
}

/** The first example of a message type's schema, the way tools make messages. */
export function order(extra: Record<string, unknown> = {}): { type: string; data: Record<string, unknown> } {
  return {
    type: 'order.created',
    data: {
      orderId: 'ord_1042',
      customerId: 'cus_88',
      currency: 'EUR',
      items: [{ sku: 'MUG-01', quantity: 2, unitPrice: 12.5 }],
      ...extra,
    },
  };
}
