import { invalidParameter, LogsError } from './errors.js';

// Reads a JSON 1.1 request body field by field, with the texts CloudWatch Logs uses for bad input.

export type Input = Record<string, unknown>;

function constraint(value: unknown, name: string, rule: string): LogsError {
  const shown =
    value === undefined ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return invalidParameter(
    `1 validation error detected: Value ${shown} at '${name}' failed to satisfy constraint: ${rule}`,
  );
}

function typeError(name: string, expected: string): LogsError {
  return new LogsError('SerializationException', `${name}: expected ${expected}`);
}

export function optionalString(input: Input, name: string, pattern?: RegExp): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError(name, 'a string');
  if (value.length < 1 || value.length > 512) {
    throw constraint(value, name, 'Member must have length between 1 and 512');
  }
  if (pattern !== undefined && !pattern.test(value)) {
    throw constraint(
      value,
      name,
      `Member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`,
    );
  }
  return value;
}

export function requiredString(input: Input, name: string, pattern?: RegExp): string {
  const value = optionalString(input, name, pattern);
  if (value === undefined) throw constraint(undefined, name, 'Member must not be null');
  return value;
}

export function optionalInt(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(name, 'an integer');
  if (value < min) throw constraint(value, name, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraint(value, name, `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalBool(input: Input, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw typeError(name, 'a boolean');
  return value;
}

export function optionalStrings(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw typeError(name, 'a list of strings');
  if (value.length < 1 || value.length > 100) {
    throw constraint(value, name, 'Member must have length between 1 and 100');
  }
  return value;
}

/** Timestamps are epoch milliseconds, never negative. */
export function optionalTime(input: Input, name: string): number | undefined {
  return optionalInt(input, name, 0, Number.MAX_SAFE_INTEGER);
}

export const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
export const STREAM_NAME = /^[^:*]*$/;

/**
 * The group a request names: `logGroupName`, or `logGroupIdentifier` (a name or an ARN, with or
 * without the trailing `:*`), never both.
 */
export function groupOf(input: Input): string {
  const name = optionalString(input, 'logGroupName', GROUP_NAME);
  const identifier = optionalString(input, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  if (name !== undefined) return name;
  if (identifier === undefined)
    throw invalidParameter('Should provide either logGroupName or logGroupIdentifier.');
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return arn !== null ? arn[1]! : identifier;
}

/** Opaque pagination tokens: base64url JSON, refused as CloudWatch refuses a token it did not issue. */
/**
 * A `nextToken`: a bad one, of any length, is refused as CloudWatch Logs refuses it, without
 * echoing it back (a token is opaque, and may be megabytes long).
 */
export function optionalToken(input: Input): string | undefined {
  const value = input.nextToken;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError('nextToken', 'a string');
  if (value.length < 1 || value.length > 2048) throw invalidParameter('The specified nextToken is invalid.');
  return value;
}

export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(
  token: string | undefined,
  check: (value: unknown) => value is T,
): T | undefined {
  if (token === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidParameter('The specified nextToken is invalid.');
  }
  if (!check(value)) throw invalidParameter('The specified nextToken is invalid.');
  return value;
}
