import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULTS, describeStore, openDataDir, type DataDir, type StoreSpec } from '../config/index.js';
import { onPortOf } from '../http/listen.js';
import { startSqsServer } from '../sqs/index.js';
import type { SqsServerOptions } from '../sqs/index.js';
import type { CliIo } from './main.js';
import type { Command } from './types.js';

const USAGE = `Usage: ferry sqs [--port 9324] [--host 127.0.0.1] [--data <dir> | --memory]
                 [--region us-east-1] [--access-key <id> --secret-key <secret>]

An SQS-compatible server (JSON 1.0 and query protocols).
  --port        port to listen on; 0 picks a free one (default 9324)
  --host        address to bind (default 127.0.0.1)
  --data        directory of the durable store (default .ferry/ in the working directory)
  --memory      keep queues and messages in memory only
  --region      region in queue ARNs and in SigV4 scopes (default us-east-1)
  --access-key, --secret-key
                require requests signed (SigV4) with these credentials
                (or FERRY_ACCESS_KEY / FERRY_SECRET_KEY); default: accept any`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  memory: { type: 'boolean' },
  region: { type: 'string' },
  'access-key': { type: 'string' },
  'secret-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flags -> server options, or the message naming what is wrong. */
export type SqsFlags = SqsServerOptions & { store: StoreSpec };

export function parseSqsFlags(argv: string[], env: CliIo['env']): SqsFlags | { help: true } | string {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.help) return { help: true };
  const port = Number(values.port ?? '9324');
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port === '') {
    return `--port must be an integer from 0 to 65535, got '${values.port}'`;
  }
  if (values.memory && values.data !== undefined) return '--data and --memory cannot be used together';
  const accessKey = values['access-key'] ?? nonEmpty(env.FERRY_ACCESS_KEY);
  const secretKey = values['secret-key'] ?? nonEmpty(env.FERRY_SECRET_KEY);
  if ((accessKey === undefined) !== (secretKey === undefined)) {
    return '--access-key and --secret-key (or FERRY_ACCESS_KEY and FERRY_SECRET_KEY) must be given together';
  }
  const options: SqsFlags = {
    store: { kind: 'memory' },
    port,
    host: values.host ?? '127.0.0.1',
    region: values.region ?? 'us-east-1',
  };
  options.store = values.memory
    ? { kind: 'memory' }
    : { kind: 'durable', dir: resolve(values.data ?? DEFAULTS.dataDir) };
  if (accessKey !== undefined && secretKey !== undefined) {
    options.accessKey = accessKey;
    options.secretKey = secretKey;
  }
  return options;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

export const sqsCommand: Command = {
  name: 'sqs',
  summary: 'run the SQS-compatible server',
  async run(argv, io) {
    const parsed = parseSqsFlags(argv, io.env);
    if (typeof parsed === 'string') {
      io.err(`ferry sqs: ${parsed}\n\n${USAGE}`);
      return 2;
    }
    if ('help' in parsed) {
      io.out(USAGE);
      return 0;
    }
    const stop = io.stopSignal();
    let server;
    let data: DataDir | undefined;
    try {
      data = openDataDir(parsed.store);
      const opened = data;
      server = await onPortOf('--port', parsed.port, 'another ferry sqs or ferry up', (port) =>
        startSqsServer({ ...parsed, port, data: opened }),
      );
    } catch (error) {
      data?.release();
      io.err(`ferry sqs: cannot start: ${(error as Error).message}`);
      return 1;
    }
    io.out(
      `ferry sqs listening on ${server.endpoint} (${describeStore(parsed.store)}, region ${parsed.region})`,
    );
    await stop;
    await server.close();
    data.release();
    return 0;
  },
};
