// The load: autocannon at saturation (closed loop, a fixed number of connections), and an open
// loop at a fixed offered rate (undici) that stamps each request so latency can be matched up.
import autocannon from 'autocannon';
import { Pool } from 'undici';

export const ORDER = {
  type: 'order.created',
  data: {
    orderId: 'ord_1042',
    customerId: 'cus_88',
    currency: 'EUR',
    items: [{ sku: 'MUG-01', quantity: 2, unitPrice: 12.5 }],
  },
};

export interface Saturation {
  /** Messages the API accepted (202), per second over the window. */
  acceptedPerSecond: number;
  /** Start and end of the window, epoch ms. */
  from: number;
  to: number;
  errors: number;
  non2xx: number;
}

export async function saturate(
  url: string,
  body: string,
  messagesPerRequest: number,
  connections: number,
  seconds: number,
): Promise<Saturation> {
  const from = Date.now();
  const r = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body,
  });
  const to = Date.now();
  return {
    acceptedPerSecond: (r['2xx'] * messagesPerRequest) / ((to - from) / 1000),
    from,
    to,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export interface OpenLoop {
  /** Epoch ms each request was sent, by correlation id. */
  sentAt: Map<string, number>;
  accepted: number;
  failed: number;
}

/** Sends `rate` single POSTs per second for `seconds`, on time whatever the answers do. */
export async function openLoop(
  url: string,
  rate: number,
  seconds: number,
  prefix: string,
): Promise<OpenLoop> {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: 64, pipelining: 1 });
  const out: OpenLoop = { sentAt: new Map(), accepted: 0, failed: 0 };
  const body = JSON.stringify(ORDER);
  const total = Math.round(rate * seconds);
  const start = Date.now();
  const pending: Promise<void>[] = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const id = `${prefix}${sent}`;
      out.sentAt.set(id, Date.now());
      pending.push(
        pool
          .request({
            path: pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-correlation-id': id },
            body,
          })
          .then(async (res) => {
            await res.body.dump();
            if (res.statusCode === 202) out.accepted++;
            else out.failed++;
          })
          .catch(() => {
            out.failed++;
          }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  await pool.close();
  return out;
}
