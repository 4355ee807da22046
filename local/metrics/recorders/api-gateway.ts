import type { MetricStore } from '../store.js';
import type { Dimension } from '../types.js';

/**
 * AWS/ApiGateway metrics as HTTP APIs publish them: Count, 4xx, 5xx, Latency, IntegrationLatency by
 * ApiId and by ApiId + Stage; by ApiId + Stage + Method + Resource only with detailed metrics.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 */
export interface ApiRequest {
  status: number;
  /** ms, first byte in to last byte out. */
  latency: number;
  /** ms in the integration; -1 (or absent) when it was not reached: no IntegrationLatency datapoint. */
  integrationLatency?: number;
  /** 'POST /messages' or '$default'; used only with detailed metrics. */
  routeKey?: string;
}

export interface ApiGatewayMetricsOptions {
  apiId: string;
  stage: string;
  /** Stage DefaultRouteSettings.DetailedMetricsEnabled. */
  detailedMetrics?: boolean;
}

const NS = 'AWS/ApiGateway';

export class ApiGatewayMetrics {
  private readonly base: Dimension[][];

  constructor(
    private readonly store: MetricStore,
    private readonly options: ApiGatewayMetricsOptions,
  ) {
    const api = { Name: 'ApiId', Value: options.apiId };
    this.base = [[api], [api, { Name: 'Stage', Value: options.stage }]];
  }

  /** Call once per request, with the gateway's access record (it has these fields). */
  request(r: ApiRequest): void {
    const now = this.store.now();
    const dimsList = this.dimsFor(r.routeKey);
    const c4 = r.status >= 400 && r.status < 500 ? 1 : 0;
    const c5 = r.status >= 500 ? 1 : 0;
    for (const dims of dimsList) {
      this.store.put(NS, 'Count', dims, 1, now, 'Count');
      this.store.put(NS, '4xx', dims, c4, now, 'Count');
      this.store.put(NS, '5xx', dims, c5, now, 'Count');
      this.store.put(NS, 'Latency', dims, r.latency, now, 'Milliseconds');
      if (r.integrationLatency !== undefined && r.integrationLatency >= 0) {
        this.store.put(NS, 'IntegrationLatency', dims, r.integrationLatency, now, 'Milliseconds');
      }
    }
  }

  private dimsFor(routeKey: string | undefined): Dimension[][] {
    if (this.options.detailedMetrics !== true || routeKey === undefined) return this.base;
    const space = routeKey.indexOf(' ');
    const method = space < 0 ? routeKey : routeKey.slice(0, space);
    const resource = space < 0 ? routeKey : routeKey.slice(space + 1);
    return [
      ...this.base,
      [...this.base[1]!, { Name: 'Method', Value: method }, { Name: 'Resource', Value: resource }],
    ];
  }
}
