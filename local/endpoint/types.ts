import type { HttpHandler, HttpRequest, HttpResponse } from '../http/types.js';
import type { AuthError } from './sigv4.js';

/** One AWS service mounted on the endpoint. */
export interface Service {
  handle: HttpHandler;
  /** Its own answer to a body over the endpoint's limit (413), in its protocol; else a generic one. */
  tooLarge?(req: HttpRequest): HttpResponse;
  /** Its own answer to a request the endpoint's SigV4 check refused; else the endpoint's. */
  refuse?(req: HttpRequest, error: AuthError): HttpResponse;
}

/** Services by the name a request is signed for (SigV4 credential scope): sqs, logs, monitoring... */
export type Services = ReadonlyMap<string, Service>;
