// `ferry event api|sqs`: a sample event (JSON, stdout) of exactly the shape the template's parts
// build: the HTTP API's payload format 2.0 event for one request, or the SQS event the event source
// mapping builds from received messages. `ferry event sqs --type t | ferry invoke ConsumerFunction --event -`.
import { randomUUID } from 'node:crypto';
import { DEFAULTS } from '../config/index.js';
import { apiEvent, InvokeError, offlineStack, sqsEvent, type TemplateOptions } from '../runtime/index.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './flags.js';
import type { CliIo } from './io.js';
import { envelopeBody, typeOf } from './sample-body.js';
import { TEMPLATE_OPTIONS, TEMPLATE_USAGE, templateFlags } from './template-flags.js';

const USAGE = `Usage: ferry event api [--method POST] [--path /messages] [--type <message type> | --body <json>]
                       [--header 'Name: value' ...] [--api <logical id>]
       ferry event sqs [--type <message type> | --body <text>] [--count 1] [--correlation-id <id>]
                       [--queue <logical id or name>]
       (both: [--template ${DEFAULTS.template}] [--parameters <file> | none] [--parameter-overrides ...])

Prints a sample event (JSON) of exactly the shape the local runtime builds, with the template's
values (API id and stage, queue ARN, region, account): for ferry invoke --event -, or a test.
  api                    the payload format 2.0 event of one request to the HTTP API
  sqs                    the SQS event the event source mapping builds from received messages
  --type                 the body is the envelope {type, data}, data the first example of
                         schemas/types/<type>.schema.json
  --body                 the body as given (api: sent as application/json)
  --method, --path       the request (default POST /messages); the path may carry ?query
  --header               a request header, as curl -H takes it (repeatable)
  --api                  which AWS::ApiGatewayV2::Api (default the template's first)
  --count                records in the event (default 1, at most 10000)
  --correlation-id       the correlationId attribute (default a new uuid per record)
  --queue                which queue (default the one the template's event source mapping reads)
${TEMPLATE_USAGE}`;

const OPTIONS = {
  ...TEMPLATE_OPTIONS,
  type: { type: 'string' },
  body: { type: 'string' },
  method: { type: 'string' },
  path: { type: 'string' },
  header: { type: 'string', multiple: true },
  api: { type: 'string' },
  count: { type: 'string' },
  'correlation-id': { type: 'string' },
  queue: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const API_ONLY = ['method', 'path', 'header', 'api'] as const;
const SQS_ONLY = ['count', 'correlation-id', 'queue'] as const;

/** Where the body comes from: a message type's example, or as given. */
export type BodyFrom = { type: string } | { body: string } | undefined;

export type EventFlags = { template: TemplateOptions; from: BodyFrom } & (
  | { kind: 'api'; method: string; path: string; headers: [string, string][]; api?: string }
  | { kind: 'sqs'; count: number; correlationId?: string; queue?: string }
);

/** Flags -> what to build, or the message naming what is wrong. */
export function parseEventFlags(argv: string[]): EventFlags | { help: true } | string {
  const parsed = parseCommandArgs(argv, OPTIONS);
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [kind, ...extra] = positionals;
  if (kind !== 'api' && kind !== 'sqs') return `expected api or sqs, got ${kind ?? 'nothing'}`;
  if (extra.length > 0) return `unexpected ${extra.join(' ')}`;
  const foreign = (kind === 'api' ? SQS_ONLY : API_ONLY).find((flag) => values[flag] !== undefined);
  if (foreign !== undefined) return `--${foreign} is not a flag of ferry event ${kind}`;
  if (values.type !== undefined && values.body !== undefined)
    return '--type and --body cannot be used together';
  const template = templateFlags(values);
  if (typeof template === 'string') return template;
  const from: BodyFrom =
    values.type !== undefined
      ? { type: values.type }
      : values.body !== undefined
        ? { body: values.body }
        : undefined;
  if (kind === 'api') {
    const headers = (values.header ?? []).map(headerLine);
    const bad = headers.findIndex((h) => h === undefined);
    if (bad !== -1) return `--header '${values.header![bad]}': expected 'Name: value'`;
    const path = values.path ?? '/messages';
    if (!path.startsWith('/')) return `--path must start with /, got '${path}'`;
    return {
      kind,
      template,
      from,
      method: (values.method ?? 'POST').toUpperCase(),
      path,
      headers: headers as [string, string][],
      ...(values.api !== undefined ? { api: values.api } : {}),
    };
  }
  const count = Number(values.count ?? 1);
  if (!Number.isInteger(count) || count < 1 || count > 10_000)
    return `--count must be an integer from 1 to 10000, got '${values.count}'`;
  if (from === undefined) return 'ferry event sqs needs --type <message type> or --body <text>';
  return {
    kind,
    template,
    from,
    count,
    ...(values['correlation-id'] !== undefined ? { correlationId: values['correlation-id'] } : {}),
    ...(values.queue !== undefined ? { queue: values.queue } : {}),
  };
}

function headerLine(line: string): [string, string] | undefined {
  const colon = line.indexOf(':');
  if (colon < 1) return undefined;
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

function bodyOf(from: BodyFrom): { body: string | undefined } | string {
  if (from === undefined) return { body: undefined };
  return 'type' in from ? envelopeBody(from.type) : { body: from.body };
}

/** The sample event of the flags, over the template. */
export async function buildSampleEvent(flags: EventFlags, body: string | undefined): Promise<unknown> {
  const stack = await offlineStack(flags.template);
  if (flags.kind === 'api')
    return apiEvent(stack, {
      method: flags.method,
      path: flags.path,
      headers: flags.headers,
      body,
      api: flags.api,
    }).event;
  const bodies = Array.from({ length: flags.count }, () => body!);
  const type = typeOf(body!);
  const attributes = bodies.map(() => ({
    ...(type !== undefined ? { type } : {}),
    correlationId: flags.correlationId ?? randomUUID(),
  }));
  return (await sqsEvent(stack, { bodies, attributes, queue: flags.queue })).event;
}

export const eventCommand: Command = {
  name: 'event',
  async run(argv, io: CliIo) {
    const parsed = parseEventFlags(argv);
    if (typeof parsed === 'string') {
      io.err(`ferry event: ${parsed}\n\n${USAGE}`);
      return 2;
    }
    if ('help' in parsed) {
      io.out(USAGE);
      return 0;
    }
    const body = bodyOf(parsed.from);
    if (typeof body === 'string') {
      io.err(`ferry event: ${body}`);
      return 2;
    }
    try {
      io.out(JSON.stringify(await buildSampleEvent(parsed, body.body), null, 2));
      return 0;
    } catch (error) {
      io.err(`ferry event: ${(error as Error).message}`);
      // A queue, API or route the template does not have is a usage error; the rest, a failure.
      return error instanceof InvokeError ? 2 : 1;
    }
  },
};
