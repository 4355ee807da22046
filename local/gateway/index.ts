// An API Gateway HTTP API (payload format 2.0) in front of functions it reaches through the
// injected `invoke`: a request listener to mount on a server (createGatewayListener), or a
// standalone server (startGateway).
export { createGatewayListener } from './listener.js';
export { startGateway } from './server.js';
export { requestEvent } from './sample.js';
export { RouteKeyError, type RouteKeyErrorCode } from './errors.js';
export type {
  AccessRecord,
  ApiGatewayEventV2,
  CorsConfiguration,
  Gateway,
  GatewayOptions,
  RouteConfig,
  Throttling,
} from './types.js';
