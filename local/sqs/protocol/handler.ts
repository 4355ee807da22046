import { isUtf8 } from 'node:buffer';
import { InternalErrorLog } from '../../http/internal-errors.js';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpRequest, HttpResponse } from '../../http/types.js';
import type { QueueEngine } from '../engine/types.js';
import { ACTIONS } from './actions/index.js';
import type { Action, ActionContext, Output } from './context.js';
import { ERRORS, SqsError, queryMessage } from './errors.js';
import type { Params } from './params.js';
import { JsonParams, QueryParams } from './params.js';
import { accessKeyOf } from './sender.js';
import { errorXml, successXml } from './xml.js';
import { jsonObjectBody } from '../../http/json-body.js';

export interface HandlerOptions {
  engine: QueueEngine;
  endpoint: string;
}

const JSON_TYPE = 'application/x-amz-json-1.0';
const XML_TYPE = 'text/xml';
const TARGET_PREFIX = 'AmazonSQS.';

type Protocol = 'json' | 'query';

/**
 * Request ids as SQS gives them (UUIDs): a random one per process whose last 12 hex digits count
 * requests, unique without a random draw per request.
 */
const REQUEST_ID_PREFIX = randomUUID().slice(0, 24);
let requestCount = 0;

function nextRequestId(): string {
  requestCount = (requestCount + 1) % 0x1000000000000;
  return REQUEST_ID_PREFIX + requestCount.toString(16).padStart(12, '0');
}

/** One request in, one response out: picks the protocol, authenticates, decodes, runs, encodes. */
export async function handle(options: HandlerOptions, req: HttpRequest): Promise<HttpResponse> {
  const requestId = nextRequestId();
  const target = req.headers['x-amz-target'];
  const protocol: Protocol = target !== undefined ? 'json' : 'query';
  let actionName = '';
  try {
    // Decoding would replace bad bytes with U+FFFD, an allowed character: the message would be
    // taken, changed. Both protocols' bodies are UTF-8 text; one that is not is malformed.
    if (!isUtf8(req.body)) throw new SqsError('MalformedRequest', 'The request body is not valid UTF-8.');
    const q = req.url.indexOf('?');
    const path = q === -1 ? req.url : req.url.slice(0, q);
    let params: Params;
    if (protocol === 'json') {
      actionName = String(target).startsWith(TARGET_PREFIX) ? String(target).slice(TARGET_PREFIX.length) : '';
      params = new JsonParams(
        jsonObjectBody(req.body, (message) => new SqsError('MalformedRequest', message)),
      );
    } else {
      const form = parseForm(req.body, q === -1 ? '' : req.url.slice(q + 1));
      actionName = form.get('Action') ?? '';
      params = new QueryParams(form);
    }
    const action = ACTIONS.get(actionName);
    if (action === undefined) throw unknownAction(protocol, actionName, target);
    const ctx = new Context(
      options.engine,
      options.endpoint,
      queueFromPath(path),
      senderIdOf(req.headers, options.engine.accountId),
      req,
    );
    const output = await action.run(ctx, params);
    return success(protocol, action, output, requestId);
  } catch (error) {
    const e = error instanceof SqsError ? error : internal(error, requestId, actionName);
    return failure(protocol, e, requestId);
  }
}

/**
 * What an action sees. Its signal is read through the request only by actions that need it (long
 * polls). A class, not a literal with a getter: see local/http/server.ts's Request for why.
 */
class Context implements ActionContext {
  constructor(
    readonly engine: QueueEngine,
    readonly endpoint: string,
    readonly pathQueue: string | undefined,
    readonly senderId: string,
    private readonly req: HttpRequest,
  ) {}

  get host(): string | undefined {
    return this.req.headers.host;
  }

  get signal(): AbortSignal | undefined {
    return this.req.signal;
  }
}

/**
 * The SenderId of a request: its access key id, as one shared string per key. A key sliced out of
 * the Authorization header would otherwise keep that whole header alive in every queued message.
 */
const senderIds = new Map<string, string>();

function senderIdOf(headers: IncomingHttpHeaders, accountId: string): string {
  const key = accessKeyOf(headers);
  if (key === undefined) return accountId;
  let id = senderIds.get(key);
  if (id === undefined) {
    id = Buffer.from(key, 'utf8').toString('utf8');
    if (senderIds.size < 1024) senderIds.set(id, id);
  }
  return id;
}

/** Form body and URL query merged (the body wins), each name and value percent-decoded. */
function parseForm(body: Buffer, query: string): Map<string, string> {
  const form = new Map<string, string>();
  for (const part of [query, body.toString('utf8')]) {
    if (part === '') continue;
    for (const pair of part.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const k = eq === -1 ? pair : pair.slice(0, eq);
      const v = eq === -1 ? '' : pair.slice(eq + 1);
      form.set(decodeForm(k), decodeForm(v));
    }
  }
  return form;
}

function decodeForm(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new SqsError('MalformedRequest', `The request is not valid form encoding: ${s.slice(0, 64)}`);
  }
}

/** `/000000000000/name` -> name; anything else (`/`) names no queue. */
function queueFromPath(path: string): string | undefined {
  const parts = path.split('/');
  if (parts.length !== 3 || parts[1] === '' || parts[2] === '') return undefined;
  try {
    return decodeURIComponent(parts[2]!);
  } catch {
    return undefined;
  }
}

function unknownAction(protocol: Protocol, name: string, target: unknown): SqsError {
  if (protocol === 'json')
    return new SqsError('UnknownOperation', `Operation ${String(target)} is not supported.`);
  if (name === '') return new SqsError('MissingParameter', 'The request must contain the parameter Action.');
  return new SqsError('UnknownOperation', `The action ${name} is not valid for this endpoint.`);
}

const internalErrors = new InternalErrorLog('ferry sqs');

function internal(error: unknown, requestId: string, action: string): SqsError {
  // A bug, not a bad request: one line on stderr (the stack once); the client sees InternalFailure.
  internalErrors.report(requestId, action, error);
  return new SqsError('InternalFailure', 'The request processing has failed because of an unknown error.');
}

function success(protocol: Protocol, action: Action, output: Output, requestId: string): HttpResponse {
  if (protocol === 'json') {
    return {
      status: 200,
      headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId },
      body: output === undefined ? '{}' : JSON.stringify(output),
    };
  }
  return {
    status: 200,
    headers: { 'content-type': XML_TYPE, 'x-amzn-requestid': requestId },
    body: successXml(action.name, output, requestId),
  };
}

export function failure(
  protocol: Protocol,
  error: SqsError,
  requestId: string = nextRequestId(),
): HttpResponse {
  const wire = ERRORS[error.code];
  if (protocol === 'json') {
    const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId };
    // Errors raised by SQS itself carry their query-era code; the coral framework's do not.
    if (wire.type.startsWith('com.amazonaws.sqs#')) {
      headers['x-amzn-query-error'] = `${wire.query};${wire.sender ? 'Sender' : 'Receiver'}`;
    }
    return {
      status: wire.status,
      headers,
      body: JSON.stringify({ __type: wire.type, message: error.message }),
    };
  }
  return {
    status: wire.status,
    headers: { 'content-type': XML_TYPE, 'x-amzn-requestid': requestId },
    body: errorXml(wire.sender, wire.query, queryMessage(error), requestId),
  };
}
