// The signal guard of worker.mjs (#15.10).
// In Lambda a signal the function sends its own process (or its parent, its group, every process)
// ends its sandbox. Here those processes are the runtime itself: such a signal ends only this
// environment, which reports it as Lambda does ("Runtime exited with error: signal: killed").
// Signals whose default action is to do nothing (or to stop) leave it running; 0 only checks.
import { constants } from 'node:os';

const SIGNALS = new Map(Object.entries(constants.signals));
const HARMLESS = new Set([
  'SIGCHLD',
  'SIGCONT',
  'SIGURG',
  'SIGWINCH',
  'SIGSTOP',
  'SIGTSTP',
  'SIGTTIN',
  'SIGTTOU',
]);
const HARMLESS_NUMBERS = new Set([...HARMLESS].map((name) => SIGNALS.get(name)));
const realKill = process.kill.bind(process);
const rawKill = process._kill?.bind(process);

const targetsRuntime = (pid) => {
  const id = Number(pid);
  return id === process.pid || id === process.ppid || (Number.isInteger(id) && id <= 0);
};

/** Replaces process.kill, _kill and abort in this thread; `end` ends it by a signal's number. */
export function guardSignals(end) {
  const endBySignal = (number) => {
    if (number !== 0 && !HARMLESS_NUMBERS.has(number)) end(number);
  };
  process.kill = (pid, signal = 'SIGTERM') => {
    if (!targetsRuntime(pid)) return realKill(pid, signal);
    const number = typeof signal === 'number' ? signal : SIGNALS.get(String(signal));
    if (number === undefined)
      throw Object.assign(new TypeError(`Unknown signal: ${String(signal)}`), { code: 'ERR_UNKNOWN_SIGNAL' });
    endBySignal(number);
    return true;
  };
  if (rawKill)
    process._kill = (pid, number) => (targetsRuntime(pid) ? (endBySignal(number), 0) : rawKill(pid, number));
  // Lambda's Node.js process aborts on SIGABRT; a worker thread cannot abort, and must not abort the runtime.
  process.abort = () => endBySignal(SIGNALS.get('SIGABRT'));
}
