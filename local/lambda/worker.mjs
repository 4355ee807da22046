// One Lambda execution environment: runs inside a worker_thread, imports the handler once (the
// cold start), then serves one invocation at a time, keeping module state between them.
// Plain JavaScript on purpose: it runs in a fresh thread with no TypeScript loader, exactly as the
// bundle will in Lambda. Protocol (parent <-> worker):
//   worker -> { type: 'ready', initDuration } | { type: 'init-error', error, initDuration }
//   parent -> { type: 'invoke', requestId, event, deadline }
//   worker -> { type: 'result', requestId, ok, payload?, error?, duration, memory }
// and each log line, as it is written, on its own port (workerData.logPort):
//   worker -> [timestamp, requestId, text, raw]
// A line is posted at once, never held for later: a handler stuck in synchronous code until its
// timeout (when the thread is killed) has still handed over every line it wrote. The parent reads
// that port up to date before it acts on anything else the worker says. While 1 MiB of lines is
// unread there, the writer waits (workerData.logCredit). Shared with the parent too:
// workerData.ending, why the thread ended itself (out of memory, a signal; see below).
// Lambda's Node.js runtime is the model: https://github.com/aws/aws-lambda-nodejs-runtime-interface-client
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { format, types } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { guardMemory, usedMemory } from './worker-memory.mjs';
import { guardSignals } from './worker-signals.mjs';

const spec = workerData;
const post = parentPort.postMessage.bind(parentPort);
const logPort = spec.logPort;
const realExit = process.exit.bind(process);
/** A synchronous invocation's response may be at most this many bytes (Lambda's 6 MB quota). */
const MAX_RESPONSE_BYTES = 6291556;

/** Why the thread ends, for the runtime to report (environment.ts): 0, OUT_OF_MEMORY or a signal number. */
const ending = spec.ending;
const OUT_OF_MEMORY = -1;

let current; // { requestId, deadline } while an invocation runs
let lastRequestId;
let maxMemory = 0;
let dying = false;

// ---------------------------------------------------------------- memory and signals
// What the function does to its thread's memory or to the process ends only its environment,
// reporting why through `ending` (worker-memory.mjs, worker-signals.mjs).
function endBy(why, code) {
  dying = true;
  Atomics.store(ending, 0, why);
  realExit(code);
}
const checkMemory = guardMemory(spec.limitMemory ? spec.memorySize * 1024 * 1024 : Infinity, () =>
  endBy(OUT_OF_MEMORY, 137),
);
guardSignals((signal) => endBy(signal, 128 + signal));

// ---------------------------------------------------------------- log capture
// Lambda captures the process's stdout and stderr. Here fd 1 and 2 are the runtime's own, so
// everything a handler writes there (console, process.stdout, pino's sync fs.writeSync) is caught.
//
// The path to the runtime is bounded (#15.11): `logCredit` counts the characters posted and not
// yet read there; past LOG_IN_FLIGHT_CHARS the writing handler waits, as a write to a full pipe
// blocks, so a flood slows the handler instead of the runtime's own loop. A text longer than a
// post goes as whole lines in posts of up to POST_CHARS, and a line longer than CloudWatch Logs'
// event (256 KiB with 26 bytes of overhead) is cut at that size, each part its own event.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
const logCredit = spec.logCredit;
const LOG_IN_FLIGHT_CHARS = 1024 * 1024;
const POST_CHARS = 64 * 1024;
const EVENT_BYTES = 256 * 1024 - 26;

function post1(line) {
  for (let inFlight = Atomics.load(logCredit, 0); inFlight > LOG_IN_FLIGHT_CHARS;) {
    Atomics.wait(logCredit, 0, inFlight, 50);
    inFlight = Atomics.load(logCredit, 0);
  }
  Atomics.add(logCredit, 0, line[2].length);
  logPort.postMessage(line);
}

