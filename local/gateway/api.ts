// One HTTP API as the gateway plays it: its options resolved once, when it is created (a bad
// route table throws RouteKeyError then, not on the first request).
import { DEFAULTS } from '../config/index.js';
import { BodyBudget } from '../http/limits.js';
import { createCors, type Cors } from './cors.js';
import { buildEvent, type RequestFacts } from './event.js';
import { createRouter, type RouteMatch } from './routes.js';
import { createTokenBucket } from './throttle.js';
import type { ApiGatewayEventV2, GatewayListenerOptions } from './types.js';

const MB = 1024 * 1024;

export interface Api {
  stage: string;
  /** What the stage puts before every path: '' for $default. */
  stagePrefix: string;
  maxBody: number;
  /** Bytes of bodies still arriving, over every request of the API. */
  budget: BodyBudget;
  now: () => number;
  match: (method: string, path: string) => RouteMatch | undefined;
  cors: Cors | undefined;
  /** Takes a token from the stage's bucket; false when throttled. */
  take: () => boolean;
  apiId: string;
  accountId: string;
  options: GatewayListenerOptions;
}

export const stagePrefixOf = (stage: string | undefined): string =>
  stage === undefined || stage === '$default' ? '' : `/${stage}`;

export function createApi(options: GatewayListenerOptions): Api {
  const now = options.now ?? Date.now;
  return {
    stage: options.stage ?? '$default',
    stagePrefix: stagePrefixOf(options.stage),
    maxBody: options.maxBodyBytes ?? 10 * MB,
    budget: new BodyBudget(options.bodyBudgetBytes),
    now,
    match: createRouter(options.routes),
    cors: options.cors ? createCors(options.cors) : undefined,
    take: options.throttling ? createTokenBucket(options.throttling, now) : () => true,
    apiId: options.apiId ?? 'local',
    accountId: options.accountId ?? DEFAULTS.accountId,
    options,
  };
}

/** The route a request takes, if it is inside the stage and a route (or $default) matches. */
export function routeOf(api: Api, method: string, rawPath: string): RouteMatch | undefined {
  const { stagePrefix } = api;
  const inStage = stagePrefix === '' || rawPath === stagePrefix || rawPath.startsWith(`${stagePrefix}/`);
  return inStage ? api.match(method, rawPath.slice(stagePrefix.length) || '/') : undefined;
}

/** The payload format 2.0 event of a request that took the route `found`. */
export function eventFor(
  api: Api,
  found: RouteMatch,
  req: RequestFacts,
  requestId: string,
): ApiGatewayEventV2 {
  return buildEvent(req, {
    routeKey: found.route.routeKey,
    stage: api.stage,
    apiId: api.apiId,
    accountId: api.accountId,
    requestId,
    pathParameters: found.pathParameters,
    stageVariables: api.options.stageVariables,
  });
}
