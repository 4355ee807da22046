// Route selection as HTTP APIs do it: the most specific route wins — literal segments over
// path variables over a greedy {proxy+}, a named method over ANY — and $default catches the rest.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
import { RouteKeyError } from './errors.js';
import type { RouteConfig } from './types.js';

type Segment =
  { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface CompiledRoute {
  config: RouteConfig;
  method: string;
  segments: Segment[];
  /** Sort key: lower sorts first (more specific). */
  rank: number[];
}

export interface RouteMatch {
  route: RouteConfig;
  pathParameters?: Record<string, string>;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);
const KIND_RANK = { literal: 0, param: 1, greedy: 2 } as const;

function compile(config: RouteConfig): CompiledRoute {
  const match = /^([A-Z]+) (\/\S*)$/.exec(config.routeKey);
  if (!match || !METHODS.has(match[1] as string)) {
    throw new RouteKeyError(
      'InvalidRouteKey',
      `route key "${config.routeKey}" is not valid: expected "$default" or "<METHOD> /path" with METHOD one of ${[...METHODS].join(', ')}`,
    );
  }
  const method = match[1] as string;
  const parts = (match[2] as string).split('/').slice(1);
  const segments: Segment[] = parts.map((part, index) => {
    const variable = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
    if (!variable) return { kind: 'literal', value: part };
    if (variable[2] === '+') {
      if (index !== parts.length - 1) {
        throw new RouteKeyError(
          'InvalidRouteKey',
          `route key "${config.routeKey}": a greedy variable must be the last segment`,
        );
      }
      return { kind: 'greedy', name: variable[1] as string };
    }
    return { kind: 'param', name: variable[1] as string };
  });
  const rank = [...segments.map((s) => KIND_RANK[s.kind]), method === 'ANY' ? 1 : 0];
  return { config, method, segments, rank };
}

function compareRank(a: number[], b: number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return b.length - a.length; // longer literal prefixes first
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i).join('/');
      if (rest === '') return undefined; // a greedy variable takes at least one character
      params[segment.name] = decode(rest);
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.value) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = decode(part);
    }
  }
  return segments.length === parts.length ? params : undefined;
}

function checkIntegration({ routeKey, integration }: RouteConfig): void {
  const version = integration?.payloadFormatVersion ?? '2.0';
  if (version !== '2.0') {
    throw new RouteKeyError(
      'InvalidIntegration',
      `route "${routeKey}": PayloadFormatVersion "${version}" is not played locally; use "2.0"`,
    );
  }
  const timeout = integration?.timeoutMs;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 50 && timeout <= 30_000)) {
    throw new RouteKeyError(
      'InvalidIntegration',
      `route "${routeKey}": TimeoutInMillis must be an integer from 50 to 30000, got ${timeout}`,
    );
  }
}

/** Compiles the route table once; `match` is then a scan of routes already in priority order. */
export function createRouter(
  routes: RouteConfig[],
): (method: string, path: string) => RouteMatch | undefined {
  let fallback: RouteConfig | undefined;
  const compiled: CompiledRoute[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    if (seen.has(route.routeKey))
      throw new RouteKeyError('DuplicateRouteKey', `route key "${route.routeKey}" is defined twice`);
    seen.add(route.routeKey);
    checkIntegration(route);
    if (route.routeKey === '$default') fallback = route;
    else compiled.push(compile(route));
  }
  compiled.sort((a, b) => compareRank(a.rank, b.rank));

  return (method, path) => {
    const parts = path.split('/').slice(1);
    for (const route of compiled) {
      if (route.method !== 'ANY' && route.method !== method) continue;
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      return Object.keys(params).length > 0
        ? { route: route.config, pathParameters: params }
        : { route: route.config };
    }
    return fallback ? { route: fallback } : undefined;
  };
}
