// CORS as HTTP APIs apply it when the Api has a CorsConfiguration: the gateway itself answers
// preflight requests (whatever the routes), and sets the CORS headers on every response,
// replacing any that the function returned.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
import type { CorsConfiguration } from './types.js';

export interface Cors {
  isPreflight(method: string, headers: Record<string, string | string[] | undefined>): boolean;
  preflight(origin: string, requestMethod: string): Record<string, string>;
  /** Headers for an actual response; empty when the origin is not allowed. */
  response(origin: string | undefined): Record<string, string>;
}

const lower = (values: string[] | undefined): string[] => (values ?? []).map((v) => v.toLowerCase());

export function createCors(config: CorsConfiguration): Cors {
  const origins = lower(config.AllowOrigins);
  const methods = (config.AllowMethods ?? []).map((m) => m.toUpperCase());
  const anyOrigin = origins.includes('*');
  const allowed = (origin: string): boolean => anyOrigin || origins.includes(origin.toLowerCase());
  const allowOrigin = (origin: string): string => (anyOrigin && !config.AllowCredentials ? '*' : origin);

  const common = (origin: string): Record<string, string> => {
    const headers: Record<string, string> = { 'access-control-allow-origin': allowOrigin(origin) };
    if (config.AllowCredentials) headers['access-control-allow-credentials'] = 'true';
    return headers;
  };

  return {
    isPreflight: (method, headers) =>
      method === 'OPTIONS' &&
      headers['origin'] !== undefined &&
      headers['access-control-request-method'] !== undefined,

    preflight(origin, requestMethod) {
      const methodAllowed = methods.includes('*') || methods.includes(requestMethod.toUpperCase());
      if (!allowed(origin) || !methodAllowed) return {};
      const headers = common(origin);
      if (methods.length > 0) headers['access-control-allow-methods'] = methods.join(',');
      if (config.AllowHeaders?.length)
        headers['access-control-allow-headers'] = lower(config.AllowHeaders).join(',');
      if (config.MaxAge !== undefined) headers['access-control-max-age'] = String(config.MaxAge);
      return headers;
    },

    response(origin) {
      if (origin === undefined || !allowed(origin)) return {};
      const headers = common(origin);
      if (config.ExposeHeaders?.length) {
        headers['access-control-expose-headers'] = lower(config.ExposeHeaders).join(',');
      }
      return headers;
    },
  };
}

/** True for the header names that CORS configuration owns. */
export const isCorsHeader = (name: string): boolean => name.startsWith('access-control-');
