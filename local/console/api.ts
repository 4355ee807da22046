import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Widget } from './dashboard.js';
import { ConsoleError, type ConsoleErrorCode } from './errors.js';
import { crossOrigin } from './origin.js';
import { peekMessages, purge, queueList, queueStats, redriveProgress, startRedrive } from './queues.js';
import { CORRELATION_ID, findByReceiving, messageStory } from './story.js';
import { tail } from './tail.js';
import type { ConsoleSources } from './types.js';

// The page's JSON API. Every route answers JSON; a failure is `{ error }` with a 4xx for what the
// caller got wrong (a bad parameter, a filter pattern CloudWatch Logs would refuse, an SQS call
// SQS refused as the caller's fault, such as a purge within a minute of the last one) and 502 for a
// data source that failed (the message names which).

/** The one table from the console's own errors to HTTP statuses. */
const STATUS: Readonly<Record<ConsoleErrorCode, number>> = {
  InvalidParameter: 400,
  InvalidBody: 400,
  BodyTooLarge: 413,
  NotFound: 404,
  // A state-changing request without the console page's own proof (origin.ts).
  CrossOrigin: 403,
  // A template whose dashboard does not read: a data source's fault, were a request to meet it.
  DashboardBody: 502,
};

/** The status and `{ error }` of a route that threw. */
function failure(error: unknown): { status: number; body: { error: string } } {
  if (error instanceof ConsoleError) return { status: STATUS[error.code], body: { error: error.message } };
  if (!(error instanceof Error)) return { status: 502, body: { error: String(error) } };
  const text = `${error.name}: ${error.message}`;
  // local/logs' refusal, known by its name: the console reads logs through a LogsReader only.
  if (error.name === 'FilterPatternError') return { status: 400, body: { error: text } };
  // An SDK error SQS answered with a 4xx that blames the caller keeps that status.
  const sdk = error as { $fault?: string; $metadata?: { httpStatusCode?: number } };
  const code = sdk.$metadata?.httpStatusCode;
  if (sdk.$fault === 'client' && code !== undefined && code >= 400 && code < 500)
    return { status: code, body: { error: text } };
  return { status: 502, body: { error: text } };
}

export interface ApiContext {
  sources: ConsoleSources;
  widgets: Widget[];
  now: () => number;
}

