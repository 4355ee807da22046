import type { IncomingHttpHeaders } from 'node:http';

/** A request as every service handler sees it (the shape local/sqs's protocol layer takes). */
export interface ServiceRequest {
  method: string;
  /** Path and query string as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Aborts when the client goes away (long polls read it). */
  signal?: AbortSignal;
}

export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ServiceHandler = (req: ServiceRequest) => Promise<ServiceResponse>;

/** Handlers by the name a request is signed for (SigV4 credential scope): sqs, logs, monitoring... */
export type Services = Partial<Record<string, ServiceHandler>>;
