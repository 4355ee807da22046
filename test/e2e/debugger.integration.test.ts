// `ferry up --inspect` with a real inspector client (the protocol VS Code and Chrome DevTools
// speak): a breakpoint set in the producer's TypeScript binds through the bundle's source map,
// holds the invocation past the function's timeout without ending it, and a function that really
// hangs still times out.
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { performance } from 'node:perf_hooks';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FREE_PORTS, spawnUp, type UpProcess } from '../helpers/cli/ferry.js';
import { InspectorClient } from '../helpers/inspector/client.js';
import { generatedPosition, type RawSourceMap } from '../helpers/inspector/source-map.js';
import { FIXTURE_TEMPLATE, order, postJson, ROOT } from '../helpers/runtime/runtime.js';
import { until } from '../helpers/time/until.js';

const SOURCE = 'services/producer/app.ts';
const BUNDLE_MAP = JSON.parse(readFileSync(`${ROOT}dist/producer/index.js.map`, 'utf8')) as RawSourceMap;

async function upWithDebugger(args: string[]): Promise<{ up: UpProcess; client: InspectorClient }> {
  const up = await spawnUp([...FREE_PORTS, '--memory', '--inspect=127.0.0.1:0', ...args]);
  const url = await until('the Debugger line', () => /^Debugger: (ws:\/\/\S+)$/m.exec(up.stdout())?.[1]);
  return { up, client: await InspectorClient.connect(url) };
}

/** The 0-based line of `text` in the producer's TypeScript. */
function lineOf(text: string): number {
  return readFileSync(`${ROOT}${SOURCE}`, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
}

/** Where a bundle position came from: the TypeScript file under services/ and its 0-based line. */
function original(at: { lineNumber: number; columnNumber: number }): { source: string; line: number } {
  const entry = new SourceMap(BUNDLE_MAP as never).findEntry(at.lineNumber, at.columnNumber) as SourceMapping;
  return { source: entry.originalSource.replace(/^.*\/services\//, 'services/'), line: entry.originalLine };
}

/** Sets a breakpoint at a line of app.ts in the producer's thread, as a debugger binds it. */
async function breakAt(client: InspectorClient, session: string, line: number): Promise<void> {
  const { locations } = await client.sendToWorker(session, 'Debugger.setBreakpointByUrl', {
    urlRegex: 'dist/producer/index\\.js$',
    ...generatedPosition(BUNDLE_MAP, SOURCE, line)!,
  });
  // V8 moves it to the statement's break location: still on that line of the TypeScript.
  const bound = locations as { lineNumber: number; columnNumber: number }[];
  assert.equal(bound.map(original), [{ source: SOURCE, line }]);
}

test('a breakpoint in the TypeScript pauses the producer past its timeout; resumed, it answers 202', async () => {
  const { up, client } = await upWithDebugger(['--parameter-overrides', 'ProducerTimeout=1']);
  try {
    const session = await client.attachToWorker('ferry-producer');
    await client.sendToWorker(session, 'Debugger.enable');
    const line = lineOf('const route = routeOf(event);');
    await breakAt(client, session, line);

    const seen = client.events.length;
    let answered = false;
    const answer = postJson(`${up.api}/messages`, order()).finally(() => (answered = true));
    const paused = await client.next(session, 'Debugger.paused', seen);
    const pausedAt = performance.now();
    const [frame] = paused.params.callFrames as { location: { lineNumber: number; columnNumber: number } }[];
    assert.equal(original(frame!.location), { source: SOURCE, line });
    // The point of the test is time passing while paused: past the 1 s timeout, and then some.
    await until('the pause to outlast the function timeout', () => performance.now() - pausedAt > 1800, 5000);
    assert.not.ok(answered, 'the request waits while the producer is paused');

    await client.sendToWorker(session, 'Debugger.resume');
    const res = await answer;
    assert.is(res.status, 202);
    assert.not.match(up.stdout(), /Task timed out/);
  } finally {
    client.close();
    up.child.kill('SIGTERM');
    await up.exited;
  }
});

test('a debugger that detaches while paused lets the function run on', async () => {
  const { up, client } = await upWithDebugger(['--parameter-overrides', 'ProducerTimeout=1']);
  try {
    const session = await client.attachToWorker('ferry-producer');
    await client.sendToWorker(session, 'Debugger.enable');
    await breakAt(client, session, lineOf('const route = routeOf(event);'));
    const seen = client.events.length;
    const answer = postJson(`${up.api}/messages`, order());
    await client.next(session, 'Debugger.paused', seen);
    // Detached without resuming: the runtime's own session no longer holds the thread paused.
    await client.send('NodeWorker.detach', { sessionId: session });
    client.close();
    assert.is((await answer).status, 202);
  } finally {
    up.child.kill('SIGTERM');
    await up.exited;
  }
});

test('under --inspect, a function that spins (no debugger pause) still times out', async () => {
  const { up, client } = await upWithDebugger(['--template', FIXTURE_TEMPLATE]);
  try {
    // A debugger is attached to the function's thread, and never pauses it.
    const session = await client.attachToWorker('worker');
    await client.sendToWorker(session, 'Debugger.enable');
    const started = performance.now();
    const res = await postJson(`${up.api}/prod/items/1`, 'spin');
    const tookMs = performance.now() - started;
    assert.is(res.status, 500);
    await until('the timeout line', () => /Task timed out after 1\.00 seconds/.test(up.stdout()));
    assert.ok(tookMs < 5000, `answered after the 1 s timeout, in ${Math.round(tookMs)} ms`);
  } finally {
    client.close();
    up.child.kill('SIGTERM');
    await up.exited;
  }
});

test.run();
