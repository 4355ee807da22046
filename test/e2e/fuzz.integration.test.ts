// #15 "Done when": generated requests at every entry point of a real runtime (the real template,
// its functions in worker threads, in memory on free ports; the runtime on a thread of its own so
// that a hang or a crash is reported, not suffered): both SQS protocols, CloudWatch Logs and
// CloudWatch on the AWS endpoint, the HTTP API (gateway and producer) and the console's API.
// Each gets a bounded time; every request must be answered within 5 s, with no 5xx but a 503
// that says Retry-After, and with an error in its protocol's shape; RSS must stay bounded.
import type fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cloudWatch, logs, sqsJson, sqsQuery } from '../helpers/fuzz/aws.js';
import { fuzz, type Shape } from '../helpers/fuzz/check.js';
import type { RawRequest } from '../helpers/fuzz/http.js';
import { startWorkerRuntime, type WorkerRuntime } from '../helpers/fuzz/runtime-worker.js';
import { consoleApi, gateway } from '../helpers/fuzz/web.js';

/** Growth of this process's RSS (the runtime's thread included) that one entry point's run may cause. */
const RSS_BOUND_MB = 256;

type Endpoints = WorkerRuntime['endpoints'];
const trim = (url: string) => url.replace(/\/$/, '');

const entryPoints: [string, Shape, (e: Endpoints) => [string, fc.Arbitrary<RawRequest>]][] = [
  ['SQS, AWS JSON 1.0', 'aws', (e) => [e.sqs, sqsJson(e.sqs)]],
  ['SQS, query protocol', 'aws', (e) => [e.sqs, sqsQuery(e.sqs)]],
  ['the HTTP API', 'gateway', (e) => [trim(e.api!), gateway()]],
  ['the console API', 'console', (e) => [trim(e.console), consoleApi()]],
  ['CloudWatch Logs', 'aws', (e) => [e.sqs, logs(Date.now())]],
  ['CloudWatch', 'aws', (e) => [e.sqs, cloudWatch(Date.now())]],
];

for (const [name, shape, target] of entryPoints) {
  test(`#15 fuzz: ${name} answers every generated request in time, in its shape, without a 5xx`, async () => {
    const runtime = await startWorkerRuntime();
    try {
      const [base, requests] = target(runtime.endpoints);
      const run = await fuzz(base, shape, requests).catch((error: unknown) => {
        const thread = runtime.ended() ?? 'still running';
        throw new Error(`${(error as Error).message}\nThe runtime's thread: ${thread}.`);
      });
      if (process.env.FUZZ_REPORT) console.log(name, JSON.stringify(run));
      assert.is(runtime.ended(), undefined, `${name}: the runtime's thread ended`);
      assert.ok(run.runs > 20, `${name}: only ${run.runs} requests in the time given`);
      assert.ok(
        run.rssAfterMb - run.rssBeforeMb < RSS_BOUND_MB,
        `${name}: RSS grew from ${run.rssBeforeMb.toFixed(0)} to ${run.rssAfterMb.toFixed(0)} MB`,
      );
    } finally {
      await runtime.stop();
    }
  });
}

test.run();
