// Holds the console's port until the console (its own issue) is wired in: one small page that
// says where the API and the queue are, so the port is taken and a browser gets an answer.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Placeholder {
  port: number;
  close(): Promise<void>;
}

export async function startPlaceholder(port: number, host: string, text: () => string): Promise<Placeholder> {
  const server = createServer((req, res) => {
    const body = `${text()}\n`;
    res.writeHead(503, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
