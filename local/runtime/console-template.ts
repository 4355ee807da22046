import { lambdaLogGroup } from '../config/index.js';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResourceModel, TemplateModel } from '../template/index.js';
import type { ConsoleFunction, ConsoleQueue, ConsoleSources, MessageType } from '../console/index.js';

// What the console shows, read from the loaded template and the schemas: the dashboard, the queues
// with their DLQs, the functions with their log groups, and the message types with their examples.
// The runtime adds the live readers (metrics, logs, SQS client) and the API URL.

export type TemplateSources = Pick<
  ConsoleSources,
  'dashboardBody' | 'dashboardName' | 'queues' | 'functions' | 'apiAccessLogGroupName' | 'messageTypes'
>;

const of = (model: TemplateModel, type: string) => model.resources.filter((r) => r.type === type);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The dashboard the console shows: the template's first, and its name (DashboardName or its Ref). */
export function consoleDashboard(
  model: TemplateModel,
): { resource: ResourceModel; name: string } | undefined {
  const resource = of(model, 'AWS::CloudWatch::Dashboard')[0];
  return resource && { resource, name: str(resource.properties.DashboardName) ?? resource.ref };
}

export async function templateSources(model: TemplateModel, schemasDir: string): Promise<TemplateSources> {
  const shown = consoleDashboard(model);
  const dashboard = shown?.resource;
  const body = dashboard?.properties.DashboardBody;
  const sources: TemplateSources = {
    dashboardBody:
      typeof body === 'string' || (typeof body === 'object' && body !== null) ? body : { widgets: [] },
    queues: queues(model),
    functions: functions(model),
    messageTypes: await messageTypes(schemasDir),
  };
  if (shown !== undefined) sources.dashboardName = shown.name;
  const stage = of(model, 'AWS::ApiGatewayV2::Stage')[0]?.properties.AccessLogSettings as
    { DestinationArn?: unknown } | undefined;
  const arn = str(stage?.DestinationArn);
  // arn:aws:logs:region:account:log-group:NAME (sometimes with a trailing :*)
  const group = arn?.split(':log-group:')[1]?.replace(/:\*$/, '');
  if (group !== undefined) sources.apiAccessLogGroupName = group;
  return sources;
}

function queues(model: TemplateModel): ConsoleQueue[] {
  const all = of(model, 'AWS::SQS::Queue');
  const byArn = new Map(all.map((q) => [q.attributes.Arn, q]));
  const name = (q: ResourceModel) => str(q.attributes.QueueName) ?? q.ref.slice(q.ref.lastIndexOf('/') + 1);
  const dlqs = new Set<ResourceModel>();
  const list = all.map((q) => {
    const policy = q.properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined;
    const dlq = byArn.get(policy?.deadLetterTargetArn);
    if (dlq) dlqs.add(dlq);
    return { q, entry: { name: name(q), url: q.ref, ...(dlq ? { dlqUrl: dlq.ref } : {}) } };
  });
  // A DLQ is listed under the queue it serves, not on its own.
  return list.filter(({ q }) => !dlqs.has(q)).map(({ entry }) => entry);
}

function functions(model: TemplateModel): ConsoleFunction[] {
  const consumers = new Set(
    of(model, 'AWS::Lambda::EventSourceMapping').map((m) => str(m.properties.FunctionName)),
  );
  return of(model, 'AWS::Lambda::Function').map((f) => {
    const logging = f.properties.LoggingConfig as { LogGroup?: unknown } | undefined;
    return {
      name: f.ref,
      logGroupName: str(logging?.LogGroup) ?? lambdaLogGroup(f.ref),
      role: consumers.has(f.ref) || consumers.has(str(f.attributes.Arn)) ? 'consumer' : 'producer',
    };
  });
}

/** Each `schemas/types/<type>.schema.json` with its `examples`. */
export async function messageTypes(dir: string): Promise<MessageType[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.schema.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const schema = JSON.parse(await readFile(join(dir, file), 'utf8')) as { examples?: unknown };
      return {
        name: file.slice(0, -'.schema.json'.length),
        examples: Array.isArray(schema.examples) ? schema.examples : [],
      };
    }),
  );
}
