import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { isWellFormedCorrelationId } from '../lib/attributes.js';
import type { Logger } from '../lib/logger.js';
import { envelopeSchema, messageTypes } from '../lib/registry.js';
import { postBatch } from './batch.js';
import type { ProducerConfig } from './config.js';
import { header } from './request.js';
import { json } from './responses.js';
import { postMessage } from './single.js';

export interface ProducerDeps {
  config: ProducerConfig;
  sqs: SQSClient;
  logger: Logger;
  now?: () => number;
  newId?: () => string;
}

export type ProducerHandler = (
  event: APIGatewayProxyEventV2,
  context: Pick<Context, 'awsRequestId'>,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** "POST /messages": from routeKey, or from the method and path when the route is $default or absent. */
export function routeOf(event: APIGatewayProxyEventV2): string {
  if (event.routeKey && event.routeKey !== '$default') return event.routeKey;
  const raw = event.rawPath ?? '/';
  const path = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
  return `${(event.requestContext?.http?.method ?? 'GET').toUpperCase()} ${path}`;
}

export function createProducer({
  config,
  sqs,
  logger,
  now = Date.now,
  newId = randomUUID,
}: ProducerDeps): ProducerHandler {
  const metrics = { namespace: config.metricsNamespace, service: config.serviceName, now };
  const send = { sqs, queueUrl: config.queueUrl, maxMessageBytes: config.maxMessageBytes };
  const types = {
    envelope: envelopeSchema,
    types: messageTypes.map(({ name, schema }) => ({ name, schema })),
  };

  return async (event, context) => {
    const given = header(event, 'x-correlation-id');
    const correlationId = isWellFormedCorrelationId(given) ? given : newId();
    const scope = {
      log: logger.child({ awsRequestId: context.awsRequestId, correlationId }),
      metrics,
      correlationId,
    };
    const route = routeOf(event);
    switch (route) {
      case 'POST /messages':
        return postMessage(event, scope, send);
      case 'POST /messages/batch':
        return postBatch(event, scope, send);
      case 'GET /types':
        return json(200, types, correlationId);
      default:
        scope.log.warn({ route }, 'no such route');
        return json(
          404,
          { error: 'not-found', message: `no route for ${route}`, correlationId },
          correlationId,
        );
    }
  };
}
