export { createEndpointServer, startEndpoint, MAX_BODY } from './server.js';
export type { Endpoint } from './server.js';
export { createRouter, errorResponse } from './router.js';
export { serviceOf } from './route.js';
export type { Services } from './types.js';
export { createStacksHandler } from './cloudformation.js';
export type { LocalStack } from './cloudformation.js';
