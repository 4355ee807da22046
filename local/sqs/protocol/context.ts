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
  /** The request's Host header: a queue URL may name the endpoint by it. */
  host: string | undefined;
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
  const parsed = parsedUrl(url);
  // Another host is another endpoint (SQS answers InvalidAddress for a URL of another region's);
  // another account's queue does not exist here.
  if (parsed.host !== undefined && !isThisEndpoint(parsed.host, ctx)) throw invalidAddress(url);
  if (parsed.account !== ctx.engine.accountId)
    throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
  return parsed.name;
}

/** `http://h:p/000000000000/name`, `/000000000000/name` -> name. */
export function nameFromUrl(url: string): string {
  return parsedUrl(url).name;
}

interface ParsedUrl {
  /** Lowercase hostname, without port; undefined for a bare path. */
  host: string | undefined;
  account: string;
  name: string;
}

/**
 * Queue URLs seen so far, parsed: a client sends the same few URLs on every call, and parsing one
 * each time is a measurable part of a small request. Bounded; only valid URLs enter.
 */
const parsedUrls = new Map<string, ParsedUrl>();
const MAX_CACHED_NAMES = 1024;

function parsedUrl(url: string): ParsedUrl {
  let parsed = parsedUrls.get(url);
  if (parsed === undefined) {
    parsed = parseUrl(url);
    if (parsedUrls.size < MAX_CACHED_NAMES) parsedUrls.set(url, parsed);
  }
  return parsed;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The endpoint's own host, the Host the request came to, or a loopback name. */
function isThisEndpoint(host: string, ctx: ActionContext): boolean {
  if (LOOPBACK.has(host) || host.endsWith('.localhost')) return true;
  return host === hostnameOf(ctx.endpoint) || (ctx.host !== undefined && host === hostOnly(ctx.host));
}

function hostnameOf(url: string): string | undefined {
  const scheme = url.indexOf('://');
  return scheme === -1 ? undefined : hostOnly(url.slice(scheme + 3).split('/', 1)[0]!);
}

/** `Host:port` -> host, lowercase; `[::1]:9324` -> `[::1]`. */
function hostOnly(authority: string): string {
  const at = authority.lastIndexOf('@');
  const hostPort = (at === -1 ? authority : authority.slice(at + 1)).toLowerCase();
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1);
  const colon = hostPort.indexOf(':');
  return colon === -1 ? hostPort : hostPort.slice(0, colon);
}

const invalidAddress = (url: string): SqsError =>
  new SqsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`);

function parseUrl(url: string): ParsedUrl {
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
    return { host: hostnameOf(url), account: parts[0]!, name: decodeURIComponent(parts[1]!) };
  } catch {
    throw invalidAddress(url);
  }
}

/** Unwraps an engine Result, throwing its error as the wire error it maps to. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw fromEngine(result.error);
  return result.value;
}
