// `ferry invoke`: one function of the template, run once with one event, exactly as `ferry up`
// runs it (the same FunctionSpec: code, handler, memory, timeout, environment, log lines). Its AWS
// calls go to the stack of a `ferry up` that answers ready on the SQS port, so what it sends lands
// in that stack's queues; with none running, to an in-memory SQS endpoint with the template's queues.
import { SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULTS, LOCAL_CREDENTIALS } from '../config/index.js';
import { HEALTH_PATH } from '../http/port.js';
import { createFunction, type InvokeOutcome, type LogRecord } from '../lambda/index.js';
import { deliverLogs } from './deliver-logs.js';
import type { FunctionSpec } from './functions.js';
import { InvokeError, listed } from './invoke-error.js';
import { defaultSqsEndpoint, offlineStack, type TemplateOptions } from './offline-stack.js';
import { createQueue } from './queues.js';
import { startSqsServer, type SqsServer } from './sqs-server.js';
import type { Stack } from './stack.js';

export interface InvokeOnceOptions extends TemplateOptions {
  /** Logical id (ProducerFunction), name (ferry-producer) or ARN; '' lists them (FunctionNotFound). */
  function: string;
  event: unknown;
  onLog(record: LogRecord): void;
}

export interface InvokeOnceResult {
  functionName: string;
  outcome: InvokeOutcome;
  /** Where its SQS calls went: a running `ferry up`'s endpoint, or a standalone one (gone now). */
  against: { kind: 'running' | 'standalone'; endpoint: string };
  /** Running: why some of its log lines could not be put in the stack's CloudWatch Logs (none: all were). */
  logProblems?: string[];
  /** Standalone: the messages each queue held when the function returned (queues with none left out). */
  queued?: Record<string, number>;
}

export async function invokeOnce(options: InvokeOnceOptions): Promise<InvokeOnceResult> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const running = defaultSqsEndpoint(options);
  // The function is checked first: a name the template lacks starts nothing.
  findFunction(await offlineStack(options, running), options.function);
  let server: SqsServer | undefined;
  if (!(await answersReady(running, options.stackName ?? DEFAULTS.stackName)))
    server = await startSqsServer({ port: 0, host: options.host, region: options.region });
  try {
    const endpoint = server?.endpoint ?? running;
    const stack = await offlineStack(options, endpoint);
    const spec = findFunction(stack, options.function);
    if (server !== undefined) await createQueues(stack, endpoint);
    const lines: LogRecord[] = [];
    const onLog = (record: LogRecord) => {
      lines.push(record);
      options.onLog(record);
    };
    const fn = createFunction({ ...spec.config, maxConcurrency: 1, onLog });
    try {
      const outcome = await fn.invoke(options.event);
      const against = { kind: server === undefined ? 'running' : 'standalone', endpoint } as const;
      // The environment ends first: its last lines (END, REPORT) are in before they are delivered.
      await fn.stop();
      return server === undefined
        ? {
            functionName: spec.name,
            outcome,
            against,
            logProblems: await deliverLogs(
              { endpoint, credentials: options.auth ?? LOCAL_CREDENTIALS, region: stack.model.stack.region },
              lines,
            ),
          }
        : { functionName: spec.name, outcome, against, queued: queued(server, stack) };
    } finally {
      await fn.stop();
    }
  } finally {
    await server?.close();
  }
}

/** The function by logical id, name or ARN; else an error naming the template's functions. */
export function findFunction(stack: Stack, name: string): FunctionSpec {
  const spec = stack.functions.find((f) => f.logicalId === name || f.name === name || f.arn === name);
  if (spec !== undefined) return spec;
  const names = listed(stack.functions.map((f) => `${f.logicalId} (${f.name})`));
  throw new InvokeError(
    'FunctionNotFound',
    name === ''
      ? `name the function to invoke; the template's functions: ${names}`
      : `the template has no function ${name}; its functions: ${names}`,
  );
}

/** Whether a `ferry up` of this stack answers ready at `endpoint` (GET /_ferry/health). */
async function answersReady(endpoint: string, stackName: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}${HEALTH_PATH}`, { signal: AbortSignal.timeout(2000) });
    const state = (await res.json()) as { ready?: boolean; stack?: string };
    return state.ready === true && state.stack === stackName;
  } catch {
    return false;
  }
}

/** What the function left on the standalone queues, which go when it returns: said, not lost silently. */
function queued(server: SqsServer, stack: Stack): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { name } of stack.queues) {
    const got = server.engine.getQueueAttributes(name, ['ApproximateNumberOfMessages']);
    const count = got.ok ? Number(got.value.ApproximateNumberOfMessages ?? 0) : 0;
    if (count > 0) counts[name] = count;
  }
  return counts;
}

async function createQueues(stack: Stack, endpoint: string): Promise<void> {
  const client = new SQSClient({
    endpoint,
    region: stack.model.stack.region,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    for (const queue of stack.queues) await createQueue(client, queue);
  } finally {
    client.destroy();
  }
}
