import { fileURLToPath } from 'node:url';
import {
  createFunction,
  type FunctionConfig,
  type LambdaFunction,
  type LogRecord,
} from '../../../local/lambda/index.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/local/lambda/', import.meta.url));

/** A function over one of test/fixtures/local/lambda/<name>, with its log records collected. */
export function fixtureFunction(
  name: string,
  overrides: Partial<FunctionConfig> = {},
): { fn: LambdaFunction; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const codeDir = `${FIXTURES}${name}`;
  const fn = createFunction({
    functionName: `fixture-${name}`,
    exportName: 'handler',
    handler: 'index.handler',
    codeDir,
    onLog: (record) => records.push(record),
    ...overrides,
    handlerFile: `${codeDir}/${overrides.handlerFile ?? 'index.mjs'}`,
  });
  return { fn, records };
}

/** The messages of one invocation's records, with its request id and the variable figures masked. */
export function messagesOf(records: LogRecord[], requestId: string): string[] {
  return records
    .filter((r) => r.requestId === requestId)
    .map((r) =>
      r.message
        .replaceAll(requestId, '<id>')
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
        .replace(/(Duration|Billed Duration|Max Memory Used|Init Duration): [\d.]+/g, '$1: <n>'),
    );
}

/** Stops the function whatever the test did. */
export async function using<T>(fn: LambdaFunction, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } finally {
    await fn.stop();
  }
}
