import type { HttpHandler } from '../http/types.js';

/** Handlers by the name a request is signed for (SigV4 credential scope): sqs, logs, monitoring... */
export type Services = Partial<Record<string, HttpHandler>>;
