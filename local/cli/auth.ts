// SigV4 on the AWS endpoint, as `ferry up` and `ferry sqs` are told: keys from --access-key and
// --secret-key or FERRY_ACCESS_KEY and FERRY_SECRET_KEY require every request signed with them;
// --no-auth accepts any. On loopback the default is to accept any (the developer's own tools). On
// any other address the endpoint is reachable from the network, so it is said, and the runtime
// will not start unless told which: keys, or --no-auth. (It does not make up keys itself: a key
// pair the user did not choose must still be found and copied to every client, and one left in
// a data directory outlives the reason for it; one flag says the same thing plainly.)
import { isIP } from 'node:net';
import type { CliIo } from './io.js';

export const AUTH_OPTIONS = {
  'access-key': { type: 'string' },
  'secret-key': { type: 'string' },
  'no-auth': { type: 'boolean' },
} as const;

/** The flags' help; `more`: lines of the command's own about the keys. */
export function authUsage(more = ''): string {
  return `  --access-key, --secret-key
                require every request on the AWS endpoint signed (SigV4) with these keys
                (or FERRY_ACCESS_KEY / FERRY_SECRET_KEY); default on loopback: accept any${more}
  --no-auth     accept unsigned requests even with --host on a non-loopback address`;
}

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface AuthChoice {
  /** Set: the endpoint requires requests signed with these. */
  keys?: KeyPair;
  /** What to print before starting: the address is reachable from other machines. */
  warning?: string;
}

interface AuthValues {
  'access-key'?: string;
  'secret-key'?: string;
  'no-auth'?: boolean;
}

/** The choice the flags, the environment and the host make, or the message naming what is wrong. */
export function authFlags(values: AuthValues, env: CliIo['env'], host: string): AuthChoice | string {
  const flagged = values['access-key'] !== undefined || values['secret-key'] !== undefined;
  if (values['no-auth'] && flagged) return '--no-auth and --access-key/--secret-key cannot be given together';
  const accessKeyId = values['no-auth']
    ? undefined
    : (values['access-key'] ?? nonEmpty(env.FERRY_ACCESS_KEY));
  const secretAccessKey = values['no-auth']
    ? undefined
    : (values['secret-key'] ?? nonEmpty(env.FERRY_SECRET_KEY));
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    return '--access-key and --secret-key (or FERRY_ACCESS_KEY and FERRY_SECRET_KEY) must be given together';
  const keys =
    accessKeyId !== undefined && secretAccessKey !== undefined ? { accessKeyId, secretAccessKey } : undefined;
  if (isLoopback(host)) return keys === undefined ? {} : { keys };
  if (keys === undefined && !values['no-auth']) {
    return (
      `--host ${host} is not a loopback address: other machines can reach the AWS endpoint there. ` +
      'Give --access-key and --secret-key (or FERRY_ACCESS_KEY and FERRY_SECRET_KEY) so that it ' +
      'accepts only requests signed with them, or --no-auth to accept any request'
    );
  }
  const warning =
    `warning: --host ${host} is not a loopback address: other machines can reach every port. ` +
    (keys === undefined
      ? 'The AWS endpoint accepts any request (--no-auth).'
      : `The AWS endpoint accepts only requests signed with the key ${keys.accessKeyId}.`);
  return keys === undefined ? { warning } : { keys, warning };
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^(?:0{0,4}:){1,7}0{0,3}1$/.test(h) || /^::ffff:127\./.test(h);
  return false;
}

/** FERRY_ACCESS_KEY and FERRY_SECRET_KEY, when both are set: what the other commands sign with. */
export function envKeys(env: CliIo['env']): KeyPair | undefined {
  const accessKeyId = nonEmpty(env.FERRY_ACCESS_KEY);
  const secretAccessKey = nonEmpty(env.FERRY_SECRET_KEY);
  return accessKeyId !== undefined && secretAccessKey !== undefined
    ? { accessKeyId, secretAccessKey }
    : undefined;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