type Route = (ctx: ApiContext, url: URL, req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

const MAX_BODY = 256 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ConsoleError('BodyTooLarge', `request body above ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ConsoleError('InvalidBody', 'request body must be a JSON object');
}

function queueUrl(ctx: ApiContext, name: string): string {
  const found = queueList(ctx.sources.queues).find((q) => q.name === name);
  if (found === undefined)
    throw new ConsoleError('NotFound', `no queue named ${JSON.stringify(name)} in the template`);
  return found.url;
}

function minutes(url: URL): number {
  const value = Number(url.searchParams.get('minutes') ?? 60);
  if (!Number.isFinite(value) || value <= 0 || value > 7 * 24 * 60) {
    throw new ConsoleError('InvalidParameter', 'minutes must be a number from 1 to 10080');
  }
  return value;
}

const GET: Record<string, Route> = {
  '/api/dashboard': async (ctx) => ({ name: ctx.sources.dashboardName ?? 'ferry', widgets: ctx.widgets }),
  '/api/widget': async (ctx, url) => {
    const widget = ctx.widgets.find((w) => w.index === Number(url.searchParams.get('index')));
    if (widget === undefined || widget.type !== 'metric')
      throw new ConsoleError('NotFound', 'no metric widget at that index');
    const end = ctx.now();
    return {
      series: await ctx.sources.metrics.query(widget.queries, { start: end - minutes(url) * 60_000, end }),
    };
  },
  '/api/alarms': async (ctx) => ({ alarms: await ctx.sources.metrics.alarms() }),
  '/api/queues': async (ctx) => ({
    queues: await queueStats(ctx.sources.sqs, ctx.sources.metrics, ctx.sources.queues, ctx.now()),
  }),
  '/api/queue/messages': async (ctx, url) => ({
    messages: await peekMessages(ctx.sources.sqs, queueUrl(ctx, url.searchParams.get('name') ?? ''), 50),
  }),
  '/api/queue/redrive': async (ctx, url) => ({
    task: await redriveProgress(ctx.sources.sqs, queueUrl(ctx, url.searchParams.get('name') ?? '')),
  }),
  '/api/functions': async (ctx) => ({
    functions: ctx.sources.functions,
    apiAccessLogGroupName: ctx.sources.apiAccessLogGroupName || undefined,
  }),
  '/api/logs': async (ctx, url) => {
    const group = url.searchParams.get('group');
    const filter = {
      filterPattern: url.searchParams.get('pattern') ?? '',
      logGroupNames: group ? [group] : undefined,
      startTime: ctx.now() - minutes(url) * 60_000,
      limit: 500,
    };
    const { logs } = ctx.sources;
    // A search spends a bounded slice of the main thread; `truncated` says it stopped short.
    return logs.search ? await logs.search(filter) : { events: await logs.filter(filter), truncated: false };
  },
  '/api/story': async (ctx, url) => {
    const id = url.searchParams.get('id') ?? '';
    if (!CORRELATION_ID.test(id))
      throw new ConsoleError('InvalidParameter', 'id must be a correlation id: letters, digits, . _ : -');
    const { sources } = ctx;
    const { findMessages } = sources;
    return messageStory(
      sources.logs,
      findMessages ? async (url, cid) => findMessages(url, cid, 100) : findByReceiving(sources.sqs),
      sources.functions,
      sources.queues,
      id,
      sources.apiAccessLogGroupName,
    );
  },
  '/api/types': async (ctx) => ({ types: ctx.sources.messageTypes, apiUrl: ctx.sources.apiUrl }),
};

const POST: Record<string, Route> = {
  '/api/queue/redrive': async (ctx, url) => {
    const dlqUrl = queueUrl(ctx, url.searchParams.get('name') ?? '');
    const source = ctx.sources.queues.find((q) => q.dlqUrl === dlqUrl);
    return startRedrive(ctx.sources.sqs, dlqUrl, source?.url);
  },
  '/api/queue/purge': async (ctx, url, req) => {
    const name = url.searchParams.get('name') ?? '';
    const target = queueUrl(ctx, name);
    const { confirm } = await readJson(req);
    // As the AWS console: purging deletes every message for good, so the caller types "purge".
    if (confirm !== 'purge')
      throw new ConsoleError('InvalidParameter', 'to purge, send {"confirm": "purge"}');
    await purge(ctx.sources.sqs, target);
    return { purged: name };
  },
  '/api/send': async (ctx, _url, req) => {
    const { type, data, correlationId } = await readJson(req);
    if (typeof type !== 'string') throw new ConsoleError('InvalidParameter', 'type must be a string');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof correlationId === 'string' && correlationId !== '') {
      // The producer's own rule; a value outside it could not even travel as a header.
      if (!CORRELATION_ID.test(correlationId))
        throw new ConsoleError(
          'InvalidParameter',
          'correlationId must be a correlation id: letters, digits, . _ : -, at most 128',
        );
      headers['x-correlation-id'] = correlationId;
    }
    const target = `${ctx.sources.apiUrl.replace(/\/$/, '')}/messages`;
    // Through the real local API, so the message travels the whole pipeline.
    const response = await fetch(target, { method: 'POST', headers, body: JSON.stringify({ type, data }) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: shown as text
    }
    return { status: response.status, correlationId: response.headers.get('x-correlation-id'), body };
  },
};

/**
 * The request target as a URL, read as a path: `//x` is the path `//x`, not the host `x` (which is
 * what `new URL('//x', base)` makes of it, and `//` alone does not parse at all).
 */
function requestUrl(target: string): URL | undefined {
  if (!target.startsWith('/')) return undefined;
  try {
    return new URL(`http://console${target}`);
  } catch {
    return undefined;
  }
}

export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = requestUrl(req.url ?? '/');
  if (url === undefined) {
    const refusal = failure(new ConsoleError('InvalidParameter', 'the request target must be a path'));
    res.writeHead(refusal.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(refusal.body));
    return true;
  }
  if (req.method === 'GET' && url.pathname === '/api/tail') {
    tail(ctx.sources.logs, url.searchParams.get('group') ?? '', ctx.now, req, res);
    return true;
  }
  const reads = req.method === 'GET' || req.method === 'HEAD';
  const refused = reads ? undefined : crossOrigin(req);
  const routes = req.method === 'POST' ? POST : req.method === 'GET' ? GET : {};
  // Own keys only: a path is the request's, and must never find Object.prototype's members.
  const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
  if (route === undefined && refused === undefined) return false;
  let status = 200;
  let body: unknown;
  try {
    if (refused !== undefined) throw refused;
    body = await route!(ctx, url, req, res);
  } catch (error) {
    ({ status, body } = failure(error));
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
  return true;
}
