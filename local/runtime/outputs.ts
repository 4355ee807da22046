// The template's outputs with local values. Queue URLs and ARNs already resolve locally. Two kinds of
// AWS address are pointed at this machine:
// - an API spelled as its AWS hostname (`https://${HttpApi}.execute-api.${AWS::Region}.
//   ${AWS::URLSuffix}`, the documented value of the Api's ApiEndpoint): its local gateway;
// - the CloudWatch console's page of the dashboard that the local console shows
//   (`https://REGION.console.aws.amazon.com/cloudwatch/home?region=REGION#dashboards:name=NAME`, or
//   `#dashboards/dashboard/NAME`): the local console's dashboard view.
import type { StackInfo } from '../template/index.js';

export interface LocalAddresses {
  /** Api id (its Ref) to the base URL of its local gateway. */
  apis: Map<string, string>;
  /** The dashboard the local console shows, and the console's base URL. */
  dashboard?: { name: string; console: string };
}

export function localOutputs(
  outputs: Record<string, { value: unknown }>,
  stack: StackInfo,
  local: LocalAddresses,
): Record<string, string> {
  const host = new RegExp(
    `https://([a-z0-9]+)\\.execute-api\\.${escape(stack.region)}\\.${escape(stack.urlSuffix)}`,
    'g',
  );
  const { dashboard } = local;
  const page =
    dashboard &&
    new RegExp(
      `https://(?:[a-z0-9-]+\\.)?console\\.aws\\.amazon\\.com/cloudwatch/home\\?region=[a-z0-9-]+` +
        `#dashboards(?::name=|/dashboard/)${escape(dashboard.name)}(?![\\w.-])`,
      'g',
    );
  const rewrite = (text: string) => {
    const apis = text.replace(host, (whole, id: string) => local.apis.get(id) ?? whole);
    return page ? apis.replace(page, `${dashboard.console}/#dashboard`) : apis;
  };
  const out: Record<string, string> = {};
  for (const [name, { value }] of Object.entries(outputs))
    out[name] = typeof value === 'string' ? rewrite(value) : rewrite(JSON.stringify(value));
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
