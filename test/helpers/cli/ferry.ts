// `ferry` as a real process: `ferry sqs` (ready at its one endpoint line) and `ferry up` (ready
// once its endpoints and outputs are printed). Integration lane only: these start processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../runtime/runtime.js';
import { until } from '../time/until.js';

const FERRY = `${ROOT}local/bin/ferry.js`;

/** `ferry up`'s three ports on free ones: tests run beside a developer's own `npm start`. */
export const FREE_PORTS = ['--api-port', '0', '--sqs-port', '0', '--console-port', '0'];

export interface FerryProcess {
  child: ChildProcess;
  endpoint: string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/** Starts `ferry <args>` as a real process and waits for its ready line. */
export function spawnFerry(args: string[], env: Record<string, string> = {}): Promise<FerryProcess> {
  const child = spawn(process.execPath, [FERRY, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ferry did not start in time: ${out}${err}`));
    }, 15_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/[^\s]+/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, endpoint: m[0], exited, stderr: () => err });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`ferry exited (${code}) before it was ready: ${out}${err}`));
    });
  });
}

export interface UpProcess {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  api: string;
  sqs: string;
  exited: Promise<number | string>;
}

/** `ferry up <args>` as a real process; resolves once its ready text is out. */
export function spawnUp(args: string[]): Promise<UpProcess> {
  const child = spawn(process.execPath, [FERRY, 'up', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return until(
    'ferry up to be ready',
    async () => {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`ferry up exited (${child.exitCode ?? child.signalCode}): ${out}${err}`);
      const api = /^ {2}API \([^)]+\) +(\S+)$/m.exec(out)?.[1];
      const sqs = /^ {2}SQS +(\S+)$/m.exec(out)?.[1];
      if (api === undefined || sqs === undefined || !out.includes('Outputs:')) return undefined;
      return { child, stdout: () => out, stderr: () => err, api, sqs, exited };
    },
    20_000,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}
