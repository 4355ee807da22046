// `ferry env`: the environment that points the AWS CLI and the SDKs at the local endpoint, ready
// to paste or eval. AWS CLI v1 (the `aws` of pip) ignores AWS_ENDPOINT_URL for `aws sqs`: it
// needs --endpoint-url on the command line, which the last line says.
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../config/index.js';
import { envKeys, type KeyPair } from './auth.js';
import type { Command } from './command.js';
import { portFlag } from './flags.js';

const USAGE = `Usage: ferry env [--sqs-port ${DEFAULTS.ports.sqs}] [--host ${DEFAULTS.host}]

Prints the variables that point the AWS CLI and the SDKs at a running ferry up (or ferry sqs):
  eval "$(npx ferry env)"     then: aws logs describe-log-groups, the SDKs, boto3...
With FERRY_ACCESS_KEY and FERRY_SECRET_KEY set (the keys a ferry up requires), they are the keys.
AWS CLI v1 needs --endpoint-url for sqs whatever the environment says.`;

const OPTIONS = {
  'sqs-port': { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * The lines for an endpoint: `export` for the shells, a comment for AWS CLI v1's sqs. `keys`: the
 * ones the endpoint requires; the secret is printed only when `secret` says so (ferry env, for eval).
 */
export function envLines(endpoint: string, keys?: KeyPair, secret = true): string[] {
  const region = DEFAULTS.region;
  const shown = keys && (secret ? keys.secretAccessKey : '<the secret key given>');
  return [
    `export AWS_ENDPOINT_URL=${endpoint}`,
    // Without keys any pair does: the endpoint checks signatures only when given keys.
    keys === undefined
      ? 'export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local'
      : `export AWS_ACCESS_KEY_ID=${shellWord(keys.accessKeyId)} AWS_SECRET_ACCESS_KEY=${secret ? shellWord(shown!) : `'${shown!}'`}`,
    `export AWS_REGION=${region} AWS_DEFAULT_REGION=${region}`,
    // scripts/*.sh read the stack's outputs by name; they default to the AWS stack, ferry-dev.
    `export STACK_NAME=${DEFAULTS.stackName}`,
    `# AWS CLI v1 ignores AWS_ENDPOINT_URL for sqs: aws --endpoint-url ${endpoint} sqs list-queues`,
  ];
}

/** A value as one shell word: quoted unless it is plainly safe. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./+=:@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export const envCommand: Command = {
  name: 'env',
  async run(argv, io) {
    let values;
    try {
      ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
    } catch (error) {
      io.err(`ferry env: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const port = portFlag('sqs-port', values['sqs-port'], DEFAULTS.ports.sqs);
    if (typeof port === 'string') {
      io.err(`ferry env: ${port}\n\n${USAGE}`);
      return 2;
    }
    const endpoint = `http://${values.host ?? DEFAULTS.host}:${port}`;
    for (const line of envLines(endpoint, envKeys(io.env))) io.out(line);
    return 0;
  },
};
