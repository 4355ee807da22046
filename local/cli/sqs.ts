import { parseArgs } from 'node:util';
import { DEFAULTS, describeStore, openDataDir, type StoreSpec } from '../config/index.js';
import { startSqsServer, type SqsServer, type SqsServerOptions } from '../runtime/index.js';
import { AUTH_OPTIONS, authFlags, authUsage } from './auth.js';
import type { Command } from './command.js';
import { portFlag, storeFlags } from './flags.js';
import { ALLOW_HOSTS_ENV, allowHostsOf } from '../http/hosts.js';
import type { CliIo } from './io.js';

const USAGE = `Usage: ferry sqs [--port ${DEFAULTS.ports.sqs}] [--host ${DEFAULTS.host}] [--data <dir> | --memory]
                 [--region ${DEFAULTS.region}] [--access-key <id> --secret-key <secret> | --no-auth]
                 [--allow-host <name> ...]

An SQS-compatible server (JSON 1.0 and query protocols).
  --port        port to listen on; 0 picks a free one (default ${DEFAULTS.ports.sqs})
  --host        address to bind (default ${DEFAULTS.host})
  --allow-host  a Host name answered besides localhost, *.localhost, IP addresses and --host
                (repeatable; or FERRY_ALLOW_HOSTS=a,b), such as host.docker.internal; other
                names get 403 (DNS rebinding)
  --data        directory of the durable store (default ${DEFAULTS.dataDir}/ in the working directory)
  --memory      keep queues and messages in memory only
  --region      region in queue ARNs and in SigV4 scopes (default ${DEFAULTS.region})
${authUsage()}`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  data: { type: 'string' },
  memory: { type: 'boolean' },
  region: { type: 'string' },
  ...AUTH_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

export type SqsFlags = Omit<SqsServerOptions, 'data' | 'clock'> & {
  store: StoreSpec;
  region: string;
  /** Printed before the server starts: it listens on a non-loopback address. */
  warning?: string;
};

/** Flags -> server options, or the message naming what is wrong. */
export function parseSqsFlags(argv: string[], env: CliIo['env']): SqsFlags | { help: true } | string {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.help) return { help: true };
  const port = portFlag('port', values.port, DEFAULTS.ports.sqs);
  if (typeof port === 'string') return port;
  const store = storeFlags(values);
  if (typeof store === 'string') return store;
  const allowHosts = allowHostsOf(values['allow-host'], env[ALLOW_HOSTS_ENV]);
  if (typeof allowHosts === 'string') return allowHosts;
  const host = values.host ?? DEFAULTS.host;
  const auth = authFlags(values, env, host);
  if (typeof auth === 'string') return auth;
  const options: SqsFlags = { store, port, host, region: values.region ?? DEFAULTS.region };
  if (allowHosts.length > 0) options.allowHosts = allowHosts;
  if (auth.keys !== undefined) {
    options.accessKey = auth.keys.accessKeyId;
    options.secretKey = auth.keys.secretAccessKey;
  }
  if (auth.warning !== undefined) options.warning = auth.warning;
  return options;
}

async function serve({ warning, ...flags }: SqsFlags, io: CliIo): Promise<number> {
  if (warning !== undefined) io.err(`ferry sqs: ${warning}`);
  const stop = io.stopSignal();
  const data = (() => {
    try {
      return openDataDir(flags.store);
    } catch (error) {
      io.err(`ferry sqs: cannot start: ${(error as Error).message}`);
      return undefined;
    }
  })();
  if (data === undefined) return 1;
  let server: SqsServer;
  try {
    server = await startSqsServer({ ...flags, data });
  } catch (error) {
    data.release();
    io.err(`ferry sqs: cannot start: ${(error as Error).message}`);
    return 1;
  }
  io.out(`ferry sqs listening on ${server.endpoint} (${describeStore(flags.store)}, region ${flags.region})`);
  const signal = await stop;
  io.out(`ferry sqs: ${signal}: stopping (long polls are answered; a second signal exits at once)`);
  await server.close();
  data.release();
  io.out('ferry sqs: stopped');
  return 0;
}

export const sqsCommand: Command = {
  name: 'sqs',
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
    return serve(parsed, io);
  },
};
