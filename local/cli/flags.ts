// Flag parsing shared by the commands: ports, the store, and --parameter-overrides as the AWS CLI
// takes it. Each check answers the message that names the flag, or the value.
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULTS, parseOverrides, type StoreSpec } from '../config/index.js';

/** A port flag's value (0 picks a free one), or the message naming what is wrong. */
export function portFlag(flag: string, raw: string | undefined, fallback: number): number | string {
  const port = Number(raw ?? fallback);
  if (raw === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    return `--${flag} must be an integer from 0 to 65535, got '${raw}'`;
  return port;
}

/** `--data <dir>` or `--memory` (default: durable in DEFAULTS.dataDir), or what is wrong. */
export function storeFlags(values: { data?: string; memory?: boolean }): StoreSpec | string {
  if (values.memory && values.data !== undefined) return '--data and --memory cannot be used together';
  if (values.memory) return { kind: 'memory' };
  return { kind: 'durable', dir: resolve(values.data ?? DEFAULTS.dataDir) };
}

/** `--parameter-overrides A=1 B=2` takes every word up to the next flag, as the AWS CLI does. */
export function spreadOverrides(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    out.push(arg);
    if (arg !== '--parameter-overrides') continue;
    let taken = 0;
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      if (taken++ > 0) out.push('--parameter-overrides');
      out.push(argv[++i]!);
    }
  }
  return out;
}

/** `--inspect=[host:]port`: where the inspector listens (host default DEFAULTS.host), or what is wrong. */
export function inspectFlag(raw: string): { host: string; port: number } | string {
  const colon = raw.lastIndexOf(':');
  const host = colon === -1 ? DEFAULTS.host : raw.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  const text = raw.slice(colon + 1);
  const port = Number(text);
  if (host === '' || text === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    return `--inspect takes [host:]port with a port from 0 to 65535 (0 picks a free one), got '${raw}'`;
  return { host, port };
}

/** --parameter-overrides' words -> the record (none when not given), or the message naming what is wrong. */
export function overridesFlag(
  words: readonly string[] | undefined,
): { record?: Record<string, string> } | string {
  if (words === undefined) return {};
  try {
    return { record: parseOverrides(words) };
  } catch (error) {
    return (error as Error).message;
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
type WithPositionals<T extends Options> = {
  args: string[];
  options: T;
  strict: true;
  allowPositionals: true;
};

/** A command's flags and positionals (--parameter-overrides' words spread), or the parser's message. */
export function parseCommandArgs<T extends Options>(
  argv: string[],
  options: T,
): ReturnType<typeof parseArgs<WithPositionals<T>>> | string {
  try {
    return parseArgs({ args: spreadOverrides(argv), options, strict: true, allowPositionals: true });
  } catch (error) {
    return (error as Error).message;
  }
}