function capture(text, raw, at = Date.now()) {
  const requestId = current ? current.requestId : lastRequestId;
  if (text.length <= POST_CHARS) return post1([at, requestId, text, raw]);
  for (const part of parts(text, raw)) post1([at, requestId, part, raw]);
}

/** A long text as posts: whole lines of a raw write together, a line past an event cut. */
function* parts(text, raw) {
  let batch;
  for (const line of raw ? text.split('\n') : [text]) {
    if (line.length > POST_CHARS) {
      if (batch !== undefined) yield batch;
      batch = undefined;
      yield* cut(line);
    } else if (batch === undefined) batch = line;
    else if (batch.length + 1 + line.length > POST_CHARS) {
      yield batch;
      batch = line;
    } else batch += `\n${line}`;
  }
  if (batch !== undefined) yield batch;
}

/** A line in parts of at most EVENT_BYTES of UTF-8, never inside a character. */
function* cut(line) {
  const bytes = Buffer.from(line);
  for (let start = 0; start < bytes.length;) {
    let end = Math.min(start + EVENT_BYTES, bytes.length);
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    yield bytes.toString('utf8', start, end);
    start = end;
  }
}

const asText = (chunk, encoding) =>
  typeof chunk === 'string'
    ? chunk
    : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');

for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    capture(asText(chunk, encoding), true);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

const writeSync = fs.writeSync;
fs.writeSync = (fd, data, ...rest) => {
  if (fd !== 1 && fd !== 2) return writeSync(fd, data, ...rest);
  const text =
    typeof data === 'string'
      ? data
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
          .subarray(rest[0] ?? 0, (rest[0] ?? 0) + (rest[1] ?? data.byteLength))
          .toString();
  capture(text, true);
  return typeof data === 'string' ? Buffer.byteLength(data) : (rest[1] ?? data.byteLength);
};
const write = fs.write;
fs.write = (fd, data, ...rest) => {
  if (fd !== 1 && fd !== 2) return write(fd, data, ...rest);
  const callback = rest.find((arg) => typeof arg === 'function');
  const written = fs.writeSync(fd, data, ...rest.filter((arg) => typeof arg === 'number'));
  if (callback) process.nextTick(callback, null, written, data);
};
syncBuiltinESMExports();

// The Node.js runtime's text format: `<ISO time>\t<request id>\t<LEVEL>\t<message>`.
const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
for (const [method, level] of Object.entries(LEVELS)) {
  console[method] = (...args) => {
    // The line's printed time and its event's timestamp are the same instant.
    const at = Date.now();
    capture(
      `${new Date(at).toISOString()}\t${current ? current.requestId : lastRequestId}\t${level}\t${format(...args)}`,
      false,
      at,
    );
  };
}

