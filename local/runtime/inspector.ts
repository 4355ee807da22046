// `ferry up --inspect`: the runtime process's inspector, opened before any function starts. Each
// execution environment is a worker thread of this process, so a debugger attached here (VS Code,
// Chrome DevTools) reaches every function through the NodeWorker domain, and reads the bundles'
// source maps itself. While it holds a thread paused, that function's timeout waits (WorkerPauses).
import inspector from 'node:inspector';
import { ConfigError } from '../config/index.js';
import { WorkerPauses } from '../lambda/index.js';

export interface Debugging {
  /** The WebSocket URL a debugger attaches to. */
  url: string;
  pauses: WorkerPauses;
  close(): void;
}

export function openInspector({ host, port }: { host: string; port: number }): Debugging {
  // Started as `node --inspect ...`: that inspector is the one to use.
  const ours = inspector.url() === undefined;
  if (ours) inspector.open(port, host, false);
  const url = inspector.url();
  if (url === undefined)
    throw new ConfigError(
      'PortInUse',
      `--inspect: cannot open the inspector on ${host}:${port} (is another debugger or process on it? --inspect=<port>, or 0 for a free one)`,
    );
  const pauses = new WorkerPauses();
  return {
    url,
    pauses,
    close() {
      pauses.close();
      if (ours) inspector.close();
    },
  };
}
