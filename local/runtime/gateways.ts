// Each AWS::ApiGatewayV2::Api on a port of its own: the first on the API port bound at start-up,
// any other on a free port. Each gateway invokes the functions through `Functions` and hands its
// access records to the capture and to the caller's onAccess.
import { DEFAULTS } from '../config/index.js';
import { createGatewayListener } from '../gateway/index.js';
import { bindPort, type BoundPort } from '../http/port.js';
import type { Capture } from './capture.js';
import type { Functions } from './invoke.js';
import type { Settings } from './options.js';
import type { Stack } from './stack.js';

export interface MountedApi {
  logicalId: string;
  apiId: string;
  /** The base URL the gateway answers on. */
  base: string;
  port: BoundPort;
}

export async function mountGateways(
  first: BoundPort | undefined,
  stack: Stack,
  settings: Settings,
  functions: Functions,
  capture: Capture,
  mounted: MountedApi[],
): Promise<void> {
  for (const [i, api] of stack.apis.entries()) {
    const port =
      i === 0 && first !== undefined
        ? first
        : await bindPort({
            host: settings.host,
            port: 0,
            flag: '--api-port',
            holder: 'another process',
            allowHosts: settings.allowHosts,
          });
    const access = capture.accessHook(api, stack.model);
    port.mount(
      createGatewayListener({
        stage: api.stage,
        routes: api.routes,
        apiId: api.apiId,
        accountId: stack.model.stack.accountId,
        cors: api.cors,
        throttling: api.throttling,
        stageVariables: api.stageVariables,
        onRequest: (record) => {
          access(record);
          settings.onAccess?.(api.logicalId, record);
        },
        invoke: (target, event) => functions.invokeFromGateway(target, event),
        // A request waits for a function paused in the debugger (its timeout waits too).
        integrationTimeoutMs: settings.inspect ? DEFAULTS.debugCeilingMs : undefined,
      }),
    );
    mounted.push({ logicalId: api.logicalId, apiId: api.apiId, base: port.url, port });
  }
}