// ---------------------------------------------------------------- errors, as Lambda reports them
function toLambdaError(error) {
  try {
    if (types.isNativeError(error) || (error instanceof Object && 'name' in error && 'message' in error)) {
      return {
        errorType: String(error.name),
        errorMessage: String(error.message),
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: 'the error could not be read' };
  }
}

// As the Node.js runtime logs them: 'Invoke Error \t{"errorType":...}'.
function logError(label, error) {
  const { errorType, errorMessage, trace } = error;
  console.error(label, `\t${JSON.stringify({ errorType, errorMessage, stack: trace ?? [] })}`);
}

process.on('uncaughtException', (error) => fatal('Uncaught Exception', toLambdaError(error)));
process.on('unhandledRejection', (reason) => {
  const inner = toLambdaError(reason);
  fatal('Unhandled Promise Rejection', {
    errorType: 'Runtime.UnhandledPromiseRejection',
    errorMessage: `${inner.errorType}: ${inner.errorMessage}`,
    trace: inner.trace,
  });
});
process.exit = (code) => {
  realExit(code);
};

// An error that escaped the handler ends the environment, as it ends Lambda's runtime process.
function fatal(label, reported) {
  dying = true;
  logError(label, reported);
  if (current) finish(current, false, reported, true);
  realExit(129);
}

// ---------------------------------------------------------------- init
const initStart = performance.now();
let handler;
try {
  if (spec.sourceMaps) process.setSourceMapsEnabled(true);
  const mod = await import(pathToFileURL(spec.handlerFile).href);
  handler = mod[spec.exportName] ?? mod.default?.[spec.exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${spec.handler} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
} catch (error) {
  const e = toLambdaError(error);
  const syntax = error instanceof SyntaxError;
  const missing = error?.code === 'ERR_MODULE_NOT_FOUND';
  const reported = syntax
    ? {
        errorType: 'Runtime.UserCodeSyntaxError',
        errorMessage: `SyntaxError: ${e.errorMessage}`,
        trace: e.trace,
      }
    : missing
      ? { errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${e.errorMessage}`, trace: e.trace }
      : e;
  console.error(`${reported.errorType}:`, reported.errorMessage);
  post({ type: 'init-error', error: reported, initDuration: performance.now() - initStart });
}

// ---------------------------------------------------------------- invocations
// The runtime's copy of the deadline, which a debugger's pause moves (environment.ts).
function remainingMs(invocation) {
  const [deadline, leftAtPause] = spec.deadline ?? [invocation.deadline, 0];
  return Number.isNaN(deadline) ? leftAtPause : Math.max(0, deadline - Date.now());
}

function context(invocation) {
  const ctx = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: spec.functionName,
    functionVersion: spec.functionVersion,
    invokedFunctionArn: spec.invokedFunctionArn,
    memoryLimitInMB: String(spec.memorySize),
    awsRequestId: invocation.requestId,
    logGroupName: spec.logGroupName,
    logStreamName: spec.logStreamName,
    getRemainingTimeInMillis: () => remainingMs(invocation),
    done: (error, result) => (error == null ? finish(invocation, true, result) : fail(invocation, error)),
    succeed: (result) => finish(invocation, true, result),
    fail: (error) => fail(invocation, error),
  };
  return ctx;
}

function fail(invocation, error) {
  finish(invocation, false, toLambdaError(error));
}

function finish(invocation, ok, value, logged = false) {
  if (invocation.settled) return;
  invocation.settled = true;
  let payload;
  let error;
  if (ok) {
    try {
      payload = JSON.stringify(value === undefined ? null : value);
    } catch (cause) {
      error = toLambdaError(cause);
    }
  } else error = value;
  if (payload !== undefined && Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) {
    // Lambda's runtime cannot post it: the Runtime API answers 413 and the invoke fails.
    console.error(
      `LAMBDA_RUNTIME Failed to post handler success response. Http response code: 413. {"errorMessage":"Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).","errorType":"RequestEntityTooLarge"}`,
    );
    payload = undefined;
    error = {
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    };
    logged = true;
  }
  if (error && !logged) logError('Invoke Error', error);
  checkMemory();
  maxMemory = Math.max(maxMemory, usedMemory());
  if (current === invocation) current = undefined;
  const duration = performance.now() - invocation.started;
  post({
    type: 'result',
    requestId: invocation.requestId,
    ok: !error,
    payload,
    error,
    duration,
    memory: maxMemory,
    fatal: dying,
  });
}

async function run(message) {
  const invocation = { requestId: message.requestId, deadline: message.deadline, started: performance.now() };
  current = invocation;
  lastRequestId = message.requestId;
  const ctx = context(invocation);
  try {
    if (handler.length >= 3) {
      const returned = handler(message.event, ctx, (error, result) =>
        error == null ? finish(invocation, true, result) : fail(invocation, error),
      );
      if (returned && typeof returned.then === 'function')
        returned.then(
          (result) => finish(invocation, true, result),
          (error) => fail(invocation, error),
        );
    } else finish(invocation, true, await handler(message.event, ctx));
  } catch (error) {
    fail(invocation, error);
  }
}

if (handler) {
  parentPort.on('message', (message) => {
    if (message.type === 'invoke') void run(message);
  });
  post({ type: 'ready', initDuration: performance.now() - initStart });
}
