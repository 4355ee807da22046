// Step 2: the ports, bound before anything is wired, so the template resolves once with the real
// addresses. A request that comes before its part is mounted waits for it (local/http/port.ts).
// The AWS endpoint's and the console's ports answer GET /_ferry/health from the start: 503
// `{"ready":false}` while the stack starts, 200 `{"ready":true,...}` once it is ready. A taken
// port is named by its flag; a failure releases what was bound.
import { ENDPOINT_HEADERS_TIMEOUT, ENDPOINT_SERVER } from '../endpoint/index.js';
import { bindPort, type BoundPort } from '../http/port.js';
import type { Plan } from './plan.js';

export interface BoundPorts {
  /** The AWS endpoint (SQS, Logs, CloudWatch, CloudFormation). */
  sqs: BoundPort;
  /** The first HTTP API's, when the template declares one. */
  api: BoundPort | undefined;
  console: BoundPort;
}

const HOLDER = 'another ferry up';

/** Whether the whole stack is ready, as GET /_ferry/health tells scripts and CI. */
export class Readiness {
  private stack: string | undefined;

  /** The stack runs: every part is mounted. */
  ready(stackName: string): void {
    this.stack = stackName;
  }

  /** Stopping: nothing new should be sent. */
  stopping(): void {
    this.stack = undefined;
  }

  state(): { ready: boolean; stack?: string } {
    return this.stack === undefined ? { ready: false } : { ready: true, stack: this.stack };
  }
}

export async function bind(plan: Plan, readiness: Readiness): Promise<BoundPorts> {
  const health = () => readiness.state();
  const { host, ports, allowHosts } = plan.settings;
  const bound: BoundPort[] = [];
  const take = async (flag: string, port: number, extra: Partial<Parameters<typeof bindPort>[0]> = {}) => {
    const p = await bindPort({ host, port, flag, holder: HOLDER, allowHosts, ...extra });
    bound.push(p);
    return p;
  };
  try {
    const sqs = await take('--sqs-port', ports.sqs, {
      server: ENDPOINT_SERVER,
      headersTimeout: ENDPOINT_HEADERS_TIMEOUT,
      health,
    });
    const api = plan.declaresApi
      ? await take('--api-port', ports.api, { server: { keepAliveTimeout: 65_000 } })
      : undefined;
    const console = await take('--console-port', ports.console, { health });
    return { sqs, api, console };
  } catch (error) {
    await Promise.all(bound.map((p) => p.close()));
    throw error;
  }
}
