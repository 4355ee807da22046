// CPU cost of capturing one message's log lines: the eight lines a message's trip writes (producer
// START, outcome with EMF, END, REPORT; the consumer's the same, one record per batch, the worst
// case), recorded from a real run, fed to the log store and the metrics as the runtime does.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createLogStore, feedLambdaRecord } from '../../local/logs/index.js';
import { createLocalMetrics } from '../../local/metrics/index.js';

const LINES = JSON.parse(readFileSync(new URL('./lines.json', import.meta.url), 'utf8')) as {
  group: string;
  message: string;
}[];

/** Microseconds of main-thread CPU per message for the log store plus EMF ingestion. */
export function captureMicrosPerMessage(messages: number): number {
  const store = createLogStore({});
  const metrics = createLocalMetrics({});
  const feed = (n: number) => {
    for (let i = 0; i < n; i++) {
      const now = Date.now();
      for (const line of LINES) {
        const record = {
          logGroup: line.group,
          logStream: `2026/11/27/[$LATEST]${i % 10}`,
          timestamp: now,
          message: line.message,
        };
        feedLambdaRecord(store, record);
        metrics.onLogRecord(record);
      }
    }
    store.flush();
  };
  feed(1000); // warm-up (JIT, statements prepared)
  const started = performance.now();
  const cpu = process.cpuUsage();
  feed(messages);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  store.close();
  // CPU time where the process had it (worker threads of SQLite are not used): min of wall and CPU.
  return Math.min(wall * 1000, used.user + used.system) / messages;
}
