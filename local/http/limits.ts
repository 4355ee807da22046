import type { ServerOptions } from 'node:http';
import { DEFAULTS } from '../config/index.js';

// What one server lets a client hold: how long a request may take to arrive, and how many bytes
// of bodies not yet whole it may keep in memory. AWS's front ends close a connection that stalls;
// so does every server of the runtime.

export interface ServerLimits {
  /** ms for the request line and headers. */
  headersMs: number;
  /** ms for the whole request, headers and body; the response is not bounded by it. */
  requestMs: number;
  /** Bytes held at once in bodies still arriving, over all of a server's connections. */
  bodyBudgetBytes: number;
}

export const SERVER_LIMITS: ServerLimits = DEFAULTS.serverLimits;

/** Node's server options for `limits`: a stalled request is answered 408 and its socket closed. */
export function limitedServerOptions(limits: Partial<ServerLimits> = {}): ServerOptions {
  const { headersMs, requestMs } = { ...SERVER_LIMITS, ...limits };
  return {
    headersTimeout: headersMs,
    requestTimeout: requestMs,
    // How often Node looks for stalled requests (30 s by default, longer than the limits).
    connectionsCheckingInterval: Math.min(1000, headersMs),
  };
}

/** Bytes held in unfinished bodies, shared by the requests of one server. */
export class BodyBudget {
  private held = 0;

  constructor(readonly limit: number = SERVER_LIMITS.bodyBudgetBytes) {}

  /** Counts `bytes` as held; false (and nothing counted) when they would pass the limit. */
  take(bytes: number): boolean {
    if (this.held + bytes > this.limit) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held -= bytes;
  }

  get bytes(): number {
    return this.held;
  }
}
