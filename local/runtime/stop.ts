// Stopping a gateway gracefully. `close()` stops accepting connections and ends idle ones, but a
// keep-alive connection that was busy then stays open after its response: so once the gateway's
// invocations have finished, close() is called again (it ends the connections idle by then) until
// the first close resolves.
import type { Gateway } from '../gateway/index.js';

export async function drainGateway(
  gateway: Gateway,
  inFlight: { count: number },
  pollMs = 20,
): Promise<void> {
  let closed = false;
  const first = gateway.close().finally(() => (closed = true));
  while (!closed) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    if (inFlight.count === 0) gateway.close().catch(() => undefined);
  }
  await first;
}
