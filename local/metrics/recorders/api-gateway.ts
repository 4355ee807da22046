import type { MetricStore } from '../store.js';
import type { Dimension } from '../types.js';
import { Handles } from './handles.js';

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

export class ApiGatewayMetrics {
  private readonly handles: Handles;

  constructor(
    store: MetricStore,
    private readonly options: ApiGatewayMetricsOptions,
  ) {
    const api = { Name: 'ApiId', Value: options.apiId };
    const base: Dimension[][] = [[api], [api, { Name: 'Stage', Value: options.stage }]];
    // Resource keys: '' for the API and stage, else the route key (detailed metrics).
    this.handles = new Handles(store, 'AWS/ApiGateway', (routeKey) => {
      if (routeKey === '') return base;
      const space = routeKey.indexOf(' ');
      const method = space < 0 ? routeKey : routeKey.slice(0, space);
      const resource = space < 0 ? routeKey : routeKey.slice(space + 1);
      return [
        ...base,
        [...base[1]!, { Name: 'Method', Value: method }, { Name: 'Resource', Value: resource }],
      ];
    });
  }

  /** Call once per request, with the gateway's access record (it has these fields). */
  request(r: ApiRequest): void {
    const key = this.options.detailedMetrics === true && r.routeKey !== undefined ? r.routeKey : '';
    this.handles.put(key, 'Count', 'Count', 1);
    this.handles.put(key, '4xx', 'Count', r.status >= 400 && r.status < 500 ? 1 : 0);
    this.handles.put(key, '5xx', 'Count', r.status >= 500 ? 1 : 0);
    this.handles.put(key, 'Latency', 'Milliseconds', r.latency);
    if (r.integrationLatency !== undefined && r.integrationLatency >= 0) {
      this.handles.put(key, 'IntegrationLatency', 'Milliseconds', r.integrationLatency);
    }
  }
}
