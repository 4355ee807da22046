// The child process of bench:console: the template under startRuntime (memory store), which
// captures logs and metrics and serves the console itself; `--capture` absent runs it with
// `capture: false` (the no-capture baseline). Prints one JSON line with its URLs, then
// `processed <n>` every 200 ms.
import { startRuntime } from '../../local/runtime/index.js';

const capture = process.argv.includes('--capture');
const withConsole = process.argv.includes('--console');
let processed = 0;

const runtime = await startRuntime({
  templatePath: 'cloudformation/template.yaml',
  store: { kind: 'memory' },
  ports: { api: 0, sqs: 0, console: 0 },
  capture,
  parameterOverrides: { ApiThrottlingBurstLimit: '1000000', ApiThrottlingRateLimit: '1000000' },
  onLog: (record) => {
    if (record.message.includes('"outcome":"processed"')) processed++;
  },
});
process.stdout.write(
  `${JSON.stringify({
    api: runtime.endpoints.api,
    sqs: runtime.endpoints.sqs,
    console: withConsole ? `${runtime.endpoints.console}/` : '',
  })}\n`,
);
setInterval(() => process.stdout.write(`processed ${processed}\n`), 200);
process.on('SIGTERM', () => {
  void runtime.stop().then(() => process.exit(0));
});
