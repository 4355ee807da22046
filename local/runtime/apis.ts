// The template's AWS::ApiGatewayV2 resources, gathered per Api into what local/gateway takes:
// routes with their integration's function, the stage's throttling and variables, the Api's CORS.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html
import type { CorsConfiguration, RouteConfig, Throttling } from '../gateway/index.js';
import { TemplateError, type ResourceModel } from '../template/index.js';

export interface ApiSpec {
  logicalId: string;
  apiId: string;
  stage: string;
  routes: RouteConfig[];
  cors?: CorsConfiguration;
  throttling?: Throttling;
  stageVariables?: Record<string, string>;
  /** Logical id of the Stage resource, when the template has one. */
  stageLogicalId?: string;
}

/** `functions` maps a function's name and ARN to its logical id (the gateway's invoke target). */
export function apiSpecs(resources: ResourceModel[], functions: Map<string, string>): ApiSpec[] {
  const of = (type: string) => resources.filter((r) => r.type === type);
  const integrations = new Map(of('AWS::ApiGatewayV2::Integration').map((r) => [r.ref, r]));
  return of('AWS::ApiGatewayV2::Api').map((api) => {
    const path = `Resources.${api.logicalId}.Properties`;
    const protocol = api.properties.ProtocolType;
    if (protocol !== 'HTTP')
      throw new TemplateError(
        `${path}.ProtocolType`,
        `${String(protocol)}: only HTTP APIs are played locally`,
      );
    const belongs = (r: ResourceModel) => r.properties.ApiId === api.ref;
    const routes = of('AWS::ApiGatewayV2::Route')
      .filter(belongs)
      .map((route) => routeConfig(route, integrations, functions));
    const stages = of('AWS::ApiGatewayV2::Stage').filter(belongs);
    // One local server per Api plays one stage: $default when the template has it.
    const stage = stages.find((s) => s.properties.StageName === '$default') ?? stages[0];
    const spec: ApiSpec = { logicalId: api.logicalId, apiId: api.ref, stage: '$default', routes };
    const cors = api.properties.CorsConfiguration;
    if (cors !== undefined) spec.cors = cors as CorsConfiguration;
    if (stage) {
      spec.stageLogicalId = stage.logicalId;
      spec.stage = String(stage.properties.StageName);
      const settings = (stage.properties.DefaultRouteSettings ?? {}) as Record<string, unknown>;
      const burst = settings.ThrottlingBurstLimit;
      const rate = settings.ThrottlingRateLimit;
      if (typeof burst === 'number' || typeof rate === 'number') {
        // A limit left out is API Gateway's account default (5,000 burst, 10,000 per second).
        spec.throttling = {
          burstLimit: typeof burst === 'number' ? burst : 5000,
          rateLimit: typeof rate === 'number' ? rate : 10000,
        };
      }
      const variables = stage.properties.StageVariables;
      if (variables !== undefined) spec.stageVariables = variables as Record<string, string>;
    }
    return spec;
  });
}

function routeConfig(
  route: ResourceModel,
  integrations: Map<string, ResourceModel>,
  functions: Map<string, string>,
): RouteConfig {
  const path = `Resources.${route.logicalId}.Properties`;
  const target = route.properties.Target;
  const routeKey = String(route.properties.RouteKey);
  const match = typeof target === 'string' ? /^integrations\/(.+)$/.exec(target) : null;
  if (!match)
    throw new TemplateError(
      `${path}.Target`,
      `expected integrations/<IntegrationId>, got ${JSON.stringify(target)}`,
    );
  const integration = integrations.get(match[1] ?? '');
  if (!integration)
    throw new TemplateError(`${path}.Target`, `${target}: no such Integration in the template`);
  const at = `Resources.${integration.logicalId}.Properties`;
  const { IntegrationType: type, IntegrationUri: uri, PayloadFormatVersion: format } = integration.properties;
  if (type !== 'AWS_PROXY')
    throw new TemplateError(
      `${at}.IntegrationType`,
      `${String(type)}: only AWS_PROXY (Lambda) is played locally`,
    );
  if (format !== '2.0')
    throw new TemplateError(
      `${at}.PayloadFormatVersion`,
      `${String(format)}: only payload format 2.0 is played locally`,
    );
  // IntegrationUri is the function ARN, or the apigateway ".../functions/<arn>/invocations" form.
  const arn = /\/functions\/(.+)\/invocations$/.exec(String(uri))?.[1] ?? String(uri);
  const fn = functions.get(arn);
  if (fn === undefined)
    throw new TemplateError(
      `${at}.IntegrationUri`,
      `${String(uri)}: no AWS::Lambda::Function of the template has this ARN`,
    );
  const timeout = integration.properties.TimeoutInMillis;
  return {
    routeKey,
    target: fn,
    integration: {
      payloadFormatVersion: '2.0',
      timeoutMs: typeof timeout === 'number' ? timeout : undefined,
    },
  };
}
