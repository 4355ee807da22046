export {
  createEndpointListener,
  ENDPOINT_HEADERS_TIMEOUT,
  ENDPOINT_SERVER,
  MAX_BODY,
  startEndpoint,
} from './server.js';
export { serviceOf } from './route.js';
export type { Service } from './types.js';
export { createStacksHandler, type LocalStack } from './cloudformation.js';
export { signedHeaders, type Verification } from './sigv4.js';
