// Step 2: the ports, bound before anything is wired, so the template resolves once with the real
// addresses. Each answers 503 (Retry-After) until its part is mounted. A taken port is named by
// its flag; a failure releases what was bound.
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

export async function bind(plan: Plan): Promise<BoundPorts> {
  const { host, ports } = plan.settings;
  const bound: BoundPort[] = [];
  const take = async (flag: string, port: number, extra: Partial<Parameters<typeof bindPort>[0]> = {}) => {
    const p = await bindPort({ host, port, flag, holder: HOLDER, ...extra });
    bound.push(p);
    return p;
  };
  try {
    const sqs = await take('--sqs-port', ports.sqs, {
      server: ENDPOINT_SERVER,
      headersTimeout: ENDPOINT_HEADERS_TIMEOUT,
    });
    const api = plan.declaresApi
      ? await take('--api-port', ports.api, { server: { keepAliveTimeout: 65_000 } })
      : undefined;
    const console = await take('--console-port', ports.console);
    return { sqs, api, console };
  } catch (error) {
    await Promise.all(bound.map((p) => p.close()));
    throw error;
  }
}
