// The template's outputs with local values. Queue URLs and ARNs already resolve locally; an
// output that spells out an API's AWS hostname (`https://${HttpApi}.execute-api.${AWS::Region}.
// ${AWS::URLSuffix}`, the documented value of the Api's ApiEndpoint) is pointed at the local gateway.
import type { StackInfo } from '../template/index.js';

/** `apis` maps an Api id (its Ref) to the base URL of its local gateway. */
export function localOutputs(
  outputs: Record<string, { value: unknown }>,
  stack: StackInfo,
  apis: Map<string, string>,
): Record<string, string> {
  const host = new RegExp(
    `https://([a-z0-9]+)\\.execute-api\\.${escape(stack.region)}\\.${escape(stack.urlSuffix)}`,
    'g',
  );
  const local = (text: string) => text.replace(host, (whole, id: string) => apis.get(id) ?? whole);
  const out: Record<string, string> = {};
  for (const [name, { value }] of Object.entries(outputs))
    out[name] = typeof value === 'string' ? local(value) : local(JSON.stringify(value));
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
