import { queueUrl as urlOfQueue } from '../../config/index.js';
import type { QueueEngine, Result } from '../engine/types.js';
import { SqsError, fromEngine, missing } from './errors.js';
import type { Params } from './params.js';

/** What an action sees besides its parameters. */
export interface ActionContext {
  engine: QueueEngine;
  /** `http://host:port`, the base of every queue URL. */
  endpoint: string;
  /** The queue named by the request path (`/<account>/<name>`), if any. */
  pathQueue: string | undefined;
  /** For the SenderId attribute: the caller's access key id, or the account id. */
  senderId: string;
  /** Aborted when the client goes away (ends long polls early). */
  signal: AbortSignal | undefined;
}

/** A JSON-ready object (the JSON protocol's body; the query protocol renders it as XML), or nothing. */
export type Output = Record<string, unknown> | undefined;

export interface Action {
  readonly name: string;
  run(ctx: ActionContext, params: Params): Promise<Output> | Output;
}

export function queueUrl(ctx: ActionContext, name: string): string {
  return urlOfQueue(ctx.endpoint, ctx.engine.accountId, name);
}

/** The queue a request is about: its QueueUrl parameter, else the queue URL it was posted to. */
export function queueName(ctx: ActionContext, params: Params): string {
  const url = params.string('QueueUrl');
  if (url === undefined || url === '') {
    if (ctx.pathQueue !== undefined) return ctx.pathQueue;
    throw missing('QueueUrl');
  }
  return nameFromUrl(url);
}

/**
 * Queue names of the queue URLs seen so far: a client sends the same few URLs on every call, and
 * parsing one each time is a measurable part of a small request. Bounded; only valid URLs enter.
 */
const names = new Map<string, string>();
const MAX_CACHED_NAMES = 1024;

/** `http://h:p/000000000000/name`, `/000000000000/name` -> name. */
export function nameFromUrl(url: string): string {
  let name = names.get(url);
  if (name === undefined) {
    name = parseNameFromUrl(url);
    if (names.size < MAX_CACHED_NAMES) names.set(url, name);
  }
  return name;
}

const invalidAddress = (url: string): SqsError =>
  new SqsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`);

function parseNameFromUrl(url: string): string {
  let path = url;
  const scheme = url.indexOf('://');
  if (scheme !== -1) {
    const slash = url.indexOf('/', scheme + 3);
    path = slash === -1 ? '' : url.slice(slash);
  }
  const parts = path
    .split('?', 1)[0]!
    .split('/')
    .filter((p) => p !== '');
  if (parts.length !== 2) throw invalidAddress(url);
  try {
    return decodeURIComponent(parts[1]!);
  } catch {
    throw invalidAddress(url);
  }
}

/** Unwraps an engine Result, throwing its error as the wire error it maps to. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw fromEngine(result.error);
  return result.value;
}
