import { Pool } from 'undici';

// A lean SQS JSON-protocol client: one POST per call on a keep-alive pool, no signing, no retries,
// no response validation beyond the status. What it costs per call is a small fraction of what an
// SDK client costs, so the server, not the client, is what the round-trip figure measures.

export const JSON_HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  // Unsigned but shaped like SigV4: moto_server routes a request to a service by the credential
  // scope, and every SDK sends one. Servers that check no signature ignore the rest. The key id is
  // AWS's documented example, 20 characters like every real one.
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0',
};

export class SqsWire {
  readonly pool: Pool;

  constructor(
    readonly endpoint: string,
    connections: number,
  ) {
    this.pool = new Pool(endpoint, { connections, pipelining: 1 });
  }

  private readonly headers = new Map<string, Record<string, string>>();

  /** One call; `input` may come already serialised (a fixed body is built once, not per call). */
  async call<T = Record<string, unknown>>(
    action: string,
    input: Record<string, unknown> | string,
  ): Promise<T> {
    let headers = this.headers.get(action);
    if (headers === undefined) {
      headers = { ...JSON_HEADERS, 'x-amz-target': `AmazonSQS.${action}` };
      this.headers.set(action, headers);
    }
    const res = await this.pool.request({
      path: '/',
      method: 'POST',
      headers,
      body: typeof input === 'string' ? input : JSON.stringify(input),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      throw new Error(`${action} answered ${res.statusCode}: ${text.slice(0, 300)}`);
    }
    // local-aws-sqs answers some calls (an empty receive) with an empty body, which SDKs read as {}.
    return (text === '' ? {} : JSON.parse(text)) as T;
  }

  async createQueue(name: string): Promise<string> {
    const out = await this.call<{ QueueUrl: string }>('CreateQueue', { QueueName: name });
    return out.QueueUrl;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** The body every bench message carries: fixed, ~100 bytes of JSON like the service's envelopes. */
export const MESSAGE_BODY = JSON.stringify({
  type: 'order.created',
  data: { orderId: 'ord-000123', amount: 4200, currency: 'EUR' },
  correlationId: 'c0ffee00-0000-4000-8000-000000000000',
});
