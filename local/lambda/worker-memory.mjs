// The memory guard of worker.mjs (#15.9).
// resourceLimits bounds the V8 heap only; Buffers and ArrayBuffers live outside it. Lambda's
// MemorySize bounds both, so the thread measures its own isolate (heap + ArrayBuffer memory, both
// per thread in process.memoryUsage()) after every megabyte allocated, on a timer, and after each
// invocation, and past MemorySize ends as Lambda's out-of-memory kill does. Garbage counts until
// collected and its backing stores swept (on V8's own thread), so past the limit it collects and
// waits for the sweep, briefly, before it decides.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const CHECK_EVERY_BYTES = 1024 * 1024;
const SWEEP_WAIT_MS = 200;

/** The thread's heap and ArrayBuffer bytes (both per thread in a worker). */
export const usedMemory = () => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

/**
 * Watches the thread's memory against `limit` bytes (Infinity: not at all); `end` ends the thread
 * as killed for memory. Answers the check, which the worker runs after each invocation too.
 */
export function guardMemory(limit, end) {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc');
  const napping = new Int32Array(new SharedArrayBuffer(4));
  let allocatedSinceCheck = 0;

  function checkMemory() {
    allocatedSinceCheck = 0;
    if (usedMemory() <= limit) return;
    collect();
    for (let waited = 0; usedMemory() > limit; waited++) {
      if (waited === SWEEP_WAIT_MS) end();
      Atomics.wait(napping, 0, 0, 1);
    }
  }

  function allocated(bytes) {
    allocatedSinceCheck += bytes;
    if (allocatedSinceCheck >= CHECK_EVERY_BYTES) checkMemory();
  }

  if (limit !== Infinity) {
    for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow', 'from', 'concat']) {
      const original = Buffer[name];
      Buffer[name] = function (...args) {
        const buffer = original.apply(this, args);
        allocated(buffer.byteLength);
        return buffer;
      };
    }
    const counted = {
      construct(target, args, newTarget) {
        const made = Reflect.construct(target, args, newTarget);
        allocated(made.byteLength ?? 0);
        return made;
      },
    };
    for (const name of [
      'ArrayBuffer',
      'SharedArrayBuffer',
      'Int8Array',
      'Uint8Array',
      'Uint8ClampedArray',
      'Int16Array',
      'Uint16Array',
      'Int32Array',
      'Uint32Array',
      'Float32Array',
      'Float64Array',
      'BigInt64Array',
      'BigUint64Array',
    ])
      globalThis[name] = new Proxy(globalThis[name], counted);
    setInterval(checkMemory, 100).unref();
  }
  return checkMemory;
}
