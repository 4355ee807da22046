import { parseStatistic } from '../stats.js';
import type { Dimension } from '../types.js';
import { CloudWatchError, invalid, missing } from './errors.js';

/** Readers for request fields: each names the parameter that is wrong. AWS JSON 1.0 sends times as epoch seconds. */
export type Input = Record<string, unknown>;

export function str(input: Input, key: string, required: true): string;
export function str(input: Input, key: string, required?: false): string | undefined;
export function str(input: Input, key: string, required = false): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) {
    if (required) throw missing(key);
    return undefined;
  }
  if (typeof v !== 'string') throw invalid(`The parameter ${key} must be a string.`);
  return v;
}

export function int(
  input: Input,
  key: string,
  required: boolean,
  min: number,
  max: number,
): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) {
    if (required) throw missing(key);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw invalid(
      `The value ${String(v)} for parameter ${key} is invalid: expected an integer from ${min} to ${max}.`,
    );
  }
  return v;
}

/** Epoch seconds (possibly fractional) to ms. */
export function time(input: Input, key: string): number {
  const v = input[key];
  if (v === undefined || v === null) throw missing(key);
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw invalid(`The parameter ${key} must be a timestamp.`);
  return Math.round(v * 1000);
}

export function list(input: Input, key: string): unknown[] | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalid(`The parameter ${key} must be a list.`);
  return v;
}

export function dimensions(v: unknown, key: string): Dimension[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(`The parameter ${key} must be a list.`);
  if (v.length > 30) throw invalid(`The collection ${key} must not have more than 30 members.`);
  return v.map((d: unknown, i) => {
    const o = (d ?? {}) as Input;
    const at = `${key}.member.${i + 1}`;
    if (typeof o.Name !== 'string') throw missing(`${at}.Name`);
    if (typeof o.Value !== 'string') throw missing(`${at}.Value`);
    return { Name: o.Name, Value: o.Value };
  });
}

/** CloudWatch's periods: 1, 5, 10, 20, 30, or a multiple of 60. */
export function period(v: unknown, key: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw missingOr(v, key);
  if (v % 60 !== 0 && ![1, 5, 10, 20, 30].includes(v)) {
    throw invalid(`The parameter ${key} must be 1, 5, 10, 20, 30, or any multiple of 60.`);
  }
  return v;
}

function missingOr(v: unknown, key: string) {
  return v === undefined || v === null
    ? missing(key)
    : invalid(`The parameter ${key} must be a positive integer.`);
}

export function statistic(v: unknown, key: string): string {
  if (typeof v !== 'string') throw missingOr(v, key);
  if (parseStatistic(v) === undefined)
    throw invalid(`The value ${v} for parameter ${key} is not a supported statistic.`);
  return v;
}

/** Tokens hold an offset and a fingerprint of the request, so a token from another request is refused. */
export function encodeToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

export function decodeToken(token: string | undefined, fingerprint: string): number {
  if (token === undefined) return 0;
  try {
    const { o, f } = JSON.parse(Buffer.from(token, 'base64url').toString()) as { o: unknown; f: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && f === fingerprint) return o;
  } catch {
    // falls through to the error
  }
  throw invalidToken();
}

function invalidToken(): CloudWatchError {
  return new CloudWatchError('InvalidNextToken', 'The service returned an invalid or expired NextToken.');
}

/** ms to epoch seconds. */
export const seconds = (ms: number): number => ms / 1000;
