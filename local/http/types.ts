import type { IncomingHttpHeaders } from 'node:http';

// The one request/response contract of local/'s servers: the bounded HTTP edge reads a request
// into an HttpRequest, a handler (SQS, Logs, CloudWatch, CloudFormation, the endpoint's router)
// answers an HttpResponse, and the edge writes it. Nothing here knows a wire protocol.

export interface HttpRequest {
  method: string;
  /** Path and query string as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Aborts when the client goes away (long polls read it). */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse>;
