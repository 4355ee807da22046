import type { InvokeOutcome } from '../lambda/index.js';

/** The function runner the gateway calls: local/lambda's `invoke`, reached by the route's target. */
export type Invoke = (target: string, event: ApiGatewayEventV2) => Promise<InvokeOutcome>;

/** AWS::ApiGatewayV2::Api CorsConfiguration, with CloudFormation's property names. */
export interface CorsConfiguration {
  AllowOrigins?: string[];
  AllowMethods?: string[];
  AllowHeaders?: string[];
  ExposeHeaders?: string[];
  MaxAge?: number;
  AllowCredentials?: boolean;
}

export interface RouteConfig {
  /** 'POST /messages', 'GET /items/{id}', 'ANY /{proxy+}' or '$default'. */
  routeKey: string;
  integration?: { payloadFormatVersion?: '2.0'; timeoutMs?: number };
  /** Opaque to the gateway: handed back to `invoke` (for example a function name). */
  target: string;
}

export interface Throttling {
  burstLimit: number;
  rateLimit: number;
}

/** One line of the access log, with the fields of API Gateway's $context variables. */
export interface AccessRecord {
  requestId: string;
  ip: string;
  requestTime: string;
  requestTimeEpoch: number;
  httpMethod: string;
  path: string;
  routeKey: string;
  status: number;
  protocol: string;
  responseLength: number;
  /** Milliseconds from the first byte of the request to the last byte of the response. */
  latency: number;
  /** Milliseconds spent in the integration; -1 when it was not called or timed out. */
  integrationLatency: number;
  /** The function's status when it answered (200, also for a function error, as Lambda's Invoke API does). */
  integrationStatus?: number;
  integrationError?: string;
  /** $context.error.message: the message of a response the gateway made itself. */
  error?: string;
}

/** One HTTP API: what createGatewayListener needs. */
export interface GatewayListenerOptions {
  stage?: string;
  routes: RouteConfig[];
  cors?: CorsConfiguration;
  throttling?: Throttling;
  invoke: Invoke;
  onRequest?: (record: AccessRecord) => void;
  /**
   * Replaces every route's integration timeout (at most 30 s in API Gateway): while a debugger
   * may hold a function paused (`ferry up --inspect`), the function's own timeout ends a hang.
   */
  integrationTimeoutMs?: number;
  apiId?: string;
  accountId?: string;
  stageVariables?: Record<string, string>;
  /** Largest request body in bytes (API Gateway: 10 MB). */
  maxBodyBytes?: number;
  /** Bytes held at once in bodies still arriving; default SERVER_LIMITS.bodyBudgetBytes. */
  bodyBudgetBytes?: number;
  /** Milliseconds since the epoch; injected so that throttling is tested without sleeping. */
  now?: () => number;
}

/** A standalone gateway (startGateway): the API, and where its own server listens. */
export interface GatewayOptions extends GatewayListenerOptions {
  host?: string;
  port?: number;
  /** Host names answered besides loopback, IP literals and `host` (local/http/hosts.ts). */
  allowHosts?: string[];
}

export interface Gateway {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The payload format 2.0 event, as API Gateway HTTP APIs send it to Lambda. */
export interface ApiGatewayEventV2 {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  pathParameters?: Record<string, string>;
  isBase64Encoded: boolean;
  stageVariables?: Record<string, string>;
}
